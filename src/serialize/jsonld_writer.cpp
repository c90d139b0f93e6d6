// JSON-LD 1.1 writer. Each node object is built as a nlohmann::json value and dumped, one
// top-level item at a time, in the layout of a dump of the whole document; only the frame
// around the items ({"@context": ..., "@graph": [ ... ]}) is written by hand. Compaction uses
// the term definitions of vocab/context.jsonld (compiled in), choosing a term only when its
// type coercion fits the value exactly, so that expanding the output gives back the very
// same triples.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <stdexcept>
#include <utility>

#include "guidegraph/ns.hpp"
#include "guidegraph/serialize.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph::serialize {

extern const char* const kJsonLdContextText;  // generated from vocab/context.jsonld

namespace {

using nlohmann::json;

constexpr std::string_view kXsdString = ns::xsdString;
constexpr std::string_view kRdfType = ns::rdfType;

// What the context says: prefixes, and terms keyed by (property IRI, coercion) where the
// coercion is "" (none), "@id", or a datatype IRI.
class Context {
 public:
  static const Context& instance() {
    static const Context context;
    return context;
  }

  [[nodiscard]] const json& document() const { return document_; }

  [[nodiscard]] const std::string* term(const std::string& property,
                                        const std::string& coercion) const {
    const auto it = terms_.find({property, coercion});
    return it == terms_.end() ? nullptr : &it->second;
  }

  // A compact IRI "prefix:local" when a prefix fits, else the IRI itself.
  [[nodiscard]] std::string compactIri(const std::string& iri) const {
    const std::pair<const std::string, std::string>* best = nullptr;
    for (const auto& p : prefixes_) {
      if (iri.size() > p.second.size() && iri.compare(0, p.second.size(), p.second) == 0 &&
          (!best || p.second.size() > best->second.size())) {
        best = &p;
      }
    }
    if (!best) return iri;
    const std::string local = iri.substr(best->second.size());
    if (local.starts_with("//")) return iri;  // would read as an absolute IRI
    return best->first + ":" + local;
  }

 private:
  Context() {
    document_ = json::parse(kJsonLdContextText);
    const json& ctx = document_.at("@context");
    // Prefixes first: term definitions refer to them.
    for (const auto& [key, value] : ctx.items()) {
      if (key.starts_with("@") || !value.is_string()) continue;
      const std::string v = value.get<std::string>();
      if (!v.empty() && (v.back() == '/' || v.back() == '#')) prefixes_.emplace(key, v);
    }
    for (const auto& [key, value] : ctx.items()) {
      if (key.starts_with("@") || prefixes_.contains(key)) continue;
      std::string id;
      std::string coercion;
      if (value.is_string()) {
        id = expand(value.get<std::string>());
      } else if (value.is_object()) {
        id = expand(value.at("@id").get<std::string>());
        if (value.contains("@type")) {
          const std::string t = value.at("@type").get<std::string>();
          coercion = t == "@id" ? t : expand(t);
        }
      } else {
        continue;
      }
      terms_.emplace(std::make_pair(id, coercion), key);  // first (sorted) name wins
    }
  }

  [[nodiscard]] std::string expand(const std::string& curie) const {
    const auto colon = curie.find(':');
    if (colon == std::string::npos)
      throw std::logic_error("vocab/context.jsonld: '" + curie + "' is not an IRI");
    const auto it = prefixes_.find(curie.substr(0, colon));
    return it == prefixes_.end() ? curie : it->second + curie.substr(colon + 1);
  }

  json document_;
  std::map<std::string, std::string> prefixes_;
  std::map<std::pair<std::string, std::string>, std::string> terms_;
};

std::string nodeId(const rdf::Term& t) { return t.isBlank() ? "_:" + t.value : t.value.str(); }

class Builder {
 public:
  explicit Builder(const JsonLdOptions& options) : options_(options), ctx_(Context::instance()) {}

