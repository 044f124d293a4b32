// A real SMTP server for tests: Debian's aiosmtpd (`smtp_server.py`) run as a child process.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace watchdesk::testing {

/// A PEM certificate and its private key.
struct TlsFiles {
  std::filesystem::path cert;
  std::filesystem::path key;
};

/// Writes a fresh self-signed certificate for IP 127.0.0.1 and its key into `dir` with the
/// `openssl` command; the certificate is also the CA file a client verifies the server with.
/// Throws when `openssl` fails.
TlsFiles make_loopback_certificate(const std::filesystem::path& dir);

/// Transport security the server offers.
enum class SmtpTls {
  /// Plain text; STARTTLS is not offered.
  none,
  /// STARTTLS offered, and required before `MAIL FROM`.
  starttls,
  /// TLS from the first byte (`smtps://`).
  implicit,
};

/// How the server behaves.
struct SmtpOptions {
  SmtpTls tls = SmtpTls::none;
  /// The certificate for `starttls` and `implicit`.
  TlsFiles certificate;
  /// When set, AUTH is required (after TLS when TLS is on) and only this login is accepted.
  std::string username;
  std::string password;
  /// The reply code to every `DATA` (0: accept the message).
  int reject_data = 0;
  /// Recipients answered with `550` at `RCPT TO`.
  std::vector<std::string> reject_recipients;
};

/// One message as the server accepted it.
struct SmtpMessage {
  /// The `MAIL FROM` and `RCPT TO` addresses.
  std::string from;
  std::vector<std::string> recipients;
  /// The message as received after `DATA` (dot-stuffing undone).
  std::string data;
  /// True when the session was encrypted when the message arrived.
  bool tls = false;
  /// The login of a successful AUTH (empty when the client did not log in).
  std::string login;
  /// Python's `email` package's reading of the message: `subject` (decoded), `date` (ISO 8601),
  /// `message-id`, `content-type`, `body` (decoded; for a multipart message `parts` instead, each
  /// with `content-type`, `body` and `defects`), `defects` (a list; empty for a clean message),
  /// `longest_header_line`.
  boost::json::object parsed;
};

/// aiosmtpd on an ephemeral 127.0.0.1 port. Ready (listening) when the constructor returns; throws
/// when it does not start within 10 s. Stopped by the destructor.
class SmtpServer {
 public:
  explicit SmtpServer(SmtpOptions options = {});
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  unsigned short port() const { return port_; }
  /// `smtp://127.0.0.1:PORT`, or `smtps://` for `SmtpTls::implicit`.
  std::string url() const;
  /// The messages received so far (what the server has reported by now; no waiting).
  std::vector<SmtpMessage> messages();
  /// Waits up to `timeout` for at least `count` messages; returns all received by then.
  std::vector<SmtpMessage> wait_for(std::size_t count, std::chrono::milliseconds timeout);

 private:
  /// Reads the server's reports for up to `timeout`, stopping once `count` messages are known.
  void collect(std::size_t count, std::chrono::milliseconds timeout);

  SmtpTls tls_;
  std::unique_ptr<ChildProcess> child_;
  unsigned short port_ = 0;
  std::vector<SmtpMessage> messages_;
};

}  // namespace watchdesk::testing
