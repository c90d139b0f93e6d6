// MARC 21 bibliographic records for websites (integrating resources), and ISO 2709.
// Positions follow the MARC 21 Format for Bibliographic Data: Leader, 006 and 008 for
// continuing resources, 007 for electronic resources. README has the field <- data table.
#include <array>
#include <cstdio>

#include "guidegraph/catalog.hpp"
#include "guidegraph/ns.hpp"

namespace guidegraph::catalog {
namespace {

constexpr char kSubfieldDelimiter = 0x1F;
constexpr char kFieldTerminator = 0x1E;
constexpr char kRecordTerminator = 0x1D;

std::string zeroPadded(std::size_t value, int width) {
  std::string s = std::to_string(value);
  if (s.size() < static_cast<std::size_t>(width)) s.insert(0, width - s.size(), '0');
  return s;
}

// ISBD: a field or element ends with a full stop unless it already ends with one (or with
// another final mark).
std::string withFullStop(std::string s) {
  if (s.empty()) return s;
  const char last = s.back();
  if (last != '.' && last != '?' && last != '!') s += '.';
  return s;
}

bool hasNonLatinLetters(std::string_view s) {
  // Any code point from U+0370 (Greek) upward that is not Latin Extended Additional
  // (U+1E00-U+1EFF) or general punctuation (U+2000-U+206F) counts as another script.
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0xC0) continue;
    unsigned cp = 0;
    int extra = 0;
    if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      extra = 2;
    } else {
      cp = c & 0x07;
      extra = 3;
    }
    for (int k = 0; k < extra && i + 1 < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[++i]) & 0x3F);
    if (cp >= 0x370 && !(cp >= 0x1E00 && cp <= 0x1EFF) && !(cp >= 0x2000 && cp <= 0x206F))
      return true;
  }
  return false;
}

std::string longDate(const std::string& isoDate) {
  static constexpr std::array<const char*, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const int month = std::stoi(isoDate.substr(5, 2));
  const int day = std::stoi(isoDate.substr(8, 2));
  return std::string(kMonths.at(month - 1)) + " " + std::to_string(day) + ", " +
         isoDate.substr(0, 4);
}

// "Russian", "Russian and Kazakh", "Russian, Kyrgyz, and English".
std::string languageList(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    out += names[i];
  }
  return out;
}

std::vector<std::string> marcLanguages(const SourceRecord& source) {
  std::vector<std::string> codes;
  for (const auto& tag : source.languages) {
    if (const auto code = marcLanguageCode(tag)) {
      if (std::find(codes.begin(), codes.end(), *code) == codes.end()) codes.emplace_back(*code);
    }
  }
  return codes;
}

const CountryRecord* placeOfPublication(const SourceRecord& source) {
  for (const auto& c : source.countries) {
    if (c.authority && !c.authority->marc.empty()) return c.authority;
  }
  return nullptr;
}

MarcField control(std::string tag, std::string data) {
  MarcField f;
  f.tag = std::move(tag);
  f.data = std::move(data);
  return f;
}

MarcField datafield(std::string tag, char ind1, char ind2, std::vector<MarcSubfield> subfields) {
  MarcField f;
  f.tag = std::move(tag);
  f.ind1 = ind1;
  f.ind2 = ind2;
  f.subfields = std::move(subfields);
  return f;
}

}  // namespace

std::string marcLeader(std::size_t recordLength, std::size_t baseAddress) {
  std::string leader = zeroPadded(recordLength, 5);  // 00-04 record length
  leader += 'n';                                     // 05 record status: new
  leader += 'a';                                     // 06 type of record: language material
  leader += 'i';                                     // 07 bibliographic level: integrating resource
  leader += ' ';                                     // 08 type of control: none specified
  leader += 'a';                                     // 09 character coding scheme: UCS/Unicode
  leader += '2';                                     // 10 indicator count
  leader += '2';                                     // 11 subfield code count
  leader += zeroPadded(baseAddress, 5);              // 12-16 base address of data
  leader += '7';                                     // 17 encoding level: minimal level
  leader += 'i';                                     // 18 descriptive cataloging form: ISBD
  leader += ' ';                                     // 19 multipart resource record level: n/a
  leader += "4500";                                  // 20-23 entry map
  return leader;
}

