// The evaluation of compiled shapes over a data graph held in Sord.
#include <algorithm>
#include <cctype>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>

#include "guidegraph/ns.hpp"
#include "guidegraph/shacl.hpp"
#include "guidegraph/threads.hpp"
#include "names.hpp"
#include "shapes.hpp"
#include "store.hpp"
#include "xsd.hpp"

namespace guidegraph::shacl {

struct ShapesGraph::Impl {
  detail::Store store;
  detail::CompiledShapes compiled;
};

struct DataGraph::Impl {
  detail::Store store;
};

namespace detail {
namespace {

bool isLiteral(Node n) { return sord_node_get_type(n) == SORD_LITERAL; }
bool isBlank(Node n) { return sord_node_get_type(n) == SORD_BLANK; }
bool isIri(Node n) { return sord_node_get_type(n) == SORD_URI; }

LiteralView viewOf(Node n) {
  LiteralView v;
  v.lexical = str(n);
  if (const char* lang = sord_node_get_language(n); lang != nullptr) v.language = lang;
  if (Node dt = sord_node_get_datatype(n); dt != nullptr) v.datatype = str(dt);
  return v;
}

std::string datatypeOf(Node n) {
  if (const char* lang = sord_node_get_language(n); lang != nullptr && *lang != 0) {
    return ns::rdfLangString;
  }
  Node dt = sord_node_get_datatype(n);
  return dt != nullptr ? str(dt) : ns::xsdString;
}

std::size_t codePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// RFC 4647 basic filtering, as SPARQL's langMatches.
bool languageMatches(std::string_view tag, std::string_view range) {
  if (tag.empty()) return false;
  if (range == "*") return true;
  const std::string t = lower(tag);
  const std::string r = lower(range);
  return t == r || (t.size() > r.size() && t.compare(0, r.size(), r) == 0 && t[r.size()] == '-');
}

const char* nodeKindName(NodeKind k) {
  switch (k) {
    case NodeKind::BlankNode:
      return "a blank node";
    case NodeKind::Iri:
      return "an IRI";
    case NodeKind::Literal:
      return "a literal";
    case NodeKind::BlankNodeOrIri:
      return "a blank node or an IRI";
    case NodeKind::BlankNodeOrLiteral:
      return "a blank node or a literal";
    case NodeKind::IriOrLiteral:
      return "an IRI or a literal";
  }
  return "";
}

bool hasNodeKind(Node v, NodeKind k) {
  switch (k) {
    case NodeKind::BlankNode:
      return isBlank(v);
    case NodeKind::Iri:
      return isIri(v);
    case NodeKind::Literal:
      return isLiteral(v);
    case NodeKind::BlankNodeOrIri:
      return !isLiteral(v);
    case NodeKind::BlankNodeOrLiteral:
      return !isIri(v);
    case NodeKind::IriOrLiteral:
      return !isBlank(v);
  }
  return false;
}

bool contains(const std::vector<Node>& sorted, Node n) {
  return std::binary_search(sorted.begin(), sorted.end(), n, NodeLess{});
}

class Evaluator {
 public:
  Evaluator(const CompiledShapes& cs, const Store& data) : cs_(cs), data_(data) {
    bound_.reserve(cs.constants.size());
    for (const rdf::Term& t : cs.constants) bound_.emplace_back(data.world(), data.newNode(t));
    type_ = NodeRef(data.world(), data.newNode(rdf::Term::iri(ns::rdfType)));
    subClassOf_ = NodeRef(data.world(), data.newNode(rdf::Term::iri(ns::rdfsSubClassOf)));
    for (const auto& [prefix, iri] : data.prefixes()) namer_.add(prefix, iri);
    for (const auto& [prefix, iri] : cs.prefixes) namer_.add(prefix, iri);
    namer_.addStandard();
    // Made here rather than when first needed, so that checking (which may run on several
    // threads, one evaluator each) never adds a node to the store's world.
    // schema.org's name under its old http: namespace too, which older data still uses.
    for (const char* iri : {ns::rdfsLabel, ns::skosPrefLabel, ns::schemaName,
                            "http://schema.org/name", ns::dctermsTitle, ns::foafName}) {
      labelProperties_.emplace_back(data.world(), data.newNode(rdf::Term::iri(iri)));
    }
  }

  // Every (shape, focus node) to check, shape by shape.
  std::vector<std::pair<ShapeId, Node>> work() {
    std::vector<std::pair<ShapeId, Node>> out;
    for (ShapeId id : cs_.targeted) {
      if (cs_.shapes[id].deactivated) continue;
      for (Node focus : focusNodes(cs_.shapes[id])) out.emplace_back(id, focus);
    }
    return out;
  }

