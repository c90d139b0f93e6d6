"""One checked model for every output: tests/data/sites/rejected-values has a source whose
website is `javascript:alert(1)`, whose languages include one that is no BCP 47 tag, whose
title holds U+FFFF and whose date is not a date, and a guide whose lastmod is not a date.
Every output format is written (export ttl/nq/jsonld, publish, map dot/svg, catalog
mrc/marcxml/oai_dc/oai-pmh/oai-static/csv, pages, and load's dry run); each is read by an independent checker
(serdi and rdflib, pyld, xmllint against MARC21slim.xsd and the OAI-PMH schema, yaz-marcdump,
dot, Python's csv module); none holds a rejected value; and every command reports each
rejected value exactly once, at its file:line:col."""

import csv
import glob
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import rdflib
from pyld import jsonld

from e2e_support import SOURCE_DIR, Checks, run, skip_unless_shared, temp_dir

SCHEMAS = skip_unless_shared("schemas/MARC21slim.xsd", "the MARC 21 XML schema")
SCHEMAS = os.path.dirname(SCHEMAS)
SITE = os.path.join(SOURCE_DIR, "tests", "data", "sites", "rejected-values")
HOSTILE = "content/sources/sources/hostile.md"
GUIDE = "content/guides/kazakhstan.md"

# What the site's front matter holds that no output may carry, and the one diagnostic each
# must get: file:line:col and code.
REJECTED = ["javascript", "alert(1)", "Elvish", "Tengwar", "sometime-soon", "32/13/2023", "\uffff"]
EXPECTED = [
    f"{HOSTILE}:2:8 disallowed-character",
    f"{HOSTILE}:3:1 bad-website",
    f"{HOSTILE}:6:19 bad-language",
    f"{HOSTILE}:7:1 bad-date",
    f"{GUIDE}:6:1 bad-date",
]
VALUE_CODES = {"disallowed-character", "bad-website", "bad-language", "bad-date"}
DIAGNOSTIC = re.compile(r"^(\S+?):(\d+):(\d+): (?:error|warning|info): .* \[([A-Za-z:-]+)\]$")

checks = Checks("rejected_values")
work = temp_dir("rejected")
# Every output file written, read back as text to look for the rejected values.
written = []


def command(name, args):
    """Runs guidegraph; its exit code is 0 or 1 (the site has a SHACL violation: the source
    has no website once its javascript: one is rejected) and each rejected value gets one
    diagnostic at its position."""
    proc = run(args)
    checks.check(proc.returncode in (0, 1), f"{name}: exit code {proc.returncode}: {proc.stderr[-2000:]}")
    found = []
    for line in proc.stderr.splitlines():
        m = DIAGNOSTIC.match(line)
        if m and m.group(4) in VALUE_CODES:
            found.append(f"{m.group(1)}:{m.group(2)}:{m.group(3)} {m.group(4)}")
    checks.equal(sorted(found), sorted(EXPECTED), f"{name}: one diagnostic per rejected value")
    # Not a second one for the rejected website: the catalog's "has no website" is for a
    # source that gives none.
    checks.check(not any(HOSTILE in line and "[catalog-no-website]" in line for line in proc.stderr.splitlines()),
                 f"{name}: the rejected website is not reported again as missing")
    return proc


def tool(args, name):
    proc = subprocess.run(args, capture_output=True)
    checks.check(proc.returncode == 0, f"{name}: {' '.join(args)} failed: {proc.stderr.decode()[-1500:]}")
    return proc


def xmllint(path, schema=None, catalog=None):
    args = ["xmllint", "--nonet", "--noout"] + (["--schema", os.path.join(SCHEMAS, schema)] if schema else [])
    env = dict(os.environ)
    if catalog:
        env["XML_CATALOG_FILES"] = os.path.join(SCHEMAS, catalog)
    proc = subprocess.run(args + [path], capture_output=True, env=env)
    checks.check(proc.returncode == 0, f"xmllint {schema or ''} rejects {path}: {proc.stderr.decode()[-1500:]}")


def refuse_network(url, options=None):
    raise RuntimeError(f"JSON-LD tried to load {url}")


