#!/usr/bin/env python3
"""Acceptance: in the Turtle export of examples/site, Kazakhstan carries its ISO 3166 codes
and schema:sameAs links to Wikidata Q232 and GeoNames 1522867.

Reads the export with rdflib (not with guidegraph's own reader) and finds the country by its
name, as a consumer of the data would.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

PROGRAM = os.environ.get("GUIDEGRAPH", "build/guidegraph")
SOURCE_DIR = Path(os.environ.get("GUIDEGRAPH_SOURCE_DIR", "."))
SCHEMA = rdflib.Namespace("https://schema.org/")
GG = rdflib.Namespace("https://w3id.org/guidegraph/vocab#")


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def main():
    site = SOURCE_DIR / "examples" / "site"
    with tempfile.TemporaryDirectory(prefix="gg-countries-") as tmp:
        out = Path(tmp) / "site.ttl"
        result = subprocess.run([PROGRAM, "export", str(site), "-o", str(out), "-q"], capture_output=True)
        if result.returncode != 0:
            fail(f"guidegraph export exited {result.returncode}: {result.stderr.decode()}")
        graph = rdflib.Graph()
        graph.parse(out, format="turtle")

    countries = [c for c in graph.subjects(SCHEMA.name, Literal("Kazakhstan", lang="en-us"))
                 if (c, RDF.type, SCHEMA.Country) in graph]
    if len(countries) != 1:
        fail(f"want one schema:Country named Kazakhstan, found {len(countries)}")
    kz = countries[0]

    expected_codes = {GG.iso3166Alpha2: "KZ", GG.iso3166Alpha3: "KAZ", GG.iso3166Numeric: "398",
                      GG.marcCountryCode: "kz"}
    for prop, value in expected_codes.items():
        values = [str(v) for v in graph.objects(kz, prop)]
        if values != [value]:
            fail(f"{kz} {prop}: want [{value!r}], found {values}")

    same = set(graph.objects(kz, SCHEMA.sameAs))
    for iri in ("http://www.wikidata.org/entity/Q232", "https://sws.geonames.org/1522867/",
                "http://id.loc.gov/vocabulary/countries/kz"):
        if URIRef(iri) not in same:
            fail(f"{kz} has no schema:sameAs <{iri}> (has {sorted(map(str, same))})")

    # Every country the site names is linked to Wikidata and GeoNames.
    for country in set(graph.subjects(RDF.type, SCHEMA.Country)):
        links = {str(o) for o in graph.objects(country, SCHEMA.sameAs)}
        if not any(l.startswith("http://www.wikidata.org/entity/Q") for l in links):
            fail(f"{country} has no Wikidata link")
        if not any(l.startswith("https://sws.geonames.org/") for l in links):
            fail(f"{country} has no GeoNames link")
    print("ok: Kazakhstan has KZ/KAZ/398 and sameAs Q232, GeoNames 1522867")


if __name__ == "__main__":
    main()
