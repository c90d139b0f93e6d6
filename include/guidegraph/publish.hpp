// Publishing linked data on a static host: every page's graph as files at the page's own
// path, whole-site dumps, and a VoID description, so that every IRI of the site can be
// dereferenced without a server.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "guidegraph/diagnostic.hpp"
#include "guidegraph/rdf.hpp"
#include "guidegraph/site.hpp"

namespace guidegraph::publish {

// Names of the files written, relative to the folder published into.
inline constexpr const char* kPageTurtle = "index.ttl";
inline constexpr const char* kPageJsonLd = "index.jsonld";  // HTML-safe: can sit in <script>
inline constexpr const char* kVoid = "void.ttl";
inline constexpr const char* kDumpStem = "dataset";  // dataset.ttl, dataset.nq, dataset.jsonld
inline constexpr const char* kVocabStem = "vocab";   // vocab.ttl, vocab.jsonld: the gg: terms

struct PublishSummary {
  std::size_t pages = 0;           // page graphs written
  std::vector<std::string> files;  // every file written, relative to the folder, sorted
  std::string error;               // non-empty when a file could not be written (then stop)
};

// The site's licence: `params.license` of its configuration file, or "" when absent.
[[nodiscard]] std::string siteLicense(const Site& site, Diagnostics& diags);

// The VoID description of `data` as published at `base` (the site's baseURL): triples,
// entities, classes, class and property partitions, a subset per page graph (with the
// page's index.ttl and index.jsonld as its dumps), dump files and licence.
[[nodiscard]] rdf::Dataset voidDescription(const Site& site, const rdf::Dataset& data,
                                           const std::string& license);

// Writes into `folder`, for every named graph that is a page of the site (its IRI starts
// with the site's baseURL), `<page path>/index.ttl` and `<page path>/index.jsonld` holding
// that graph's triples; then the dumps and void.ttl at the top. A page path that would leave
// `folder` ("..", a symbolic link out of it) is reported as an error and skipped. Every file
// is written atomically; output is byte-identical across runs.
[[nodiscard]] PublishSummary publishSite(const Site& site, const rdf::Dataset& data,
                                         const std::string& folder, Diagnostics& diags);

// Web servers whose configuration `serverConfiguration` writes.
enum class WebServer { Nginx, Apache };

// The configuration `server` needs to serve the built site (Hugo's public/ folder, holding
// what publishSite wrote into static/) with content negotiation: a page IRI (a path ending
// in '/') answers `Accept: text/turtle` with the page's index.ttl, `Accept:
// application/ld+json` with its index.jsonld, and anything else (a browser's text/html
// first of all) with its index.html; every such answer says `Vary: Accept`. For nginx, a
// `map` block and a complete `server {}` block (for the http context); for Apache httpd
// 2.4, a `<VirtualHost>` (mod_rewrite, mod_headers). The `listen`/`root` (nginx) and
// `<VirtualHost>`/`DocumentRoot` (Apache) lines are the ones a user replaces.
[[nodiscard]] std::string serverConfiguration(WebServer server, const Site& site);

}  // namespace guidegraph::publish
