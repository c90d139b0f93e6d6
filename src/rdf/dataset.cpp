#include <algorithm>
#include <cstdint>
#include <functional>
#include <numeric>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "guidegraph/ns.hpp"
#include "guidegraph/rdf.hpp"

namespace guidegraph::rdf {

namespace {
// rdf:type sorts first among a subject's predicates, as readers of Turtle expect `a` first.
int predicateRank(const Term& p) {
  static const Atom type(ns::rdfType);
  return p.value == type ? 0 : 1;  // Atoms: one pointer comparison
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

namespace {

// For each triple, the rank of its subject among the distinct subjects sorted by text.
std::vector<std::uint32_t> subjectRanks(const std::vector<Triple>& triples) {
  struct TermHash {
    std::size_t operator()(const Term& t) const noexcept {
      std::size_t h = std::hash<Atom>{}(t.value);
      h = h * 31 + std::hash<Atom>{}(t.datatype);
      h = h * 31 + std::hash<Atom>{}(t.language);
      return h * 4 + static_cast<std::size_t>(t.kind);
    }
  };
  std::unordered_map<Term, std::uint32_t, TermHash> subjectIds;
  std::vector<Term> subjects;
  std::vector<std::uint32_t> subjectOf(triples.size());
  for (std::size_t i = 0; i < triples.size(); ++i) {
    const Term& s = triples[i].subject;
    if (i > 0 && s == triples[i - 1].subject) {
      subjectOf[i] = subjectOf[i - 1];
      continue;
    }
    const auto [it, inserted] =
        subjectIds.try_emplace(s, static_cast<std::uint32_t>(subjects.size()));
    if (inserted) subjects.push_back(s);
    subjectOf[i] = it->second;
  }
  subjectIds = {};
  std::vector<std::uint32_t> byText(subjects.size());
  std::iota(byText.begin(), byText.end(), std::uint32_t{0});
  std::sort(byText.begin(), byText.end(),
            [&](std::uint32_t a, std::uint32_t b) { return subjects[a] < subjects[b]; });
  std::vector<std::uint32_t> rank(subjects.size());
  for (std::size_t r = 0; r < byText.size(); ++r) rank[byText[r]] = static_cast<std::uint32_t>(r);
  for (std::uint32_t& id : subjectOf) id = rank[id];
  return subjectOf;
}

// The positions of the triples in tripleLess order (ties in build order).
std::vector<std::size_t> sortedOrder(const std::vector<Triple>& triples) {
  std::vector<std::uint64_t> keys(triples.size());
  {
    const std::vector<std::uint32_t> rank = subjectRanks(triples);
    for (std::size_t i = 0; i < triples.size(); ++i) keys[i] = (std::uint64_t{rank[i]} << 32) | i;
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::size_t> order(triples.size());
  for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i] & 0xffffffffU;
  // Each subject's triples are sorted on their own: on two threads for a large dataset, the
  // second taking the subjects from the one nearest the middle.
  const auto sortRuns = [&](std::size_t from, std::size_t end) {
    while (from < end) {
      std::size_t to = from + 1;
      while (to < end && (keys[to] >> 32) == (keys[from] >> 32)) ++to;
      if (to - from > 1) {
        std::sort(order.begin() + static_cast<std::ptrdiff_t>(from),
                  order.begin() + static_cast<std::ptrdiff_t>(to),
                  [&triples](std::size_t a, std::size_t b) {
                    const auto c = tripleCompare(triples[a], triples[b]);
                    return c != 0 ? c < 0 : a < b;
                  });
      }
      from = to;
    }
  };
  std::size_t middle = keys.size() / 2;
  while (middle > 0 && middle < keys.size() && (keys[middle] >> 32) == (keys[middle - 1] >> 32))
    ++middle;
  if (keys.size() >= 100000 && std::thread::hardware_concurrency() > 1) {
    std::jthread second(sortRuns, middle, keys.size());
    sortRuns(0, middle);
  } else {
    sortRuns(0, keys.size());
  }
  return order;
}

// Moves the triples so that position i receives order[i], in place, one cycle at a time.
void applyOrder(std::vector<Triple>& triples, std::vector<std::size_t>& order) {
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
}

}  // namespace

// Sorts positions rather than triples: a Triple is over a hundred bytes, and sorting them
// directly moves each one many times. Comparing triples in place would also reach into the
// whole vector at random on every comparison; instead each distinct subject gets its rank
// among the subjects (their texts sorted once), the positions are sorted by (rank, position)
// as plain integers, and only the triples of one subject, mostly next to each other, are
// compared in full. Ties keep build order, so among duplicates the first origin is kept, as
// a stable sort would.
void Dataset::normalize() {
  std::vector<std::size_t> order = sortedOrder(triples);
  applyOrder(triples, order);
  triples.erase(std::unique(triples.begin(), triples.end()), triples.end());
}

}  // namespace guidegraph::rdf
