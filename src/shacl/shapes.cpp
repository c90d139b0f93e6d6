#include "shapes.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "guidegraph/ns.hpp"
#include "names.hpp"

namespace guidegraph::shacl::detail {
namespace {

constexpr std::string_view kSh = ns::sh;
constexpr std::string_view kRdf = ns::rdf;
constexpr std::string_view kRdfs = ns::rdfs;

std::string sh(std::string_view local) { return std::string(kSh) + std::string(local); }

// The shapes-graph nodes of the SHACL vocabulary the compiler reads.
struct Vocab {
  explicit Vocab(const Store& g)
      : type(g.iri(std::string(kRdf) + "type")),
        first(g.iri(std::string(kRdf) + "first")),
        subClassOf(g.iri(std::string(kRdfs) + "subClassOf")),
        rdfsClass(g.iri(std::string(kRdfs) + "Class")),
        nodeShape(g.iri(sh("NodeShape"))),
        propertyShape(g.iri(sh("PropertyShape"))),
        targetNode(g.iri(sh("targetNode"))),
        targetClass(g.iri(sh("targetClass"))),
        targetSubjectsOf(g.iri(sh("targetSubjectsOf"))),
        targetObjectsOf(g.iri(sh("targetObjectsOf"))),
        path(g.iri(sh("path"))),
        inversePath(g.iri(sh("inversePath"))),
        alternativePath(g.iri(sh("alternativePath"))),
        zeroOrMorePath(g.iri(sh("zeroOrMorePath"))),
        oneOrMorePath(g.iri(sh("oneOrMorePath"))),
        zeroOrOnePath(g.iri(sh("zeroOrOnePath"))),
        deactivated(g.iri(sh("deactivated"))),
        severity(g.iri(sh("severity"))),
        message(g.iri(sh("message"))),
        property(g.iri(sh("property"))),
        qualifiedValueShape(g.iri(sh("qualifiedValueShape"))),
        qualifiedMinCount(g.iri(sh("qualifiedMinCount"))),
        qualifiedMaxCount(g.iri(sh("qualifiedMaxCount"))),
        qualifiedValueShapesDisjoint(g.iri(sh("qualifiedValueShapesDisjoint"))),
        flags(g.iri(sh("flags"))),
        ignoredProperties(g.iri(sh("ignoredProperties"))) {}

