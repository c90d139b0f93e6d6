#include <ostream>

#include "commands.hpp"

namespace guidegraph::cli {

const char* const kPagesUsage = R"(Usage: guidegraph pages SITE [options]

Lists every content page of the Hugo site in folder SITE as CSV — file, kind, draft,
permalink — with the permalink guidegraph computes for it (the same as Hugo's), sorted
by file. Useful to check how a page is classified (guide, source, category, country,
contributor, tag, section) and where its IRI comes from.

Options:
      --base IRI         use IRI instead of the site's baseURL
      --drafts           include pages marked `draft: true`
  -q, --quiet            print no diagnostics

Exit codes: 0 success; 1 the content has errors; 2 bad command line or no site at SITE.
)";

namespace {

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

int runPages(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  SiteOptions options;
  const auto problem = parseSiteOptions(args, options, [](const std::string&, const auto&) {
    return std::optional<std::string>(std::string());
  });
  if (problem) return usageError("pages", *problem, err);
  if (options.site.empty()) return usageError("pages", "give the folder of a Hugo site", err);
  Diagnostics diags;
  const Site site = buildSite(options.site, options.build, diags);
  if (!options.quiet) printDiagnostics(diags, err);
  if (site.config.configFile.empty()) return kExitUsage;
  out << "file,kind,draft,permalink\n";
  for (const Page& page : site.pages) {
    out << csvField(page.file) << ',' << pageKindName(page.kind) << ','
        << (page.draft ? "true" : "false") << ',' << csvField(page.permalink) << '\n';
  }
  return diags.hasErrors() ? kExitInputErrors : kExitOk;
}

}  // namespace guidegraph::cli
