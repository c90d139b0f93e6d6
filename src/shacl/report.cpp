// Report values and writers: Turtle (through Serd), text, JSON and SARIF.
#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "guidegraph/ns.hpp"
#include "guidegraph/serd_io.hpp"
#include "guidegraph/shacl.hpp"
#include "guidegraph/text.hpp"
#include "store.hpp"
#include "xsd.hpp"

namespace guidegraph::shacl {
namespace {

constexpr std::string_view kSh = ns::sh;
constexpr const char* kRdfNs = ns::rdf;
constexpr const char* kXsdNs = ns::xsd;

std::string localName(const std::string& iri) {
  const std::size_t cut = iri.find_last_of("#/");
  return cut == std::string::npos ? iri : iri.substr(cut + 1);
}

std::string shortComponent(const std::string& iri) {
  if (iri.compare(0, kSh.size(), kSh) == 0) return "sh:" + iri.substr(kSh.size());
  return iri;
}

bool isComplex(const Path& p) {
  return p.kind == Path::Kind::Sequence || p.kind == Path::Kind::Alternative;
}

std::string escapeLiteral(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool hasPosition(const SourcePos& p) { return !p.file.empty() || p.line > 0; }

std::string positionPrefix(const ValidationResult& r) {
  const SourcePos& p = r.origin;
  if (p.file.empty()) return termToString(r.focusNode);
  std::string out = p.file;
  if (p.line > 0) {
    out += ":" + std::to_string(p.line);
    if (p.column > 0) out += ":" + std::to_string(p.column);
  }
  return out;
}

// ---- Turtle -------------------------------------------------------------------------------

// A statement of the report as owned strings, converted to SerdNodes only when written.
struct Statement {
  rdf::Term subject;
  std::string predicate;
  rdf::Term object;
};

class TurtleWriter {
 public:
  explicit TurtleWriter(std::ostream& out) : out_(out) {}

  bool write(const ValidationReport& report) {
    std::vector<Statement> st;
    const rdf::Term reportNode = rdf::Term::blank("report");
    st.push_back({reportNode, std::string(kRdfNs) + "type", sh("ValidationReport")});
    st.push_back(
        {reportNode, sh("conforms").value,
         rdf::Term::typed(report.conforms ? "true" : "false", std::string(kXsdNs) + "boolean")});
    for (std::size_t i = 0; i < report.results.size(); ++i) {
      st.push_back({reportNode, sh("result").value, resultNode(i)});
    }
    for (std::size_t i = 0; i < report.results.size(); ++i) {
      addResult(st, i, report.results[i]);
    }
    return emit(st);
  }

 private:
  static rdf::Term sh(std::string_view local) {
    return rdf::Term::iri(std::string(kSh) + std::string(local));
  }
  static rdf::Term resultNode(std::size_t i) {
    return rdf::Term::blank("r" + std::to_string(i + 1));
  }

  // Data and shapes blank nodes get a prefix so they never meet the report's own labels.
  // Labels are also made safe for Turtle: other characters than [A-Za-z0-9-] become _xHH
  // ('_' itself is _x5F), so distinct labels stay distinct.
  static rdf::Term outside(const rdf::Term& t, const char* prefix) {
    if (!t.isBlank()) return t;
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string label = prefix;
    for (unsigned char c : t.value) {
      if (std::isalnum(c) != 0 || c == '-') {
        label += static_cast<char>(c);
      } else {
        label += "_x";
        label += kHex[c >> 4];
        label += kHex[c & 0xF];
      }
    }
    return rdf::Term::blank(label);
  }

  void addResult(std::vector<Statement>& st, std::size_t i, const ValidationResult& r) {
    const rdf::Term node = resultNode(i);
    std::vector<Statement> paths;
    std::size_t pathCounter = 0;
    st.push_back({node, std::string(kRdfNs) + "type", sh("ValidationResult")});
    st.push_back({node, sh("focusNode").value, outside(r.focusNode, "d_")});
    std::vector<rdf::Term> messages = r.messages;
    std::sort(messages.begin(), messages.end());
    for (const rdf::Term& m : messages) st.push_back({node, sh("resultMessage").value, m});
    if (r.resultPath) {
      st.push_back(
          {node, sh("resultPath").value, pathNode(*r.resultPath, node.value, pathCounter, paths)});
    }
    st.push_back({node, sh("resultSeverity").value, r.severity});
    st.push_back(
        {node, sh("sourceConstraintComponent").value, rdf::Term::iri(r.sourceConstraintComponent)});
    st.push_back({node, sh("sourceShape").value, outside(r.sourceShape, "s_")});
    if (r.value) st.push_back({node, sh("value").value, outside(*r.value, "d_")});
    // Path nodes in label order (r1p1, r1p2, ...), i.e. from the outermost inwards.
    auto number = [](const rdf::Term& t) {
      return std::stoul(t.value.substr(t.value.rfind('p') + 1));
    };
    std::stable_sort(paths.begin(), paths.end(), [&](const Statement& a, const Statement& b) {
      return number(a.subject) < number(b.subject);
    });
    st.insert(st.end(), paths.begin(), paths.end());
  }

  // The SHACL path syntax: an IRI, or blank nodes and RDF lists.
  rdf::Term pathNode(const Path& p, const std::string& owner, std::size_t& counter,
                     std::vector<Statement>& st) {
    if (p.kind == Path::Kind::Predicate) return p.iri;
    auto fresh = [&] { return rdf::Term::blank(owner + "p" + std::to_string(++counter)); };
    auto list = [&](const std::vector<Path>& items) {
      const rdf::Term head = fresh();
      rdf::Term cell = head;
      std::vector<Statement> cells;
      for (std::size_t i = 0; i < items.size(); ++i) {
        const rdf::Term value = pathNode(items[i], owner, counter, st);
        const rdf::Term next =
            i + 1 < items.size() ? fresh() : rdf::Term::iri(std::string(kRdfNs) + "nil");
        cells.push_back({cell, std::string(kRdfNs) + "first", value});
        cells.push_back({cell, std::string(kRdfNs) + "rest", next});
        cell = next;
      }
      st.insert(st.end(), cells.begin(), cells.end());
      return head;
    };
    if (p.kind == Path::Kind::Sequence) return list(p.items);
    const rdf::Term node = fresh();
    std::string predicate;
    rdf::Term object;
    switch (p.kind) {
      case Path::Kind::Alternative:
        predicate = sh("alternativePath").value;
        object = list(p.items);
        break;
      case Path::Kind::Inverse:
        predicate = sh("inversePath").value;
        object = pathNode(p.items.front(), owner, counter, st);
        break;
      case Path::Kind::ZeroOrMore:
        predicate = sh("zeroOrMorePath").value;
        object = pathNode(p.items.front(), owner, counter, st);
        break;
      case Path::Kind::OneOrMore:
        predicate = sh("oneOrMorePath").value;
        object = pathNode(p.items.front(), owner, counter, st);
        break;
      default:
        predicate = sh("zeroOrOnePath").value;
        object = pathNode(p.items.front(), owner, counter, st);
        break;
    }
    st.push_back({node, predicate, object});
    return node;
  }

  // A term's text as the report writes it (strings that must stay put while written).
  struct Nodes {
    std::string text;
    std::string datatype;
    rdf::serd_io::WriteNode node;
    std::optional<rdf::serd_io::WriteNode> dt;
    std::optional<rdf::serd_io::WriteNode> lang;
  };

  // The datatype of a literal as the writer gets it. The abbreviating writer prints
  // xsd:integer, decimal and boolean values bare and unchecked; an ill-formed value would
  // then be invalid Turtle, so such a value gets a CURIE datatype, which keeps it quoted.
  static void datatypeNode(const rdf::Term& t, Nodes& n) {
    const std::string_view xsd = ns::xsd;
    const bool xsdType = t.datatype.str().starts_with(xsd);
    const std::string local = xsdType ? t.datatype.substr(xsd.size()) : "";
    const bool bare = local == "integer" || local == "decimal" || local == "boolean";
    const bool safeBare =
        bare && detail::isWellFormed(t.datatype, t.value) &&
        (local != "boolean" || t.value == "true" || t.value == "false") &&
        (local != "decimal" || (t.value.find('.') != std::string::npos && t.value.back() != '.'));
    if (bare && !safeBare) {
      n.datatype = "xsd:" + local;
      n.dt = rdf::serd_io::WriteNode::curie(n.datatype);
    } else {
      n.datatype = text::encodeIri(t.datatype);
      n.dt = rdf::serd_io::WriteNode::iri(n.datatype);
    }
  }

  static void toNodes(const rdf::Term& t, Nodes& n) {
    switch (t.kind) {
      case rdf::TermKind::Iri:
        n.text = text::encodeIri(t.value);
        n.node = rdf::serd_io::WriteNode::iri(n.text);
        break;
      case rdf::TermKind::Blank:
        n.text = t.value;
        n.node = rdf::serd_io::WriteNode::blank(n.text);
        break;
      case rdf::TermKind::Literal:
        n.text = t.value;
        n.node = rdf::serd_io::WriteNode::literal(n.text);
        if (!t.language.empty()) {
          n.lang = rdf::serd_io::WriteNode::literal(t.language);
        } else if (!t.datatype.empty()) {
          datatypeNode(t, n);
        }
        break;
    }
  }

  bool emit(const std::vector<Statement>& statements) {
    // Group the statements of each subject, keeping the first-seen order of subjects.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const Statement*>> bySubject;
    for (const Statement& s : statements) {
      const std::string key = s.subject.value;
      if (bySubject.find(key) == bySubject.end()) order.push_back(key);
      bySubject[key].push_back(&s);
    }
    rdf::serd_io::RdfWriter writer(rdf::serd_io::Syntax::Turtle, out_);
    writer.prefix("rdf", ns::rdf);
    writer.prefix("sh", ns::sh);
    writer.prefix("xsd", ns::xsd);
    bool ok = true;
    for (const std::string& key : order) {
      for (const Statement* s : bySubject[key]) {
        Nodes subject;
        Nodes predicate;
        Nodes object;
        toNodes(s->subject, subject);
        toNodes(rdf::Term::iri(s->predicate), predicate);
        toNodes(s->object, object);
        if (!writer
                 .statement(nullptr, subject.node, predicate.node, object.node,
                            object.dt ? &*object.dt : nullptr,
                            object.lang ? &*object.lang : nullptr)
                 .empty()) {
          ok = false;
        }
      }
    }
    return writer.finish().empty() && ok;
  }

  std::ostream& out_;
};

// ---- JSON ---------------------------------------------------------------------------------

nlohmann::ordered_json termJson(const rdf::Term& t) {
  nlohmann::ordered_json j;
  j["type"] = t.isIri() ? "iri" : t.isBlank() ? "blank" : "literal";
  j["value"] = t.value;
  if (t.isLiteral()) {
    if (!t.language.empty()) {
      j["language"] = t.language.str();
    } else {
      j["datatype"] = t.datatype.empty() ? std::string(kXsdNs) + "string" : t.datatype.str();
    }
  }
  return j;
}

// A file name as a SARIF artifact URI: a URI reference, so everything but unreserved
// characters and the path's '/' and ':' is escaped, non-ASCII bytes included.
std::string artifactUri(const std::string& file) {
  const std::string out = text::percentEncode(file, [](std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    return !(std::isalnum(c) ||
             std::string_view("-._~/:").find(static_cast<char>(c)) != std::string_view::npos);
  });
  return !file.empty() && file.front() == '/' ? "file://" + out : out;
}

bool dump(const nlohmann::ordered_json& j, std::ostream& out) {
  // Terms from the data may hold invalid UTF-8; replace those bytes rather than throw.
  out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  out.flush();
  return out.good();
}

}  // namespace

std::string Path::toString() const {
  auto operand = [](const Path& p) {
    const std::string s = p.toString();
    return isComplex(p) || p.kind == Path::Kind::Inverse ? "(" + s + ")" : s;
  };
  switch (kind) {
    case Kind::Predicate:
      return "<" + iri.value + ">";
    case Kind::Inverse:
      return "^" + operand(items.front());
    case Kind::Sequence:
    case Kind::Alternative: {
      std::string out;
      for (const Path& p : items) {
        if (!out.empty()) out += kind == Kind::Sequence ? "/" : "|";
        out += isComplex(p) ? "(" + p.toString() + ")" : p.toString();
      }
      return out;
    }
    case Kind::ZeroOrMore:
      return operand(items.front()) + "*";
    case Kind::OneOrMore:
      return operand(items.front()) + "+";
    case Kind::ZeroOrOne:
      return operand(items.front()) + "?";
  }
  return "";
}

Severity toSeverity(const rdf::Term& s) {
  if (s.value == kWarning) return Severity::Warning;
  if (s.value == kInfo) return Severity::Info;
  return Severity::Error;
}

std::string ValidationResult::messageText() const {
  for (const rdf::Term& m : messages) {
    if (m.language.empty()) return m.value;
  }
  for (const rdf::Term& m : messages) {
    if (m.language == "en" || m.language.rfind("en-", 0) == 0) return m.value;
  }
  return messages.empty() ? std::string() : messages.front().value.str();
}

std::vector<Diagnostic> ValidationReport::diagnostics() const {
  std::vector<Diagnostic> out;
  for (const ValidationResult& r : results) {
    std::string message = r.messageText();
    if (!hasPosition(r.origin)) message = termToString(r.focusNode) + ": " + message;
    out.push_back(Diagnostic{r.guidegraphSeverity(), r.origin,
                             localName(r.sourceConstraintComponent), std::move(message)});
  }
  return out;
}

std::string termToString(const rdf::Term& t) {
  switch (t.kind) {
    case rdf::TermKind::Iri:
      return "<" + t.value + ">";
    case rdf::TermKind::Blank:
      return "_:" + t.value;
    case rdf::TermKind::Literal:
      if (!t.language.empty()) return "\"" + escapeLiteral(t.value) + "\"@" + t.language;
      if (!t.datatype.empty()) return "\"" + escapeLiteral(t.value) + "\"^^<" + t.datatype + ">";
      return "\"" + escapeLiteral(t.value) + "\"";
  }
  return "";
}

bool writeReportTurtle(const ValidationReport& report, std::ostream& out) {
  return TurtleWriter(out).write(report);
}

bool writeReportText(const ValidationReport& report, std::ostream& out) {
  return writeReportText(report, Diagnostics(), out);
}

bool writeReportText(const ValidationReport& report, const Diagnostics& inputProblems,
                     std::ostream& out) {
  std::size_t counts[3] = {inputProblems.count(Severity::Info),
                           inputProblems.count(Severity::Warning),
                           inputProblems.count(Severity::Error)};
  for (const ValidationResult& r : report.results) {
    const Severity sev = r.guidegraphSeverity();
    ++counts[static_cast<std::size_t>(sev)];
    out << positionPrefix(r) << ": " << severityName(sev) << ": ";
    if (hasPosition(r.origin) && r.origin.line == 0) out << termToString(r.focusNode) << ": ";
    out << r.messageText() << " [" << shortComponent(r.sourceConstraintComponent) << "]\n";
  }
  const bool conforms = report.conforms && !inputProblems.hasErrors();
  out << (conforms ? "conforms" : "does not conform") << ": " << counts[2] << " error(s), "
      << counts[1] << " warning(s), " << counts[0] << " info(s)\n";
  out.flush();
  return out.good();
}

bool writeReportJson(const ValidationReport& report, std::ostream& out) {
  nlohmann::ordered_json j;
  j["conforms"] = report.conforms;
  j["results"] = nlohmann::ordered_json::array();
  for (const ValidationResult& r : report.results) {
    nlohmann::ordered_json e;
    e["severity"] = severityName(r.guidegraphSeverity());
    e["resultSeverity"] = r.severity.value;
    e["sourceConstraintComponent"] = r.sourceConstraintComponent;
    e["focusNode"] = termJson(r.focusNode);
    if (r.resultPath) e["resultPath"] = r.resultPath->toString();
    if (r.value) e["value"] = termJson(*r.value);
    e["sourceShape"] = termJson(r.sourceShape);
    e["message"] = r.messageText();
    e["messages"] = nlohmann::ordered_json::array();
    for (const rdf::Term& m : r.messages) e["messages"].push_back(termJson(m));
    if (hasPosition(r.origin)) {
      e["origin"] = {
          {"file", r.origin.file.str()}, {"line", r.origin.line}, {"column", r.origin.column}};
    }
    j["results"].push_back(std::move(e));
  }
  return dump(j, out);
}

bool writeReportSarif(const ValidationReport& report, std::ostream& out) {
  std::set<std::string> components;
  for (const ValidationResult& r : report.results) components.insert(r.sourceConstraintComponent);
  std::map<std::string, std::size_t> ruleIndex;
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const std::string& c : components) {
    ruleIndex[c] = rules.size();
    rules.push_back({{"id", localName(c)},
                     {"shortDescription", {{"text", "SHACL " + shortComponent(c)}}},
                     {"helpUri", c}});
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const ValidationResult& r : report.results) {
    const Severity sev = r.guidegraphSeverity();
    nlohmann::ordered_json e;
    e["ruleId"] = localName(r.sourceConstraintComponent);
    e["ruleIndex"] = ruleIndex[r.sourceConstraintComponent];
    e["level"] = sarifLevel(sev);
    e["message"] = {{"text", r.messageText()}};
    nlohmann::ordered_json location;
    if (!r.origin.file.empty()) {
      nlohmann::ordered_json physical;
      physical["artifactLocation"] = {{"uri", artifactUri(r.origin.file)}};
      if (r.origin.line > 0) {
        nlohmann::ordered_json region;
        region["startLine"] = r.origin.line;
        if (r.origin.column > 0) region["startColumn"] = r.origin.column;
        physical["region"] = region;
      }
      location["physicalLocation"] = physical;
    }
    location["logicalLocations"] = nlohmann::ordered_json::array(
        {{{"fullyQualifiedName", termToString(r.focusNode)}, {"kind", "object"}}});
    e["locations"] = nlohmann::ordered_json::array({location});
    nlohmann::ordered_json props;
    props["focusNode"] = termToString(r.focusNode);
    if (r.resultPath) props["resultPath"] = r.resultPath->toString();
    if (r.value) props["value"] = termToString(*r.value);
    props["sourceShape"] = termToString(r.sourceShape);
    props["resultSeverity"] = r.severity.value;
    e["properties"] = props;
    results.push_back(std::move(e));
  }
  nlohmann::ordered_json sarif;
  sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  sarif["version"] = "2.1.0";
  sarif["runs"] =
      nlohmann::ordered_json::array({{{"tool",
                                       {{"driver",
                                         {{"name", "guidegraph"},
                                          {"semanticVersion", GUIDEGRAPH_VERSION},
                                          {"informationUri", "https://www.w3.org/TR/shacl/"},
                                          {"rules", rules}}}}},
                                      {"results", results}}});
  return dump(sarif, out);
}

const char* sarifLevel(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "error";
}

}  // namespace guidegraph::shacl
