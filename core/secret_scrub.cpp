// The process's list of secret forms and the scrubbing of text against it.
#include "core/secret_scrub.hpp"

#include <algorithm>
#include <mutex>
#include <vector>

#include "core/urls.hpp"

namespace watchdesk {
namespace {

constexpr std::size_t kShortest = 4;

struct ScrubList {
  std::mutex mutex;
  std::vector<std::string> forms;
};

ScrubList& scrub_list() {
  static ScrubList list;
  return list;
}

std::string lower_hex_escapes(std::string text) {
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] != '%') continue;
    for (std::size_t j = i + 1; j <= i + 2; ++j)
      if (text[j] >= 'A' && text[j] <= 'F') text[j] = static_cast<char>(text[j] - 'A' + 'a');
  }
  return text;
}

std::string json_escaped_slashes(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '/') out += '\\';
    out += c;
  }
  return out;
}

// The path and query of an `scheme://authority/path?query` URL, or empty.
std::string_view path_of_url(std::string_view value) {
  const auto scheme_end = value.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const auto path = value.find('/', scheme_end + 3);
  return path == std::string_view::npos ? std::string_view{} : value.substr(path);
}

void add_forms(std::vector<std::string>& forms, std::string_view value) {
  if (value.size() < kShortest) return;
  const std::string encoded = percent_encode(value);
  for (std::string form : {std::string(value), encoded, lower_hex_escapes(encoded), percent_encode(value, "/:?&="),
                           json_escaped_slashes(value)}) {
    if (std::find(forms.begin(), forms.end(), form) == forms.end()) forms.push_back(std::move(form));
  }
}

}  // namespace

void remember_secret(const Secret& secret) {
  const std::string& value = secret.reveal();
  if (value.size() < kShortest) return;
  auto& list = scrub_list();
  std::lock_guard lock(list.mutex);
  add_forms(list.forms, value);
  // A path of one or two characters (`/`, `/x`) identifies nothing.
  if (const auto path = path_of_url(value); path.size() > kShortest) add_forms(list.forms, path);
  // Longest first, so that a form is never left half-replaced by a shorter one inside it.
  std::sort(list.forms.begin(), list.forms.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void forget_secrets() {
  auto& list = scrub_list();
  std::lock_guard lock(list.mutex);
  list.forms.clear();
}

std::string scrub_secrets(std::string_view text) {
  std::string out(text);
  auto& list = scrub_list();
  std::lock_guard lock(list.mutex);
  for (const auto& form : list.forms) {
    for (auto at = out.find(form); at != std::string::npos; at = out.find(form, at + scrubbed_secret.size()))
      out.replace(at, form.size(), scrubbed_secret);
  }
  return out;
}

}  // namespace watchdesk
