#!/usr/bin/python3
"""Benchmarks guidegraph against what a site owner runs anyway, side by side in one run.

For each size (source pages) it generates a site with generate_site.py, then measures wall
time and peak memory (the child's maximum resident set, from wait4) of:
  - guidegraph export to Turtle (all threads and --threads 1), N-Quads and JSON-LD,
    with the per-stage times that `export --timings` prints;
  - guidegraph validate of the site, and of the exported Turtle with the shipped shapes;
  - hugo building the same site (its layouts are those of examples/site);
  - cat of every input file (the floor for reading) and serdi reading and rewriting
    guidegraph's Turtle (the floor for writing);
  - shacl-engine (npm) validating the same Turtle with the same shapes.
Prints a Markdown report (and writes results as JSON with --json).

Usage: bench/run.py [--sizes 1000,10000,100000] [--repeat 3] [--work DIR]
                    [--guidegraph build-bench/guidegraph] [--shacl-engine-dir DIR]
Only the Python standard library is used. Input files are read once before timing, so all
figures are for a warm page cache.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def measure(cmd, cwd=None, stdout=None, timeout=None, env=None):
    """Runs cmd; returns (wall seconds, peak RSS in MiB, exit code, stderr text)."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.PIPE, env=env)
    err = b""
    deadline = start + timeout if timeout else None
    # stderr is small (diagnostics, timings); read it fully, then reap with wait4 for rusage.
    err = proc.stderr.read() if not deadline else _read_until(proc, deadline)
    # Reaped here, not by Popen (no poll or wait), so that wait4 reports the child's rusage.
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if stdout:
        out.close()
    return wall, usage.ru_maxrss / 1024.0, proc.returncode, err.decode("utf-8", "replace")


def _read_until(proc, deadline):
    import selectors
    sel = selectors.DefaultSelector()
    sel.register(proc.stderr, selectors.EVENT_READ)
    chunks = []
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            proc.kill()
            chunks.append(b"\n[killed: time limit]\n")
            break
        if sel.select(timeout=min(left, 1.0)):
            data = os.read(proc.stderr.fileno(), 65536)
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


def repeated(n, fn):
    """Runs fn n times; median wall, max RSS, last rc and stderr."""
    runs = [fn() for _ in range(n)]
    return {
        "seconds": statistics.median(r[0] for r in runs),
        "all_seconds": [round(r[0], 3) for r in runs],
        "rss_mib": max(r[1] for r in runs),
        "rc": runs[-1][2],
        "stderr": runs[-1][3],
    }


def parse_timings(stderr):
    m = re.search(r"guidegraph: timings: (.*)", stderr)
    if not m:
        return {}
    out = {}
    for part in m.group(1).split(", "):
        name, value, _ = part.rsplit(" ", 2)
        out[name] = float(value)
    return out


def content_files(site):
    files = []
    for dirpath, _, names in os.walk(os.path.join(site, "content")):
        files.extend(os.path.join(dirpath, n) for n in names)
    files.sort()
    return files


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gib": round(mem_kb / 1024 / 1024, 1),
            "kernel": platform.release(), "load_before": os.getloadavg()}


