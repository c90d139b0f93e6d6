#!/usr/bin/env python3
"""What Virtuoso 7.2 takes below SPARQL: the copy a swap does, as SPARQL and as SQL.

Measures, on a private Virtuoso holding a generated site's quads (put there by its bulk
loader from `guidegraph export --bulk`), with the machine otherwise idle:

  - sparql-copy: one SPARQL Update (through isql-vt) copying every page graph into a graph of
    its own, as the swap of `guidegraph load` copies temporary graphs into their targets;
  - sql-copy: the same copy as one SQL statement on DB.DBA.RDF_QUAD (INSERT ... SELECT, no
    transaction log), which needs the `dba` account;
  - sql-delete: deleting those copies again with one SQL statement;
  - graph-store-put: one Graph Store PUT of the site's triples (N-Triples) into one graph,
    Virtuoso's own Turtle parser over HTTP.

Each repetition checks the count of what it made. Not a protocol of guidegraph's: figures for
choosing one (BENCHMARKS.md, "Below SPARQL").

    bench/virtuoso_paths.py --sources 10000 --repeat 3 --work /tmp/gg-virtuoso-paths
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from load_bench import Virtuoso, generated_site  # noqa: E402

SITE_GRAPHS = "id_to_iri(G) LIKE 'https://%'"


def isql(vt, statement):
    """Runs one statement with isql-vt; returns (wall seconds, output)."""
    start = time.perf_counter()
    r = subprocess.run(["isql-vt", str(vt.sql_port), "dba", "dba", "exec=" + statement],
                       capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    if "*** Error" in r.stdout + r.stderr:
        raise RuntimeError(f"isql-vt: {statement[:80]}: {r.stdout[-400:]} {r.stderr[-400:]}")
    return wall, r.stdout


def count(vt, prefix):
    # Through SPARQL: the same count in SQL (id_to_iri(G) LIKE …) once failed with SR477.
    _, out = isql(vt, "SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } "
                      f"FILTER(STRSTARTS(STR(?g), \"{prefix}\")) }}")
    numbers = [line.strip() for line in out.splitlines() if line.strip().isdigit()]
    return int(numbers[-1])


def put(vt, nt, graph):
    start = time.perf_counter()
    subprocess.run(["curl", "-sf", "--digest", "-u", "dba:dba", "-X", "PUT", "-H",
                    "Content-Type: text/turtle", "--data-binary", "@" + nt,
                    f"{vt.http}/sparql-graph-crud-auth?graph={graph}"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", default="/tmp/guidegraph-virtuoso-paths")
    ap.add_argument("--guidegraph", default=os.path.join(ROOT, "build", "guidegraph"))
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    site = generated_site(args.work, args.sources)
    bulk = os.path.join(args.work, f"bulk-{args.sources}")
    nt = os.path.join(args.work, f"site-{args.sources}.nt")
    # The generated site has planted broken links: export reports them and exits 1.
    subprocess.run([args.guidegraph, "export", site, "-q", "--bulk", bulk])
    subprocess.run([args.guidegraph, "export", site, "-q", "-f", "nt", "-o", nt])
    triples = sum(1 for _ in open(nt, "rb"))
    vt = Virtuoso(os.path.join(args.work, "vt"), bulk)
    times = {"sparql-copy": [], "sql-copy": [], "sql-delete": [], "graph-store-put": []}
    try:
        wall, quads = vt.bulk_load(bulk)
        print(f"bulk loader: {quads} quads in {wall:.2f} s", flush=True)
        for rep in range(args.repeat):
            target = f"urn:copy:s{rep}:"
            wall, _ = isql(vt, "SPARQL INSERT { GRAPH ?t { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } "
                               "FILTER(STRSTARTS(STR(?g), \"https://\")) "
                               f"BIND(IRI(CONCAT(\"{target}\", STR(?g))) AS ?t) }}")
            assert count(vt, target) == quads, "SPARQL copy incomplete"
            times["sparql-copy"].append(wall)
            target = f"urn:copy:q{rep}:"
            wall, _ = isql(vt, "log_enable(2); INSERT INTO DB.DBA.RDF_QUAD (G, S, P, O) SELECT "
                               f"iri_to_id(concat('{target}', id_to_iri(G))), S, P, O "
                               f"FROM DB.DBA.RDF_QUAD WHERE {SITE_GRAPHS}")
            assert count(vt, target) == quads, "SQL copy incomplete"
            times["sql-copy"].append(wall)
            wall, _ = isql(vt, "log_enable(2); DELETE FROM DB.DBA.RDF_QUAD WHERE "
                               f"id_to_iri(G) LIKE '{target}%'")
            assert count(vt, target) == 0, "SQL delete incomplete"
            times["sql-delete"].append(wall)
            print(f"  run {rep + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()
                                                   if v), flush=True)
        # After the copies: a graph of the PUT's blank nodes makes Virtuoso's SPARQL copy above
        # fail ("nodeID://… is not valid bnode IRI") even though its FILTER leaves it out.
        for rep in range(args.repeat):
            graph = f"urn:put:{rep}"
            times["graph-store-put"].append(put(vt, nt, graph))
            assert count(vt, graph) == triples, "PUT incomplete"
            isql(vt, f"SPARQL CLEAR GRAPH <{graph}>")
            print(f"  graph-store-put {rep + 1}: {times['graph-store-put'][-1]:.2f} s", flush=True)
    finally:
        vt.stop()
    print(f"\n{args.sources} sources, {quads} quads ({triples} distinct triples for the PUT)")
    print("| step | median s | runs | quads/s |\n|---|---:|---|---:|")
    for k, v in times.items():
        n = triples if k == "graph-store-put" else quads
        m = statistics.median(v)
        print(f"| {k} | {m:.2f} | {', '.join(f'{x:.2f}' for x in v)} | {n / m:,.0f} |")


if __name__ == "__main__":
    main()
