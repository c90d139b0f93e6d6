// PageFragment: everything one content file says, as plain values with positions.
// Produced by parse (one file in, one fragment out, no shared state), consumed by merge.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "guidegraph/diagnostic.hpp"

namespace guidegraph {

enum class FrontMatterFormat : std::uint8_t { None, Yaml, Toml, Json };

struct FmEntry;

// A front matter value. Scalars keep the text as written (dates stay strings, "012" stays
// "012"); TOML dates and numbers are rendered back to their TOML text.
struct FmValue {
  enum class Kind : std::uint8_t { Null, Scalar, List, Map };
  Kind kind = Kind::Null;
  std::string scalar;
  std::vector<FmValue> items;    // Kind::List
  std::vector<FmEntry> entries;  // Kind::Map, in file order, keys unique
  SourcePos pos;                 // where the value starts

  [[nodiscard]] const FmValue* get(std::string_view key) const;
  [[nodiscard]] const FmEntry* entry(std::string_view key) const;
  // The same with the key compared without regard to ASCII case, as Hugo reads front matter
  // and configuration keys (`linkTitle`, `linktitle`). nullptr unless this is a map.
  [[nodiscard]] const FmEntry* entryNoCase(std::string_view key) const;
  [[nodiscard]] const FmValue* getNoCase(std::string_view key) const;
  [[nodiscard]] bool isScalar() const { return kind == Kind::Scalar; }
  [[nodiscard]] bool isList() const { return kind == Kind::List; }
  [[nodiscard]] bool isMap() const { return kind == Kind::Map; }
  [[nodiscard]] bool isNull() const { return kind == Kind::Null; }
};

struct FmEntry {
  std::string key;
  SourcePos keyPos;
  FmValue value;
};

struct Heading {
  int level = 0;
  std::string text;    // plain text of the heading, trimmed
  std::string anchor;  // Hugo's heading id, made unique within the page
  SourcePos pos;
};

enum class LinkForm : std::uint8_t { Markdown, Ref, RelRef };

struct BodyLink {
  std::string text;         // the link text as plain text
  std::string destination;  // as written; for ref/relref the shortcode's path argument
  LinkForm form = LinkForm::Markdown;
  std::string note;                   // "(state-affiliated)" right after the link, without ()
  std::vector<std::string> mentions;  // bold text in the same list item
  int heading = -1;                   // index into PageFragment::headings of the enclosing section
  int listItemIndex = -1;             // position of the list item among the section's items, or -1
  SourcePos pos;                      // of the '[' (or of the shortcode for a ref outside a link)
};

struct PageFragment {
  Atom path;  // as given to the parser (relative to the site root for messages)
  FrontMatterFormat format = FrontMatterFormat::None;
  FmValue frontMatter;  // Kind::Map (empty when there is none)
  SourcePos frontMatterPos;
  int sectionLevel = 2;  // heading level that starts a section
  std::vector<Heading> headings;
  std::vector<BodyLink> links;
  Diagnostics diagnostics;
  bool usable = true;  // false when nothing of the page can be trusted (e.g. invalid UTF-8)
};

struct ParseLimits {
  std::size_t maxFileBytes = 16u << 20;
  unsigned maxYamlDepth = 64;
  std::size_t maxYamlNodes = 100000;
};

// Parses one content file. `displayPath` is used in positions and messages.
[[nodiscard]] PageFragment parsePage(std::string displayPath, std::string_view contents,
                                     const ParseLimits& limits = {});

// Reads and parses a file; I/O failures become diagnostics.
[[nodiscard]] PageFragment parsePageFile(const std::string& fsPath, std::string displayPath,
                                         const ParseLimits& limits = {});

}  // namespace guidegraph

namespace guidegraph {
// Parses a whole YAML, TOML or JSON document (a site configuration file) into a map.
[[nodiscard]] FmValue parseDataDocument(const std::string& displayPath, std::string_view text,
                                        FrontMatterFormat format, Diagnostics& diags);
}  // namespace guidegraph
