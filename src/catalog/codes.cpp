// Code tables: MARC language codes for BCP 47 tags (from the language table of src/base, which
// both the RDF view and the catalog use), MARC geographic area codes for ISO 3166 countries
// (MARC Code List for Geographic Areas, Library of Congress). tests/base/language_codes_check.py
// checks every MARC language code against the list MARC::Lint ships with.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "guidegraph/catalog.hpp"
#include "guidegraph/languages.hpp"

namespace guidegraph::catalog {
namespace {

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

}  // namespace

std::optional<std::string_view> marcLanguageCode(std::string_view bcp47) {
  const LanguageRecord* l = findLanguageByTag(bcp47);
  if (!l || l->marc.empty()) return std::nullopt;
  return l->marc;
}

std::string_view marcLanguageName(std::string_view marcCode) {
  if (marcCode.empty()) return {};
  for (const LanguageRecord& l : allLanguages()) {
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
