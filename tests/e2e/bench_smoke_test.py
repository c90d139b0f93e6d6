"""Smoke test of the benchmark tools at 1,000 source pages (no timing is asserted):
the generator is deterministic, the parallel export equals the single-threaded one byte for
byte in every format, the Turtle reads back with serdi, the problems planted by the
generator are found, and the harness runs through and prints its tables."""

import filecmp
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from e2e_support import PROGRAM, SOURCE_DIR, fail, run, temp_dir  # noqa: E402

GENERATOR = os.path.join(SOURCE_DIR, "bench", "generate_site.py")
HARNESS = os.path.join(SOURCE_DIR, "bench", "run.py")
PYTHON = os.environ.get("PYTHON", "/usr/bin/python3")


def generate(dest, seed=7):
    subprocess.run([PYTHON, GENERATOR, "--sources", "1000", "--seed", str(seed), dest],
                   check=True, capture_output=True)


def same_tree(a, b):
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.diff_files or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not mismatch and not errors and all(
        same_tree(os.path.join(a, d), os.path.join(b, d)) for d in cmp.common_dirs)


def main():
    work = temp_dir("bench-smoke")
    site = os.path.join(work, "site")
    generate(site)
    again = os.path.join(work, "again")
    generate(again)
    if not same_tree(site, again):
        fail("generate_site.py wrote different files for the same seed")

    # export validates first and writes nothing on violations, unless --force: the generated
    # site has broken links on purpose.
    force = ["--force"] if "--force" in run(["export", "--help"]).stdout else []
    for fmt in ("ttl", "nq", "jsonld"):
        parallel = os.path.join(work, f"parallel.{fmt}")
        single = os.path.join(work, f"single.{fmt}")
        # Exit code 1: the generated site has broken links on purpose.
        p = run(["export", site, "-f", fmt, "-o", parallel, "--quiet", "--timings", *force],
                check=1)
        run(["export", site, "-f", fmt, "-o", single, "--quiet", "--threads", "1", *force], check=1)
        with open(parallel, "rb") as a, open(single, "rb") as b:
            if a.read() != b.read():
                fail(f"{fmt}: the parallel export differs from the single-threaded one")
        if "broken-link" not in p.stderr:
            fail(f"the planted broken links were not reported:\n{p.stderr[-2000:]}")
        for stage in ("scan", "parse", "merge", "rdf view", f"serialize {fmt}"):
            if f" {stage} " not in p.stderr:
                fail(f"--timings did not report the stage '{stage}':\n{p.stderr[-2000:]}")
        if "\r" in p.stderr:
            fail("a progress line was written although standard error is not a terminal")

    ttl = os.path.join(work, "parallel.ttl")
    serdi = subprocess.run(["serdi", "-i", "turtle", "-o", "ntriples", ttl], capture_output=True)
    if serdi.returncode != 0 or serdi.stdout.count(b"\n") < 20000:
        fail(f"serdi could not read the export back: {serdi.stderr.decode()[-2000:]}")

    if run(["validate", "--help"]).returncode == 0:
        v = run(["validate", site])
        for code in ("broken-link", "duplicate-website"):
            if code not in v.stdout + v.stderr:
                fail(f"validate did not find the planted {code} problems")

    harness = subprocess.run(
        [PYTHON, HARNESS, "--sizes", "1000", "--repeat", "1", "--guidegraph", PROGRAM,
         "--work", os.path.join(work, "harness")], capture_output=True, text=True)
    if harness.returncode != 0 or "| 1000 |" not in harness.stdout:
        fail(f"bench/run.py failed:\n{harness.stdout[-2000:]}\n{harness.stderr[-3000:]}")
    if "| True |" not in harness.stdout:
        fail(f"the harness saw different outputs with one thread:\n{harness.stdout}")
    shutil.rmtree(work, ignore_errors=True)
    print("bench smoke test passed")


if __name__ == "__main__":
    main()
