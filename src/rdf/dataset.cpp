#include <algorithm>
#include <numeric>
#include <tuple>

#include "guidegraph/rdf.hpp"

namespace guidegraph::rdf {

namespace {
// rdf:type sorts first among a subject's predicates, as readers of Turtle expect `a` first.
int predicateRank(const Term& p) {
  return p.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" ? 0 : 1;
}

std::strong_ordering tripleCompare(const Triple& a, const Triple& b) {
  if (const auto c = a.subject <=> b.subject; c != 0) return c;
  const int ra = predicateRank(a.predicate);
  const int rb = predicateRank(b.predicate);
  return std::tie(ra, a.predicate, a.object, a.graph) <=>
         std::tie(rb, b.predicate, b.object, b.graph);
}
}  // namespace

bool tripleLess(const Triple& a, const Triple& b) { return tripleCompare(a, b) < 0; }

void Dataset::normalize() {
  // Sorts positions rather than triples: a Triple is a few hundred bytes, and sorting them
  // directly moves each one many times and (std::stable_sort) holds a buffer of half of them,
  // which at 100,000 pages is hundreds of megabytes. Ties keep build order, so among
  // duplicates the first origin is kept, as a stable sort would.
  std::vector<std::size_t> order(triples.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
    const auto c = tripleCompare(triples[a], triples[b]);
    return c != 0 ? c < 0 : a < b;
  });
  // Applies the permutation in place, one cycle at a time: position i receives order[i].
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i] == i) continue;
    Triple held = std::move(triples[i]);
    std::size_t j = i;
    while (order[j] != i) {
      const std::size_t from = order[j];
      triples[j] = std::move(triples[from]);
      order[j] = j;
      j = from;
    }
    triples[j] = std::move(held);
    order[j] = j;
  }
  triples.erase(std::unique(triples.begin(), triples.end()), triples.end());
}

}  // namespace guidegraph::rdf
