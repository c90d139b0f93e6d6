"""export validates by default: violations stop the output (an existing file is kept)
unless --force, --no-validate skips the rules; `validate` reports the same problems with
file:line:col in text, as a SHACL report that rdflib reads, as JSON and as SARIF."""

import json
import os
import shutil

from e2e_support import SITE, Checks, copy_site, load_graph, read_bytes, run, temp_dir

checks = Checks("export_validation")
work = temp_dir("validation")
site = copy_site("validation")
with open(os.path.join(site, "content", "sources", "sources", "nosite.md"), "w", encoding="utf-8") as f:
    f.write('---\ntitle: "No Site"\ncountries: ["Kazakhstan"]\ncategories: ["government"]\n'
            'languages: ["kk"]\ndescription: "A source without a website."\n---\n')
with open(os.path.join(site, "content", "guides", "kazakhstan", "index.md"), "a", encoding="utf-8") as f:
    f.write("\n## More\n\n- [No Site](/sources/sources/nosite/)\n")

out = os.path.join(work, "site.ttl")
with open(out, "w") as f:
    f.write("previous export\n")
proc = run(["export", site, "-o", out])
checks.equal(proc.returncode, 1, "exit code with a violation")
expected = ("content/sources/sources/nosite.md:1:1: error: A source needs its website: add `website: https://…` "
            "(the organisation's own address) to the front matter, or, on a site that gives websites "
            "in the body, link it in the body's first external link. [MinCountConstraintComponent]")
checks.check(expected in proc.stderr.splitlines(), f"the violation points at the file: {proc.stderr}")
checks.check("nothing was written" in proc.stderr, "says that nothing was written")
checks.equal(read_bytes(out), b"previous export\n", "the previous output is untouched")
checks.equal(sorted(os.listdir(work)), ["site.ttl"], "no temporary file is left beside it")
# The output is written while validation runs (on more than one core) or after it (one
# thread, standard output, several formats with JSON-LD): the same refusal each way.
for extra, label in ((["--threads", "1"], "one thread"), (["-f", "nq"], "N-Quads")):
    proc = run(["export", site, "-o", out, *extra])
    checks.equal(proc.returncode, 1, f"{label}: exit code with a violation")
    checks.check(expected in proc.stderr.splitlines(), f"{label}: the violation is reported: {proc.stderr}")
    checks.equal(read_bytes(out), b"previous export\n", f"{label}: the previous output is untouched")
    checks.equal(sorted(os.listdir(work)), ["site.ttl"], f"{label}: no temporary file is left")
proc = run(["export", site])
checks.equal((proc.returncode, proc.stdout), (1, ""), "standard output: nothing written on a violation")
formats_dir = os.path.join(work, "formats")
os.makedirs(formats_dir)
for fmt in ("ttl,nq", "ttl,jsonld"):
    proc = run(["export", site, "-o", formats_dir, "-f", fmt])
    checks.equal(proc.returncode, 1, f"{fmt}: exit code with a violation")
    checks.equal(os.listdir(formats_dir), [], f"{fmt}: nothing written into the folder")
os.rmdir(formats_dir)

proc = run(["export", site, "-o", out, "--force", "--quiet"])
checks.equal(proc.returncode, 1, "exit code with --force")
checks.check(load_graph(out) is not None and len(load_graph(out)) > 1000, "--force writes the output")
proc = run(["export", site, "-o", out, "--no-validate", "--quiet"])
checks.equal((proc.returncode, proc.stderr), (0, ""), "--no-validate skips validation")

# `created`, `date` and `lastmod` with a time of day, as Hugo allows: dcterms:created, issued
# and modified hold the day, so that they stay comparable (SHACL cannot order an xsd:date and
# an xsd:dateTime), and schema:dateCreated, datePublished and dateModified the whole value.
timed = copy_site("validation-timed")
guide = os.path.join(timed, "content", "guides", "kazakhstan", "index.md")
with open(guide, encoding="utf-8") as f:
    text = f.read()
