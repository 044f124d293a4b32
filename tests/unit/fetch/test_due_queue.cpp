// Tests for daemon/fetch/due_queue.cpp: polls due within the window are taken together, never
// earlier than the window, and a timer that fires when the queue says leaves no poll behind.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "daemon/fetch/due_queue.hpp"

using namespace watchdesk::fetch;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const Clock::time_point t0 = Clock::time_point(1000s);

bool any_current(const DuePoll&) { return true; }

std::vector<std::size_t> indexes(const std::vector<DuePoll>& polls) {
  std::vector<std::size_t> out;
  for (const auto& p : polls) out.push_back(p.index);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fetch_due_queue)

BOOST_AUTO_TEST_CASE(polls_due_within_the_window_are_taken_in_one_wake_up) {
  DueQueue queue(50ms);
  queue.push({t0 + 60ms, 3, 1});
  queue.push({t0, 0, 1});
  queue.push({t0 + 50ms, 2, 1});
  queue.push({t0 + 10ms, 1, 1});
  std::vector<DuePoll> taken;
  queue.take_due(t0, taken);
  BOOST_TEST(indexes(taken) == (std::vector<std::size_t>{0, 1, 2}), boost::test_tools::per_element());
  BOOST_TEST(queue.size() == 1u);
  Clock::time_point next{};
  BOOST_TEST(queue.next(any_current, next));
  BOOST_TEST((next == t0 + 60ms));
}

BOOST_AUTO_TEST_CASE(a_zero_window_takes_only_what_is_due) {
  DueQueue queue(0ms);
  queue.push({t0, 0, 1});
  queue.push({t0 + 1ms, 1, 1});
  std::vector<DuePoll> taken;
  queue.take_due(t0, taken);
  BOOST_TEST(indexes(taken) == (std::vector<std::size_t>{0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(next_skips_stale_plans) {
  DueQueue queue(25ms);
  queue.push({t0, 7, 1});       // replaced by generation 2
  queue.push({t0 + 5s, 7, 2});
  Clock::time_point next{};
  BOOST_TEST(queue.next([](const DuePoll& p) { return p.generation == 2; }, next));
  BOOST_TEST((next == t0 + 5s));
  BOOST_TEST(queue.size() == 1u);
  DueQueue empty(25ms);
  BOOST_TEST(!empty.next(any_current, next));
}

// A loop that wakes exactly when `next` says, takes what is due, and plans each taken poll again
// one interval (with jitter) after its planned time, as the scheduler does: no poll is ever taken
// more than the window early or after it was due, every source keeps being polled, and wake-ups
// are fewer than polls.
BOOST_AUTO_TEST_CASE(no_poll_is_early_by_more_than_the_window_late_or_starved) {
  constexpr std::size_t sources = 5000;
  const auto window = 40ms;
  DueQueue queue(window);
  std::mt19937_64 random(7);
  std::uniform_int_distribution<long> spread_ms(0, 60000), jitter_ms(-3000, 3000);
  std::vector<Clock::time_point> planned(sources);
  std::vector<std::uint64_t> polls(sources, 0);
  for (std::size_t i = 0; i < sources; ++i) {
    planned[i] = t0 + std::chrono::milliseconds(spread_ms(random));
    queue.push({planned[i], i, 0});
  }
  const Clock::time_point end = t0 + 600s;
  std::size_t wake_ups = 0;
  std::uint64_t taken_total = 0;
  Clock::duration earliest{0};
  Clock::time_point now{};
  std::vector<DuePoll> taken;
  while (queue.next(any_current, now) && now < end) {
    ++wake_ups;
    taken.clear();
    queue.take_due(now, taken);
    BOOST_REQUIRE(!taken.empty());
    for (const DuePoll& p : taken) {
      BOOST_REQUIRE(p.at >= now);  // the loop woke at the earliest: nothing was late
      earliest = std::max(earliest, p.at - now);
      BOOST_REQUIRE((p.at == planned[p.index]));
      ++polls[p.index];
      ++taken_total;
      planned[p.index] = p.at + 60s + std::chrono::milliseconds(jitter_ms(random));
      queue.push({planned[p.index], p.index, 0});
    }
  }
  BOOST_TEST(earliest <= Clock::duration(window));
  BOOST_TEST(earliest > Clock::duration::zero());  // polls were in fact joined early
  for (std::size_t i = 0; i < sources; ++i) BOOST_TEST_CONTEXT("source " << i) { BOOST_TEST(polls[i] >= 9u); }
  // About 83 polls a second, 12 ms apart on average: a 40 ms window joins several in a wake-up.
  BOOST_TEST(wake_ups * 2 < taken_total);
}

BOOST_AUTO_TEST_SUITE_END()
