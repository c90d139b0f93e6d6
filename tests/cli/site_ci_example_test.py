"""examples/ci: the shell script a site's CI runs, run for real (guidegraph and hugo) on a
copy of examples/site and on a copy with a broken link; and the GitHub Actions workflow,
parsed as YAML, whose run: steps are the commands the script runs, in the same order."""

import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from e2e_support import PROGRAM, SOURCE_DIR, Checks, copy_site, temp_dir  # noqa: E402

import yaml  # noqa: E402

CI = os.path.join(SOURCE_DIR, "examples", "ci")
SCRIPT = os.path.join(CI, "guidegraph-site-check.sh")
checks = Checks("site_ci_example")

# --- the workflow runs the script's steps -----------------------------------------------
with open(os.path.join(CI, "github-workflow.yml"), encoding="utf-8") as f:
    workflow = yaml.safe_load(f)
steps = workflow["jobs"]["check"]["steps"]
script_steps = []
with open(SCRIPT, encoding="utf-8") as f:
    lines = f.read().splitlines()
for i, line in enumerate(lines):
    m = re.match(r"^# step: (\S+)$", line)
    if m:
        # The script keeps validate's exit code for the end; the workflow's step fails instead.
        script_steps.append((m.group(1), lines[i + 1].removesuffix(" || status=$?")))
workflow_steps = [(s["name"], s["run"].strip()) for s in steps
                  if "run" in s and s.get("name") in {name for name, _ in script_steps}]
checks.check(len(script_steps) == 4, f"the script has its four steps ({script_steps})")
checks.equal(workflow_steps, script_steps, "the workflow's run: steps, in order")
uploads = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
checks.check(len(uploads) == 1 and uploads[0]["with"]["sarif_file"] == "guidegraph.sarif"
             and uploads[0].get("if") == "always()",
             "the workflow uploads guidegraph.sarif even when validation failed")
names = [s.get("name") for s in steps]
checks.check(names.index("upload SARIF") < names.index("publish"), "SARIF is uploaded before publish")
checks.check(workflow["env"]["SITE"] == "." and workflow["env"]["GUIDEGRAPH"] == "guidegraph",
             "the workflow sets the variables the steps use")


def run_script(site):
    work = temp_dir("site-ci")
    env = dict(os.environ, GUIDEGRAPH=PROGRAM)
    proc = subprocess.run(["sh", SCRIPT, site], cwd=work, capture_output=True, text=True, env=env)
    return proc, work


# --- on examples/site: clean, SARIF written, data published, site built ---------------------
site = copy_site("site-ci")
proc, work = run_script(site)
checks.equal(proc.returncode, 0, f"the script passes on examples/site ({proc.stderr[-2000:]})")
sarif_path = os.path.join(work, "guidegraph.sarif")
checks.check(os.path.isfile(sarif_path), "guidegraph.sarif is written")
if os.path.isfile(sarif_path):
    with open(sarif_path, encoding="utf-8") as f:
        sarif = json.load(f)
    checks.equal(sarif.get("version"), "2.1.0", "the SARIF version")
    errors = [r for r in sarif["runs"][0]["results"] if r.get("level") == "error"]
    checks.equal(len(errors), 0, "no error results on examples/site")
checks.check(os.path.isfile(os.path.join(site, "static", "guides", "kazakhstan", "index.ttl")),
             "publish wrote the guide's data into static/")
checks.check(os.path.isfile(os.path.join(site, "public", "guides", "kazakhstan", "index.ttl")),
             "hugo built the site with the data beside the page")
checks.check(os.path.isfile(os.path.join(site, "public", "index.html")), "hugo built the site")

# --- with a broken link: exit 1, the SARIF points at it, the site is still built --------------
broken = copy_site("site-ci-broken")
guide = os.path.join(broken, "content", "guides", "kazakhstan", "index.md")
with open(guide, "a", encoding="utf-8") as f:
    f.write("\nSee also [a missing page](/sources/sources/no-such-source/).\n")
proc, work = run_script(broken)
checks.equal(proc.returncode, 1, "the script exits 1 when the content has errors")
with open(os.path.join(work, "guidegraph.sarif"), encoding="utf-8") as f:
    results = json.load(f)["runs"][0]["results"]
hits = [r for r in results if r.get("ruleId") == "broken-link"]
checks.equal(len(hits), 1, "SARIF has the broken link")
if hits:
    where = hits[0]["locations"][0]["physicalLocation"]
    checks.equal(where["artifactLocation"]["uri"], "content/guides/kazakhstan/index.md", "its file")
checks.check("broken-link" in proc.stderr, "the log shows the problem as a file:line:col line")
checks.check(os.path.isfile(os.path.join(broken, "public", "index.html")), "the site is still built")
shutil.rmtree(work, ignore_errors=True)
checks.finish()
