// Code tables: MARC language codes for BCP 47 tags, MARC geographic area codes for ISO 3166
// countries. Sources: MARC Code List for Languages and MARC Code List for Geographic Areas
// (Library of Congress); the test suite checks every code against the lists MARC::Lint
// ships with.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "guidegraph/catalog.hpp"

namespace guidegraph::catalog {
namespace {

struct Language {
  std::string_view iso6391;      // two-letter BCP 47 primary subtag, or "" when there is none
  std::string_view marc;         // MARC / ISO 639-2/B
  std::string_view terminology;  // ISO 639-2/T when it differs from /B, else the same
  std::string_view name;         // English name as the MARC list gives it
};

// Central Asia first, then the languages its sources are commonly published in.
constexpr std::array kLanguages = {
    Language{"kk", "kaz", "kaz", "Kazakh"},     Language{"ky", "kir", "kir", "Kyrgyz"},
    Language{"uz", "uzb", "uzb", "Uzbek"},      Language{"tg", "tgk", "tgk", "Tajik"},
    Language{"tk", "tuk", "tuk", "Turkmen"},    Language{"", "kaa", "kaa", "Kara-Kalpak"},
    Language{"ru", "rus", "rus", "Russian"},    Language{"en", "eng", "eng", "English"},
    Language{"ar", "ara", "ara", "Arabic"},     Language{"az", "aze", "aze", "Azerbaijani"},
    Language{"be", "bel", "bel", "Belarusian"}, Language{"de", "ger", "deu", "German"},
    Language{"es", "spa", "spa", "Spanish"},    Language{"fa", "per", "fas", "Persian"},
    Language{"fr", "fre", "fra", "French"},     Language{"hi", "hin", "hin", "Hindi"},
    Language{"hy", "arm", "hye", "Armenian"},   Language{"it", "ita", "ita", "Italian"},
    Language{"ja", "jpn", "jpn", "Japanese"},   Language{"ka", "geo", "kat", "Georgian"},
    Language{"ko", "kor", "kor", "Korean"},     Language{"mn", "mon", "mon", "Mongolian"},
    Language{"nl", "dut", "nld", "Dutch"},      Language{"pl", "pol", "pol", "Polish"},
    Language{"ps", "pus", "pus", "Pushto"},     Language{"pt", "por", "por", "Portuguese"},
    Language{"tr", "tur", "tur", "Turkish"},    Language{"tt", "tat", "tat", "Tatar"},
    Language{"ug", "uig", "uig", "Uighur"},     Language{"uk", "ukr", "ukr", "Ukrainian"},
    Language{"ur", "urd", "urd", "Urdu"},       Language{"zh", "chi", "zho", "Chinese"},
};

struct Area {
  std::string_view alpha2;
  std::string_view gac;
};

// Central Asia, its neighbours, and the countries international sources are often based in.
constexpr std::array kAreas = {
    Area{"AF", "a-af---"}, Area{"AM", "a-ai---"}, Area{"AZ", "a-aj---"}, Area{"BY", "e-bw---"},
    Area{"CH", "e-sz---"}, Area{"CN", "a-cc---"}, Area{"DE", "e-gw---"}, Area{"ES", "e-sp---"},
    Area{"FR", "e-fr---"}, Area{"GB", "e-uk---"}, Area{"GE", "a-gs---"}, Area{"IN", "a-ii---"},
    Area{"IR", "a-ir---"}, Area{"IT", "e-it---"}, Area{"JP", "a-ja---"}, Area{"KG", "a-kg---"},
    Area{"KR", "a-kr---"}, Area{"KZ", "a-kz---"}, Area{"MN", "a-mp---"}, Area{"NL", "e-ne---"},
    Area{"PK", "a-pk---"}, Area{"PL", "e-pl---"}, Area{"PT", "e-po---"}, Area{"RU", "e-ru---"},
    Area{"TJ", "a-ta---"}, Area{"TM", "a-tk---"}, Area{"TR", "a-tu---"}, Area{"UA", "e-un---"},
    Area{"US", "n-us---"}, Area{"UZ", "a-uz---"},
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<std::string_view> marcLanguageCode(std::string_view bcp47) {
  const std::string primary = lower(bcp47.substr(0, bcp47.find_first_of("-_")));
  if (primary.size() != 2 && primary.size() != 3) return std::nullopt;
  for (const Language& l : kLanguages) {
    if (primary == l.iso6391 || primary == l.marc || primary == l.terminology) return l.marc;
  }
  return std::nullopt;
}

std::string_view marcLanguageName(std::string_view marcCode) {
  for (const Language& l : kLanguages) {
    if (marcCode == l.marc) return l.name;
  }
  return {};
}

std::string_view geographicAreaCode(std::string_view alpha2) {
  for (const Area& a : kAreas) {
    if (alpha2 == a.alpha2) return a.gac;
  }
  return {};
}

}  // namespace guidegraph::catalog
