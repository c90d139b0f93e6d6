"""A source page with JSON front matter whose keys are not in alphabetical order: each
problem is reported at the line and column of its own value (not at the front matter's
first line), and the page's other values reach the export in full."""

import os

from e2e_support import Checks, copy_site, export, load_graph, temp_dir
from rdflib import Literal, URIRef

checks = Checks("json_front_matter")
site = copy_site("json-fm")
page = os.path.join(site, "content", "sources", "sources", "json_source.md")
with open(page, "w", encoding="utf-8") as f:
    f.write("""{
  "title": "JSON Source",
  "website": "javascript:alert(1)",
  "countries": ["Kazakhstan"],
  "languages": ["not a tag", "kk"],
  "description": "Described \\"in JSON\\"."
}

A source page written with JSON front matter.
""")
out = os.path.join(temp_dir("json-fm"), "site.ttl")
proc = export(site, out, "--no-validate", check=None)
lines = [line for line in proc.stderr.splitlines() if "json_source.md" in line]
website = [line for line in lines if line.endswith("[bad-website]")]
language = [line for line in lines if line.endswith("[bad-language]")]
checks.equal(len(website), 1, f"one bad-website diagnostic ({lines})")
checks.equal(len(language), 1, f"one bad-language diagnostic ({lines})")
if website:
    checks.check(website[0].startswith("content/sources/sources/json_source.md:3:"),
                 f"the bad website is reported on its own line 3: {website[0]}")
if language:
    checks.check(language[0].startswith("content/sources/sources/json_source.md:5:"),
                 f"the bad language is reported on its own line 5: {language[0]}")
g = load_graph(out)
entity = URIRef("https://guides.example.org/sources/sources/json_source/#id")
names = [str(o) for o in g.objects(entity, URIRef("https://schema.org/name"))]
checks.equal(names, ["JSON Source"], "the title reaches the export")
descriptions = [str(o) for o in g.objects(entity, URIRef("https://schema.org/description"))]
checks.equal(descriptions, ['Described "in JSON".'], "the description reaches the export")
languages = [str(o) for o in g.objects(entity, URIRef("http://purl.org/dc/terms/language"))]
checks.equal(languages, ["kk"], "the good language is kept, the bad one left out")
checks.finish()
