// Helpers for the digest tests: a configuration with one weekly digest and a state store beside it.
#pragma once

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

#include "config/loader.hpp"
#include "daemon/store/state_store.hpp"
#include "support/must.hpp"
#include "unit/store/store_test_support.hpp"

namespace watchdesk::digest::testing {

using watchdesk::testing::must;

/// A desk with a feed, a tenant trigger, a figure, a stdout channel and `[digests.weekly]` on
/// `schedule` in `zone`; `extra` is appended to the file.
inline std::string desk_config(const std::string& schedule, const std::string& zone, const std::string& extra = {}) {
  return "[watchdesk]\nstate = \"state.db\"\nuser_agent = \"Acme ops@acme.example\"\n"
         "[sources.news]\nkind = \"feed\"\nurl = \"https://news.example.com/rss\"\nevery = \"15m\"\n"
         "[triggers.second-tenant]\nkind = \"tenant\"\nsources = [\"news\"]\nsubject = [\"Colossus\"]\n"
         "known = [\"Anthropic\"]\nchannels = [\"console\"]\n"
         "[channels.console]\nkind = \"stdout\"\n"
         "[figures.spacex-valuation]\nlabel = \"SpaceX IPO valuation\"\nvalue = \"$1.75-2T\"\nstatus = \"reported\"\n"
         "signals = [\"50da90f1\"]\n"
         "[digests.weekly]\nschedule = \"" + schedule + "\"\ntimezone = \"" + zone + "\"\nchannels = [\"console\"]\n" +
         extra;
}

/// A loaded configuration and an empty state store in a temporary folder.
struct DigestDesk {
  explicit DigestDesk(const std::string& text)
      : config(must(config::load_config_text(text, dir / "watchdesk.toml"))),
        store(store::testing::open_ok(dir / "state.db")) {}

  store::testing::TempDir dir;
  config::Config config;
  std::unique_ptr<store::StateStore> store;
};

}  // namespace watchdesk::digest::testing
