// A blocking HTTP GET for tests that read a daemon's listener.
#pragma once

#include <curl/curl.h>

#include <string>

namespace watchdesk::testing {

/// The body at `url`; `status` is the HTTP status, or -1 when the request failed (10 s at most).
inline std::string http_get(const std::string& url, long& status) {
  std::string body;
  CURL* easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, +[](char* d, size_t s, size_t n, void* out) {
    static_cast<std::string*>(out)->append(d, s * n);
    return s * n;
  });
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
  status = curl_easy_perform(easy) == CURLE_OK ? 0 : -1;
  if (status == 0) curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(easy);
  return body;
}

}  // namespace watchdesk::testing
