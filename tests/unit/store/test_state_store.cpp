// Tests for the state store's tables and transactions, through its public API.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "daemon/store/state_store.hpp"
#include "unit/store/store_test_support.hpp"

namespace {

using namespace watchdesk;
using namespace watchdesk::store;
using namespace watchdesk::store::testing;
using watchdesk::store::testing::open_ok;
using watchdesk::store::testing::RawDb;
using watchdesk::store::testing::TempDir;

// 2026-06-01T00:00:00Z and offsets from it.
TimePoint at(long seconds_after_t0) { return kT0 + Seconds{seconds_after_t0}; }

Observation filing(const std::string& accession) {
  Observation o;
  o.key = accession;
  o.title = "SpaceX S-1 " + accession;
  o.url = "https://www.sec.gov/Archives/edgar/data/1181412/" + accession + "-index.htm";
  o.published = at(-60);
  o.facts = {{"form", "S-1"},
             {"accession", accession},
             {"company", "Space Exploration \"SpaceX\""},
             {"summary", "line one\nline two, caf\xc3\xa9"}};
  return o;
}

Transaction begin_ok(StateStore& store) {
  auto tx = store.begin();
  BOOST_REQUIRE_MESSAGE(tx.ok(), (tx.ok() ? "" : tx.error().message));
  return std::move(tx).value();
}

void commit_ok(Transaction& tx) {
  auto status = tx.commit();
  BOOST_REQUIRE_MESSAGE(status.ok(), (status.ok() ? "" : status.error().message));
}

bool added(const Result<bool>& result) {
  BOOST_REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().message));
  return result.value();
}

void require(const Status& status) {
  BOOST_REQUIRE_MESSAGE(status.ok(), (status.ok() ? "" : status.error().message));
}

struct StoreFixture {
  TempDir dir;
  std::filesystem::path path = dir / "state.db";
  std::unique_ptr<StateStore> store = open_ok(path);
};

