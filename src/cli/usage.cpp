// The text `guidegraph COMMAND --help` prints for each command. doc/guidegraph.1 and
// completion/guidegraph.bash list the same options (tests/cli/help_docs_test.py checks).
#include "commands.hpp"

namespace guidegraph::cli {

// The options that say how a site is read, written once for the commands that list them in
// full (a macro, so that each usage text stays one string literal).
#define GUIDEGRAPH_SITE_OPTIONS                                                                \
  "      --base IRI         use IRI instead of the site's baseURL for every permalink\n"       \
  "  -D, --drafts           include pages marked `draft: true`\n"                              \
  "  -F, --build-future     include pages whose publishDate (or date) is in the future\n"      \
  "  -E, --build-expired    include pages whose expiryDate has passed\n"                       \
  "  -e, --environment ENV  read config/ENV/ over config/_default/ (default: production, or\n" \
  "                         $HUGO_ENVIRONMENT)\n"                                              \
  "      --conventions FILE the site's conventions, a TOML, YAML or JSON file with the keys\n" \
  "                         of params.guidegraph (guides, guideTag, sources, categories,\n"    \
  "                         languages, website, languageNames, schemaTypes, ...),\n"           \
  "                         which override the site configuration's (README: \"Reading\n"      \
  "                         your own site\")\n"

const char* const kExportUsage =
    R"(Usage: guidegraph export SITE [options]

Reads the Hugo site in folder SITE (its hugo.toml and content/) and writes its knowledge
graph as RDF. Problems in the content are reported as file:line:col diagnostics on
standard error; the rest of the site is still exported.

Options:
  -o, --output FILE      write to FILE (atomically: a complete file or none);
                         default: standard output
  -f, --format FORMAT    ttl (default), nt, nq, trig or jsonld; or a comma-separated
                         list such as ttl,nq,jsonld, which needs -o DIR: each format
                         is then written to DIR/NAME.EXT, NAME being the site folder's
                         name (examples/site -> DIR/site.ttl, DIR/site.nq, ...)
      --bulk DIR         write files for a store's own bulk loader instead: the dataset as
                         gzip-compressed N-Quads in chunks (DIR/NAME-000001.nq.gz, ...),
                         DIR/virtuoso-load.sql for Virtuoso's bulk loader (isql-vt,
                         ld_dir/rdf_loader_run; DIR must be in the server's DirsAllowed)
                         and DIR/README.md saying how to load them into Virtuoso, Apache
                         Jena TDB2, QLever and Oxigraph; DIR is created if missing
      --chunk-size N     with --bulk: at most N quads per chunk (default 1000000)
      --jsonld-form FORM compact (default; with the context of vocab/context.jsonld
                         written into the output, so no network is needed),
                         expanded or flattened
)" GUIDEGRAPH_SITE_OPTIONS
    R"(      --threads N        parse, describe and validate with N threads (default: one per core)
      --max-file-size N  skip content files larger than N bytes (default 16777216)
      --max-files N      read at most N content files (default 1000000)
      --max-yaml-depth N YAML front matter nested deeper than N levels is an error
                         (front-matter-too-deep; default 64)
      --max-yaml-nodes N YAML front matter that expands (aliases included) to more than
                         N values is an error (front-matter-too-large; default 100000)
      --no-validate      skip validation (the vocabulary rules and graph checks of
                         `guidegraph validate`), which export runs by default
      --force            write the output even when validation finds violations
      --timings          print the time each stage took (scan, parse, merge, RDF view,
                         serialize) on standard error
  -q, --quiet            print no summary line, and no progress line (which is shown
                         only on a terminal, for runs longer than a second)

Turtle and N-Triples hold the union of all graphs. N-Quads, TriG and JSON-LD keep one
named graph per page, named by the page's permalink (JSON-LD: {"@id": permalink,
"@graph": [...]}), and the vocabulary in a graph of its own. Every output is sorted and
byte-identical from run to run.

