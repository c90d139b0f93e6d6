#include <array>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "guidegraph/load.hpp"
#include "guidegraph/output.hpp"
#include "guidegraph/serialize.hpp"

namespace guidegraph::load {
namespace {

// SHA-256 (FIPS 180-4), small and dependency-free; checked against sha256sum in the tests.
class Sha256 {
 public:
  void update(const std::string& bytes) {
    for (unsigned char c : bytes) {
      block_[used_++] = c;
      if (used_ == 64) {
        compress();
        used_ = 0;
      }
    }
    length_ += bytes.size();
  }

  std::string hex() {
    const std::uint64_t bits = length_ * 8;
    block_[used_++] = 0x80;
    if (used_ > 56) {
      while (used_ < 64) block_[used_++] = 0;
      compress();
      used_ = 0;
    }
    while (used_ < 56) block_[used_++] = 0;
    for (int i = 7; i >= 0; --i) block_[used_++] = static_cast<unsigned char>(bits >> (i * 8));
    compress();
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::uint32_t word : h_) {
      for (int i = 28; i >= 0; i -= 4) out += digits[(word >> i) & 15];
    }
    return out;
  }

 private:
  static std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

  void compress() {
    static constexpr std::array<std::uint32_t, 64> k = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2};
    std::array<std::uint32_t, 64> w{};
    for (int i = 0; i < 16; ++i) {
      w[i] = (std::uint32_t{block_[i * 4]} << 24) | (std::uint32_t{block_[i * 4 + 1]} << 16) |
             (std::uint32_t{block_[i * 4 + 2]} << 8) | std::uint32_t{block_[i * 4 + 3]};
    }
    for (int i = 16; i < 64; ++i) {
      const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::array<std::uint32_t, 8> v = h_;
    for (int i = 0; i < 64; ++i) {
      const std::uint32_t s1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25);
      const std::uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
      const std::uint32_t t1 = v[7] + s1 + ch + k[i] + w[i];
      const std::uint32_t s0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22);
      const std::uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
      const std::uint32_t t2 = s0 + maj;
      v = {t1 + t2, v[0], v[1], v[2], v[3] + t1, v[4], v[5], v[6]};
    }
    for (int i = 0; i < 8; ++i) h_[i] += v[i];
  }

  std::array<std::uint32_t, 8> h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::array<unsigned char, 64> block_{};
  std::size_t used_ = 0;
  std::uint64_t length_ = 0;
};

}  // namespace

std::string sha256Hex(const std::string& bytes) {
  Sha256 h;
  h.update(bytes);
  return h.hex();
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