  Node type, first, subClassOf, rdfsClass, nodeShape, propertyShape;
  Node targetNode, targetClass, targetSubjectsOf, targetObjectsOf;
  Node path, inversePath, alternativePath, zeroOrMorePath, oneOrMorePath, zeroOrOnePath;
  Node deactivated, severity, message, property;
  Node qualifiedValueShape, qualifiedMinCount, qualifiedMaxCount, qualifiedValueShapesDisjoint;
  Node flags, ignoredProperties;
};

// Only "true"^^xsd:boolean switches a boolean parameter on (the suite's uniqueLang-002
// checks that "1"^^xsd:boolean does not).
bool isTrue(Node n) {
  if (n == nullptr || sord_node_get_type(n) != SORD_LITERAL) return false;
  Node dt = sord_node_get_datatype(n);
  return dt != nullptr &&
         std::string_view(reinterpret_cast<const char*>(sord_node_get_string(dt))) ==
             ns::xsdBoolean &&
         std::string_view(reinterpret_cast<const char*>(sord_node_get_string(n))) == "true";
}

std::optional<std::int64_t> integerOf(Node n) {
  if (n == nullptr || sord_node_get_type(n) != SORD_LITERAL) return std::nullopt;
  const std::string lex = reinterpret_cast<const char*>(sord_node_get_string(n));
  if (lex.empty()) return std::nullopt;
  std::size_t i = (lex[0] == '+' || lex[0] == '-') ? 1 : 0;
  if (i == lex.size() || lex.size() > 18) return std::nullopt;
  for (std::size_t k = i; k < lex.size(); ++k) {
    if (lex[k] < '0' || lex[k] > '9') return std::nullopt;
  }
  return std::stoll(lex);
}

std::optional<Path> parsePathAt(const Store& g, const Vocab& v, Node node, int depth) {
  if (node == nullptr || depth > 64) return std::nullopt;
  if (sord_node_get_type(node) == SORD_URI) {
    return Path{Path::Kind::Predicate, toTerm(node), {}};
  }
  if (sord_node_get_type(node) != SORD_BLANK) return std::nullopt;
  auto listPath = [&](Node head, Path::Kind kind) -> std::optional<Path> {
    std::vector<Node> members;
    if (!g.list(head, members) || members.size() < 2) return std::nullopt;
    Path p{kind, {}, {}};
    for (Node m : members) {
      auto item = parsePathAt(g, v, m, depth + 1);
      if (!item) return std::nullopt;
      p.items.push_back(std::move(*item));
    }
    return p;
  };
  // A list is a sequence path, whatever else the node carries.
  if (!g.objects(node, v.first).empty()) return listPath(node, Path::Kind::Sequence);
  auto unary = [&](Node p, Path::Kind kind) -> std::optional<Path> {
    std::vector<Node> values = g.objects(node, p);
    if (values.size() != 1) return std::nullopt;
    auto item = parsePathAt(g, v, values.front(), depth + 1);
    if (!item) return std::nullopt;
    return Path{kind, {}, {std::move(*item)}};
  };
  if (!g.objects(node, v.inversePath).empty()) return unary(v.inversePath, Path::Kind::Inverse);
  if (!g.objects(node, v.alternativePath).empty()) {
    std::vector<Node> values = g.objects(node, v.alternativePath);
    if (values.size() != 1) return std::nullopt;
    return listPath(values.front(), Path::Kind::Alternative);
  }
  if (!g.objects(node, v.zeroOrMorePath).empty()) {
    return unary(v.zeroOrMorePath, Path::Kind::ZeroOrMore);
  }
  if (!g.objects(node, v.oneOrMorePath).empty()) {
    return unary(v.oneOrMorePath, Path::Kind::OneOrMore);
  }
  if (!g.objects(node, v.zeroOrOnePath).empty()) {
    return unary(v.zeroOrOnePath, Path::Kind::ZeroOrOne);
  }
  return std::nullopt;
}

}  // namespace

// The literal to show a reader: untagged first, then English, then any.
std::string preferredLiteral(const std::vector<Node>& values) {
  const Node* english = nullptr;
  const Node* any = nullptr;
  for (const Node& v : values) {
    if (sord_node_get_type(v) != SORD_LITERAL) continue;
    const char* lang = sord_node_get_language(v);
    if (lang == nullptr || *lang == 0)
      return reinterpret_cast<const char*>(sord_node_get_string(v));
    const std::string_view l(lang);
    if (english == nullptr && (l == "en" || l.rfind("en-", 0) == 0)) english = &v;
    if (any == nullptr) any = &v;
  }
  const Node* pick = english != nullptr ? english : any;
  return pick != nullptr ? reinterpret_cast<const char*>(sord_node_get_string(*pick)) : "";
}

namespace {

// The sh: terms of SHACL Core (and of the shapes graph itself) that a shape may use.
const std::set<std::string, std::less<>> kCore = {"and",
                                                  "class",
                                                  "closed",
                                                  "datatype",
                                                  "deactivated",
                                                  "defaultValue",
                                                  "description",
                                                  "disjoint",
                                                  "equals",
                                                  "flags",
                                                  "group",
                                                  "hasValue",
                                                  "ignoredProperties",
                                                  "in",
                                                  "languageIn",
                                                  "lessThan",
                                                  "lessThanOrEquals",
                                                  "maxCount",
                                                  "maxExclusive",
                                                  "maxInclusive",
                                                  "maxLength",
                                                  "message",
                                                  "minCount",
                                                  "minExclusive",
                                                  "minInclusive",
                                                  "minLength",
                                                  "name",
                                                  "node",
                                                  "nodeKind",
                                                  "not",
                                                  "or",
                                                  "order",
                                                  "path",
                                                  "pattern",
                                                  "property",
                                                  "qualifiedMaxCount",
                                                  "qualifiedMinCount",
                                                  "qualifiedValueShape",
                                                  "qualifiedValueShapesDisjoint",
                                                  "severity",
                                                  "targetClass",
                                                  "targetNode",
                                                  "targetObjectsOf",
                                                  "targetSubjectsOf",
                                                  "uniqueLang",
                                                  "xone",
                                                  "shapesGraph",
                                                  "suggestedShapesGraph",
                                                  "entailment"};
// sh: terms of SHACL-SPARQL and SHACL-JS, which this engine does not evaluate.
const std::set<std::string, std::less<>> kNotCore = {
    "sparql",     "target",    "rule",          "js",
    "jsLibrary",  "validator", "nodeValidator", "propertyValidator",
    "expression", "condition", "declare",       "prefixes",
    "select",     "ask"};

class Compiler {
 public:
  Compiler(const Store& g, Diagnostics& diags) : g_(g), v_(g), diags_(diags) {
    for (const auto& [prefix, iri] : g.prefixes()) namer_.add(prefix, iri);
    namer_.addStandard();
  }