Validation problems are reported like the others. When validation finds violations
(errors of the vocabulary rules), nothing is written unless --force; input errors such as
a broken link or malformed front matter are reported and the rest is still written.

Exit codes: 0 success; 1 the content has errors or violations (the output was still
written unless violations stopped it); 2 bad command line, no site at SITE, or the
output could not be written.
)";

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

const char* const kMapUsage =
    R"(Usage: guidegraph map SITE [--by category|country|guide] [-o FILE] [--render svg|png]
                      [--layout dot|fdp]

Draws the site's sources as a GraphViz map: each guide points at the sources it
recommends, sources are filled with the colour of their category (see the legend), and
are grouped into clusters:

  --by category   a cluster per top-level category, nested clusters for its
                  sub-categories (skos:broader); a source sits in its most specific
                  category (the default)
  --by country    a cluster per country, holding its guides and sources (a source
                  of several countries sits in the first of them by IRI)
  --by guide      a cluster per guide, holding the guide and the sources only it
                  recommends; sources shared by several guides stay outside

Labels are the names of guides and sources, shortened to about 36 characters (the full
name is the tooltip, and each node links to its page in SVG). Every string is escaped for
DOT. Output is byte-identical from run to run.

Options:
      --by GROUPING      category (default), country or guide
  -o, --output FILE      write to FILE (atomically); default: standard output
      --layout ENGINE    with --render: dot (default; guides and sources in ranks) or
                         fdp (clusters packed side by side: a compact picture of a site
                         with many sources; GraphViz 2.43's fdp places them a little
                         differently from run to run, the DOT stays the same)
      --render FORMAT    svg or png: run GraphViz's `dot` and write the picture instead
                         of DOT (needs graphviz installed); any warning from dot is an error
)" GUIDEGRAPH_SITE_OPTIONS
    R"(      --threads N, --max-file-size N, --max-files N, --max-yaml-depth N,
      --max-yaml-nodes N as for `guidegraph export`
  -q, --quiet            print no summary line

Examples:
  guidegraph map examples/site -o sources.dot && dot -Tsvg sources.dot > sources.svg
  guidegraph map examples/site --by country --render png -o countries.png

Exit codes: 0 success; 1 the content has errors (the map is still written);
2 bad command line, no site at SITE, dot failed, or the output could not be written.
)";

const char* const kValidateUsage = R"(Usage: guidegraph validate SITE [options]
       guidegraph validate --data FILE... --shapes FILE... [options]

Checks the site's knowledge graph against the vocabulary rules (the SHACL shapes in
shapes/guidegraph.ttl, compiled in, plus any given with --shapes) and the graph checks
(broken links, links to drafts, category cycles, sources no guide recommends, duplicate
websites, guides without sections). Every problem points at the Markdown file, line and
column to change.

With --data, validates any RDF files (Turtle .ttl, N-Triples .nt, N-Quads .nq, TriG
.trig) against the shapes given with --shapes, like any SHACL validator.

Options:
      --shapes FILE      more shapes (with --data: the shapes to use); may be repeated
      --data FILE        RDF data to validate instead of a site; may be repeated
  -f, --format FORMAT    text (default), turtle (a sh:ValidationReport), sarif (2.1.0) or json
  -o, --output FILE      write the report to FILE (atomically); default: standard output
      --strict           warnings also make the exit code 1
      --base IRI, -D/--drafts, -F/--build-future, -E/--build-expired,
      -e/--environment ENV, --conventions FILE, --threads N, --max-file-size N,
      --max-files N,
      --max-yaml-depth N, --max-yaml-nodes N, -q/--quiet
                         as for `guidegraph export`

Exit codes: 0 conforms (warnings and infos may have been reported); 1 violations or errors
(with --strict also warnings); 2 bad command line, unreadable input or output.
)";

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

const char* const kLoadUsage = R"(Usage: guidegraph load SITE|FILE --endpoint URL [options]

