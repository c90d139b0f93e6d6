#include "guidegraph/languages.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "guidegraph/countries.hpp"

namespace guidegraph {
namespace {

struct LanguageName {
  std::string_view name;
  std::size_t language;  // index into kLanguages
};

#include "language_table.inc"

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

struct Key {
  std::string key;
  std::size_t language;
  bool operator<(const Key& o) const { return key < o.key; }
};

// Names normalized once, on first use (thread-safe static initialization). A name two
// languages share is kept for the first only, in table order.
const std::vector<Key>& nameKeys() {
  static const std::vector<Key> keys = [] {
    std::vector<Key> k;
    k.reserve(kLanguageNames.size());
    for (const auto& n : kLanguageNames) k.push_back({normalizeCountryName(n.name), n.language});
    std::stable_sort(k.begin(), k.end());
    k.erase(
        std::unique(k.begin(), k.end(), [](const Key& a, const Key& b) { return a.key == b.key; }),
        k.end());
    return k;
  }();
  return keys;
}

}  // namespace

std::span<const LanguageRecord> allLanguages() noexcept { return kLanguages; }

bool isLanguageTagForm(std::string_view tag) {
  const auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  const auto alnum = [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); };
  std::size_t i = 0;
  while (i < tag.size() && alpha(tag[i])) ++i;
  if (i < 2 || i > 3) return false;
  while (i < tag.size()) {
    if (tag[i++] != '-') return false;
    const std::size_t start = i;
    while (i < tag.size() && alnum(tag[i])) ++i;
    if (i == start || i - start > 8) return false;
  }
  return true;
}

const LanguageRecord* findLanguageByTag(std::string_view tag) {
  const std::string primary = lowerAscii(tag.substr(0, tag.find_first_of("-_")));
  if (primary.size() != 2 && primary.size() != 3) return nullptr;
  for (const LanguageRecord& l : kLanguages) {
    if (primary == l.tag || primary == l.marc || primary == l.terminology) return &l;
  }
  return nullptr;
}

const LanguageRecord* findLanguageByName(std::string_view name) {
  const std::string key = normalizeCountryName(name);
  if (key.empty()) return nullptr;
  const auto& keys = nameKeys();
  const auto it = std::lower_bound(keys.begin(), keys.end(), Key{key, 0});
  if (it == keys.end() || it->key != key) return nullptr;
  return &kLanguages[it->language];
}

std::optional<std::string> languageTagFor(std::string_view nameOrTag) {
  // Names of two or three letters ("Ewe", "Lao") are also their languages' codes.
  if (isLanguageTagForm(nameOrTag)) return std::string(nameOrTag);
  if (const LanguageRecord* l = findLanguageByName(nameOrTag)) return std::string(l->tag);
  return std::nullopt;
}

}  // namespace guidegraph
