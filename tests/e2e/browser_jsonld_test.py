"""The embedded JSON-LD where it is consumed: pages of examples/site (published, built with
hugo, served by nginx on 127.0.0.1) loaded in a real headless Chromium; every
<script type="application/ld+json"> read from the DOM the browser built (--dump-dom) parses
as JSON-LD and is isomorphic to the page's graph. One page is a source whose description
holds `</script>`, quotes, `&` and `<!--`: the script element must still hold the whole
JSON-LD, and the browser must run no script of it."""

import html.parser
import json
import os
import shutil
import subprocess

from e2e_support import Checks, copy_site, fail
from rdflib import ConjunctiveGraph, Graph, URIRef
from rdflib.compare import isomorphic
from web_support import Nginx, PublishedSite

BASE = "https://guides.example.org/"
TRICKY = "sources/sources/tricky_script/"
checks = Checks("browser_jsonld")
chromium = shutil.which("chromium")
if chromium is None:
    fail("chromium is not installed (`.ci/setup --test` installs it)")

site = copy_site("browser")
with open(os.path.join(site, "content", TRICKY.rstrip("/") + ".md"), "w", encoding="utf-8") as f:
    f.write("""---
title: "Tricky </script> \\"Source\\""
website: https://tricky.example.org/
description: 'Ends a script: </script><script>document.title="pwned"</script> & <!-- "quotes" ''single'' \\\\ backslash'
categories: ["local-ngo"]
countries: ["Kazakhstan"]
languages: ["en"]
---

A source whose text tries to end the script element.
""")
published = PublishedSite(site)
dataset = ConjunctiveGraph()
dataset.parse(os.path.join(site, "static", "dataset.nq"), format="nquads")


class Scripts(html.parser.HTMLParser):
    """The text of every <script type="application/ld+json"> in a document."""

    def __init__(self):
        super().__init__()
        self.found, self._in = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._in = True
            self.found.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.found[-1] += data


def page_graph(iri):
    g = Graph()
    for t in dataset.get_context(URIRef(iri)):
        g.add(t)
    return g


profile = os.path.join(published.site, "..", "chromium-profile")
with Nginx(published) as server:
    for path in ["guides/kazakhstan/", "sources/sources/zakon_kz/", "category/state-media/",
                 "countries/kazakhstan/", TRICKY]:
        proc = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                               "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                               "--dump-dom", server.base + path],
                              capture_output=True, text=True, timeout=120)
        checks.equal(proc.returncode, 0, f"chromium loads {path} ({proc.stderr[-500:]})")
        parser = Scripts()
        parser.feed(proc.stdout)
        checks.equal(len(parser.found), 1, f"{path}: one JSON-LD script element in the DOM")
        if not parser.found:
            continue
        try:
            document = json.loads(parser.found[0])
        except ValueError as e:
            checks.check(False, f"{path}: the script element holds JSON ({e})")
            continue
        g = Graph()
        g.parse(data=json.dumps(document), format="json-ld")
        expected = page_graph(BASE + path)
        checks.check(len(expected) > 0 and isomorphic(g, expected),
                     f"{path}: the JSON-LD in the DOM is the page's graph ({len(g)} and {len(expected)} triples)")
        if path == TRICKY:
            checks.check("pwned" not in proc.stdout.split("<title>", 1)[-1].split("</title>", 1)[0],
                         "the description's </script> ran no script in the browser")
            described = [str(o) for o in g.objects(None, URIRef("https://schema.org/description"))]
            checks.check(any("</script><script>" in d and '"quotes"' in d for d in described),
                         f"the description comes through whole ({described})")
checks.finish()
