"""schema.org types, stated: every guide of examples/site is a schema:WebPage, every source has
the schema.org class its category names (`schemaType:` in the category page, inherited
through `broader`) or its own `schemaType:`, found by a SPARQL query over the export with
rdflib. The expected classes are read here from the site's front matter with PyYAML, not
from guidegraph. Then, on a copy of the site: a class name schema.org does not have is a
warning at its line and column (with the class it resembles), a source that nothing types is
schema:Thing with an info, params.guidegraph.schemaTypes types a category by its term, and the
language property follows the class (schema:knowsLanguage for organisations, schema:inLanguage
for works, dcterms:language for every source)."""

import glob
import json
import os
import re
import tomllib

import yaml
from e2e_support import GG, SITE, Checks, copy_site, export, load_graph, run, temp_dir
from rdflib import RDF, URIRef

SCHEMA = "https://schema.org/"
DCT_LANGUAGE = URIRef("http://purl.org/dc/terms/language")
BASE = "https://guides.example.org/"
checks = Checks("schema_types")


def front_matter(path):
    """The front matter of a content file, in any of Hugo's three formats."""
    text = open(path, encoding="utf-8").read()
    if text.startswith("{"):
        return json.JSONDecoder().raw_decode(text)[0]
    if text.startswith("+++"):
        return tomllib.loads(text.split("+++", 2)[1])
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def expected_types(site):
    """Source name -> the set of schema.org class IRIs the site's front matter gives it."""
    categories = {}
    for path in glob.glob(os.path.join(site, "content", "category", "*", "_index.md")):
        fm = front_matter(path)
        broader = fm.get("broader") or []
        categories[os.path.basename(os.path.dirname(path))] = (
            fm.get("schemaType"), [broader] if isinstance(broader, str) else broader)

    def of_category(slug, seen=()):
        own, broader = categories.get(slug, (None, []))
        if own:
            return {own}
        found = set()
        for b in broader:
            if b not in seen:
                found |= of_category(b, seen + (slug,))
        return found

    out = {}
    pages = glob.glob(os.path.join(site, "content", "sources", "sources", "*.md"))
    pages += glob.glob(os.path.join(site, "content", "sources", "sources", "*", "index.md"))
    for path in pages:
        fm = front_matter(path)
        if path.endswith("_index.md") or fm.get("draft"):
            continue
        if fm.get("schemaType"):
            names = {fm["schemaType"]}
        else:
            names = set()
            for c in fm.get("categories") or []:
                names |= of_category(c)
        out[fm["title"]] = {SCHEMA + n for n in names} or {SCHEMA + "Thing"}
    return out


QUERY = """
PREFIX gg: <https://w3id.org/guidegraph/vocab#>
PREFIX schema: <https://schema.org/>
SELECT ?name ?class WHERE {
  ?source a gg:Source ; a ?class ; schema:name ?name .
  FILTER(STRSTARTS(STR(?class), "https://schema.org/"))
}"""
GUIDES_WITHOUT_TYPE = """
PREFIX gg: <https://w3id.org/guidegraph/vocab#>
SELECT ?guide WHERE {
  ?guide a gg:Guide .
  FILTER NOT EXISTS { ?guide a ?t . FILTER(STRSTARTS(STR(?t), "https://schema.org/")) }
}"""


def stated_types(graph):
    found = {}
    for name, cls in graph.query(QUERY):
        found.setdefault(str(name), set()).add(str(cls))
    return found


# --- examples/site as it is ---------------------------------------------------------------
work = temp_dir("schema-types")
out = os.path.join(work, "site.ttl")
export(SITE, out, "--force")
g = load_graph(out)
expected = expected_types(SITE)
found = stated_types(g)
checks.equal(len(expected), 35, "examples/site has 35 sources that are not drafts")
checks.equal(sorted(s for s in expected if expected[s] == {SCHEMA + "Thing"}), [],
             "every source of examples/site is typed by its front matter")
checks.equal(found, expected, "each source states the class its category (or its own page) names")
checks.check(any(len(v) > 1 for v in expected.values()),
             "a source in two categories of different classes states both")
guides = set(g.subjects(RDF.type, URIRef(GG + "Guide")))
checks.check(len(guides) >= 3, f"examples/site has guides ({len(guides)})")
checks.equal([str(r[0]) for r in g.query(GUIDES_WITHOUT_TYPE)], [], "every guide has a schema.org type")
checks.check(all((x, RDF.type, URIRef(SCHEMA + "WebPage")) in g for x in guides), "guides are schema:WebPage")


def languages(graph, iri, prop):
    return {str(o) for o in graph.objects(URIRef(iri), URIRef(prop))}


kloop = BASE + "sources/sources/kloop/#id"
report = BASE + "sources/sources/wef_global_gender_gap_report/#id"
checks.equal(languages(g, kloop, SCHEMA + "knowsLanguage"), {"ky", "ru"}, "an organisation knows its languages")
checks.equal(languages(g, kloop, SCHEMA + "inLanguage"), set(), "an organisation is not in a language")
checks.equal(languages(g, report, SCHEMA + "inLanguage"), {"en"}, "a report (a creative work) is in its language")
checks.equal(languages(g, report, SCHEMA + "knowsLanguage"), set(), "a report knows no language")
for s in g.subjects(RDF.type, URIRef(GG + "Source")):
    checks.check(languages(g, s, str(DCT_LANGUAGE)), f"{s}: dcterms:language")
