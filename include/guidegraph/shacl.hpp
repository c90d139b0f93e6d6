// SHACL Core validation: compile a shapes graph once, validate data graphs against it, and
// write the validation report as Turtle, text, JSON or SARIF.
//
// No Serd or Sord types appear here: both graph classes own their Sord world privately
// (pimpl). Neither class is thread-safe; distinct objects may be used on distinct threads.
#pragma once

#include <algorithm>
#include <compare>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "guidegraph/diagnostic.hpp"
#include "guidegraph/rdf.hpp"

namespace guidegraph::shacl {

// A SHACL property path (https://www.w3.org/TR/shacl/#property-paths) as a value.
struct Path {
  enum class Kind : std::uint8_t {
    Predicate,    // iri
    Inverse,      // ^items[0]
    Sequence,     // items[0] / items[1] / ...
    Alternative,  // items[0] | items[1] | ...
    ZeroOrMore,   // items[0]*
    OneOrMore,    // items[0]+
    ZeroOrOne,    // items[0]?
  };
  Kind kind = Kind::Predicate;
  rdf::Term iri;            // the predicate, for Kind::Predicate only
  std::vector<Path> items;  // operands, for every other kind

  static Path predicate(std::string iri) {
    return Path{Kind::Predicate, rdf::Term::iri(std::move(iri)), {}};
  }

  // SPARQL property path syntax with full IRIs, e.g. "^<http://x/p>/<http://x/q>*".
  [[nodiscard]] std::string toString() const;

  friend bool operator==(const Path&, const Path&) = default;
  friend std::strong_ordering operator<=>(const Path& a, const Path& b) {
    if (auto c = a.kind <=> b.kind; c != 0) return c;
    if (auto c = a.iri <=> b.iri; c != 0) return c;
    return std::lexicographical_compare_three_way(a.items.begin(), a.items.end(), b.items.begin(),
                                                  b.items.end());
  }
};

// The full IRIs of SHACL's severities.
inline constexpr const char* kViolation = ns::shViolation;
inline constexpr const char* kWarning = ns::shWarning;
inline constexpr const char* kInfo = ns::shInfo;

// sh:Violation -> Error, sh:Warning -> Warning, sh:Info -> Info; any other (user-defined)
// severity IRI counts as Error, since SHACL treats every result as non-conformance.
Severity toSeverity(const rdf::Term& shaclSeverity);

struct ValidationResult {
  rdf::Term focusNode;
  std::optional<Path> resultPath;
  std::optional<rdf::Term> value;
  rdf::Term sourceShape;                  // a term of the shapes graph
  std::string sourceConstraintComponent;  // full IRI, e.g. ...shacl#MinCountConstraintComponent
  rdf::Term severity = rdf::Term::iri(kViolation);
  // sh:message values of the shape (literals, with their language tags); when the shape has
  // none, one generated English message.
  std::vector<rdf::Term> messages;
  // Position of the triple (focus, path predicate, value) if known, else of a triple with the
  // focus node as subject, else empty (file "" and line 0).
  SourcePos origin;

  [[nodiscard]] Severity guidegraphSeverity() const { return toSeverity(severity); }
  // The message to show a person: the first message without a language tag, else an
  // English one, else the first one.
  [[nodiscard]] std::string messageText() const;

  friend bool operator==(const ValidationResult&, const ValidationResult&) = default;
};

struct ValidationReport {
  bool conforms = true;
  // Sorted by origin, then focus node, path, value, shape, component: stable across runs.
  std::vector<ValidationResult> results;

  // Each result as a guidegraph diagnostic (code = local name of the constraint component).
  [[nodiscard]] std::vector<Diagnostic> diagnostics() const;
};

class DataGraph;

// Compiled shapes. Construction reads and compiles every shape once; problems in the shapes
// graph are added to `diags` with positions: syntax errors and ill-formed shapes (a bad
// sh:pattern, sh:minCount "one", ...) as errors, the offending shape or constraint being left
// out; misspelled or non-Core sh: terms and shapes that check nothing as warnings. Callers
// should not validate with a shapes graph that produced errors.
class ShapesGraph {
 public:
  // Turtle (.ttl), N-Triples (.nt), N-Quads (.nq) or TriG (.trig); the union of all graphs.
  [[nodiscard]] static ShapesGraph fromFiles(const std::vector<std::string>& paths,
                                             Diagnostics& diags);
  // Graph names are ignored (union of graphs); blank node labels are kept.
  [[nodiscard]] static ShapesGraph fromDataset(const rdf::Dataset& dataset, Diagnostics& diags);
  // Parses Turtle text; `name` is used as file name in positions and as base IRI source.
  [[nodiscard]] static ShapesGraph fromTurtle(const std::string& turtle, const std::string& name,
                                              Diagnostics& diags);

