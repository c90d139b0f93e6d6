"""The Turtle export of examples/site: it parses with serdi and rdflib; SPARQL over it
(rdflib, not the program) finds what the Kazakhstan guide says; it is byte-identical to the
reviewed golden file, across runs and across file-system orders; literals and IRIs with
awkward characters round-trip."""

import os
import shutil
import subprocess

from e2e_support import GG, SITE, SOURCE_DIR, Checks, copy_site, export, load_graph, read_bytes, temp_dir

checks = Checks("rdf_output")
work = temp_dir("rdf")
out = os.path.join(work, "site.ttl")
export(SITE, out)

# --- parses with serdi and rdflib ------------------------------------------------------
serdi = subprocess.run(["serdi", "-i", "turtle", "-o", "ntriples", out], capture_output=True, text=True)
checks.equal(serdi.returncode, 0, f"serdi reads the export ({serdi.stderr.strip()})")
g = load_graph(out)
checks.equal(len(g), len([l for l in serdi.stdout.splitlines() if l.strip()]), "rdflib and serdi see the same number of triples")

# --- what a SPARQL user finds about the Kazakhstan guide ------------------------------
KZ = "<https://guides.example.org/guides/kazakhstan/>"
PREFIXES = f"PREFIX gg: <{GG}> PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX schema: <https://schema.org/> "


def count(where):
    rows = list(g.query(PREFIXES + "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { " + where + " }"))
    return int(rows[0][0])


checks.equal(count(f"{KZ} gg:hasSection ?x . ?x a gg:GuideSection"), 5, "sections of the Kazakhstan guide")
checks.equal(count(f"{KZ} gg:recommends ?x . ?x a gg:Source"), 12, "sources the Kazakhstan guide recommends")
checks.equal(count(f"{KZ} gg:hasRecommendation ?x . ?x gg:source ?s ; gg:section ?sec ; gg:position ?p"), 12,
             "qualified recommendations with source, section and position")
notes = {str(r[0]) for r in g.query(PREFIXES + f"SELECT ?n WHERE {{ {KZ} gg:hasRecommendation ?r . ?r gg:note ?n }}")}
checks.equal(notes, {"state-affiliated", "independent, women-oriented", "independent, human rights focused"},
             "notes in parentheses")
zakon = list(g.query(PREFIXES + f"""SELECT ?name WHERE {{ {KZ} gg:hasRecommendation ?r . ?r gg:note "state-affiliated" ;
    gg:source ?s . ?s schema:name ?name }}"""))
checks.equal([str(r[0]) for r in zakon], ["Zakon.kz"], "the state-affiliated note belongs to Zakon.kz")
places = {str(r[0]) for r in g.query(PREFIXES + f"""SELECT ?name WHERE {{ {KZ} gg:hasRecommendation ?r .
    ?r gg:mentionsPlace ?p . ?p a schema:Place ; schema:name ?name }}""")}
checks.equal(places, {"Astana", "Almaty"}, "place mentions")
checks.equal(count(f"{KZ} dcterms:creator ?x . ?x a schema:Person"), 1, "contributors")
checks.equal(count(f"{KZ} dcterms:spatial ?x . ?x a schema:Country"), 1, "countries")
sections = [str(r[0]) for r in g.query(PREFIXES + f"""SELECT ?t WHERE {{ {KZ} gg:hasSection ?s .
    ?s dcterms:title ?t ; gg:position ?p }} ORDER BY ?p""")]
checks.equal(sections, ["International non-governmental organizations (INGOs)",
                        "Local non-governmental organizations (Local NGOs)", "Government", "Media",
                        "Local information"], "section titles in order")

# --- golden file, determinism, file-system order ----------------------------------------
golden = os.path.join(SOURCE_DIR, "tests", "e2e", "golden", "examples-site.ttl")
checks.check(read_bytes(out) == read_bytes(golden),
             f"export equals the reviewed golden file {golden} (diff {out} against it)")
again = os.path.join(work, "again.ttl")
export(SITE, again)
checks.check(read_bytes(out) == read_bytes(again), "a second run gives identical bytes")
single = os.path.join(work, "single.ttl")
export(SITE, single, "--threads", "1")
checks.check(read_bytes(out) == read_bytes(single), "one thread gives the same bytes as several")

reordered = os.path.join(work, "reordered")
files = []
for root, _, names in os.walk(SITE):
    files += [os.path.join(root, n) for n in names]
for path in sorted(files, reverse=True):
    rel = os.path.relpath(path, SITE)
    if rel.split(os.sep)[0] in ("public", "resources"):
        continue
    os.makedirs(os.path.join(reordered, os.path.dirname(rel)), exist_ok=True)
    shutil.copyfile(path, os.path.join(reordered, rel))
reordered_out = os.path.join(work, "reordered.ttl")
export(reordered, reordered_out)
checks.check(read_bytes(out) == read_bytes(reordered_out), "a copy written in reverse order exports the same bytes")

# --- awkward literals and IRIs round-trip -----------------------------------------------
tricky = copy_site("tricky")
tricky_file = os.path.join(tricky, "content", "sources", "sources", "tricky name ü.md")
title = 'Quote " and \\"escaped\\" backslash \\\\ end'
with open(tricky_file, "w", encoding="utf-8") as f:
    f.write("---\n")
    f.write('title: "Quote \\" and \\\\\\"escaped\\\\\\" backslash \\\\\\\\ end"\n')
    f.write('description: "Line one\\nLine \\"two\\" end"\n')
    f.write("website: https://example.org/a%20b/\n")
    f.write("---\nBody.\n")
tricky_out = os.path.join(work, "tricky.ttl")
export(tricky, tricky_out, "--no-validate")
serdi = subprocess.run(["serdi", "-i", "turtle", "-o", "ntriples", tricky_out], capture_output=True, text=True)
checks.equal(serdi.returncode, 0, f"serdi reads the export with awkward literals ({serdi.stderr.strip()})")
tg = load_graph(tricky_out)
rows = list(tg.query(PREFIXES + """SELECT ?s ?name ?d WHERE { ?s a gg:Source ; schema:name ?name ;
    schema:description ?d . FILTER(STRSTARTS(?name, "Quote")) }"""))
checks.equal(len(rows), 1, "the source with quotes in its name")
if rows:
    subject, name, description = (str(x) for x in rows[0])
    checks.equal(name, title, "a title with quotes and backslashes")
    checks.equal(description, 'Line one\nLine "two" end', "a description with newlines and quotes")
    checks.equal(subject, "https://guides.example.org/sources/sources/tricky-name-%C3%BC/#id"
                 if "%C3%BC" in subject else "https://guides.example.org/sources/sources/tricky-name-ü/#id",
                 "an IRI made from a file name with a space and a non-ASCII letter")

checks.finish()
