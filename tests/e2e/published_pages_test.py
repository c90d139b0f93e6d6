"""`guidegraph publish` + `hugo`: every built page embeds its own named graph as JSON-LD.

On a copy of examples/site: publish into its static/ folder, build with hugo (which must
print no WARN or ERROR), then for every named graph of the N-Quads export find the page
Hugo built at that permalink, take its <script type="application/ld+json"> element and
turn it into RDF with pyld (network refused) and rdflib: both must give exactly the
triples of that page's named graph. Also checks the published index.ttl files and void.ttl.
"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

import rdflib
import rdflib.compare
from pyld import jsonld

rdflib.NORMALIZE_LITERALS = False

PROGRAM = os.environ["GUIDEGRAPH"]
SOURCE = os.path.join(os.environ["GUIDEGRAPH_SOURCE_DIR"], "examples", "site")
BASE = "https://guides.example.org/"
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL:", message)


class ScriptFinder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._in:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.scripts[-1] += data


def refuse_network(url, options=None):
    raise jsonld.JsonLdError("network access refused", "loading document failed", {"url": url})


def triples_of_nquads(text):
    ds = rdflib.ConjunctiveGraph()
    ds.parse(data=text, format="nquads")
    return set(ds.triples((None, None, None)))


with tempfile.TemporaryDirectory() as tmp:
    site = os.path.join(tmp, "site")
    shutil.copytree(SOURCE, site, ignore=shutil.ignore_patterns("public", "resources", ".hugo_build.lock"))
    shutil.rmtree(os.path.join(site, "static"), ignore_errors=True)
    pub = subprocess.run([PROGRAM, "publish", site], capture_output=True, text=True)
    print(pub.stderr.strip())
    check(pub.returncode == 0, f"guidegraph publish exited {pub.returncode}: {pub.stderr}")
    nq = os.path.join(tmp, "site.nq")
    subprocess.run([PROGRAM, "export", site, "-q", "-f", "nq", "-o", nq], check=True)

    public = os.path.join(tmp, "public")
    hugo = subprocess.run(["hugo", "--source", site, "--destination", public], capture_output=True, text=True)
    out = hugo.stdout + hugo.stderr
    check(hugo.returncode == 0, f"hugo exited {hugo.returncode}: {out}")
    check("WARN" not in out and "ERROR" not in out, f"hugo printed warnings or errors:\n{out}")

    ds = rdflib.ConjunctiveGraph()
    ds.parse(nq, format="nquads")
    graphs = {str(c.identifier): set(c.triples((None, None, None))) for c in ds.contexts()}
    pages = {g: t for g, t in graphs.items() if t and g.startswith(BASE)}
    check(len(pages) > 50, f"only {len(pages)} page graphs")
    checked = 0
    for graph, expected in sorted(pages.items()):
        path = graph[len(BASE):]
        page = os.path.join(public, path, "index.html")
        if not os.path.isfile(page):
            check(False, f"hugo built no page for the graph <{graph}> ({page})")
            continue
        finder = ScriptFinder()
        with open(page, encoding="utf-8") as f:
            finder.feed(f.read())
        check(len(finder.scripts) == 1, f"{page}: {len(finder.scripts)} JSON-LD script elements, expected 1")
        if not finder.scripts:
            continue
        doc = json.loads(finder.scripts[0])
        via_pyld = triples_of_nquads(jsonld.to_rdf(doc, {"format": "application/n-quads",
                                                         "documentLoader": refuse_network}))
        check(via_pyld == expected, f"{page}: pyld reads {len(via_pyld)} triples from the script, "
                                    f"the graph <{graph}> has {len(expected)}")
        g = rdflib.Graph()
        g.parse(data=finder.scripts[0], format="json-ld")
        check(set(g) == expected, f"{page}: rdflib reads {len(g)} triples from the script, expected {len(expected)}")
        ttl = rdflib.Graph()
        ttl.parse(os.path.join(public, path, "index.ttl"), format="turtle")
        check(set(ttl) == expected, f"{path}index.ttl differs from the graph <{graph}>")
        checked += 1
    print(f"{checked} built pages embed exactly their named graph")
    check(checked == len(pages), f"checked {checked} of {len(pages)} pages")

    void = rdflib.Graph()
    void.parse(os.path.join(public, "void.ttl"), format="turtle")
    dataset = rdflib.URIRef(BASE + "void.ttl#dataset")
    union = set(ds.triples((None, None, None)))
    check(int(void.value(dataset, VOID.triples)) == len(union),
          f"void:triples is {void.value(dataset, VOID.triples)}, the dataset has {len(union)}")
    check(str(void.value(dataset, rdflib.URIRef("http://purl.org/dc/terms/license"))) ==
          "https://creativecommons.org/licenses/by/4.0/", "void.ttl does not state the licence of hugo.toml")
    classes = {o for _, _, o in ds.triples((None, rdflib.RDF.type, None))}
    check(int(void.value(dataset, VOID.classes)) == len(classes), "void:classes is wrong")
    check(len(list(void.objects(dataset, VOID.classPartition))) == len(classes), "a class partition is missing")
    for dump in void.objects(dataset, VOID.dataDump):
        check(os.path.isfile(os.path.join(public, str(dump)[len(BASE):])), f"dump {dump} was not published")
    subsets = list(void.objects(dataset, VOID.subset))
    check(len(subsets) == len(pages), f"void.ttl has {len(subsets)} subsets, the site {len(pages)} page graphs")
    for subset in subsets:
        root = str(void.value(subset, VOID.rootResource))
        check(int(void.value(subset, VOID.triples)) == len(pages.get(root, ())),
              f"void: subset {subset} counts {void.value(subset, VOID.triples)} triples, its graph has "
              f"{len(pages.get(root, ()))}")
        dumps = sorted(str(d) for d in void.objects(subset, VOID.dataDump))
        check(dumps == [root + "index.jsonld", root + "index.ttl"], f"void: subset {subset} dumps {dumps}")
        for dump in dumps:
            check(os.path.isfile(os.path.join(public, dump[len(BASE):])), f"void: {dump} was not published")
    guide = rdflib.URIRef(BASE + "void.ttl#class-gg-Guide")
    check(int(void.value(guide, VOID.entities)) == 3, "void: the class partition of gg:Guide should count 3 guides")

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("published pages and void.ttl agree with the named graphs")
