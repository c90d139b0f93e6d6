#!/usr/bin/python3
"""Reads back what a load left in a SPARQL endpoint, for the load tests.

  endpoint_tool.py dump URL PREFIX...    every quad in graphs whose IRI starts with a PREFIX,
                                         one "<graph> s p o" line each, sorted
  endpoint_tool.py export-dump FILE.nq PREFIX...   the same lines from an N-Quads file
  endpoint_tool.py graphs DUMPFILE       graph IRI and triple count per graph of a dump
Terms are written as in N-Triples (run_queries.fmt), so two dumps compare as text.
"""
import json
import pathlib
import sys
import urllib.parse
import urllib.request
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import rdflib  # noqa: E402
from run_queries import fmt_json, fmt_rdflib  # noqa: E402


def select(url, query):
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read().decode("utf-8"))


def prefix_filter(prefixes):
    return " || ".join('STRSTARTS(STR(?g), "%s")' % p for p in prefixes)


def main():
    cmd = sys.argv[1]
    if cmd == "dump":
        url, prefixes = sys.argv[2], sys.argv[3:]
        lines = []
        offset = 0
        while True:  # in pages, as endpoints cap result sizes
            q = ("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(%s) } ORDER BY ?g ?s ?p ?o "
                 "LIMIT 10000 OFFSET %d" % (prefix_filter(prefixes), offset))
            rows = select(url, q)["results"]["bindings"]
            lines += ["%s %s %s %s" % tuple(fmt_json(r[v]) for v in ("g", "s", "p", "o")) for r in rows]
            if len(rows) < 10000:
                break
            offset += len(rows)
        print("\n".join(sorted(lines)))
    elif cmd == "export-dump":
        ds = rdflib.ConjunctiveGraph()
        ds.parse(sys.argv[2], format="nquads")
        prefixes = sys.argv[3:]
        lines = set()
        for s, p, o, g in ds.quads((None, None, None, None)):
            gi = str(g.identifier if hasattr(g, "identifier") else g)
            if any(gi.startswith(x) for x in prefixes):
                lines.add("<%s> %s %s %s" % (gi, fmt_rdflib(s), fmt_rdflib(p), fmt_rdflib(o)))
        print("\n".join(sorted(lines)))
    elif cmd == "graphs":
        counts = Counter(l.split(" ", 1)[0] for l in pathlib.Path(sys.argv[2]).read_text().splitlines() if l)
        for g in sorted(counts):
            print(g, counts[g])
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
