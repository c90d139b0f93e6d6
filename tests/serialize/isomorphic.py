"""Every RDF output of examples/site is isomorphic to the Turtle output, by rdflib and pyld.

Usage: isomorphic.py (env GUIDEGRAPH, GUIDEGRAPH_SOURCE_DIR). Exports examples/site as
ttl,nt,nq,trig,jsonld (and JSON-LD in its three forms), then:
  * rdflib parses each file; for nq/trig/jsonld the union of the named graphs is compared;
  * pyld (JSON-LD 1.1 processor) turns each JSON-LD file into N-Quads, with a document
    loader that refuses the network, and rdflib compares those with the Turtle too;
  * N-Quads, TriG and JSON-LD name the same graphs with the same triples in each.
"""
import os
import subprocess
import sys
import tempfile

import rdflib
import rdflib.compare
from pyld import jsonld

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from e2e_support import PROGRAM, SITE, Checks  # noqa: E402

checks = Checks("serialize_isomorphic")
check = checks.check

rdflib.NORMALIZE_LITERALS = False


def run(*args):
    proc = subprocess.run([PROGRAM, *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"guidegraph {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc


def union(path, fmt):
    ds = rdflib.ConjunctiveGraph()
    ds.parse(path, format=fmt)
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return ds, g


def graphs_of(ds):
    """graph name -> set of triples, for the named graphs of a parsed dataset."""
    out = {}
    for ctx in ds.contexts():
        triples = set(ctx.triples((None, None, None)))
        if triples:
            out[str(ctx.identifier)] = triples
    return out


def refuse_network(url, options=None):
    raise jsonld.JsonLdError("network access refused", "loading document failed", {"url": url})


def pyld_graph(path):
    with open(path, encoding="utf-8") as f:
        import json
        doc = json.load(f)
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": refuse_network})
    ds = rdflib.ConjunctiveGraph()
    ds.parse(data=nquads, format="nquads")
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return ds, g


with tempfile.TemporaryDirectory() as out:
    run("export", SITE, "-q", "-f", "ttl,nt,nq,trig,jsonld", "-o", out)
    for form in ("expanded", "flattened"):
        run("export", SITE, "-q", "-f", "jsonld", "--jsonld-form", form, "-o", os.path.join(out, f"{form}.jsonld"))

    turtle = rdflib.Graph()
    turtle.parse(os.path.join(out, "site.ttl"), format="turtle")
    print(f"Turtle: {len(turtle)} triples")
    check(len(turtle) > 1000, f"the Turtle output of examples/site has only {len(turtle)} triples")

    files = [("site.nt", "nt"), ("site.nq", "nquads"), ("site.trig", "trig"), ("site.jsonld", "json-ld"),
             ("expanded.jsonld", "json-ld"), ("flattened.jsonld", "json-ld")]
    named = {}
    for name, fmt in files:
        ds, g = union(os.path.join(out, name), fmt)
        iso = rdflib.compare.isomorphic(turtle, g)
        print(f"rdflib {name}: {len(g)} triples, isomorphic to Turtle: {iso}")
        check(iso, f"rdflib: {name} is not isomorphic to site.ttl ({len(g)} vs {len(turtle)} triples; "
                   f"missing {len(turtle - g)}, extra {len(g - turtle)})")
        if fmt != "nt":
            named[name] = graphs_of(ds)

    for name in ("site.jsonld", "expanded.jsonld", "flattened.jsonld"):
        ds, g = pyld_graph(os.path.join(out, name))
        iso = rdflib.compare.isomorphic(turtle, g)
        print(f"pyld {name}: {len(g)} triples, isomorphic to Turtle: {iso}")
        check(iso, f"pyld: {name} is not isomorphic to site.ttl ({len(g)} vs {len(turtle)} triples)")
        named["pyld " + name] = graphs_of(ds)

    reference = named["site.nq"]
    print(f"N-Quads: {len(reference)} named graphs")
    check(len(reference) > 50, f"N-Quads has only {len(reference)} named graphs")
    check("https://w3id.org/guidegraph/vocab" in reference,
          "N-Quads has no graph <https://w3id.org/guidegraph/vocab> for the vocabulary")
    for name, graphs in named.items():
        check(set(graphs) == set(reference), f"{name} names other graphs than site.nq: "
              f"{sorted(set(graphs) ^ set(reference))[:5]}")
        for gname in set(graphs) & set(reference):
            check(graphs[gname] == reference[gname], f"{name}: graph <{gname}> differs from site.nq")

checks.finish()
print("all outputs isomorphic")
