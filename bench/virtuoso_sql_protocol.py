#!/usr/bin/env python3
"""A sketch of a Virtuoso-only load protocol below SPARQL, timed step by step.

Not a protocol of guidegraph's: a measurement for deciding whether to build one. On a fresh
private Virtuoso (empty store, `dba`), the quads of `guidegraph export SITE -f nq` go in as
the per-page load would put them, one named graph per page, replaced through temporary
graphs:

  1. stage:       Graph Store requests (Virtuoso's Turtle parser; --stage-triples each) of
                  every quad as a triple of one staging graph, its graph carried in the subject
                  (<urn:guidegraph:s:LENGTH:GRAPHSUBJECT>, LENGTH the graph IRI's; the
                  generated site has no blank nodes, which this would need to carry otherwise);
  2. distribute:  one SQL INSERT ... SELECT on DB.DBA.RDF_QUAD into the temporary graphs
                  (urn:guidegraph:load:RUN:GRAPH), restoring each subject;
  3. count:       one SQL count per temporary graph (GROUP BY G), compared with the export;
  4. swap:        per batch of graphs, one SQL transaction that deletes the targets'
                  quads, copies the temporary graphs in (the target read from the temporary
                  graph's name) and deletes them;
  5. check:       the count of every target graph, compared with the export.

With --direct there are no temporary graphs: the staging graph is counted by target (one
GROUP BY), then one transaction deletes every target's quads, copies the staging graph into
the targets and deletes it (a failure before its commit leaves every target as it was).

The SQL goes through isql-vt (Virtuoso's own SQL protocol); over HTTP the same statements
would go through SPARQL's bif:exec. Building the staging document is not timed (guidegraph
would write it as it writes N-Triples); reading the site is the time of the export.

    bench/virtuoso_sql_protocol.py --sources 10000 --repeat 3 --work /tmp/gg-virtuoso-sql
    bench/virtuoso_sql_protocol.py --sources 10000 --repeat 3 --work /tmp/gg-virtuoso-sql --direct
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from load_bench import Virtuoso, generated_site  # noqa: E402

STAGE = "urn:guidegraph:stage"
PRED = "urn:guidegraph:s:"


def isql(vt, statements):
    """Runs SQL statements (each ending with ';') with isql-vt from a file (its exec=
    argument turns '+' into a space); returns (wall seconds, output)."""
    path = os.path.join(vt.folder, "statements.sql")
    with open(path, "w", encoding="utf-8") as f:
        for statement in statements.split("; "):
            f.write(statement.rstrip().rstrip(";") + ";\n")
    start = time.perf_counter()
    r = subprocess.run(["isql-vt", str(vt.sql_port), "dba", "dba", path],
                       capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    if "*** Error" in r.stdout + r.stderr or "Error " in r.stderr:
        raise RuntimeError(f"isql-vt: {statements[:80]}: {r.stdout[-1500:]} {r.stderr[-1500:]}")
    return wall, r.stdout


def split_quad(line):
    """(subject, predicate IRI, object, graph IRI) of one N-Quads line from guidegraph."""
    line = line.rstrip()
    assert line.endswith(" .")
    body = line[:-2]
    g_start = body.rindex(" <")
    graph = body[g_start + 2:-1]
    rest = body[:g_start]
    s_end = rest.index(" ")
    subject = rest[:s_end]
    p_end = rest.index("> ", s_end + 1)
    predicate = rest[s_end + 2:p_end]
    obj = rest[p_end + 2:]
    return subject, predicate, obj, graph


def sql_rows(out):
    """The data rows isql-vt printed (after the ____ line, before the 'N Rows.' line)."""
    rows, on = [], False
    for line in out.splitlines():
        if line.startswith("____"):
            on = True
            continue
        if on:
            if not line.strip() or " Rows. --" in line:
                if rows:
                    break
                continue
            rows.append(line.split())
    return rows


def sql_counts(vt, names):
    """Quads per graph of `names` (absent graphs left out), by SQL, 1,000 graphs a query."""
    counts = {}
    for first in range(0, len(names), 1000):
        ids = ", ".join(f"iri_to_id('{g}')" for g in names[first:first + 1000])
        _, out = isql(vt, "SELECT id_to_iri(G), COUNT(*) FROM DB.DBA.RDF_QUAD "
                          f"WHERE G IN ({ids}) GROUP BY G")
        for row in sql_rows(out):
            counts[row[0]] = int(row[1])
    return counts


def check_targets(vt, nq, graphs, expected, times):
    """Step 5: every target graph's count against the export (timed as "check"), then the
    store's total through SPARQL, so that what SQL wrote is what SPARQL reads."""
    start = time.perf_counter()
    final = sql_counts(vt, graphs)
    times["check"] = time.perf_counter() - start
    bad = [g for g in graphs if final.get(g, 0) != expected[g]]
    assert not bad, f"{len(bad)} target graphs differ from the export, first {bad[0]}"
    assert vt.count() == len(nq), "SPARQL does not see every quad"


