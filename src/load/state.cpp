#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

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

std::vector<GraphContent> groupByGraph(const std::vector<rdf::Triple>& triples,
                                       const std::string& singleGraph) {
  std::map<std::string, std::vector<rdf::Triple>> byGraph;
  for (const auto& t : triples) {
    rdf::Triple copy = t;
    copy.graph = Atom();
    byGraph[singleGraph.empty() ? t.graph.str() : singleGraph].push_back(std::move(copy));
  }
  std::vector<GraphContent> out;
  for (auto& [graph, list] : byGraph) {
    rdf::Dataset d;
    d.triples = std::move(list);
    d.normalize();
    out.push_back(GraphContent{graph, std::move(d.triples)});
  }
  return out;
}

std::string ntriplesOf(const std::vector<rdf::Triple>& triples) {
  rdf::Dataset d;
  d.triples = triples;
  for (auto& t : d.triples) t.graph = Atom();
  d.normalize();
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

std::string writeLoadState(const std::string& path, const LoadState& state) {
  nlohmann::ordered_json j;
  j["format"] = "guidegraph-load-state/1";
  nlohmann::ordered_json endpoints = nlohmann::ordered_json::object();
  for (const auto& [endpoint, graphs] : state.endpoints) {  // std::map: sorted, deterministic
    nlohmann::ordered_json g = nlohmann::ordered_json::object();
    for (const auto& [graph, hash] : graphs) g[graph] = hash;
    endpoints[endpoint] = std::move(g);
  }
  j["endpoints"] = std::move(endpoints);
  const WriteResult r = writeFileAtomically(path, [&](std::ostream& os) {
    os << j.dump(1) << '\n';
    return static_cast<bool>(os);
  });
  return r.ok ? std::string() : r.error;
}

}  // namespace guidegraph::load
