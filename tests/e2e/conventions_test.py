"""A site laid out as CAMGDP is (tests/data/sites/camgdp-like), read with no option: content
in one folder per language, categories and languages as taxonomy term names, websites as the
first link of a source's body, guides tagged `guides` in sections with localized names.
The same site with its conventions given by params.guidegraph and by --conventions. The
export is read back with rdflib; the real hugo builds the site to say which term pages exist."""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_support import SOURCE_DIR, Checks, load_graph, run, temp_dir  # noqa: E402

import rdflib  # noqa: E402
from rdflib import RDF, Literal, Namespace, URIRef  # noqa: E402

SITE = os.path.join(SOURCE_DIR, "tests", "data", "sites", "camgdp-like")
BASE = "https://portal.example.org/"
GG = Namespace("https://w3id.org/guidegraph/vocab#")
SCHEMA = Namespace("https://schema.org/")
DCT = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
RU_GUIDE = URIRef(BASE + "ru/%D1%80%D1%83%D0%BA%D0%BE%D0%B2%D0%BE%D0%B4%D1%81%D1%82%D0%B2%D0%B0/"
                  "%D0%BA%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD/"
                  "%D1%80%D1%83%D0%BA%D0%BE%D0%B2%D0%BE%D0%B4%D1%81%D1%82%D0%B2%D0%BE/")
EN_GUIDE = URIRef(BASE + "guides/kazakhstan/start_guide/")

checks = Checks("conventions")
work = temp_dir("conventions")

# --- with no option -------------------------------------------------------------------------
out = os.path.join(work, "site.ttl")
proc = run(["export", SITE, "-o", out, "--force"])
checks.equal(proc.returncode, 1, f"exit code (Vlast links no website): {proc.stderr}")
lines = proc.stderr.splitlines()
info = [l for l in lines if l.endswith("[conventions]")]
checks.equal(len(info), 1, f"one info line on the conventions: {lines}")
checks.check(info and "categories from the taxonomy 'category'" in info[0]
             and "languages from `language:`" in info[0]
             and "websites from the first external link of the body" in info[0],
             f"it says what was detected: {info}")
checks.check("content/en/sources/sources/Zakon_kz.md:10:33: warning: language 'Klingonese' is neither a "
             "BCP 47 tag nor a language name guidegraph knows; write a tag such as 'kk' or a name such as "
             "'Kazakh', or map the name under params.guidegraph.languageNames [bad-language]" in lines,
             f"an unknown language name is a warning at its position: {lines}")
suggest = [l for l in lines if l.endswith("[translation-key]")]
checks.equal(len(suggest), 1, f"one translationKey suggestion: {suggest}")
checks.check(suggest and suggest[0].startswith("content/ru/Руководства/Казахстан/СМИ.md:1:1: info: ")
             and '`translationKey: "media_guide"`' in suggest[0],
             f"for the Russian media guide, with a key: {suggest}")

g = load_graph(out)
guides = set(g.subjects(RDF.type, GG.Guide))
checks.equal(len(guides), 4, "four guides: two in guides/, two tagged `guides` in Руководства/")
checks.equal({str(g.value(x, SCHEMA.inLanguage)) for x in guides}, {"en", "ru"}, "guides state their language")
checks.equal(set(g.objects(RU_GUIDE, SCHEMA.translationOfWork)), {EN_GUIDE},
             "the Russian guide translates the English one (same translationKey)")
checks.equal(set(g.objects(EN_GUIDE, SCHEMA.workTranslation)), {RU_GUIDE}, "and the other way")

notes = {str(n): n.language for r in g.objects(RU_GUIDE, GG.hasRecommendation) for n in g.objects(r, GG.note)}
checks.equal(notes, {"государственное СМИ": "ru", "независимое": "ru"}, "notes of the Russian guide, @ru")
ru_graph_literals = []
for s, p, o in g:
    if isinstance(o, Literal) and o.datatype is None and str(s).startswith(str(RU_GUIDE)):
        if p != SCHEMA.inLanguage:
            ru_graph_literals.append((p, o))
checks.check(ru_graph_literals and all(o.language == "ru" for _, o in ru_graph_literals),
             f"every text literal of the Russian guide is @ru: {[o for _, o in ru_graph_literals if o.language != 'ru']}")

