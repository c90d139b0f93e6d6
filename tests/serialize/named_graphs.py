"""N-Quads has one named graph per page, and a page's graph holds exactly that page's triples.

A triple belongs to a page when its subject is in the page's document: the subject IRI
without its #fragment is the page's permalink. The check runs over every page graph, and
names the Kazakhstan guide explicitly so that its absence fails the test.
"""
import os
import subprocess
import sys
import tempfile

import rdflib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from e2e_support import PROGRAM, SITE, Checks  # noqa: E402

checks = Checks("serialize_named_graphs")
check = checks.check

rdflib.NORMALIZE_LITERALS = False

VOCAB = "https://w3id.org/guidegraph/vocab"
KAZAKHSTAN = "https://guides.example.org/guides/kazakhstan/"


with tempfile.TemporaryDirectory() as out:
    nq = os.path.join(out, "site.nq")
    subprocess.run([PROGRAM, "export", SITE, "-q", "-f", "nq", "-o", nq], check=True)
    ds = rdflib.ConjunctiveGraph()
    ds.parse(nq, format="nquads")
    graphs = {str(c.identifier): set(c.triples((None, None, None))) for c in ds.contexts()}
    graphs = {k: v for k, v in graphs.items() if v}
    default = [t for t in ds.default_context.triples((None, None, None))]
    check(not default, f"{len(default)} triples are outside any named graph")

    everything = set()
    for triples in graphs.values():
        everything |= triples
    by_document = {}
    for t in everything:
        doc = str(t[0]).split("#", 1)[0]
        by_document.setdefault(doc, set()).add(t)

    check(KAZAKHSTAN in graphs, f"no named graph <{KAZAKHSTAN}>")
    page_graphs = [g for g in graphs if g != VOCAB]
    print(f"{len(page_graphs)} page graphs, {len(everything)} triples")
    for g in page_graphs:
        check(g.startswith("https://guides.example.org/") and g.endswith("/"),
              f"graph <{g}> is not a page permalink")
        mine = by_document.get(g, set())
        check(graphs[g] == mine,
              f"graph <{g}>: {len(graphs[g])} triples, but {len(mine)} triples have a subject in that page "
              f"(only in graph: {sorted(map(str, graphs[g] - mine))[:2]}, only by subject: "
              f"{sorted(map(str, mine - graphs[g]))[:2]})")
    kz = graphs.get(KAZAKHSTAN, set())
    print(f"Kazakhstan guide graph: {len(kz)} triples; subjects in its document: "
          f"{len(by_document.get(KAZAKHSTAN, set()))}")
    check(len(kz) > 100, "the Kazakhstan guide's graph is too small")
    # Each page graph's triples are that page's alone: no triple sits in two page graphs.
    seen = {}
    for g in page_graphs:
        for t in graphs[g]:
            check(t not in seen, f"triple {t} is in both <{seen.get(t)}> and <{g}>")
            seen[t] = g

checks.finish()
print("one graph per page, each with exactly its page's triples")
