#include "names.hpp"

#include <algorithm>
#include <cctype>

#include "guidegraph/ns.hpp"

namespace guidegraph::shacl::detail {
namespace {

// A local part that reads unambiguously after "prefix:" (a conservative PN_LOCAL).
bool isSimpleLocal(std::string_view s) {
  if (s.empty()) return true;
  if (s.back() == '.' || s.front() == '-' || s.front() == '.') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

bool isComplex(const Path& p) {
  return p.kind == Path::Kind::Sequence || p.kind == Path::Kind::Alternative;
}

}  // namespace

void Namer::add(const std::string& name, const std::string& iri) {
  if (iri.find(':') == std::string::npos) return;  // relative: not useful for names
  for (const auto& [n, i] : prefixes_) {
    if (n == name || i == iri) return;
  }
  prefixes_.emplace_back(name, iri);
}

void Namer::addStandard() {
  add("rdf", ns::rdf);
  add("rdfs", ns::rdfs);
  add("xsd", ns::xsd);
  add("sh", ns::sh);
  add("owl", ns::owl);
}

std::string Namer::term(const rdf::Term& t) const {
  switch (t.kind) {
    case rdf::TermKind::Iri: {
      const std::pair<std::string, std::string>* best = nullptr;
      for (const auto& prefix : prefixes_) {
        const std::string& ns = prefix.second;
        if (t.value.size() >= ns.size() && t.value.compare(0, ns.size(), ns) == 0 &&
            isSimpleLocal(std::string_view(t.value).substr(ns.size())) &&
            (best == nullptr || ns.size() > best->second.size())) {
          best = &prefix;
        }
      }
      if (best != nullptr) return best->first + ":" + t.value.substr(best->second.size());
      return "<" + t.value + ">";
    }
    case rdf::TermKind::Blank:
      return "_:" + t.value;
    case rdf::TermKind::Literal: {
      const std::string lex = "\"" + escape(t.value) + "\"";
      if (!t.language.empty()) return lex + "@" + t.language;
      if (!t.datatype.empty()) return lex + "^^" + term(rdf::Term::iri(t.datatype));
      return lex;
    }
  }
  return "";
}

std::string Namer::path(const Path& p) const {
  auto operand = [&](const Path& item) {
    const std::string s = path(item);
    return isComplex(item) || item.kind == Path::Kind::Inverse ? "(" + s + ")" : s;
  };
  switch (p.kind) {
    case Path::Kind::Predicate:
      return term(p.iri);
    case Path::Kind::Inverse:
      return "^" + operand(p.items.front());
    case Path::Kind::Sequence:
    case Path::Kind::Alternative: {
      std::string out;
      for (const Path& item : p.items) {
        if (!out.empty()) out += p.kind == Path::Kind::Sequence ? "/" : "|";
        out += isComplex(item) ? "(" + path(item) + ")" : path(item);
      }
      return out;
    }
    case Path::Kind::ZeroOrMore:
      return operand(p.items.front()) + "*";
    case Path::Kind::OneOrMore:
      return operand(p.items.front()) + "+";
    case Path::Kind::ZeroOrOne:
      return operand(p.items.front()) + "?";
  }
  return "";
}

}  // namespace guidegraph::shacl::detail
