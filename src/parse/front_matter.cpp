#include "front_matter.hpp"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "guidegraph/text.hpp"

namespace guidegraph::parse {
namespace {

SourcePos at(const TextOrigin& o, unsigned lineInText, unsigned column) {
  return SourcePos{o.file, o.firstLine + lineInText, column};
}

// ---- YAML -------------------------------------------------------------------------------

struct YamlConverter {
  const TextOrigin& origin;
  const ParseLimits& limits;
  Diagnostics& diags;
  std::size_t nodes = 0;
  bool tooBig = false;

  SourcePos pos(const YAML::Mark& m) const {
    if (m.is_null()) return SourcePos{origin.file, origin.firstLine, 1};
    return at(origin, static_cast<unsigned>(m.line), static_cast<unsigned>(m.column) + 1);
  }

  FmValue convert(const YAML::Node& node, unsigned depth) {
    FmValue v;
    v.pos = pos(node.Mark());
    if (tooBig) return v;
    if (++nodes > limits.maxYamlNodes) {
      tooBig = true;
      diags.add(Severity::Error, v.pos, "front-matter-too-large",
                "front matter expands to more than " + std::to_string(limits.maxYamlNodes) +
                    " values (an alias bomb?); remove repeated aliases or raise --max-yaml-nodes");
      return v;
    }
    if (depth > limits.maxYamlDepth) {
      tooBig = true;
      diags.add(Severity::Error, v.pos, "front-matter-too-deep",
                "front matter is nested deeper than " + std::to_string(limits.maxYamlDepth) +
                    " levels; flatten it");
      return v;
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        v.kind = FmValue::Kind::Null;
        break;
      case YAML::NodeType::Scalar:
        v.kind = FmValue::Kind::Scalar;
        v.scalar = node.Scalar();
        break;
      case YAML::NodeType::Sequence:
        v.kind = FmValue::Kind::List;
        for (const auto& item : node) v.items.push_back(convert(item, depth + 1));
        break;
      case YAML::NodeType::Map:
        v.kind = FmValue::Kind::Map;
        for (const auto& kv : node) {
          const SourcePos keyPos = pos(kv.first.Mark());
          if (!kv.first.IsScalar()) {
            diags.add(Severity::Error, keyPos, "front-matter-key",
                      "front matter keys must be plain words; this key is a list or map");
            continue;
          }
          const std::string key = kv.first.Scalar();
          if (const FmEntry* first = v.entry(key)) {
            diags.add(Severity::Error, keyPos, "front-matter-duplicate-key",
                      "duplicate front matter key '" + key + "' (first set on line " +
                          std::to_string(first->keyPos.line) + "); keep only one");
            continue;
          }
          v.entries.push_back(FmEntry{key, keyPos, convert(kv.second, depth + 1)});
        }
        break;
    }
    return v;
  }
};

// ---- YAML, the plain subset ---------------------------------------------------------------
//
// Almost every page's front matter is `key: value` lines whose values are quoted strings,
// plain words, flow lists (`["a", "b"]`) or block lists (`- a` lines). yaml-cpp builds a
// node tree and a token stream for each, which is most of the time spent parsing a site.
// This reader takes exactly that subset and gives the same FmValue, positions included;
// anything else (comments, anchors, multi-line scalars, escapes, nulls, nested maps, tabs,
// duplicate keys, unusual characters) returns nullopt and goes to yaml-cpp, which also
// produces every diagnostic. fuzz_front_matter checks that the two agree on every input
// the subset accepts.

class PlainYamlReader {
 public:
  PlainYamlReader(std::string_view text, const TextOrigin& origin) : text_(text), origin_(origin) {}

  std::optional<FmValue> read() {
    splitLines();
    FmValue root;
    root.kind = FmValue::Kind::Map;
    std::size_t i = nextContentLine(0);
    if (i == lines_.size()) return std::nullopt;  // empty: yaml-cpp's null document
    root.pos = position(i, 0);
    nodes_ = 1;
    while (i < lines_.size()) {
      const std::string_view line = lines_[i];
      const std::size_t keyEnd = keyLength(line);
      if (keyEnd == 0) return std::nullopt;
      FmEntry entry;
      entry.key = std::string(line.substr(0, keyEnd));
      if (root.entry(entry.key) != nullptr) return std::nullopt;  // duplicate: diagnosed there
      entry.keyPos = position(i, 0);
      std::size_t col = keyEnd + 1;
      while (col < line.size() && line[col] == ' ') ++col;
      if (col == line.size()) {
        // A block list must follow; an empty value (null) is left to yaml-cpp.
        if (!readBlockList(i, entry.value)) return std::nullopt;
      } else if (line[col] == '[') {
        if (!readFlowList(i, col, entry.value)) return std::nullopt;
        i = nextContentLine(i + 1);
      } else {
        std::size_t end = 0;
        if (!readScalar(i, col, false, entry.value, end)) return std::nullopt;
        if (!onlySpaces(line.substr(end))) return std::nullopt;
        i = nextContentLine(i + 1);
      }
      ++nodes_;
      root.entries.push_back(std::move(entry));
    }
    return root;
  }

