// Demonyms, place adjectives and place nouns, and the phrases they make.
#include "watchers/triggers/place_names.hpp"

#include <boost/unordered/unordered_flat_set.hpp>

namespace watchdesk::triggers {
namespace {

using Words = boost::unordered_flat_set<std::string_view>;

const Words& place_adjectives() {
  static const Words words = {
      "american", "british", "english", "scottish", "welsh", "irish", "norwegian", "swedish", "finnish", "danish",
      "icelandic", "dutch", "german", "french", "spanish", "portuguese", "italian", "polish", "swiss", "austrian",
      "belgian", "european", "nordic", "scandinavian", "arctic", "canadian", "mexican", "brazilian", "chilean",
      "argentine", "indian", "japanese", "chinese", "korean", "taiwanese", "singaporean", "malaysian", "indonesian",
      "thai", "vietnamese", "australian", "asian", "african", "saudi", "emirati", "qatari", "kuwaiti", "israeli",
      "gulf", "middle", "texas", "texan", "ohio", "georgia", "virginia", "arizona", "nevada", "utah", "oregon",
      "wisconsin", "michigan", "tennessee", "louisiana", "pennsylvania", "indiana", "iowa", "kentucky",
      "mississippi", "alabama", "carolina", "dakota", "wyoming", "montana", "oklahoma", "kansas", "nebraska",
      "minnesota", "missouri", "illinois", "idaho", "colorado", "california", "alberta", "quebec", "ontario",
      "memphis", "abilene", "dallas", "austin", "houston", "atlanta", "phoenix", "chicago", "london", "paris",
      "berlin", "tokyo", "mumbai", "dubai", "riyadh", "norway", "sweden", "finland", "denmark", "iceland",
      "portugal", "spain", "france", "germany", "britain", "uk", "us", "u.s.", "usa", "india", "japan", "korea",
      "canada", "mexico", "brazil", "chile", "australia", "uae", "qatar", "scotland", "wales", "ireland",
      "netherlands", "europe", "asia", "africa", "america"};
  return words;
}

// Cities, counties and the sites data centers are named after: never a party, whatever the case.
const Words& place_words() {
  static const Words words = {
      "san", "francisco", "jose", "diego", "los", "angeles", "new", "york", "jersey", "seattle", "redmond", "reno",
      "sweetwater", "childress", "denton", "ellendale", "richland", "mount", "pleasant", "lancaster", "midlothian",
      "shackelford", "milam", "amarillo", "odessa", "midland", "lubbock", "fort", "worth", "el", "paso", "boston",
      "washington", "portland", "quincy", "wenatchee", "omaha", "council", "bluffs", "des", "moines", "cheyenne",
      "salt", "lake", "barber", "mariner", "louisville", "columbus", "albany", "richmond", "ashburn", "loudoun",
      "manassas", "hillsboro", "mesa", "goodyear", "tucson", "las", "vegas", "henderson", "charlotte", "nashville",
      "jackson", "ridgeland", "racine", "kenosha", "cedar", "rapids", "sioux", "falls", "north", "south", "east",
      "west", "northern", "southern", "stockholm", "oslo", "helsinki", "amsterdam", "frankfurt", "dublin", "madrid",
      "lisbon", "milan", "rome", "zurich", "geneva", "singapore", "johor", "sydney", "melbourne", "toronto",
      "montreal", "vancouver", "abu", "dhabi", "doha", "jeddah", "neom", "seoul", "osaka", "beijing", "shanghai",
      "shenzhen", "hong", "kong", "taipei", "bangalore", "hyderabad", "chennai", "delhi", "narvik", "loughton",
      "glomfjord", "sines", "sheffield", "manchester", "wrexham", "cardiff", "silicon", "bay", "area", "gulf", "coast",
      "permian", "basin", "appalachia", "midwest", "southeast", "northeast", "southwest", "northwest"};
  return words;
}

const Words& place_nouns() {
  static const Words words = {"site",    "sites",     "campus",  "campuses", "hall",     "halls",   "building",
                              "buildings", "facility", "facilities", "park",  "parks",    "county",  "region",
                              "plant",   "complex",   "valley",  "township", "district", "city",    "town",
                              "state",   "province",  "village", "airport",  "port",     "estate"};
  return words;
}

}  // namespace

bool is_place_adjective(std::string_view lower) { return place_adjectives().contains(lower); }

bool is_place_noun(std::string_view lower) { return place_nouns().contains(lower); }

bool is_place_phrase(const std::vector<HeadlineToken>& tokens, std::size_t first, std::size_t last, std::size_t begin,
                     std::size_t end) {
  bool all_adjectives = true;
  for (std::size_t k = first; k < last; ++k)
    all_adjectives = all_adjectives && (is_place_adjective(tokens[k].lower) || place_words().contains(tokens[k].lower));
  if (all_adjectives) return true;
  std::size_t next = last;
  // `River Bend data center`, `Helios AI data centre`: a compute qualifier before the place noun.
  while (next < end && next < last + 2 &&
         (tokens[next].lower == "data" || tokens[next].lower == "ai" || tokens[next].lower == "-"))
    ++next;
  if (next < end && (is_place_noun(tokens[next].lower) || tokens[next].lower == "center" ||
                     tokens[next].lower == "centre" || tokens[next].lower == "centers" ||
                     tokens[next].lower == "centres"))
    return true;
  if (first > begin) {
    const std::string& before = tokens[first - 1].lower;
    if (before == "in" || before == "at" || before == "near" || before == "outside") return true;
  }
  return false;
}

}  // namespace watchdesk::triggers