AlertRecord alert_record(const std::string& id, TimePoint raised) {
  return AlertRecord{id, id.substr(0, id.find('/')), R"({"id":")" + id + R"("})", raised};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(store_state_store)

BOOST_FIXTURE_TEST_CASE(round_trips_fetch_state, StoreFixture) {
  FetchState full;
  full.source_id = "crwv-price";
  full.url = "https://stooq.com/q/l/?s=crwv.us";
  full.etag = "W/\"abc\"";
  full.last_modified = "Mon, 01 Jun 2026 13:58:00 GMT";
  full.last_attempt = at(10);
  full.last_success = at(5);
  full.last_status = 304;
  full.last_error = "";
  full.consecutive_failures = 0;
  full.unhealthy_alerted = false;

  FetchState failing;
  failing.source_id = "colossus-news";
  failing.url = "https://news.example/rss";
  failing.last_attempt = at(20);
  failing.last_status = 0;
  failing.last_error = "connection refused";
  failing.consecutive_failures = 4;
  failing.unhealthy_alerted = true;

  {
    auto tx = begin_ok(*store);
    require(tx.put_fetch_state(full));
    require(tx.put_fetch_state(failing));
    commit_ok(tx);
  }
  store.reset();
  store = open_ok(path);

  const auto read = must(store->fetch_state("crwv-price"));
  BOOST_REQUIRE(read.has_value());
  BOOST_TEST(read->url == full.url);
  BOOST_TEST(read->etag == full.etag);
  BOOST_TEST(read->last_modified == full.last_modified);
  BOOST_TEST((read->last_attempt == full.last_attempt));
  BOOST_TEST((read->last_success == full.last_success));
  BOOST_TEST(read->last_status == 304);
  BOOST_TEST(read->consecutive_failures == 0);
  BOOST_TEST(!read->unhealthy_alerted);

  const auto bad = must(store->fetch_state("colossus-news"));
  BOOST_REQUIRE(bad.has_value());
  BOOST_TEST(!bad->last_success.has_value());
  BOOST_TEST(bad->last_error == "connection refused");
  BOOST_TEST(bad->consecutive_failures == 4);
  BOOST_TEST(bad->unhealthy_alerted);

  BOOST_TEST(!must(store->fetch_state("nope")).has_value());
  const auto all = must(store->fetch_states());
  BOOST_REQUIRE(all.size() == 2u);
  BOOST_TEST(all[0].source_id == "colossus-news");
  BOOST_TEST(all[1].source_id == "crwv-price");
}

BOOST_FIXTURE_TEST_CASE(put_fetch_state_replaces_the_previous_state, StoreFixture) {
  FetchState state;
  state.source_id = "xai-jobs";
  state.etag = "one";
  state.consecutive_failures = 3;
  state.unhealthy_alerted = true;
  {
    auto tx = begin_ok(*store);
    require(tx.put_fetch_state(state));
    commit_ok(tx);
  }
  state.etag = "two";
  state.consecutive_failures = 0;
  state.unhealthy_alerted = false;
  state.last_success = at(100);
  {
    auto tx = begin_ok(*store);
    require(tx.put_fetch_state(state));
    commit_ok(tx);
  }
  const auto read = must(store->fetch_state("xai-jobs"));
  BOOST_REQUIRE(read.has_value());
  BOOST_TEST(read->etag == "two");
  BOOST_TEST(read->consecutive_failures == 0);
  BOOST_TEST(!read->unhealthy_alerted);
  BOOST_TEST((read->last_success == at(100)));
  BOOST_TEST(must(store->fetch_states()).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(add_observation_is_new_once_per_source_and_key, StoreFixture) {
  const auto first = filing("0001628280-26-036936");
  {
    auto tx = begin_ok(*store);
    BOOST_TEST(added(tx.add_observation("spacex-filings", first, at(0))));
    BOOST_TEST(!added(tx.add_observation("spacex-filings", first, at(1))));
    BOOST_TEST(added(tx.add_observation("other-source", first, at(2))));
    commit_ok(tx);
  }
  {
    auto tx = begin_ok(*store);
    BOOST_TEST(!added(tx.add_observation("spacex-filings", first, at(3))));
    commit_ok(tx);
  }
  BOOST_TEST(must(store->has_observation("spacex-filings", first.key)));
  BOOST_TEST(must(store->has_observation("other-source", first.key)));
  BOOST_TEST(!must(store->has_observation("spacex-filings", "0000000000-00-000000")));

  const auto stored = must(store->observations("spacex-filings", at(0)));
  BOOST_REQUIRE(stored.size() == 1u);
  BOOST_TEST(stored[0].source_id == "spacex-filings");
  BOOST_TEST(stored[0].signal == signal_id("spacex-filings", first.key));
  BOOST_TEST((stored[0].first_seen == at(0)));  // a repeat does not move first_seen
  BOOST_TEST(stored[0].observation.key == first.key);
  BOOST_TEST(stored[0].observation.title == first.title);
  BOOST_TEST(stored[0].observation.url == first.url);
  BOOST_TEST((stored[0].observation.published == first.published));
  BOOST_TEST((stored[0].observation.facts == first.facts));
}

BOOST_FIXTURE_TEST_CASE(observations_since_are_oldest_first, StoreFixture) {
  Observation undated = filing("b");
  undated.published.reset();
  undated.facts.clear();
  {
    auto tx = begin_ok(*store);
    BOOST_TEST(added(tx.add_observation("feed", filing("c"), at(30))));
    BOOST_TEST(added(tx.add_observation("feed", undated, at(20))));
    BOOST_TEST(added(tx.add_observation("feed", filing("a"), at(10))));
    BOOST_TEST(added(tx.add_observation("elsewhere", filing("z"), at(25))));
    commit_ok(tx);
  }
  const auto since = must(store->observations("feed", at(20)));
  BOOST_REQUIRE(since.size() == 2u);
  BOOST_TEST(since[0].observation.key == "b");
  BOOST_TEST(!since[0].observation.published.has_value());
  BOOST_TEST(since[0].observation.facts.empty());
  BOOST_TEST(since[1].observation.key == "c");
  BOOST_TEST(must(store->observations("feed", at(0))).size() == 3u);
  BOOST_TEST(must(store->observations("feed", at(31))).empty());
}

BOOST_FIXTURE_TEST_CASE(series_points_by_time, StoreFixture) {
  {
    auto tx = begin_ok(*store);
    require(tx.add_point("crwv-price.close", SeriesPoint{"close", at(200), 101.5, "q1"}));
    require(tx.add_point("crwv-price.close", SeriesPoint{"close", at(100), 100.0, ""}));
    require(tx.add_point("crwv-price.close", SeriesPoint{"close", at(300), 99.25, ""}));
    require(
        tx.add_point("crwv-facts.revenue_ttm", SeriesPoint{"revenue_ttm", at(50), 5.1e9, "acc"}));
    require(tx.add_point("crwv-ps", SeriesPoint{"crwv-ps", at(50), 21.0, ""}));
    // A point at the same time replaces the earlier one.
    require(tx.add_point("crwv-price.close", SeriesPoint{"close", at(200), 102.0, "q2"}));
    commit_ok(tx);
  }
  const auto latest = must(store->latest_point("crwv-price.close"));
  BOOST_REQUIRE(latest.has_value());
  BOOST_TEST((latest->at == at(300)));
  BOOST_TEST(latest->value == 99.25);
  BOOST_TEST(latest->field == "close");

  BOOST_TEST(!must(store->point_at_or_before("crwv-price.close", at(99))).has_value());
  const auto exact = must(store->point_at_or_before("crwv-price.close", at(200)));
  BOOST_REQUIRE(exact.has_value());
  BOOST_TEST(exact->value == 102.0);
  BOOST_TEST(exact->ref == "q2");
  const auto between = must(store->point_at_or_before("crwv-price.close", at(299)));
  BOOST_REQUIRE(between.has_value());
  BOOST_TEST((between->at == at(200)));

  const auto range = must(store->series("crwv-price.close", at(100), at(200)));
  BOOST_REQUIRE(range.size() == 2u);
  BOOST_TEST((range[0].at == at(100)));
  BOOST_TEST((range[1].at == at(200)));
  BOOST_TEST(must(store->series("crwv-price.close", at(301), at(400))).empty());
  BOOST_TEST(must(store->series("crwv-price.close", at(0), at(1000))).size() == 3u);

  const auto metric = must(store->latest_point("crwv-ps"));
  BOOST_REQUIRE(metric.has_value());
  BOOST_TEST(metric->field == "crwv-ps");
  BOOST_TEST(!must(store->latest_point("unknown.close")).has_value());

  const std::vector<std::string> names{"crwv-facts.revenue_ttm", "crwv-price.close", "crwv-ps"};
  BOOST_TEST(must(store->series_names()) == names, boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(round_trips_trigger_state, StoreFixture) {
  BOOST_TEST(!must(store->trigger_state("coreweave-move")).has_value());
  {
    auto tx = begin_ok(*store);
    require(tx.put_trigger_state("coreweave-move", R"({"armed":true})"));
    require(tx.put_trigger_state("second-tenant", R"({"known":["Anthropic"]})"));
    commit_ok(tx);
  }
  {
    auto tx = begin_ok(*store);
    require(tx.put_trigger_state("coreweave-move", R"({"armed":false})"));
    commit_ok(tx);
  }
  BOOST_TEST(must(store->trigger_state("coreweave-move")).value_or("") == R"({"armed":false})");
  BOOST_TEST(must(store->trigger_state("second-tenant")).value_or("") == R"({"known":["Anthropic"]})");
}

BOOST_FIXTURE_TEST_CASE(add_alert_is_false_for_a_repeated_id, StoreFixture) {
  const auto alert = alert_record("s1-public/0001628280-26-036936", at(0));
  {
    auto tx = begin_ok(*store);
    BOOST_TEST(added(tx.add_alert(alert, {"desk", "desk-mail"})));
    BOOST_TEST(!added(tx.add_alert(alert, {"desk", "ops"})));
    commit_ok(tx);
  }
  {
    auto tx = begin_ok(*store);
    auto again = alert;
    again.raised_at = at(100);
    BOOST_TEST(!added(tx.add_alert(again, {"desk"})));
    commit_ok(tx);
  }
  BOOST_TEST(must(store->has_alert(alert.id)));
  BOOST_TEST(!must(store->has_alert("s1-public/other")));
  const auto read = must(store->alert(alert.id));
  BOOST_REQUIRE(read.has_value());
  BOOST_TEST(read->trigger == "s1-public");
  BOOST_TEST(read->json == alert.json);
  BOOST_TEST((read->raised_at == at(0)));
  BOOST_TEST(!must(store->alert("s1-public/other")).has_value());

  // One pending delivery per channel of the first raise, due when raised.
  const auto pending = must(store->pending_deliveries());
  BOOST_REQUIRE(pending.size() == 2u);
  BOOST_TEST(pending[0].channel == "desk");
  BOOST_TEST(pending[1].channel == "desk-mail");
  for (const auto& delivery : pending) {
    BOOST_TEST(delivery.alert_id == alert.id);
    BOOST_TEST((delivery.status == DeliveryStatus::pending));
    BOOST_TEST(delivery.attempts == 0);
    BOOST_TEST((delivery.next_attempt == at(0)));
    BOOST_TEST(!delivery.delivered_at.has_value());
  }
}

BOOST_FIXTURE_TEST_CASE(deliveries_are_due_by_time_oldest_alert_first, StoreFixture) {
  {
    auto tx = begin_ok(*store);
    BOOST_TEST(added(tx.add_alert(alert_record("b/late", at(50)), {"desk"})));
    BOOST_TEST(added(tx.add_alert(alert_record("a/early", at(10)), {"ops", "desk"})));
    commit_ok(tx);
  }
  BOOST_TEST(must(store->due_deliveries(at(9))).empty());
  const auto due = must(store->due_deliveries(at(10)));
  BOOST_REQUIRE(due.size() == 2u);
  BOOST_TEST(due[0].alert_id == "a/early");
  BOOST_TEST(due[0].channel == "desk");
  BOOST_TEST(due[1].channel == "ops");
  const auto later = must(store->due_deliveries(at(60)));
  BOOST_REQUIRE(later.size() == 3u);
  BOOST_TEST(later[2].alert_id == "b/late");

  // A failed attempt is retried at its next attempt; delivered and given-up ones are done.
  Delivery failed = due[0];
  failed.status = DeliveryStatus::failed;
  failed.next_attempt = at(120);
  failed.last_error = "HTTP 503 from hooks.slack.com";
  require(store->update_delivery(failed));
  Delivery done = due[1];
  done.status = DeliveryStatus::delivered;
  done.delivered_at = at(61);
  require(store->update_delivery(done));
  Delivery dead = later[2];
  dead.status = DeliveryStatus::given_up;
  dead.last_error = "HTTP 404: webhook removed";
  require(store->update_delivery(dead));

  BOOST_TEST(must(store->due_deliveries(at(119))).empty());
  const auto retry = must(store->due_deliveries(at(120)));
  BOOST_REQUIRE(retry.size() == 1u);
  BOOST_TEST(retry[0].alert_id == "a/early");
  BOOST_TEST(retry[0].channel == "desk");
  BOOST_TEST((retry[0].status == DeliveryStatus::failed));
  BOOST_TEST(retry[0].attempts == 1);
  BOOST_TEST(retry[0].last_error == "HTTP 503 from hooks.slack.com");
  BOOST_TEST(must(store->pending_deliveries()).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(update_delivery_counts_attempts_and_records_delivery, StoreFixture) {
  {
    auto tx = begin_ok(*store);
    BOOST_TEST(added(tx.add_alert(alert_record("t/1", at(0)), {"desk"})));
    commit_ok(tx);
  }
  Delivery delivery = must(store->pending_deliveries()).at(0);
  delivery.status = DeliveryStatus::failed;
  delivery.next_attempt = at(30);
  delivery.last_error = "timeout";
  require(store->update_delivery(delivery));
  require(store->update_delivery(delivery));
  delivery.status = DeliveryStatus::delivered;
  delivery.last_error.clear();
  delivery.delivered_at = at(31);
  require(store->update_delivery(delivery));

  const auto history = must(store->alerts_since(at(0)));
  BOOST_REQUIRE(history.size() == 1u);
  BOOST_REQUIRE(history[0].deliveries.size() == 1u);
  const auto& stored = history[0].deliveries[0];
  BOOST_TEST((stored.status == DeliveryStatus::delivered));
  BOOST_TEST(stored.attempts == 3);
  BOOST_TEST(stored.last_error.empty());
  BOOST_TEST((stored.delivered_at == at(31)));
  BOOST_TEST(must(store->pending_deliveries()).empty());

  Delivery unknown = delivery;
  unknown.channel = "no-such-channel";
  const auto status = store->update_delivery(unknown);
  BOOST_REQUIRE(!status.ok());
  BOOST_TEST(status.error().message.find("no-such-channel") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(update_delivery_inside_a_transaction_joins_it, StoreFixture) {
  {
    auto tx = begin_ok(*store);
    BOOST_TEST(added(tx.add_alert(alert_record("t/1", at(0)), {"desk"})));
    commit_ok(tx);
  }
  Delivery delivery = must(store->pending_deliveries()).at(0);
  delivery.status = DeliveryStatus::delivered;
  delivery.delivered_at = at(1);
  {
    auto tx = begin_ok(*store);
    require(store->update_delivery(delivery));
  }  // dropped: rolled back together
  BOOST_TEST(must(store->pending_deliveries()).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(alerts_since_are_newest_first_with_deliveries, StoreFixture) {
  {
    auto tx = begin_ok(*store);
    BOOST_TEST(added(tx.add_alert(alert_record("old/1", at(0)), {"desk"})));
    BOOST_TEST(added(tx.add_alert(alert_record("mid/1", at(100)), {"desk", "desk-mail"})));
    BOOST_TEST(added(tx.add_alert(alert_record("new/1", at(200)), {})));
    commit_ok(tx);
  }
  const auto history = must(store->alerts_since(at(100)));
  BOOST_REQUIRE(history.size() == 2u);
  BOOST_TEST(history[0].alert.id == "new/1");
  BOOST_TEST(history[0].deliveries.empty());
  BOOST_TEST(history[1].alert.id == "mid/1");
  BOOST_TEST(history[1].alert.trigger == "mid");
  BOOST_REQUIRE(history[1].deliveries.size() == 2u);
  BOOST_TEST(history[1].deliveries[0].channel == "desk");
  BOOST_TEST(history[1].deliveries[1].channel == "desk-mail");
  BOOST_TEST(must(store->alerts_since(at(0))).size() == 3u);
  BOOST_TEST(must(store->alerts_since(at(201))).empty());
}

BOOST_FIXTURE_TEST_CASE(rolls_back_a_transaction_destroyed_uncommitted, StoreFixture) {
  FetchState state;
  state.source_id = "spacex-filings";
  {
    auto tx = begin_ok(*store);
    BOOST_TEST(added(tx.add_observation("spacex-filings", filing("x"), at(0))));
    require(tx.add_point("crwv-price.close", SeriesPoint{"close", at(0), 1.0, ""}));
    require(tx.put_fetch_state(state));
    require(tx.put_trigger_state("s1-public", "{}"));
    BOOST_TEST(added(tx.add_alert(alert_record("s1-public/x", at(0)), {"desk"})));
  }
  BOOST_TEST(!must(store->has_observation("spacex-filings", "x")));
  BOOST_TEST(!must(store->latest_point("crwv-price.close")).has_value());
  BOOST_TEST(!must(store->fetch_state("spacex-filings")).has_value());
  BOOST_TEST(!must(store->trigger_state("s1-public")).has_value());
  BOOST_TEST(!must(store->has_alert("s1-public/x")));
  BOOST_TEST(must(store->pending_deliveries()).empty());

  // The store is usable again, and the same rows are new.
  auto tx = begin_ok(*store);
  BOOST_TEST(added(tx.add_observation("spacex-filings", filing("x"), at(0))));
  BOOST_TEST(added(tx.add_alert(alert_record("s1-public/x", at(0)), {"desk"})));
  commit_ok(tx);
  BOOST_TEST(must(store->has_alert("s1-public/x")));
}

BOOST_FIXTURE_TEST_CASE(a_moved_transaction_commits_once, StoreFixture) {
  auto tx = begin_ok(*store);
  Transaction moved(std::move(tx));
  BOOST_TEST(!tx.add_observation("a", filing("1"), at(0)).ok());
  BOOST_TEST(added(moved.add_observation("a", filing("1"), at(0))));
  BOOST_TEST(!tx.commit().ok());
  commit_ok(moved);
  BOOST_TEST(!moved.commit().ok());
  BOOST_TEST(!moved.add_observation("a", filing("2"), at(0)).ok());
  BOOST_TEST(must(store->has_observation("a", "1")));
  BOOST_TEST(!must(store->has_observation("a", "2")));
}

BOOST_FIXTURE_TEST_CASE(refuses_a_second_open_transaction, StoreFixture) {
  auto tx = begin_ok(*store);
  const auto second = store->begin();
  BOOST_REQUIRE(!second.ok());
  BOOST_TEST(second.error().message.find("already open") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_read_only_store_reads_but_refuses_writes, StoreFixture) {
  {
    auto tx = begin_ok(*store);
    BOOST_TEST(added(tx.add_alert(alert_record("t/1", at(0)), {"desk"})));
    commit_ok(tx);
  }
  auto reader = open_ok(path, Access::read_only);
  BOOST_TEST(must(reader->has_alert("t/1")));
  BOOST_TEST(!reader->begin().ok());
  Delivery delivery = must(reader->pending_deliveries()).at(0);
  delivery.status = DeliveryStatus::delivered;
  BOOST_TEST(!reader->update_delivery(delivery).ok());
  BOOST_TEST(must(store->pending_deliveries()).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(reports_a_full_database_as_an_error, StoreFixture) {
  // Cap the file at its current size: the next pages cannot be allocated, as on a full disk.
  RawDb probe(path);
  const std::string pages = probe.text("PRAGMA page_count");
  BOOST_REQUIRE(sqlite3_exec(store->handle(), ("PRAGMA max_page_count = " + pages).c_str(), nullptr,
                             nullptr, nullptr) == SQLITE_OK);
  auto tx = begin_ok(*store);
  std::string failure;
  for (int i = 0; i < 10000 && failure.empty(); ++i) {
    auto big = filing(std::to_string(i));
    big.title.assign(2000, 'x');
    const auto result = tx.add_observation("feed", big, at(i));
    if (!result.ok()) failure = result.error().message;
  }
  BOOST_TEST_MESSAGE(failure);
  BOOST_TEST(failure.find("full") != std::string::npos);
  BOOST_TEST(failure.find(path.string()) != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(handles_ten_thousand_sources_in_one_transaction, StoreFixture) {
  constexpr int kSources = 10000;
  {
    auto tx = begin_ok(*store);
    for (int i = 0; i < kSources; ++i) {
      const std::string id = "source-" + std::to_string(i);
      FetchState state;
      state.source_id = id;
      state.etag = "e" + std::to_string(i);
      state.last_attempt = at(i);
      require(tx.put_fetch_state(state));
      BOOST_REQUIRE(added(tx.add_observation(id, filing("k"), at(i))));
    }
    commit_ok(tx);
  }
  const auto states = must(store->fetch_states());
  BOOST_TEST(states.size() == static_cast<std::size_t>(kSources));
  BOOST_TEST(must(store->fetch_state("source-9999")).value_or(FetchState{}).etag == "e9999");
  BOOST_TEST(must(store->has_observation("source-4242", "k")));
}

BOOST_FIXTURE_TEST_CASE(read_failures_are_errors_naming_the_file, StoreFixture) {
  {
    auto tx = begin_ok(*store);
    BOOST_TEST(added(tx.add_observation("feed", filing("1"), at(0))));
    require(tx.put_trigger_state("s1-public", "{}"));
    commit_ok(tx);
  }
  BOOST_TEST(must(store->trigger_state("s1-public")).has_value());
  {
    RawDb raw(path);
    raw.exec("UPDATE observations SET facts = 'not json'");
    raw.exec("DROP TABLE trigger_state");
  }
  const auto bad_facts = store->observations("feed", at(0));
  BOOST_TEST_REQUIRE(!bad_facts.ok());
  BOOST_TEST(bad_facts.error().message.find("facts of observation 1 of source feed") != std::string::npos);

  const auto missing = store->trigger_state("s1-public");
  BOOST_TEST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().message.find("reading state of trigger s1-public failed") != std::string::npos);
  BOOST_TEST(missing.error().message.find(path.string()) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(names_delivery_statuses_and_open_failures) {
  BOOST_TEST(to_string(DeliveryStatus::given_up) == "given_up");
  BOOST_TEST(to_string(ErrorKind::unsupported) == "unsupported");
  BOOST_TEST(to_string(ErrorKind::busy) == "busy");
}

BOOST_AUTO_TEST_SUITE_END()
