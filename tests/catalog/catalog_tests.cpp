// Catalog records: every fixed-field position, the code tables, ISO 2709 structure, CSV
// quoting, and records built from examples/site.
#include <boost/test/unit_test.hpp>
#include <regex>
#include <sstream>

#include "guidegraph/catalog.hpp"

using namespace guidegraph;
using namespace guidegraph::catalog;

namespace {

SourceRecord sampleSource() {
  SourceRecord s;
  s.iri = "https://guides.example.org/sources/sources/zakon_kz/#id";
  s.page = "https://guides.example.org/sources/sources/zakon_kz/";
  s.pagePath = "sources/sources/zakon_kz";
  s.slug = "zakon_kz";
  s.controlNumber = "gg-zakon_kz";
  s.name = "Zakon.kz";
  s.description = "A Kazakhstani news portal";
  s.website = "https://www.zakon.kz/";
  s.alternateNames = {"Закон.кз", "Zakon KZ"};
  s.languages = {"ru", "kk"};
  s.countries = {{"Kazakhstan", "https://guides.example.org/countries/kazakhstan/#id",
                  findCountry("Kazakhstan")}};
  s.categories = {{"State-affiliated media",
                   "https://guides.example.org/category/state-affiliated-media/#id",
                   "state-affiliated-media",
                   {"media"}}};
  s.contributors = {"Ryan Womack"};
  s.date = "2023-11-02";
  return s;
}

const MarcField* field(const MarcRecord& r, const std::string& tag, std::size_t nth = 0) {
  for (const auto& f : r.fields) {
    if (f.tag == tag && nth-- == 0) return &f;
  }
  return nullptr;
}

std::vector<std::string> subfields(const MarcField& f, char code) {
  std::vector<std::string> out;
  for (const auto& s : f.subfields) {
    if (s.code == code) out.push_back(s.value);
  }
  return out;
}

Catalog sampleCatalog() {
  Catalog c;
  c.siteTitle = "Central Asia Getting Started Guides";
  c.baseUrl = "https://guides.example.org/";
  c.orgCode = "XxGg";
  return c;
}

Site exampleSite() {
  Diagnostics diags;
  BuildOptions options;
  options.threads = 1;
  return buildSite(std::string(GUIDEGRAPH_SOURCE_DIR) + "/examples/site", options, diags);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fixed_fields)

BOOST_AUTO_TEST_CASE(leader_positions) {
  const std::string l = marcLeader(1234, 567);
  BOOST_REQUIRE_EQUAL(l.size(), 24u);
  BOOST_TEST(l.substr(0, 5) == "01234");   // 00-04 record length
  BOOST_TEST(l[5] == 'n');                 // 05 record status: new
  BOOST_TEST(l[6] == 'a');                 // 06 type of record: language material
  BOOST_TEST(l[7] == 'i');                 // 07 bibliographic level: integrating resource
  BOOST_TEST(l[8] == ' ');                 // 08 type of control
  BOOST_TEST(l[9] == 'a');                 // 09 character coding scheme: UCS/Unicode
  BOOST_TEST(l[10] == '2');                // 10 indicator count
  BOOST_TEST(l[11] == '2');                // 11 subfield code count
  BOOST_TEST(l.substr(12, 5) == "00567");  // 12-16 base address of data
  BOOST_TEST(l[17] == '7');                // 17 encoding level: minimal
  BOOST_TEST(l[18] == 'i');  // 18 descriptive cataloging form: ISBD punctuation included
  BOOST_TEST(l[19] == ' ');  // 19 multipart resource record level
  BOOST_TEST(l[20] == '4');  // 20 length of the length-of-field portion
  BOOST_TEST(l[21] == '5');  // 21 length of the starting-character-position portion
  BOOST_TEST(l[22] == '0');  // 22 length of the implementation-defined portion
  BOOST_TEST(l[23] == '0');  // 23 undefined
  // The MARCXML schema's pattern for the leader.
  BOOST_TEST(std::regex_match(
      l,
      std::regex(
          R"([\d ]{5}[\dA-Za-z ]{1}[\dA-Za-z]{1}[\dA-Za-z ]{3}(2| )(2| )[\d ]{5}[\dA-Za-z ]{3}(4500|    ))")));
}

BOOST_AUTO_TEST_CASE(field_006_positions) {
  SourceRecord s = sampleSource();
  const std::string f = field006(s);
  BOOST_REQUIRE_EQUAL(f.size(), 18u);
  BOOST_TEST(f[0] == 'm');               // 00 form of material: computer file / electronic resource
  BOOST_TEST(f.substr(1, 4) == "    ");  // 01-04 undefined
  BOOST_TEST(f[5] == ' ');               // 05 target audience: unknown or not specified
  BOOST_TEST(f[6] == 'o');               // 06 form of item: online
  BOOST_TEST(f.substr(7, 2) == "  ");    // 07-08 undefined
  BOOST_TEST(f[9] == 'd');               // 09 type of computer file: document
  BOOST_TEST(f[10] == ' ');              // 10 undefined
  BOOST_TEST(f[11] == ' ');              // 11 government publication: not one
  BOOST_TEST(f.substr(12, 6) == "      ");  // 12-17 undefined
  s.categories = {{"Government", "x", "government", {}}};
  BOOST_TEST(field006(s)[11] == 'f');
}

BOOST_AUTO_TEST_CASE(field_007_positions) {
  const std::string f = field007();
  BOOST_REQUIRE_EQUAL(f.size(), 6u);
  BOOST_TEST(f[0] == 'c');  // 00 category of material: electronic resource
  BOOST_TEST(f[1] == 'r');  // 01 specific material designation: remote
  BOOST_TEST(f[2] == ' ');  // 02 undefined
  BOOST_TEST(f[3] == 'u');  // 03 color: unknown
  BOOST_TEST(f[4] == 'n');  // 04 dimensions: not applicable
  BOOST_TEST(f[5] == 'u');  // 05 sound: unknown
}

BOOST_AUTO_TEST_CASE(field_008_positions) {
  const std::string f = field008(sampleSource());
  BOOST_REQUIRE_EQUAL(f.size(), 40u);
  BOOST_TEST(f.substr(0, 6) == "231102");  // 00-05 date entered on file (from the content)
  BOOST_TEST(f[6] == 'c');                 // 06 type of date: currently published
  BOOST_TEST(f.substr(7, 4) == "uuuu");    // 07-10 date 1: unknown beginning
  BOOST_TEST(f.substr(11, 4) == "9999");   // 11-14 date 2: still updated
  BOOST_TEST(f.substr(15, 3) == "kz ");    // 15-17 place of publication (MARC country code)
  BOOST_TEST(f[18] == 'k');                // 18 frequency: continuously updated
  BOOST_TEST(f[19] == 'r');                // 19 regularity: regular
  BOOST_TEST(f[20] == ' ');                // 20 undefined
  BOOST_TEST(f[21] == 'w');                // 21 type of continuing resource: updating Web site
  BOOST_TEST(f[22] == ' ');                // 22 form of original item: none of the following
  BOOST_TEST(f[23] == 'o');                // 23 form of item: online
  BOOST_TEST(f[24] == ' ');                // 24 nature of entire work
  BOOST_TEST(f.substr(25, 3) == "   ");    // 25-27 nature of contents
  BOOST_TEST(f[28] == ' ');                // 28 government publication: not one
  BOOST_TEST(f[29] == '0');                // 29 conference publication: no
  BOOST_TEST(f.substr(30, 3) == "   ");    // 30-32 undefined
  BOOST_TEST(f[33] == ' ');                // 33 original alphabet or script of title: no key title
  BOOST_TEST(f[34] == '2');                // 34 entry convention: integrated entry
  BOOST_TEST(f.substr(35, 3) == "rus");    // 35-37 language: the first one given
  BOOST_TEST(f[38] == ' ');                // 38 modified record
  BOOST_TEST(f[39] == 'd');                // 39 cataloging source: other
}

BOOST_AUTO_TEST_CASE(field_008_without_country_or_language) {
  SourceRecord s = sampleSource();
  s.countries = {{"Atlantis", "x", nullptr}};
  s.languages = {"xx"};
  const std::string f = field008(s);
  BOOST_TEST(f.substr(15, 3) == "xx ");  // no place, unknown or undetermined
  BOOST_TEST(f.substr(35, 3) == "und");  // undetermined
}

BOOST_AUTO_TEST_CASE(government_publication) {
  SourceRecord s = sampleSource();
  BOOST_TEST(governmentPublication(s) == ' ');
  s.categories = {{"National statistics", "x", "national-statistics", {"government"}}};
  BOOST_TEST(governmentPublication(s) == 'f');
  s.categories = {{"City government", "x", "city-government", {"government"}}};
  BOOST_TEST(governmentPublication(s) == 'l');
  BOOST_TEST(field008(s)[28] == 'l');
  s.categories.push_back({"Government", "y", "government", {}});
  BOOST_TEST(governmentPublication(s) == 'f');
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(code_tables)

BOOST_AUTO_TEST_CASE(language_codes) {
  const std::pair<const char*, const char*> cases[] = {
      {"kk", "kaz"},    {"ru", "rus"}, {"en", "eng"},  {"ky", "kir"},  {"uz", "uzb"},
      {"tg", "tgk"},    {"tk", "tuk"}, {"fr", "fre"},  {"de", "ger"},  {"zh", "chi"},
      {"fa", "per"},    {"hy", "arm"}, {"ka", "geo"},  {"nl", "dut"},  {"uz-Cyrl", "uzb"},
      {"kk-KZ", "kaz"}, {"KK", "kaz"}, {"deu", "ger"}, {"ger", "ger"}, {"kaa", "kaa"},
      {"tr", "tur"},    {"ps", "pus"}};
  for (const auto& [tag, marc] : cases) {
    BOOST_TEST_CONTEXT(tag) {
      const auto code = marcLanguageCode(tag);
      BOOST_REQUIRE(code.has_value());
      BOOST_TEST(*code == marc);
      BOOST_TEST(!marcLanguageName(*code).empty());
    }
  }
  BOOST_TEST(!marcLanguageCode("xx").has_value());
  BOOST_TEST(!marcLanguageCode("").has_value());
  BOOST_TEST(!marcLanguageCode("english").has_value());
  BOOST_TEST(marcLanguageName("kir") == "Kyrgyz");
  BOOST_TEST(marcLanguageName("kaz") == "Kazakh");
  BOOST_TEST(marcLanguageName("zzz").empty());
}

BOOST_AUTO_TEST_CASE(geographic_area_codes) {
  BOOST_TEST(geographicAreaCode("KZ") == "a-kz---");
  BOOST_TEST(geographicAreaCode("KG") == "a-kg---");
  BOOST_TEST(geographicAreaCode("UZ") == "a-uz---");
  BOOST_TEST(geographicAreaCode("TJ") == "a-ta---");
  BOOST_TEST(geographicAreaCode("TM") == "a-tk---");
  BOOST_TEST(geographicAreaCode("AF") == "a-af---");
  BOOST_TEST(geographicAreaCode("RU") == "e-ru---");
  BOOST_TEST(geographicAreaCode("CN") == "a-cc---");
  BOOST_TEST(geographicAreaCode("ZZ").empty());
  // Every country of Central Asia (UN M49 143) in the country table has a code; every code
  // has the 7-character shape of the MARC Code List for Geographic Areas.
  int centralAsia = 0;
  for (const CountryRecord& c : allCountries()) {
    const std::string_view gac = geographicAreaCode(c.alpha2);
    if (c.m49SubRegionCode == "143") {
      ++centralAsia;
      BOOST_TEST_CONTEXT(c.alpha2) { BOOST_TEST(!gac.empty()); }
    }
    if (!gac.empty()) {
      BOOST_TEST(std::regex_match(std::string(gac), std::regex("[a-z][a-z-][a-z-]{2}[a-z-]{3}")));
    }
  }
  BOOST_TEST(centralAsia == 5);
}

BOOST_AUTO_TEST_CASE(non_filing_characters) {
  BOOST_TEST(nonFilingCharacters("The Times of Central Asia") == 4);
  BOOST_TEST(nonFilingCharacters("A Guide") == 2);
  BOOST_TEST(nonFilingCharacters("An Atlas") == 3);
  BOOST_TEST(nonFilingCharacters("\"The Diplomat\"") == 5);
  BOOST_TEST(nonFilingCharacters("24.kg") == 0);
  BOOST_TEST(nonFilingCharacters("UN Population Fund in Kazakhstan") == 0);
  BOOST_TEST(nonFilingCharacters("A to Z of Kazakhstan") == 0);
  BOOST_TEST(nonFilingCharacters("Theatre") == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(records)

BOOST_AUTO_TEST_CASE(marc_record_fields) {
  SourceRecord s = sampleSource();
  s.wikidata = "Q4115189";
  const MarcRecord r = buildMarcRecord(s, sampleCatalog());
  for (std::size_t i = 1; i < r.fields.size(); ++i)
    BOOST_TEST((r.fields[i - 1].tag <= r.fields[i].tag));
  BOOST_TEST(field(r, "001")->data == "gg-zakon_kz");
  BOOST_TEST(field(r, "003")->data == "XxGg");
  BOOST_TEST(field(r, "005")->data == "20231102000000.0");
  BOOST_TEST(subfields(*field(r, "040"), 'a') == std::vector<std::string>{"XxGg"});
  BOOST_TEST(subfields(*field(r, "040"), 'b') == std::vector<std::string>{"eng"});
  BOOST_TEST(subfields(*field(r, "040"), 'e') == std::vector<std::string>{"rda"});
  BOOST_TEST(subfields(*field(r, "041"), 'a') == (std::vector<std::string>{"rus", "kaz"}));
  BOOST_TEST(subfields(*field(r, "043"), 'a') == std::vector<std::string>{"a-kz---"});
  BOOST_TEST(subfields(*field(r, "245"), 'a') ==
             std::vector<std::string>{"Zakon.kz."});  // ISBD full stop
  BOOST_TEST(field(r, "245")->ind1 == '0');
  BOOST_TEST(field(r, "245")->ind2 == '0');
  BOOST_TEST(field(r, "246", 0)->ind2 == '1');  // Cyrillic: parallel title
  BOOST_TEST(subfields(*field(r, "246", 0), 'a') == std::vector<std::string>{"Закон.кз"});
  BOOST_TEST(field(r, "246", 1)->ind2 == ' ');  // Latin variant
  BOOST_TEST(subfields(*field(r, "264"), 'a') == std::vector<std::string>{"[Kazakhstan] :"});
  BOOST_TEST(subfields(*field(r, "336"), '2') == std::vector<std::string>{"rdacontent"});
  BOOST_TEST(subfields(*field(r, "337"), '2') == std::vector<std::string>{"rdamedia"});
  BOOST_TEST(subfields(*field(r, "338"), 'b') == std::vector<std::string>{"cr"});
  BOOST_TEST(subfields(*field(r, "520"), 'a') ==
             std::vector<std::string>{"A Kazakhstani news portal."});
  BOOST_TEST(subfields(*field(r, "546"), 'a') ==
             std::vector<std::string>{"In Russian and Kazakh."});
  BOOST_TEST(subfields(*field(r, "588"), 'a')[0].find("November 2, 2023") != std::string::npos);
  BOOST_TEST(subfields(*field(r, "651"), 'a') == std::vector<std::string>{"Kazakhstan."});
  BOOST_TEST(subfields(*field(r, "651"), '1') ==
             (std::vector<std::string>{"http://www.wikidata.org/entity/Q232",
                                       "https://sws.geonames.org/1522867/"}));
  BOOST_TEST(subfields(*field(r, "710"), '0') == std::vector<std::string>{s.page});
  BOOST_TEST(subfields(*field(r, "710"), '1') ==
             (std::vector<std::string>{s.iri, "http://www.wikidata.org/entity/Q4115189"}));
  BOOST_TEST(field(r, "856")->ind1 == '4');
  BOOST_TEST(field(r, "856")->ind2 == '0');
  BOOST_TEST(subfields(*field(r, "856"), 'u') == std::vector<std::string>{"https://www.zakon.kz/"});

  s.countries = {{"Atlantis", "x", nullptr}};
  s.website.clear();
  const MarcRecord bare = buildMarcRecord(s, sampleCatalog());
  BOOST_TEST(field(bare, "043") == nullptr);  // left out when the area is unknown
  BOOST_TEST(field(bare, "856") == nullptr);
  BOOST_TEST(subfields(*field(bare, "264"), 'a') ==
             std::vector<std::string>{"[Place of publication not identified] :"});
}

BOOST_AUTO_TEST_CASE(iso2709_structure) {
  const MarcRecord r = buildMarcRecord(sampleSource(), sampleCatalog());
  std::string error;
  const auto bytes = toIso2709(r, error);
  BOOST_REQUIRE(bytes.has_value());
  const std::string& b = *bytes;
  BOOST_TEST(std::stoul(b.substr(0, 5)) == b.size());  // record length in bytes
  BOOST_TEST(b.back() == '\x1d');                      // record terminator
  const std::size_t base = std::stoul(b.substr(12, 5));
  BOOST_TEST(base == 24 + 12 * r.fields.size() + 1);
  BOOST_TEST(b[base - 1] == '\x1e');  // directory terminator
  std::size_t expectedStart = 0;
  for (std::size_t i = 0; i < r.fields.size(); ++i) {
    const std::string entry = b.substr(24 + 12 * i, 12);
    BOOST_TEST(entry.substr(0, 3) == r.fields[i].tag);
    const std::size_t length = std::stoul(entry.substr(3, 4));
    const std::size_t start = std::stoul(entry.substr(7, 5));
    BOOST_TEST(start == expectedStart);
    BOOST_TEST(b[base + start + length - 1] == '\x1e');  // field terminator
    if (!r.fields[i].isControl()) {
      BOOST_TEST(b[base + start] == r.fields[i].ind1);
      BOOST_TEST(b[base + start + 2] == '\x1f');  // subfield delimiter
    }
    expectedStart += length;
  }
  // Lengths are bytes: "Закон.кз" is 8 characters but 15 bytes.
  const MarcField* parallel = field(r, "246");
  const std::size_t index = static_cast<std::size_t>(parallel - r.fields.data());
  BOOST_TEST(std::stoul(b.substr(24 + 12 * index + 3, 4)) ==
             2 + 2 + std::string("Закон.кз").size() + 1);
}

BOOST_AUTO_TEST_CASE(control_characters_dropped) {
  SourceRecord s = sampleSource();
  s.name = std::string("Bad\x1d\x1e\x1fName\n");
  s.description = "tab\there";
  const MarcRecord r = buildMarcRecord(s, sampleCatalog());
  BOOST_TEST(subfields(*field(r, "245"), 'a') == std::vector<std::string>{"BadName."});
  BOOST_TEST(subfields(*field(r, "520"), 'a') == std::vector<std::string>{"tabhere."});
}

BOOST_AUTO_TEST_CASE(iso2709_limits) {
  SourceRecord s = sampleSource();
  s.description = std::string(10000, 'x');
  std::string error;
  BOOST_TEST(!toIso2709(buildMarcRecord(s, sampleCatalog()), error).has_value());
  BOOST_TEST(error.find("520") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(csv_quoting) {
  BOOST_TEST(csvField("plain") == "plain");
  BOOST_TEST(csvField("a, b") == "\"a, b\"");
  BOOST_TEST(csvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  BOOST_TEST(csvField("two\nlines") == "\"two\nlines\"");
  BOOST_TEST(csvField("") == "");
  // Cells a spreadsheet would run as a formula get a leading ', unless raw.
  BOOST_TEST(csvTextField("=1+1") == "'=1+1");
  BOOST_TEST(csvTextField("+1") == "'+1");
  BOOST_TEST(csvTextField("-1") == "'-1");
  BOOST_TEST(csvTextField("@SUM(A1)") == "'@SUM(A1)");
  BOOST_TEST(csvTextField("\tx") == "'\tx");
  BOOST_TEST(csvTextField("\rx") == "\"'\rx\"");
  BOOST_TEST(csvTextField("=HYPERLINK(\"a\",\"b\")") == "\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\"");
  BOOST_TEST(csvTextField("a=b") == "a=b");
  BOOST_TEST(csvTextField("") == "");
  BOOST_TEST(csvTextField("=1+1", true) == "=1+1");
}

BOOST_AUTO_TEST_CASE(formats) {
  BOOST_TEST((parseCatalogFormat("marcxml") == CatalogFormat::MarcXml));
  BOOST_TEST((parseCatalogFormat("mrc") == CatalogFormat::Iso2709));
  BOOST_TEST((parseCatalogFormat("oai_dc") == CatalogFormat::OaiDc));
  BOOST_TEST((parseCatalogFormat("oai-pmh") == CatalogFormat::OaiPmh));
  BOOST_TEST((parseCatalogFormat("oai-static") == CatalogFormat::OaiStatic));
  BOOST_TEST((parseCatalogFormat("csv") == CatalogFormat::Csv));
  BOOST_TEST(!parseCatalogFormat("pdf").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(example_site)

BOOST_AUTO_TEST_CASE(one_record_per_source_sorted) {
  const Site site = exampleSite();
  Diagnostics diags;
  const Catalog cat = buildCatalog(site, {}, diags);
  std::size_t sources = 0;
  for (const Page& p : site.pages) sources += p.kind == PageKind::Source ? 1 : 0;
  BOOST_TEST(cat.records.size() == sources);
  BOOST_TEST(sources == 35u);
  for (std::size_t i = 1; i < cat.records.size(); ++i)
    BOOST_TEST((cat.records[i - 1].iri < cat.records[i].iri));
  BOOST_TEST(cat.orgCode == std::string(kDefaultOrgCode));
  BOOST_TEST(cat.newestDate == "2024-02-01");  // the Uzbekistan guide's date
  BOOST_TEST(cat.responseDate == "2024-02-01T00:00:00Z");
  for (const auto& r : cat.records) {
    BOOST_TEST_CONTEXT(r.iri) {
      BOOST_TEST(std::regex_match(r.date, std::regex(R"(\d{4}-\d{2}-\d{2})")));
      BOOST_TEST(!r.website.empty());
      BOOST_TEST(r.controlNumber == "gg-" + r.slug);
    }
  }
  // 24.kg is recommended only by the Kyrgyzstan guide (date = 2024-01-15).
  const auto kg = std::find_if(cat.records.begin(), cat.records.end(),
                               [](const SourceRecord& r) { return r.slug == "24_kg"; });
  BOOST_REQUIRE(kg != cat.records.end());
  BOOST_TEST(kg->date == "2024-01-15");
  BOOST_TEST(field008(*kg).substr(0, 6) == "240115");
  BOOST_TEST(field008(*kg).substr(15, 3) == "kg ");
  BOOST_TEST(kg->contributors == std::vector<std::string>{"Ryan Womack"});

  CatalogOptions fixed;
  fixed.recordDate = "2025-03-04";
  fixed.orgCode = "XxOrg";
  const Catalog dated = buildCatalog(site, fixed, diags);
  for (const auto& r : dated.records) BOOST_TEST(r.date == "2025-03-04");
  BOOST_TEST(dated.orgCode == "XxOrg");
  BOOST_TEST(dated.newestDate == "2025-03-04");

  Diagnostics badDiags;
  CatalogOptions bad;
  bad.recordDate = "2024-13-01";
  const Catalog undated = buildCatalog(site, bad, badDiags);
  BOOST_TEST(badDiags.hasErrors());
  BOOST_TEST(badDiags.items().front().code == "bad-record-date");
  BOOST_TEST(undated.records.front().date != "2024-13-01");
}

BOOST_AUTO_TEST_CASE(byte_identical_outputs) {
  const Site first = exampleSite();
  const Site second = exampleSite();
  for (const auto format : {CatalogFormat::MarcXml, CatalogFormat::Iso2709, CatalogFormat::OaiDc,
                            CatalogFormat::OaiPmh, CatalogFormat::OaiStatic, CatalogFormat::Csv}) {
    Diagnostics diags;
    std::ostringstream a, b;
    BOOST_TEST(writeCatalog(buildCatalog(first, {}, diags), format, a, diags).empty());
    BOOST_TEST(writeCatalog(buildCatalog(second, {}, diags), format, b, diags).empty());
    BOOST_TEST(a.str() == b.str());
    BOOST_TEST(a.str().size() > 1000u);
    BOOST_TEST(!diags.hasErrors());
  }
}

BOOST_AUTO_TEST_SUITE_END()
