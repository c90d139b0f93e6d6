// Body: the CommonMark walk (sections, links, notes, mentions) and ref/relref shortcodes.
// The input becomes the body of a page with a small fixed YAML front matter.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "guidegraph/fragment.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  std::string page = "---\ntitle: Fuzz\n---\n";
  page += body;
  const auto fragment = guidegraph::parsePage("content/guides/fuzz.md", page);
  // Every link must point into the headings it names.
  for (const auto& link : fragment.links) {
    if (link.heading >= static_cast<int>(fragment.headings.size())) __builtin_trap();
  }
  return 0;
}
