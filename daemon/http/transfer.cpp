// One libcurl easy handle set up from a `Request`: options, callbacks, and the response they fill.
#include "daemon/http/transfer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <string_view>

#include "core/text/strings.hpp"
#include "daemon/http/retry_after.hpp"

namespace watchdesk::http {

void call_completion(const Completion& done, Response response, std::string_view what) {
  try {
    done(std::move(response));
  } catch (const std::exception& e) {
    spdlog::error("http: a {} completion threw: {}", what, e.what());
  } catch (...) {
    spdlog::error("http: a {} completion threw", what);
  }
}

namespace {

/// Appends to a header list; false when libcurl could not allocate.
bool append(curl_slist*& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list, line.c_str());
  if (grown == nullptr) return false;
  list = grown;
  return true;
}

Failure classify(CURLcode code) {
  switch (code) {
    case CURLE_OK: return Failure::none;
    case CURLE_FILESIZE_EXCEEDED: return Failure::too_large;
    case CURLE_OPERATION_TIMEDOUT: return Failure::timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT: return Failure::connect;
    case CURLE_TOO_MANY_REDIRECTS: return Failure::too_many_redirects;
    case CURLE_UNSUPPORTED_PROTOCOL: return Failure::protocol_refused;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE: return Failure::tls;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_HTTP2_STREAM: return Failure::truncated;
    default: return Failure::other;
  }
}

}  // namespace

std::string_view Response::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (text::iequals(key, name)) return value;
  }
  return {};
}

Transfer::Transfer(TransferId id, Request request, Completion done)
    : id_(id), request_(std::move(request)), done_(std::move(done)) {
  response_.url = request_.url;
}

Transfer::~Transfer() {
  if (pool_ != nullptr) pool_->give(easy_);
  curl_slist_free_all(headers_);
  curl_slist_free_all(recipients_);
  curl_slist_free_all(resolve_);
}

