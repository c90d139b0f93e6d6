"""examples/site builds with Debian's hugo with no error or warning, and for every page
the permalink guidegraph computes equals the one Hugo gives it (`hugo list all` for regular
pages, the site's pages.csv output for every kind of page)."""

import csv
import io
import os
import subprocess

from e2e_support import Checks, copy_site, run, temp_dir

checks = Checks("hugo_site")
site = copy_site("hugo")
out = temp_dir("hugo-out")

for drafts in (False, True):
    args = ["hugo", "--gc", "-d", out, "--source", site] + (["-D"] if drafts else [])
    build = subprocess.run(args, capture_output=True, text=True)
    log = build.stdout + build.stderr
    checks.equal(build.returncode, 0, f"hugo exit code (drafts={drafts})")
    bad = [line for line in log.splitlines() if "WARN" in line or "ERROR" in line]
    checks.equal(bad, [], f"hugo warnings/errors (drafts={drafts})")

# With -D (last build) pages.csv lists every page Hugo built, drafts included.
with open(os.path.join(out, "pages.csv"), newline="") as f:
    hugo_rows = list(csv.DictReader(f))
hugo_pages = {row["file"]: row["permalink"] for row in hugo_rows if row["file"]}

listed = subprocess.run(["hugo", "list", "all", "--source", site], capture_output=True, text=True, check=True)
hugo_list = {row["path"]: row["permalink"] for row in csv.DictReader(io.StringIO(listed.stdout))}
checks.check(len(hugo_list) >= 40, f"hugo list all lists the regular pages ({len(hugo_list)})")

ours = {}
our_rows = list(csv.DictReader(io.StringIO(run(["pages", site, "--drafts", "--quiet"], check=0).stdout)))
# Every page Hugo builds, with or without a content file (home, sections, taxonomy and term
# pages), has its permalink among the pages guidegraph lists, and no other.
checks.equal(sorted(r["permalink"] for r in our_rows), sorted(r["permalink"] for r in hugo_rows),
             "the permalinks of every page Hugo builds, of every kind")
for row in our_rows:
    if row["file"]:  # pages Hugo makes without a content file are checked below
        ours[row["file"]] = row["permalink"]

checks.equal(sorted(ours), sorted(hugo_pages), "the same set of content files as Hugo builds")
for file, permalink in sorted(hugo_pages.items()):
    checks.equal(ours.get(file), permalink, f"permalink of {file} (pages.csv)")
for file, permalink in sorted(hugo_list.items()):
    checks.equal(ours.get(file), permalink, f"permalink of {file} (hugo list all)")

checks.finish()