  // Checks every `parts`-th item of `work`, from `part` on. Reads the store only, so
  // evaluators over one store can check their parts at once.
  void check(const std::vector<std::pair<ShapeId, Node>>& work, std::size_t part, std::size_t parts,
             std::vector<ValidationResult>* out) {
    for (std::size_t i = part; i < work.size(); i += parts)
      validateFocus(work[i].first, work[i].second, out);
  }

  static void finish(ValidationReport& report) {
    std::sort(report.results.begin(), report.results.end(), resultLess);
    report.conforms = report.results.empty();
  }

 private:
  using Results = std::vector<ValidationResult>;

  static bool resultLess(const ValidationResult& a, const ValidationResult& b) {
    if (a.origin != b.origin) {
      // Results without a position go last.
      const bool ea = a.origin.file.empty() && a.origin.line == 0;
      const bool eb = b.origin.file.empty() && b.origin.line == 0;
      if (ea != eb) return eb;
      return a.origin < b.origin;
    }
    if (auto c = a.focusNode <=> b.focusNode; c != 0) return c < 0;
    if (auto c = a.resultPath <=> b.resultPath; c != 0) return c < 0;
    if (auto c = a.value <=> b.value; c != 0) return c < 0;
    if (auto c = a.sourceShape <=> b.sourceShape; c != 0) return c < 0;
    if (auto c = a.sourceConstraintComponent <=> b.sourceConstraintComponent; c != 0) return c < 0;
    if (auto c = a.severity <=> b.severity; c != 0) return c < 0;
    return std::lexicographical_compare(a.messages.begin(), a.messages.end(), b.messages.begin(),
                                        b.messages.end());
  }

  Node bound(ConstId id) const { return bound_[id].get(); }

  std::string name(Node n) const { return namer_.term(toTerm(n)); }

  const std::set<Node>& subclassesOf(Node cls) {
    auto it = subclasses_.find(cls);
    if (it != subclasses_.end()) return it->second;
    std::set<Node> seen{cls};
    std::vector<Node> todo{cls};
    while (!todo.empty()) {
      Node c = todo.back();
      todo.pop_back();
      for (Node sub : data_.subjects(subClassOf_.get(), c)) {
        if (seen.insert(sub).second) todo.push_back(sub);
      }
    }
    return subclasses_.emplace(cls, std::move(seen)).first->second;
  }

  bool isInstanceOf(Node v, Node cls) {
    if (isLiteral(v)) return false;
    const auto key = std::make_pair(v, cls);
    if (auto it = instanceOf_.find(key); it != instanceOf_.end()) return it->second;
    const bool result = computeInstanceOf(v, cls);
    instanceOf_.emplace(key, result);
    return result;
  }

  bool computeInstanceOf(Node v, Node cls) {
    const std::set<Node>& classes = subclassesOf(cls);
    for (Node t : data_.objects(v, type_.get())) {
      if (classes.count(t) != 0) return true;
    }
    return false;
  }

