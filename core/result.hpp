// `Result<T>`: a value or an `Error` (message, position, kind), the one error type of watchdesk.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace watchdesk {

/// A place in a file, 1-based; `line` 0 when unknown, `file` empty when the error is not about a file.
struct Position {
  std::string file;
  int line = 0;
  int column = 0;
};

/// What kind of failure an error reports; callers map it to an exit status or a health state.
enum class ErrorKind {
  /// Input that is malformed or breaks a rule (a payload, a value, a request).
  invalid,
  /// A configuration error (exit 78).
  config,
  /// A command-line usage error (exit 64).
  usage,
  /// The state database cannot be used (exit 74).
  state,
  /// Locked by another process (transient).
  busy,
  /// Not writable (permissions, a read-only file system).
  read_only,
  /// Damaged, or not what it should be (another program's database).
  corrupt,
  /// Written by a newer version, or otherwise not supported by this build.
  unsupported,
  /// The disk or database is full.
  full,
  /// Something asked for does not exist.
  not_found,
  /// A file or network operation failed.
  io,
};

/// An error: what went wrong, where, and what to do, in words an operator can act on. The callee
/// says what it knows; a caller adds its own context in front (`source news: ...`) with `context`.
struct Error {
  std::string message;
  Position position;
  ErrorKind kind = ErrorKind::invalid;

  /// `FILE:LINE:COL: message` when the position names a file (line and column omitted when
  /// unknown), else the message alone.
  std::string to_string() const;

  /// The same error with `prefix: ` in front of its message.
  Error context(std::string_view prefix) const&;
  Error context(std::string_view prefix) &&;
};

/// The name of an error kind: `invalid`, `config`, `busy`, `read_only`, `corrupt`, ...
std::string_view to_string(ErrorKind kind);

/// Builds an `Error` from a message and a kind.
inline Error make_error(std::string message, ErrorKind kind = ErrorKind::invalid) {
  return Error{std::move(message), {}, kind};
}

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
  const Error& error() const& { assert(!ok()); return std::get<1>(data_); }
  Error&& error() && { assert(!ok()); return std::get<1>(std::move(data_)); }

 private:
  std::variant<T, Error> data_;
};

/// A success-or-error result without a value.
struct Unit {};
using Status = Result<Unit>;

/// The success value of a `Status`.
inline Status ok_status() { return Unit{}; }

inline std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid: return "invalid";
    case ErrorKind::config: return "config";
    case ErrorKind::usage: return "usage";
    case ErrorKind::state: return "state";
    case ErrorKind::busy: return "busy";
    case ErrorKind::read_only: return "read_only";
    case ErrorKind::corrupt: return "corrupt";
    case ErrorKind::unsupported: return "unsupported";
    case ErrorKind::full: return "full";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::io: return "io";
  }
  return "invalid";
}

inline std::string Error::to_string() const {
  if (position.file.empty()) return message;
  std::string out = position.file;
  if (position.line > 0) {
    out += ':' + std::to_string(position.line);
    if (position.column > 0) out += ':' + std::to_string(position.column);
  }
  out += ": ";
  out += message;
  return out;
}

inline Error Error::context(std::string_view prefix) const& { return Error(*this).context(prefix); }

inline Error Error::context(std::string_view prefix) && {
  std::string out(prefix);
  out += ": ";
  out += message;
  message = std::move(out);
  return std::move(*this);
}

}  // namespace watchdesk
