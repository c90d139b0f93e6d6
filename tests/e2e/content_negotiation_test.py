"""Linked data a client can find and fetch: examples/site published with `guidegraph
publish --server-config nginx|apache`, built with hugo and served by a real nginx and a
real Apache httpd in turn (127.0.0.1, the configuration guidegraph wrote for each). Checked with curl: every page IRI negotiates to HTML,
Turtle and JSON-LD with the right Content-Type and `Vary: Accept`; the Turtle and the
JSON-LD, read with rdflib, equal the page's graph in the published dataset; every IRI of
the published data under the site's base resolves (a hash IRI through its page); the HTML
links both with <link rel="alternate">; the vocabulary is served as vocab.ttl/vocab.jsonld."""

import os
import re

from e2e_support import Checks, copy_site, load_graph
from rdflib import ConjunctiveGraph, Graph, URIRef
from rdflib.compare import isomorphic
from web_support import Apache, Nginx, PublishedSite, curl

BASE = "https://guides.example.org/"
checks = Checks("content_negotiation")
site = copy_site("conneg")
published = PublishedSite(site)
dataset = ConjunctiveGraph()
dataset.parse(os.path.join(site, "static", "dataset.nq"), format="nquads")
pages = sorted(str(c.identifier) for c in dataset.contexts() if str(c.identifier).startswith(BASE))
checks.check(len(pages) >= 50, f"the published dataset has the site's page graphs ({len(pages)})")


def page_graph(iri):
    g = Graph()
    for t in dataset.get_context(URIRef(iri)):
        g.add(t)
    return g


def check_server(server, label):
    def url(iri):
        return server.base + iri[len(BASE):].split("#", 1)[0]

    turtle_ok = jsonld_ok = html_ok = vary_ok = 0
    for iri in pages:
        status, headers, body = curl(url(iri), "text/turtle")
        ctype = headers.get("content-type", [""])[0]
        if status == 200 and ctype.startswith("text/turtle"):
            g = Graph()
            g.parse(data=body.decode("utf-8"), format="turtle")
            turtle_ok += isomorphic(g, page_graph(iri))
        vary_ok += "Accept" in ", ".join(headers.get("vary", []))
        status, headers, body = curl(url(iri), "application/ld+json")
        if status == 200 and headers.get("content-type", [""])[0].startswith("application/ld+json"):
            g = Graph()
            g.parse(data=body.decode("utf-8"), format="json-ld")
            jsonld_ok += isomorphic(g, page_graph(iri))
        status, headers, body = curl(url(iri), "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        html = body.decode("utf-8", "replace")
        if status == 200 and headers.get("content-type", [""])[0].startswith("text/html"):
            path = iri[len(BASE) - 1:]
            html_ok += (f'<link rel="alternate" type="text/turtle" href="{path}index.ttl">' in html
                        and f'<link rel="alternate" type="application/ld+json" href="{path}index.jsonld">' in html)
    checks.equal(turtle_ok, len(pages), f"{label}: page IRIs answering Accept: text/turtle with the page's graph")
    checks.equal(jsonld_ok, len(pages), f"{label}: page IRIs answering Accept: application/ld+json with the page's graph")
    checks.equal(html_ok, len(pages), f"{label}: page IRIs answering a browser with HTML that links both alternates")
    checks.equal(vary_ok, len(pages), f"{label}: answers that say Vary: Accept")

    # Every IRI of the data under the site's base resolves (a hash IRI through its page).
    iris = {str(n) for t in dataset for n in t[:3] if isinstance(n, URIRef) and str(n).startswith(BASE)}
    unresolved = []
    for documents in sorted({i.split("#", 1)[0] for i in iris}):
        status, _, _ = curl(url(documents), "text/turtle")
        if status != 200:
            unresolved.append(f"{documents} ({status})")
    checks.check(len(iris) > len(pages), f"{label}: IRIs in the data under the base ({len(iris)})")
    checks.equal(unresolved, [], f"{label}: IRIs of the published data that do not resolve")

    # A plain file keeps its own type; a missing page is a 404, whatever the Accept.
    status, headers, _ = curl(server.base + "dataset.nq", "*/*")
    checks.check(status == 200 and headers["content-type"][0].startswith("application/n-quads"),
                 f"{label}: dataset.nq is served as application/n-quads ({status} {headers.get('content-type')})")
    status, _, _ = curl(server.base + "no/such/page/", "text/turtle")
    checks.equal(status, 404, f"{label}: a missing page answers 404")

    # The vocabulary's own home.
    status, headers, body = curl(server.base + "vocab.ttl", "text/turtle")
    vocab = Graph()
    if status == 200:
        vocab.parse(data=body.decode("utf-8"), format="turtle")
    checks.check(status == 200 and (URIRef("https://w3id.org/guidegraph/vocab#Guide"), None, None) in vocab,
                 f"{label}: vocab.ttl is served and defines gg:Guide")
    status, headers, body = curl(server.base + "vocab.jsonld", "application/ld+json")
    vocab_jsonld = Graph()
    if status == 200:
        vocab_jsonld.parse(data=body.decode("utf-8"), format="json-ld")
    checks.check(status == 200 and isomorphic(vocab, vocab_jsonld), f"{label}: vocab.jsonld holds the same vocabulary")


for server_class, label in ((Nginx, "nginx"), (Apache, "apache")):
    with server_class(published) as server:
        check_server(server, label)

checks.finish()
