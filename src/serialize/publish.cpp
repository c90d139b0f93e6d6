#include "guidegraph/publish.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "guidegraph/fragment.hpp"
#include "guidegraph/ns.hpp"
#include "guidegraph/output.hpp"
#include "guidegraph/rdf_read.hpp"
#include "guidegraph/rdf_view.hpp"
#include "guidegraph/serialize.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph::publish {
namespace {

namespace fs = std::filesystem;

constexpr const char* kVoidNs = "http://rdfs.org/ns/void#";
constexpr const char* kFormats = ns::formats;

std::string ns(const char* prefix, std::string_view local) {
  return std::string(prefix) + std::string(local);
}

// The folder of a page below the published folder, or nullopt when its path would leave it.
std::optional<fs::path> pagePath(const std::string& graph, const std::string& base) {
  if (!graph.starts_with(base)) return std::nullopt;
  std::string rest = graph.substr(base.size());
  if (const auto cut = rest.find_first_of("?#"); cut != std::string::npos) rest.resize(cut);
  fs::path out;
  std::size_t from = 0;
  while (from <= rest.size()) {
    const std::size_t slash = std::min(rest.find('/', from), rest.size());
    const std::string segment =
        text::percentDecode(std::string_view(rest).substr(from, slash - from));
    from = slash + 1;
    if (segment.empty()) continue;
    if (segment == "." || segment == ".." ||
        segment.find_first_of(std::string("/\\\0", 3)) != std::string::npos) {
      return std::nullopt;
    }
    out /= segment;
  }
  return out;
}

// True when `dir` (which exists) is `root` or below it once symbolic links are resolved.
bool inside(const fs::path& root, const fs::path& dir) {
  std::error_code ec;
  const fs::path r = fs::canonical(root, ec);
  if (ec) return false;
  const fs::path d = fs::canonical(dir, ec);
  if (ec) return false;
  const auto [ri, di] = std::mismatch(r.begin(), r.end(), d.begin(), d.end());
  return ri == r.end();
}

// Creates `root/relative` one folder at a time, checking each existing step before going
// into it, so that a symbolic link leading out of `root` is never followed.
bool makeDirectoriesInside(const fs::path& root, const fs::path& relative, std::error_code& ec) {
  fs::path current = root;
  for (const auto& segment : relative) {
    current /= segment;
    if (fs::is_symlink(fs::symlink_status(current, ec)) && !inside(root, current)) return false;
    if (!fs::exists(current, ec)) {
      fs::create_directory(current, ec);
      if (ec) return false;
    } else if (!fs::is_directory(current, ec)) {
      ec = std::make_error_code(std::errc::not_a_directory);
      return false;
    }
  }
  return !ec && inside(root, current);
}

SourcePos originOf(const std::vector<const rdf::Triple*>& triples) {
  for (const rdf::Triple* t : triples) {
    if (!t->origin.file.empty()) return SourcePos{t->origin.file, 0, 0};
  }
  return {};
}

// "gg-Guide" for https://w3id.org/guidegraph/vocab#Guide when a prefix fits and the local
// name is plain, else nullopt.
std::optional<std::string> shortName(const std::string& iri,
                                     const std::vector<rdf::Prefix>& prefixes) {
  for (const auto& p : prefixes) {
    if (!iri.starts_with(p.iri) || iri.size() == p.iri.size()) continue;
    const std::string local = iri.substr(p.iri.size());
    if (std::all_of(local.begin(), local.end(),
                    [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
      return p.name + "-" + local;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string siteLicense(const Site& site, Diagnostics& diags) {
  const FmValue* params = &site.config.params;
  const FmValue* license = params && params->isMap() ? params->get("license") : nullptr;
  if (!license) return {};
  if (!license->isScalar() || text::trim(license->scalar).empty()) {
    diags.add(Severity::Warning, license->pos, "bad-license",
              "`params.license` should be the licence's address, e.g. "
              "\"https://creativecommons.org/licenses/by/4.0/\"; it was left out of void.ttl");
    return {};
  }
  return std::string(text::trim(license->scalar));
}

namespace {

// What a VoID description counts: distinct statements, subjects, properties, classes.
struct VoidCounts {
  std::set<std::tuple<rdf::Term, rdf::Term, rdf::Term>> triples;
  std::set<rdf::Term> subjects;
  std::map<std::string, std::set<std::string>> classEntities;  // class -> typed IRIs
  std::map<std::string, std::size_t> propertyTriples;
  std::set<std::string> entities;  // typed IRIs of the site
};

VoidCounts countStatements(const rdf::Dataset& data, const std::string& base) {
  VoidCounts c;
  for (const auto& t : data.triples) {
    if (!c.triples.emplace(t.subject, t.predicate, t.object).second) continue;
    c.subjects.insert(t.subject);
    ++c.propertyTriples[t.predicate.value];
    if (t.predicate.value == guidegraph::ns::rdfType && t.object.isIri()) {
      c.classEntities[t.object.value].insert(t.subject.value);
      if (t.subject.isIri() && t.subject.value.starts_with(base)) {
        c.entities.insert(t.subject.value);
      }
    }
  }
  return c;
}

// Each page's named graph is a subset, with its own dump files beside the page.
void addPageSubsets(const rdf::Dataset& data, const std::string& base, const std::string& self,
                    rdf::Dataset& out) {
  const auto add = [&](const std::string& s, const std::string& p, rdf::Term o) {
    out.triples.push_back(rdf::Triple{rdf::Term::iri(s), rdf::Term::iri(p), std::move(o), {}, {}});
  };
  std::map<std::string, std::set<std::tuple<rdf::Term, rdf::Term, rdf::Term>>> pageGraphs;
  for (const auto& t : data.triples) {
    if (pagePath(t.graph, base)) pageGraphs[t.graph].emplace(t.subject, t.predicate, t.object);
  }
  const std::string dataset = self + "#dataset";
  for (const auto& [graph, statements] : pageGraphs) {
    const std::string path = graph.substr(base.size());
    const std::string subset = self + "#" + (path.empty() ? std::string("home") : path);
    add(dataset, ns(kVoidNs, "subset"), rdf::Term::iri(subset));
    add(subset, guidegraph::ns::rdfType, rdf::Term::iri(ns(kVoidNs, "Dataset")));
    add(subset, ns(kVoidNs, "rootResource"), rdf::Term::iri(graph));
    add(subset, ns(kVoidNs, "triples"),
        rdf::Term::typed(std::to_string(statements.size()), ns(guidegraph::ns::xsd, "integer")));
    add(subset, ns(kVoidNs, "dataDump"), rdf::Term::iri(graph + kPageTurtle));
    add(subset, ns(kVoidNs, "dataDump"), rdf::Term::iri(graph + kPageJsonLd));
  }
}

}  // namespace

rdf::Dataset voidDescription(const Site& site, const rdf::Dataset& data,
                             const std::string& license) {
  const std::string& base = site.config.baseUrl;
  const std::string self = base + kVoid;
  const std::string dataset = self + "#dataset";
  rdf::Dataset out;
  out.prefixes = rdf::standardPrefixes();
  out.prefixes.push_back({"void", kVoidNs});
  std::sort(out.prefixes.begin(), out.prefixes.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  const auto add = [&](const std::string& s, const std::string& p, rdf::Term o) {
    out.triples.push_back(rdf::Triple{rdf::Term::iri(s), rdf::Term::iri(p), std::move(o), {}, {}});
  };
  const auto count = [](std::size_t n) {
    return rdf::Term::typed(std::to_string(n), ns(guidegraph::ns::xsd, "integer"));
  };
  const std::string rdfType = ns(guidegraph::ns::rdf, "type");

  const VoidCounts counts = countStatements(data, base);
  const auto& [triples, subjects, classEntities, propertyTriples, entities] = counts;

  add(dataset, rdfType, rdf::Term::iri(ns(kVoidNs, "Dataset")));
  if (!site.config.title.empty())
    add(dataset, ns(guidegraph::ns::dcterms, "title"), rdf::Term::literal(site.config.title));
  if (!license.empty()) {
    const bool isIri = license.starts_with("http://") || license.starts_with("https://");
    add(dataset, ns(guidegraph::ns::dcterms, "license"),
        isIri ? rdf::Term::iri(text::encodeIri(license)) : rdf::Term::literal(license));
  }
  add(dataset, ns(guidegraph::ns::foaf, "homepage"), rdf::Term::iri(base));
  add(dataset, ns(kVoidNs, "rootResource"), rdf::Term::iri(base));
  add(dataset, ns(kVoidNs, "uriSpace"), rdf::Term::literal(base));
  add(dataset, ns(kVoidNs, "triples"), count(triples.size()));
  add(dataset, ns(kVoidNs, "entities"), count(entities.size()));
  add(dataset, ns(kVoidNs, "distinctSubjects"), count(subjects.size()));
  add(dataset, ns(kVoidNs, "properties"), count(propertyTriples.size()));
  add(dataset, ns(kVoidNs, "classes"), count(classEntities.size()));
  for (const char* ext : {"jsonld", "nq", "ttl"}) {
    add(dataset, ns(kVoidNs, "dataDump"), rdf::Term::iri(base + kDumpStem + "." + ext));
  }
  for (const char* format : {"JSON-LD", "N-Quads", "Turtle"}) {
    add(dataset, ns(kVoidNs, "feature"), rdf::Term::iri(ns(kFormats, format)));
  }
  std::set<std::string> vocabularies;
  const auto noteVocabulary = [&](const std::string& iri) {
    for (const auto& p : rdf::standardPrefixes()) {
      if (iri.starts_with(p.iri)) vocabularies.insert(p.iri);
    }
  };
  std::size_t n = 0;
  for (const auto& [cls, members] : classEntities) {
    noteVocabulary(cls);
    const std::string part =
        self + "#class-" + shortName(cls, out.prefixes).value_or(std::to_string(++n));
    add(dataset, ns(kVoidNs, "classPartition"), rdf::Term::iri(part));
    add(part, ns(kVoidNs, "class"), rdf::Term::iri(cls));
    add(part, ns(kVoidNs, "entities"), count(members.size()));
  }
  n = 0;
  for (const auto& [property, number] : propertyTriples) {
    noteVocabulary(property);
    const std::string part =
        self + "#property-" + shortName(property, out.prefixes).value_or(std::to_string(++n));
    add(dataset, ns(kVoidNs, "propertyPartition"), rdf::Term::iri(part));
    add(part, ns(kVoidNs, "property"), rdf::Term::iri(property));
    add(part, ns(kVoidNs, "triples"), count(number));
  }
  for (const auto& v : vocabularies) add(dataset, ns(kVoidNs, "vocabulary"), rdf::Term::iri(v));
  addPageSubsets(data, base, self, out);
  out.normalize();
  return out;
}

namespace {

// Writes the files of one `publish` into a folder, recording each in the summary; the
// first file that cannot be written stops the publication.
class Publisher {
 public:
  Publisher(const Site& site, const rdf::Dataset& data, const std::string& folder,
            Diagnostics& diags)
      : site_(site), data_(data), folder_(folder), diags_(diags) {}

  PublishSummary run() {
    std::error_code ec;
    fs::create_directories(folder_, ec);
    if (ec || !fs::is_directory(folder_)) {
      summary_.error = "cannot create the folder '" + folder_ + "': " + ec.message();
      return summary_;
    }
    if (publishPages() && publishDumps() && publishVocabulary() && publishVoid()) {
      std::sort(summary_.files.begin(), summary_.files.end());
    }
    return summary_;
  }

 private:
  bool write(const fs::path& relative, const std::function<std::string(std::ostream&)>& produce) {
    std::string error;
    const WriteResult r =
        writeFileAtomically((fs::path(folder_) / relative).string(), [&](std::ostream& os) {
          error = produce(os);
          return error.empty();
        });
    if (!r.ok) {
      summary_.error =
          error.empty() ? r.error : error + " ('" + (fs::path(folder_) / relative).string() + "')";
      return false;
    }
    summary_.files.push_back(relative.generic_string());
    return true;
  }

  bool writeTurtle(const fs::path& relative, const rdf::Dataset& d) {
    return write(relative, [&](std::ostream& os) {
      return serialize::writeRdf(d, serialize::RdfFormat::Turtle, os);
    });
  }

  // Each page's named graph as Turtle and JSON-LD beside the page.
  bool publishPages() {
    const std::string& base = site_.config.baseUrl;
    std::map<std::string, std::vector<const rdf::Triple*>> graphs;
    for (const auto& t : data_.triples) graphs[t.graph].push_back(&t);
    for (const auto& [graph, triples] : graphs) {
      if (graph.empty() || !graph.starts_with(base)) continue;  // e.g. the vocabulary's own graph
      const auto path = pageFolder(graph, triples);
      if (!path) continue;
      rdf::Dataset page;
      page.prefixes = data_.prefixes;
      for (const rdf::Triple* t : triples) page.triples.push_back(*t);
      if (!writeTurtle(*path / kPageTurtle, page)) return false;
      serialize::JsonLdOptions options;
      options.namedGraphs = false;
      options.htmlSafe = true;
      if (!write(*path / kPageJsonLd,
                 [&](std::ostream& os) { return serialize::writeJsonLd(page, options, os); })) {
        return false;
      }
      ++summary_.pages;
    }
    return true;
  }

  // The folder of a page's files inside the output folder, made; nullopt (reported) when
  // it would lie outside it.
  std::optional<fs::path> pageFolder(const std::string& graph,
                                     const std::vector<const rdf::Triple*>& triples) {
    const auto path = pagePath(graph, site_.config.baseUrl);
    if (!path) {
      diags_.add(Severity::Error, originOf(triples), "publish-path-outside",
                 "the page <" + graph + "> would be published outside '" + folder_ +
                     "' (its path has '..' or '.'); give the page a plain `url:` or `slug:`");
      return std::nullopt;
    }
    std::error_code ec;
    if (!makeDirectoriesInside(folder_, *path, ec)) {
      const fs::path dir = fs::path(folder_) / *path;
      diags_.add(Severity::Error, originOf(triples), "publish-path-outside",
                 "cannot publish <" + graph + "> into '" + dir.string() + "'" +
                     (ec ? ": " + ec.message()
                         : std::string(": a symbolic link leads out of '") + folder_ + "'"));
      return std::nullopt;
    }
    return fs::path(*path);
  }

  // The whole dataset as N-Quads, Turtle and JSON-LD.
  bool publishDumps() {
    const std::string stem = kDumpStem;
    return write(stem + ".nq",
                 [&](std::ostream& os) {
                   return serialize::writeRdf(data_, serialize::RdfFormat::NQuads, os);
                 }) &&
           writeTurtle(stem + ".ttl", data_) && write(stem + ".jsonld", [&](std::ostream& os) {
             return serialize::writeJsonLd(data_, {}, os);
           });
  }

  // The vocabulary's own home: the gg: terms, to be served where its namespace redirects.
  bool publishVocabulary() {
    rdf::Dataset vocab;
    vocab.prefixes = data_.prefixes;
    for (const auto& t : data_.triples) {
      if (t.graph == rdf::kVocabularyGraph) vocab.triples.push_back(t);
    }
    const std::string vocabStem = kVocabStem;
    serialize::JsonLdOptions vocabJsonLd;
    vocabJsonLd.namedGraphs = false;
    return writeTurtle(vocabStem + ".ttl", vocab) &&
           write(vocabStem + ".jsonld",
                 [&](std::ostream& os) { return serialize::writeJsonLd(vocab, vocabJsonLd, os); });
  }

  bool publishVoid() {
    return writeTurtle(kVoid, voidDescription(site_, data_, siteLicense(site_, diags_)));
  }

  const Site& site_;
  const rdf::Dataset& data_;
  const std::string& folder_;
  Diagnostics& diags_;
  PublishSummary summary_;
};

}  // namespace

PublishSummary publishSite(const Site& site, const rdf::Dataset& data, const std::string& folder,
                           Diagnostics& diags) {
  return Publisher(site, data, folder, diags).run();
}

namespace {

// The host and path of the site's baseURL: "https://guides.example.org/" gives
// {"guides.example.org", "/"}.
std::pair<std::string, std::string> hostAndPath(const std::string& base) {
  const auto scheme = base.find("://");
  const std::string rest = scheme == std::string::npos ? base : base.substr(scheme + 3);
  const auto slash = rest.find('/');
  if (slash == std::string::npos) return {rest, "/"};
  return {rest.substr(0, slash), rest.substr(slash)};
}

std::string nginxConfiguration(const Site& site) {
  const auto [host, path] = hostAndPath(site.config.baseUrl);
  std::ostringstream out;
  out << "# nginx configuration for " << site.config.baseUrl
      << ", written by `guidegraph publish --server-config nginx`.\n"
         "# Serves the built site (the folder hugo builds, public/, which holds what guidegraph\n"
         "# publish wrote into static/) with content negotiation: a page IRI answers\n"
         "# Accept: text/turtle with the page's index.ttl, Accept: application/ld+json with its\n"
         "# index.jsonld, and a browser (text/html) or anything else with its index.html; each\n"
         "# answer says Vary: Accept. A client that cannot send Accept follows the page's\n"
         "# <link rel=\"alternate\"> to index.ttl or index.jsonld.\n"
         "#\n"
         "# Put this file where nginx reads configuration inside http {} (for example\n"
         "# /etc/nginx/conf.d/guidegraph.conf) and replace the two lines marked \"replace\".\n\n"
         "map $http_accept $guidegraph_index {\n"
         "    default                     index.html;\n"
         "    \"~*text/html\"               index.html;\n"
         "    \"~*application/xhtml\\+xml\"  index.html;\n"
         "    \"~*text/turtle\"             index.ttl;\n"
         "    \"~*application/ld\\+json\"    index.jsonld;\n"
         "}\n\n"
         "server {\n"
         "    listen 80;                          # replace: the address and port to serve on\n"
         "    server_name "
      << host
      << ";\n"
         "    root /var/www/"
      << host
      << ";   # replace: the folder hugo built (public/)\n\n"
         "    include mime.types;                 # the usual types, then the RDF ones\n"
         "    types {\n"
         "        text/turtle          ttl;\n"
         "        application/ld+json  jsonld;\n"
         "        application/n-quads  nq;\n"
         "    }\n"
         "    charset utf-8;\n"
         "    charset_types text/css application/javascript text/turtle application/ld+json "
         "application/n-quads;\n\n"
         "    # A page IRI ends with '/': the representation the client asked for.\n"
         "    location ~ /$ {\n"
         "        add_header Vary Accept always;\n"
         "        try_files $uri$guidegraph_index ${uri}index.html =404;\n"
         "    }\n"
         "    location "
      << path
      << " {\n"
         "        try_files $uri $uri/ =404;\n"
         "    }\n"
         "}\n";
  return out.str();
}

std::string apacheConfiguration(const Site& site) {
  const auto [host, path] = hostAndPath(site.config.baseUrl);
  const std::string root = "/var/www/" + host;
  std::ostringstream out;
  out << "# Apache httpd 2.4 configuration for " << site.config.baseUrl
      << ", written by `guidegraph publish --server-config apache`.\n"
         "# Serves the built site (the folder hugo builds, public/, which holds what guidegraph\n"
         "# publish wrote into static/) with content negotiation: a page IRI answers\n"
         "# Accept: text/turtle with the page's index.ttl, Accept: application/ld+json with its\n"
         "# index.jsonld, and a browser (text/html) or anything else with its index.html; each\n"
         "# answer says Vary: Accept. Needs mod_rewrite and mod_headers (a2enmod rewrite "
         "headers).\n"
         "#\n"
         "# Put this file in /etc/apache2/sites-available/, enable it with a2ensite, and replace\n"
         "# the lines marked \"replace\".\n\n"
         "<VirtualHost *:80>\n"
         "    # replace: the address and port above, and the folder hugo built (public/) below\n"
         "    ServerName "
      << host << "\n    DocumentRoot " << root << "\n\n"
      << "    AddType text/turtle .ttl\n"
         "    AddType application/ld+json .jsonld\n"
         "    AddType application/n-quads .nq\n"
         "    AddCharset utf-8 .ttl .jsonld .nq .html\n\n"
         "    <Directory "
      << root
      << ">\n"
         "        Require all granted\n"
         "        DirectoryIndex index.html\n"
         "        RewriteEngine On\n"
         "        # A page IRI ends with '/': the representation the client asked for.\n"
         "        RewriteCond %{HTTP_ACCEPT} !(text/html|application/xhtml\\+xml) [NC]\n"
         "        RewriteCond %{HTTP_ACCEPT} text/turtle [NC]\n"
         "        RewriteCond %{REQUEST_FILENAME}index.ttl -f\n"
         "        RewriteRule ^(.*/)?$ $1index.ttl [L]\n"
         "        RewriteCond %{HTTP_ACCEPT} !(text/html|application/xhtml\\+xml) [NC]\n"
         "        RewriteCond %{HTTP_ACCEPT} application/ld\\+json [NC]\n"
         "        RewriteCond %{REQUEST_FILENAME}index.jsonld -f\n"
         "        RewriteRule ^(.*/)?$ $1index.jsonld [L]\n"
         "    </Directory>\n"
         "    <LocationMatch \"/$\">\n"
         "        Header merge Vary Accept\n"
         "    </LocationMatch>\n"
         "</VirtualHost>\n";
  (void)path;
  return out.str();
}

}  // namespace

std::string serverConfiguration(WebServer server, const Site& site) {
  return server == WebServer::Nginx ? nginxConfiguration(site) : apacheConfiguration(site);
}

}  // namespace guidegraph::publish