  // Calls `f` with the node object of each subject, in order.
  template <typename F>
  void forEachNode(const std::vector<const rdf::Triple*>& triples, F&& f) const {
    // Consecutive triples share a subject: the input is sorted by tripleLess.
    std::size_t i = 0;
    while (i < triples.size()) {
      std::size_t j = i;
      while (j < triples.size() && triples[j]->subject == triples[i]->subject) ++j;
      f(node(triples, i, j));
      i = j;
    }
  }

  json graphNodes(const std::vector<const rdf::Triple*>& triples) const {
    json nodes = json::array();
    forEachNode(triples, [&](json n) { nodes.push_back(std::move(n)); });
    return nodes;
  }

  [[nodiscard]] bool expanded() const { return options_.form == JsonLdForm::Expanded; }

 private:
  json node(const std::vector<const rdf::Triple*>& triples, std::size_t from,
            std::size_t to) const {
    json n = json::object();
    n["@id"] = nodeId(triples[from]->subject);
    // property key -> values, in triple order
    std::map<std::string, json> properties;
    json types = json::array();
    for (std::size_t k = from; k < to; ++k) {
      const rdf::Triple& t = *triples[k];
      if (t.predicate.value == kRdfType && !t.object.isLiteral()) {
        types.push_back(expanded() || t.object.isBlank() ? nodeId(t.object)
                                                         : ctx_.compactIri(t.object.value));
        continue;
      }
      auto [key, value] = expanded() ? expandedValue(t) : compactValue(t);
      auto& slot = properties[key];
      if (slot.is_null()) slot = json::array();
      slot.push_back(std::move(value));
    }
    if (!types.empty()) n["@type"] = (types.size() == 1 && !arraysAlways()) ? types.front() : types;
    for (auto& [key, values] : properties) {
      n[key] = (values.size() == 1 && !arraysAlways()) ? values.front() : values;
    }
    return n;
  }

  [[nodiscard]] bool arraysAlways() const { return options_.form != JsonLdForm::Compact; }

  static json literalObject(const rdf::Term& o, const std::string& datatype) {
    json v = json::object();
    v["@value"] = o.value;
    if (!o.language.empty())
      v["@language"] = o.language;
    else if (!datatype.empty())
      v["@type"] = datatype;
    return v;
  }

  static bool plainString(const rdf::Term& o) {
    return o.language.empty() && (o.datatype.empty() || o.datatype == kXsdString);
  }

  std::pair<std::string, json> expandedValue(const rdf::Triple& t) const {
    const rdf::Term& o = t.object;
    if (!o.isLiteral()) return {t.predicate.value, json{{"@id", nodeId(o)}}};
    return {t.predicate.value, literalObject(o, plainString(o) ? std::string() : o.datatype.str())};
  }

  std::pair<std::string, json> compactValue(const rdf::Triple& t) const {
    const std::string& p = t.predicate.value;
    const rdf::Term& o = t.object;
    const std::string* untyped = ctx_.term(p, "");
    if (!o.isLiteral()) {
      if (const std::string* term = ctx_.term(p, "@id")) return {*term, nodeId(o)};
      return {untyped ? *untyped : ctx_.compactIri(p), json{{"@id", nodeId(o)}}};
    }
    if (plainString(o)) {
      if (untyped) return {*untyped, o.value};
      return {ctx_.compactIri(p), o.value};
    }
    if (o.language.empty()) {
      if (const std::string* term = ctx_.term(p, o.datatype)) return {*term, o.value};
    }
    return {untyped ? *untyped : ctx_.compactIri(p), literalObject(o, ctx_.compactIri(o.datatype))};
  }

