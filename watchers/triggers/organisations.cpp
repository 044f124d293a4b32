// The shipped organisation list and its per-trigger view (candidates, owners, known tenants).
#include "watchers/triggers/organisations.hpp"

#include "core/text/strings.hpp"

namespace watchdesk::triggers {
namespace {

Organisation org(std::string name, std::vector<std::string> extra = {},
                 OrganisationKind kind = OrganisationKind::buyer) {
  Organisation o;
  o.aliases.push_back(name);
  for (auto& alias : extra) o.aliases.push_back(std::move(alias));
  o.name = std::move(name);
  o.kind = kind;
  return o;
}

Organisation supplier(std::string name, std::vector<std::string> extra = {}) {
  return org(std::move(name), std::move(extra), OrganisationKind::supplier);
}

Organisation provider(std::string name, std::vector<std::string> extra = {}) {
  return org(std::move(name), std::move(extra), OrganisationKind::provider);
}

Organisation host(std::string name, std::vector<std::string> extra = {}) {
  return org(std::move(name), std::move(extra), OrganisationKind::host);
}

void mark(std::vector<TriggerOrganisation>& orgs, const std::vector<std::string>& names,
          Standing standing) {
  for (const auto& name : names) {
    if (name.empty()) continue;
    if (const auto index = find_organisation(orgs, name)) {
      // Owners stay owners even when also listed as known.
      auto& existing = orgs[*index];
      if (existing.standing != Standing::owner) existing.standing = standing;
    } else {
      orgs.push_back({org(name), standing});
    }
  }
}

}  // namespace

const std::vector<Organisation>& shipped_organisations() {
  static const std::vector<Organisation> list = {
      org("OpenAI", {"Open AI", "ChatGPT", "ChatGPT maker", "GPT", "Sora", "Codex"}),
      org("xAI", {"X.AI", "SpaceXAI", "Grok", "Musk", "Elon Musk"}),
      org("SpaceX", {"Space Exploration Technologies"}),
      org("X Corp", {"X Corp.", "Twitter"}),
      org("Google", {"Google DeepMind", "DeepMind", "Alphabet", "Google Cloud", "Gemini", "Gemma"}),
      org("Meta", {"Meta Platforms", "Facebook", "Llama"}),
      org("Microsoft", {"Microsoft Azure", "Azure", "Copilot", "Bing"}),
      org("Amazon", {"AWS", "Amazon Web Services", "Amazon.com"}),
      org("Apple", {"Siri"}),
      org("Mistral", {"Mistral AI"}),
      org("Cohere"),
      org("Perplexity", {"Perplexity AI"}),
      org("Anthropic", {"Anthropic PBC", "Claude", "Claude maker", "Claude developer"}),
      provider("Oracle", {"Oracle Cloud", "OCI"}),
      supplier("NVIDIA", {"Nvidia", "Nvidia Corp."}),
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
      supplier("Intel"),
      supplier("AMD", {"Advanced Micro Devices"}),
      org("Cerebras", {"Cerebras Systems"}),
      provider("CoreWeave"),
      provider("Lambda", {"Lambda Labs"}),
      provider("Nebius"),
      org("Walmart"),
      org("Bloomberg"),
      org("Citigroup", {"Citi"}),
      org("Bank of America"),
      provider("Fluidstack", {"FluidStack"}),
      provider("Crusoe", {"Crusoe Energy"}),
      org("SoftBank"),
      provider("Nscale"),
      provider("IREN", {"Iris Energy"}),
      host("TeraWulf"),
      host("Cipher Mining"),
      host("Core Scientific"),
      host("Applied Digital"),
      host("Galaxy Digital"),
      host("Equinix"),
      host("Digital Realty"),
      host("QTS", {"QTS Data Centers"}),
      host("Vantage Data Centers"),
      host("Aligned Data Centers"),
      host("CyrusOne"),
      host("Stack Infrastructure"),
      host("Eclairion"),
      host("Hut 8"),
      host("Bitfarms"),
      host("Hive Digital", {"HIVE Digital"}),
      host("Bit Digital"),
      host("DataBank"),
      host("Flexential"),
      org("Humain"),
      org("G42"),
      org("MGX"),
      org("Reflection AI"),
      org("Character Technologies"),
      org("Essential AI"),
      org("Liquid AI"),
      org("World Labs"),
      org("Physical Intelligence"),
      org("Skild AI"),
      org("Black Forest Labs"),
      org("ElevenLabs"),
      org("Luma AI", {"Luma"}),
      org("Jane Street"),
      org("Two Sigma"),
      org("Renaissance Technologies"),
      org("Shopify"),
      org("Spotify"),
      org("Pinterest"),
      org("Roblox"),
      org("Epic Games"),
      org("Airbnb"),
      org("Stripe"),
      org("Mastercard"),
      org("PayPal"),
      org("Ford"),
      org("GM", {"General Motors"}),
      org("Toyota"),
      org("Siemens"),
      org("SAP"),
      org("Accenture"),
      org("Deloitte"),
      org("Pfizer"),
      org("Eli Lilly"),
      org("Novo Nordisk"),
      org("Lockheed Martin"),
      org("Anduril"),
      org("Boeing"),
      org("Rakuten"),
      org("Naver"),
      org("Kakao"),
      org("Sakana"),
      org("Yandex"),
      org("Cisco", {}, OrganisationKind::supplier),
      supplier("Dell", {"Dell Technologies"}),
      supplier("Supermicro", {"Super Micro Computer", "Super Micro", "SMC"}),
      supplier("HPE", {"Hewlett Packard Enterprise"}),
      supplier("Broadcom"),
      supplier("Marvell"),
      supplier("Micron"),
      supplier("SK Hynix", {"SK hynix"}),
      supplier("TSMC"),
      supplier("Arista", {"Arista Networks"}),
      supplier("Coherent"),
      supplier("Vertiv"),
      supplier("Schneider Electric"),
      supplier("Siemens Energy"),
      supplier("GE Vernova"),
      supplier("Caterpillar"),
      supplier("Solar Turbines"),
      supplier("Foxconn", {"Hon Hai"}),
      supplier("Wistron"),
      supplier("Quanta"),
      supplier("Lenovo"),
      supplier("Eaton"),
      supplier("Entergy"),
      supplier("TVA", {"Tennessee Valley Authority"}),
      supplier("MLGW", {"Memphis Light, Gas and Water"}),
  };
  return list;
}

const std::vector<std::string>& default_owners() {
  static const std::vector<std::string> owners = {"xAI",  "X.AI",      "SpaceX", "SpaceXAI",
                                                  "Musk", "Elon Musk", "X Corp", "Grok"};
  return owners;
}

std::optional<std::size_t> find_organisation(const std::vector<TriggerOrganisation>& orgs, std::string_view name) {
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    for (const auto& alias : orgs[i].organisation.aliases) {
      if (text::iequals(alias, name)) return i;
    }
  }
  return std::nullopt;
}

std::vector<TriggerOrganisation> organisations_for(const std::vector<std::string>& owners,
                                                   const std::vector<std::string>& known,
                                                   const std::vector<std::string>& candidates) {
  std::vector<TriggerOrganisation> orgs;
  for (const auto& o : shipped_organisations()) orgs.push_back({o, Standing::candidate});
  mark(orgs, candidates, Standing::candidate);
  mark(orgs, known, Standing::known);
  mark(orgs, owners.empty() ? default_owners() : owners, Standing::owner);
  return orgs;
}

std::vector<TriggerOrganisation> trigger_organisations(const config::Trigger& trigger) {
  return organisations_for(trigger.owners, trigger.known, trigger.candidates);
}

}  // namespace watchdesk::triggers
