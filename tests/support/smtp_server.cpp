// The in-process SMTP test server: a line-based dialogue per connection.
#include "support/smtp_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <cctype>
#include <exception>
#include <string_view>

// GCC 12 misreports the frame of a coroutine that returns from inside a loop as freed by a
// mismatched operator delete (asio's awaitable frames pair their own new and delete).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace watchdesk::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string decode_base64(std::string_view text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (char c : text) {
    const auto at = alphabet.find(c);
    if (at == std::string::npos) continue;
    value = (value << 6) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((value >> bits) & 0xFF));
    }
  }
  return out;
}

/// The address inside `<...>` of a `MAIL FROM:` / `RCPT TO:` argument.
std::string address(std::string_view argument) {
  const auto open = argument.find('<');
  const auto close = argument.find('>', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos) return std::string(argument);
  return std::string(argument.substr(open + 1, close - open - 1));
}

asio::awaitable<void> reply(tcp::socket& socket, std::string text) {
  text += "\r\n";
  co_await asio::async_write(socket, asio::buffer(text), asio::use_awaitable);
}

asio::awaitable<std::string> read_line(tcp::socket& socket, std::string& buffer) {
  const std::size_t n =
      co_await asio::async_read_until(socket, asio::dynamic_buffer(buffer), "\r\n", asio::use_awaitable);
  std::string line = buffer.substr(0, n - 2);
  buffer.erase(0, n);
  co_return line;
}

}  // namespace

SmtpServer::SmtpServer() : acceptor_(io_) {
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen();
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(io_, accept_loop(), asio::detached);
  thread_ = std::thread([this] { io_.run(); });
}

SmtpServer::~SmtpServer() {
  io_.stop();
  thread_.join();
}

std::string SmtpServer::url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

void SmtpServer::reject(std::string recipient) {
  std::lock_guard lock(mutex_);
  rejected_.push_back(std::move(recipient));
}

std::vector<SmtpMessage> SmtpServer::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

asio::awaitable<void> SmtpServer::accept_loop() {
  for (;;) {
    tcp::socket socket = co_await acceptor_.async_accept(asio::use_awaitable);
    asio::co_spawn(io_, session(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> SmtpServer::session(tcp::socket socket) {
  std::string buffer;
  SmtpMessage message;
  try {
    co_await reply(socket, "220 watchdesk-test ESMTP");
    for (;;) {
      const std::string line = co_await read_line(socket, buffer);
      const std::string verb = upper(line.substr(0, line.find(' ')));
      const std::string argument = line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
      if (verb == "EHLO") {
        co_await reply(socket, "250-watchdesk-test\r\n250-AUTH PLAIN\r\n250 8BITMIME");
      } else if (verb == "HELO" || verb == "NOOP") {
        co_await reply(socket, "250 OK");
      } else if (verb == "AUTH") {
        std::string credentials;
        const auto space = argument.find(' ');
        if (space == std::string::npos) {
          co_await reply(socket, "334 ");
          credentials = co_await read_line(socket, buffer);
        } else {
          credentials = argument.substr(space + 1);
        }
        // PLAIN: authzid NUL user NUL password.
        const std::string plain = decode_base64(credentials);
        const auto first = plain.find('\0');
        const auto second = plain.find('\0', first == std::string::npos ? 0 : first + 1);
        if (first != std::string::npos && second != std::string::npos) {
          message.username = plain.substr(first + 1, second - first - 1);
          message.password = plain.substr(second + 1);
        }
        co_await reply(socket, "235 2.7.0 Authentication successful");
      } else if (verb == "MAIL") {
        message.from = address(argument);
        message.recipients.clear();
        co_await reply(socket, "250 OK");
      } else if (verb == "RCPT") {
        const std::string to = address(argument);
        bool rejected = false;
        {
          std::lock_guard lock(mutex_);
          rejected = std::find(rejected_.begin(), rejected_.end(), to) != rejected_.end();
        }
        if (rejected) {
          co_await reply(socket, "550 5.1.1 No such user");
        } else {
          message.recipients.push_back(to);
          co_await reply(socket, "250 OK");
        }
      } else if (verb == "DATA") {
        co_await reply(socket, "354 End data with <CR><LF>.<CR><LF>");
        message.data.clear();
        for (;;) {
          std::string data_line = co_await read_line(socket, buffer);
          if (data_line == ".") break;
          if (!data_line.empty() && data_line.front() == '.') data_line.erase(0, 1);
          message.data += data_line + "\r\n";
        }
        {
          std::lock_guard lock(mutex_);
          messages_.push_back(message);
        }
        co_await reply(socket, "250 OK queued");
      } else if (verb == "RSET") {
        SmtpMessage fresh;
        fresh.username = message.username;
        fresh.password = message.password;
        message = std::move(fresh);
        co_await reply(socket, "250 OK");
      } else if (verb == "QUIT") {
        co_await reply(socket, "221 Bye");
        co_return;
      } else {
        co_await reply(socket, "502 Command not implemented");
      }
    }
  } catch (const std::exception&) {
    // The client went away: this connection is done.
  }
}

}  // namespace watchdesk::testing
