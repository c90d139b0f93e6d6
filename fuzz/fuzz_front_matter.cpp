// Front matter: YAML, TOML and JSON, both as a page's fenced front matter (parsePage) and as
// a whole data document (parseDataDocument, as for hugo.toml). The first byte picks the format.
// For YAML it also checks that the plain reader, wherever it takes a document, gives exactly
// what yaml-cpp gives.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "front_matter.hpp"
#include "guidegraph/fragment.hpp"

using guidegraph::FrontMatterFormat;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const char* fence = nullptr;
  FrontMatterFormat format = FrontMatterFormat::Yaml;
  switch (data[0] % 3) {
    case 0:
      fence = "---\n";
      break;
    case 1:
      fence = "+++\n";
      format = FrontMatterFormat::Toml;
      break;
    default:
      format = FrontMatterFormat::Json;
      break;
  }
  // Small limits, so that deep nesting and alias bombs reach the limit checks quickly.
  guidegraph::ParseLimits limits;
  limits.maxYamlDepth = 32;
  limits.maxYamlNodes = 5000;
  std::string page;
  if (fence != nullptr) {
    page = std::string(fence) + std::string(text) + "\n" + std::string(fence, 3) + "\nbody\n";
  } else {
    page = "{" + std::string(text) + "}\nbody\n";
  }
  const auto fragment = guidegraph::parsePage("content/fuzz.md", page, limits);
  (void)fragment;

  guidegraph::Diagnostics diags;
  const auto value = guidegraph::parseDataDocument("hugo.fuzz", text, format, diags);
  (void)value;

  if (format == FrontMatterFormat::Yaml) {
    const guidegraph::parse::TextOrigin origin{guidegraph::Atom("content/fuzz.md"), 2};
    if (const auto plain = guidegraph::parse::parsePlainYaml(text, origin, limits)) {
      guidegraph::Diagnostics full;
      const auto expected = guidegraph::parse::parseYamlWithYamlCpp(text, origin, limits, full);
      if (!full.items().empty() || !guidegraph::parse::sameValue(*plain, expected)) std::abort();
    }
  }
  return 0;
}
