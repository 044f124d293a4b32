// Ingestion of a source that answered before: the parser skips the items whose keys the store
// holds, and an item of a known key whose content changed keeps what was first stored of it.
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

#include "config/loader.hpp"
#include "daemon/pipeline/ingest.hpp"
#include "daemon/store/state_store.hpp"
#include "unit/config/support.hpp"

BOOST_AUTO_TEST_SUITE(pipeline_ingest_known_keys)

namespace {

using namespace watchdesk;
using watchdesk::config::testing::TempDir;

const TimePoint kFirstFetch{Seconds{1780272000}};  // 2026-06-01T00:00:00Z
const TimePoint kSecondFetch{Seconds{1780275600}};

std::string wire_feed(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string out = "<rss version=\"2.0\"><channel><title>Test wire</title>";
  for (const auto& [guid, title] : items)
    out += "<item><title>" + title + "</title><guid>" + guid + "</guid></item>";
  return out + "</channel></rss>";
}

struct KnownKeysDesk {
  KnownKeysDesk() {
    auto loaded = config::load_config(dir.write("watchdesk.toml", R"([watchdesk]
state = "state.db"
user_agent = "watchdesk known-keys test ops@example.com"

[channels.console]
kind = "stdout"

[sources.wire]
kind = "feed"
url = "https://news.example.com/wire.rss"
every = "1h"
)"));
    BOOST_TEST_REQUIRE(loaded.ok(), (loaded.ok() ? "" : loaded.error().to_string()));
    cfg = std::move(*loaded);
    auto opened = store::StateStore::open(dir.path() / "state.db", store::Access::read_write);
    BOOST_TEST_REQUIRE(opened.ok());
    state = std::move(*opened);
  }

  pipeline::IngestReport ingest(const std::string& body, TimePoint now) {
    pipeline::Ingestor ingestor(cfg, *state, pipeline::Commit::yes);
    pipeline::FetchOutcome outcome;
    outcome.kind = pipeline::FetchOutcome::Kind::body;
    outcome.status = 200;
    outcome.body = body;
    auto report = ingestor.ingest(cfg.sources.at(0), outcome, now);
    BOOST_TEST_REQUIRE(report.store_error.empty(), report.store_error);
    BOOST_TEST_REQUIRE(report.healthy, report.error);
    return report;
  }

  TempDir dir;
  config::Config cfg;
  std::unique_ptr<store::StateStore> state;
};

std::vector<std::string> new_keys_of(const pipeline::IngestReport& report) {
  std::vector<std::string> keys;
  for (const auto& o : report.new_observations) keys.push_back(o.observation.key);
  return keys;
}

}  // namespace

BOOST_AUTO_TEST_CASE(only_unseen_keys_are_new_and_a_changed_known_item_keeps_its_first_record) {
  KnownKeysDesk desk;
  const auto first = desk.ingest(wire_feed({{"a", "Old headline"}, {"b", "Second"}}), kFirstFetch);
  BOOST_TEST(new_keys_of(first) == (std::vector<std::string>{"a", "b"}), boost::test_tools::per_element());

  const auto second =
      desk.ingest(wire_feed({{"c", "Third"}, {"a", "Rewritten headline"}, {"b", "Second"}, {"c", "Third again"}}), kSecondFetch);
  BOOST_TEST(new_keys_of(second) == (std::vector<std::string>{"c"}), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(second.new_observations.size() == 1u);
  BOOST_TEST(second.new_observations[0].observation.title == "Third");
  BOOST_TEST(second.dropped == (std::vector<std::string>{"item #4 'Third again' repeats key c"}),
             boost::test_tools::per_element());

  auto stored = desk.state->observations("wire", TimePoint{});
  BOOST_TEST_REQUIRE(stored.ok());
  std::vector<std::string> titles;
  for (const auto& s : *stored) titles.push_back(s.observation.key + ": " + s.observation.title);
  BOOST_TEST(titles == (std::vector<std::string>{"a: Old headline", "b: Second", "c: Third"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_known_key_repeated_in_a_later_answer_is_dropped_as_in_a_first_answer) {
  KnownKeysDesk desk;
  desk.ingest(wire_feed({{"a", "First"}}), kFirstFetch);
  const auto second = desk.ingest(wire_feed({{"a", "First"}, {"a", "Copy"}}), kSecondFetch);
  BOOST_TEST(second.new_observations.empty());
  BOOST_TEST(second.dropped == (std::vector<std::string>{"item #2 'Copy' repeats key a"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
