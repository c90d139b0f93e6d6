#include <ostream>

#include "commands.hpp"

namespace guidegraph::cli {

const char* const kPagesUsage = R"(Usage: guidegraph pages SITE [options]

Lists every page Hugo builds from the site in folder SITE as CSV — file, kind, language,
draft, permalink — with the permalink guidegraph computes for it, which is the one Hugo
0.111 gives it (the same as `hugo list all`, percent-encoded as Hugo's .Permalink). Pages
with a content file come first, sorted by file (the path relative to SITE); then the
pages Hugo makes without one: each language's home page and top-level sections, each
taxonomy's page and the page of every term in use, sorted by permalink (file is empty).

kind is home, section, guide, source, category, country, contributor, tag or page for a
content file; home, section, taxonomy, term, or the term kinds for the others. language is
Hugo's language key. A page Hugo does not render (headless, `_build: render: never`) has
an empty permalink, as in `hugo list all`.

guidegraph reads the site as Hugo does: hugo.toml|yaml|yml|json or config.*, and the
folders config/_default/ and config/ENVIRONMENT/; [languages] with their content folders
and translations by file name (about.fr.md); [[module.mounts]]; every content format
(.md, .markdown, .html, ...); leaf bundles' other files are resources, not pages.

Options:
      --base IRI         use IRI instead of the site's baseURL
  -D, --drafts           include pages marked `draft: true`
  -F, --build-future     include pages whose publishDate (or date) is in the future
  -E, --build-expired    include pages whose expiryDate has passed
  -e, --environment ENV  read config/ENV/ over config/_default/ (default: production, or
                         $HUGO_ENVIRONMENT)
      --conventions FILE the site's conventions, a TOML, YAML or JSON file with the keys
                         of params.guidegraph (guides, guideTag, sources, categories,
                         languages, website, languageNames, ...), which override the
                         site configuration's (README: "Reading your own site")
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
  out << "file,kind,language,draft,permalink\n";
  for (const ListedPage& page : listPages(site)) {
    out << csvField(page.file) << ',' << page.kind << ',' << csvField(page.language) << ','
        << (page.draft ? "true" : "false") << ',' << csvField(page.permalink) << '\n';
  }
  return diags.hasErrors() ? kExitInputErrors : kExitOk;
}

}  // namespace guidegraph::cli