  std::vector<Node> focusNodes(const Shape& s) {
    std::vector<Node> out;
    for (ConstId n : s.targetNodes) out.push_back(bound(n));
    for (ConstId c : s.targetClasses) {
      for (Node cls : subclassesOf(bound(c))) data_.addSubjects(type_.get(), cls, out);
    }
    for (ConstId p : s.targetSubjectsOf) {
      for (const auto& t : data_.match(nullptr, bound(p), nullptr)) out.push_back(t[0]);
    }
    for (ConstId p : s.targetObjectsOf) {
      for (const auto& t : data_.match(nullptr, bound(p), nullptr)) out.push_back(t[2]);
    }
    // Each focus node once, in the order of their addresses: the order of the work does
    // not show in the report, whose results finish() sorts by every field they have.
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // Values reached from every node of `from` along `path` (backwards if `inverse`).
  std::vector<Node> evalPath(const CompiledPath& path, const std::vector<Node>& from,
                             bool inverse) {
    std::vector<Node> out;
    switch (path.kind) {
      case Path::Kind::Predicate:
        for (Node n : from) {
          const std::vector<Node> step = inverse ? data_.subjects(bound(path.predicate), n)
                                                 : data_.objects(n, bound(path.predicate));
          out.insert(out.end(), step.begin(), step.end());
        }
        break;
      case Path::Kind::Inverse:
        out = evalPath(path.items.front(), from, !inverse);
        break;
      case Path::Kind::Sequence: {
        out = from;
        if (inverse) {
          for (auto it = path.items.rbegin(); it != path.items.rend(); ++it) {
            out = evalPath(*it, out, inverse);
          }
        } else {
          for (const CompiledPath& item : path.items) out = evalPath(item, out, inverse);
        }
        break;
      }
      case Path::Kind::Alternative:
        for (const CompiledPath& item : path.items) {
          const std::vector<Node> step = evalPath(item, from, inverse);
          out.insert(out.end(), step.begin(), step.end());
        }
        break;
      case Path::Kind::ZeroOrOne: {
        out = from;
        const std::vector<Node> step = evalPath(path.items.front(), from, inverse);
        out.insert(out.end(), step.begin(), step.end());
        break;
      }
      case Path::Kind::ZeroOrMore:
      case Path::Kind::OneOrMore:
        // Reachability from a set is the union of reachability from each member; the
        // closure of one start node is cached, since many focus nodes share their values.
        for (Node n : from) {
          const std::vector<Node>& reach = closure(path, n, inverse);
          out.insert(out.end(), reach.begin(), reach.end());
        }
        break;
    }
    sortUnique(out);
    return out;
  }

  // Nodes reached from `start` by path.items[0] one or more times, plus `start` itself for
  // zeroOrMore.
  const std::vector<Node>& closure(const CompiledPath& path, Node start, bool inverse) {
    const auto key = std::make_tuple(&path, start, inverse);
    if (auto it = closures_.find(key); it != closures_.end()) return it->second;
    std::set<Node> seen;
    if (path.kind == Path::Kind::ZeroOrMore) seen.insert(start);
    std::vector<Node> frontier{start};
    while (!frontier.empty()) {
      std::vector<Node> next;
      for (Node n : evalPath(path.items.front(), frontier, inverse)) {
        if (seen.insert(n).second) next.push_back(n);
      }
      frontier = std::move(next);
    }
    std::vector<Node> reach(seen.begin(), seen.end());
    sortUnique(reach);
    return closures_.emplace(key, std::move(reach)).first->second;
  }

  bool conforms(ShapeId id, Node v) { return validateFocus(id, v, nullptr); }

  // Validates one focus node; appends results to `out` if given, else stops at the first
  // failure. Returns whether the node conforms.
  bool validateFocus(ShapeId id, Node focus, Results* out) {
    const Shape& s = cs_.shapes[id];
    if (s.deactivated) return true;
    // SHACL leaves recursive shapes undefined; a shape already being checked for this node
    // is assumed to hold, which makes evaluation terminate.
    const auto key = std::make_pair(id, focus);
    if (std::find(active_.begin(), active_.end(), key) != active_.end()) return true;
    active_.push_back(key);
    const std::vector<Node> values =
        s.compiledPath ? evalPath(*s.compiledPath, {focus}, false) : std::vector<Node>{focus};
    bool ok = true;
    for (const Constraint& c : s.constraints) {
      if (!check(s, c, focus, values, out)) {
        ok = false;
        if (out == nullptr) break;
      }
    }
    active_.pop_back();
    return ok;
  }

  // Records a result (if collecting) and returns false, so checks can `return fail(...)`.
  bool fail(Results* out, const Shape& s, const Constraint& c, Node focus, Node value,
            std::string message, Node predicateOverride = nullptr) {
    if (out == nullptr) return false;
    ValidationResult r;
    r.focusNode = toTerm(focus);
    if (predicateOverride != nullptr) {
      r.resultPath = Path{Path::Kind::Predicate, toTerm(predicateOverride), {}};
    } else if (s.path) {
      r.resultPath = s.path;
    }
    if (value != nullptr) r.value = toTerm(value);
    r.sourceShape = s.id;
    r.sourceConstraintComponent = componentIri(c.component);
    r.severity = s.severity;
    if (!s.messages.empty()) {
      r.messages = s.messages;
    } else {
      r.messages.push_back(rdf::Term::literal(std::move(message)));
    }
    r.origin = originOf(s, focus, value, predicateOverride);
    out->push_back(std::move(r));
    return false;
  }

  SourcePos originOf(const Shape& s, Node focus, Node value, Node predicateOverride) const {
    Node predicate = predicateOverride;
    bool inverse = false;
    if (predicate == nullptr && s.compiledPath) {
      const CompiledPath& p = *s.compiledPath;
      if (p.kind == Path::Kind::Predicate) {
        predicate = bound(p.predicate);
      } else if (p.kind == Path::Kind::Inverse && p.items.front().kind == Path::Kind::Predicate) {
        predicate = bound(p.items.front().predicate);
        inverse = true;
      }
    }
    if (predicate != nullptr && value != nullptr) {
      auto pos = inverse ? data_.originOf(value, predicate, focus)
                         : data_.originOf(focus, predicate, value);
      if (pos) return *pos;
    }
    // No single value to blame (too many values, or a value of the wrong kind elsewhere):
    // point at where the property is written, if it is.
    if (predicate != nullptr && !inverse) {
      if (auto pos = data_.originOfProperty(focus, predicate)) return *pos;
    }
    if (auto pos = data_.originOfSubject(focus)) return *pos;
    return {};
  }

  // "ex:kazfem ("KazFem") 'website' (schema:url)": the focus node with its label from the
  // data, and the property by its sh:name if the shape gives one.
  std::string where(const Shape& s, Node focus) {
    return s.path ? focusName(focus) + " " + property(s) : focusName(focus);
  }

  std::string focusName(Node focus) {
    const std::string label = labelOf(focus);
    return label.empty() ? name(focus) : name(focus) + " (\"" + label + "\")";
  }

  // "'website' (schema:url)" with sh:name, else "schema:url"; "value" for node shapes.
  std::string property(const Shape& s) const {
    if (!s.path) return "value";
    const std::string path = namer_.path(*s.path);
    return s.label.empty() ? path : "'" + s.label + "' (" + path + ")";
  }

  // A human-readable name of a data node, from the usual labelling properties.
  std::string labelOf(Node n) {
    if (isLiteral(n)) return {};
    for (const NodeRef& p : labelProperties_) {
      const std::string label = preferredLiteral(data_.objects(n, p.get()));
      if (!label.empty()) return label;
    }
    return {};
  }

  // The table of components is public for componentIri(); the checks stay private.
 public:
  // One constraint to check: the shape, the focus node and its value nodes, and where
  // results go (nullptr: only whether it holds, stopping at the first failure).
  struct Check {
    const Shape& s;
    const Constraint& c;
    Node focus;
    const std::vector<Node>& values;
    Results* out;
  };
  using CheckFn = bool (Evaluator::*)(const Check&);

  // The check of each constraint component, with the component's IRI: adding a component
  // is an entry here, its check below, and its parameters in shapes.cpp's compiler.
  struct ComponentEntry {
    Component component;
    const char* name;  // sh:<name>ConstraintComponent
    CheckFn check;
  };
  static const ComponentEntry kComponents[];
  static const ComponentEntry& entryFor(Component c);

 private:
  bool check(const Shape& s, const Constraint& c, Node focus, const std::vector<Node>& values,
             Results* out) {
    const Check k{s, c, focus, values, out};
    return (this->*entryFor(c.component).check)(k);
  }

  // Every value must pass; a result for each one that does not.
  template <typename Passes, typename Message>
  bool eachValue(const Check& k, Passes&& passes, Message&& message) {
    bool ok = true;
    for (Node v : k.values) {
      if (!passes(v)) {
        ok = fail(k.out, k.s, k.c, k.focus, v, message(v));
        if (k.out == nullptr) return ok;
      }
    }
    return ok;
  }

  // "value <v> of <focus> <property>": how most messages start.
  std::string valueOf(const Check& k, Node v) {
    return "value " + name(v) + " of " + where(k.s, k.focus);
  }
  // The constraint's parameter as the report writes it.
  std::string param(const Check& k) const { return namer_.term(k.c.parameter); }

  bool checkClass(const Check& k) {
    return eachValue(
        k, [&](Node v) { return isInstanceOf(v, bound(k.c.node)); },
        [&](Node v) {
          return valueOf(k, v) + " is not an instance of " + param(k) + "; give it rdf:type " +
                 param(k) + " (or a subclass)";
        });
  }

  bool checkDatatype(const Check& k) {
    const std::string dt = k.c.parameter.value;
    return eachValue(
        k, [&](Node v) { return isLiteral(v) && datatypeOf(v) == dt && isWellFormed(dt, str(v)); },
        [&](Node v) {
          if (isLiteral(v) && datatypeOf(v) == dt) {
            return valueOf(k, v) + " is not a valid lexical form of " + param(k) +
                   "; correct the value";
          }
          return valueOf(k, v) + " must be a literal of datatype " + param(k);
        });
  }

  bool checkNodeKind(const Check& k) {
    return eachValue(
        k, [&](Node v) { return hasNodeKind(v, k.c.nodeKind); },
        [&](Node v) { return valueOf(k, v) + " must be " + nodeKindName(k.c.nodeKind); });
  }

  bool checkMinCount(const Check& k) {
    if (static_cast<std::int64_t>(k.values.size()) >= k.c.count) return true;
    const std::string prop = property(k.s);
    const std::string need = k.c.count == 1 ? "one" : "at least " + std::to_string(k.c.count);
    return fail(k.out, k.s, k.c, k.focus, nullptr,
                k.values.empty()
                    ? focusName(k.focus) + " has no value for " + prop + "; add " + need
                    : focusName(k.focus) + " has " + std::to_string(k.values.size()) +
                          " value(s) for " + prop + " but needs " + need +
                          "; add the missing ones");
  }

  bool checkMaxCount(const Check& k) {
    if (static_cast<std::int64_t>(k.values.size()) <= k.c.count) return true;
    return fail(k.out, k.s, k.c, k.focus, nullptr,
                focusName(k.focus) + " has " + std::to_string(k.values.size()) + " values for " +
                    property(k.s) + " but at most " + std::to_string(k.c.count) +
                    (k.c.count == 1 ? " is" : " are") + " allowed; remove the extra ones");
  }

  // sh:minExclusive, minInclusive, maxExclusive, maxInclusive: which orderings pass.
  bool checkRange(const Check& k, bool less, bool equal, bool greater, const char* relation) {
    Node b = bound(k.c.node);
    return eachValue(
        k,
        [&](Node v) {
          if (!isLiteral(v) || !isLiteral(b)) return false;
          const std::partial_ordering o = compareLiterals(viewOf(v), viewOf(b));
          return (less && o == std::partial_ordering::less) ||
                 (equal && o == std::partial_ordering::equivalent) ||
                 (greater && o == std::partial_ordering::greater);
        },
        [&](Node v) {
          return valueOf(k, v) + " must be " + relation + " " + param(k) +
                 " (values of different kinds cannot be compared)";
        });
  }
  bool checkMinExclusive(const Check& k) {
    return checkRange(k, false, false, true, "greater than");
  }
  bool checkMinInclusive(const Check& k) { return checkRange(k, false, true, true, "at least"); }
  bool checkMaxExclusive(const Check& k) { return checkRange(k, true, false, false, "less than"); }
  bool checkMaxInclusive(const Check& k) { return checkRange(k, true, true, false, "at most"); }

  bool checkLength(const Check& k, bool isMin) {
    return eachValue(
        k,
        [&](Node v) {
          if (isBlank(v)) return false;
          const auto n = static_cast<std::int64_t>(codePoints(str(v)));
          return isMin ? n >= k.c.count : n <= k.c.count;
        },
        [&](Node v) {
          return valueOf(k, v) + " must have " + (isMin ? "at least " : "at most ") +
                 std::to_string(k.c.count) + " characters";
        });
  }
  bool checkMinLength(const Check& k) { return checkLength(k, true); }
  bool checkMaxLength(const Check& k) { return checkLength(k, false); }

  bool checkPattern(const Check& k) {
    return eachValue(
        k, [&](Node v) { return !isBlank(v) && matches(k.c, str(v)); },
        [&](Node v) { return valueOf(k, v) + " does not match the pattern " + param(k); });
  }

  bool checkLanguageIn(const Check& k) {
    const std::vector<std::string>& ranges = k.c.languages;
    return eachValue(
        k,
        [&](Node v) {
          const char* lang = isLiteral(v) ? sord_node_get_language(v) : nullptr;
          return lang != nullptr &&
                 std::any_of(ranges.begin(), ranges.end(),
                             [&](const std::string& r) { return languageMatches(lang, r); });
        },
        [&](Node v) {
          std::string allowed;
          for (const std::string& l : ranges) allowed += (allowed.empty() ? "" : ", ") + l;
          return valueOf(k, v) + " must have one of the language tags " + allowed;
        });
  }

  bool checkUniqueLang(const Check& k) {
    std::map<std::string, int> seen;
    for (Node v : k.values) {
      const char* lang = isLiteral(v) ? sord_node_get_language(v) : nullptr;
      if (lang != nullptr && *lang != 0) ++seen[lower(lang)];
    }
    bool ok = true;
    for (const auto& [lang, n] : seen) {
      if (n <= 1) continue;
      ok = fail(k.out, k.s, k.c, k.focus, nullptr,
                where(k.s, k.focus) + " has " + std::to_string(n) + " values with language tag \"" +
                    lang + "\"; keep one per language");
      if (k.out == nullptr) break;
    }
    return ok;
  }

  bool checkEquals(const Check& k) {
    const std::vector<Node> other = data_.objects(k.focus, bound(k.c.node));
    bool ok = eachValue(
        k, [&](Node v) { return contains(other, v); },
        [&](Node v) { return valueOf(k, v) + " is missing from " + param(k); });
    if (!ok && k.out == nullptr) return false;
    for (Node w : other) {
      if (contains(k.values, w)) continue;
      ok = fail(k.out, k.s, k.c, k.focus, w,
                "value " + name(w) + " of " + name(k.focus) + " " + param(k) +
                    " is missing from the values of " + where(k.s, k.focus));
      if (k.out == nullptr) break;
    }
    return ok;
  }

  bool checkDisjoint(const Check& k) {
    const std::vector<Node> other = data_.objects(k.focus, bound(k.c.node));
    return eachValue(
        k, [&](Node v) { return !contains(other, v); },
        [&](Node v) { return valueOf(k, v) + " must not also be a value of " + param(k); });
  }

  bool checkLessThan(const Check& k, bool orEqual) {
    const std::vector<Node> other = data_.objects(k.focus, bound(k.c.node));
    bool ok = true;
    for (Node v : k.values) {
      for (Node w : other) {
        std::partial_ordering o = std::partial_ordering::unordered;
        if (isLiteral(v) && isLiteral(w)) o = compareLiterals(viewOf(v), viewOf(w));
        if (o == std::partial_ordering::less ||
            (orEqual && o == std::partial_ordering::equivalent)) {
          continue;
        }
        ok = fail(k.out, k.s, k.c, k.focus, v,
                  valueOf(k, v) + " must be " + (orEqual ? "at most" : "less than") + " " +
                      name(w) + " (" + param(k) + ")");
        if (k.out == nullptr) return false;
      }
    }
    return ok;
  }
  bool checkLessThanOnly(const Check& k) { return checkLessThan(k, false); }
  bool checkLessThanOrEquals(const Check& k) { return checkLessThan(k, true); }

  bool checkNot(const Check& k) {
    return eachValue(
        k, [&](Node v) { return !conforms(k.c.shapes.front(), v); },
        [&](Node v) { return valueOf(k, v) + " must not conform to " + param(k); });
  }

  // How many of the constraint's shapes `v` conforms to, up to `enough`.
  std::size_t conformingShapes(const Check& k, Node v, std::size_t enough) {
    std::size_t n = 0;
    for (ShapeId id : k.c.shapes) {
      if (conforms(id, v) && ++n >= enough) break;
    }
    return n;
  }

  bool checkAnd(const Check& k) {
    return eachValue(
        k,
        [&](Node v) {
          return std::all_of(k.c.shapes.begin(), k.c.shapes.end(),
                             [&](ShapeId id) { return conforms(id, v); });
        },
        [&](Node v) { return valueOf(k, v) + " must conform to all shapes of sh:and"; });
  }

  bool checkOr(const Check& k) {
    return eachValue(
        k,
        [&](Node v) {
          return std::any_of(k.c.shapes.begin(), k.c.shapes.end(),
                             [&](ShapeId id) { return conforms(id, v); });
        },
        [&](Node v) { return valueOf(k, v) + " must conform to at least one shape of sh:or"; });
  }

  bool checkXone(const Check& k) {
    return eachValue(
        k,
        [&](Node v) {
          return std::count_if(k.c.shapes.begin(), k.c.shapes.end(),
                               [&](ShapeId id) { return conforms(id, v); }) == 1;
        },
        [&](Node v) { return valueOf(k, v) + " must conform to exactly one shape of sh:xone"; });
  }

  bool checkNode(const Check& k) {
    return eachValue(
        k, [&](Node v) { return conforms(k.c.shapes.front(), v); },
        [&](Node v) { return valueOf(k, v) + " does not conform to shape " + param(k); });
  }

  bool checkProperty(const Check& k) {
    bool ok = true;
    for (Node v : k.values) {
      if (!validateFocus(k.c.shapes.front(), v, k.out)) {
        ok = false;
        if (k.out == nullptr) break;
      }
    }
    return ok;
  }

  bool checkQualified(const Check& k, bool isMin) {
    std::int64_t n = 0;
    for (Node v : k.values) {
      if (!conforms(k.c.shapes.front(), v)) continue;
      if (std::any_of(k.c.siblings.begin(), k.c.siblings.end(),
                      [&](ShapeId id) { return conforms(id, v); })) {
        continue;
      }
      ++n;
    }
    if (isMin ? n >= k.c.count : n <= k.c.count) return true;
    return fail(k.out, k.s, k.c, k.focus, nullptr,
                where(k.s, k.focus) + " has " + std::to_string(n) +
                    " value(s) conforming to the qualified value shape" +
                    shapeName(cs_.shapes[k.c.shapes.front()].id) + " but needs " +
                    (isMin ? "at least " : "at most ") + std::to_string(k.c.count));
  }
  bool checkQualifiedMinCount(const Check& k) { return checkQualified(k, true); }
  bool checkQualifiedMaxCount(const Check& k) { return checkQualified(k, false); }

  // The constraint's constants (sh:in members, a closed shape's properties), sorted.
  std::vector<Node> boundNodes(const Check& k) {
    std::vector<Node> nodes;
    for (ConstId id : k.c.nodes) nodes.push_back(bound(id));
    sortUnique(nodes);
    return nodes;
  }

  bool checkClosed(const Check& k) {
    const std::vector<Node> allowed = boundNodes(k);
    bool ok = true;
    for (Node v : k.values) {
      if (isLiteral(v)) continue;
      for (const auto& [p, o] : data_.outgoing(v)) {
        if (contains(allowed, p)) continue;
        ok = fail(k.out, k.s, k.c, k.focus, o,
                  name(v) + " uses property " + name(p) + ", which the closed shape" +
                      shapeName(k.s.id) + " does not allow; remove it or declare it",
                  p);
        if (k.out == nullptr) return false;
      }
    }
    return ok;
  }

  bool checkHasValue(const Check& k) {
    if (contains(k.values, bound(k.c.node))) return true;
    return fail(k.out, k.s, k.c, k.focus, nullptr,
                where(k.s, k.focus) + " must have the value " + param(k));
  }

  bool checkIn(const Check& k) {
    const std::vector<Node> allowed = boundNodes(k);
    return eachValue(
        k, [&](Node v) { return contains(allowed, v); },
        [&](Node v) {
          std::string list;
          for (Node a : allowed) list += (list.empty() ? "" : ", ") + name(a);
          return valueOf(k, v) + " must be one of " + list;
        });
  }

  static bool matches(const Constraint& c, const char* text) {
    std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data(
        pcre2_match_data_create_from_pattern(c.regex.get(), nullptr), &pcre2_match_data_free);
    const int rc = pcre2_match(c.regex.get(), reinterpret_cast<PCRE2_SPTR>(text),
                               PCRE2_ZERO_TERMINATED, 0, 0, data.get(), nullptr);
    return rc >= 0;
  }

  // " ex:Shape" for a named shape, "" for a blank one (its label means nothing to a reader).
  std::string shapeName(const rdf::Term& shape) const {
    return shape.isBlank() ? std::string() : " " + namer_.term(shape);
  }

  const CompiledShapes& cs_;
  const Store& data_;
  Namer namer_;
  std::vector<NodeRef> bound_;
  NodeRef type_;
  NodeRef subClassOf_;
  std::map<Node, std::set<Node>> subclasses_;
  // The (shape, focus node) pairs being checked, innermost last: a few at most.
  std::vector<std::pair<ShapeId, Node>> active_;
  std::map<std::pair<Node, Node>, bool> instanceOf_;
  std::vector<NodeRef> labelProperties_;
  std::map<std::tuple<const CompiledPath*, Node, bool>, std::vector<Node>> closures_;
};

const Evaluator::ComponentEntry Evaluator::kComponents[] = {
    {Component::Class, "Class", &Evaluator::checkClass},
    {Component::Datatype, "Datatype", &Evaluator::checkDatatype},
    {Component::NodeKind, "NodeKind", &Evaluator::checkNodeKind},
    {Component::MinCount, "MinCount", &Evaluator::checkMinCount},
    {Component::MaxCount, "MaxCount", &Evaluator::checkMaxCount},
    {Component::MinExclusive, "MinExclusive", &Evaluator::checkMinExclusive},
    {Component::MinInclusive, "MinInclusive", &Evaluator::checkMinInclusive},
    {Component::MaxExclusive, "MaxExclusive", &Evaluator::checkMaxExclusive},
    {Component::MaxInclusive, "MaxInclusive", &Evaluator::checkMaxInclusive},
    {Component::MinLength, "MinLength", &Evaluator::checkMinLength},
    {Component::MaxLength, "MaxLength", &Evaluator::checkMaxLength},
    {Component::Pattern, "Pattern", &Evaluator::checkPattern},
    {Component::LanguageIn, "LanguageIn", &Evaluator::checkLanguageIn},
    {Component::UniqueLang, "UniqueLang", &Evaluator::checkUniqueLang},
    {Component::Equals, "Equals", &Evaluator::checkEquals},
    {Component::Disjoint, "Disjoint", &Evaluator::checkDisjoint},
    {Component::LessThan, "LessThan", &Evaluator::checkLessThanOnly},
    {Component::LessThanOrEquals, "LessThanOrEquals", &Evaluator::checkLessThanOrEquals},
    {Component::Not, "Not", &Evaluator::checkNot},
    {Component::And, "And", &Evaluator::checkAnd},
    {Component::Or, "Or", &Evaluator::checkOr},
    {Component::Xone, "Xone", &Evaluator::checkXone},
    {Component::Node, "Node", &Evaluator::checkNode},
    {Component::QualifiedMinCount, "QualifiedMinCount", &Evaluator::checkQualifiedMinCount},
    {Component::QualifiedMaxCount, "QualifiedMaxCount", &Evaluator::checkQualifiedMaxCount},
    {Component::Closed, "Closed", &Evaluator::checkClosed},
    {Component::HasValue, "HasValue", &Evaluator::checkHasValue},
    {Component::In, "In", &Evaluator::checkIn},
    {Component::Property, "Property", &Evaluator::checkProperty},
};

// The table's entry for `c`, found through an index made once (the table may list the
// components in any order; a component without an entry is a bug caught on first use).
const Evaluator::ComponentEntry& Evaluator::entryFor(Component c) {
  static const std::vector<const ComponentEntry*> index = [] {
    std::vector<const ComponentEntry*> byComponent;
    for (const ComponentEntry& e : kComponents) {
      const auto i = static_cast<std::size_t>(e.component);
      if (byComponent.size() <= i) byComponent.resize(i + 1, nullptr);
      byComponent[i] = &e;
    }
    return byComponent;
  }();
  const auto i = static_cast<std::size_t>(c);
  if (i >= index.size() || index[i] == nullptr) {
    throw std::logic_error("SHACL component " + std::to_string(i) + " has no entry in kComponents");
  }
  return *index[i];
}

}  // namespace

std::string componentIri(Component c) {
  return std::string(ns::sh) + Evaluator::entryFor(c).name + "ConstraintComponent";
}

}  // namespace detail

class Validator {
 public:
  static ValidationReport run(const ShapesGraph& shapes, const DataGraph& data, unsigned threads) {
    const detail::CompiledShapes& cs = shapes.impl_->compiled;
    const detail::Store& store = data.impl_->store;
    threads = threadCount(threads);
    // A store read from files reads positions again when the first report needs one; that
    // read changes the store, so such a store is checked on one thread.
    if (store.readsPending()) threads = 1;
    // One evaluator a thread (each keeps its own caches), made here one after the other:
    // making one adds nodes to the store's world.
    std::vector<std::unique_ptr<detail::Evaluator>> evaluators;
    for (unsigned t = 0; t < threads; ++t)
      evaluators.push_back(std::make_unique<detail::Evaluator>(cs, store));
    const auto work = evaluators.front()->work();
    std::vector<std::vector<ValidationResult>> results(threads);
    {
      std::vector<std::future<void>> others;
      for (unsigned t = 1; t < threads; ++t) {
        others.push_back(std::async(
            std::launch::async, [&, t] { evaluators[t]->check(work, t, threads, &results[t]); }));
      }
      evaluators.front()->check(work, 0, threads, &results.front());
      for (auto& f : others) f.get();
    }
    ValidationReport report;
    for (auto& part : results) {
      report.results.insert(report.results.end(), std::make_move_iterator(part.begin()),
                            std::make_move_iterator(part.end()));
    }
    detail::Evaluator::finish(report);
    return report;
  }
  static std::size_t shapeCount(const ShapesGraph& s) { return s.impl_->compiled.shapes.size(); }
  static std::size_t tripleCount(const DataGraph& d) { return d.impl_->store.size(); }
};

namespace {
std::string blankPrefixFor(std::size_t index, std::size_t count) {
  // One file keeps its labels (so a report can be compared with the file); several files
  // get one prefix each so their blank nodes stay apart.
  return count > 1 ? "f" + std::to_string(index) + "_" : "";
}
}  // namespace

ShapesGraph::ShapesGraph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ShapesGraph::ShapesGraph(ShapesGraph&&) noexcept = default;
ShapesGraph& ShapesGraph::operator=(ShapesGraph&&) noexcept = default;
ShapesGraph::~ShapesGraph() = default;

ShapesGraph ShapesGraph::fromFiles(const std::vector<std::string>& paths, Diagnostics& diags) {
  auto impl = std::make_unique<Impl>();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    (void)impl->store.loadFile(paths[i], blankPrefixFor(i, paths.size()), diags);
  }
  impl->compiled = detail::compileShapes(impl->store, diags);
  return ShapesGraph(std::move(impl));
}

ShapesGraph ShapesGraph::fromDataset(const rdf::Dataset& dataset, Diagnostics& diags) {
  auto impl = std::make_unique<Impl>();
  impl->store.addDataset(dataset);
  impl->compiled = detail::compileShapes(impl->store, diags);
  return ShapesGraph(std::move(impl));
}

ShapesGraph ShapesGraph::fromTurtle(const std::string& turtle, const std::string& name,
                                    Diagnostics& diags) {
  auto impl = std::make_unique<Impl>();
  (void)impl->store.loadText(turtle, name, detail::fileIri(name), "", diags);
  impl->compiled = detail::compileShapes(impl->store, diags);
  return ShapesGraph(std::move(impl));
}

std::size_t ShapesGraph::shapeCount() const { return Validator::shapeCount(*this); }

DataGraph::DataGraph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DataGraph::DataGraph(DataGraph&&) noexcept = default;
DataGraph& DataGraph::operator=(DataGraph&&) noexcept = default;
DataGraph::~DataGraph() = default;

DataGraph DataGraph::fromFiles(const std::vector<std::string>& paths, Diagnostics& diags) {
  auto impl = std::make_unique<Impl>();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    (void)impl->store.loadFile(paths[i], blankPrefixFor(i, paths.size()), diags);
  }
  return DataGraph(std::move(impl));
}

DataGraph DataGraph::fromDataset(const rdf::Dataset& dataset) {
  auto impl = std::make_unique<Impl>();
  impl->store.addDataset(dataset);
  return DataGraph(std::move(impl));
}

DataGraph DataGraph::fromTurtle(const std::string& turtle, const std::string& name,
                                Diagnostics& diags) {
  auto impl = std::make_unique<Impl>();
  (void)impl->store.loadText(turtle, name, detail::fileIri(name), "", diags);
  return DataGraph(std::move(impl));
}

std::size_t DataGraph::tripleCount() const { return Validator::tripleCount(*this); }

ValidationReport validate(const ShapesGraph& shapes, const DataGraph& data, unsigned threads) {
  return Validator::run(shapes, data, threads);
}

}  // namespace guidegraph::shacl
