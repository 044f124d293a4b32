// The name tables of the configuration's enums.
#include "config/names.hpp"

#include <array>

#include "config/source_kinds.hpp"

namespace watchdesk::config {
namespace {

constexpr std::array<Named<TriggerKind>, 4> kTriggerKinds{{{"filing", TriggerKind::filing},
                                                           {"metric-move", TriggerKind::metric_move},
                                                           {"tenant", TriggerKind::tenant},
                                                           {"count", TriggerKind::count}}};
constexpr std::array<Named<ChannelKind>, 4> kChannelKinds{{{"slack", ChannelKind::slack},
                                                           {"email", ChannelKind::email},
                                                           {"webhook", ChannelKind::webhook},
                                                           {"stdout", ChannelKind::stdout_}}};
constexpr std::array<Named<Confirmation>, 3> kConfirmations{{{"ai-prior", Confirmation::ai_prior},
                                                             {"reported", Confirmation::reported},
                                                             {"confirmed", Confirmation::confirmed}}};
constexpr std::array<Named<PriceProvider>, 3> kPriceProviders{{{"yahoo", PriceProvider::yahoo},
                                                               {"stooq", PriceProvider::stooq},
                                                               {"nasdaq", PriceProvider::nasdaq}}};
constexpr std::array<Named<JobsProvider>, 3> kJobsProviders{{{"greenhouse", JobsProvider::greenhouse},
                                                             {"lever", JobsProvider::lever},
                                                             {"ashby", JobsProvider::ashby}}};

}  // namespace

std::span<const Named<SourceKind>> names(SourceKind) {
  // Built from the source-kind table, which holds the names.
  static const std::vector<Named<SourceKind>> table = [] {
    std::vector<Named<SourceKind>> out;
    for (const auto& spec : source_kinds()) out.push_back({spec.name, spec.kind});
    return out;
  }();
  return table;
}

std::span<const Named<TriggerKind>> names(TriggerKind) { return kTriggerKinds; }
std::span<const Named<ChannelKind>> names(ChannelKind) { return kChannelKinds; }
std::span<const Named<Confirmation>> names(Confirmation) { return kConfirmations; }
std::span<const Named<PriceProvider>> names(PriceProvider) { return kPriceProviders; }
std::span<const Named<JobsProvider>> names(JobsProvider) { return kJobsProviders; }

std::string_view to_string(SourceKind kind) { return name_of(kind); }
std::string_view to_string(TriggerKind kind) { return name_of(kind); }
std::string_view to_string(ChannelKind kind) { return name_of(kind); }
std::string_view to_string(Confirmation status) { return name_of(status); }
std::string_view to_string(PriceProvider provider) { return name_of(provider); }
std::string_view to_string(JobsProvider provider) { return name_of(provider); }

}  // namespace watchdesk::config
