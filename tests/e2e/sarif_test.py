"""`guidegraph validate SITE -f sarif` writes SARIF 2.1.0 that Microsoft's SARIF Multitool
(npm @microsoft/sarif-multitool, installed by `npm ci --prefix tests/npm`) finds valid against
the SARIF schema, for examples/site and for every case of tests/data/invalid. The results
say what the text report of the same site says: file, line, column, level and message.

The multitool prints `FILE(line,col): error JSON1002: …` for each schema error and exits 0
either way, so its output is read: any error line fails the test."""

import json
import os
import re
import shutil
import subprocess
import sys

from e2e_support import SITE, SOURCE_DIR, Checks, fail, run, skip_unless_npm_checkers, temp_dir

sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "data", "invalid"))
import invalid_cases  # noqa: E402

NPM = os.path.join(SOURCE_DIR, "tests", "npm")
MULTITOOL = os.path.join(NPM, "node_modules", ".bin", "sarif-multitool")
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
TEXT_LINE = re.compile(r"^(content/[^:]+):(\d+):(\d+): (error|warning|info): (.+) \[sh:(\w+)\]$")
DIAGNOSTIC_LINE = re.compile(r"^(content/[^:]+):(\d+):(\d+): (error|warning|info): (.+) \[([\w-]+)\]$")

checks = Checks("sarif")
skip_unless_npm_checkers("@microsoft/sarif-multitool")
work = temp_dir("sarif")

sites = {"examples-site": SITE}
for name in invalid_cases.names():
    sites[name] = invalid_cases.assemble(name, os.path.join(work, "sites", name))
results_total = 0
for name, site in sites.items():
    out = os.path.join(work, f"{name}.sarif")
    proc = run(["validate", site, "-f", "sarif", "-o", out])
    checks.check(proc.returncode in (0, 1) and os.path.exists(out), f"{name}: SARIF written ({proc.stderr})")
    with open(out, encoding="utf-8") as f:
        sarif = json.load(f)
    checks.equal(sarif.get("version"), "2.1.0", f"{name}: SARIF version")
    results = sarif["runs"][0].get("results", [])
    results_total += len(results)
    got = []
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        got.append((loc["artifactLocation"]["uri"], loc["region"]["startLine"], loc["region"]["startColumn"],
                    r.get("level", "warning"), r["message"]["text"], r["ruleId"]))
        rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        checks.equal(rules[r["ruleIndex"]]["id"], r["ruleId"], f"{name}: ruleIndex names the rule")
    expected = []
    if name != "examples-site":
        for line in invalid_cases.expected(name, "stdout")[:-1]:
            m = TEXT_LINE.match(line)
            checks.check(m, f"{name}: expected line {line!r} is a SHACL diagnostic")
            if m:
                expected.append((m[1], int(m[2]), int(m[3]), LEVELS[m[4]], m[5], m[6]))
        # The input and graph-check problems (standard error of the text report) are in the
        # SARIF too, so that a code host shows broken links and cycles as well.
        for line in invalid_cases.expected(name, "stderr"):
            m = DIAGNOSTIC_LINE.match(line)
            checks.check(m, f"{name}: expected line {line!r} is a diagnostic")
            if m:
                expected.append((m[1], int(m[2]), int(m[3]), LEVELS[m[4]], m[5], m[6]))
    checks.equal(sorted(got), sorted(expected), f"{name}: SARIF results match the text report")

with open(os.path.join(work, "several-problems.sarif"), encoding="utf-8") as f:
    several = json.load(f)["runs"][0]["results"]
checks.equal(sorted({r["level"] for r in several}), ["error", "note", "warning"],
             f"several-problems: results of all three levels ({len(several)} results)")

# The checker takes about half a second a file, so it reads a sample that covers the three
# levels, a run without results, a column inside a line, several rules and graph-check-only
# sites; with a broken file among them (a run without its required tool.driver) to show that
# it does report errors.
SAMPLE = ("examples-site", "several-problems", "guide-without-sections", "source-coverage-end-before-start",
          "country-no-name", "category-cycle")
files = [os.path.join(work, f"{name}.sarif") for name in SAMPLE]
checks.equal([f for f in files if not os.path.isfile(f)], [], "the sample's SARIF files were written")
broken = os.path.join(work, "broken.sarif")
with open(broken, "w", encoding="utf-8") as f:
    json.dump({"version": "2.1.0", "runs": [{"tool": {}, "results": []}]}, f)
proc = subprocess.run([MULTITOOL, "validate", *files, broken], capture_output=True, text=True, cwd=work)
output = proc.stdout + proc.stderr
errors = [line for line in output.splitlines() if re.search(r"\): error [A-Z]+\d+:", line)]
checks.check(any(line.startswith(broken + "(") and "JSON1002" in line for line in errors),
             f"sarif-multitool reports the broken file:\n{output[-2000:]}")
checks.equal([line for line in errors if not line.startswith(broken + "(")], [],
             "sarif-multitool finds no schema errors in guidegraph's SARIF")
checks.check(f"Done. {len(files) + 1} files scanned." in output,
             f"sarif-multitool scanned the {len(files) + 1} files:\n{output[-2000:]}")
warnings = [line for line in output.splitlines() if re.search(r"\): warning [A-Z]+\d+:", line)]
checks.equal(warnings, [], "sarif-multitool gives no warnings")
print(f"{len(sites)} SARIF reports compared with the text reports ({results_total} results), "
      f"{len(files)} of them checked by sarif-multitool")
shutil.rmtree(work)
checks.finish()
