// `must`: the value of a `Result` a test relies on, failing the test with the error otherwise.
#pragma once

#include <boost/test/unit_test.hpp>

#include <utility>

#include "core/result.hpp"

namespace watchdesk::testing {

/// The value of `result`; the current test stops with the error's message when there is none.
template <class T>
T must(Result<T> result) {
  BOOST_TEST_REQUIRE(result.ok(), (result.ok() ? std::string() : result.error().message));
  return std::move(result).value();
}

}  // namespace watchdesk::testing
