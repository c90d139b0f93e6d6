// Text helpers shared by every stage: UTF-8 checks, Hugo-compatible slugs and anchors,
// IRI percent-encoding and URL path arithmetic.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace guidegraph::text {

// Offset of the first byte that is not part of well-formed UTF-8, or nullopt if all is well.
std::optional<std::size_t> findInvalidUtf8(std::string_view s);

// True for a code point that every output can carry as text: a character XML 1.0 allows
// (tab, newline, carriage return, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF) that is
// not a Unicode non-character (U+FDD0-U+FDEF, and U+xxFFFE/U+xxFFFF in every plane).
bool isPortableChar(char32_t cp);

// Offset of the first byte of `s` that portableText would change (a code point that
// isPortableChar refuses, a control character, or a byte that is not well-formed UTF-8), or
// nullopt when `s` is portable as it is. Quick for ASCII text.
std::optional<std::size_t> findUnportable(std::string_view s);

// `s` with every code point that isPortableChar refuses replaced by U+FFFD, and every byte
// that is not part of well-formed UTF-8 (a lone surrogate such as ED A0 80 included) too.
// Other control characters (U+0000-U+001F but tab, newline and carriage return) are
// dropped, as they always were. The guard of every XML and DOT writer.
std::string portableText(std::string_view s);

// Hugo's `urlize` for taxonomy terms and paths (its MakePathSanitized): runs of spaces and
// '-' become one '-' (none at the start or end), letters, digits, marks and ". / \\ _ # + ~"
// are kept, everything else is dropped, and the result is lower case unless `lower` is
// false (disablePathToLower). "Ryan Womack" -> "ryan-womack", "C++ (new)" -> "c++-new".
std::string urlize(std::string_view s, bool lower = true);

// The one percent-encoder: `s` with every byte for which `escape(s, i)` is true written
// as %XX (upper-case hex, as RFC 3986 recommends). The functions below and the SARIF
// writer's file URIs differ only in which bytes they escape.
template <typename Escape>
std::string percentEncode(std::string_view s, Escape&& escape) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (escape(s, i)) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// A URL path percent-encoded as Go's url.URL writes it, which is what Hugo's .Permalink
// gives: bytes outside ASCII, spaces, controls and "\"<>\\^`{|}?" and a '%' that starts
// no escape become %XX; '#' starts a fragment and is kept.
std::string escapeUrlPath(std::string_view path);

// Hugo's default ("github") heading anchor: lower case, letters, digits, '-' and '_' kept,
// spaces to '-', everything else dropped. "Media (state)" -> "media-state".
std::string headingAnchor(std::string_view s);

// Percent-encodes the characters that may not appear in an IRI (controls, space,
// <>"{}|\^`) and stray '%' not followed by two hex digits. Non-ASCII text is kept (IRIs
// allow it) but encoded when `asciiOnly` is set.
std::string encodeIri(std::string_view iri, bool asciiOnly = false);

// Decodes %XX escapes (used to compare paths); invalid escapes are kept as they are.
std::string percentDecode(std::string_view s);

// Collapses "." and ".." segments and repeated slashes of an absolute path ("/a/./b/../c").
// ".." never climbs above the root.
std::string normalizePath(std::string_view path);

// Resolves `ref` (a path, possibly relative) against the directory of `basePath`
// (an absolute URL path such as "/guides/kazakhstan/").
std::string resolvePath(std::string_view basePath, std::string_view ref);

// Hash for unordered containers of std::string that are searched with a string_view (use
// with std::equal_to<>), so a lookup builds no std::string.
//
// Deliberately not noexcept: libstdc++ stores each element's hash in its node only when the
// hash function may throw (or is not known to be fast). Without the stored hash, every step
// along a bucket's chain, every rehash and every insertion hashes the stored string again
// (measured in BENCHMARKS.md, "Measurements behind the code").
struct StringViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const {  // NOLINT(performance-noexcept-*)
    return std::hash<std::string_view>{}(s);
  }
};

// Trims ASCII white space at both ends.
std::string_view trim(std::string_view s);

// True when a and b are the same but for the case of ASCII letters.
[[nodiscard]] bool equalsNoCase(std::string_view a, std::string_view b);

// Line (1-based) and column (1-based, bytes) of `offset` within `text`.
struct LineCol {
  unsigned line;
  unsigned column;
};
LineCol lineColAt(std::string_view text, std::size_t offset);

}  // namespace guidegraph::text
