// `Result<T>`: a value or an error message a user can act on, for fallible parsing and I/O.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace watchdesk {

/// An error: what went wrong, where, and what to do, in words an operator can act on.
struct Error {
  std::string message;
};

/// Builds an `Error` from a message.
inline Error make_error(std::string message) { return Error{std::move(message)}; }

/// A value of type `T` or an `Error`; the error path never throws.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  /// True when a value is held.
  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  /// The value; only valid when `ok()`.
  T& value() & { assert(ok()); return std::get<0>(data_); }
  const T& value() const& { assert(ok()); return std::get<0>(data_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  /// The error; only valid when `!ok()`.
  const Error& error() const { assert(!ok()); return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

/// A success-or-error result without a value.
struct Unit {};
using Status = Result<Unit>;

/// The success value of a `Status`.
inline Status ok_status() { return Unit{}; }

}  // namespace watchdesk