def pyld_quads(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": refuse_network})


def rdf_checks(path, syntax, rdflib_format):
    serd = tool(["serdi", "-i", syntax, "-o", "nquads", path], f"serdi {os.path.basename(path)}")
    g = rdflib.ConjunctiveGraph()
    g.parse(path, format=rdflib_format)
    quads = len([line for line in serd.stdout.splitlines() if line.strip()])
    checks.equal(len(g), quads, f"{os.path.basename(path)}: rdflib and serdi read as many triples")
    return g


# export: Turtle, N-Quads and JSON-LD in one run.
export_dir = os.path.join(work, "export")
os.makedirs(export_dir)
command("export", ["export", SITE, "-f", "ttl,nq,jsonld", "-o", export_dir, "--force", "-q"])
name = os.path.basename(SITE)
ttl = rdf_checks(os.path.join(export_dir, f"{name}.ttl"), "turtle", "turtle")
nq = rdf_checks(os.path.join(export_dir, f"{name}.nq"), "nquads", "nquads")
quads = pyld_quads(os.path.join(export_dir, f"{name}.jsonld"))
checks.equal(len([q for q in quads.splitlines() if q.strip()]), len(nq),
             "pyld reads as many quads from the JSON-LD as rdflib from the N-Quads")
written += glob.glob(os.path.join(export_dir, "*"))
SCHEMA = rdflib.Namespace("https://schema.org/")
hostile = [s for s in ttl.subjects(SCHEMA.name, None) if "hostile" in str(s)]
checks.equal(len(hostile), 1, "the hostile source is in the graph")
for s in hostile:
    checks.equal(list(ttl.objects(s, SCHEMA.url)), [], "the hostile source has no schema:url")
    checks.equal(sorted(str(o) for o in ttl.objects(s, rdflib.URIRef("http://purl.org/dc/terms/language"))), ["ru"],
                 "the hostile source keeps its one well-formed language")
    checks.equal([str(o) for o in ttl.objects(s, SCHEMA.name)], ["Hostile\ufffd Source"],
                 "the title carries U+FFFD in place of U+FFFF")

# publish: every page's Turtle and JSON-LD, the whole dataset, VoID.
publish_dir = os.path.join(work, "publish")
command("publish", ["publish", SITE, "--into", publish_dir, "-q"])
published = sorted(glob.glob(os.path.join(publish_dir, "**", "*.*"), recursive=True))
checks.check(any(p.endswith("sources/sources/hostile/index.ttl") for p in published),
             "publish wrote the hostile source's page graph")
for path in published:
    if path.endswith(".ttl"):
        rdf_checks(path, "turtle", "turtle")
    elif path.endswith(".nq"):
        rdf_checks(path, "nquads", "nquads")
    elif path.endswith(".jsonld"):
        checks.check(pyld_quads(path).strip() != "", f"pyld reads triples from {path}")
written += published

# map: DOT (read by dot) and SVG (read by xmllint).
dot = os.path.join(work, "map.dot")
command("map", ["map", SITE, "-o", dot, "-q"])
tool(["dot", "-Tplain", dot], "dot")
svg = os.path.join(work, "map.svg")
command("map --render svg", ["map", SITE, "-o", svg, "--render", "svg", "-q"])
xmllint(svg)
written += [dot, svg]

# catalog: every format, each against its schema.
catalog_dir = os.path.join(work, "catalog")
os.makedirs(catalog_dir)
cat = {}
for fmt in ("mrc", "marcxml", "oai_dc", "oai-pmh", "oai-static", "csv"):
    cat[fmt] = os.path.join(catalog_dir, f"catalog.{fmt}")
    command(f"catalog -f {fmt}", ["catalog", SITE, "-f", fmt, "-o", cat[fmt], "-q"])
    written.append(cat[fmt])
xmllint(cat["marcxml"], "MARC21slim.xsd")
xmllint(cat["oai-pmh"], "oai-pmh-with-dc.xsd", "catalog.xml")
xmllint(cat["oai-static"])
for i, dc in enumerate(ET.parse(cat["oai_dc"]).getroot()):
    single = os.path.join(catalog_dir, f"dc-{i}.xml")
    dc.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation",
           "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    ET.ElementTree(dc).write(single, encoding="utf-8", xml_declaration=True)
    xmllint(single, "oai_dc.xsd", "catalog.xml")
marc = tool(["yaz-marcdump", "-i", "marc", "-o", "marcxml", cat["mrc"]], "yaz-marcdump")
written_marc = os.path.join(catalog_dir, "from-iso2709.xml")
with open(written_marc, "wb") as f:
    f.write(marc.stdout)
xmllint(written_marc, "MARC21slim.xsd")
written.append(written_marc)
with open(cat["csv"], encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))
checks.equal(sorted(r["url"] for r in rows), ["", "https://valid.example.org/"],
             "CSV url column: the valid website, and none for the hostile source")
# MARC 856 $u and dc:identifier hold the valid website only.
ns = {"marc": "http://www.loc.gov/MARC21/slim", "dc": "http://purl.org/dc/elements/1.1/"}
links = [e.text for e in ET.parse(cat["marcxml"]).getroot().iterfind(
    ".//marc:datafield[@tag='856']/marc:subfield[@code='u']", ns)]
checks.equal(links, ["https://valid.example.org/"], "MARC 856 $u")
identifiers = [e.text for e in ET.parse(cat["oai_dc"]).getroot().iterfind(".//dc:identifier", ns)]
checks.check("https://valid.example.org/" in identifiers and
             not any(i and "javascript" in i for i in identifiers), f"dc:identifier {identifiers}")

# pages: a CSV listing.
pages = command("pages", ["pages", SITE])
listing = list(csv.reader(pages.stdout.splitlines()))
checks.check(any(r and r[0] == HOSTILE for r in listing), "pages lists the hostile source")

# load (dry run: no store is contacted): the same graphs as the export's N-Quads, triple for
# triple in number, from the same checked model.
load = command("load --dry-run", ["load", SITE, "--endpoint", "http://127.0.0.1:9/none", "--dry-run"])
planned = dict(re.findall(r"^replace <([^>]+)> (\d+) triples$", load.stdout, re.MULTILINE))
per_graph = {}
for ctx in nq.contexts():
    per_graph[str(ctx.identifier)] = len(ctx)
checks.equal({g: int(n) for g, n in planned.items()},
             {g: n for g, n in per_graph.items() if n}, "load sends the export's graphs")
checks.check(any(g.endswith("/sources/sources/hostile/") for g in planned), "load sends the hostile source's graph")

# No output holds a rejected value.
checks.check(len(written) >= 20, f"outputs written ({len(written)})")
for path in written:
    with open(path, "rb") as f:
        data = f.read().decode("utf-8", "replace")
    for value in REJECTED:
        checks.check(value not in data, f"{os.path.relpath(path, work)} holds {value!r}")

if not checks.failed:
    shutil.rmtree(work)
checks.finish()
