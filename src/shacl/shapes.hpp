// Private: shapes compiled from a shapes graph into plain values, independent of any Sord
// world. Terms the evaluation needs in the data graph (classes, predicates, sh:in members)
// are kept in one constant table and interned into the data graph's world once per run.
#pragma once

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "guidegraph/shacl.hpp"
#include "store.hpp"

namespace guidegraph::shacl::detail {

enum class Component : std::uint8_t {
  Class,
  Datatype,
  NodeKind,
  MinCount,
  MaxCount,
  MinExclusive,
  MinInclusive,
  MaxExclusive,
  MaxInclusive,
  MinLength,
  MaxLength,
  Pattern,
  LanguageIn,
  UniqueLang,
  Equals,
  Disjoint,
  LessThan,
  LessThanOrEquals,
  Not,
  And,
  Or,
  Xone,
  Node,
  QualifiedMinCount,
  QualifiedMaxCount,
  Closed,
  HasValue,
  In,
  Property,  // nested results are reported by the property shape itself
};

// Full IRI of a component, e.g. "http://www.w3.org/ns/shacl#ClassConstraintComponent".
std::string componentIri(Component c);

using ConstId = std::uint32_t;
using ShapeId = std::uint32_t;

struct CompiledPath {
  Path::Kind kind = Path::Kind::Predicate;
  ConstId predicate = 0;
  std::vector<CompiledPath> items;
};

struct RegexDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};

enum class NodeKind : std::uint8_t {
  BlankNode,
  Iri,
  Literal,
  BlankNodeOrIri,
  BlankNodeOrLiteral,
  IriOrLiteral
};

struct Constraint {
  Component component = Component::Class;
  rdf::Term parameter;         // the parameter's value as written, for messages
  ConstId node = 0;            // class, datatype, hasValue, bound, predicate of equals...
  std::vector<ConstId> nodes;  // sh:in members; closed: allowed predicates
  std::vector<std::string> languages;
  NodeKind nodeKind = NodeKind::Iri;
  std::int64_t count = 0;  // min/maxCount, min/maxLength, qualified min/max
  std::vector<ShapeId> shapes;
  std::vector<ShapeId> siblings;  // qualifiedValueShapesDisjoint
  std::shared_ptr<pcre2_code> regex;
};

struct Shape {
  rdf::Term id;
  SourcePos origin;
  bool deactivated = false;
  std::optional<Path> path;
  std::optional<CompiledPath> compiledPath;
  rdf::Term severity = rdf::Term::iri(kViolation);
  std::vector<rdf::Term> messages;
  std::string label;  // sh:name (untagged or English preferred), for generated messages
  std::vector<ConstId> targetNodes;
  std::vector<ConstId> targetClasses;  // including the implicit class target
  std::vector<ConstId> targetSubjectsOf;
  std::vector<ConstId> targetObjectsOf;
  std::vector<Constraint> constraints;

  [[nodiscard]] bool hasTargets() const {
    return !targetNodes.empty() || !targetClasses.empty() || !targetSubjectsOf.empty() ||
           !targetObjectsOf.empty();
  }
};

struct CompiledShapes {
  std::vector<rdf::Term> constants;
  std::vector<Shape> shapes;
  std::vector<ShapeId> targeted;                              // sorted by shape term
  std::vector<std::pair<std::string, std::string>> prefixes;  // of the shapes graph
};

// Compiles every targeted shape of `graph` and every shape reachable from one.
CompiledShapes compileShapes(const Store& graph, Diagnostics& diags);

// The literal among `values` to show a reader: untagged, else English, else the first.
std::string preferredLiteral(const std::vector<Node>& values);

// Reads the SHACL path at `node` (an IRI or a path blank node); nullopt if ill-formed.
std::optional<Path> parsePath(const Store& graph, Node node);

}  // namespace guidegraph::shacl::detail
