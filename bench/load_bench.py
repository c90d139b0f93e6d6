#!/usr/bin/python3
"""Load benchmark: guidegraph's per-page load into Virtuoso against Virtuoso's own bulk
loader on the same quads, side by side in one run.

For each size it generates a site (generate_site.py), writes `export -f nq` and
`export --bulk`, then --repeat times:
  - starts a fresh private Virtuoso (127.0.0.1, temporary folder, the bulk folder in
    DirsAllowed) and runs `guidegraph load SITE --endpoint ... --update-endpoint ...`
    (per page: one named graph per page, temporary graphs, count check, swap), checks the
    store holds every quad, then `--changed-only` after editing the title of 1 and of 100
    source pages (the edits are undone afterwards);
  - starts another fresh Virtuoso and runs the written virtuoso-load.sql with isql-vt
    (ld_dir + rdf_loader_run + checkpoint), and checks the count.
Wall time is the median of the runs; peak memory is the child's maximum resident set (from
wait4) for guidegraph, and the server's VmHWM for Virtuoso. `export -f nq` is measured for
the peak-memory comparison.

Usage: bench/load_bench.py [--sizes 10000] [--repeat 3] [--work DIR]
                           [--guidegraph build/guidegraph] [--json FILE] [--jobs N]
                           [--buffers N]   (Virtuoso's NumberOfBuffers; default virtuoso.ini's)
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from run import machine, measure  # noqa: E402


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Virtuoso:
    """A private Virtuoso in `folder`, as tests/load/virtuoso_env.sh starts it."""

    def __init__(self, folder, dirs_allowed, buffers=0):
        self.folder = folder
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(os.path.join(folder, "db"))
        os.makedirs(os.path.join(folder, "vsp"))
        self.sql_port, self.http_port = free_port(), free_port()
        ini = open("/etc/virtuoso-opensource-7/virtuoso.ini").read()
        ini = ini.replace("/var/lib/virtuoso-opensource-7/db", folder + "/db")
        ini = ini.replace("/var/lib/virtuoso-opensource-7/vsp", folder + "/vsp")
        out, section = [], ""
        for line in ini.splitlines():
            if line.startswith("["):
                section = line.strip()
            if line.startswith("VADInstallDir"):
                continue
            if re.match(r"ServerPort\s*=", line):
                port = self.sql_port if section == "[Parameters]" else self.http_port
                line = f"ServerPort = 127.0.0.1:{port}"
            if re.match(r"DirsAllowed\s*=", line):
                line = line + ", " + dirs_allowed
            # --buffers: the settings virtuoso.ini's comments give for the memory at hand
            # (8 KiB pages; dirty buffers at about three quarters).
            if buffers and re.match(r"NumberOfBuffers\s*=", line):
                line = f"NumberOfBuffers = {buffers}"
            if buffers and re.match(r"MaxDirtyBuffers\s*=", line):
                line = f"MaxDirtyBuffers = {buffers * 3 // 4}"
            out.append(line)
        self.ini = os.path.join(folder, "virtuoso.ini")
        with open(self.ini, "w") as f:
            f.write("\n".join(out) + "\n")
        self.log = open(os.path.join(folder, "virtuoso.out"), "wb")
        self.proc = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", self.ini],
                                     cwd=folder, stdout=self.log, stderr=subprocess.STDOUT)
        self.http = f"http://127.0.0.1:{self.http_port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(self.http + "/sparql?query=ASK%7B%7D", timeout=2).read()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("virtuoso exited during start")
                time.sleep(0.2)
        raise RuntimeError("virtuoso did not start")

    def count(self, temporary=False):
        """Quads in the site's graphs, or (temporary=True) left in load's temporary graphs."""
        q = ('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
             'FILTER(STRSTARTS(STR(?g), "https://guides.example.org/") || '
             'STRSTARTS(STR(?g), "https://w3id.org/guidegraph/")) }')
        if temporary:
            q = ('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
                 'FILTER(STRSTARTS(STR(?g), "urn:guidegraph:load:")) }')
        data = urllib.parse.urlencode({"query": q}).encode()
        req = urllib.request.Request(self.http + "/sparql", data=data,
                                     headers={"Accept": "application/sparql-results+json"})
        rows = json.loads(urllib.request.urlopen(req, timeout=600).read())["results"]["bindings"]
        return int(rows[0]["n"]["value"])

    def bulk_load(self, bulk):
        """Runs the virtuoso-load.sql of `export --bulk` folder `bulk` with isql-vt; returns
        (wall seconds, quads the store then holds)."""
        wall, _, _, _ = measure(["isql-vt", str(self.sql_port), "dba", "dba",
                                 os.path.join(bulk, "virtuoso-load.sql")])
        return wall, self.count()

    def peak_mib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
        return 0.0

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def edit_titles(site, count):
    """Appends ' (edited)' to the title of `count` source pages; returns the undo list."""
    folder = os.path.join(site, "content", "sources", "sources")
    done = []
    for dirpath, _, names in sorted(os.walk(folder)):
        for name in sorted(names):
            if len(done) >= count or not name.endswith(".md") or name == "_index.md":
                continue
            path = os.path.join(dirpath, name)
            text = open(path, encoding="utf-8").read()
            edited, n = re.subn(r'(title"?\s*[:=]\s*"[^"]*)"', r'\1 (edited)"', text, count=1)
            if n:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(edited)
                done.append((path, text))
    return done


def undo(edits):
    for path, text in edits:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def stages(stderr):
    """The stages of --timings ("guidegraph: timings: scan 0.1 s, ..."), as {stage: seconds}."""
    m = re.search(r"timings: (.*)", stderr)
    if not m:
        return {}
    return {name: float(sec) for name, sec in re.findall(r"([a-z][a-z ]*?) ([0-9.]+) s", m.group(1))}


def graphs_loaded(stderr):
    m = re.search(r"into (\d+) graphs", stderr)
    return int(m.group(1)) if m else -1


def generated_site(work, sources):
    """The generated site of `sources` source pages (seed 7) in `work`, made if missing."""
    site = os.path.join(work, f"site-{sources}")
    if not os.path.isdir(site):
        subprocess.run([sys.executable, os.path.join(HERE, "generate_site.py"), "--sources",
                        str(sources), "--seed", "7", site], check=True, stdout=subprocess.DEVNULL)
    return site


def bench_size(n, args, gg, work):
    site = generated_site(work, n)
    nq = os.path.join(work, f"site-{n}.nq")
    wall, rss, rc, err = measure([gg, "export", site, "-q", "-f", "nq", "-o", nq])
    quads = sum(1 for _ in open(nq, "rb"))
    export_nq = {"seconds": wall, "rss_mib": rss}
    bulk = os.path.join(work, f"bulk-{n}")
    measure([gg, "export", site, "-q", "--bulk", bulk])
    env = dict(os.environ, GUIDEGRAPH_PASSWORD="dba", HOME=work)
    runs = {"load": [], "bulk": [], "changed1": [], "changed100": []}
    for rep in range(args.repeat):
        vt = Virtuoso(os.path.join(work, "vt"), bulk, args.buffers)
        try:
            state = os.path.join(work, "state.json")
            if os.path.exists(state):
                os.remove(state)
            base = [gg, "load", site, "--endpoint", vt.http + "/sparql-graph-crud-auth",
                    "--update-endpoint", vt.http + "/sparql-auth", "--auth", "digest", "--user", "dba",
                    "--allow-errors", "--state", state, "--timeout", "600", "--jobs", str(args.jobs),
                    "--timings"]
            wall, rss, rc, err = measure(base, env=env)
            held, left = vt.count(), vt.count(temporary=True)
            print(f"  {n}: per-page load {wall:.1f} s, {rss:.0f} MiB, exit {rc}, store holds {held} of "
                  f"{quads}, {left} left in temporary graphs; {stages(err)}", file=sys.stderr)
            if held != quads or left != 0 or rc > 1:
                raise RuntimeError("per-page load incomplete:\n" + err[-2000:])
            runs["load"].append({"seconds": wall, "rss_mib": rss, "server_mib": vt.peak_mib(),
                                 "stages": stages(err)})
            for key, count in (("changed1", 1), ("changed100", 100)):
                edits = edit_titles(site, count)
                try:
                    wall, rss, rc, err = measure(base + ["--changed-only"], env=env)
                finally:
                    undo(edits)
                print(f"  {n}: --changed-only after {count} edits: {wall:.2f} s, {rss:.0f} MiB, "
                      f"{graphs_loaded(err)} graphs sent; {stages(err)}", file=sys.stderr)
                if rc > 1:
                    raise RuntimeError("--changed-only failed:\n" + err[-2000:])
                runs[key].append({"seconds": wall, "rss_mib": rss, "graphs": graphs_loaded(err),
                                  "stages": stages(err)})
            # Back to the site as generated, so that the next repetition starts the same.
            measure(base + ["--changed-only"], env=env)
        finally:
            vt.stop()
        vt = Virtuoso(os.path.join(work, "vt"), bulk, args.buffers)
        try:
            wall, held = vt.bulk_load(bulk)
            print(f"  {n}: bulk loader {wall:.1f} s, store holds {held} of {quads}", file=sys.stderr)
            if held != quads:
                raise RuntimeError("bulk load incomplete")
            runs["bulk"].append({"seconds": wall, "server_mib": vt.peak_mib()})
        finally:
            vt.stop()

    def med(key, field="seconds"):
        return statistics.median(r[field] for r in runs[key])

    return {
        "sources": n, "quads": quads, "graphs": len(set(
            line.rsplit(b" ", 2)[-2] for line in open(nq, "rb"))),
        "export_nq": export_nq,
        "load_seconds": med("load"), "load_all": [round(r["seconds"], 2) for r in runs["load"]],
        "load_rss_mib": max(r["rss_mib"] for r in runs["load"]),
        "load_server_mib": max(r["server_mib"] for r in runs["load"]),
        "bulk_seconds": med("bulk"), "bulk_all": [round(r["seconds"], 2) for r in runs["bulk"]],
        "bulk_server_mib": max(r["server_mib"] for r in runs["bulk"]),
        "changed1_seconds": med("changed1"), "changed1_rss_mib": max(r["rss_mib"] for r in runs["changed1"]),
        "changed1_graphs": runs["changed1"][-1]["graphs"],
        "changed100_seconds": med("changed100"),
        "changed100_rss_mib": max(r["rss_mib"] for r in runs["changed100"]),
        "changed100_graphs": runs["changed100"][-1]["graphs"],
        "load_stages": [r["stages"] for r in runs["load"]],
        "changed1_stages": [r["stages"] for r in runs["changed1"]],
    }


def report(results, info, cmdline):
    lines = [f"Run on {info['date']} with `{cmdline}`.", "",
             f"Machine: {info['machine']['nproc']} cores ({info['machine']['cpu']}), "
             f"{info['machine']['ram_gib']} GiB RAM; load average before the run "
             f"{', '.join('%.1f' % x for x in info['machine']['load_before'])}, after "
             f"{', '.join('%.1f' % x for x in info['load_after'])}. {info['virtuoso']}.", "",
             "| sources | graphs | quads | per-page load s | runs | bulk loader s | runs | load / bulk | "
             "load MiB | export -f nq MiB | Virtuoso MiB (load / bulk) | --changed-only, 1 page s (graphs) | "
             "100 pages s (graphs) | changed-only MiB |",
             "|---:|---:|---:|---:|---|---:|---|---:|---:|---:|---|---:|---:|---:|"]
    for r in results:
        lines.append(
            f"| {r['sources']} | {r['graphs']} | {r['quads']} | {r['load_seconds']:.1f} | {r['load_all']} | "
            f"{r['bulk_seconds']:.2f} | {r['bulk_all']} | {r['load_seconds'] / r['bulk_seconds']:.1f} | "
            f"{r['load_rss_mib']:.0f} | {r['export_nq']['rss_mib']:.0f} | "
            f"{r['load_server_mib']:.0f} / {r['bulk_server_mib']:.0f} | "
            f"{r['changed1_seconds']:.2f} ({r['changed1_graphs']}) | "
            f"{r['changed100_seconds']:.2f} ({r['changed100_graphs']}) | "
            f"{max(r['changed1_rss_mib'], r['changed100_rss_mib']):.0f} |")
    lines += ["", "Stages of each run (`--timings`), seconds:", ""]
    for r in results:
        for what in ("load", "changed1"):
            for i, st in enumerate(r[what + "_stages"]):
                label = "per-page load" if what == "load" else "--changed-only, 1 page"
                lines.append(f"- {r['sources']} sources, {label}, run {i + 1}: " +
                             ", ".join(f"{k} {v:.2f}" for k, v in st.items()))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--buffers", type=int, default=0,
                    help="Virtuoso's NumberOfBuffers for both servers (default: virtuoso.ini's)")
    ap.add_argument("--work", default="/tmp/guidegraph-load-bench")
    ap.add_argument("--guidegraph", default=os.path.join(ROOT, "build", "guidegraph"))
    ap.add_argument("--json")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    gg = os.path.abspath(args.guidegraph)
    info = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(),
            "virtuoso": "Virtuoso " + subprocess.run(["virtuoso-t", "-?"], capture_output=True,
                                                     text=True).stderr.splitlines()[1].strip()}
    info["virtuoso"] += (f", NumberOfBuffers {args.buffers}" if args.buffers
                         else ", virtuoso.ini's NumberOfBuffers")
    results = [bench_size(int(s), args, gg, os.path.abspath(args.work)) for s in args.sizes.split(",")]
    info["load_after"] = os.getloadavg()
    cmdline = "bench/load_bench.py " + " ".join(sys.argv[1:])
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"info": info, "results": results}, f, indent=1)
    print(report(results, info, cmdline))


if __name__ == "__main__":
    main()
