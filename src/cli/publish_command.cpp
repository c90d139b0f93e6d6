// `guidegraph publish`: options; the work is pipeline::publishSite.
#include "commands.hpp"
#include "options.hpp"

namespace guidegraph::cli {

int runPublish(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  pipeline::PublishRequest r;
  OptionTable t;
  t.siteOptions(r.site);
  t.text("--into", "--into needs a folder", r.into);
  t.value("--server-config", "--server-config needs nginx or apache", [&r](const std::string& v) {
    if (v == "nginx")
      r.server = publish::WebServer::Nginx;
    else if (v == "apache")
      r.server = publish::WebServer::Apache;
    else
      throw UsageProblem("--server-config needs nginx or apache");
  });
  if (auto problem = t.parse(args)) return usageError("publish", *problem, err);
  if (r.site.site.empty()) {
    return usageError(
        "publish", "give the folder of a Hugo site, e.g. `guidegraph publish examples/site`", err);
  }
  return pipeline::publishSite(r, out, err);
}

}  // namespace guidegraph::cli