  [[nodiscard]] std::size_t nodes() const { return nodes_; }
  [[nodiscard]] bool hasLists() const { return hasLists_; }

 private:
  static bool onlySpaces(std::string_view s) {
    return s.find_first_not_of(' ') == std::string_view::npos;
  }

  void splitLines() {
    std::size_t start = 0;
    while (start <= text_.size()) {
      const std::size_t nl = text_.find('\n', start);
      if (nl == std::string_view::npos) {
        lines_.push_back(text_.substr(start));
        break;
      }
      lines_.push_back(text_.substr(start, nl - start));
      start = nl + 1;
    }
  }

  // Blank lines are skipped; every other line is content.
  std::size_t nextContentLine(std::size_t i) const {
    while (i < lines_.size() && onlySpaces(lines_[i])) ++i;
    return i;
  }

  SourcePos position(std::size_t line, std::size_t column) const {
    return at(origin_, static_cast<unsigned>(line), static_cast<unsigned>(column) + 1);
  }

  // A key of letters, digits, '_' and '-' (not first) at the start of the line, followed by
  // ':' and a space or the end of the line. Returns its length, or 0.
  static std::size_t keyLength(std::string_view line) {
    auto word = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    };
    if (line.empty() || !word(line[0])) return 0;
    std::size_t n = 1;
    while (n < line.size() && (word(line[n]) || line[n] == '-')) ++n;
    if (n == line.size() || line[n] != ':') return 0;
    if (n + 1 < line.size() && line[n + 1] != ' ') return 0;
    const std::string_view key = line.substr(0, n);
    if (key == "null" || key == "Null" || key == "NULL") return 0;  // a null key, not a word
    return n;
  }

  // `- item` lines after a key, all at one indentation; the list ends at the next line that
  // starts in column 1 with a key.
  bool readBlockList(std::size_t& i, FmValue& out) {
    std::size_t j = nextContentLine(i + 1);
    std::size_t indent = std::string_view::npos;
    out.kind = FmValue::Kind::List;
    hasLists_ = true;
    while (j < lines_.size()) {
      const std::string_view line = lines_[j];
      const std::size_t dash = line.find_first_not_of(' ');
      if (line[dash] != '-') {
        if (dash == 0) break;  // the next key
        return false;
      }
      if (indent == std::string_view::npos) {
        indent = dash;
        out.pos = position(j, dash);
      } else if (dash != indent) {
        return false;
      }
      if (dash + 1 >= line.size() || line[dash + 1] != ' ') return false;
      std::size_t col = dash + 2;
      while (col < line.size() && line[col] == ' ') ++col;
      if (col == line.size()) return false;
      FmValue item;
      std::size_t end = 0;
      if (!readScalar(j, col, false, item, end)) return false;
      if (!onlySpaces(line.substr(end))) return false;
      out.items.push_back(std::move(item));
      ++nodes_;
      j = nextContentLine(j + 1);
    }
    if (out.items.empty()) return false;
    i = j;
    return true;
  }

  // `[a, "b", 'c']` on one line.
  bool readFlowList(std::size_t i, std::size_t open, FmValue& out) {
    const std::string_view line = lines_[i];
    out.kind = FmValue::Kind::List;
    out.pos = position(i, open);
    hasLists_ = true;
    std::size_t col = open + 1;
    auto skipSpaces = [&] {
      while (col < line.size() && line[col] == ' ') ++col;
    };
    skipSpaces();
    if (col < line.size() && line[col] == ']') return onlySpaces(line.substr(col + 1));
    while (true) {
      skipSpaces();
      if (col == line.size()) return false;
      FmValue item;
      std::size_t end = 0;
      if (!readScalar(i, col, true, item, end)) return false;
      out.items.push_back(std::move(item));
      ++nodes_;
      col = end;
      skipSpaces();
      if (col == line.size()) return false;
      if (line[col] == ']') return onlySpaces(line.substr(col + 1));
      if (line[col] != ',') return false;
      ++col;
    }
  }

