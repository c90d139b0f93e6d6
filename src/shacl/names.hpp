// Private: short, readable names of terms for messages ("ex:Source" rather than the full
// IRI), using the prefixes declared in the data and shapes graphs.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "guidegraph/shacl.hpp"

namespace guidegraph::shacl::detail {

class Namer {
 public:
  // Earlier prefixes win over later ones with the same name or namespace.
  void add(const std::string& name, const std::string& iri);
  void addStandard();  // rdf, rdfs, xsd, sh, owl

  [[nodiscard]] std::string term(const rdf::Term& t) const;
  [[nodiscard]] std::string path(const Path& p) const;

 private:
  std::vector<std::pair<std::string, std::string>> prefixes_;  // (name, namespace IRI)
};

}  // namespace guidegraph::shacl::detail