checks.check("created: 2023-10-17\ndate: 2023-11-02\n" in text, "the guide's dates are as expected")
with open(guide, "w", encoding="utf-8") as f:
    f.write(text.replace("created: 2023-10-17\ndate: 2023-11-02\n",
                         "created: 2023-10-17T09:00:00Z\ndate: 2023-11-02T23:30:00-05:00\n"
                         "lastmod: 2024-01-05T08:00:00Z\n"))
timed_out = os.path.join(work, "timed.nt")
proc = run(["export", timed, "-f", "nt", "-o", timed_out, "--quiet"])
checks.equal((proc.returncode, proc.stderr), (0, ""), "date-times in `created`, `date` and `lastmod` conform")
XSD = "http://www.w3.org/2001/XMLSchema#"
kz = "<https://guides.example.org/guides/kazakhstan/>"
with open(timed_out, encoding="utf-8") as f:
    lines = set(f.read().splitlines())
for line in (f'{kz} <http://purl.org/dc/terms/issued> "2023-11-02"^^<{XSD}date> .',
             f'{kz} <https://schema.org/datePublished> "2023-11-02T23:30:00-05:00"^^<{XSD}dateTime> .',
             f'{kz} <http://purl.org/dc/terms/modified> "2024-01-05"^^<{XSD}date> .',
             f'{kz} <https://schema.org/dateModified> "2024-01-05T08:00:00Z"^^<{XSD}dateTime> .',
             f'{kz} <http://purl.org/dc/terms/created> "2023-10-17"^^<{XSD}date> .',
             f'{kz} <https://schema.org/dateCreated> "2023-10-17T09:00:00Z"^^<{XSD}dateTime> .'):
    checks.check(line in lines, f"date-time export has {line}")
with open(guide, "w", encoding="utf-8") as f:
    f.write(text.replace("created: 2023-10-17\ndate: 2023-11-02\n",
                         "created: 2023-11-03\ndate: 2023-11-02T10:00:00Z\n"))
proc = run(["validate", timed])
checks.equal(proc.returncode, 1, "`created` after the day of a date-time `date` is still caught")
checks.check("[sh:LessThanOrEqualsConstraintComponent]" in proc.stdout, f"by LessThanOrEquals: {proc.stdout}")
shutil.rmtree(os.path.dirname(timed))

proc = run(["validate", site])
checks.equal(proc.returncode, 1, "validate exit code with a violation")
without_code = expected.rsplit(" [", 1)[0]
checks.check(any(line.startswith(without_code) for line in proc.stdout.splitlines()),
             f"validate text report: {proc.stdout}")
proc = run(["validate", SITE, "--strict"])
checks.equal(proc.returncode, 0, f"examples/site conforms, even with --strict ({proc.stdout}{proc.stderr})")

report = os.path.join(work, "report.ttl")
run(["validate", site, "-f", "turtle", "-o", report], check=1)
g = load_graph(report)
rows = list(g.query("""PREFIX sh: <http://www.w3.org/ns/shacl#>
    SELECT ?focus ?path WHERE { ?r a sh:ValidationReport ; sh:conforms false ; sh:result ?x .
      ?x sh:focusNode ?focus ; sh:resultPath ?path ; sh:resultSeverity sh:Violation }"""))
checks.equal([(str(f), str(p)) for f, p in rows],
             [("https://guides.example.org/sources/sources/nosite/#id", "https://schema.org/url")],
             "the Turtle report's violation")

proc = run(["validate", site, "-f", "json"], check=1)
data = json.loads(proc.stdout)
checks.equal(data.get("conforms"), False, "JSON report conforms flag")
proc = run(["validate", site, "-f", "sarif"], check=1)
sarif = json.loads(proc.stdout)
checks.equal(sarif.get("version"), "2.1.0", "SARIF version")
locations = [r["locations"][0]["physicalLocation"] for r in sarif["runs"][0]["results"] if r.get("level") == "error"]
checks.check(any(l["artifactLocation"]["uri"].endswith("content/sources/sources/nosite.md") for l in locations),
             f"SARIF result points at the file ({locations})")

proc = run(["validate", "--data", out])
checks.equal(proc.returncode, 2, "--data without --shapes is a usage error")
checks.finish()
