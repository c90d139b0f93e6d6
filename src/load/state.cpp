#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "guidegraph/load.hpp"
#include "guidegraph/output.hpp"
#include "guidegraph/serialize.hpp"

namespace guidegraph::load {
namespace {

// OpenSSL's EVP digest context, freed on every path.
struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

}  // namespace

std::string sha256Hex(const std::string& bytes) {
  const std::unique_ptr<EVP_MD_CTX, DigestContextDeleter> ctx(EVP_MD_CTX_new());
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1) {
    // Only an exhausted or broken libcrypto gets here; no state file may hold a wrong hash.
    throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += kDigits[digest[i] >> 4];
    out += kDigits[digest[i] & 15];
  }
  return out;
}

namespace {

// True when the triples are in tripleLess order without duplicates, as the grouped view's
// are: sorting them again would only cost time.
bool strictlySorted(const std::vector<rdf::Triple>& triples) {
  return std::adjacent_find(triples.begin(), triples.end(),
                            [](const rdf::Triple& a, const rdf::Triple& b) {
                              return !rdf::tripleLess(a, b);
                            }) == triples.end();
}

}  // namespace

GraphPositions positionsByGraph(const std::vector<rdf::Triple>& triples,
                                const std::string& singleGraph) {
  // Graphs are told apart by the address of their interned IRI text (one hash lookup per
  // change of graph, no string comparison). A subject's triples are next to each other and
  // mostly in one graph, so the graph of the triple before is tried first.
  const auto keyOf = [&](const rdf::Triple& t) {
    return singleGraph.empty() ? &t.graph.str() : &singleGraph;
  };
  std::unordered_map<const std::string*, std::uint32_t> index;
  std::vector<const std::string*> keys;
  std::vector<std::uint32_t> graphOf(triples.size());
  std::vector<std::size_t> sizes;
  const std::string* lastKey = nullptr;
  std::uint32_t last = 0;
  for (std::size_t i = 0; i < triples.size(); ++i) {
    const std::string* key = keyOf(triples[i]);
    if (key != lastKey) {
      const auto [it, fresh] = index.try_emplace(key, static_cast<std::uint32_t>(keys.size()));
      if (fresh) {
        keys.push_back(key);
        sizes.push_back(0);
      }
      lastKey = key;
      last = it->second;
    }
    graphOf[i] = last;
    ++sizes[last];
  }
  // Graphs in IRI order; each graph's positions in the order of `triples` (a counting sort).
  std::vector<std::uint32_t> byName(keys.size());
  std::iota(byName.begin(), byName.end(), 0U);
  std::sort(byName.begin(), byName.end(),
            [&](std::uint32_t x, std::uint32_t y) { return *keys[x] < *keys[y]; });
  std::vector<std::uint32_t> rank(keys.size());
  GraphPositions out;
  out.graphs.reserve(keys.size());
  out.offsets.assign(keys.size() + 1, 0);
  for (std::size_t r = 0; r < byName.size(); ++r) {
    rank[byName[r]] = static_cast<std::uint32_t>(r);
    out.graphs.push_back(*keys[byName[r]]);
    out.offsets[r + 1] = out.offsets[r] + sizes[byName[r]];
  }
  out.positions.resize(triples.size());
  std::vector<std::size_t> fill(out.offsets.begin(), out.offsets.end() - 1);
  for (std::size_t i = 0; i < triples.size(); ++i)
    out.positions[fill[rank[graphOf[i]]]++] = static_cast<std::uint32_t>(i);
  return out;
}

GraphContent contentOf(const std::vector<rdf::Triple>& triples, const GraphPositions& positions,
                       std::size_t graph) {
  GraphContent g{positions.graphs[graph], {}};
  g.triples.reserve(positions.offsets[graph + 1] - positions.offsets[graph]);
  for (std::size_t k = positions.offsets[graph]; k < positions.offsets[graph + 1]; ++k) {
    rdf::Triple& copy = g.triples.emplace_back(triples[positions.positions[k]]);
    copy.graph = Atom();
  }
  // A normalized dataset (the site's view) is in (s, p, o, graph) order, so each graph's
  // share already is in (s, p, o) order; RDF files are not.
  if (!strictlySorted(g.triples)) {
    rdf::Dataset d;
    d.triples = std::move(g.triples);
    d.normalize();
    g.triples = std::move(d.triples);
  }
  return g;
}

std::vector<GraphContent> groupByGraph(const std::vector<rdf::Triple>& triples,
                                       const std::string& singleGraph) {
  const GraphPositions positions = positionsByGraph(triples, singleGraph);
  std::vector<GraphContent> out;
  out.reserve(positions.graphs.size());
  for (std::size_t i = 0; i < positions.graphs.size(); ++i)
    out.push_back(contentOf(triples, positions, i));
  return out;
}

std::string ntriplesOf(const std::vector<rdf::Triple>& triples) {
  rdf::Dataset d;
  d.triples = triples;
  for (auto& t : d.triples) t.graph = Atom();
  if (!strictlySorted(d.triples)) d.normalize();
  std::ostringstream out;
  const std::string error = serialize::writeRdf(d, serialize::RdfFormat::NTriples, out);
  if (!error.empty()) throw std::logic_error("cannot write N-Triples: " + error);
  return out.str();
}

std::string graphHash(const GraphContent& graph) { return sha256Hex(ntriplesOf(graph.triples)); }

std::string readLoadState(const std::string& path, LoadState& state) {
  state = LoadState{};
  std::ifstream in(path);
  if (!in) return {};  // no state yet: everything counts as changed
  try {
    const nlohmann::json j = nlohmann::json::parse(in);
    if (j.value("format", std::string()) != "guidegraph-load-state/1") {
      return "'" + path +
             "' is not a guidegraph load state file; remove it or give another --state FILE";
    }
    for (const auto& [endpoint, graphs] : j.at("endpoints").items()) {
      auto& into = state.endpoints[endpoint];
      for (const auto& [graph, hash] : graphs.items()) into[graph] = hash.get<std::string>();
    }
  } catch (const nlohmann::json::exception& e) {
    return "cannot read the load state '" + path + "' (" + e.what() +
           "); remove it to send every page again";
  }
  return {};
}

// Written as it goes, in the layout of nlohmann's dump(1): an ordered_json object finds each
// key by a linear search, and building one of 100,000 graphs took seconds.
std::string writeLoadState(const std::string& path, const LoadState& state) {
  const auto quoted = [](const std::string& text) { return nlohmann::json(text).dump(); };
  const WriteResult r = writeFileAtomically(path, [&](std::ostream& os) {
    os << "{\n \"format\": \"guidegraph-load-state/1\",\n \"endpoints\": {";
    const char* endpointSeparator = "\n";
    for (const auto& [endpoint, graphs] : state.endpoints) {  // std::map: sorted, deterministic
      os << endpointSeparator << "  " << quoted(endpoint) << ": {";
      endpointSeparator = ",\n";
      const char* separator = "\n";
      for (const auto& [graph, hash] : graphs) {
        os << separator << "   " << quoted(graph) << ": " << quoted(hash);
        separator = ",\n";
      }
      os << (graphs.empty() ? "}" : "\n  }");
    }
    os << (state.endpoints.empty() ? "}" : "\n }") << "\n}\n";
    return static_cast<bool>(os);
  });
  return r.ok ? std::string() : r.error;
}

}  // namespace guidegraph::load
