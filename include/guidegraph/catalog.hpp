// Library catalog records for the sources a site recommends: MARC 21 bibliographic records
// for websites (integrating resources) as MARCXML and ISO 2709, Dublin Core (oai_dc, an
// OAI-PMH ListRecords response, an OAI Static Repository) and CSV for A-Z database lists.
//
// The records are built from the Site's knowledge graph: one record per Source vertex,
// sorted by the source's IRI. Every date written comes from the content (or from options),
// never from the clock, so the same site gives the same bytes on every run.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "guidegraph/countries.hpp"
#include "guidegraph/diagnostic.hpp"
#include "guidegraph/site.hpp"

namespace guidegraph::catalog {

// Used for 003 and 040 when neither --org-code nor hugo.toml's
// `params.guidegraph.marcOrgCode` gives one. Replace it with your library's MARC code.
inline constexpr std::string_view kDefaultOrgCode = "guidegraph";
// Used when no page of the site has a usable date and no --date is given.
inline constexpr std::string_view kFallbackDate = "1970-01-01";

struct CatalogOptions {
  std::string orgCode;       // empty: hugo.toml params.guidegraph.marcOrgCode, else default
  std::string recordDate;    // YYYY-MM-DD for every record; empty: derived from the content
  std::string responseDate;  // OAI-PMH responseDate (YYYY-MM-DDThh:mm:ssZ); empty: derived
  std::string oaiBaseUrl;    // the OAI-PMH base URL; empty: the site's baseURL + "oai"
  std::string adminEmail;    // OAI Identify adminEmail; empty: params.guidegraph.adminEmail
  // OAI Static Repository: where the file is served (empty: the site's baseURL + "oai.xml")
  // and the Static Repository Gateway that makes it harvestable (empty: none named yet).
  std::string staticUrl;
  std::string gatewayUrl;
  // CSV: write text cells as they are, without neutralising spreadsheet formulas.
  bool csvRaw = false;
};

struct CountryRef {
  std::string name;                          // as the site calls it
  std::string iri;                           // the site's country entity
  const CountryRecord* authority = nullptr;  // nullptr when the country table lacks it
};

struct CategoryRef {
  std::string label;
  std::string iri;                        // the SKOS concept
  std::string slug;                       // last path segment of the category page: "state-media"
  std::vector<std::string> broaderSlugs;  // every broader concept, transitively
};

// One source, as plain values taken from the graph.
struct SourceRecord {
  std::string iri;            // the organisation or publication: permalink + "#id"
  std::string page;           // the source page's permalink
  std::string pagePath;       // its URL path without surrounding slashes: "sources/sources/24_kg"
  std::string slug;           // last segment of pagePath: "24_kg"
  std::string controlNumber;  // MARC 001: "gg-" + slug, or + pagePath when slugs collide
  std::string name;
  std::string description;
  std::string website;
  std::string wikidata;  // "Q232" or empty
  std::vector<std::string> alternateNames;
  std::vector<std::string> languages;     // BCP 47 tags as written
  std::vector<CountryRef> countries;      // sorted by IRI
  std::vector<CategoryRef> categories;    // sorted by IRI
  std::vector<std::string> contributors;  // names, sorted by IRI
  std::string date;  // YYYY-MM-DD: the date the description is "as of" (see recordDates)
  SourcePos pos;     // the source page's front matter
};

struct Catalog {
  std::string siteTitle;
  std::string baseUrl;
  std::string orgCode;
  std::string oaiBaseUrl;
  std::string adminEmail;
  std::string staticBaseUrl;          // oai:baseURL of the static repository: gateway + file URL
  std::string newestDate;             // YYYY-MM-DD, the newest date of any page (or the fallback)
  std::string responseDate;           // YYYY-MM-DDThh:mm:ssZ
  std::vector<SourceRecord> records;  // sorted by iri
  bool csvRaw = false;                // CatalogOptions::csvRaw
};

// Collects one record per source of `site`. A record's date is, in this order: --date; the
// source page's `lastmod` or `date`; the newest `date`/`lastmod` of the guides that
// recommend it; the newest date of any page; kFallbackDate (with a warning).
[[nodiscard]] Catalog buildCatalog(const Site& site, const CatalogOptions& options,
                                   Diagnostics& diags);

// ---- MARC 21 ------------------------------------------------------------------------------

struct MarcSubfield {
  char code = 'a';
  std::string value;
};

struct MarcField {
  std::string tag;   // three characters
  std::string data;  // control fields (00X) only
  char ind1 = ' ';
  char ind2 = ' ';
  std::vector<MarcSubfield> subfields;  // data fields only