def direct(vt, args, nq, graphs, expected, times, rest, length):
    """Steps 2-4 without temporary graphs: the staging graph counted by target, then one
    transaction deletes every target's quads, copies the staging graph into the targets and
    deletes it."""
    start = time.perf_counter()
    _, out = isql(vt, f"SELECT subseq({rest}, 0, {length}) AS g, COUNT(*) FROM DB.DBA.RDF_QUAD "
                      f"WHERE G = iri_to_id('{STAGE}') GROUP BY 1")
    counts = {row[0]: int(row[1]) for row in sql_rows(out)}
    times["count"] = time.perf_counter() - start
    bad = [g for g in graphs if counts.get(g, 0) != expected[g]]
    assert not bad, f"{len(bad)} staged graphs differ from the export, first {bad[0]}"
    start = time.perf_counter()
    statements = ["set autocommit off"]
    for first in range(0, len(graphs), args.swap_graphs):
        ids = ", ".join(f"iri_to_id('{g}')" for g in graphs[first:first + args.swap_graphs])
        statements.append(f"DELETE FROM DB.DBA.RDF_QUAD WHERE G IN ({ids})")
    statements += [
        "INSERT INTO DB.DBA.RDF_QUAD (G, S, P, O) SELECT "
        f"iri_to_id(subseq({rest}, 0, {length})), iri_to_id(subseq({rest}, {length})), P, O "
        f"FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id('{STAGE}')",
        f"DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id('{STAGE}')",
        "commit work"]
    isql(vt, "; ".join(statements))
    times["swap"] = time.perf_counter() - start
    check_targets(vt, nq, graphs, expected, times)
    return times


