"""Every case in tests/data/bad/ gives exactly its expected diagnostics (file, line, column,
message), the exit code says so, and the rest of the site is still exported: every
statement of the clean export is in the export with the bad file added. (Validation is
left out here: tests/data/invalid covers it.)"""

import glob
import os
import shutil

from e2e_support import SITE, SOURCE_DIR, Checks, copy_site, run, temp_dir

checks = Checks("bad_input")
work = temp_dir("bad")
clean = os.path.join(work, "clean.nt")
run(["export", SITE, "-f", "nt", "-o", clean, "--quiet"], check=0)
with open(clean, encoding="utf-8") as f:
    clean_lines = set(f.read().splitlines())

cases = sorted(glob.glob(os.path.join(SOURCE_DIR, "tests", "data", "bad", "*.md")))
cases = [c for c in cases if os.path.basename(c) != "README.md"]
checks.check(len(cases) >= 10, f"bad input cases found ({len(cases)})")
for case in cases:
    name = os.path.splitext(os.path.basename(case))[0]
    with open(case.replace(".md", ".expected"), encoding="utf-8") as f:
        expected = f.read().splitlines()
    site = copy_site(f"bad-{name}")
    shutil.copyfile(case, os.path.join(site, "content", "guides", f"bad-{name}.md"))
    out = os.path.join(work, f"{name}.nt")
    proc = run(["export", site, "-f", "nt", "-o", out, "--quiet", "--no-validate"])
    checks.equal(proc.stderr.splitlines(), expected, f"{name}: diagnostics")
    has_error = any(": error: " in line for line in expected)
    checks.equal(proc.returncode, 1 if has_error else 0, f"{name}: exit code")
    checks.check(os.path.exists(out), f"{name}: output written for the rest of the site")
    if os.path.exists(out):
        with open(out, encoding="utf-8") as f:
            lines = set(f.read().splitlines())
        missing = sorted(clean_lines - lines)
        checks.equal(missing[:3], [], f"{name}: statements of the clean site missing ({len(missing)})")
    shutil.rmtree(os.path.dirname(site))

checks.finish()