  CompiledShapes run() {
    std::vector<Node> roots;
    for (Node p : {v_.targetNode, v_.targetClass, v_.targetSubjectsOf, v_.targetObjectsOf}) {
      for (const auto& t : triplesWithPredicate(p)) roots.push_back(t);
    }
    // Implicit class targets: a shape that is also a class.
    for (Node c : instancesOf(v_.rdfsClass)) {
      if (isInstance(c, v_.nodeShape) || isInstance(c, v_.propertyShape)) roots.push_back(c);
    }
    sortUnique(roots);
    for (Node r : roots) {
      if (sord_node_get_type(r) == SORD_LITERAL) continue;
      const ShapeId id = compile(r);
      if (out_.shapes[id].hasTargets()) out_.targeted.push_back(id);
    }
    // Declared shapes that nothing reaches check nothing: often a misspelled target.
    std::vector<Node> declared = instancesOf(v_.nodeShape);
    for (Node n : instancesOf(v_.propertyShape)) declared.push_back(n);
    sortUnique(declared);
    for (Node n : declared) {
      if (ids_.count(n) != 0) continue;
      checkVocabulary(n);
      warning(n, v_.type, nullptr,
              name(n) +
                  " has no target and no other shape refers to it, so it checks "
                  "nothing; add sh:targetClass, sh:targetNode, sh:targetSubjectsOf or "
                  "sh:targetObjectsOf");
    }
    return std::move(out_);
  }

 private:
  std::vector<Node> triplesWithPredicate(Node p) const {
    std::vector<Node> subjects;
    for (const auto& t : g_.match(nullptr, p, nullptr)) subjects.push_back(t[0]);
    sortUnique(subjects);
    return subjects;
  }

  // SHACL instances in the shapes graph: rdf:type/rdfs:subClassOf*.
  std::set<Node> subclassesOf(Node cls) const {
    std::set<Node> seen{cls};
    std::vector<Node> todo{cls};
    while (!todo.empty()) {
      Node c = todo.back();
      todo.pop_back();
      for (Node sub : g_.subjects(v_.subClassOf, c)) {
        if (seen.insert(sub).second) todo.push_back(sub);
      }
    }
    return seen;
  }
  std::vector<Node> instancesOf(Node cls) const {
    std::vector<Node> out;
    for (Node c : subclassesOf(cls)) {
      for (Node i : g_.subjects(v_.type, c)) out.push_back(i);
    }
    sortUnique(out);
    return out;
  }
  bool isInstance(Node n, Node cls) const {
    const std::set<Node> classes = subclassesOf(cls);
    for (Node t : g_.objects(n, v_.type)) {
      if (classes.count(t) != 0) return true;
    }
    return false;
  }