def run_once(args, nq, graphs, expected, staging, rep):
    vt = Virtuoso(os.path.join(args.work, "vt"), args.work)
    times = {}
    try:
        run = f"urn:guidegraph:load:r{rep}:"
        start = time.perf_counter()
        retries = 0
        for k, chunk in enumerate(staging):
            # A chunk's transaction that Virtuoso reports deadlocked (SR172, its parser threads
            # allocating new IRIs) was rolled back: sent again.
            for attempt in range(5):
                r = subprocess.run(["curl", "-s", "--digest", "-u", "dba:dba", "-X",
                                    "PUT" if k == 0 else "POST", "-H", "Content-Type: text/turtle",
                                    "--data-binary", "@" + chunk, "-o", "/dev/null", "-w",
                                    "%{http_code}",
                                    f"{vt.http}/sparql-graph-crud-auth?graph={STAGE}"],
                                   capture_output=True, text=True, check=True)
                if r.stdout.startswith("2"):
                    break
                retries += 1
            else:
                raise RuntimeError(f"staging chunk {k}: HTTP {r.stdout}")
        times["stage"] = time.perf_counter() - start
        times["stage retries"] = retries
        # S holds urn:guidegraph:s:LENGTH:GRAPHSUBJECT; LENGTH starts at character 17.
        # (Carried in the predicate instead, 150,000 new predicate IRIs made Virtuoso's PUT wait
        # on a lock for more than 10 minutes.)
        L = len(PRED)
        colon = f"strchr(subseq(id_to_iri(S), {L}), ':')"
        length = f"atoi(subseq(id_to_iri(S), {L}, {L} + {colon}))"
        rest = f"subseq(id_to_iri(S), {L} + 1 + {colon})"
        if args.direct:
            return direct(vt, args, nq, graphs, expected, times, rest, length)
        times["distribute"], _ = isql(
            vt, "log_enable(2); INSERT SOFT DB.DBA.RDF_QUAD (G, S, P, O) SELECT "
                f"iri_to_id(concat('{run}', subseq({rest}, 0, {length}))), "
                f"iri_to_id(subseq({rest}, {length})), P, O "
                f"FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id('{STAGE}')")
        wall, _ = isql(vt, f"log_enable(2); DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id('{STAGE}')")
        times["distribute"] += wall
        temps = [run + g for g in graphs]
        start = time.perf_counter()
        counts = sql_counts(vt, temps)
        times["count"] = time.perf_counter() - start
        bad = [g for i, g in enumerate(graphs) if counts.get(temps[i], 0) != expected[g]]
        assert not bad, f"{len(bad)} temporary graphs differ from the export, first {bad[0]}"
        start = time.perf_counter()
        for first in range(0, len(graphs), args.swap_graphs):
            batch = graphs[first:first + args.swap_graphs]
            targets = ", ".join(f"iri_to_id('{g}')" for g in batch)
            tmps = ", ".join(f"iri_to_id('{run}{g}')" for g in batch)
            # One transaction (autocommit off until commit work): the targets' quads out, the
            # temporary graphs copied in under their targets' names, the temporaries out.
            # (A statement per graph instead of IN lists: 36.7 s for the 10k site.)
            isql(vt, f"set autocommit off; DELETE FROM DB.DBA.RDF_QUAD WHERE G IN ({targets}); "
                     "INSERT INTO DB.DBA.RDF_QUAD (G, S, P, O) SELECT "
                     f"iri_to_id(subseq(id_to_iri(G), {len(run)})), S, P, O "
                     f"FROM DB.DBA.RDF_QUAD WHERE G IN ({tmps}); "
                     f"DELETE FROM DB.DBA.RDF_QUAD WHERE G IN ({tmps}); commit work")
        times["swap"] = time.perf_counter() - start
        check_targets(vt, nq, graphs, expected, times)
        left = vt.count(temporary=True)
        assert left == 0, f"{left} quads left in temporary graphs"
    finally:
        vt.stop()
    return times


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", default="/tmp/guidegraph-virtuoso-sql")
    ap.add_argument("--stage-triples", type=int, default=25000, help="triples per staging request")
    ap.add_argument("--direct", action="store_true",
                    help="no temporary graphs: count the staging graph by target, then one "
                         "transaction replaces every target from it")
    ap.add_argument("--swap-graphs", type=int, default=500, help="graphs per swap transaction")
    ap.add_argument("--guidegraph", default=os.path.join(ROOT, "build", "guidegraph"))
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    site = generated_site(args.work, args.sources)
    nq_file = os.path.join(args.work, f"site-{args.sources}.nq")
    reads = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        # The generated site has planted broken links: export reports them and exits 1.
        subprocess.run([args.guidegraph, "export", site, "-q", "-f", "nq", "-o", nq_file])
        reads.append(time.perf_counter() - start)
    with open(nq_file, encoding="utf-8") as f:
        nq = f.readlines()
    order, index, expected = [], {}, Counter()
    staging, out, lines = [], None, 0
    for line in nq:
        s, p, o, g = split_quad(line)
        if g not in index:
            index[g] = len(order)
            order.append(g)
        expected[g] += 1
        assert s.startswith("<"), "a blank node subject: not carried by this sketch"
        if out is None or lines >= args.stage_triples:
            if out:
                out.close()
            staging.append(os.path.join(args.work, f"staging-{len(staging)}.nt"))
            out, lines = open(staging[-1], "w", encoding="utf-8"), 0
        out.write(f"<{PRED}{len(g)}:{g}{s[1:]} <{p}> {o} .\n")
        lines += 1
    out.close()
    print(f"{args.sources} sources: {len(nq)} quads in {len(order)} graphs", flush=True)
    runs = []
    for rep in range(args.repeat):
        t = run_once(args, nq, order, expected, staging, rep)
        t["read"] = reads[rep]
        t["total"] = sum(v for k, v in t.items() if k != "stage retries")
        runs.append(t)
        print(f"  run {rep + 1}: " + ", ".join(f"{k} {v:.2f} s" for k, v in t.items()), flush=True)
    print("\n| step | median s | runs, s |\n|---|---:|---|")
    for k in ["read", "stage", "stage retries", "distribute", "count", "swap", "check", "total"]:
        v = [r.get(k, 0.0) for r in runs]
        print(f"| {k} | {statistics.median(v):.2f} | {', '.join(f'{x:.2f}' for x in v)} |")


if __name__ == "__main__":
    main()
