// The fault suite's shared pieces: mode, report, processes, state queries and documents.
#include "faults/fault_support.hpp"

#include <boost/test/unit_test.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

extern char** environ;

namespace watchdesk::faults {

namespace fs = std::filesystem;

bool long_mode() {
  const char* mode = std::getenv("WATCHDESK_FAULTS");
  return mode != nullptr && std::string_view(mode) == "long";
}

int rounds(int short_count, int long_count) { return long_mode() ? long_count : short_count; }

void report(const std::string& line) {
  std::cout << "faults: " << line << std::endl;
  if (const char* file = std::getenv("WATCHDESK_FAULTS_REPORT"); file != nullptr && *file != '\0')
    std::ofstream(file, std::ios::app) << line << "\n";
}

Spawned spawn(const std::vector<std::string>& argv, const fs::path& dir, const std::string& name,
              const std::vector<std::string>& env) {
  Spawned s;
  s.out = dir / (name + ".out");
  s.err = dir / (name + ".err");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, s.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, s.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  // The test's environment, with the variables `env` names replaced by its values.
  const auto name_of = [](const std::string& entry) { return entry.substr(0, entry.find('=')); };
  std::vector<std::string> environment(env.begin(), env.end());
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const bool replaced = std::any_of(env.begin(), env.end(), [&](const auto& v) { return name_of(v) == name_of(entry); });
    if (!replaced) environment.push_back(entry);
  }
  std::vector<char*> args, envp;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (const auto& e : environment) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const int rc = posix_spawn(&s.pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  BOOST_REQUIRE_MESSAGE(rc == 0, "cannot start " << argv[0]);
  return s;
}

std::optional<int> wait_exit(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
      return -1;
    }
    if (done < 0 || std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    ::poll(nullptr, 0, 5);
  }
}

void kill_hard(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
}

KillOnExit::~KillOnExit() {
  int status = 0;
  // 0: still our running child; anything else: it ended or was reaped already.
  if (::waitpid(pid, &status, WNOHANG) == 0) kill_hard(pid);
}

void pause_for(int ms) { ::poll(nullptr, 0, ms); }

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> query(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(handle);
    BOOST_FAIL("cannot open " << db);
  }
  sqlite3_busy_timeout(handle, 5000);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    const std::string message = sqlite3_errmsg(handle);
    sqlite3_close_v2(handle);
    BOOST_FAIL("query " << sql << ": " << message);
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(stmt, 0);
    rows.emplace_back(text == nullptr ? "" : reinterpret_cast<const char*>(text));
  }
  sqlite3_finalize(stmt);
  sqlite3_close_v2(handle);
  return rows;
}

void exec_sql(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  const int opened = sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_busy_timeout(handle, 5000);
  char* message = nullptr;
  const int rc = opened == SQLITE_OK ? sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message) : opened;
  const std::string text = message != nullptr ? message : "";
  sqlite3_free(message);
  sqlite3_close_v2(handle);
  BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, "SQL failed: " << sql << ": " << text);
}

std::int64_t query_int(const fs::path& db, const std::string& sql) {
  const auto rows = query(db, sql);
  return rows.empty() ? 0 : std::stoll(rows.front());
}

std::string filings_feed(int count) {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{today};
  const std::string date = fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  std::string entries;
  for (int i = count; i >= 1; --i) {
    const std::string accession = fmt::format("0009999999-26-{:06}", i);
    const std::string index = fmt::format(
        "https://www.sec.gov/Archives/edgar/data/1181412/0009999999{:08}/{}-index.htm", i, accession);
    entries += fmt::format(R"(<entry>
<category label="form type" scheme="https://www.sec.gov/" term="8-K"/>
<content type="text/xml">
<accession-number>{acc}</accession-number><act>34</act>
<filing-date>{date}</filing-date>
<filing-href>{index}</filing-href>
<filing-type>8-K</filing-type>
<form-name>Current report</form-name><size>1 MB</size>
</content>
<id>urn:tag:sec.gov,2008:accession-number={acc}</id>
<link href="{index}" rel="alternate" type="text/html"/>
<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; {date} &lt;b&gt;AccNo:&lt;/b&gt; {acc}</summary>
<title>8-K  - Current report</title>
<updated>{date}T16:31:07-05:00</updated>
</entry>
)",
                           fmt::arg("acc", accession), fmt::arg("date", date), fmt::arg("index", index));
  }
  return R"(<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed xmlns="http://www.w3.org/2005/Atom">
<author><email>webmaster@sec.gov</email><name>Webmaster</name></author>
<company-info>
<cik>0001181412</cik><conformed-name>Space Exploration Technologies Corp</conformed-name>
</company-info>
<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&amp;CIK=0001181412</id>
<title>Space Exploration Technologies Corp  (0001181412)</title>
<updated>)" + date + R"(T16:31:07-05:00</updated>
)" + entries + "</feed>\n";
}

std::string one_item_feed(const std::string& title, const std::string& guid) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Wire</title>\n<item><title>" +
         title + "</title><link>https://news.example.com/" + guid + "</link><guid>" + guid +
         "</guid></item>\n</channel></rss>\n";
}

std::string watchdesk_section(const std::string& extra) {
  return "[watchdesk]\nstate = \"state.db\"\nuser_agent = \"watchdesk fault suite faults@example.com\"\n"
         "log_level = \"info\"\nhost_rate = 200\nhealth_channels = [\"nowhere\"]\n" +
         extra + "\n[channels.nowhere]\nkind = \"webhook\"\nurl = \"http://127.0.0.1:9/health\"\n";
}

std::string filings_source_and_trigger(const std::string& id, const std::string& url, const std::string& every,
                                       const std::string& channels) {
  return fmt::format(
      "\n[sources.{id}]\nkind = \"edgar-filings\"\ncik = \"1181412\"\nurl = \"{url}\"\nevery = \"{every}\"\n"
      "\n[triggers.{id}-8k]\nkind = \"filing\"\nsource = \"{id}\"\nforms = [\"8-K\"]\nchannels = {channels}\n",
      fmt::arg("id", id), fmt::arg("url", url), fmt::arg("every", every), fmt::arg("channels", channels));
}

std::size_t occurrences(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  if (needle.empty()) return 0;
  for (auto at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace watchdesk::faults
