// Resolving secret references from the environment, files and systemd credentials.
#include "core/secret.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <system_error>

namespace watchdesk {
namespace {

constexpr std::size_t max_secret_bytes = 64 * 1024;

bool valid_env_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

std::string errno_text(int error) { return std::generic_category().message(error); }

// Reads a whole secret file; the error names `reference` and the path, never the contents.
Result<Secret> read_secret_file(const std::filesystem::path& path, const std::string& reference) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int error = errno;
    return make_error("cannot read " + reference + " (" + path.string() + "): " + errno_text(error));
  }
  std::string data;
  char buffer[4096];
  for (;;) {
    auto n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      return make_error("cannot read " + reference + " (" + path.string() + "): " + errno_text(error));
    }
    if (n == 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
    if (data.size() > max_secret_bytes) {
      ::close(fd);
      return make_error(reference + " (" + path.string() + ") is larger than 64 KiB; it should hold only the secret");
    }
  }
  ::close(fd);
  while (!data.empty() && (data.back() == '\n' || data.back() == '\r')) data.pop_back();
  if (data.empty()) return make_error(reference + " (" + path.string() + ") is empty");
  return Secret(std::move(data));
}

}  // namespace

Result<SecretReference> parse_secret_reference(std::string_view text) {
  struct Prefix {
    std::string_view text;
    SecretForm form;
  };
  constexpr Prefix prefixes[] = {
      {"env:", SecretForm::env}, {"file:", SecretForm::file}, {"credential:", SecretForm::credential}};
  for (const auto& prefix : prefixes) {
    if (!text.starts_with(prefix.text)) continue;
    std::string name(text.substr(prefix.text.size()));
    switch (prefix.form) {
      case SecretForm::env:
        if (!valid_env_name(name))
          return make_error("'" + std::string(text) +
                            "' is not a valid environment reference; write env:NAME with letters, digits and _");
        break;
      case SecretForm::file:
        if (name.empty()) return make_error("'file:' needs a path, such as file:secrets/slack-webhook");
        break;
      case SecretForm::credential:
        if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
          return make_error("'" + std::string(text) +
                            "' is not a valid credential reference; write credential:NAME (a file name, no '/')");
        break;
      case SecretForm::literal: break;
    }
    return SecretReference{prefix.form, std::move(name)};
  }
  return SecretReference{SecretForm::literal, std::string(text)};
}

Result<Secret> resolve_secret(std::string_view text, const std::filesystem::path& config_dir) {
  auto reference = parse_secret_reference(text);
  if (!reference) return reference.error();
  const auto& name = reference->name;
  switch (reference->form) {
    case SecretForm::literal: return Secret(name);
    case SecretForm::env: {
      const char* value = std::getenv(name.c_str());
      if (value == nullptr) return make_error("environment variable " + name + " is not set");
      if (*value == '\0') return make_error("environment variable " + name + " is empty");
      return Secret(value);
    }
    case SecretForm::file: {
      std::filesystem::path path(name);
      if (path.is_relative()) path = (config_dir / path).lexically_normal();
      return read_secret_file(path, "file:" + name);
    }
    case SecretForm::credential: {
      const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
      if (dir == nullptr || *dir == '\0')
        return make_error("credential:" + name +
                          " needs $CREDENTIALS_DIRECTORY, which is not set; systemd sets it for a unit with "
                          "LoadCredential=" +
                          name + ":PATH (elsewhere use env: or file:)");
      return read_secret_file(std::filesystem::path(dir) / name, "credential:" + name);
    }
  }
  return make_error("unknown secret form");
}

}  // namespace watchdesk