  // A scalar starting at `col`: double-quoted without escapes, single-quoted, or plain.
  // `end` is set just past it. In a flow list a plain scalar stops at ',' or ']'.
  bool readScalar(std::size_t i, std::size_t col, bool inFlow, FmValue& out,
                  std::size_t& end) const {
    const std::string_view line = lines_[i];
    out.kind = FmValue::Kind::Scalar;
    out.pos = position(i, col);
    const char first = line[col];
    if (first == '"') {
      const std::size_t close = line.find('"', col + 1);
      if (close == std::string_view::npos) return false;
      const std::string_view body = line.substr(col + 1, close - col - 1);
      if (body.find('\\') != std::string_view::npos) return false;
      out.scalar = std::string(body);
      end = close + 1;
      return true;
    }
    if (first == '\'') {
      std::string value;
      std::size_t k = col + 1;
      while (true) {
        const std::size_t quote = line.find('\'', k);
        if (quote == std::string_view::npos) return false;
        value.append(line.substr(k, quote - k));
        if (quote + 1 < line.size() && line[quote + 1] == '\'') {
          value.push_back('\'');
          k = quote + 2;
          continue;
        }
        end = quote + 1;
        break;
      }
      out.scalar = std::move(value);
      return true;
    }
    // Plain: no indicator first, and nothing inside that could end it or start a comment.
    static constexpr std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`";
    if (kIndicators.find(first) != std::string_view::npos) return false;
    // yaml-cpp reads some characters inside a flow list its own way ('?' anywhere starts
    // a key there): a plain item may hold only letters, digits, spaces and ._/()+
    static constexpr std::string_view kFlowPunctuation = "._/()+";
    std::size_t k = col;
    while (k < line.size()) {
      const char c = line[k];
      if (inFlow && (c == ',' || c == ']')) break;
      if (inFlow && static_cast<unsigned char>(c) < 0x80 &&
          !std::isalnum(static_cast<unsigned char>(c)) && c != ' ' &&
          kFlowPunctuation.find(c) == std::string_view::npos)
        return false;
      if (c == '[' || c == ']' || c == '{' || c == '}') return false;
      if (c == '#' && line[k - 1] == ' ') return false;
      if (c == ':' && (inFlow || k + 1 == line.size() || line[k + 1] == ' ')) return false;
      ++k;
    }
    std::size_t last = k;
    while (last > col && line[last - 1] == ' ') --last;
    const std::string_view value = line.substr(col, last - col);
    if (value == "~" || value == "null" || value == "Null" || value == "NULL") return false;
    out.scalar = std::string(value);
    end = last;
    return true;
  }

  std::string_view text_;
  const TextOrigin& origin_;
  std::vector<std::string_view> lines_;
  std::size_t nodes_ = 0;
  bool hasLists_ = false;
};

// Bytes the plain reader leaves to yaml-cpp wherever they appear: control characters
// (tab and CR included), DEL, and the characters YAML treats as line breaks or a byte order
// mark (U+0085, U+2028, U+2029, U+FEFF). Invalid UTF-8 also goes to yaml-cpp.
bool plainYamlCharacters(std::string_view text) {
  for (std::size_t k = 0; k < text.size(); ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    if (c == '\n') continue;
    if (c < 0x20 || c == 0x7f) return false;
    if (c == 0xc2 && k + 1 < text.size() && static_cast<unsigned char>(text[k + 1]) == 0x85)
      return false;
    if (c == 0xe2 && text.substr(k, 3) == "\xe2\x80\xa8") return false;
    if (c == 0xe2 && text.substr(k, 3) == "\xe2\x80\xa9") return false;
    if (c == 0xef && text.substr(k, 3) == "\xef\xbb\xbf") return false;
  }
  return !text::findInvalidUtf8(text).has_value();
}

// ---- TOML -------------------------------------------------------------------------------

FmValue convertToml(const toml::node& node, const TextOrigin& origin) {
  FmValue v;
  const auto& src = node.source();
  v.pos = SourcePos{origin.file, origin.firstLine + static_cast<unsigned>(src.begin.line) - 1,
                    static_cast<unsigned>(src.begin.column)};
  if (src.begin.line == 0) v.pos = SourcePos{origin.file, origin.firstLine, 1};
  if (const auto* table = node.as_table()) {
    v.kind = FmValue::Kind::Map;
    // toml++ keeps tables ordered by key; sort entries by position to keep file order.
    for (const auto& [key, child] : *table) {
      FmEntry e;
      e.key = std::string(key.str());
      const auto& ks = key.source();
      e.keyPos = SourcePos{origin.file, origin.firstLine + static_cast<unsigned>(ks.begin.line) - 1,
                           static_cast<unsigned>(ks.begin.column)};
      e.value = convertToml(child, origin);
      v.entries.push_back(std::move(e));
    }
    std::stable_sort(v.entries.begin(), v.entries.end(),
                     [](const FmEntry& a, const FmEntry& b) { return a.keyPos < b.keyPos; });
  } else if (const auto* array = node.as_array()) {
    v.kind = FmValue::Kind::List;
    for (const auto& child : *array) v.items.push_back(convertToml(child, origin));
  } else if (const auto* s = node.as_string()) {
    v.kind = FmValue::Kind::Scalar;
    v.scalar = s->get();
  } else {
    v.kind = FmValue::Kind::Scalar;
    std::ostringstream os;
    if (const auto* b = node.as_boolean()) {
      os << (b->get() ? "true" : "false");
    } else if (const auto* i = node.as_integer()) {
      os << i->get();
    } else if (const auto* f = node.as_floating_point()) {
      os << f->get();
    } else if (const auto* d = node.as_date()) {
      os << d->get();
    } else if (const auto* t = node.as_time()) {
      os << t->get();
    } else if (const auto* dt = node.as_date_time()) {
      os << dt->get();
    }
    v.scalar = os.str();
  }
  return v;
}

// ---- JSON -------------------------------------------------------------------------------

// Reads JSON that nlohmann's parser has already accepted into an FmValue, in file order,
// with the position of every key and value (nlohmann's types keep neither). Strings and
// numbers are decoded by nlohmann, one token at a time. Of two equal keys in one object the
// first is kept and the second reported, as for YAML.
class JsonReader {
 public:
  JsonReader(std::string_view text, const TextOrigin& origin, Diagnostics& diags)
      : text_(text), origin_(origin), diags_(diags) {}

  FmValue read() { return value(); }

 private:
  SourcePos posAt(std::size_t offset) const {
    const auto lc = text::lineColAt(text_, offset);
    return at(origin_, lc.line - 1, lc.column);
  }

  void skipSpace() {
    while (i_ < text_.size() &&
           (text_[i_] == ' ' || text_[i_] == '\t' || text_[i_] == '\n' || text_[i_] == '\r'))
      ++i_;
  }

  std::string stringToken() {
    const std::size_t start = i_++;
    while (i_ < text_.size() && text_[i_] != '"') i_ += text_[i_] == '\\' ? 2 : 1;
    ++i_;
    return nlohmann::json::parse(text_.substr(start, i_ - start)).get<std::string>();
  }

  FmValue value() {
    skipSpace();
    FmValue v;
    v.pos = posAt(i_);
    const char c = i_ < text_.size() ? text_[i_] : '\0';
    if (c == '{') {
      v.kind = FmValue::Kind::Map;
      members(v);
    } else if (c == '[') {
      v.kind = FmValue::Kind::List;
      elements(v);
    } else if (c == '"') {
      v.kind = FmValue::Kind::Scalar;
      v.scalar = stringToken();
    } else {
      const std::size_t start = i_;
      while (i_ < text_.size() &&
             std::string_view(",]} \t\r\n").find(text_[i_]) == std::string_view::npos)
        ++i_;
      const std::string_view token = text_.substr(start, i_ - start);
      if (token == "null") {
        v.kind = FmValue::Kind::Null;
      } else {
        v.kind = FmValue::Kind::Scalar;
        v.scalar = nlohmann::json::parse(token).dump();  // numbers and booleans as JSON writes them
      }
    }
    return v;
  }

  void members(FmValue& map) {
    ++i_;  // '{'
    skipSpace();
    while (i_ < text_.size() && text_[i_] != '}') {
      const SourcePos keyPos = posAt(i_);
      std::string key = stringToken();
      skipSpace();
      ++i_;  // ':'
      FmValue item = value();
      if (const FmEntry* first = map.entry(key)) {
        diags_.add(Severity::Error, keyPos, "front-matter-duplicate-key",
                   "duplicate front matter key '" + key + "' (first set on line " +
                       std::to_string(first->keyPos.line) + "); keep only one");
      } else {
        map.entries.push_back(FmEntry{std::move(key), keyPos, std::move(item)});
      }
      skipSpace();
      if (i_ < text_.size() && text_[i_] == ',') ++i_;
      skipSpace();
    }
    ++i_;  // '}'
  }

  void elements(FmValue& list) {
    ++i_;  // '['
    skipSpace();
    while (i_ < text_.size() && text_[i_] != ']') {
      list.items.push_back(value());
      skipSpace();
      if (i_ < text_.size() && text_[i_] == ',') ++i_;
      skipSpace();
    }
    ++i_;  // ']'
  }

  std::string_view text_;
  const TextOrigin& origin_;
  Diagnostics& diags_;
  std::size_t i_ = 0;
};

// "U+FFFF" for the code point at s[offset], or "byte 0xED" where no character starts.
std::string describeCharacter(std::string_view s, std::size_t offset) {
  char32_t cp = 0;
  const auto b = static_cast<unsigned char>(s[offset]);
  std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
  if (offset + len <= s.size() && !text::findInvalidUtf8(s.substr(offset, len))) {
    cp = b < 0x80 ? b : static_cast<char32_t>(b & (0x7F >> len));
    for (std::size_t k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[offset + k]) & 0x3F);
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "byte 0x%02X", static_cast<unsigned>(b));
  return std::string(buf) + " (not UTF-8, such as an escaped lone surrogate)";
}

// Decided once, at reading: a character that no output can carry (XML 1.0 excludes it, or it
// is a Unicode non-character, a lone surrogate, a control character) is reported where its
// value stands and replaced by U+FFFD (controls are dropped), so every output writes the
// same text. Hugo computes URLs from the original text; guidegraph's slugs drop both.
void keepPortable(FmValue& v, Diagnostics& diags, std::string_view key) {
  if (v.kind == FmValue::Kind::Scalar) {
    if (const auto at = text::findUnportable(v.scalar)) {
      diags.add(Severity::Warning, v.pos, "disallowed-character",
                "the value of `" + std::string(key) + "` holds " +
                    describeCharacter(v.scalar, *at) +
                    ", which XML and other outputs cannot carry; it is written as U+FFFD "
                    "(control characters are left out): remove it or type the character meant");
      v.scalar = text::portableText(v.scalar);
    }
  }
  for (FmValue& item : v.items) keepPortable(item, diags, key);
  for (FmEntry& e : v.entries) {
    if (text::findUnportable(e.key)) e.key = text::portableText(e.key);
    keepPortable(e.value, diags, e.key);
  }
}

}  // namespace

std::optional<FmValue> parsePlainYaml(std::string_view text, const TextOrigin& origin,
                                      const ParseLimits& limits) {
  if (!plainYamlCharacters(text)) return std::nullopt;
  PlainYamlReader reader(text, origin);
  auto value = reader.read();
  // Past a limit, yaml-cpp's path reports it.
  if (value &&
      (reader.nodes() > limits.maxYamlNodes || limits.maxYamlDepth < (reader.hasLists() ? 2U : 1U)))
    return std::nullopt;
  return value;
}

FmValue parseYamlFrontMatter(std::string_view text, TextOrigin origin, const ParseLimits& limits,
                             Diagnostics& diags) {
  FmValue v = [&] {
    if (auto plain = parsePlainYaml(text, origin, limits)) return std::move(*plain);
    return parseYamlWithYamlCpp(text, origin, limits, diags);
  }();
  keepPortable(v, diags, {});
  return v;
}

FmValue parseYamlWithYamlCpp(std::string_view text, const TextOrigin& origin,
                             const ParseLimits& limits, Diagnostics& diags) {
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    if (root.IsNull())
      return FmValue{FmValue::Kind::Map, {}, {}, {}, {origin.file, origin.firstLine, 1}};
    YamlConverter conv{origin, limits, diags};
    if (!root.IsMap()) {
      diags.add(Severity::Error, conv.pos(root.Mark()), "front-matter-not-a-map",
                "front matter must be a map of `key: value` lines, not a list or a single value");
      return FmValue{FmValue::Kind::Map, {}, {}, {}, {origin.file, origin.firstLine, 1}};
    }
    FmValue v = conv.convert(root, 0);
    if (conv.tooBig) v.entries.clear();
    return v;
  } catch (const YAML::Exception& e) {
    diags.add(
        Severity::Error,
        at(origin, static_cast<unsigned>(e.mark.line), static_cast<unsigned>(e.mark.column) + 1),
        "front-matter-syntax",
        "malformed YAML front matter: " + e.msg +
            "; check the indentation, quotes and `key: value` form of this line");
    return FmValue{FmValue::Kind::Map, {}, {}, {}, {origin.file, origin.firstLine, 1}};
  }
}

FmValue parseTomlFrontMatter(std::string_view text, TextOrigin origin, Diagnostics& diags) {
  try {
    const toml::table table = toml::parse(text, origin.file);
    FmValue v = convertToml(table, origin);
    keepPortable(v, diags, {});
    return v;
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    diags.add(Severity::Error,
              at(origin, static_cast<unsigned>(b.line) - 1, static_cast<unsigned>(b.column)),
              "front-matter-syntax",
              "malformed TOML front matter: " + std::string(e.description()) +
                  "; TOML needs `key = value` with quoted strings");
    return FmValue{FmValue::Kind::Map, {}, {}, {}, {origin.file, origin.firstLine, 1}};
  }
}

FmValue parseJsonFrontMatter(std::string_view text, TextOrigin origin, Diagnostics& diags,
                             unsigned maxDepth) {
  // nlohmann's parser keeps its own stack, but converting a value recurses once per level:
  // stop at the limit, before "[[[[..." of a few megabytes exhausts the call stack.
  struct TooDeep {};
  try {
    // nlohmann checks the syntax (and the depth, before anything recurses); JsonReader then
    // reads the accepted text in file order with positions.
    const nlohmann::json::parser_callback_t limitDepth =
        [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
          using Event = nlohmann::json::parse_event_t;
          if ((event == Event::object_start || event == Event::array_start) &&
              static_cast<unsigned>(depth) > maxDepth)
            throw TooDeep{};
          return true;
        };
    [[maybe_unused]] const nlohmann::json accepted = nlohmann::json::parse(text, limitDepth);
    FmValue v = JsonReader(text, origin, diags).read();
    if (!v.isMap()) {
      diags.add(Severity::Error, v.pos, "front-matter-not-a-map",
                "JSON front matter must be an object `{ \"key\": value, ... }`");
      return FmValue{FmValue::Kind::Map, {}, {}, {}, {origin.file, origin.firstLine, 1}};
    }
    keepPortable(v, diags, {});
    return v;
  } catch (const TooDeep&) {
    diags.add(Severity::Error, SourcePos{origin.file, origin.firstLine, 1}, "front-matter-too-deep",
              "JSON front matter is nested deeper than " + std::to_string(maxDepth) +
                  " levels; flatten it");
    return FmValue{FmValue::Kind::Map, {}, {}, {}, {origin.file, origin.firstLine, 1}};
  } catch (const nlohmann::json::parse_error& e) {
    const auto lc = text::lineColAt(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    // nlohmann's text repeats the position ("... at line 3, column 30: "); keep the reason.
    if (const auto p = what.find(": ", what.find("parse error")); p != std::string::npos)
      what = what.substr(p + 2);
    diags.add(Severity::Error, at(origin, lc.line - 1, lc.column), "front-matter-syntax",
              "malformed JSON front matter: " + what);
    return FmValue{FmValue::Kind::Map, {}, {}, {}, {origin.file, origin.firstLine, 1}};
  } catch (const nlohmann::json::exception& e) {
    // Not a syntax error but a value nlohmann cannot hold, such as the number 1e999.
    std::string what = e.what();
    if (const auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    diags.add(Severity::Error, SourcePos{origin.file, origin.firstLine, 1}, "front-matter-syntax",
              "unusable JSON front matter: " + what + "; quote the value as a string");
    return FmValue{FmValue::Kind::Map, {}, {}, {}, {origin.file, origin.firstLine, 1}};
  }
}

bool sameValue(const FmValue& a, const FmValue& b) {
  if (a.kind != b.kind || a.scalar != b.scalar || !(a.pos == b.pos) ||
      a.items.size() != b.items.size() || a.entries.size() != b.entries.size())
    return false;
  for (std::size_t k = 0; k < a.items.size(); ++k)
    if (!sameValue(a.items[k], b.items[k])) return false;
  for (std::size_t k = 0; k < a.entries.size(); ++k) {
    const FmEntry& x = a.entries[k];
    const FmEntry& y = b.entries[k];
    if (x.key != y.key || !(x.keyPos == y.keyPos) || !sameValue(x.value, y.value)) return false;
  }
  return true;
}

}  // namespace guidegraph::parse
