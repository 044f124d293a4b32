// Tests for watchers/triggers/headline_clauses.cpp and headline_tokens.cpp: publisher suffixes,
// kickers, asides and clause boundaries.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "watchers/triggers/headline_clauses.hpp"

using namespace watchdesk::triggers;

BOOST_AUTO_TEST_SUITE(triggers_headline_clauses)

namespace {
// Each clause as its lower-case words joined by spaces.
std::vector<std::string> clauses_of(std::string_view sentence) {
  const HeadlineSentence s = split_clauses(sentence);
  std::vector<std::string> out;
  for (const auto& c : s.clauses) {
    std::string words;
    for (std::size_t i = c.begin; i < c.end; ++i) {
      if (!words.empty()) words += ' ';
      words += s.tokens[i].lower;
    }
    out.push_back(words);
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(strips_the_publisher_suffix) {
  struct Case {
    const char* text;
    const char* publisher;
    const char* expected;
  };
  const Case cases[] = {
      {"xAI expands Colossus - Bloomberg", "Bloomberg", "xAI expands Colossus"},
      {"xAI expands Colossus - bloomberg", "Bloomberg", "xAI expands Colossus"},
      {"xAI expands Colossus | Reuters", "Reuters", "xAI expands Colossus"},
      {"xAI expands Colossus\xC2\xA0\xC2\xA0Memphis Ledger", "Memphis Ledger", "xAI expands Colossus"},
      // Without a publisher: a short capitalised tail after ` - `.
      {"xAI expands Colossus - The Wall Street Journal", "", "xAI expands Colossus"},
      {"Colossus adds OpenAI as a customer - Reuters", "", "Colossus adds OpenAI as a customer"},
      // Not a publisher: a verb, or lower-case words.
      {"Colossus 2 - xAI signs Meta", "", "Colossus 2 - xAI signs Meta"},
      {"Meta's new cluster - bigger than ever", "", "Meta's new cluster - bigger than ever"},
      {"Bloomberg signs deal to rent Colossus capacity - Reuters", "Reuters",
       "Bloomberg signs deal to rent Colossus capacity"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) { BOOST_TEST(strip_publisher(c.text, c.publisher) == c.expected); }
  }
}

BOOST_AUTO_TEST_CASE(splits_clauses_at_conjunctions_that_start_a_second_clause) {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"Meta signs a deal with Oracle as Colossus waits for a customer",
       {"meta signs a deal with oracle", "colossus waits for a customer"}},
      {"Colossus lands Meta as second external customer", {"colossus lands meta as second external customer"}},
      {"Colossus adds OpenAI as a tenant", {"colossus adds openai as a tenant"}},
      {"OpenAI leases Stargate capacity while Colossus stays idle",
       {"openai leases stargate capacity", "colossus stays idle"}},
      {"Amazon leases a campus; Colossus adds a hall", {"amazon leases a campus", "colossus adds a hall"}},
      {"As Colossus fills up, Mistral signs on as a tenant", {"as colossus fills up", "mistral signs on as a tenant"}},
      {"Google signs with Meta after signing a deal with OpenAI", {"google signs with meta after signing a deal with openai"}},
      {"OpenAI just signed a deal with AWS, and it's not just about servers",
       {"openai just signed a deal with aws", "it 's not just about servers"}},
      {"Cohere signs up as Colossus customer", {"cohere signs up as colossus customer"}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) { BOOST_TEST(clauses_of(c.text) == c.expected, boost::test_tools::per_element()); }
  }
}

BOOST_AUTO_TEST_CASE(drops_kickers_parentheses_and_dash_asides) {
  BOOST_TEST(clauses_of("Exclusive: CoreWeave expands OpenAI pact") ==
                 std::vector<std::string>{"coreweave expands openai pact"},
             boost::test_tools::per_element());
  BOOST_TEST(clauses_of("Nscale partners with Microsoft Corp. (NASDAQ:MSFT) on GPUs") ==
                 std::vector<std::string>{"nscale partners with microsoft corp . on gpus"},
             boost::test_tools::per_element());
  BOOST_TEST(clauses_of("Anthropic \xE2\x80\x94 creator of Claude \xE2\x80\x94 has signed a deal with Google") ==
                 std::vector<std::string>{"anthropic has signed a deal with google"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(keeps_a_colon_after_the_parties_or_before_a_lone_name_in_the_clause) {
  BOOST_TEST(clauses_of("Nebius and Meta: a $27 billion AI partnership") ==
                 std::vector<std::string>{"nebius and meta : a $ 27 billion ai partnership"},
             boost::test_tools::per_element());
  BOOST_TEST(clauses_of("Fluidstack gets its first foreign customer: Tencent") ==
                 std::vector<std::string>{"fluidstack gets its first foreign customer : tencent"},
             boost::test_tools::per_element());
  // A kicker and a colon between two statements still cut.
  BOOST_TEST(clauses_of("Breaking News: CoreWeave signs Meta") == std::vector<std::string>{"coreweave signs meta"},
             boost::test_tools::per_element());
  BOOST_TEST(clauses_of("CoreWeave shares fall sharply: investors fear the debt") ==
                 (std::vector<std::string>{"coreweave shares fall sharply", "investors fear the debt"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(tells_yes_no_questions_from_why_questions) {
  BOOST_TEST(split_clauses("Could Meta become the next Colossus tenant?").question);
  BOOST_TEST(!split_clauses("Why is xAI renting out Colossus to Anthropic?").question);
  BOOST_TEST(split_clauses("Meta Signs $14B Deal With AI Cloud Firm CoreWeave").title_case);
  BOOST_TEST(!split_clauses("Meta signs a $14 billion deal with CoreWeave").title_case);
}

BOOST_AUTO_TEST_CASE(tokenizes_possessives_dashes_and_dotted_names) {
  const std::vector<HeadlineToken> t = tokenize_headline("Musk\xE2\x80\x99s X.AI-Colossus deal \xE2\x80\x94 $6.5B, 200,000 GPUs");
  std::vector<std::string> words;
  for (const auto& token : t) words.push_back(token.lower);
  BOOST_TEST(words == (std::vector<std::string>{"musk", "'s", "x.ai", "-", "colossus", "deal", "--", "$", "6.5b", ",",
                                                "200,000", "gpus"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
