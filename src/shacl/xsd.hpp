// Private: lexical forms and value spaces of the XSD datatypes SHACL Core needs.
#pragma once

#include <compare>
#include <string_view>

namespace guidegraph::shacl::detail {

struct LiteralView {
  std::string_view lexical;
  std::string_view datatype;  // full IRI; empty means xsd:string (or rdf:langString if lang)
  std::string_view language;
};

// True if `lexical` is in the lexical space of `datatype`; datatypes not known here (and
// xsd:string, anyURI, ...) accept every lexical form.
bool isWellFormed(std::string_view datatype, std::string_view lexical);

// Compares two literals in value space, as SPARQL's < and = on them would: numbers with
// numbers, dates with dates, date-times with date-times (both with or both without a
// time zone), strings with strings, booleans with booleans. Anything else, including an
// ill-formed literal, is unordered.
std::partial_ordering compareLiterals(const LiteralView& a, const LiteralView& b);

}  // namespace guidegraph::shacl::detail
