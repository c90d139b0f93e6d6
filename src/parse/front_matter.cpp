#include "front_matter.hpp"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
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

// nlohmann::json keeps no positions; find a key's position by its first quoted occurrence
// at or after `from` in the text.
SourcePos findJsonKey(std::string_view text, const std::string& key, std::size_t& from,
                      const TextOrigin& origin) {
  const std::string quoted = nlohmann::json(key).dump();
  const std::size_t found = text.find(quoted, from);
  if (found == std::string_view::npos) return SourcePos{origin.file, origin.firstLine, 1};
  from = found + quoted.size();
  const auto lc = text::lineColAt(text, found);
  return at(origin, lc.line - 1, lc.column);
}

FmValue convertJson(const nlohmann::json& j, SourcePos pos, std::string_view text,
                    std::size_t& cursor, const TextOrigin& origin) {
  FmValue v;
  v.pos = pos;
  if (j.is_object()) {
    v.kind = FmValue::Kind::Map;
    for (auto it = j.begin(); it != j.end(); ++it) {
      FmEntry e;
      e.key = it.key();
      e.keyPos = findJsonKey(text, e.key, cursor, origin);
      e.value = convertJson(it.value(), e.keyPos, text, cursor, origin);
      v.entries.push_back(std::move(e));
    }
  } else if (j.is_array()) {
    v.kind = FmValue::Kind::List;
    for (const auto& item : j) v.items.push_back(convertJson(item, pos, text, cursor, origin));
  } else if (j.is_null()) {
    v.kind = FmValue::Kind::Null;
  } else {
    v.kind = FmValue::Kind::Scalar;
    v.scalar = j.is_string() ? j.get<std::string>() : j.dump();
  }
  return v;
}

}  // namespace

FmValue parseYamlFrontMatter(std::string_view text, TextOrigin origin, const ParseLimits& limits,
                             Diagnostics& diags) {
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
    return convertToml(table, origin);
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
    // nlohmann::json keeps the last of two equal keys silently; report the second instead.
    std::vector<std::set<std::string>> keysPerObject;
    std::vector<std::string> duplicates;
    const nlohmann::json::parser_callback_t watchKeys =
        [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          using Event = nlohmann::json::parse_event_t;
          if ((event == Event::object_start || event == Event::array_start) &&
              static_cast<unsigned>(depth) > maxDepth)
            throw TooDeep{};
          if (event == Event::object_start) keysPerObject.emplace_back();
          if (event == Event::object_end && !keysPerObject.empty()) keysPerObject.pop_back();
          if (event == Event::key && !keysPerObject.empty() &&
              !keysPerObject.back().insert(parsed.get<std::string>()).second) {
            duplicates.push_back(parsed.get<std::string>());
          }
          return true;
        };
    const auto j = nlohmann::json::parse(text, watchKeys);
    for (const auto& key : duplicates) {
      std::size_t from = 0;
      findJsonKey(text, key, from, origin);
      const SourcePos second = findJsonKey(text, key, from, origin);
      diags.add(Severity::Error, second, "front-matter-duplicate-key",
                "duplicate front matter key '" + key + "'; keep only one");
    }
    std::size_t cursor = 0;
    FmValue v = convertJson(j, SourcePos{origin.file, origin.firstLine, 1}, text, cursor, origin);
    if (!v.isMap()) {
      diags.add(Severity::Error, v.pos, "front-matter-not-a-map",
                "JSON front matter must be an object `{ \"key\": value, ... }`");
      return FmValue{FmValue::Kind::Map, {}, {}, {}, {origin.file, origin.firstLine, 1}};
    }
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

}  // namespace guidegraph::parse