char governmentPublication(const SourceRecord& source) {
  char code = ' ';
  for (const auto& c : source.categories) {
    const bool government = c.slug == "government" ||
                            std::find(c.broaderSlugs.begin(), c.broaderSlugs.end(), "government") !=
                                c.broaderSlugs.end();
    if (!government) continue;
    const bool local = c.slug.starts_with("city") || c.slug.starts_with("local") ||
                       c.slug.starts_with("municipal");
    if (!local) return 'f';  // national wins over local
    code = 'l';
  }
  return code;
}

std::string field006(const SourceRecord& source) {
  std::string f(18, ' ');
  f[0] = 'm';  // 00 form of material: computer file / electronic resource
  // 01-04 undefined; 05 target audience: unknown or not specified
  f[6] = 'o';  // 06 form of item: online
  // 07-08 undefined
  f[9] = 'd';  // 09 type of computer file: document
  // 10 undefined
  f[11] = governmentPublication(source);  // 11 government publication
  // 12-17 undefined
  return f;
}

std::string field007() {
  // 00 c electronic resource, 01 r remote, 02 undefined, 03 u color unknown,
  // 04 n dimensions not applicable, 05 u sound unknown. 06-13 are optional and left out.
  return "cr unu";
}

std::string field008(const SourceRecord& source) {
  std::string f(40, ' ');
  const std::string& d = source.date;                                 // YYYY-MM-DD
  f.replace(0, 6, d.substr(2, 2) + d.substr(5, 2) + d.substr(8, 2));  // 00-05 date entered
  f[6] = 'c';                // 06 type of date: continuing resource currently published
  f.replace(7, 4, "uuuu");   // 07-10 date 1: beginning date unknown
  f.replace(11, 4, "9999");  // 11-14 date 2: still being updated
  const CountryRecord* place = placeOfPublication(source);
  std::string marc = place ? std::string(place->marc) : "xx";  // 15-17 place of publication
  marc.resize(3, ' ');
  f.replace(15, 3, marc);
  f[18] = 'k';  // 18 frequency: continuously updated
  f[19] = 'r';  // 19 regularity: regular
  // 20 undefined
  f[21] = 'w';  // 21 type of continuing resource: updating Web site
  // 22 form of original item: none of the following
  f[23] = 'o';  // 23 form of item: online
  // 24 nature of entire work; 25-27 nature of contents: none
  f[28] = governmentPublication(source);  // 28 government publication
  f[29] = '0';                            // 29 conference publication: no
  // 30-32 undefined; 33 original alphabet or script of title: no key title
  f[34] = '2';  // 34 entry convention: integrated entry
  const auto languages = marcLanguages(source);
  f.replace(35, 3, languages.empty() ? "und" : languages.front());  // 35-37 language
  // 38 modified record: not modified
  f[39] = 'd';  // 39 cataloging source: other
  return f;
}

int nonFilingCharacters(std::string_view title) {
  std::size_t skip = 0;
  while (skip < title.size() && (title[skip] == '"' || title[skip] == '\'' || title[skip] == '[' ||
                                 title[skip] == '(' || title[skip] == '*')) {
    ++skip;
  }
  const std::string_view rest = title.substr(skip);
  for (const std::string_view article : {"The ", "the ", "THE ", "An ", "an ", "AN ", "A ", "a "}) {
    if (!rest.starts_with(article)) continue;
    const std::string_view after = rest.substr(article.size());
    // MARC::Lint's exceptions, which are not articles: "A to Z", "A is for ...".
    if (article.size() == 2 && (after.starts_with("to ") || after.starts_with("is ") ||
                                after.starts_with("& ") || after.starts_with("la "))) {
      return 0;
    }
    const std::size_t n = skip + article.size();
    return n <= 9 ? static_cast<int>(n) : 0;
  }
  return 0;
}

