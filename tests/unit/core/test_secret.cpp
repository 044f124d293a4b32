// Tests for core/secret.cpp: env:, file: and credential: references, and that errors never show a value.
#include <boost/test/unit_test.hpp>

#include "core/secret.hpp"
#include "unit/config/support.hpp"

using namespace watchdesk;
using watchdesk::config::testing::ScopedEnv;
using watchdesk::config::testing::TempDir;

BOOST_AUTO_TEST_SUITE(core_secret)

BOOST_AUTO_TEST_CASE(parses_the_three_reference_forms_and_literals) {
  struct Case {
    const char* text;
    SecretForm form;
    const char* name;
  };
  const Case cases[] = {{"env:WATCHDESK_SLACK_WEBHOOK", SecretForm::env, "WATCHDESK_SLACK_WEBHOOK"},
                        {"file:secrets/smtp", SecretForm::file, "secrets/smtp"},
                        {"file:/etc/watchdesk/pw", SecretForm::file, "/etc/watchdesk/pw"},
                        {"credential:smtp-password", SecretForm::credential, "smtp-password"},
                        {"https://hooks.slack.com/services/T0/B0/abc", SecretForm::literal,
                         "https://hooks.slack.com/services/T0/B0/abc"},
                        {"hunter2", SecretForm::literal, "hunter2"},
                        {"ENV:X", SecretForm::literal, "ENV:X"}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      auto r = parse_secret_reference(c.text);
      BOOST_TEST_REQUIRE(r.ok());
      BOOST_TEST((r->form == c.form));
      BOOST_TEST(r->name == c.name);
    }
  }
}

BOOST_AUTO_TEST_CASE(rejects_malformed_references) {
  const char* cases[] = {"env:", "env:1ABC", "env:A-B", "env:A B", "file:", "credential:", "credential:a/b",
                         "credential:.."};
  for (const char* text : cases) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(!parse_secret_reference(text).ok()); }
  }
}

BOOST_AUTO_TEST_CASE(resolves_environment_variables) {
  ScopedEnv env("WATCHDESK_TEST_SECRET_ENV", "s3cr3t-env-value");
  auto s = resolve_secret("env:WATCHDESK_TEST_SECRET_ENV", "/nonexistent");
  BOOST_TEST_REQUIRE(s.ok());
  BOOST_TEST(s->reveal() == "s3cr3t-env-value");
}

BOOST_AUTO_TEST_CASE(reports_unset_and_empty_environment_variables_by_name) {
  {
    ScopedEnv env("WATCHDESK_TEST_SECRET_UNSET", std::nullopt);
    auto s = resolve_secret("env:WATCHDESK_TEST_SECRET_UNSET", "/");
    BOOST_TEST_REQUIRE(!s.ok());
    BOOST_TEST(s.error().message == "environment variable WATCHDESK_TEST_SECRET_UNSET is not set");
  }
  {
    ScopedEnv env("WATCHDESK_TEST_SECRET_EMPTY", "");
    auto s = resolve_secret("env:WATCHDESK_TEST_SECRET_EMPTY", "/");
    BOOST_TEST_REQUIRE(!s.ok());
    BOOST_TEST(s.error().message == "environment variable WATCHDESK_TEST_SECRET_EMPTY is empty");
  }
}

BOOST_AUTO_TEST_CASE(reads_files_relative_to_the_config_folder_and_trims_the_newline) {
  TempDir dir;
  dir.write("secrets/smtp", "pa ss\n");
  dir.write("crlf", "value\r\n");
  auto s = resolve_secret("file:secrets/smtp", dir.path());
  BOOST_TEST_REQUIRE(s.ok());
  BOOST_TEST(s->reveal() == "pa ss");
  auto absolute = resolve_secret("file:" + (dir.path() / "crlf").string(), "/elsewhere");
  BOOST_TEST_REQUIRE(absolute.ok());
  BOOST_TEST(absolute->reveal() == "value");
}

BOOST_AUTO_TEST_CASE(reports_missing_and_empty_files_with_their_path) {
  TempDir dir;
  auto missing = resolve_secret("file:nope", dir.path());
  BOOST_TEST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().message.find("cannot read file:nope (" + (dir.path() / "nope").string() + ")") == 0u);
  BOOST_TEST(missing.error().message.find("No such file or directory") != std::string::npos);
  dir.write("empty", "\n");
  auto empty = resolve_secret("file:empty", dir.path());
  BOOST_TEST_REQUIRE(!empty.ok());
  BOOST_TEST(empty.error().message.find("is empty") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reads_systemd_credentials) {
  TempDir dir;
  dir.write("smtp-password", "cred-value\n");
  ScopedEnv env("CREDENTIALS_DIRECTORY", dir.path().string());
  auto s = resolve_secret("credential:smtp-password", "/");
  BOOST_TEST_REQUIRE(s.ok());
  BOOST_TEST(s->reveal() == "cred-value");
  auto missing = resolve_secret("credential:other", "/");
  BOOST_TEST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().message.find("cannot read credential:other") == 0u);
}

BOOST_AUTO_TEST_CASE(says_credentials_need_credentials_directory) {
  ScopedEnv env("CREDENTIALS_DIRECTORY", std::nullopt);
  auto s = resolve_secret("credential:smtp-password", "/");
  BOOST_TEST_REQUIRE(!s.ok());
  BOOST_TEST(s.error().message.find("credential:smtp-password needs $CREDENTIALS_DIRECTORY, which is not set") == 0u);
  BOOST_TEST(s.error().message.find("LoadCredential=smtp-password") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(keeps_literals_as_written) {
  auto s = resolve_secret("plain-literal", "/");
  BOOST_TEST_REQUIRE(s.ok());
  BOOST_TEST(s->reveal() == "plain-literal");
}

BOOST_AUTO_TEST_SUITE_END()
