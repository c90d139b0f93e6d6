#include <algorithm>
#include <tuple>

#include "guidegraph/rdf.hpp"

namespace guidegraph::rdf {

namespace {
// rdf:type sorts first among a subject's predicates, as readers of Turtle expect `a` first.
int predicateRank(const Term& p) {
  return p.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" ? 0 : 1;
}
}  // namespace

bool tripleLess(const Triple& a, const Triple& b) {
  const int ra = predicateRank(a.predicate);
  const int rb = predicateRank(b.predicate);
  return std::tie(a.subject, ra, a.predicate, a.object, a.graph) <
         std::tie(b.subject, rb, b.predicate, b.object, b.graph);
}

void Dataset::normalize() {
  // Stable, so that among duplicates the first origin (in build order) is kept.
  std::stable_sort(triples.begin(), triples.end(), tripleLess);
  triples.erase(std::unique(triples.begin(), triples.end()), triples.end());
}

}  // namespace guidegraph::rdf