  ConstId constant(const rdf::Term& t) {
    auto [it, inserted] = constIds_.try_emplace(t, static_cast<ConstId>(out_.constants.size()));
    if (inserted) out_.constants.push_back(t);
    return it->second;
  }
  ConstId constant(Node n) { return constant(toTerm(n)); }

  CompiledPath compilePath(const Path& p) {
    CompiledPath c;
    c.kind = p.kind;
    if (p.kind == Path::Kind::Predicate) c.predicate = constant(p.iri);
    for (const Path& item : p.items) c.items.push_back(compilePath(item));
    return c;
  }

  SourcePos positionOf(Node s, Node p, Node o) const {
    if (auto pos = g_.originOf(s, p, o)) return *pos;
    if (auto pos = g_.originOfSubject(s)) return *pos;
    return {};
  }

  void error(Node shape, Node param, Node value, const std::string& message) {
    diags_.add(Severity::Error, positionOf(shape, param, value), "shacl-shape", message);
  }
  void warning(Node shape, Node param, Node value, const std::string& message) {
    diags_.add(Severity::Warning, positionOf(shape, param, value), "shacl-shape", message);
  }

  // "shape ex:PersonShape", or for a blank node "the property shape for ex:name" / "a blank node
  // shape", since a generated blank node label means nothing to the author.
  std::string name(Node n) const {
    if (sord_node_get_type(n) != SORD_BLANK) return "shape " + namer_.term(toTerm(n));
    Node path = g_.object(n, v_.path);
    if (path != nullptr && sord_node_get_type(path) == SORD_URI) {
      return "the property shape for " + namer_.term(toTerm(path));
    }
    return path != nullptr ? "a property shape" : "a blank node shape";
  }

  ShapeId compile(Node node) {
    if (auto it = ids_.find(node); it != ids_.end()) return it->second;
    const ShapeId id = static_cast<ShapeId>(out_.shapes.size());
    ids_.emplace(node, id);
    out_.shapes.emplace_back();
    Shape shape;
    shape.id = toTerm(node);
    if (auto pos = g_.originOfSubject(node)) shape.origin = *pos;
    shape.deactivated = isTrue(g_.object(node, v_.deactivated));
    if (Node sev = g_.object(node, v_.severity); sev != nullptr) shape.severity = toTerm(sev);
    for (Node m : g_.objects(node, v_.message)) {
      if (sord_node_get_type(m) == SORD_LITERAL) shape.messages.push_back(toTerm(m));
    }
    shape.label = preferredLiteral(g_.objects(node, g_.iri(sh("name"))));
    std::vector<Node> paths = g_.objects(node, v_.path);
    if (paths.size() > 1) {
      error(node, v_.path, paths[1],
            name(node) + " has " + std::to_string(paths.size()) +
                " values for sh:path; give it exactly one");
    }
    if (!paths.empty()) {
      shape.path = parsePathAt(g_, v_, paths.front(), 0);
      if (!shape.path) {
        error(node, v_.path, paths.front(),
              name(node) +
                  " has an ill-formed sh:path; use an IRI or a SHACL path "
                  "(list, sh:inversePath, sh:alternativePath, ...)");
        shape.deactivated = true;  // a property shape without a usable path cannot be checked
      } else {
        shape.compiledPath = compilePath(*shape.path);
      }
    }
    for (Node t : g_.objects(node, v_.targetNode)) shape.targetNodes.push_back(constant(t));
    for (Node t : g_.objects(node, v_.targetClass)) shape.targetClasses.push_back(constant(t));
    if (isInstance(node, v_.rdfsClass) &&
        (isInstance(node, v_.nodeShape) || isInstance(node, v_.propertyShape))) {
      shape.targetClasses.push_back(constant(node));
    }
    for (Node t : g_.objects(node, v_.targetSubjectsOf)) {
      shape.targetSubjectsOf.push_back(constant(t));
    }
    for (Node t : g_.objects(node, v_.targetObjectsOf)) {
      shape.targetObjectsOf.push_back(constant(t));
    }
    compileConstraints(node, shape);
    checkVocabulary(node);
    out_.shapes[id] = std::move(shape);
    return id;
  }

