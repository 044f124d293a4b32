// The shipped organisation list and its per-trigger view (candidates, owners, known tenants).
#include "watchers/triggers/organisations.hpp"

#include "core/text/strings.hpp"

namespace watchdesk::triggers {
namespace {

Organisation org(std::string name, std::vector<std::string> extra = {}) {
  Organisation o;
  o.aliases.push_back(name);
  for (auto& alias : extra) o.aliases.push_back(std::move(alias));
  o.name = std::move(name);
  return o;
}

// The index of the organisation `name` refers to (any case, name or alias), or -1.
int find_organisation(const std::vector<TriggerOrganisation>& orgs, std::string_view name) {
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    for (const auto& alias : orgs[i].organisation.aliases) {
      if (text::iequals(alias, name)) return static_cast<int>(i);
    }
  }
  return -1;
}

void mark(std::vector<TriggerOrganisation>& orgs, const std::vector<std::string>& names,
          Standing standing) {
  for (const auto& name : names) {
    if (name.empty()) continue;
    const int index = find_organisation(orgs, name);
    if (index >= 0) {
      // Owners stay owners even when also listed as known.
      auto& existing = orgs[static_cast<std::size_t>(index)];
      if (existing.standing != Standing::owner) existing.standing = standing;
    } else {
      orgs.push_back({org(name), standing});
    }
  }
}

}  // namespace

const std::vector<Organisation>& shipped_organisations() {
  static const std::vector<Organisation> list = {
      org("OpenAI"),
      org("Google", {"Google DeepMind", "DeepMind", "Alphabet", "Google Cloud"}),
      org("Meta", {"Meta Platforms", "Facebook"}),
      org("Microsoft", {"Microsoft Azure", "Azure"}),
      org("Amazon", {"AWS", "Amazon Web Services"}),
      org("Apple"),
      org("Mistral", {"Mistral AI"}),
      org("Cohere"),
      org("Perplexity", {"Perplexity AI"}),
      org("Anthropic"),
      org("Oracle", {"Oracle Cloud", "OCI"}),
      org("NVIDIA", {"Nvidia"}),
      org("Tesla"),
      org("IBM"),
      org("Salesforce"),
      org("ByteDance", {"Bytedance", "TikTok"}),
      org("Alibaba", {"Alibaba Cloud"}),
      org("Baidu"),
      org("Tencent"),
      org("Samsung"),
      org("Character.AI", {"Character AI"}),
      org("Inflection", {"Inflection AI"}),
      org("Safe Superintelligence", {"SSI"}),
      org("Thinking Machines", {"Thinking Machines Lab"}),
      org("Reka", {"Reka AI"}),
      org("AI21", {"AI21 Labs"}),
      org("Stability AI"),
      org("Midjourney"),
      org("Runway", {"Runway ML", "RunwayML"}),
      org("Databricks"),
      org("Snowflake"),
      org("Adobe"),
      org("Uber"),
      org("Netflix"),
      org("JPMorgan", {"JPMorgan Chase", "JP Morgan", "J.P. Morgan"}),
      org("Goldman Sachs", {"Goldman"}),
      org("Morgan Stanley"),
      org("DeepSeek"),
      org("Moonshot AI"),
      org("Zhipu", {"Zhipu AI"}),
      org("Hugging Face"),
      org("Scale AI"),
      org("Together AI"),
      org("Poolside"),
      org("Anysphere", {"Cursor"}),
      org("Figure AI"),
      org("Sakana AI"),
      org("Palantir"),
      org("ServiceNow"),
      org("Intel"),
      org("AMD"),
      org("Cerebras"),
      org("CoreWeave"),
      org("Lambda", {"Lambda Labs"}),
      org("Nebius"),
      org("Walmart"),
      org("Bloomberg"),
      org("Citigroup", {"Citi"}),
      org("Bank of America"),
  };
  return list;
}

const std::vector<std::string>& default_owners() {
  static const std::vector<std::string> owners = {"xAI", "X.AI", "SpaceX"};
  return owners;
}

std::vector<TriggerOrganisation> trigger_organisations(const config::Trigger& trigger) {
  std::vector<TriggerOrganisation> orgs;
  for (const auto& o : shipped_organisations()) orgs.push_back({o, Standing::candidate});
  mark(orgs, trigger.candidates, Standing::candidate);
  mark(orgs, trigger.known, Standing::known);
  mark(orgs, trigger.owners.empty() ? default_owners() : trigger.owners, Standing::owner);
  return orgs;
}

}  // namespace watchdesk::triggers
