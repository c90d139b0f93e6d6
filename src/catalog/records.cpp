// From the knowledge graph to one plain SourceRecord per source.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "guidegraph/catalog.hpp"
#include "guidegraph/fragment.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph::catalog {
namespace {

// The YYYY-MM-DD part of a front matter date ("2023-11-02", "2023-11-02T10:00:00Z"), or "".
std::string datePrefix(const std::string& value) {
  static const std::regex date(R"((\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))([T ].*)?)");
  std::smatch m;
  if (std::regex_match(value, m, date)) return m[1].str();
  return {};
}

// The newest of a page's checked dates, as YYYY-MM-DD, or "".
std::string newestOf(const VertexProps& v) {
  return std::string(std::max(v.modified.day(), v.issued.day()));
}

// "https://x.org/category/state-media/#id" -> "state-media".
std::string lastSegment(std::string iri) {
  if (const auto hash = iri.find('#'); hash != std::string::npos) iri.erase(hash);
  while (!iri.empty() && iri.back() == '/') iri.pop_back();
  return iri.substr(iri.rfind('/') + 1);
}

// Targets of the out-edges of `kind`, ordered by IRI.
std::vector<VertexId> targets(const KnowledgeGraph& g, VertexId v, EdgeKind kind) {
  std::vector<VertexId> out;
  for (auto [e, end] = boost::out_edges(v, g.impl()); e != end; ++e) {
    if (g.impl()[*e].kind == kind) out.push_back(boost::target(*e, g.impl()));
  }
  std::sort(out.begin(), out.end(), [&](VertexId a, VertexId b) { return g[a].iri < g[b].iri; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> broaderSlugs(const KnowledgeGraph& g, VertexId category) {
  std::vector<std::string> slugs;
  std::vector<VertexId> todo{category};
  std::vector<VertexId> seen{category};
  while (!todo.empty()) {
    const VertexId c = todo.back();
    todo.pop_back();
    for (const VertexId b : targets(g, c, EdgeKind::Broader)) {
      if (std::find(seen.begin(), seen.end(), b) != seen.end()) continue;  // cycles end here
      seen.push_back(b);
      slugs.push_back(lastSegment(g[b].iri));
      todo.push_back(b);
    }
  }
  std::sort(slugs.begin(), slugs.end());
  return slugs;
}

// One line of text: runs of white space (newlines of folded YAML included) become one space,
// control characters (which MARC and XML cannot carry) are dropped, and characters no
// output can carry become U+FFFD (text::portableText).
std::string oneLine(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char ch : text::portableText(s)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (c < 0x20 || c == 0x7f) continue;
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

// Reads params.guidegraph.<key> from the site configuration file (value empty if absent).
Located configParam(const Site& site, std::string_view key, Diagnostics& diags) {
  const FmValue* params = &site.config.params;
  const FmValue* gg = params && params->isMap() ? params->get("guidegraph") : nullptr;
  const FmValue* value = gg && gg->isMap() ? gg->get(key) : nullptr;
  if (!value) return {};
  if (!value->isScalar()) {
    diags.add(Severity::Warning, value->pos, "bad-config-param",
              "params.guidegraph." + std::string(key) + " must be a string; it is ignored");
    return {};
  }
  return Located{std::string(text::trim(value->scalar)), value->pos};
}

bool validOrgCode(const std::string& code) {
  static const std::regex org(R"([A-Za-z0-9:\-]{1,16})");
  return std::regex_match(code, org);
}

// The catalog's own settings: organization code, contact, OAI base URLs (options first,
// then the site's params).
void applySettings(const Site& site, const CatalogOptions& options, Catalog& catalog,
                   Diagnostics& diags) {
  Located org{options.orgCode, SourcePos{"--org-code", 0, 0}};
  if (org.value.empty()) org = configParam(site, "marcOrgCode", diags);
  catalog.orgCode = org.value.empty() ? std::string(kDefaultOrgCode) : org.value;
  if (!validOrgCode(catalog.orgCode)) {
    diags.add(
        Severity::Error, org.pos, "bad-org-code",
        "MARC organization code '" + catalog.orgCode +
            "' has characters other than letters, digits, '-' and ':'; use your library's code "
            "from the MARC Code List for Organizations (e.g. DLC)");
    catalog.orgCode = std::string(kDefaultOrgCode);
  }
  catalog.adminEmail = options.adminEmail;
  if (catalog.adminEmail.empty()) catalog.adminEmail = configParam(site, "adminEmail", diags).value;
  if (catalog.adminEmail.empty()) {
    const std::string host = lastSegment(catalog.baseUrl.substr(0, catalog.baseUrl.find('/', 8)));
    catalog.adminEmail = "webmaster@" + host;
  }
  catalog.oaiBaseUrl = options.oaiBaseUrl.empty() ? catalog.baseUrl + "oai" : options.oaiBaseUrl;
  // A Static Repository's base URL is its gateway's URL followed by the repository's own URL
  // without the scheme: http://gateway.example.org/oai/ + example.org/oai.xml.
  const std::string staticUrl =
      options.staticUrl.empty() ? catalog.baseUrl + "oai.xml" : options.staticUrl;
  if (!options.gatewayUrl.empty()) {
    std::string gateway = options.gatewayUrl;
    if (gateway.back() != '/') gateway += '/';
    const auto scheme = staticUrl.find("://");
    catalog.staticBaseUrl =
        gateway + (scheme == std::string::npos ? staticUrl : staticUrl.substr(scheme + 3));
  } else {
    catalog.staticBaseUrl = catalog.oaiBaseUrl;
  }
}

// The date a source's record is "as of": --date, else the newest date of its page, else of
// the guides recommending it, else of the site; a fixed date (with one warning) otherwise.
std::string recordDate(const KnowledgeGraph& g, VertexId v, const Catalog& catalog,
                       const std::string& optionDate, bool& warnedFallback, Diagnostics& diags) {
  const VertexProps& p = g[v];
  // The date this description is "as of".
  std::string date = optionDate;
  if (date.empty()) date = newestOf(p);
  if (date.empty()) {
    for (auto [e, end] = boost::in_edges(v, g.impl()); e != end; ++e) {
      const VertexProps& from = g[boost::source(*e, g.impl())];
      if (g.impl()[*e].kind == EdgeKind::Recommends && from.kind == VertexKind::Guide) {
        date = std::max(date, newestOf(from));
      }
    }
  }
  if (date.empty()) date = catalog.newestDate;
  if (date.empty()) {
    if (!warnedFallback) {
      diags.add(Severity::Warning, p.pos, "catalog-no-date",
                "no page of the site has a `date` or `lastmod`; catalog records are dated " +
                    std::string(kFallbackDate) + ". Add `date:` to the guides or pass --date");
      warnedFallback = true;
    }
    date = std::string(kFallbackDate);
  }
  return date;
}

SourceRecord sourceRecord(const KnowledgeGraph& g, VertexId v, const Catalog& catalog,
                          Diagnostics& diags) {
  const VertexProps& p = g[v];
  SourceRecord r;
  r.iri = p.iri;
  r.page = p.page;
  std::string path = p.page.starts_with(catalog.baseUrl) ? p.page.substr(catalog.baseUrl.size())
                                                         : lastSegment(p.page);
  while (!path.empty() && path.back() == '/') path.pop_back();
  r.pagePath = path;
  r.slug = lastSegment(p.page);
  r.name = oneLine(p.name.value);
  r.description = oneLine(p.description.value);
  // The model's checked values: a website, language or date that failed its check is not
  // there (and was reported once, when the site was built).
  r.website = oneLine(p.website.value());
  r.wikidata = oneLine(p.wikidata.value());
  for (const auto& n : p.alternateNames) r.alternateNames.push_back(oneLine(n.value));
  for (const auto& l : p.languages) {
    r.languages.push_back(oneLine(l.value()));
    if (!marcLanguageCode(l.value())) {
      diags.add(Severity::Warning, l.pos(), "catalog-unknown-language",
                "language '" + l.value() +
                    "' has no MARC language code in guidegraph's table; MARC 041/546 leave it out "
                    "(use an ISO 639-1 code such as 'kk' or a language name such as 'Kazakh')");
    }
  }
  r.pos = p.pos;
  if (r.name.empty()) {
    diags.add(Severity::Warning, p.pos, "catalog-no-title",
              "source has no `title`; its catalog record uses the file name '" + r.slug +
                  "' as title (add `title:` to the front matter)");
    r.name = r.slug;
  }
  // A website that failed its check was reported where it is written.
  if (r.website.empty() && !p.website.rejected()) {
    diags.add(Severity::Warning, p.pos, "catalog-no-website",
              "source '" + r.name +
                  "' has no `website`; its catalog records have no link (856, "
                  "dc:identifier). Add `website: https://...`");
  }
  for (const VertexId c : targets(g, v, EdgeKind::Country)) {
    CountryRef ref{oneLine(g[c].name.value), g[c].iri, findCountry(g[c].name.value)};
    r.countries.push_back(std::move(ref));
  }
  for (const VertexId c : targets(g, v, EdgeKind::InCategory)) {
    r.categories.push_back(
        {oneLine(g[c].name.value), g[c].iri, lastSegment(g[c].iri), broaderSlugs(g, c)});
  }
  if (const VertexId* web = g.find(p.page)) {
    for (const VertexId c : targets(g, *web, EdgeKind::Contributor)) {
      r.contributors.push_back(oneLine(g[c].name.value));
    }
  }
  return r;
}

}  // namespace

Catalog buildCatalog(const Site& site, const CatalogOptions& options, Diagnostics& diags) {
  const KnowledgeGraph& g = site.graph;
  Catalog catalog;
  catalog.csvRaw = options.csvRaw;
  std::string optionDate = options.recordDate;
  if (!optionDate.empty() && datePrefix(optionDate) != optionDate) {
    diags.add(Severity::Error, {"--date", 0, 0}, "bad-record-date",
              "record date '" + optionDate + "' is not a date; write it as YYYY-MM-DD");
    optionDate.clear();
  }
  catalog.siteTitle = site.config.title;
  catalog.baseUrl = site.config.baseUrl;
  applySettings(site, options, catalog, diags);

  // The newest date of any page: the "as of" date of the whole catalog.
  for (auto [v, end] = boost::vertices(g.impl()); v != end; ++v) {
    if (g[*v].file.empty()) continue;
    catalog.newestDate = std::max(catalog.newestDate, newestOf(g[*v]));
  }

  bool warnedFallback = false;
  for (const VertexId v : g.sortedVertices()) {
    const VertexProps& p = g[v];
    if (p.kind != VertexKind::Source || p.page.empty()) continue;
    SourceRecord r = sourceRecord(g, v, catalog, diags);
    r.date = recordDate(g, v, catalog, optionDate, warnedFallback, diags);
    catalog.records.push_back(std::move(r));
  }
  // Control numbers: the slug, unless two sources share it.
  std::map<std::string, int> slugCount;
  for (const auto& r : catalog.records) ++slugCount[r.slug];
  for (auto& r : catalog.records) {
    std::string id = slugCount[r.slug] > 1 ? r.pagePath : r.slug;
    std::replace(id.begin(), id.end(), '/', '-');
    r.controlNumber = "gg-" + id;
  }
  catalog.newestDate = std::max(catalog.newestDate, optionDate);
  if (catalog.newestDate.empty()) catalog.newestDate = std::string(kFallbackDate);
  catalog.responseDate =
      options.responseDate.empty() ? catalog.newestDate + "T00:00:00Z" : options.responseDate;
  return catalog;
}

}  // namespace guidegraph::catalog
