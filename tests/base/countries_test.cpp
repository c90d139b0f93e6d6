#include "guidegraph/countries.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace gg = guidegraph;

namespace {

std::string alpha2Of(std::string_view query) {
  const gg::CountryRecord* country = gg::findCountry(query);
  return country ? std::string(country->alpha2) : std::string("(none)");
}

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t end; (end = line.find(separator, start)) != std::string::npos; start = end + 1) {
    fields.push_back(line.substr(start, end - start));
  }
  fields.push_back(line.substr(start));
  return fields;
}

std::filesystem::path countriesTsv() {
#ifdef GUIDEGRAPH_DATA_DIR
  return std::filesystem::path(GUIDEGRAPH_DATA_DIR) / "vocab" / "countries.tsv";
#else
  // tests/base/countries_test.cpp -> the repository root
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "vocab" /
         "countries.tsv";
#endif
}

}  // namespace

BOOST_AUTO_TEST_SUITE(countries)

BOOST_AUTO_TEST_CASE(kazakhstan_by_name_code_and_endonym) {
  for (std::string_view query :
       {"Kazakhstan", "kazakhstan", "  Kazakhstan ", "KZ", "kz", "KAZ", "398",
        "Republic of Kazakhstan", "Қазақстан", "ҚАЗАҚСТАН", "Казахстан", "Qazaqstan"}) {
    BOOST_TEST_CONTEXT("query '" << query << "'") {
      const gg::CountryRecord* kz = gg::findCountry(query);
      BOOST_TEST_REQUIRE(kz != nullptr);
      BOOST_TEST(kz->alpha2 == "KZ");
      BOOST_TEST(kz->alpha3 == "KAZ");
      BOOST_TEST(kz->numeric == "398");
      BOOST_TEST(kz->marc == "kz");
      BOOST_TEST(kz->wikidata == "Q232");
      BOOST_TEST(kz->geonames == "1522867");
      BOOST_TEST(kz->m49RegionCode == "142");
      BOOST_TEST(kz->m49RegionName == "Asia");
      BOOST_TEST(kz->m49SubRegionCode == "143");
      BOOST_TEST(kz->m49SubRegionName == "Central Asia");
      BOOST_TEST(kz->name == "Kazakhstan");
    }
  }
}

BOOST_AUTO_TEST_CASE(central_asian_alternate_names) {
  BOOST_TEST(alpha2Of("Kyrgyz Republic") == "KG");
  BOOST_TEST(alpha2Of("Кыргызстан") == "KG");
  BOOST_TEST(alpha2Of("Киргизия") == "KG");
  BOOST_TEST(alpha2Of("Kirghizia") == "KG");
  BOOST_TEST(alpha2Of("O‘zbekiston") == "UZ");  // U+2018
  BOOST_TEST(alpha2Of("Oʻzbekiston") == "UZ");  // U+02BB, the Uzbek letter
  BOOST_TEST(alpha2Of("O'zbekiston") == "UZ");
  BOOST_TEST(alpha2Of("O`zbekiston") == "UZ");
  BOOST_TEST(alpha2Of("Ўзбекистон") == "UZ");
  BOOST_TEST(alpha2Of("Тоҷикистон") == "TJ");
  BOOST_TEST(alpha2Of("Таджикистан") == "TJ");
  BOOST_TEST(alpha2Of("Türkmenistan") == "TM");
  BOOST_TEST(alpha2Of("Туркменистан") == "TM");
}

BOOST_AUTO_TEST_CASE(unknown_names_find_nothing) {
  for (std::string_view query : {"Atlantis", "", "   ", "K", "KZZ", "999", "Kazakh", "\xff"}) {
    BOOST_TEST_CONTEXT("query '" << query << "'") { BOOST_TEST(gg::findCountry(query) == nullptr); }
  }
}

BOOST_AUTO_TEST_CASE(numeric_codes_need_no_leading_zeros) {
  BOOST_TEST(alpha2Of("004") == "AF");
  BOOST_TEST(alpha2Of("4") == "AF");
  BOOST_TEST(alpha2Of("040") == "AT");
}

BOOST_AUTO_TEST_CASE(punctuation_and_case_are_folded) {
  BOOST_TEST(alpha2Of("Guinea Bissau") == "GW");
  BOOST_TEST(alpha2Of("GUINEA—BISSAU") == "GW");
  BOOST_TEST(alpha2Of("Côte d’Ivoire") == "CI");
  BOOST_TEST(alpha2Of("CÔTE D'IVOIRE") == "CI");
  BOOST_TEST(alpha2Of("republic of korea") == "KR");
}