  // Warns about sh: terms this engine does not evaluate: SPARQL-based constraints (not
  // SHACL Core) and misspellings such as sh:mincount, which would otherwise be ignored.
  void checkVocabulary(Node node) {
    for (const auto& [p, o] : g_.outgoing(node)) {
      const std::string iri = toTerm(p).value;
      if (iri.compare(0, kSh.size(), kSh) != 0) continue;
      const std::string local = iri.substr(kSh.size());
      if (kCore.count(local) != 0) continue;
      if (kNotCore.count(local) != 0) {
        warning(node, p, o,
                name(node) + " uses sh:" + local +
                    ", which is not part of SHACL Core; guidegraph ignores it");
        continue;
      }
      std::string hint;
      for (const std::string& known : kCore) {
        if (known.size() == local.size() &&
            std::equal(known.begin(), known.end(), local.begin(), [](char a, char b) {
              return std::tolower(static_cast<unsigned char>(a)) ==
                     std::tolower(static_cast<unsigned char>(b));
            })) {
          hint = "; did you mean sh:" + known + "?";
        }
      }
      warning(node, p, o,
              name(node) + " uses sh:" + local + ", which is not a SHACL Core term and is ignored" +
                  hint);
    }
  }

  Constraint make(Component c, Node value) {
    Constraint k;
    k.component = c;
    if (value != nullptr) k.parameter = toTerm(value);
    return k;
  }

  // Every constraint of a shape, component by component, in the order evaluation and
  // reports expect.
  void compileConstraints(Node node, Shape& shape) {
    compileValueTypes(node, shape);
    compileCardinalityAndRange(node, shape);
    compilePatterns(node, shape);
    compileLanguages(node, shape);
    compilePropertyPairs(node, shape);
    compileShapeReferences(node, shape);
    compileQualified(node, shape);
    compileClosed(node, shape);
    compileValueSets(node, shape);
  }

  // sh:class, sh:datatype, sh:nodeKind.
  void compileValueTypes(Node node, Shape& shape) {
    auto values = [&](std::string_view local) { return g_.objects(node, g_.iri(sh(local))); };
    auto param = [&](std::string_view local) { return g_.iri(sh(local)); };
    auto& cs = shape.constraints;
    for (Node c : values("class")) {
      Constraint k = make(Component::Class, c);
      k.node = constant(c);
      cs.push_back(std::move(k));
    }
    for (Node d : values("datatype")) {
      if (sord_node_get_type(d) != SORD_URI) {
        error(node, param("datatype"), d, "sh:datatype of " + name(node) + " must be an IRI");
        continue;
      }
      Constraint k = make(Component::Datatype, d);
      k.node = constant(d);
      cs.push_back(std::move(k));
    }
    for (Node kind : values("nodeKind")) {
      static const std::map<std::string, NodeKind> kKinds = {
          {sh("BlankNode"), NodeKind::BlankNode},
          {sh("IRI"), NodeKind::Iri},
          {sh("Literal"), NodeKind::Literal},
          {sh("BlankNodeOrIRI"), NodeKind::BlankNodeOrIri},
          {sh("BlankNodeOrLiteral"), NodeKind::BlankNodeOrLiteral},
          {sh("IRIOrLiteral"), NodeKind::IriOrLiteral}};
      auto it = kKinds.find(toTerm(kind).value);
      if (sord_node_get_type(kind) != SORD_URI || it == kKinds.end()) {
        error(node, param("nodeKind"), kind,
              "sh:nodeKind of " + name(node) +
                  " must be one of sh:IRI, sh:BlankNode, sh:Literal, sh:BlankNodeOrIRI, "
                  "sh:BlankNodeOrLiteral, sh:IRIOrLiteral");
        continue;
      }
      Constraint k = make(Component::NodeKind, kind);
      k.nodeKind = it->second;
      cs.push_back(std::move(k));
    }
  }

