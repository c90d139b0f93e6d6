// The country authority table: ISO 3166-1 codes, MARC country codes, UN M49 regions and the
// Wikidata, GeoNames and id.loc.gov identifiers of every country and territory, with the
// names a guide may call it by. Generated from ../shared/data/country-codes.csv by
// vocab/tools/generate_countries.py (which also writes vocab/countries.ttl and .tsv).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace guidegraph {

// One country or territory. Every view points into static storage: records and their
// strings live for the whole program. An absent value is an empty view.
struct CountryRecord {
  std::string_view alpha2;            // ISO 3166-1 alpha-2, upper case: "KZ"
  std::string_view alpha3;            // ISO 3166-1 alpha-3: "KAZ"
  std::string_view numeric;           // ISO 3166-1 numeric, 3 digits: "398" (= UN M49 code)
  std::string_view marc;              // MARC country code: "kz"; empty for some territories
  std::string_view m49RegionCode;     // 3 digits: "142"; empty for Antarctica
  std::string_view m49RegionName;     // English: "Asia"
  std::string_view m49SubRegionCode;  // 3 digits: "143"
  std::string_view m49SubRegionName;  // English: "Central Asia"
  std::string_view wikidata;          // Wikidata item: "Q232"
  std::string_view geonames;          // GeoNames ID: "1522867"
  std::string_view name;              // English (CLDR display name): "Kazakhstan"
};

// Every record, sorted by alpha-2.
[[nodiscard]] std::span<const CountryRecord> allCountries() noexcept;

// The country called `nameOrCode`, or nullptr when none is. Matches, after
// normalizeCountryName(), any of a country's names (English, French, Spanish, Russian,
// Chinese and Arabic official and UN names, the CLDR name, and endonyms for Central Asia;
// see vocab/countries.tsv) or its alpha-2, alpha-3 or numeric code ("4" finds "004").
// A name two countries share matches neither. Thread-safe; allocates once per call.
[[nodiscard]] const CountryRecord* findCountry(std::string_view nameOrCode);

// `text` as findCountry() compares it: trimmed; runs of whitespace and punctuation
// (ASCII, dashes, quotes, CJK and Arabic commas and brackets) made one space; apostrophe
// variants (' ` ´ ʹ ʻ ʼ ʽ ‘ ’ ‛ ′) made '; letters lower-cased in ASCII, Latin-1, Latin
// Extended-A and Additional, Greek and Cyrillic (including Қ Ғ Ң Ө Ү Ұ Һ Ў Ҳ Ҷ Ӣ Ӯ).
// Nothing else changes (no Unicode normalization, no accent removal): "Türkmenistan" and
// "Turkmenistan" stay different. Invalid UTF-8 bytes are copied as they are.
[[nodiscard]] std::string normalizeCountryName(std::string_view text);

// Linked-data IRIs of a record; each is empty when the record lacks the identifier.
// http://www.wikidata.org/entity/Q232
[[nodiscard]] std::string wikidataIri(const CountryRecord& country);
// https://sws.geonames.org/1522867/
[[nodiscard]] std::string geonamesIri(const CountryRecord& country);
// http://id.loc.gov/vocabulary/countries/kz (the MARC code's entry)
[[nodiscard]] std::string locCountryIri(const CountryRecord& country);
// https://w3id.org/guidegraph/country/KZ (guidegraph's own IRI for the country; never empty)
[[nodiscard]] std::string authorityIri(const CountryRecord& country);

}  // namespace guidegraph
