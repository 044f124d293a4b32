// The least memory a program that fetches with Debian's libcurl can have: it links libcurl (and the
// C++ runtime) alone, initialises it and makes a multi and an easy handle, as watchdesk does, then
// exits. The idle benchmark runs it under GNU time beside `watchdesk run`.
#include <curl/curl.h>

int main() {
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return 1;
  CURLM* multi = curl_multi_init();
  CURL* easy = curl_easy_init();
  const bool ok = multi != nullptr && easy != nullptr;
  curl_easy_cleanup(easy);
  curl_multi_cleanup(multi);
  curl_global_cleanup();
  return ok ? 0 : 1;
}