Loads the knowledge graph of the Hugo site in folder SITE (or the RDF in FILE: .ttl, .nt,
.nq, .trig) into a SPARQL store, with SPARQL 1.1 Update (INSERT DATA of many graphs per
request) when an update endpoint is given, else with the SPARQL 1.1 Graph Store HTTP
Protocol (one request per graph).

A replacement is safe: each graph is uploaded into a temporary graph, the triple counts
are checked, and only then are the targets swapped (SPARQL Update requests that each
replace up to 500 targets at once, or Graph Store PUT without an update endpoint). Each
target graph is replaced whole or not at all. If anything fails before the swap the
temporary graphs are dropped and every target keeps its old content; the message says so.
A request that may have changed a target is never sent twice.

For a first load of a large site, or many sites, the store's own bulk loader is faster
still: see the bulk files in `guidegraph export --help`.

Endpoints:
      --endpoint URL          Graph Store Protocol service (`?graph=IRI` is appended), e.g.
                              Virtuoso http://HOST:8890/sparql-graph-crud-auth
      --update-endpoint URL   SPARQL Update endpoint, e.g. Virtuoso http://HOST:8890/sparql-auth;
                              used for the upload (unless --upload graph-store) and the swap
      --query-endpoint URL    SPARQL query endpoint for the triple-count checks
                              (default: the update endpoint; without either, graphs are
                              downloaded from the Graph Store and counted)
Graphs:
      --graph IRI             load everything into this one graph (default for .ttl/.nt files)
      --graph-per-page        one graph per page, named by its permalink (default for a site
                              and for .nq/.trig files); the vocabulary has its own graph
      --replace               replace the target graphs (default)
      --merge                 add to the target graphs (no temporary graph, nothing removed)
      --changed-only          with --graph-per-page: send only pages whose triples changed
                              since the last load recorded in the state file, and drop the
                              graphs of pages that disappeared
      --state FILE            the state file of per-page hashes (SHA-256 of each page's
                              sorted N-Triples), per endpoint and source; written after every
                              successful --graph-per-page load (default:
                              .guidegraph-load-state.json in the current folder)
Authentication (the password never goes on the command line and is never printed):
      --user NAME             user name; the password comes from the environment variable
                              GUIDEGRAPH_PASSWORD, else from the netrc file
      --auth METHOD           basic, digest or any (default any; Virtuoso needs digest)
      --netrc-file FILE       netrc file to read (default ~/.netrc); without --user its
                              `login` for the endpoint's host is used
Transfer:
      --upload METHOD         update (default with --update-endpoint): INSERT DATA with many
                              graphs per request; graph-store: one PUT per graph (--endpoint)
      --send-format FORMAT    nt (default) or ttl, the syntax sent to the Graph Store
      --batch-size N          triples per INSERT DATA request (default 1000, and 2000 for
                              Virtuoso, which is then told to take them as data)
      --jobs N                upload and count over N connections at once (default 2;
                              1 sends one request at a time; swaps go one at a time)
      --timeout SECONDS       limit for each request including its retries (default 30)
      --retries N             retries after connection errors and HTTP 5xx (default 3),
                              with a pause of 0.5 s that doubles each time
      --allow-errors          load even when the content has errors (pages with errors
                              may then lose triples in the store); by default such a
                              site is not loaded
      --dry-run               show what would be sent and dropped; contact no server
  -v, --verbose               print each step
      --timings               print the time each stage took (reading the site, grouping
                              and hashing the pages' graphs, upload, count, swap, check)
Site options: --base IRI, -D/--drafts, -F/--build-future, -E/--build-expired,
  -e/--environment ENV, --conventions FILE, --threads N, --max-file-size N, --max-files N
  -q, --quiet                 print no summary line

Exit codes: 0 loaded; 1 the content has errors (reported as file:line:col): nothing was
loaded, or with --allow-errors the rest was;
2 bad command line, unreadable input, or the load failed (the message says what became of
the target graphs).
)";

}  // namespace guidegraph::cli
