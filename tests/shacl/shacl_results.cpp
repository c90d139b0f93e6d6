// Prints a validation report in a normalised line format, one result per line, sorted:
//   focus | path | value | shape | component | severity
// Blank nodes print as "_", language tags in lower case, paths as "P:<iri>" or "complex".
// Used to compare this engine with another one (see differential/).
// Usage: shacl-results SHAPES DATA
#include <algorithm>
#include <cctype>
#include <iostream>

#include "guidegraph/shacl.hpp"

namespace {

using guidegraph::rdf::Term;

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string term(const std::optional<Term>& t) {
  if (!t) return "-";
  if (t->isIri()) return "<" + t->value + ">";
  if (t->isBlank()) return "_";
  std::string out = quoted(t->value);
  if (!t->language.empty()) {
    std::string lang = t->language;
    for (char& c : lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out + "@" + lang;
  }
  if (!t->datatype.empty()) return out + "^^" + t->datatype;
  return out;
}

std::string local(const std::string& iri) { return iri.substr(iri.find('#') + 1); }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: shacl-results SHAPES DATA\n";
    return 2;
  }
  guidegraph::Diagnostics diags;
  const auto shapes = guidegraph::shacl::ShapesGraph::fromFiles({argv[1]}, diags);
  const auto data = guidegraph::shacl::DataGraph::fromFiles({argv[2]}, diags);
  for (const auto& d : diags.items()) {
    std::cerr << d.pos.file << ":" << d.pos.line << ":" << d.pos.column << ": " << d.message
              << "\n";
  }
  for (const auto& d : diags.items()) {
    if (d.severity == guidegraph::Severity::Error) return 2;
  }
  const auto report = guidegraph::shacl::validate(shapes, data);
  std::vector<std::string> lines;
  for (const auto& r : report.results) {
    std::string path = "-";
    if (r.resultPath) {
      path = r.resultPath->kind == guidegraph::shacl::Path::Kind::Predicate
                 ? "P:" + r.resultPath->iri.value
                 : "complex";
    }
    lines.push_back(term(r.focusNode) + " | " + path + " | " + term(r.value) + " | " +
                    term(r.sourceShape) + " | " + local(r.sourceConstraintComponent) + " | " +
                    local(r.severity.value));
  }
  std::sort(lines.begin(), lines.end());
  std::cout << "conforms " << (report.conforms ? "true" : "false") << "\n";
  for (const std::string& l : lines) std::cout << l << "\n";
  return std::cout.flush() ? 0 : 3;
}