namespace {

// 001-008 and 040: identifiers, dates, coded descriptions, cataloguing source.
void addControlFields(const SourceRecord& source, const Catalog& catalog,
                      std::vector<MarcField>& fs) {
  const std::string compactDate =
      source.date.substr(0, 4) + source.date.substr(5, 2) + source.date.substr(8, 2);
  fs.push_back(control("001", source.controlNumber));
  fs.push_back(control("003", catalog.orgCode));
  fs.push_back(control("005", compactDate + "000000.0"));
  fs.push_back(control("006", field006(source)));
  fs.push_back(control("007", field007()));
  fs.push_back(control("008", field008(source)));
  fs.push_back(
      datafield("040", ' ', ' ',
                {{'a', catalog.orgCode}, {'b', "eng"}, {'e', "rda"}, {'c', catalog.orgCode}}));
}

// 041 (languages) and 043 (geographic areas of the countries).
void addLanguagesAndAreas(const SourceRecord& source, const std::vector<std::string>& languages,
                          std::vector<MarcField>& fs) {
  if (!languages.empty()) {
    std::vector<MarcSubfield> sf;
    for (const auto& l : languages) sf.push_back({'a', l});
    fs.push_back(datafield("041", '0', ' ', std::move(sf)));
  }
  std::vector<MarcSubfield> areas;
  for (const auto& c : source.countries) {
    if (!c.authority) continue;
    const std::string_view gac = geographicAreaCode(c.authority->alpha2);
    if (gac.empty()) continue;
    const bool seen = std::any_of(areas.begin(), areas.end(),
                                  [&](const MarcSubfield& s) { return s.value == gac; });
    if (!seen) areas.push_back({'a', std::string(gac)});
  }
  if (!areas.empty()) fs.push_back(datafield("043", ' ', ' ', std::move(areas)));
}

// 245, 246 (titles), 264 (publication), 300-338 (extent, frequency, RDA types).
void addTitleAndCarrier(const SourceRecord& source, std::vector<MarcField>& fs) {
  fs.push_back(datafield("245", '0', static_cast<char>('0' + nonFilingCharacters(source.name)),
                         {{'a', withFullStop(source.name)}}));
  for (const auto& alt : source.alternateNames) {
    if (alt.empty() || alt == source.name) continue;
    fs.push_back(datafield("246", '3', hasNonLatinLetters(alt) ? '1' : ' ', {{'a', alt}}));
  }
  const CountryRecord* place = placeOfPublication(source);
  fs.push_back(datafield("264", ' ', '1',
                         {{'a', (place ? "[" + std::string(place->name) + "]"
                                       : "[Place of publication not identified]") +
                                    " :"},
                          {'b', "[publisher not identified]"}}));
  fs.push_back(datafield("300", ' ', ' ', {{'a', "1 online resource"}}));
  fs.push_back(datafield("310", ' ', ' ', {{'a', "Continuously updated"}}));
  fs.push_back(datafield("336", ' ', ' ', {{'a', "text"}, {'b', "txt"}, {'2', "rdacontent"}}));
  fs.push_back(datafield("337", ' ', ' ', {{'a', "computer"}, {'b', "c"}, {'2', "rdamedia"}}));
  fs.push_back(
      datafield("338", ' ', ' ', {{'a', "online resource"}, {'b', "cr"}, {'2', "rdacarrier"}}));
}

// 520 (summary), 546 (languages), 588 (source of description).
void addNotes(const SourceRecord& source, const Catalog& catalog,
              const std::vector<std::string>& languages, std::vector<MarcField>& fs) {
  if (!source.description.empty()) {
    fs.push_back(datafield("520", ' ', ' ', {{'a', withFullStop(source.description)}}));
  }
  if (!languages.empty()) {
    std::vector<std::string> names;
    for (const auto& l : languages) names.emplace_back(marcLanguageName(l));
    fs.push_back(datafield("546", ' ', ' ', {{'a', "In " + languageList(names) + "."}}));
  }
  std::string described = "Description based on the source page of " +
                          (catalog.siteTitle.empty() ? catalog.baseUrl : catalog.siteTitle);
  if (!source.contributors.empty())
    described += " compiled by " + languageList(source.contributors);
  described += ", viewed on " + longDate(source.date) + "; title from the source page.";
  fs.push_back(datafield("588", '0', ' ', {{'a', described}}));
}

// 610, 650, 651, 655 (subjects), 710 (the source as corporate name), 856 (its website).
void addSubjectsAndLinks(const SourceRecord& source, std::vector<MarcField>& fs) {
  const auto nameEntry = [&](const std::string& tag, char ind2) {
    std::vector<MarcSubfield> sf{
        {'a', withFullStop(source.name)}, {'0', source.page}, {'1', source.iri}};
    if (!source.wikidata.empty()) sf.push_back({'1', std::string(ns::wd) + source.wikidata});
    return datafield(tag, '2', ind2, std::move(sf));
  };
  fs.push_back(nameEntry("610", '4'));
  for (const auto& c : source.categories) {
    if (c.label.empty()) continue;
    fs.push_back(datafield("650", ' ', '4', {{'a', withFullStop(c.label)}, {'0', c.iri}}));
  }
  for (const auto& c : source.countries) {
    const std::string name = c.authority ? std::string(c.authority->name) : c.name;
    if (name.empty()) continue;
    std::vector<MarcSubfield> sf{{'a', withFullStop(name)}};
    if (c.authority) {
      if (const auto loc = locCountryIri(*c.authority); !loc.empty()) sf.push_back({'0', loc});
      if (const auto wd = wikidataIri(*c.authority); !wd.empty()) sf.push_back({'1', wd});
      if (const auto gn = geonamesIri(*c.authority); !gn.empty()) sf.push_back({'1', gn});
    }
    fs.push_back(datafield("651", ' ', '4', std::move(sf)));
  }
  fs.push_back(datafield("655", ' ', '4', {{'a', "Websites."}}));
  fs.push_back(nameEntry("710", ' '));
  if (!source.website.empty()) fs.push_back(datafield("856", '4', '0', {{'u', source.website}}));
}

// Control characters (the ISO 2709 delimiters among them) can be carried by neither ISO 2709
// nor XML: they are dropped here, so that both serializations hold the same data.
void removeControlCharacters(std::vector<MarcField>& fs) {
  const auto clean = [](std::string& value) {
    std::erase_if(value, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  };
  for (MarcField& f : fs) {
    clean(f.data);
    for (MarcSubfield& sf : f.subfields) clean(sf.value);
  }
}

}  // namespace

MarcRecord buildMarcRecord(const SourceRecord& source, const Catalog& catalog) {
  MarcRecord r;
  r.leader = marcLeader(0, 0);
  const auto languages = marcLanguages(source);
  addControlFields(source, catalog, r.fields);
  addLanguagesAndAreas(source, languages, r.fields);
  addTitleAndCarrier(source, r.fields);
  addNotes(source, catalog, languages, r.fields);
  addSubjectsAndLinks(source, r.fields);
  removeControlCharacters(r.fields);
  return r;
}

std::optional<std::string> toIso2709(const MarcRecord& record, std::string& error) {
  std::string directory;
  std::string data;
  for (const MarcField& f : record.fields) {
    std::string bytes;
    if (f.isControl()) {
      bytes = f.data;
    } else {
      bytes += f.ind1;
      bytes += f.ind2;
      for (const auto& s : f.subfields) {
        bytes += kSubfieldDelimiter;
        bytes += s.code;
        bytes += s.value;
      }
    }
    bytes += kFieldTerminator;
    if (bytes.size() > 9999) {
      error = "field " + f.tag + " is " + std::to_string(bytes.size()) +
              " bytes long; ISO 2709 allows 9999 (shorten the text it comes from)";
      return std::nullopt;
    }
    directory += f.tag + zeroPadded(bytes.size(), 4) + zeroPadded(data.size(), 5);
    data += bytes;
  }
  directory += kFieldTerminator;
  const std::size_t base = 24 + directory.size();
  const std::size_t length = base + data.size() + 1;
  if (length > 99999 || data.size() > 99999) {
    error = "the record is " + std::to_string(length) + " bytes long; ISO 2709 allows 99999";
    return std::nullopt;
  }
  std::string leader = record.leader;
  leader.replace(0, 5, zeroPadded(length, 5));
  leader.replace(12, 5, zeroPadded(base, 5));
  return leader + directory + data + kRecordTerminator;
}

}  // namespace guidegraph::catalog