  const JsonLdOptions& options_;
  const Context& ctx_;
};

bool sameStatement(const rdf::Triple& a, const rdf::Triple& b, bool withGraph) {
  return a.subject == b.subject && a.predicate == b.predicate && a.object == b.object &&
         (!withGraph || a.graph == b.graph);
}

// Escapes characters that would end or confuse an HTML <script> element. They only ever
// occur inside JSON strings, where \uXXXX means the same character.
std::string htmlSafe(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::optional<JsonLdForm> parseJsonLdForm(std::string_view name) {
  if (name == "compact" || name == "compacted") return JsonLdForm::Compact;
  if (name == "expanded") return JsonLdForm::Expanded;
  if (name == "flattened") return JsonLdForm::Flattened;
  return std::nullopt;
}

const std::string& jsonLdContextText() {
  static const std::string text(kJsonLdContextText);
  return text;
}

std::string writeJsonLd(const rdf::Dataset& data, const JsonLdOptions& options, std::ostream& out) {
  // graph name ("" for the default graph) -> its triples in tripleLess order, deduplicated.
  std::map<std::string, std::vector<const rdf::Triple*>> graphs;
  {
    std::vector<const rdf::Triple*> all;
    all.reserve(data.triples.size());
    for (const auto& t : data.triples) all.push_back(&t);
    const auto less = [](const rdf::Triple* a, const rdf::Triple* b) {
      return rdf::tripleLess(*a, *b);
    };
    // A normalized dataset is already in this order.
    if (!std::is_sorted(all.begin(), all.end(), less))
      std::stable_sort(all.begin(), all.end(), less);
    for (const rdf::Triple* t : all) {
      auto& list = graphs[options.namedGraphs ? t->graph.str() : std::string()];
      if (!list.empty() && sameStatement(*list.back(), *t, false)) continue;
      list.push_back(t);
    }
  }
  // Written one top-level item (a node, or a page's named graph) at a time, in the layout
  // of nlohmann's dump(2) of the whole document, so the document is never all in memory.
  // A nested value is indented by adding its depth's spaces after every line break
  // (strings hold no raw line breaks: JSON escapes them).
  const auto dumped = [&](const json& value, const std::string& indent) {
    std::string text = value.dump(2, ' ', false, json::error_handler_t::strict);
    std::string indented;
    indented.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
      indented += c;
      if (c == '\n') indented += indent;
    }
    return options.htmlSafe ? htmlSafe(indented) : indented;
  };
  // JSON needs valid UTF-8, and a stream cannot take back what was written: check first.
  for (const rdf::Triple& t : data.triples) {
    for (const Atom* text : {&t.subject.value, &t.predicate.value, &t.object.value,
                             &t.object.datatype, &t.object.language, &t.graph}) {
      if (const auto bad = text::findInvalidUtf8(text->str())) {
        return "cannot write JSON-LD: the value starting '" +
               text->substr(0, std::min<std::size_t>(*bad, 60)) + "' has a byte at offset " +
               std::to_string(*bad) + " that is not UTF-8; fix its source";
      }
    }
  }
  try {
    const Builder builder(options);
    const bool bare = builder.expanded();  // the document is the array itself
    const std::string itemIndent = bare ? "  " : "    ";
    const std::string closeIndent = bare ? "" : "  ";
    if (!bare) {
      out << "{\n  \"@context\": " << dumped(Context::instance().document().at("@context"), "  ")
          << ",\n  \"@graph\": ";
    }
    bool any = false;
    const auto emit = [&](const json& item) {
      out << (any ? ",\n" : "[\n") << itemIndent << dumped(item, itemIndent);
      any = true;
    };
    for (const auto& [name, triples] : graphs) {
      if (name.empty()) {
        builder.forEachNode(triples, emit);
      } else {
        json g = json::object();
        g["@id"] = name;
        g["@graph"] = builder.graphNodes(triples);
        emit(g);
      }
    }
    out << (any ? "\n" + closeIndent + "]" : std::string("[]"));
    if (!bare) out << "\n}";
    out << '\n';
  } catch (const json::exception& e) {
    return std::string("cannot write JSON-LD: ") + e.what() + " (is every value valid UTF-8?)";
  }
  out.flush();
  if (!out) return "cannot write the output (disk full?)";
  return {};
}

}  // namespace guidegraph::serialize