  // sh:minCount, maxCount, minLength, maxLength and the four range bounds.
  void compileCardinalityAndRange(Node node, Shape& shape) {
    const bool isProperty = shape.path.has_value();
    auto values = [&](std::string_view local) { return g_.objects(node, g_.iri(sh(local))); };
    auto param = [&](std::string_view local) { return g_.iri(sh(local)); };
    auto& cs = shape.constraints;
    auto counts = [&](std::string_view local, Component c, bool propertyOnly) {
      for (Node n : values(local)) {
        auto count = integerOf(n);
        if (!count || *count < 0) {
          error(node, param(local), n,
                "sh:" + std::string(local) + " of " + name(node) +
                    " must be a non-negative integer, e.g. 1");
          continue;
        }
        if (propertyOnly && !isProperty) continue;
        Constraint k = make(c, n);
        k.count = *count;
        cs.push_back(std::move(k));
      }
    };
    counts("minCount", Component::MinCount, true);
    counts("maxCount", Component::MaxCount, true);
    counts("minLength", Component::MinLength, false);
    counts("maxLength", Component::MaxLength, false);
    auto bounds = [&](std::string_view local, Component c) {
      for (Node n : values(local)) {
        Constraint k = make(c, n);
        k.node = constant(n);
        cs.push_back(std::move(k));
      }
    };
    bounds("minExclusive", Component::MinExclusive);
    bounds("minInclusive", Component::MinInclusive);
    bounds("maxExclusive", Component::MaxExclusive);
    bounds("maxInclusive", Component::MaxInclusive);
  }

  // PCRE2 options for a pattern: always UTF with Unicode properties, plus sh:flags.
  std::uint32_t regexOptions(Node node, const std::vector<Node>& flags) {
    std::uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
    if (flags.empty()) return options;
    const std::string f = reinterpret_cast<const char*>(sord_node_get_string(flags.front()));
    for (char ch : f) {
      switch (ch) {
        case 'i':
          options |= PCRE2_CASELESS;
          break;
        case 's':
          options |= PCRE2_DOTALL;
          break;
        case 'm':
          options |= PCRE2_MULTILINE;
          break;
        case 'x':
          options |= PCRE2_EXTENDED;
          break;
        case 'q':
          options |= PCRE2_LITERAL;
          break;
        default:
          error(node, g_.iri(sh("flags")), flags.front(),
                "unknown regular expression flag '" + std::string(1, ch) + "' in sh:flags of " +
                    name(node) + "; use i, s, m, x or q");
      }
    }
    // PCRE2_LITERAL allows only a few other options.
    if ((options & PCRE2_LITERAL) != 0) {
      options &= PCRE2_LITERAL | PCRE2_CASELESS | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
    }
    return options;
  }

  // sh:pattern with sh:flags, compiled once with PCRE2.
  void compilePatterns(Node node, Shape& shape) {
    auto values = [&](std::string_view local) { return g_.objects(node, g_.iri(sh(local))); };
    auto param = [&](std::string_view local) { return g_.iri(sh(local)); };
    auto& cs = shape.constraints;
    std::vector<Node> flags = values("flags");
    for (Node pattern : values("pattern")) {
      std::uint32_t options = regexOptions(node, flags);
      const std::string text = reinterpret_cast<const char*>(sord_node_get_string(pattern));
      int errorCode = 0;
      PCRE2_SIZE errorOffset = 0;
      pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(text.c_str()), text.size(),
                                       options, &errorCode, &errorOffset, nullptr);
      if (code == nullptr) {
        PCRE2_UCHAR buf[256];
        pcre2_get_error_message(errorCode, buf, sizeof buf);
        error(node, param("pattern"), pattern,
              "sh:pattern \"" + text + "\" of " + name(node) +
                  " is not a valid regular "
                  "expression at offset " +
                  std::to_string(errorOffset) + ": " + reinterpret_cast<const char*>(buf));
        continue;
      }
      Constraint k = make(Component::Pattern, pattern);
      k.regex = std::shared_ptr<pcre2_code>(code, RegexDeleter{});
      cs.push_back(std::move(k));
    }
  }

