// Tests for daemon/fetch/host_windows.cpp: polls running per host and the polls waiting for room.
#include <boost/test/unit_test.hpp>

#include <chrono>

#include "daemon/fetch/host_windows.hpp"

using namespace watchdesk::fetch;

namespace {

DuePoll poll(std::size_t index) {
  return DuePoll{std::chrono::steady_clock::time_point{} + std::chrono::milliseconds(index), index, 1};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fetch_host_windows)

BOOST_AUTO_TEST_CASE(numbers_each_host_once) {
  HostWindows windows(2);
  const auto a = windows.host("a.example");
  const auto b = windows.host("b.example");
  BOOST_TEST(a != b);
  BOOST_TEST(windows.host("a.example") == a);
  BOOST_TEST(windows.host("b.example") == b);
}

BOOST_AUTO_TEST_CASE(starts_no_more_than_the_limit_per_host) {
  HostWindows windows(2);
  const auto a = windows.host("a.example");
  const auto b = windows.host("b.example");
  BOOST_TEST(windows.try_start(a));
  BOOST_TEST(windows.try_start(a));
  BOOST_TEST(!windows.try_start(a));
  BOOST_TEST(windows.running(a) == 2u);
  // Another host has a window of its own.
  BOOST_TEST(windows.try_start(b));
  windows.finish(a);
  BOOST_TEST(windows.try_start(a));
}

BOOST_AUTO_TEST_CASE(hands_out_waiting_polls_first_come_first_served_when_there_is_room) {
  HostWindows windows(1);
  const auto a = windows.host("a.example");
  BOOST_TEST(windows.try_start(a));
  windows.wait(a, poll(7));
  windows.wait(a, poll(3));
  BOOST_TEST(windows.waiting() == 2u);
  BOOST_TEST(!windows.next_waiting(a).has_value());  // the window is full
  windows.finish(a);
  const auto first = windows.next_waiting(a);
  BOOST_TEST_REQUIRE(first.has_value());
  BOOST_TEST(first->index == 7u);
  BOOST_TEST(windows.waiting() == 1u);
  BOOST_TEST(windows.running(a) == 0u);  // not counted until started
  BOOST_TEST(windows.try_start(a));
  windows.finish(a);
  BOOST_TEST(windows.next_waiting(a)->index == 3u);
  BOOST_TEST(!windows.next_waiting(a).has_value());
  BOOST_TEST(windows.waiting() == 0u);
}

BOOST_AUTO_TEST_CASE(waiting_polls_of_one_host_never_come_out_for_another) {
  HostWindows windows(1);
  const auto a = windows.host("a.example");
  const auto b = windows.host("b.example");
  windows.wait(a, poll(1));
  BOOST_TEST(!windows.next_waiting(b).has_value());
  BOOST_TEST(windows.next_waiting(a)->index == 1u);
}

BOOST_AUTO_TEST_CASE(clearing_drops_every_waiting_poll) {
  HostWindows windows(1);
  const auto a = windows.host("a.example");
  const auto b = windows.host("b.example");
  windows.wait(a, poll(1));
  windows.wait(b, poll(2));
  windows.clear_waiting();
  BOOST_TEST(windows.waiting() == 0u);
  BOOST_TEST(!windows.next_waiting(a).has_value());
  BOOST_TEST(!windows.next_waiting(b).has_value());
}

BOOST_AUTO_TEST_CASE(a_limit_of_zero_is_taken_as_one) {
  HostWindows windows(0);
  const auto a = windows.host("a.example");
  BOOST_TEST(windows.try_start(a));
  BOOST_TEST(!windows.try_start(a));
}

BOOST_AUTO_TEST_SUITE_END()
