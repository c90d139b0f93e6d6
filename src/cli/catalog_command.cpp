#include <ostream>
#include <regex>

#include "commands.hpp"
#include "guidegraph/catalog.hpp"

namespace guidegraph::cli {

const char* const kCatalogUsage = R"(Usage: guidegraph catalog SITE --format FORMAT [options]

Writes one library catalog record for every source of the Hugo site in folder SITE, sorted
by the source's IRI. The output is the same, byte for byte, on every run: dates come from
the content (or the options below), never from the clock.

Formats:
  marcxml     MARC 21 bibliographic records for websites (integrating resources) as a
              MARCXML <collection> (MARC21slim namespace)
  mrc         the same records as ISO 2709 (binary MARC, UTF-8), for Koha, FOLIO, Alma
  oai_dc      Dublin Core records (oai_dc:dc elements in one <records> document)
  oai-pmh     an OAI-PMH 2.0 ListRecords response with oai_dc metadata
  oai-static  an OAI Static Repository file (serve it through a static repository gateway)
  csv         an A-Z database list: name, url, description, categories, countries,
              languages (RFC 4180: CRLF line ends, quotes doubled). Made to be opened in
              a spreadsheet: a text cell that begins with =, +, -, @, tab or CR gets a
              leading ' so that it is not run as a formula (see --csv-raw)

Options:
  -f, --format FORMAT     one of the formats above (required)
  -o, --output FILE       write to FILE (atomically); default: standard output
      --org-code CODE     MARC organization code for 003 and 040 (default: hugo.toml's
                          params.guidegraph.marcOrgCode, else "guidegraph")
      --date YYYY-MM-DD   date every record is "as of" (008/00-05, 005, 588, datestamps);
                          default: the source page's lastmod/date, else the newest date of
                          the guides recommending it, else the newest date of any page
      --response-date T   OAI-PMH responseDate (YYYY-MM-DDThh:mm:ssZ); default: the
                          newest page date at 00:00:00Z
      --oai-base URL      OAI-PMH base URL (default: the site's baseURL + "oai")
      --admin-email ADDR  OAI Identify adminEmail (default: params.guidegraph.adminEmail,
                          else webmaster@ the site's host)
      --static-url URL    where the oai-static file will be served (default: the site's
                          baseURL + "oai.xml")
      --csv-raw           csv: write every cell as it is, without the leading ' that keeps
                          a spreadsheet from running a cell as a formula
      --gateway URL       the Static Repository Gateway; oai:baseURL becomes URL followed by
                          the static URL without its scheme (default: --oai-base)
      --base IRI, -D/--drafts, -F/--build-future, -E/--build-expired,
      -e/--environment ENV, --conventions FILE, --threads N, --max-file-size N,
      --max-files N,
      --max-yaml-depth N, --max-yaml-nodes N, -q/--quiet
                          as for `guidegraph export`

Exit codes: 0 success; 1 the content has errors (output still written for the rest);
2 bad command line, no site at SITE, or the output could not be written.
)";

int runCatalog(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  SiteOptions options;
  std::string output = "-";
  std::optional<catalog::CatalogFormat> format;
  catalog::CatalogOptions catalogOptions;
  static const std::regex date(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  static const std::regex dateTime(
      R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ)");
  const auto problem = parseSiteOptions(
      args, options, [&](const std::string& arg, const auto& next) -> std::optional<std::string> {
        const auto value = [&](std::string& into, const char* what) -> std::optional<std::string> {
          const auto v = next();
          if (!v || v->empty()) return arg + " needs " + what;
          into = *v;
          return std::nullopt;
        };
        if (arg == "-o" || arg == "--output") return value(output, "a file name");
        if (arg == "-f" || arg == "--format") {
          const auto v = next();
          format = v ? catalog::parseCatalogFormat(*v) : std::nullopt;
          if (!format)
            return "--format needs one of marcxml, mrc, oai_dc, oai-pmh, oai-static, csv";
          return std::nullopt;
        }
        if (arg == "--org-code")
          return value(catalogOptions.orgCode, "a MARC organization code such as DLC");
        if (arg == "--date") {
          if (auto p = value(catalogOptions.recordDate, "a date such as 2024-02-01")) return p;
          if (!std::regex_match(catalogOptions.recordDate, date))
            return "--date needs a date written YYYY-MM-DD";
          return std::nullopt;
        }
        if (arg == "--response-date") {
          if (auto p = value(catalogOptions.responseDate, "a time such as 2024-02-01T00:00:00Z"))
            return p;
          if (!std::regex_match(catalogOptions.responseDate, dateTime)) {
            return "--response-date needs a UTC time written YYYY-MM-DDThh:mm:ssZ";
          }
          return std::nullopt;
        }
        if (arg == "--oai-base") return value(catalogOptions.oaiBaseUrl, "a URL");
        if (arg == "--admin-email") return value(catalogOptions.adminEmail, "an e-mail address");
        if (arg == "--static-url")
          return value(catalogOptions.staticUrl, "the URL the static repository is served at");
        if (arg == "--gateway")
          return value(catalogOptions.gatewayUrl, "the URL of a Static Repository Gateway");
        if (arg == "--csv-raw") {
          catalogOptions.csvRaw = true;
          return std::nullopt;
        }
        return std::string();
      });
  if (problem) return usageError("catalog", *problem, err);
  if (options.site.empty()) {
    return usageError(
        "catalog",
        "give the folder of a Hugo site, e.g. `guidegraph catalog examples/site -f marcxml`", err);
  }
  if (!format)
    return usageError(
        "catalog",
        "choose an output with --format (marcxml, mrc, oai_dc, oai-pmh, oai-static, csv)", err);

  Diagnostics diags;
  const Site site = buildSite(options.site, options.build, diags);
  if (site.config.configFile.empty()) {
    printDiagnostics(diags, err);
    return kExitUsage;
  }
  const catalog::Catalog cat = catalog::buildCatalog(site, catalogOptions, diags);
  Diagnostics writeDiags;
  std::string writeError;
  const WriteResult written = writeOutput(output, out, [&](std::ostream& os) {
    writeError = catalog::writeCatalog(cat, *format, os, writeDiags);
    return writeError.empty();
  });
  diags.append(writeDiags);
  diags.sort();
  printDiagnostics(diags, err);
  if (!written.ok) {
    err << "guidegraph catalog: error: " << (writeError.empty() ? written.error : writeError)
        << (output == "-" ? "" : "; '" + output + "' was left as it was") << '\n';
    return kExitUsage;
  }
  if (!options.quiet) {
    err << "guidegraph: wrote " << cat.records.size() << " catalog records for " << options.site
        << " to " << (output == "-" ? std::string("standard output") : output);
    if (diags.hasErrors() || diags.count(Severity::Warning)) {
      err << " (" << diags.count(Severity::Error) << " errors, " << diags.count(Severity::Warning)
          << " warnings)";
    }
    err << '\n';
  }
  return diags.hasErrors() ? kExitInputErrors : kExitOk;
}

}  // namespace guidegraph::cli
