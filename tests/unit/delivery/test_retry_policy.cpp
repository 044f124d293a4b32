// Tests for daemon/delivery/retry_policy.cpp: which outcomes are delivered, retried or permanent.
#include <boost/test/unit_test.hpp>

#include "daemon/delivery/retry_policy.hpp"

using namespace watchdesk;
using namespace watchdesk::delivery;
using config::ChannelKind;

BOOST_AUTO_TEST_SUITE(delivery_retry_policy)

BOOST_AUTO_TEST_CASE(judges_each_answer_per_channel_kind) {
  struct Case {
    ChannelKind kind;
    long code;
    const char* transport;
    const char* body;
    Verdict expected;
  };
  const Case cases[] = {
      {ChannelKind::slack, 200, "", "ok", Verdict::delivered},
      {ChannelKind::slack, 200, "", "", Verdict::permanent},
      {ChannelKind::slack, 400, "", "invalid_payload", Verdict::permanent},
      {ChannelKind::slack, 403, "", "action_prohibited", Verdict::permanent},
      {ChannelKind::slack, 404, "", "no_service", Verdict::permanent},
      {ChannelKind::slack, 410, "", "channel_is_archived", Verdict::permanent},
      {ChannelKind::slack, 429, "", "", Verdict::retry},
      {ChannelKind::slack, 500, "", "", Verdict::retry},
      {ChannelKind::slack, 503, "", "", Verdict::retry},
      {ChannelKind::slack, 0, "Couldn't connect to server", "", Verdict::retry},
      {ChannelKind::webhook, 204, "", "", Verdict::delivered},
      {ChannelKind::webhook, 201, "", "created", Verdict::delivered},
      {ChannelKind::webhook, 401, "", "", Verdict::permanent},
      {ChannelKind::webhook, 408, "", "", Verdict::retry},
      {ChannelKind::webhook, 502, "", "", Verdict::retry},
      {ChannelKind::webhook, 0, "Timeout was reached", "", Verdict::retry},
      {ChannelKind::email, 250, "", "", Verdict::delivered},
      {ChannelKind::email, 421, "service not available", "", Verdict::retry},
      {ChannelKind::email, 451, "", "", Verdict::retry},
      {ChannelKind::email, 550, "mailbox unavailable", "", Verdict::permanent},
      {ChannelKind::email, 0, "Couldn't connect to server", "", Verdict::retry},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(config::to_string(c.kind) << " " << c.code << " '" << c.transport << "' '" << c.body << "'") {
      auto j = judge(c.kind, {c.code, c.transport, c.body, std::nullopt});
      BOOST_TEST(static_cast<int>(j.verdict) == static_cast<int>(c.expected));
      BOOST_TEST(!j.message.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(backs_off_exponentially_with_cap_and_honours_retry_after) {
  TimePoint now{Seconds{1'000'000}};
  BOOST_TEST((next_attempt(now, 1, std::nullopt, 0.0) - now).count() == 5);
  BOOST_TEST((next_attempt(now, 2, std::nullopt, 0.0) - now).count() == 10);
  BOOST_TEST((next_attempt(now, 4, std::nullopt, 0.0) - now).count() == 40);
  BOOST_TEST((next_attempt(now, 30, std::nullopt, 0.0) - now).count() == 1800);
  BOOST_TEST((next_attempt(now, 1, std::nullopt, 0.999) - now).count() <= 6);
  BOOST_TEST((next_attempt(now, 1, Seconds{120}, 0.0) - now).count() == 120);
  BOOST_TEST((next_attempt(now, 10, Seconds{1}, 0.0) - now).count() > 1);
}

BOOST_AUTO_TEST_CASE(gives_up_after_the_channel_limit) {
  TimePoint first{Seconds{0}};
  BOOST_TEST(!should_give_up(first, first + Seconds{3600}, Seconds{24 * 3600}));
  BOOST_TEST(should_give_up(first, first + Seconds{24 * 3600}, Seconds{24 * 3600}));
}

BOOST_AUTO_TEST_SUITE_END()