media = URIRef(BASE + "category/state-media/#id")
checks.equal({str(o) for o in g.objects(media, URIRef(GG + "sourceClass"))}, {SCHEMA + "NewsMediaOrganization"},
             "a category states the class it gives (inherited from 'media')")

# --- a copy with unknown names, an untyped category, and conventions ----------------------
site = copy_site("schema-types")


def edit(rel, old, new):
    path = os.path.join(site, rel)
    text = open(path, encoding="utf-8").read()
    assert old in text, (rel, old)
    open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))


edit("content/category/media/_index.md", "schemaType: NewsMediaOrganization", "schemaType: News Media Organization")
edit("content/category/government/_index.md", "schemaType: GovernmentOrganization", "schemaType: Ministry")
edit("content/category/ingo/_index.md", "schemaType: NGO\n", "")
proc = run(["validate", site, "--format", "text"])
lines = proc.stderr.splitlines() + proc.stdout.splitlines()
unknown = [l for l in lines if l.endswith("[unknown-schema-type]")]
checks.equal(len(unknown), 2, f"one warning for each unknown class name: {unknown}")
media_line = next((l for l in unknown if "media/_index.md" in l), "")
checks.check(re.match(r".*content/category/media/_index\.md:5:13: warning: 'News Media Organization' is not a "
                      r"schema\.org class; did you mean 'NewsMediaOrganization'\?", media_line),
             f"the warning is at the value's line and column and names the class it resembles: {media_line}")
gov_line = next((l for l in unknown if "government/_index.md" in l), "")
checks.check("government/_index.md:5:13: warning: 'Ministry' is not a schema.org class" in gov_line,
             f"a name like no class is a warning at its position: {gov_line}")
untyped = [l for l in lines if l.endswith("[untyped-source]")]
checks.equal(len(untyped), 1, f"many sources without a class: one info for them all: {untyped}")
checks.check(re.match(r"hugo\.toml: info: 28 of 35 sources have no schema\.org class", untyped[0] if untyped else ""),
             f"it counts them (the 28 of media, government and INGOs, without their own class): {untyped}")
out2 = os.path.join(work, "copy.ttl")
export(site, out2, "--force")
types2 = stated_types(load_graph(out2))
checks.equal(types2.get("Kloop"), {SCHEMA + "Thing"}, "an unknown class is ignored (Kloop's category lost it)")

# Only the INGOs without a class: an info for each, at the source's page.
edit("content/category/media/_index.md", "schemaType: News Media Organization", "schemaType: NewsMediaOrganization")
edit("content/category/government/_index.md", "schemaType: Ministry", "schemaType: GovernmentOrganization")
proc = run(["validate", site, "--format", "text"])
untyped = [l for l in proc.stderr.splitlines() + proc.stdout.splitlines() if l.endswith("[untyped-source]")]
checks.equal(len(untyped), 6, f"the 6 INGO sources without a class of their own, an info each: {untyped}")
checks.check(all(": info: source '" in l for l in untyped), "untyped sources are infos, not warnings")
export(site, out2, "--force")
g2 = load_graph(out2)
types2 = stated_types(g2)
spotlight = BASE + "sources/sources/spotlight_initiative/#id"
SPOTLIGHT = "Spotlight Initiative Regional Programme for Central Asia and Afghanistan"
checks.equal(types2.get(SPOTLIGHT), {SCHEMA + "Thing"}, "a source whose category lost its class is schema:Thing")
checks.equal(languages(g2, spotlight, SCHEMA + "inLanguage") | languages(g2, spotlight, SCHEMA + "knowsLanguage"),
             set(), "schema:Thing has no schema.org language property")
checks.check(languages(g2, spotlight, str(DCT_LANGUAGE)), "schema:Thing keeps dcterms:language")
checks.check(any(re.match(r"content/sources/sources/spotlight_initiative/index\.md:1:1: info: source 'Spotlight", l)
                 for l in untyped), f"the info is at the source's page: {untyped}")
checks.equal(types2.get("Kloop"), {SCHEMA + "NewsMediaOrganization"}, "Kloop is typed again")

with open(os.path.join(site, "hugo.toml"), "a", encoding="utf-8") as f:
    f.write('\n[params.guidegraph.schemaTypes]\n"INGO" = "NGO"\n"Media" = "NewsMediaOrganization"\n'
            '"No such term" = "Organization"\n"government" = "Ministerium"\n')
proc = run(["export", site, "-o", out2, "--force"])
g3 = load_graph(out2)
types3 = stated_types(g3)
checks.equal(types3.get(SPOTLIGHT), {SCHEMA + "NGO"}, "params.guidegraph.schemaTypes types a category by its term")
checks.equal(types3.get("Kloop"), {SCHEMA + "NewsMediaOrganization"},
             "a term's class from the conventions is inherited through `broader`")
bad = [l for l in proc.stderr.splitlines() if l.endswith("[unknown-schema-type]")]
checks.check(any(l.startswith("hugo.toml:") and "'Ministerium'" in l for l in bad),
             f"an unknown class in the conventions is a warning at its line in hugo.toml: {bad}")

edit("content/sources/sources/24_kg.md", "categories:", "schemaType: [NGO, Dataset]\ncategories:")
proc = run(["validate", site, "--format", "text"])
checks.check(re.search(r"24_kg\.md:\d+:1: error: 'schemaType' must be a single value", proc.stdout + proc.stderr),
             f"a list of classes is an error at its key (one class per page): {proc.stderr[-600:]}")
checks.finish()
