#include "guidegraph/countries.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace guidegraph {
namespace {

// A lookup key of the generated index: a normalized name or a lower-cased code.
struct CountryKey {
  std::string_view key;
  std::size_t country;  // index into kCountries
};

#include "country_table.inc"

// The generator sorts and deduplicates the keys; lookups rely on it, so check at compile time.
static_assert(std::ranges::is_sorted(kCountryKeys, {}, &CountryKey::key));
static_assert(std::ranges::adjacent_find(kCountryKeys, {}, &CountryKey::key) == kCountryKeys.end());
static_assert(std::ranges::all_of(kCountryKeys, [](const CountryKey& k) {
  return k.country < kCountries.size();
}));

// Everything below must stay in step with normalize() in vocab/tools/generate_countries.py,
// which pre-normalizes the keys above.

constexpr char32_t kNoCodePoint = 0xFFFFFFFF;

constexpr bool isEven(char32_t c) { return c % 2 == 0; }
constexpr bool in(char32_t c, char32_t first, char32_t last) { return c >= first && c <= last; }

bool isApostrophe(char32_t c) {
  switch (c) {
    case U'\'':
    case U'`':
    case 0x00B4:  // ´
    case 0x02B9:  // ʹ
    case 0x02BB:  // ʻ (Uzbek o‘ and g‘)
    case 0x02BC:  // ʼ
    case 0x02BD:  // ʽ
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201B:  // ‛
    case 0x2032:  // ′
      return true;
    default:
      return false;
  }
}

bool isSeparator(char32_t c) {
  if (c < 0x80) {  // whitespace and ASCII punctuation, except the apostrophe
    const bool punctuation =
        in(c, U'!', U'/') || in(c, U':', U'@') || in(c, U'[', U'_') || in(c, U'{', U'~');
    return c == U' ' || in(c, U'\t', U'\r') || (punctuation && c != U'\'');
  }
  switch (c) {
    case 0x00A0:  // no-break space
    case 0x00AB:  // «
    case 0x00B7:  // ·
    case 0x00BB:  // »
    case 0x2026:  // …
    case 0x2212:  // minus
    case 0x202F:  // narrow no-break space
    case 0x205F:  // medium mathematical space
    case 0x3000:  // ideographic space
    case 0x3001:  // 、
    case 0x3002:  // 。
    case 0xFF08:  // （
    case 0xFF09:  // ）
    case 0xFF0C:  // ，
    case 0x060C:  // Arabic comma
      return true;
    default:
      return (c >= 0x2000 && c <= 0x200A) ||  // spaces
             (c >= 0x2010 && c <= 0x2015) ||  // hyphens and dashes
             (c >= 0x201C && c <= 0x201F);    // double quotes
  }
}

bool isIgnored(char32_t c) { return c == 0x200B || c == 0xFEFF; }  // zero-width, BOM

char32_t toLower(char32_t c) {
  if (in(c, U'A', U'Z')) return c + 0x20;
  if (c < 0xC0) return c;
  if (in(c, 0xC0, 0xDE)) return c == 0xD7 ? c : c + 0x20;  // Latin-1, not ×
  if (in(c, 0x100, 0x17F)) {                               // Latin Extended-A
    if (c == 0x130) return U'i';                           // İ
    if (c == 0x178) return 0xFF;                           // Ÿ
    if ((in(c, 0x100, 0x137) || in(c, 0x14A, 0x177)) && isEven(c)) return c + 1;
    if ((in(c, 0x139, 0x148) || in(c, 0x179, 0x17E)) && !isEven(c)) return c + 1;
    return c;
  }
  if (in(c, 0x218, 0x21B)) return isEven(c) ? c + 1 : c;  // Ș Ț
  if (in(c, 0x386, 0x3AB)) {                              // Greek
    if (c == 0x386) return 0x3AC;
    if (in(c, 0x388, 0x38A)) return c + 0x25;
    if (c == 0x38C) return 0x3CC;
    if (in(c, 0x38E, 0x38F)) return c + 0x3F;
    if (in(c, 0x391, 0x3AB) && c != 0x3A2) return c + 0x20;
    return c;
  }
  if (in(c, 0x400, 0x40F)) return c + 0x50;  // Ѐ…Џ, Ў
  if (in(c, 0x410, 0x42F)) return c + 0x20;  // А…Я
  if (in(c, 0x460, 0x481) || in(c, 0x48A, 0x4BF) || in(c, 0x4D0, 0x52F)) {
    return isEven(c) ? c + 1 : c;  // Қ Ғ Ң Ү Ұ Ҳ Ҷ Һ Ө Ӣ Ӯ …
  }
  if (c == 0x4C0) return 0x4CF;                           // Ӏ
  if (in(c, 0x4C1, 0x4CE)) return isEven(c) ? c : c + 1;  // Ӂ…Ӎ
  if (c == 0x1E9E) return 0xDF;                           // ẞ
  if (in(c, 0x1E00, 0x1E95) || in(c, 0x1EA0, 0x1EFF)) return isEven(c) ? c + 1 : c;
  return c;
}

// Decodes the code point at text[pos] and advances pos past it. On a malformed sequence,
// returns kNoCodePoint and advances one byte.
char32_t decodeUtf8(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  std::size_t length = 0;
  char32_t c = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, c = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, c = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, c = lead & 0x07, min = 0x10000;
  } else {
    ++pos;
    return kNoCodePoint;
  }
  if (pos + length > text.size()) {
    ++pos;
    return kNoCodePoint;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) {
      ++pos;
      return kNoCodePoint;
    }
    c = (c << 6) | (byte(pos + i) & 0x3F);
  }
  if (c < min || c > 0x10FFFF || in(c, 0xD800, 0xDFFF)) {
    ++pos;
    return kNoCodePoint;
  }
  pos += length;
  return c;
}

void appendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool isDigits(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::span<const CountryRecord> allCountries() noexcept { return kCountries; }

std::string normalizeCountryName(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pendingSpace = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t c = decodeUtf8(text, pos);
    if (c == kNoCodePoint) {
      out += text[start];
      continue;
    }
    if (isIgnored(c)) continue;
    if (isSeparator(c)) {
      pendingSpace = !out.empty();
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    appendUtf8(out, isApostrophe(c) ? U'\'' : toLower(c));
  }
  return out;
}

const CountryRecord* findCountry(std::string_view nameOrCode) {
  std::string key = normalizeCountryName(nameOrCode);
  if (isDigits(key) && key.size() < 3) key.insert(0, 3 - key.size(), '0');
  const auto it =
      std::ranges::lower_bound(kCountryKeys, std::string_view(key), {}, &CountryKey::key);
  if (it == kCountryKeys.end() || it->key != key) return nullptr;
  return &kCountries[it->country];
}

std::string wikidataIri(const CountryRecord& country) {
  if (country.wikidata.empty()) return {};
  return std::string("http://www.wikidata.org/entity/").append(country.wikidata);
}

std::string geonamesIri(const CountryRecord& country) {
  if (country.geonames.empty()) return {};
  return std::string("https://sws.geonames.org/").append(country.geonames).append("/");
}

std::string locCountryIri(const CountryRecord& country) {
  if (country.marc.empty()) return {};
  return std::string("http://id.loc.gov/vocabulary/countries/").append(country.marc);
}

std::string authorityIri(const CountryRecord& country) {
  return std::string("https://w3id.org/guidegraph/country/").append(country.alpha2);
}

}  // namespace guidegraph