feminita = URIRef(BASE + "sources/sources/feminita/#id")
zakon = URIRef(BASE + "sources/sources/zakon_kz/#id")
vlast = URIRef(BASE + "sources/sources/vlast/#id")
checks.equal(g.value(feminita, SCHEMA.url), URIRef("https://feminita.kz/"), "website: the body's first link")
checks.equal(set(g.objects(feminita, RDFS.seeAlso)), {URIRef("https://feminita.kz/research/")},
             "the body's further link is rdfs:seeAlso")
checks.equal(g.value(URIRef("https://feminita.kz/research/"), RDFS.label), Literal("research reports", lang="en"),
             "with its link text")
checks.equal(g.value(vlast, SCHEMA.url), None, "no website for a source whose body links none")
checks.equal({str(l) for l in g.objects(zakon, DCT.language)}, {"ru", "kk"},
             "language names become BCP 47 tags, the unknown one is left out")

local_media = URIRef(BASE + "category/local-media/#id")
cats = set(g.objects(zakon, GG.category)) | set(g.objects(vlast, GG.category))
checks.equal(len({c for c in cats if "local-media" in str(c)}), 1, "'Local media' and 'local media': one concept")
checks.check(local_media in cats, "at the term page of the category taxonomy")
checks.equal(g.value(local_media, SKOS.inScheme), URIRef(BASE + "category/#scheme"), "in the category scheme")
checks.equal(str(g.value(local_media, SKOS.prefLabel)).lower(), "local media", "labelled by its term name")

news = URIRef(BASE + "data_type/news/#id")
checks.check((zakon, DCT.type, news) in g and (news, RDF.type, SKOS.Concept) in g,
             "data types are SKOS concepts (dcterms:type)")
checks.equal(g.value(news, SKOS.inScheme), URIRef(BASE + "data_type/#scheme"), "in the data type scheme")
survey = {o for o in g.objects(None, DCT.type) if "survey" in str(o).lower()}
checks.equal(survey, {URIRef(BASE + "data_type/survey/#id")}, "'Survey' and 'survey': one data type")

period = g.value(zakon, DCT.temporal)
checks.check(period is not None and (period, RDF.type, DCT.PeriodOfTime) in g, "coverage is a dcterms:PeriodOfTime")
checks.equal((g.value(period, DCAT.startDate), g.value(period, DCAT.endDate)),
             (Literal("1999", datatype=XSD.gYear), Literal("2023", datatype=XSD.gYear)), "from 1999 to 2023")
open_period = g.value(feminita, DCT.temporal)
checks.equal((g.value(open_period, DCAT.startDate), g.value(open_period, DCAT.endDate)),
             (Literal("2018", datatype=XSD.gYear), None), "an empty date_end leaves the period open")

# The term pages guidegraph points at are the ones the real hugo builds.
public = os.path.join(work, "public")
hugo_site = os.path.join(work, "hugo-site")
shutil.copytree(SITE, hugo_site)
for kind in ("term", "single", "list"):
    os.makedirs(os.path.join(hugo_site, "layouts", "_default"), exist_ok=True)
    with open(os.path.join(hugo_site, "layouts", "_default", kind + ".html"), "w") as f:
        f.write("{{ .Title }}")
hugo = subprocess.run(["hugo", "--quiet", "-s", hugo_site, "-d", public], capture_output=True, text=True)
checks.equal(hugo.returncode, 0, f"hugo builds the site: {hugo.stderr}")
for concept in set(g.subjects(RDF.type, SKOS.Concept)):
    path = str(concept)[len(BASE):].split("#")[0]
    if path.startswith(("category/", "data_type/")):
        checks.check(os.path.exists(os.path.join(public, path, "index.html")),
                     f"hugo builds the term page of {concept}")

# --- the same conventions given, by params.guidegraph and by a conventions file -------------
given = os.path.join(work, "given")
shutil.copytree(SITE, given)
with open(os.path.join(given, "hugo.toml"), "a", encoding="utf-8") as f:
    f.write('\n[params.guidegraph]\nguides = ["guides", "Руководства"]\nguideTag = ""\n'
            'website = "body"\nlanguageNames = { "Klingonese" = "tlh" }\n')
out2 = os.path.join(work, "given.ttl")
proc = run(["export", given, "-o", out2, "--force"])
checks.check(not any(l.endswith("[bad-language]") for l in proc.stderr.splitlines()),
             f"params.guidegraph.languageNames maps the site's own name: {proc.stderr}")
