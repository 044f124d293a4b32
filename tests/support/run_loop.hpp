// Driving an io_context from a test until a condition holds, with a time bound instead of sleeps.
#pragma once

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <functional>

namespace watchdesk::testing {

/// Runs `io` until `done()` is true or `limit` has passed; returns `done()`. Handlers run on the
/// calling thread. A loop that runs out of work is restarted, so work added later still runs.
inline bool run_until(boost::asio::io_context& io, const std::function<bool()>& done,
                      std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return done();
    if (io.stopped()) io.restart();
    io.run_one_for(std::min<std::chrono::steady_clock::duration>(deadline - now, std::chrono::milliseconds(50)));
  }
  return true;
}

/// Runs `io` for `span` (for asserting that nothing happens within it).
inline void run_for(boost::asio::io_context& io, std::chrono::milliseconds span) {
  const auto deadline = std::chrono::steady_clock::now() + span;
  for (auto now = std::chrono::steady_clock::now(); now < deadline; now = std::chrono::steady_clock::now()) {
    if (io.stopped()) io.restart();
    io.run_one_for(deadline - now);
  }
}

}  // namespace watchdesk::testing
