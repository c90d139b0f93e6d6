// `guidegraph pages`: options; the work is pipeline::listPages.
#include "commands.hpp"
#include "options.hpp"

namespace guidegraph::cli {

int runPages(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  pipeline::SiteOptions options;
  OptionTable t;
  t.siteOptions(options);
  if (auto problem = t.parse(args)) return usageError("pages", *problem, err);
  if (options.site.empty()) return usageError("pages", "give the folder of a Hugo site", err);
  return pipeline::listPages(options, out, err);
}

}  // namespace guidegraph::cli
