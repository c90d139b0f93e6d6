"""The seed's own site typed by its conventions file: CAMGDP's category terms have no pages, so
examples/conventions/camgdp.toml maps each (INGO, Local NGO, Government, media of each kind,
Podcast, archive, ...) to a schema.org class. Exported with it, every source filed under a
category states its category's class (read here from the TOML file, terms compared as Hugo
urlizes them), no class name is unknown, and the only sources left as schema:Thing are those
with no category the site reads (an info each)."""

import os
import re
import tomllib

from e2e_support import SHARED_DIR, SOURCE_DIR, Checks, load_graph, run, skip_unless_shared, temp_dir
from rdflib import RDF, URIRef

SCHEMA = "https://schema.org/"
GG = "https://w3id.org/guidegraph/vocab#"
SKOS_LABEL = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
skip_unless_shared("sites/camgdp", "the CAMGDP site")
checks = Checks("camgdp_schema_types")
site = os.path.join(SHARED_DIR, "sites", "camgdp")
conventions = os.path.join(SOURCE_DIR, "examples", "conventions", "camgdp.toml")


def term(name):  # Hugo's urlize for these ASCII terms: lower case, spaces to hyphens
    return re.sub(r"\s+", "-", name.strip().lower())


with open(conventions, "rb") as f:
    mapping = {term(k): SCHEMA + v for k, v in tomllib.load(f)["schemaTypes"].items()}

out = os.path.join(temp_dir("camgdp-types"), "camgdp.ttl")
proc = run(["export", site, "-o", out, "--force", "--conventions", conventions])
# The site has errors of its own (escaped front matter, links to missing pages): exit 1.
checks.check(proc.returncode in (0, 1) and os.path.getsize(out) > 0, f"export with the conventions file: {proc.stderr[-500:]}")
checks.equal([l for l in proc.stderr.splitlines() if "[unknown-schema-type]" in l or "[bad-config-param]" in l], [],
             "every class of the conventions file is a schema.org class")
g = load_graph(out)
sources = set(g.subjects(RDF.type, URIRef(GG + "Source")))
checks.equal(len(sources), 170, "CAMGDP's 170 sources")
unmapped, wrong, untyped = set(), [], []
for s in sorted(sources):
    labels = {str(l) for c in g.objects(s, URIRef(GG + "category")) for l in g.objects(c, SKOS_LABEL)}
    want = {mapping[term(l)] for l in labels if term(l) in mapping}
    unmapped |= {l for l in labels if term(l) not in mapping}
    have = {str(t) for t in g.objects(s, RDF.type) if str(t).startswith(SCHEMA)}
    if not labels:
        untyped.append(str(s))
        want = {SCHEMA + "Thing"}
    if have != want:
        wrong.append((str(s), sorted(labels), sorted(have), sorted(want)))
checks.equal(sorted(unmapped), [], "the conventions file maps every category term of the site")
checks.equal(wrong[:10], [], "each source states the classes of its categories")
checks.check(0 < len(untyped) <= 5, f"only sources without a category the site reads stay schema:Thing: {untyped}")
proc = run(["validate", site, "--conventions", conventions])
infos = [l for l in proc.stdout.splitlines() + proc.stderr.splitlines() if l.endswith("[untyped-source]")]
checks.equal(len(infos), len(untyped), f"an info for each of them: {infos}")
podcasts = [s for s in sources if (s, RDF.type, URIRef(SCHEMA + "PodcastSeries")) in g]
checks.check(len(podcasts) >= 5, f"podcasts are schema:PodcastSeries ({len(podcasts)})")
checks.check(all(any(g.objects(s, URIRef(SCHEMA + "inLanguage"))) for s in podcasts),
             "a podcast (a creative work) states schema:inLanguage")
ngos = [s for s in sources if (s, RDF.type, URIRef(SCHEMA + "NGO")) in g]
checks.check(len(ngos) >= 60 and all(any(g.objects(s, URIRef(SCHEMA + "knowsLanguage"))) or
                                     not any(g.objects(s, URIRef("http://purl.org/dc/terms/language")))
                                     for s in ngos),
             f"NGOs ({len(ngos)}) state their languages with schema:knowsLanguage")
checks.finish()