Status Transfer::setup(CURLSH* share, EasyPool& pool) {
  easy_ = pool.take();
  if (easy_ != nullptr) pool_ = &pool;
  if (easy_ == nullptr) return make_error("cannot create a transfer for " + request_.url + ": out of memory");

  const Limits& limits = request_.limits;
  max_body_ = limits.max_body;

  bool all_set = true;
  std::string refused;
  auto set = [&](CURLoption option, auto value) {
    if (CURLcode code = curl_easy_setopt(easy_, option, value); code != CURLE_OK && all_set) {
      all_set = false;
      const curl_easyoption* known = curl_easy_option_by_id(option);
      refused = std::string(known != nullptr ? known->name : "an option") + ": " + curl_easy_strerror(code);
    }
  };

  set(CURLOPT_PRIVATE, static_cast<void*>(this));
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_ERRORBUFFER, error_);
  set(CURLOPT_URL, request_.url.c_str());
  if (share != nullptr) set(CURLOPT_SHARE, share);

  // Schemes, for the URL and for every redirect.
  if (request_.protocols == Protocols::mail) {
    protocols_ = "smtp,smtps";
    set(CURLOPT_PROTOCOLS_STR, protocols_.c_str());
    set(CURLOPT_FOLLOWLOCATION, 0L);  // SMTP has no redirects; nothing to restrict further
  } else {
    protocols_ = request_.protocols == Protocols::web_and_file ? "http,https,file" : "http,https";
    set(CURLOPT_PROTOCOLS_STR, protocols_.c_str());
    // Redirects are followed by `Client`, one request per hop, so each hop meets its host's rules.
    set(CURLOPT_FOLLOWLOCATION, 0L);
    set(CURLOPT_ACCEPT_ENCODING, "");
    set(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    // No PIPEWAIT: a transfer never waits inside libcurl for another transfer's connection (a
    // stalled one would hold its neighbours). `Client` hands libcurl only as many transfers per
    // host as it may connect at once.
  }

  // TLS: always verified.
  set(CURLOPT_SSL_VERIFYPEER, 1L);
  set(CURLOPT_SSL_VERIFYHOST, 2L);
  if (!request_.ca_file.empty()) set(CURLOPT_CAINFO, request_.ca_file.c_str());

  // Limits.
  if (max_body_ > 0) set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_body_));
  if (limits.connect_timeout.count() > 0) set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout.count()));
  // libcurl gets a transfer only when it may connect at once (see `Client`), so this counts from
  // when the transfer has its connection slot, never while it waits for one.
  if (limits.timeout.count() > 0) set(CURLOPT_TIMEOUT_MS, static_cast<long>(limits.timeout.count()));
  if (limits.low_speed_limit > 0 && limits.low_speed_time.count() > 0) {
    set(CURLOPT_LOW_SPEED_LIMIT, limits.low_speed_limit);
    set(CURLOPT_LOW_SPEED_TIME, static_cast<long>(limits.low_speed_time.count()));
  }

  if (!request_.user_agent.empty()) set(CURLOPT_USERAGENT, request_.user_agent.c_str());

  // Headers, with the validators of a conditional GET.
  for (const auto& [name, value] : request_.headers) {
    if (!append(headers_, name + ": " + value)) all_set = false;
  }
  if (request_.method == Method::get) {
    if (!request_.validators.etag.empty() &&
        !append(headers_, "If-None-Match: " + request_.validators.etag)) {
      all_set = false;
    }
    if (!request_.validators.last_modified.empty() &&
        !append(headers_, "If-Modified-Since: " + request_.validators.last_modified)) {
      all_set = false;
    }
  }
  if (request_.method != Method::get && request_.protocols != Protocols::mail &&
      !append(headers_, "Expect:")) {
    // No `Expect: 100-continue` round trip (webhook receivers rarely answer it).
    all_set = false;
  }
  if (headers_ != nullptr) set(CURLOPT_HTTPHEADER, headers_);

  for (const auto& entry : request_.resolve) {
    if (!append(resolve_, entry)) all_set = false;
  }
  if (resolve_ != nullptr) set(CURLOPT_RESOLVE, resolve_);

  // The body: POST points libcurl at our string (no copy); uploads go through a read callback.
  switch (request_.method) {
    case Method::get:
      set(CURLOPT_HTTPGET, 1L);
      break;
    case Method::post:
      set(CURLOPT_POST, 1L);
      set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request_.body.size()));
      set(CURLOPT_POSTFIELDS, request_.body.data());
      break;
    case Method::upload:
      set(CURLOPT_UPLOAD, 1L);
      set(CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request_.body.size()));
      set(CURLOPT_READFUNCTION, &Transfer::on_read);
      set(CURLOPT_READDATA, static_cast<void*>(this));
      set(CURLOPT_SEEKFUNCTION, &Transfer::on_seek);
      set(CURLOPT_SEEKDATA, static_cast<void*>(this));
      break;
  }

  if (request_.mail) {
    const MailEnvelope& mail = *request_.mail;
    set(CURLOPT_MAIL_FROM, mail.from.c_str());
    for (const auto& to : mail.recipients) {
      if (!append(recipients_, to)) all_set = false;
    }
    set(CURLOPT_MAIL_RCPT, recipients_);
    if (!mail.username.empty()) set(CURLOPT_USERNAME, mail.username.c_str());
    if (!mail.password.empty()) set(CURLOPT_PASSWORD, mail.password.reveal().c_str());
    set(CURLOPT_USE_SSL, static_cast<long>(mail.tls == MailTls::required ? CURLUSESSL_ALL
                                                                           : CURLUSESSL_NONE));
  }

  set(CURLOPT_WRITEFUNCTION, &Transfer::on_write);
  set(CURLOPT_WRITEDATA, static_cast<void*>(this));
  set(CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  set(CURLOPT_HEADERDATA, static_cast<void*>(this));

  if (!all_set) {
    return make_error("cannot set up the transfer of " + request_.url + ": " +
                      (refused.empty() ? std::string("out of memory") : "libcurl refused " + refused));
  }
  if (request_.configure) request_.configure(easy_);
  return ok_status();
}

