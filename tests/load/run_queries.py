#!/usr/bin/python3
"""Runs every examples/queries/*.rq and compares its results with the expected ones beside it.

  run_queries.py --data EXPORT.ttl QUERIES_DIR        query the export with rdflib
  run_queries.py --endpoint URL QUERIES_DIR           query a SPARQL endpoint (JSON results)
  run_queries.py --data EXPORT.ttl --write QUERIES_DIR  (re)write the expected files

SELECT results live in NAME.expected.tsv (SPARQL 1.1 TSV: a header of ?variables, then one
row per solution, terms in N-Triples syntax, an empty cell when unbound) and are compared as
multisets of rows. CONSTRUCT results live in NAME.expected.nt and are compared as graphs
(isomorphism). Exits 1 when any query's results differ, printing the differences.
"""
import argparse
import json
import pathlib
import sys
import urllib.parse
import urllib.request
from collections import Counter

import rdflib
from rdflib.compare import isomorphic, graph_diff

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def escape(lex):
    return (lex.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


def fmt(kind, value, datatype=None, lang=None):
    if kind == "uri":
        return "<%s>" % value
    if kind == "bnode":
        return "_:b"  # blank nodes compare as "some blank node"
    text = '"%s"' % escape(value)
    if lang:
        return text + "@" + lang.lower()
    if datatype and datatype != XSD_STRING:
        return text + "^^<%s>" % datatype
    return text


def fmt_rdflib(term):
    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef):
        return fmt("uri", str(term))
    if isinstance(term, rdflib.BNode):
        return fmt("bnode", str(term))
    return fmt("literal", str(term), str(term.datatype) if term.datatype else None, term.language)


def fmt_json(binding):
    if binding is None:
        return ""
    kind = binding["type"]
    if kind in ("literal", "typed-literal"):
        return fmt("literal", binding["value"], binding.get("datatype"), binding.get("xml:lang"))
    return fmt(kind, binding["value"])


def is_construct(text):
    body = "\n".join(l for l in text.splitlines() if not l.strip().startswith(("#", "PREFIX", "prefix")))
    return body.strip().upper().startswith("CONSTRUCT")


def post(endpoint, query, accept):
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(endpoint, data=data, headers={"Accept": accept})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.read().decode("utf-8")


def run(args, text):
    """Returns (header, rows) for SELECT or an rdflib.Graph for CONSTRUCT."""
    if args.endpoint:
        if is_construct(text):
            g = rdflib.Graph()
            g.parse(data=post(args.endpoint, text, "text/turtle"), format="turtle")
            return g
        result = json.loads(post(args.endpoint, text, "application/sparql-results+json"))
        names = result["head"]["vars"]
        rows = [tuple(fmt_json(b.get(v)) for v in names) for b in result["results"]["bindings"]]
        return ["?" + v for v in names], rows
    result = args.graph.query(text)
    if is_construct(text):
        g = rdflib.Graph()
        for t in result:
            g.add(t)
        return g
    names = [str(v) for v in result.vars]
    rows = [tuple(fmt_rdflib(row[i]) for i in range(len(names))) for row in result]
    return ["?" + v for v in names], rows


def read_tsv(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = lines[0].split("\t")
    return header, [tuple(l.split("\t")) for l in lines[1:]]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data")
    p.add_argument("--endpoint")
    p.add_argument("--write", action="store_true")
    p.add_argument("queries")
    args = p.parse_args()
    if bool(args.data) == bool(args.endpoint):
        p.error("give --data FILE or --endpoint URL")
    if args.data:
        args.graph = rdflib.Graph()
        args.graph.parse(args.data)
    queries = sorted(pathlib.Path(args.queries).glob("*.rq"))
    if not queries:
        print("no .rq files in", args.queries)
        return 1
    failures = 0
    for q in queries:
        text = q.read_text(encoding="utf-8")
        got = run(args, text)
        if isinstance(got, rdflib.Graph):
            expected_path = q.with_suffix(".expected.nt")
            if args.write:
                lines = sorted(l for l in got.serialize(format="nt").splitlines() if l.strip())
                expected_path.write_text("".join(l + "\n" for l in lines), encoding="utf-8")
                continue
            expected = rdflib.Graph()
            expected.parse(expected_path, format="nt")
            if len(got) == 0 or not isomorphic(got, expected):
                _, only_got, only_expected = graph_diff(got, expected)
                print("FAIL %s: %d triples, expected %d" % (q.name, len(got), len(expected)))
                for t in sorted(only_got.serialize(format="nt").splitlines()):
                    print("  unexpected:", t)
                for t in sorted(only_expected.serialize(format="nt").splitlines()):
                    print("  missing:   ", t)
                failures += 1
            else:
                print("ok   %s (%d triples)" % (q.name, len(got)))
            continue
        header, rows = got
        expected_path = q.with_suffix(".expected.tsv")
        if args.write:
            expected_path.write_text("\n".join(["\t".join(header)] + ["\t".join(r) for r in rows]) + "\n",
                                     encoding="utf-8")
            continue
        want_header, want_rows = read_tsv(expected_path)
        # An empty result passes only where the expected file says so (header only).
        if header != want_header or Counter(rows) != Counter(want_rows):
            print("FAIL %s: %d rows, expected %d" % (q.name, len(rows), len(want_rows)))
            if header != want_header:
                print("  header", header, "expected", want_header)
            for r in sorted((Counter(rows) - Counter(want_rows)).elements()):
                print("  unexpected:", "\t".join(r))
            for r in sorted((Counter(want_rows) - Counter(rows)).elements()):
                print("  missing:   ", "\t".join(r))
            failures += 1
        else:
            print("ok   %s (%d rows)" % (q.name, len(rows)))
    if not args.write:
        print("%d of %d queries gave their expected results" % (len(queries) - failures, len(queries)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
