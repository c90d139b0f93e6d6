#include "guidegraph/text.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace guidegraph::text {
namespace {

// Decodes one code point at s[i]; returns its length, or 0 when malformed.
std::size_t decodeUtf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Lower-cases the scripts that appear in guide titles (Latin, Greek, Cyrillic).
char32_t toLower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x138 && c != 0x149 && c != 0x178) {
    const bool oddLower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (oddLower) return (c % 2 == 1) ? c + 1 : c;
    return (c % 2 == 0) ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c >= 0x460 && c <= 0x4FF && c != 0x482 && !(c >= 0x483 && c <= 0x489) && c != 0x4C0) {
    if (c >= 0x4C1 && c <= 0x4CE) return (c % 2 == 1) ? c + 1 : c;
    return (c % 2 == 0) ? c + 1 : c;
  }
  return c;
}

bool isLetterOrDigit(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  // Treat non-ASCII letters as letters; exclude general punctuation and symbol blocks.
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c == 0xA0 || (c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7) return false;
  return true;
}

bool isHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

template <typename KeepFn>
std::string slugWith(std::string_view s, KeepFn keep) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    std::size_t len = decodeUtf8(s, i, cp);
    if (len == 0) {
      ++i;
      continue;
    }
    i += len;
    cp = toLower(cp);
    if (cp == ' ' || cp == '\t' || cp == '\n') {
      out += '-';
    } else if (isLetterOrDigit(cp) || keep(cp)) {
      appendUtf8(out, cp);
    }
  }
  return out;
}

}  // namespace

std::optional<std::size_t> findInvalidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t len = decodeUtf8(s, i, cp);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

bool isPortableChar(char32_t cp) {
  if (cp == 0x9 || cp == 0xA || cp == 0xD) return true;
  if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
  if (cp >= 0xFDD0 && cp <= 0xFDEF) return false;
  return (cp & 0xFFFE) != 0xFFFE;  // U+xxFFFE and U+xxFFFF
}

std::optional<std::size_t> findUnportable(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b < 0x80) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = decodeUtf8(s, i, cp);
    if (len == 0 || !isPortableChar(cp)) return i;
    i += len;
  }
  return std::nullopt;
}

std::string portableText(std::string_view s) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t len = decodeUtf8(s, i, cp);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (isPortableChar(cp)) {
      out.append(s.substr(i, len));
    } else if (cp >= 0x20) {
      out += kReplacement;
    }  // control characters are dropped
    i += len;
  }
  return out;
}

std::string urlize(std::string_view s, bool lower) {
  std::string out;
  out.reserve(s.size());
  bool hyphen = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t len = decodeUtf8(s, i, cp);
    if (len == 0) {
      ++i;
      continue;
    }
    const bool escape = cp == '%' && i + 2 < s.size() && isHex(s[i + 1]) && isHex(s[i + 2]);
    i += len;
    const bool kept = cp == '.' || cp == '/' || cp == '\\' || cp == '_' || cp == '#' || cp == '+' ||
                      cp == '~' || escape || isLetterOrDigit(cp);
    if (kept) {
      if (hyphen) out += '-';
      hyphen = false;
      appendUtf8(out, lower ? toLower(cp) : cp);
    } else if ((cp == '-' || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
                cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A)) &&
               !out.empty()) {
      hyphen = true;
    }
  }
  return out;
}

std::string escapeUrlPath(std::string_view path) {
  bool fragment = false;
  return percentEncode(path, [&fragment](std::string_view p, std::size_t i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c == '#' && !fragment) {
      fragment = true;
      return false;
    }
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    const bool reserved = c == '$' || c == '&' || c == '+' || c == ',' || c == '/' || c == ':' ||
                          c == ';' || c == '=' || c == '@' || (fragment && c == '?');
    const bool fragmentMark = fragment && (c == '!' || c == '(' || c == ')' || c == '*');
    const bool validEscape = c == '%' && i + 2 < p.size() && isHex(p[i + 1]) && isHex(p[i + 2]);
    return !(unreserved || reserved || fragmentMark || validEscape);
  });
}

std::string headingAnchor(std::string_view s) {
  std::string t(trim(s));
  return slugWith(t, [](char32_t c) { return c == '-' || c == '_'; });
}

std::string encodeIri(std::string_view iri, bool asciiOnly) {
  return percentEncode(iri, [asciiOnly](std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '%') return !(i + 2 < s.size() && isHex(s[i + 1]) && isHex(s[i + 2]));
    return c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' ||
           c == '|' || c == '\\' || c == '^' || c == '`' || (c >= 0x80 && asciiOnly);
  });
}

std::string percentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && isHex(s[i + 1]) && isHex(s[i + 2])) {
      out += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string normalizePath(std::string_view path) {
  std::vector<std::string_view> segments;
  const bool trailingSlash = !path.empty() && path.back() == '/';
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i, j - i);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    i = j + 1;
  }
  std::string out = "/";
  for (std::size_t k = 0; k < segments.size(); ++k) {
    if (k) out += '/';
    out += segments[k];
  }
  const bool lastWasDot =
      path.ends_with("/.") || path.ends_with("/..") || path == "." || path == "..";
  if ((trailingSlash || lastWasDot) && out.size() > 1) out += '/';
  return out;
}

std::string resolvePath(std::string_view basePath, std::string_view ref) {
  if (!ref.empty() && ref.front() == '/') return normalizePath(ref);
  std::string dir(basePath);
  const auto slash = dir.rfind('/');
  dir = (slash == std::string::npos) ? std::string("/") : dir.substr(0, slash + 1);
  return normalizePath(dir + std::string(ref));
}

bool equalsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return s;
}

LineCol lineColAt(std::string_view text, std::size_t offset) {
  LineCol lc{1, 1};
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      lc.column = 1;
    } else {
      ++lc.column;
    }
  }
  return lc;
}

}  // namespace guidegraph::text