size_t Transfer::on_write(char* data, size_t size, size_t count, void* self) {
  auto* transfer = static_cast<Transfer*>(self);
  const size_t bytes = size * count;
  std::string& body = transfer->response_.body;
  // The cap holds for the decoded bytes too: a small compressed body can inflate past it.
  if (transfer->max_body_ > 0 && body.size() + bytes > transfer->max_body_) {
    transfer->too_large_ = true;
    return 0;
  }
  if (!transfer->reserved_) {
    transfer->reserved_ = true;
    curl_off_t length = -1;
    if (curl_easy_getinfo(transfer->easy_, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK &&
        length > 0) {
      auto expected = static_cast<size_t>(length);
      if (transfer->max_body_ > 0) expected = std::min(expected, transfer->max_body_);
      body.reserve(expected);
    }
  }
  body.append(data, bytes);
  return bytes;
}

size_t Transfer::on_header(char* data, size_t size, size_t count, void* self) {
  auto* transfer = static_cast<Transfer*>(self);
  const size_t bytes = size * count;
  std::string_view line(data, bytes);
  Response& response = transfer->response_;
  if (line.size() >= 5 && line.substr(0, 5) == "HTTP/") {
    // A new response begins (after a redirect or an interim 1xx): forget the previous one's.
    response.headers.clear();
    response.validators = {};
    response.content_type.clear();
    response.retry_after.reset();
    return bytes;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string_view name = text::trim(line.substr(0, colon));
  std::string_view value = text::trim(line.substr(colon + 1));
  if (text::iequals(name, "ETag")) {
    response.validators.etag = std::string(value);
  } else if (text::iequals(name, "Last-Modified")) {
    response.validators.last_modified = std::string(value);
  } else if (text::iequals(name, "Content-Type")) {
    response.content_type = std::string(value);
  } else if (text::iequals(name, "Retry-After")) {
    response.retry_after = parse_retry_after(value, now_utc());
  }
  response.headers.emplace_back(std::string(name), std::string(value));
  return bytes;
}

size_t Transfer::on_read(char* buffer, size_t size, size_t count, void* self) {
  auto* transfer = static_cast<Transfer*>(self);
  const std::string& body = transfer->request_.body;
  const size_t room = size * count;
  const size_t left = body.size() - std::min(transfer->upload_offset_, body.size());
  const size_t n = std::min(room, left);
  std::memcpy(buffer, body.data() + transfer->upload_offset_, n);
  transfer->upload_offset_ += n;
  return n;
}

int Transfer::on_seek(void* self, curl_off_t offset, int origin) {
  auto* transfer = static_cast<Transfer*>(self);
  if (origin != SEEK_SET || offset < 0 ||
      static_cast<size_t>(offset) > transfer->request_.body.size()) {
    return CURL_SEEKFUNC_CANTSEEK;
  }
  transfer->upload_offset_ = static_cast<size_t>(offset);
  return CURL_SEEKFUNC_OK;
}

Response Transfer::finish(CURLcode code) {
  Response response = std::move(response_);
  response.curl_code = code;
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  response.status = status;
  char* effective = nullptr;
  if (curl_easy_getinfo(easy_, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective != nullptr) {
    response.effective_url = effective;
  }
  char* location = nullptr;
  if (curl_easy_getinfo(easy_, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != nullptr) {
    response.redirect_url = location;
  }
  long version = 0;
  curl_easy_getinfo(easy_, CURLINFO_HTTP_VERSION, &version);
  response.http_version = version;
  curl_off_t total = 0;
  if (curl_easy_getinfo(easy_, CURLINFO_TOTAL_TIME_T, &total) == CURLE_OK) {
    response.elapsed = std::chrono::microseconds(total);
  }
  response.bytes = response.body.size();

  if (code == CURLE_OK) {
    // A `file://` read has no status; SMTP replies are judged by libcurl itself.
    const bool http = request_.protocols != Protocols::mail && status != 0;
    if (http && (status < 200 || status >= 300) && status != 304) {
      response.failure = Failure::http_status;
      response.error = "HTTP " + std::to_string(status);
    }
    return response;
  }

  response.failure = too_large_ ? Failure::too_large : classify(code);
  if (code == CURLE_OPERATION_TIMEDOUT) {
    // libcurl reports the low-speed abort with the same code as a timeout; its message tells.
    if (std::strstr(error_, "too slow") != nullptr) {
      response.failure = Failure::too_slow;
    }
  }
  if (response.failure == Failure::too_large) {
    response.error = "body over the " + format_bytes(max_body_) + " cap";
    response.body.clear();
    response.body.shrink_to_fit();
  } else {
    response.error = error_[0] != '\0' ? std::string(error_) : std::string(curl_easy_strerror(code));
  }
  return response;
}

Response Transfer::fail(CURLcode code, Failure failure, std::string message) {
  Response response = std::move(response_);
  response.body.clear();
  response.curl_code = code;
  response.failure = failure;
  response.error = std::move(message);
  return response;
}

}  // namespace watchdesk::http
