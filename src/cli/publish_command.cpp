#include <filesystem>
#include <ostream>

#include "commands.hpp"
#include "guidegraph/publish.hpp"
#include "guidegraph/rdf_view.hpp"

namespace guidegraph::cli {

const char* const kPublishUsage =
    R"(Usage: guidegraph publish SITE [--into DIR] [--server-config nginx|apache] [options]

Publishes the site's knowledge graph as files a static host can serve, so that every IRI
of the site can be dereferenced without a server. Into DIR (default: SITE/static, which
Hugo copies into the built site) it writes:

  <page path>/index.ttl     the page's named graph in Turtle, e.g. guides/kazakhstan/index.ttl
  <page path>/index.jsonld  the same as JSON-LD (compact, context included; HTML-safe, so
                            a Hugo partial can embed it in <script type="application/ld+json">)
  dataset.nq, dataset.ttl, dataset.jsonld
                            the whole dataset (N-Quads and JSON-LD with a graph per page)
  void.ttl                  a VoID description: triples, entities, classes, class and
                            property partitions, a subset per page with its own dump
                            files, the dump files, and the licence from `params.license`
                            in the site configuration
  vocab.ttl, vocab.jsonld   the guidegraph vocabulary (https://w3id.org/guidegraph/vocab),
                            for serving where its namespace redirects

Page paths never leave DIR: a page whose path has '..' is reported and skipped. Every file
is written atomically and is byte-identical from run to run. examples/site shows the Hugo
side: layouts/partials/jsonld.html embeds static/<page path>/index.jsonld in each page and
links index.ttl and index.jsonld with <link rel="alternate">.

With --server-config, it also prints on standard output the configuration a web server
needs to answer a page IRI with the page's Turtle for `Accept: text/turtle`, its JSON-LD
for `Accept: application/ld+json`, and its HTML otherwise (with `Vary: Accept`): for
nginx a `map` and a complete `server {}` block, for Apache httpd 2.4 a `<VirtualHost>`;
replace its lines marked "replace" (where to listen, the folder hugo built).

Options:
      --into DIR         publish into DIR instead of SITE/static
      --server-config SERVER
                         nginx or apache: print that server's configuration for
                         content negotiation on standard output
      --base IRI, -D/--drafts, -F/--build-future, -E/--build-expired,
      -e/--environment ENV, --conventions FILE, --threads N, --max-file-size N,
      --max-files N,
      --max-yaml-depth N, --max-yaml-nodes N
                         as for `guidegraph export`
  -q, --quiet            print no summary line

Exit codes: 0 success; 1 the content has errors (the rest is still published);
2 bad command line, no site at SITE, or a file could not be written.
)";

int runPublish(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  SiteOptions options;
  std::string into;
  std::optional<publish::WebServer> server;
  const auto problem = parseSiteOptions(
      args, options, [&](const std::string& arg, const auto& next) -> std::optional<std::string> {
        if (arg == "--into") {
          const auto v = next();
          if (!v || v->empty()) return "--into needs a folder";
          into = *v;
          return std::nullopt;
        }
        if (arg == "--server-config") {
          const auto v = next();
          if (v == "nginx") {
            server = publish::WebServer::Nginx;
          } else if (v == "apache") {
            server = publish::WebServer::Apache;
          } else {
            return "--server-config needs nginx or apache";
          }
          return std::nullopt;
        }
        return std::string();
      });
  if (problem) return usageError("publish", *problem, err);
  if (options.site.empty()) {
    return usageError(
        "publish", "give the folder of a Hugo site, e.g. `guidegraph publish examples/site`", err);
  }
  if (into.empty()) into = (std::filesystem::path(options.site) / "static").string();

  Diagnostics diags;
  const Site site = buildSite(options.site, options.build, diags);
  if (site.config.configFile.empty()) {
    printDiagnostics(diags, err);
    return kExitUsage;
  }
  const rdf::Dataset data = rdf::buildRdfView(site, diags);
  const publish::PublishSummary summary = publish::publishSite(site, data, into, diags);
  diags.sort();
  printDiagnostics(diags, err);
  if (!summary.error.empty()) {
    err << "guidegraph publish: error: " << summary.error << '\n';
    return kExitUsage;
  }
  if (server) out << publish::serverConfiguration(*server, site);
  if (!options.quiet) {
    err << "guidegraph: published " << options.site << " into " << into << ": " << summary.pages
        << " pages, " << summary.files.size() << " files, " << data.triples.size() << " triples\n";
  }
  return diags.hasErrors() ? kExitInputErrors : kExitOk;
}

}  // namespace guidegraph::cli
