#include "guidegraph/atom.hpp"

#include <array>
#include <mutex>
#include <ostream>
#include <unordered_set>

#include "guidegraph/text.hpp"

namespace guidegraph {

namespace {

// Texts are kept in node-based sets, so their addresses never move. Several shards, each
// with its own lock, so parallel parsing does not queue on one mutex.
struct Interner {
  static constexpr std::size_t kShards = 16;
  struct Shard {
    std::mutex mutex;
    std::unordered_set<std::string, text::StringViewHash, std::equal_to<>> texts;
  };
  std::array<Shard, kShards> shards;

  const std::string* intern(std::string_view text) {
    const std::size_t h = text::StringViewHash{}(text);
    Shard& shard = shards[(h >> 8) % kShards];
    const std::lock_guard lock(shard.mutex);
    auto it = shard.texts.find(text);
    if (it == shard.texts.end()) it = shard.texts.emplace(text).first;
    return &*it;
  }

  std::size_t size() {
    std::size_t n = 0;
    for (Shard& shard : shards) {
      const std::lock_guard lock(shard.mutex);
      n += shard.texts.size();
    }
    return n;
  }
};

// Never destroyed: Atoms in static objects may outlive any destruction order.
Interner& interner() {
  static Interner* const instance = new Interner();
  return *instance;
}

}  // namespace

Atom::Atom(std::string_view text) : text_(text.empty() ? &emptyText() : interner().intern(text)) {}

const std::string& Atom::emptyText() noexcept {
  static const std::string empty;
  return empty;
}

std::size_t Atom::internedCount() { return interner().size(); }

std::ostream& operator<<(std::ostream& os, const Atom& a) { return os << a.str(); }

}  // namespace guidegraph
