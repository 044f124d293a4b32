// Starting aiosmtpd for a test, reading the messages it reports, and making loopback certificates.
#include "support/smtp_server.hpp"

#include <boost/json/parse.hpp>

#include <stdexcept>

namespace watchdesk::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

/// Debian's interpreter, the one `python3-aiosmtpd` is installed for.
constexpr const char* python = "/usr/bin/python3";

std::filesystem::path script() {
  return std::filesystem::path(WATCHDESK_FIXTURES).parent_path() / "support" / "smtp_server.py";
}

std::string string_of(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

TlsFiles make_loopback_certificate(const std::filesystem::path& dir) {
  TlsFiles files{dir / "loopback-cert.pem", dir / "loopback-key.pem"};
  auto done = run_to_completion({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                 "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj",
                                 "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                                 files.key.string(), "-out", files.cert.string()},
                                20s);
  if (done.exit_code != 0 || !std::filesystem::exists(files.cert))
    throw std::runtime_error("openssl could not make a certificate for 127.0.0.1 (exit " +
                             std::to_string(done.exit_code) + ")");
  return files;
}

SmtpServer::SmtpServer(SmtpOptions options) : tls_(options.tls) {
  std::vector<std::string> argv{python, script().string()};
  if (options.tls != SmtpTls::none) {
    argv.push_back(options.tls == SmtpTls::starttls ? "--starttls" : "--smtps");
    argv.push_back(options.certificate.cert.string());
    argv.push_back(options.certificate.key.string());
  }
  if (!options.username.empty()) {
    argv.insert(argv.end(), {"--auth", options.username, options.password});
  }
  if (options.reject_data != 0) argv.insert(argv.end(), {"--reject", std::to_string(options.reject_data)});
  for (const auto& r : options.reject_recipients) argv.insert(argv.end(), {"--reject-rcpt", r});

  child_ = std::make_unique<ChildProcess>(argv);
  auto ready = child_->read_line(10s);
  if (!ready || ready->rfind("READY ", 0) != 0)
    throw std::runtime_error("aiosmtpd did not start: is python3-aiosmtpd installed (scripts/install-deps test)?");
  port_ = static_cast<unsigned short>(std::stoi(ready->substr(6)));
}

std::string SmtpServer::url() const {
  return std::string(tls_ == SmtpTls::implicit ? "smtps" : "smtp") + "://127.0.0.1:" + std::to_string(port_);
}

void SmtpServer::collect(std::size_t count, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (messages_.size() >= count) left = 0ms;  // only what is already there
    auto line = child_->read_line(std::max(left, 0ms));
    if (!line) return;
    json::error_code ec;
    json::value v = json::parse(*line, ec);
    if (ec || !v.is_object()) throw std::runtime_error("aiosmtpd reported an unreadable line: " + *line);
    const json::object& o = v.get_object();
    SmtpMessage m;
    m.from = string_of(o, "mail_from");
    if (const auto* to = o.if_contains("rcpt_tos"); to != nullptr && to->is_array())
      for (const auto& r : to->get_array())
        if (r.is_string()) m.recipients.emplace_back(r.get_string());
    m.data = string_of(o, "data");
    if (const auto* tls = o.if_contains("tls"); tls != nullptr && tls->is_bool()) m.tls = tls->get_bool();
    m.login = string_of(o, "login");
    if (const auto* parsed = o.if_contains("parsed"); parsed != nullptr && parsed->is_object())
      m.parsed = parsed->get_object();
    messages_.push_back(std::move(m));
  }
}

std::vector<SmtpMessage> SmtpServer::messages() {
  collect(0, 0ms);
  return messages_;
}

std::vector<SmtpMessage> SmtpServer::wait_for(std::size_t count, std::chrono::milliseconds timeout) {
  collect(count, timeout);
  return messages_;
}

}  // namespace watchdesk::testing
