// A whole content file to a fragment (any front matter format, body, limits), then its URL
// path as the merge stage computes it (slug, url, [permalinks]). The URL path must stay
// rooted and free of "." and ".." segments, so that no IRI or output path leaves the site.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "guidegraph/fragment.hpp"
#include "guidegraph/site.hpp"

namespace {

const guidegraph::SiteConfig& config() {
  static const guidegraph::SiteConfig c = [] {
    guidegraph::SiteConfig s;
    s.baseUrl = "https://guides.example.org/";
    s.taxonomies = {{"category", "categories", guidegraph::TaxonomyRole::Category},
                    {"country", "countries", guidegraph::TaxonomyRole::Country},
                    {"contributor", "contributors", guidegraph::TaxonomyRole::Contributor}};
    s.permalinks = {{"guides", "/:section/:slug/"},
                    {"posts", "/:year/:month/:day/:title/"},
                    {"countries", "/country/:slug/"}};
    return s;
  }();
  return c;
}

bool hasDotSegment(const std::string& path) {
  return path.find("/../") != std::string::npos || path.find("/./") != std::string::npos ||
         path.ends_with("/..") || path.ends_with("/.");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view contents(reinterpret_cast<const char*>(data), size);
  guidegraph::ParseLimits limits;
  limits.maxFileBytes = 1u << 20;
  limits.maxYamlDepth = 32;
  limits.maxYamlNodes = 5000;
  static const char* const kPaths[] = {"guides/kazakhstan/index.md", "sources/sources/x.md",
                                       "countries/kazakhstan/_index.md", "posts/a.md", "_index.md"};
  const std::string path = kPaths[size % (sizeof kPaths / sizeof kPaths[0])];
  const auto fragment = guidegraph::parsePage("content/" + path, contents, limits);
  if (!fragment.usable) return 0;
  const std::string url = guidegraph::pageUrlPath(config(), path, fragment.frontMatter);
  if (url.empty() || url.front() != '/' || hasDotSegment(url)) __builtin_trap();
  return 0;
}
