// `guidegraph map`: options; the work is pipeline::mapSite.
#include "commands.hpp"
#include "options.hpp"

namespace guidegraph::cli {

int runMap(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  pipeline::MapRequest r;
  OptionTable t;
  t.siteOptions(r.site);
  t.value("-o,--output", "-o needs a file name", [&r](const std::string& v) { r.output = v; });
  t.value("--by", "--by needs one of category, country, guide", [&r](const std::string& v) {
    const auto b = map::parseMapBy(v);
    if (!b) throw UsageProblem("--by needs one of category, country, guide");
    r.by = *b;
  });
  t.value("--layout", "--layout needs dot or fdp", [&r](const std::string& v) {
    if (v != "dot" && v != "fdp") throw UsageProblem("--layout needs dot or fdp");
    r.layout = v;
  });
  t.value("--render", "--render needs svg or png", [&r](const std::string& v) {
    if (v != "svg" && v != "png") throw UsageProblem("--render needs svg or png");
    r.render = v;
  });
  if (auto problem = t.parse(args)) return usageError("map", *problem, err);
  if (r.site.site.empty()) {
    return usageError("map", "give the folder of a Hugo site, e.g. `guidegraph map examples/site`",
                      err);
  }
  return pipeline::mapSite(r, out, err);
}

}  // namespace guidegraph::cli