def version(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "not available"


def bench_size(n, args, gg, work, engine):
    site = os.path.join(work, f"site-{n}")
    stamp = os.path.join(site, ".generated")
    key = f"{n} {args.seed} {os.path.getmtime(os.path.join(HERE, 'generate_site.py'))}"
    if not (os.path.exists(stamp) and open(stamp).read() == key):
        subprocess.run([sys.executable, os.path.join(HERE, "generate_site.py"),
                        "--sources", str(n), "--seed", str(args.seed), site], check=True)
        with open(stamp, "w") as f:
            f.write(key)
    files = content_files(site)
    input_bytes = sum(os.path.getsize(f) for f in files)
    r = {"sources": n, "files": len(files), "input_bytes": input_bytes}
    reps = args.repeat if n < 100000 else max(1, args.repeat // 3)
    out = os.path.join(work, f"out-{n}")
    os.makedirs(out, exist_ok=True)
    ttl = os.path.join(out, "site.ttl")

    # Warm the page cache, then the floor for reading: cat of every input file.
    subprocess.run(["cat"] + files[:1], stdout=subprocess.DEVNULL)
    listing = os.path.join(out, "files.txt")
    with open(listing, "w") as f:
        f.write("\0".join(files))
    cat_cmd = ["sh", "-c", f"xargs -0 cat < '{listing}' > /dev/null"]
    measure(cat_cmd)
    r["cat"] = repeated(reps, lambda: measure(cat_cmd))

    help_text = subprocess.run([gg, "export", "--help"], capture_output=True, text=True).stdout
    # export validates first (since it can) and then writes nothing on violations: the
    # generated site has broken links on purpose, so --force.
    force = ["--force"] if "--force" in help_text else []

    def export(fmt, dest, *extra):
        cmd = [gg, "export", site, "-f", fmt, "-o", dest, "--timings", "-q", *force, *extra]
        res = repeated(reps, lambda: measure(cmd))
        res["timings"] = parse_timings(res["stderr"])
        res["output_bytes"] = os.path.getsize(dest) if os.path.exists(dest) else 0
        res["stderr"] = res["stderr"][-2000:]
        return res

    r["export_ttl"] = export("ttl", ttl)
    if "--no-validate" in help_text:
        r["export_ttl_novalidate"] = export("ttl", os.path.join(out, "site-nv.ttl"), "--no-validate")
    r["export_ttl_1thread"] = export("ttl", os.path.join(out, "site-1.ttl"), "--threads", "1")
    with open(ttl, "rb") as a, open(os.path.join(out, "site-1.ttl"), "rb") as b:
        r["threads_identical"] = a.read() == b.read()
    r["export_nq"] = export("nq", os.path.join(out, "site.nq"))
    r["export_jsonld"] = export("jsonld", os.path.join(out, "site.jsonld"))
    r["triples"] = sum(1 for line in open(os.path.join(out, "site.nq"), "rb") if line.strip())

    has_validate = subprocess.run([gg, "validate", "--help"], capture_output=True).returncode == 0
    shapes = os.path.join(ROOT, "shapes", "guidegraph.ttl")
    if has_validate:
        report = os.path.join(out, "report.txt")
        r["validate_site"] = repeated(reps, lambda: measure(
            [gg, "validate", site, "-q", "-o", report]))
        r["validate_data"] = repeated(reps, lambda: measure(
            [gg, "validate", "--data", ttl, "--shapes", shapes, "-q",
             "-o", os.path.join(out, "report-data.txt")]))
        for k in ("validate_site", "validate_data"):
            r[k]["stderr"] = r[k]["stderr"][-2000:]

    serdi_out = os.path.join(out, "serdi.ttl")
    r["serdi"] = repeated(reps, lambda: measure(
        ["serdi", "-i", "turtle", "-o", "turtle", ttl], stdout=serdi_out))
    r["serdi"]["stderr"] = ""

    if not args.skip_hugo:
        public = os.path.join(out, "public")

        def hugo():
            subprocess.run(["rm", "-rf", public])  # much faster than shutil.rmtree
            return measure(["hugo", "--quiet", "-s", site, "-d", public], timeout=args.timeout)
        r["hugo"] = repeated(reps, hugo)
        r["hugo"]["stderr"] = r["hugo"]["stderr"][-2000:]
        subprocess.run(["rm", "-rf", public])

    if engine and n <= args.shacl_engine_max:
        script = os.path.join(engine, "shacl_engine_validate.mjs")
        shutil.copy(os.path.join(HERE, "shacl_engine_validate.mjs"), script)
        node_reps = 1 if n >= 10000 else reps
        r["shacl_engine"] = repeated(node_reps, lambda: measure(
            ["node", "--max-old-space-size=8192", script, shapes, ttl],
            stdout=os.path.join(out, "shacl-engine.txt"), timeout=args.timeout))
        r["shacl_engine"]["stdout"] = open(os.path.join(out, "shacl-engine.txt")).read().strip()
        r["shacl_engine"]["stderr"] = r["shacl_engine"]["stderr"][-2000:]
    return r


def fmt_s(x):
    return f"{x:.2f}" if x >= 0.1 else f"{x:.3f}"


def report(results, info, cmdline):
    L = []
    L.append(f"Run on {info['date']} with `{cmdline}`.\n")
    m = info["machine"]
    L.append(f"Machine: {m['nproc']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, Linux "
             f"{m['kernel']}; load average (1, 5, 15 min) before the run "
             f"{', '.join(f'{x:.1f}' for x in m['load_before'])}, after "
             f"{', '.join(f'{x:.1f}' for x in info.get('load_after', os.getloadavg()))}.  ")
    L.append(f"Versions: {info['versions']}.\n")

    def g(r, k):
        if k not in r:
            return "n/a"
        if r[k]["rc"] not in (0, 1):
            return f"failed ({r[k]['rc']})"
        return fmt_s(r[k]["seconds"])

    def mib(r, k):
        return f"{r[k]['rss_mib']:.0f}" if k in r else "n/a"

    L.append("Wall time (seconds, median) and peak memory (MiB). `export` validates first, as it "
             "does by default; `no-validate` is `export --no-validate`:\n")
    L.append("| sources | files | input MiB | triples | export ttl | MiB | ms per file | "
             "no-validate | 1 thread | nq | jsonld | validate site | hugo | hugo MiB | cat | "
             "serdi | shacl-engine | shacl-engine MiB |")
    L.append("|" + "---:|" * 18)
    for r in results:
        L.append("| " + " | ".join([
            str(r["sources"]), str(r["files"]), f"{r['input_bytes'] / 2**20:.1f}",
            str(r["triples"]), g(r, "export_ttl"), mib(r, "export_ttl"),
            f"{1000 * r['export_ttl']['seconds'] / r['files']:.3f}",
            g(r, "export_ttl_novalidate"), g(r, "export_ttl_1thread"), g(r, "export_nq"),
            g(r, "export_jsonld"), g(r, "validate_site"), g(r, "hugo"), mib(r, "hugo"),
            g(r, "cat"), g(r, "serdi"), g(r, "shacl_engine"), mib(r, "shacl_engine")]) + " |")
    L.append("")
    stages = ("scan", "parse", "merge", "rdf view", "validate", "serialize ttl")
    L.append("Stages of `export -f ttl` (seconds, from `--timings`; the rest of the wall time is "
             "process start and exit), peak memory per run (MiB) and output sizes (MiB):\n")
    L.append("| sources | " + " | ".join(stages) + " | sum | ttl MiB | nq MiB | jsonld MiB | "
             "MiB nq | MiB jsonld | MiB validate | MiB serdi | MiB per 1k files |")
    L.append("|" + "---:|" * (len(stages) + 10))
    for r in results:
        t = r["export_ttl"]["timings"]
        L.append("| " + " | ".join(
            [str(r["sources"])] + [fmt_s(t[k]) if k in t else "-" for k in stages] +
            [fmt_s(t.get("total", 0)),
             f"{r['export_ttl']['output_bytes'] / 2**20:.1f}",
             f"{r['export_nq']['output_bytes'] / 2**20:.1f}",
             f"{r['export_jsonld']['output_bytes'] / 2**20:.1f}",
             mib(r, "export_nq"), mib(r, "export_jsonld"), mib(r, "validate_site"),
             mib(r, "serdi"), f"{1000 * r['export_ttl']['rss_mib'] / r['files']:.1f}"]) + " |")
    L.append("")
    L.append("Ratios (targets: hugo / export >= 5; export / (cat + serdi) <= 2; "
             "shacl-engine / validate --data >= 10):\n")
    L.append("| sources | hugo / export ttl | export ttl / (cat + serdi) | no-validate / (cat + serdi) "
             "| shacl-engine / validate --data | speed-up of all threads over 1 | "
             "parallel output identical |")
    L.append("|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        e = r["export_ttl"]["seconds"]
        floor = r["cat"]["seconds"] + r["serdi"]["seconds"]
        hugo = f"{r['hugo']['seconds'] / e:.2f}" if "hugo" in r else "n/a"
        nv = (f"{r['export_ttl_novalidate']['seconds'] / floor:.2f}"
              if "export_ttl_novalidate" in r else "n/a")
        se = (f"{r['shacl_engine']['seconds'] / r['validate_data']['seconds']:.1f}"
              if "shacl_engine" in r and r["shacl_engine"]["rc"] == 0 and "validate_data" in r
              else ("engine failed or timed out" if "shacl_engine" in r else "n/a"))
        L.append(f"| {r['sources']} | {hugo} | {e / floor:.2f} | {nv} | {se} | "
                 f"{r['export_ttl_1thread']['seconds'] / e:.2f} | {r['threads_identical']} |")
    return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (median); a "
                    "third of that, at least 1, from 100,000 sources")
    ap.add_argument("--work", default="/tmp/guidegraph-bench")
    ap.add_argument("--guidegraph", default=os.path.join(ROOT, "build-bench", "guidegraph"))
    ap.add_argument("--shacl-engine-dir", default="",
                    help="folder whose node_modules hold shacl-engine, n3 and @rdfjs/dataset")
    ap.add_argument("--shacl-engine-max", type=int, default=100000,
                    help="largest size to give shacl-engine")
    ap.add_argument("--skip-hugo", action="store_true")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per hugo/node run")
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--markdown", help="write the report here instead of standard output")
    ap.add_argument("--from-json", help="only print the report of an earlier --json file")
    args = ap.parse_args()
    if args.from_json:
        with open(args.from_json) as f:
            saved = json.load(f)
        sys.stdout.write(report(saved["results"], saved["info"], saved["info"].get("cmdline", "")))
        return
    gg = os.path.abspath(args.guidegraph)
    os.makedirs(args.work, exist_ok=True)
    engine = os.path.abspath(args.shacl_engine_dir) if args.shacl_engine_dir else ""
    info = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(),
            "versions": "; ".join([version([gg, "--version"]), version(["hugo", "version"]),
                                   version(["serdi", "-v"]),
                                   "node " + version(["node", "--version"])])}
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        print(f"bench: {n} sources ...", file=sys.stderr, flush=True)
        results.append(bench_size(n, args, gg, args.work, engine))
        if args.json:  # after each size, so that a long run can be looked at half way
            with open(args.json, "w") as f:
                json.dump({"info": info, "results": results}, f, indent=1)
    info["load_after"] = os.getloadavg()
    cmdline = "bench/run.py " + " ".join(sys.argv[1:])
    info["cmdline"] = cmdline
    text = report(results, info, cmdline)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"info": info, "results": results}, f, indent=1)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