  // sh:languageIn and sh:uniqueLang.
  void compileLanguages(Node node, Shape& shape) {
    const bool isProperty = shape.path.has_value();
    auto values = [&](std::string_view local) { return g_.objects(node, g_.iri(sh(local))); };
    auto param = [&](std::string_view local) { return g_.iri(sh(local)); };
    auto& cs = shape.constraints;
    for (Node list : values("languageIn")) {
      std::vector<Node> members;
      if (!g_.list(list, members)) {
        error(node, param("languageIn"), list,
              "sh:languageIn of " + name(node) + " must be a list of language tags");
        continue;
      }
      Constraint k = make(Component::LanguageIn, list);
      for (Node m : members) k.languages.push_back(toTerm(m).value);
      cs.push_back(std::move(k));
    }
    for (Node u : values("uniqueLang")) {
      if (isTrue(u) && isProperty) cs.push_back(make(Component::UniqueLang, u));
    }
  }

  // sh:equals, disjoint, lessThan, lessThanOrEquals.
  void compilePropertyPairs(Node node, Shape& shape) {
    const bool isProperty = shape.path.has_value();
    auto values = [&](std::string_view local) { return g_.objects(node, g_.iri(sh(local))); };
    auto param = [&](std::string_view local) { return g_.iri(sh(local)); };
    auto& cs = shape.constraints;
    auto pairs = [&](std::string_view local, Component c, bool propertyOnly) {
      for (Node p : values(local)) {
        if (sord_node_get_type(p) != SORD_URI) {
          error(node, param(local), p,
                "sh:" + std::string(local) + " of " + name(node) + " must be a property IRI");
          continue;
        }
        if (propertyOnly && !isProperty) continue;
        Constraint k = make(c, p);
        k.node = constant(p);
        cs.push_back(std::move(k));
      }
    };
    pairs("equals", Component::Equals, false);
    pairs("disjoint", Component::Disjoint, false);
    pairs("lessThan", Component::LessThan, true);
    pairs("lessThanOrEquals", Component::LessThanOrEquals, true);
  }

  // sh:not, and, or, xone, node, property: constraints that name other shapes.
  void compileShapeReferences(Node node, Shape& shape) {
    auto values = [&](std::string_view local) { return g_.objects(node, g_.iri(sh(local))); };
    auto param = [&](std::string_view local) { return g_.iri(sh(local)); };
    auto& cs = shape.constraints;
    for (Node s : values("not")) {
      Constraint k = make(Component::Not, s);
      k.shapes.push_back(compile(s));
      cs.push_back(std::move(k));
    }
    auto logical = [&](std::string_view local, Component c) {
      for (Node list : values(local)) {
        std::vector<Node> members;
        if (!g_.list(list, members)) {
          error(node, param(local), list,
                "sh:" + std::string(local) + " of " + name(node) + " must be a list of shapes");
          continue;
        }
        Constraint k = make(c, list);
        for (Node m : members) k.shapes.push_back(compile(m));
        cs.push_back(std::move(k));
      }
    };
    logical("and", Component::And);
    logical("or", Component::Or);
    logical("xone", Component::Xone);
    for (Node s : values("node")) {
      Constraint k = make(Component::Node, s);
      k.shapes.push_back(compile(s));
      cs.push_back(std::move(k));
    }
    for (Node p : values("property")) {
      Constraint k = make(Component::Property, p);
      k.shapes.push_back(compile(p));
      cs.push_back(std::move(k));
    }
  }