  ShapesGraph(ShapesGraph&&) noexcept;
  ShapesGraph& operator=(ShapesGraph&&) noexcept;
  ShapesGraph(const ShapesGraph&) = delete;
  ShapesGraph& operator=(const ShapesGraph&) = delete;
  ~ShapesGraph();

  // Number of compiled shapes (targeted ones and those reachable from them).
  [[nodiscard]] std::size_t shapeCount() const;

  struct Impl;

 private:
  explicit ShapesGraph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend class Validator;
};

// The data to validate, with the source position of every triple where known.
class DataGraph {
 public:
  // Files are parsed with Serd; each triple keeps the file, line and column of its
  // statement. Blank nodes of different files never merge. A syntax error is added to
  // `diags` with its position; the triples read before it are kept.
  [[nodiscard]] static DataGraph fromFiles(const std::vector<std::string>& paths,
                                           Diagnostics& diags);
  // Keeps each triple's origin; graph names are ignored (union of graphs); blank node labels
  // are kept, so results name the caller's blank nodes.
  [[nodiscard]] static DataGraph fromDataset(const rdf::Dataset& dataset);
  [[nodiscard]] static DataGraph fromTurtle(const std::string& turtle, const std::string& name,
                                            Diagnostics& diags);

  DataGraph(DataGraph&&) noexcept;
  DataGraph& operator=(DataGraph&&) noexcept;
  DataGraph(const DataGraph&) = delete;
  DataGraph& operator=(const DataGraph&) = delete;
  ~DataGraph();

  [[nodiscard]] std::size_t tripleCount() const;

  struct Impl;

 private:
  explicit DataGraph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend class Validator;
};

// Validates `data` against every targeted shape of `shapes`, with `threads` threads (0: one
// per core; a graph read from files whose positions are still to be read uses one). The
// report is the same whatever the number. Interns a few nodes into the data graph's Sord
// world while it runs: do not validate the same DataGraph on two threads at once (distinct
// DataGraphs are independent).
[[nodiscard]] ValidationReport validate(const ShapesGraph& shapes, const DataGraph& data,
                                        unsigned threads = 0);

// A standard sh:ValidationReport in Turtle, written through Serd: sorted, with stable blank
// node labels, so equal reports give equal bytes. Returns false if the stream failed.
bool writeReportTurtle(const ValidationReport& report, std::ostream& out);
// One line per result, GCC style: "file:line:col: error: message [sh:MinCountConstraintComponent]";
// results without a position start with their focus node instead. Ends with a summary line
// ("conforms: ..." or "does not conform: N error(s), ...").
bool writeReportText(const ValidationReport& report, std::ostream& out);
// The same, with the summary line also counting `inputProblems`: the diagnostics reported
// beside the SHACL results (broken links, graph checks, front matter errors). A site with
// such an error does not conform, whatever the shapes say.
bool writeReportText(const ValidationReport& report, const Diagnostics& inputProblems,
                     std::ostream& out);
// {"conforms": ..., "results": [...]} with terms as {"type","value","datatype","language"}.
bool writeReportJson(const ValidationReport& report, std::ostream& out);
// SARIF 2.1.0: one run, tool.driver "guidegraph" with one rule per constraint component.
bool writeReportSarif(const ValidationReport& report, std::ostream& out);
// SARIF's name for a severity: "error", "warning" or "note".
const char* sarifLevel(Severity s);

// Turtle-like display of a term: <iri>, _:label, "lex"@lang, "lex"^^<dt>.
std::string termToString(const rdf::Term& term);

}  // namespace guidegraph::shacl