BOOST_AUTO_TEST_CASE(normalize_country_name) {
  BOOST_TEST(gg::normalizeCountryName("  Kazakhstan\t\n") == "kazakhstan");
  BOOST_TEST(gg::normalizeCountryName("ҚАЗАҚСТАН") == "қазақстан");
  BOOST_TEST(gg::normalizeCountryName("ҒҢҺҰҮӨЎҲҶӢӮЁЃ") == "ғңһұүөўҳҷӣӯёѓ");
  BOOST_TEST(gg::normalizeCountryName("ΕΛΛΆΔΑ") == "ελλάδα");
  BOOST_TEST(gg::normalizeCountryName("ÅLAND ŁÓDŹ ŸİŞ") == "åland łódź ÿiş");
  BOOST_TEST(gg::normalizeCountryName("VIỆT NAM") == "việt nam");
  BOOST_TEST(gg::normalizeCountryName("Oʻzbekiston O’zbekiston O`zbekiston") ==
             "o'zbekiston o'zbekiston o'zbekiston");
  BOOST_TEST(gg::normalizeCountryName("Bonaire, Sint Eustatius -- Saba (NL)") ==
             "bonaire sint eustatius saba nl");
  BOOST_TEST(gg::normalizeCountryName("圣马丁（荷属）") == "圣马丁 荷属");
  BOOST_TEST(gg::normalizeCountryName("a\xff b") == "a\xff b");  // bad UTF-8 kept
  BOOST_TEST(gg::normalizeCountryName("\xd0") == "\xd0");        // truncated sequence
  BOOST_TEST(gg::normalizeCountryName("×÷ß") == "×÷ß");
}

BOOST_AUTO_TEST_CASE(iris) {
  const gg::CountryRecord* kz = gg::findCountry("KZ");
  BOOST_TEST_REQUIRE(kz != nullptr);
  BOOST_TEST(gg::locCountryIri(*kz) == "http://id.loc.gov/vocabulary/countries/kz");
  BOOST_TEST(gg::wikidataIri(*kz) == "http://www.wikidata.org/entity/Q232");
  BOOST_TEST(gg::geonamesIri(*kz) == "https://sws.geonames.org/1522867/");
  BOOST_TEST(gg::authorityIri(*kz) == "https://w3id.org/guidegraph/country/KZ");

  const gg::CountryRecord* hk = gg::findCountry("HK");  // the CSV has no MARC code for it
  BOOST_TEST_REQUIRE(hk != nullptr);
  BOOST_TEST(hk->marc.empty());
  BOOST_TEST(gg::locCountryIri(*hk).empty());
}

BOOST_AUTO_TEST_CASE(every_record_is_found_by_its_codes) {
  const auto all = gg::allCountries();
  BOOST_TEST(all.size() == 249u);
  BOOST_TEST(std::ranges::is_sorted(all, {}, &gg::CountryRecord::alpha2));
  for (const gg::CountryRecord& country : all) {
    BOOST_TEST_CONTEXT(country.alpha2) {
      BOOST_TEST(gg::findCountry(country.alpha2) == &country);
      BOOST_TEST(gg::findCountry(country.alpha3) == &country);
      BOOST_TEST(gg::findCountry(country.numeric) == &country);
      BOOST_TEST(gg::findCountry(country.name) == &country);
      BOOST_TEST(country.numeric.size() == 3u);
    }
  }
}

// The generator normalizes names in Python and the lookup normalizes queries in C++: every
// variant listed in vocab/countries.tsv must find its own country, or the two have drifted.
BOOST_AUTO_TEST_CASE(every_listed_name_variant_finds_its_country) {
  const std::filesystem::path path = countriesTsv();
  std::ifstream in(path);
  BOOST_TEST_REQUIRE(in.is_open(), "cannot read " << path);
  std::size_t countries = 0;
  std::size_t variants = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string> fields = split(line, '\t');
    BOOST_TEST_REQUIRE(fields.size() == 12u, path << ": " << line);
    ++countries;
    for (const std::string& variant : split(fields[11], '|')) {
      ++variants;
      BOOST_TEST(alpha2Of(variant) == fields[0], "'" << variant << "' in " << path);
    }
  }
  BOOST_TEST(countries == gg::allCountries().size());
  BOOST_TEST(variants > 2000u);
}

BOOST_AUTO_TEST_SUITE_END()