  // sh:closed with sh:ignoredProperties.
  void compileClosed(Node node, Shape& shape) {
    auto values = [&](std::string_view local) { return g_.objects(node, g_.iri(sh(local))); };
    auto& cs = shape.constraints;
    for (Node closed : values("closed")) {
      if (!isTrue(closed)) continue;
      Constraint k = make(Component::Closed, closed);
      for (Node p : g_.objects(node, v_.property)) {
        for (Node path : g_.objects(p, v_.path)) {
          if (sord_node_get_type(path) == SORD_URI) k.nodes.push_back(constant(path));
        }
      }
      for (Node list : g_.objects(node, v_.ignoredProperties)) {
        std::vector<Node> members;
        if (!g_.list(list, members)) {
          error(node, v_.ignoredProperties, list,
                "sh:ignoredProperties of " + name(node) + " must be a list of property IRIs");
          continue;
        }
        for (Node m : members) k.nodes.push_back(constant(m));
      }
      cs.push_back(std::move(k));
    }
  }

  // sh:hasValue and sh:in.
  void compileValueSets(Node node, Shape& shape) {
    auto values = [&](std::string_view local) { return g_.objects(node, g_.iri(sh(local))); };
    auto param = [&](std::string_view local) { return g_.iri(sh(local)); };
    auto& cs = shape.constraints;
    for (Node h : values("hasValue")) {
      Constraint k = make(Component::HasValue, h);
      k.node = constant(h);
      cs.push_back(std::move(k));
    }
    for (Node list : values("in")) {
      std::vector<Node> members;
      if (!g_.list(list, members)) {
        error(node, param("in"), list, "sh:in of " + name(node) + " must be a list of values");
        continue;
      }
      Constraint k = make(Component::In, list);
      for (Node m : members) k.nodes.push_back(constant(m));
      cs.push_back(std::move(k));
    }
  }

  void compileQualified(Node node, Shape& shape) {
    std::vector<Node> qualified = g_.objects(node, v_.qualifiedValueShape);
    if (qualified.empty()) return;
    Node minNode = g_.object(node, v_.qualifiedMinCount);
    Node maxNode = g_.object(node, v_.qualifiedMaxCount);
    auto min = integerOf(minNode);
    auto max = integerOf(maxNode);
    if ((minNode != nullptr && !min) || (maxNode != nullptr && !max)) {
      error(node, v_.qualifiedMinCount, minNode,
            "sh:qualifiedMinCount and sh:qualifiedMaxCount of " + name(node) + " must be integers");
    }
    const bool disjoint = isTrue(g_.object(node, v_.qualifiedValueShapesDisjoint));
    for (Node q : qualified) {
      const ShapeId qid = compile(q);
      std::vector<ShapeId> siblings;
      if (disjoint) {
        std::vector<Node> siblingNodes;
        for (Node parent : g_.subjects(v_.property, node)) {
          for (Node sibling : g_.objects(parent, v_.property)) {
            for (Node sq : g_.objects(sibling, v_.qualifiedValueShape)) {
              if (sq != q) siblingNodes.push_back(sq);
            }
          }
        }
        sortUnique(siblingNodes);
        for (Node s : siblingNodes) siblings.push_back(compile(s));
      }
      if (min) {
        Constraint k = make(Component::QualifiedMinCount, minNode);
        k.count = *min;
        k.shapes = {qid};
        k.siblings = siblings;
        shape.constraints.push_back(std::move(k));
      }
      if (max) {
        Constraint k = make(Component::QualifiedMaxCount, maxNode);
        k.count = *max;
        k.shapes = {qid};
        k.siblings = siblings;
        shape.constraints.push_back(std::move(k));
      }
    }
  }

  const Store& g_;
  Vocab v_;
  Namer namer_;
  Diagnostics& diags_;
  CompiledShapes out_;
  std::map<Node, ShapeId> ids_;
  std::map<rdf::Term, ConstId> constIds_;
};

}  // namespace

CompiledShapes compileShapes(const Store& graph, Diagnostics& diags) {
  CompiledShapes out = Compiler(graph, diags).run();
  out.prefixes = graph.prefixes();
  return out;
}

std::optional<Path> parsePath(const Store& graph, Node node) {
  const Vocab v(graph);
  return parsePathAt(graph, v, node, 0);
}

}  // namespace guidegraph::shacl::detail
