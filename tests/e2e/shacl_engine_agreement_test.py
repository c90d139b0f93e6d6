"""On examples/site, on the base of tests/data/invalid and on every invalid case, npm
shacl-engine and guidegraph agree on conforms and on the set of (focus node, path,
constraint component) of the SHACL results. shacl-engine reads the site's data as guidegraph
exports it (N-Triples, not validated) and the shapes from shapes/guidegraph.ttl; guidegraph's
side is `validate SITE -f json`, whose results are the SHACL ones only (the graph checks go
to standard error as diagnostics and are not SHACL).

shacl-engine runs through tests/shacl/differential/shacl_engine.mjs, from a temporary
folder that links tests/npm/node_modules (`npm ci --prefix tests/npm` installs it)."""

import concurrent.futures
import json
import os
import shutil
import subprocess
import sys

from e2e_support import SITE, SOURCE_DIR, Checks, fail, run, skip_unless_npm_checkers, temp_dir

sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "data", "invalid"))
import invalid_cases  # noqa: E402

SHAPES = os.path.join(SOURCE_DIR, "shapes", "guidegraph.ttl")
NODE_MODULES = os.path.join(SOURCE_DIR, "tests", "npm", "node_modules")
RUNNER = os.path.join(SOURCE_DIR, "tests", "shacl", "differential", "shacl_engine.mjs")

checks = Checks("shacl_engine_agreement")
skip_unless_npm_checkers("shacl-engine")
work = temp_dir("agreement")
# ES modules resolve packages from the script's folder (NODE_PATH is ignored): run a copy of
# the runner next to a link to the installed node_modules.
os.symlink(NODE_MODULES, os.path.join(work, "node_modules"))
runner = os.path.join(work, "shacl_engine.mjs")
shutil.copyfile(RUNNER, runner)


def guidegraph_results(site):
    proc = run(["validate", site, "-f", "json"])
    if proc.returncode not in (0, 1):
        fail(f"guidegraph validate {site} exited {proc.returncode}:\n{proc.stderr}")
    report = json.loads(proc.stdout)
    results = set()
    for r in report["results"]:
        focus = r["focusNode"]
        focus = "_" if focus["type"] == "blank" else f"<{focus['value']}>"
        path = r.get("resultPath")
        path = "-" if not path else f"P:{path[1:-1]}" if path.startswith("<") and path.endswith(">") else "complex"
        results.add((focus, path, r["sourceConstraintComponent"].split("#")[1]))
    # SHACL's conforms: no SHACL result. ("conforms" in the JSON is also false for input and
    # graph-check errors, listed under "diagnostics", which shacl-engine knows nothing of.)
    return not report["results"], results


def shacl_engine_results(name, site):
    data = os.path.join(work, name.replace("/", "-") + ".nt")
    # Broken links and the like exit 1, yet the rest of the site is exported.
    proc = run(["export", site, "-f", "nt", "-o", data, "--force", "--no-validate", "--quiet"])
    if proc.returncode not in (0, 1) or not os.path.exists(data):
        fail(f"guidegraph export {site} exited {proc.returncode}:\n{proc.stderr}")
    proc = subprocess.run(["node", runner, SHAPES, data], capture_output=True, text=True)
    if proc.returncode != 0 or not proc.stdout.startswith("conforms "):
        fail(f"shacl-engine failed on {name}:\n{proc.stdout}{proc.stderr}")
    lines = proc.stdout.splitlines()
    # focus | path | value | shape | component | severity
    results = {tuple(line.split(" | ")[i] for i in (0, 1, 4)) for line in lines[1:]}
    return lines[0] == "conforms true", results


sites = {"examples/site": SITE, "base": invalid_cases.BASE}
for name in invalid_cases.names():
    sites[name] = invalid_cases.assemble(name, os.path.join(work, "sites", name))

with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    theirs = dict(zip(sites, pool.map(lambda item: shacl_engine_results(*item), sites.items())))
total = 0
for name, site in sites.items():
    conforms, mine = guidegraph_results(site)
    their_conforms, their_results = theirs[name]
    total += len(mine)
    checks.equal(conforms, their_conforms, f"{name}: conforms")
    checks.equal(sorted(mine - their_results), [], f"{name}: results only guidegraph gives")
    checks.equal(sorted(their_results - mine), [], f"{name}: results only shacl-engine gives")
    if name not in ("examples/site", "base"):
        has_shacl = any("[sh:" in line for line in invalid_cases.expected(name, "stdout"))
        checks.equal(bool(mine), has_shacl, f"{name}: SHACL results as the expected diagnostics say")
print(f"{len(sites)} sites, {total} SHACL results compared")
shutil.rmtree(work)
checks.finish()