g2 = load_graph(out2)
checks.equal(len(set(g2.subjects(RDF.type, GG.Guide))), 4, "guides by their sections in both languages")
checks.equal({str(l) for l in g2.objects(zakon, DCT.language)}, {"ru", "kk", "tlh"}, "Klingonese is tlh")

conventions = os.path.join(work, "conventions.yaml")
with open(conventions, "w", encoding="utf-8") as f:
    f.write('guides: guides\nguideTag: ""\ncategories: tags\n')
proc = run(["validate", SITE, "--conventions", conventions])
out3 = os.path.join(work, "conv.ttl")
run(["export", SITE, "-o", out3, "--force", "--conventions", conventions])
g3 = load_graph(out3)
checks.equal(len(set(g3.subjects(RDF.type, GG.Guide))), 2, "--conventions: guides only in guides/")
checks.equal({str(c).split("/")[-3] for c in g3.objects(zakon, GG.category)}, {"tags"},
             "--conventions: categories from the tags taxonomy")
bad = run(["export", SITE, "-o", out3, "--conventions", os.path.join(work, "missing.toml")])
checks.check(any(l.endswith("[bad-conventions-file]") for l in bad.stderr.splitlines()),
             f"an unreadable conventions file is an error: {bad.stderr}")

# --- a translation at the same path in another language's content: Hugo links it --------------
same_path = os.path.join(work, "same-path")
shutil.copytree(SITE, same_path)
os.makedirs(os.path.join(same_path, "content", "ru", "guides", "Kazakhstan"))
shutil.copyfile(os.path.join(SITE, "content", "ru", "Руководства", "Казахстан", "СМИ.md"),
                os.path.join(same_path, "content", "ru", "guides", "Kazakhstan", "Media_Guide.md"))
out4 = os.path.join(work, "same-path.ttl")
proc = run(["export", same_path, "-o", out4, "--force"])
g4 = load_graph(out4)
checks.equal(set(g4.objects(URIRef(BASE + "ru/guides/kazakhstan/media_guide/"), SCHEMA.translationOfWork)),
             {URIRef(BASE + "guides/kazakhstan/media_guide/")}, "the same path in ru/ translates the en guide")
checks.check(not any(l.endswith("[translation-key]") and "guides/Kazakhstan/Media_Guide.md:1:1" in l
                     for l in proc.stderr.splitlines()), "and needs no translationKey suggestion")
with open(os.path.join(same_path, "hugo.toml"), "a", encoding="utf-8") as f:
    f.write('\n[params.guidegraph]\norphans = "sometimes"\n')
proc = run(["validate", same_path])
checks.check(any(l.startswith("hugo.toml:") and "params.guidegraph.orphans must be" in l
                 and l.endswith("[bad-config-param]") for l in proc.stderr.splitlines()),
             f"a convention of the wrong value is a warning at its line: {proc.stderr[-800:]}")

# --- JSON-LD (with the shipped context) says what the Turtle says ----------------------------
from rdflib.compare import isomorphic  # noqa: E402
jsonld = os.path.join(work, "site.jsonld")
run(["export", SITE, "-f", "jsonld", "-o", jsonld, "--force"])
as_jsonld = rdflib.ConjunctiveGraph()
as_jsonld.parse(jsonld, format="json-ld")
union = rdflib.Graph()
for t in as_jsonld.triples((None, None, None)):
    union.add(t)
checks.check(isomorphic(union, g), "the JSON-LD export is isomorphic with the Turtle (coverage, "
             "seeAlso, translations, language tags through the context)")

# --- map with the fdp layout ---------------------------------------------------------------
import xml.etree.ElementTree as ET  # noqa: E402
svg = os.path.join(work, "map.svg")
proc = run(["map", SITE, "--by", "category", "--layout", "fdp", "--render", "svg", "-o", svg])
checks.equal(proc.returncode, 0, f"map --layout fdp renders: {proc.stderr[-500:]}")
checks.check(os.path.exists(svg) and ET.parse(svg).getroot().tag.endswith("svg")
             and "Zakon.kz" in open(svg, encoding="utf-8").read(), "an SVG with the sources")
proc = run(["map", SITE, "--layout", "neato", "--render", "svg", "-o", svg])
checks.equal(proc.returncode, 2, "--layout takes dot or fdp only")

shutil.rmtree(work)
checks.finish()
