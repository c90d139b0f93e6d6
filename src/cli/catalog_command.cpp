// `guidegraph catalog`: options; the work is pipeline::catalogSite.
#include <regex>

#include "commands.hpp"
#include "options.hpp"

namespace guidegraph::cli {

namespace {

void declare(OptionTable& t, pipeline::CatalogRequest& r, bool& formatGiven) {
  static const std::regex date(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  static const std::regex dateTime(
      R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ)");
  catalog::CatalogOptions& c = r.catalog;
  t.siteOptions(r.site);
  t.text("-o,--output", "-o needs a file name", r.output);
  const std::string formats =
      "--format needs one of marcxml, mrc, oai_dc, oai-pmh, oai-static, csv";
  t.value("-f,--format", formats, [&r, &formatGiven, formats](const std::string& v) {
    const auto f = catalog::parseCatalogFormat(v);
    if (!f) throw UsageProblem(formats);
    r.format = *f;
    formatGiven = true;
  });
  t.text("--org-code", "--org-code needs a MARC organization code such as DLC", c.orgCode);
  t.value("--date", "--date needs a date such as 2024-02-01", [&c](const std::string& v) {
    if (v.empty()) throw UsageProblem("--date needs a date such as 2024-02-01");
    if (!std::regex_match(v, date)) throw UsageProblem("--date needs a date written YYYY-MM-DD");
    c.recordDate = v;
  });
  const std::string time = "--response-date needs a time such as 2024-02-01T00:00:00Z";
  t.value("--response-date", time, [&c, time](const std::string& v) {
    if (v.empty()) throw UsageProblem(time);
    if (!std::regex_match(v, dateTime))
      throw UsageProblem("--response-date needs a UTC time written YYYY-MM-DDThh:mm:ssZ");
    c.responseDate = v;
  });
  t.text("--oai-base", "--oai-base needs a URL", c.oaiBaseUrl);
  t.text("--admin-email", "--admin-email needs an e-mail address", c.adminEmail);
  t.text("--static-url", "--static-url needs the URL the static repository is served at",
         c.staticUrl);
  t.text("--gateway", "--gateway needs the URL of a Static Repository Gateway", c.gatewayUrl);
  t.flag("--csv-raw", c.csvRaw);
}

}  // namespace

int runCatalog(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  pipeline::CatalogRequest request;
  bool formatGiven = false;
  OptionTable table;
  declare(table, request, formatGiven);
  if (auto problem = table.parse(args)) return usageError("catalog", *problem, err);
  if (request.site.site.empty()) {
    return usageError(
        "catalog",
        "give the folder of a Hugo site, e.g. `guidegraph catalog examples/site -f marcxml`", err);
  }
  if (!formatGiven) {
    return usageError(
        "catalog",
        "choose an output with --format (marcxml, mrc, oai_dc, oai-pmh, oai-static, csv)", err);
  }
  return pipeline::catalogSite(request, out, err);
}

}  // namespace guidegraph::cli
