// Archive file names, time bounds and media types (daemon/archive/layout).
#include "daemon/archive/layout.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "unit/config/support.hpp"

using namespace watchdesk;
using namespace watchdesk::archive;

BOOST_AUTO_TEST_SUITE(archive_layout)

BOOST_AUTO_TEST_CASE(file_names_round_trip_through_their_time) {
  const TimePoint at = *parse_rfc3339("2026-12-03T06:15:00Z");
  BOOST_TEST(file_name(at, "json") == "20261203T061500Z.json");
  BOOST_TEST(format_rfc3339(parse_file_time("20261203T061500Z").value()) == format_rfc3339(at));
}

BOOST_AUTO_TEST_CASE(names_that_are_not_archive_times_are_refused) {
  for (const char* stem : {"", "20261203T061500", "20261203 061500Z", "20261303T061500Z", "20260230T000000Z",
                           "20261203T246000Z", "2026120xT061500Z", ".20261203T061500Z"})
    BOOST_TEST(!parse_file_time(stem).has_value(), stem);
}

BOOST_AUTO_TEST_CASE(bounds_accept_rfc3339_archive_times_and_dates) {
  struct Row {
    const char* text;
    Bound bound;
    const char* expected;
  };
  const std::vector<Row> rows{
      {"2026-05-20T23:00:00Z", Bound::since, "2026-05-20T23:00:00Z"},
      {"2026-05-20T19:00:00-04:00", Bound::until, "2026-05-20T23:00:00Z"},
      {"20260520T230000Z", Bound::since, "2026-05-20T23:00:00Z"},
      {"2026-05-20", Bound::since, "2026-05-20T00:00:00Z"},
      {"2026-05-20", Bound::until, "2026-05-20T23:59:59Z"},
  };
  for (const auto& row : rows) {
    auto parsed = parse_bound(row.text, row.bound);
    BOOST_TEST_REQUIRE(parsed.has_value(), row.text);
    BOOST_TEST(format_rfc3339(*parsed) == row.expected, row.text);
  }
  BOOST_TEST(!parse_bound("yesterday", Bound::since).has_value());
  BOOST_TEST(!parse_bound("7d", Bound::until).has_value());
}

BOOST_AUTO_TEST_CASE(extensions_come_from_the_media_type_else_the_first_byte) {
  struct Row {
    const char* content_type;
    const char* body;
    const char* extension;
  };
  const std::vector<Row> rows{
      {"application/atom+xml; charset=ISO-8859-1", "<feed/>", "atom"},
      {"application/rss+xml", "<rss/>", "rss"},
      {"application/json", "{}", "json"},
      {"text/csv", "Date,Close\n", "csv"},
      {"text/html; charset=utf-8", "<html/>", "html"},
      {"text/xml", "<x/>", "xml"},
      {"text/plain", "x", "txt"},
      {"", "  [1]", "json"},
      {"", "<?xml version=\"1.0\"?><feed/>", "xml"},
      {"application/octet-stream", "Date,Close\n", "txt"},
  };
  for (const auto& row : rows) BOOST_TEST(extension_for(row.content_type, row.body) == row.extension, row.content_type);
  for (const char* ext : {"atom", "rss", "json", "csv", "html", "xml", "txt"})
    BOOST_TEST(extension_for(media_type_for(ext), "") == ext, ext);
  BOOST_TEST(media_type_for("bin").empty());
}

BOOST_AUTO_TEST_CASE(bodies_are_listed_oldest_first_without_strangers) {
  config::testing::TempDir dir;
  dir.write("news/20261203T061500Z.rss", "b");
  dir.write("news/20261201T000000Z.rss", "a");
  dir.write("news/.20261204T000000Z.rss.Ab12Cd", "temporary");
  dir.write("news/notes.txt", "not a body");
  auto listed = list_bodies(dir.path(), "news");
  BOOST_TEST_REQUIRE(listed.ok());
  BOOST_TEST_REQUIRE(listed->size() == 2u);
  BOOST_TEST(format_rfc3339((*listed)[0].at) == "2026-12-01T00:00:00Z");
  BOOST_TEST((*listed)[1].extension == "rss");
  BOOST_TEST((*listed)[1].source_id == "news");
  auto none = list_bodies(dir.path(), "other");
  BOOST_TEST_REQUIRE(none.ok());
  BOOST_TEST(none->empty());
}

BOOST_AUTO_TEST_SUITE_END()
