#!/usr/bin/python3
"""`load --changed-only` after editing pages of a large site, without a per-page load first.

A per-page load of the 100k site takes Virtuoso 7.2 about 18 minutes; what --changed-only
needs is only a store holding the site's graphs and the state file of a per-page load of
the same site. This script starts a fresh private Virtuoso (as load_bench.py does), loads
the `export --bulk` files of WORK with Virtuoso's bulk loader (the same quads a per-page
load leaves), takes the state file that load_bench.py's per-page loads wrote in WORK (its
endpoint key rewritten to the new server), and then --repeat times edits the title of
--edits source pages, runs `guidegraph load SITE --changed-only --timings`, and undoes the
edits (the state file is restored before each run, so that every run sends the same pages).
Prints each run's wall time, peak memory and --timings stages, and the median.

Usage: bench/changed_only_bench.py --work DIR --sources 100000 [--edits 1] [--repeat 5]
                                   [--guidegraph build/guidegraph]
(WORK is a load_bench.py --work folder after `load_bench.py --sizes N` ran there.)
"""

import argparse
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from load_bench import Virtuoso, edit_titles, graphs_loaded, stages, undo  # noqa: E402
from run import measure  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", required=True)
    ap.add_argument("--sources", type=int, default=100000)
    ap.add_argument("--edits", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--guidegraph", default=os.path.join(os.path.dirname(HERE), "build", "guidegraph"))
    args = ap.parse_args()
    work = os.path.abspath(args.work)
    site = os.path.join(work, f"site-{args.sources}")
    bulk = os.path.join(work, f"bulk-{args.sources}")
    with open(os.path.join(work, "state.json")) as f:
        state = json.load(f)
    (old_key, hashes), = state["endpoints"].items()
    vt = Virtuoso(os.path.join(work, "vt"), bulk)
    try:
        wall, held = vt.bulk_load(bulk)
        print(f"bulk loader: {wall:.1f} s, store holds {held} quads", file=sys.stderr)
        key = vt.http + "/sparql-graph-crud-auth " + old_key.split(" ", 1)[1]
        fresh = {"format": state["format"], "endpoints": {key: hashes}}
        state_path = os.path.join(work, "changed-state.json")
        cmd = [os.path.abspath(args.guidegraph), "load", site,
               "--endpoint", vt.http + "/sparql-graph-crud-auth",
               "--update-endpoint", vt.http + "/sparql-auth", "--auth", "digest", "--user", "dba",
               "--allow-errors", "--state", state_path, "--timeout", "600", "--timings",
               "--changed-only"]
        env = dict(os.environ, GUIDEGRAPH_PASSWORD="dba", HOME=work)
        walls = []
        for i in range(args.repeat):
            with open(state_path, "w") as f:
                json.dump(fresh, f)
            edits = edit_titles(site, args.edits)
            try:
                wall, rss, rc, err = measure(cmd, env=env)
            finally:
                undo(edits)
            if rc > 1:
                raise RuntimeError("--changed-only failed:\n" + err[-2000:])
            walls.append(wall)
            print(f"run {i + 1}: {wall:.2f} s, {rss:.0f} MiB, {graphs_loaded(err)} graphs sent; "
                  f"{stages(err)}")
        print(f"median of {len(walls)}: {statistics.median(walls):.2f} s "
              f"(runs {', '.join('%.2f' % w for w in walls)})")
    finally:
        vt.stop()
        if os.path.exists(os.path.join(work, "changed-state.json")):
            os.remove(os.path.join(work, "changed-state.json"))


if __name__ == "__main__":
    main()
