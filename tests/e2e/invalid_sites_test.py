"""`guidegraph validate` on every case of tests/data/invalid gives exactly the expected report
on standard output and the expected input diagnostics on standard error, with the exit code
they call for: 1 when there is an error, 0 for warnings and infos only, and with --strict 1
for warnings too. The base those cases start from and examples/site conform."""

import os
import re
import shutil
import sys

from e2e_support import SITE, SOURCE_DIR, Checks, run, temp_dir

sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "data", "invalid"))
import invalid_cases  # noqa: E402

CONFORMS = "conforms: 0 error(s), 0 warning(s), 0 info(s)"
DIAGNOSTIC = re.compile(r"^content/[^:]+:\d+:\d+: (error|warning|info): .+ \[[A-Za-z:-]+\]$")

checks = Checks("invalid_sites")
work = temp_dir("invalid")

for site, name in ((invalid_cases.BASE, "base"), (SITE, "examples/site")):
    proc = run(["validate", site, "--strict"])
    checks.equal((proc.returncode, proc.stdout.splitlines(), proc.stderr), (0, [CONFORMS], ""),
                 f"{name} conforms, even with --strict")

names = invalid_cases.names()
checks.check(len(names) >= 30, f"invalid cases found ({len(names)})")
codes = set()
sites = {}
for name in names:
    site = invalid_cases.assemble(name, os.path.join(work, name))
    sites[name] = site
    stdout = invalid_cases.expected(name, "stdout")
    stderr = invalid_cases.expected(name, "stderr")
    diagnostics = stdout[:-1] + stderr
    checks.check(stdout and all(DIAGNOSTIC.match(line) for line in diagnostics),
                 f"{name}: the expected files hold diagnostics and a closing line")
    codes.update(line.rsplit(" [", 1)[1].rstrip("]") for line in diagnostics)
    proc = run(["validate", site])
    checks.equal(proc.stdout.splitlines(), stdout, f"{name}: report on standard output")
    checks.equal(proc.stderr.splitlines(), stderr, f"{name}: input diagnostics on standard error")
    has_error = any(": error: " in line for line in diagnostics)
    checks.equal(proc.returncode, 1 if has_error else 0, f"{name}: exit code")
    checks.check(diagnostics, f"{name}: the case breaks a rule")

# --strict: warnings (of the shapes or of the graph checks) exit 1, infos alone still 0.
for name, code in (("source-no-language", 1), ("orphan-source", 1), ("category-no-description", 0),
                   ("guide-created-after-date", 1)):
    proc = run(["validate", sites[name], "--strict"])
    checks.equal(proc.returncode, code, f"{name}: exit code with --strict")
    checks.equal(proc.stdout.splitlines(), invalid_cases.expected(name, "stdout"),
                 f"{name}: --strict changes only the exit code")

# Every graph check and every check of input values has a case.
for code in ("broken-link", "link-to-draft", "category-cycle", "orphan-source", "duplicate-website",
             "guide-without-sections", "bad-date", "bad-weight", "bad-language", "bad-website",
             "bad-wikidata", "unknown-country", "bad-year", "taxonomy-key"):
    checks.check(code in codes, f"a case gives [{code}]")
# Not Datatype: the view writes only well-typed values (a value that would fail is reported
# and left out, see tests/data/invalid/README.md); the engine's Datatype checks are tested
# in validate_tests and by the W3C suite (shacl_conformance). Not Node: every category of a
# source is a term of the category taxonomy and so in its scheme (CategoryInSchemeShape stays
# for data from elsewhere).
for component in ("MinCount", "MaxCount", "Pattern", "Or", "LessThanOrEquals"):
    checks.check(f"sh:{component}ConstraintComponent" in codes, f"a case violates sh:{component}")

shutil.rmtree(work)
checks.finish()