  [[nodiscard]] bool isControl() const { return tag.size() == 3 && tag[0] == '0' && tag[1] == '0'; }
};

struct MarcRecord {
  std::string leader;             // 24 characters; 00-04 and 12-16 are filled by toIso2709()
  std::vector<MarcField> fields;  // in tag order
};

// MARC language code (ISO 639-2/B) of a BCP 47 tag: "kk" -> "kaz", "uz-Cyrl" -> "uzb",
// "de" -> "ger"; a three-letter tag that is a 639-2/B or /T code maps to the /B code.
// nullopt when the table does not know the language.
[[nodiscard]] std::optional<std::string_view> marcLanguageCode(std::string_view bcp47);
// English name of a MARC language code: "kir" -> "Kyrgyz"; empty if unknown.
[[nodiscard]] std::string_view marcLanguageName(std::string_view marcCode);
// MARC geographic area code (043) of an ISO 3166 alpha-2 code: "KZ" -> "a-kz---"; empty if
// the table does not know the country.
[[nodiscard]] std::string_view geographicAreaCode(std::string_view alpha2);

// The fixed fields, each exactly as written (positions documented in README and tests).
// Leader with record length and base address filled in.
[[nodiscard]] std::string marcLeader(std::size_t recordLength, std::size_t baseAddress);
[[nodiscard]] std::string field006(const SourceRecord& source);  // 18 characters
[[nodiscard]] std::string field007();                            // 6 characters: "cr unu"
[[nodiscard]] std::string field008(const SourceRecord& source);  // 40 characters
// 008/28 and 006/11: 'f' national, 'l' local government body, ' ' not government.
[[nodiscard]] char governmentPublication(const SourceRecord& source);
// 245 second indicator: characters to skip for an English initial article ("The " -> 4).
[[nodiscard]] int nonFilingCharacters(std::string_view title);

// The bibliographic record of one source (see README for the field <- data table).
[[nodiscard]] MarcRecord buildMarcRecord(const SourceRecord& source, const Catalog& catalog);

// ISO 2709 bytes of a record (UTF-8, lengths in bytes). Fails (nullopt, `error` set) only
// when a field or the record exceeds the format's 9999 / 99999 byte limits.
[[nodiscard]] std::optional<std::string> toIso2709(const MarcRecord& record, std::string& error);

// ---- Writers ------------------------------------------------------------------------------

enum class CatalogFormat : std::uint8_t { MarcXml, Iso2709, OaiDc, OaiPmh, OaiStatic, Csv };
[[nodiscard]] std::optional<CatalogFormat> parseCatalogFormat(std::string_view name);

// Writes the whole catalog; returns an error message, empty on success. Records too large
// for ISO 2709 are reported in `diags` and left out of every MARC output alike.
[[nodiscard]] std::string writeCatalog(const Catalog& catalog, CatalogFormat format,
                                       std::ostream& out, Diagnostics& diags);

// RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled.
[[nodiscard]] std::string csvField(std::string_view value);

// A CSV text cell for people who open the file in a spreadsheet: a value that begins with
// '=', '+', '-', '@', tab or carriage return, which a spreadsheet would run as a formula
// (OWASP "CSV injection"), gets a leading "'" (unless `raw`); then as csvField.
[[nodiscard]] std::string csvTextField(std::string_view value, bool raw = false);

}  // namespace guidegraph::catalog
