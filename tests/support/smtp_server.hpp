// An in-process SMTP test server on Boost.Asio: records envelopes, logins and message data.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace watchdesk::testing {

/// One message as the server accepted it.
struct SmtpMessage {
  /// The `MAIL FROM` and `RCPT TO` addresses, without angle brackets.
  std::string from;
  std::vector<std::string> recipients;
  /// The login of `AUTH PLAIN` (empty when the client did not log in).
  std::string username;
  std::string password;
  /// The message as sent after `DATA`, without the final `.` line (dot-stuffing undone).
  std::string data;
};

/// A plain-text SMTP server (no STARTTLS) on an ephemeral 127.0.0.1 port with its own
/// `io_context` on its own thread. It listens before the constructor returns and advertises
/// `AUTH PLAIN`. Recipients listed in `reject()` get `550`.
class SmtpServer {
 public:
  SmtpServer();
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  unsigned short port() const { return port_; }
  /// `smtp://127.0.0.1:PORT`.
  std::string url() const;
  /// Answers `550` to `RCPT TO` for this address.
  void reject(std::string recipient);
  /// Messages accepted so far (a copy).
  std::vector<SmtpMessage> messages() const;

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> session(boost::asio::ip::tcp::socket socket);

  unsigned short port_ = 0;
  mutable std::mutex mutex_;
  std::vector<std::string> rejected_;
  std::vector<SmtpMessage> messages_;
  // Declared last so that suspended sessions, destroyed with `io_`, still find the state above.
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
};

}  // namespace watchdesk::testing
