"""schema.org as it is: every schema: class and property that guidegraph writes (the exports
of examples/site and of the CAMGDP site, vocabulary included) exists in schema.org's own
vocabulary (../shared/vocab/schemaorg-current-https.ttl, release 30.0), and every schema:
property is used within its schema:domainIncludes and schema:rangeIncludes (subclasses
included, through schema.org's and the gg: vocabulary's rdfs:subClassOf)."""

import os

from e2e_support import SHARED_DIR, SITE, SOURCE_DIR, Checks, export, load_graph, skip_unless_shared, temp_dir
from rdflib import RDF, RDFS, XSD, Literal, URIRef

SCHEMA = "https://schema.org/"
schema_file = skip_unless_shared("vocab/schemaorg-current-https.ttl", "schema.org's vocabulary, release 30.0")
checks = Checks("schemaorg")
vocab = load_graph(schema_file)
S = lambda name: URIRef(SCHEMA + name)  # noqa: E731
schema_classes = set(vocab.subjects(RDF.type, RDFS.Class))
schema_properties = set(vocab.subjects(RDF.type, RDF.Property))
checks.check(len(schema_classes) > 500 and len(schema_properties) > 1000,
             f"schema.org's vocabulary is read ({len(schema_classes)} classes, {len(schema_properties)} properties)")

# Literal datatypes and the schema.org data types that accept them.
DATATYPES = {
    XSD.string: {"Text"}, RDF.langString: {"Text"}, XSD.date: {"Date"},
    XSD.dateTime: {"DateTime"}, XSD.integer: {"Integer", "Number"}, XSD.decimal: {"Number"},
    XSD.boolean: {"Boolean"}, XSD.anyURI: {"URL"}, XSD.gYear: {"Date", "Text"},
}


def check_export(name, site, *options):
    work = temp_dir("schemaorg")
    out = os.path.join(work, "site.ttl")
    export(site, out, "--force", *options, check=None)
    data = load_graph(out)
    graph = data + vocab  # subclass relations of both vocabularies

    def superclasses(cls):
        seen, todo = set(), [cls]
        while todo:
            c = todo.pop()
            if c in seen:
                continue
            seen.add(c)
            todo.extend(graph.objects(c, RDFS.subClassOf))
        return seen

    def types_of(node):
        if isinstance(node, Literal):
            datatype = node.datatype or (RDF.langString if node.language else XSD.string)
            return {S(t) for t in DATATYPES.get(datatype, set())}
        found = set()
        for t in data.objects(node, RDF.type):
            found |= superclasses(t)
        return found | {S("URL")}  # an IRI is also a URL

    used_classes = {o for o in data.objects(None, RDF.type) if str(o).startswith(SCHEMA)}
    used_classes |= {o for o in data.objects(None, RDFS.subClassOf) if str(o).startswith(SCHEMA)}
    checks.check(used_classes, f"{name}: the export uses schema.org classes")
    checks.equal(sorted(str(c) for c in used_classes - schema_classes), [], f"{name}: schema: classes that schema.org does not define")
    used = {(s, p, o) for s, p, o in data if str(p).startswith(SCHEMA)}
    predicates = {p for _, p, _ in used}
    checks.equal(sorted(str(p) for p in predicates - schema_properties), [], f"{name}: schema: properties that schema.org does not define")
    bad = set()
    for s, p, o in sorted(used):
        if p not in schema_properties:
            continue
        domains = set(vocab.objects(p, S("domainIncludes")))
        ranges = set(vocab.objects(p, S("rangeIncludes")))
        if domains and not (types_of(s) & domains):
            bad.add(f"{p} on {s} (types {sorted(str(t) for t in data.objects(s, RDF.type))}) outside its domain")
        if ranges and not (types_of(o) & ranges):
            bad.add(f"{p} with {o!r} outside its range {sorted(str(r) for r in ranges)}")
    checks.equal(sorted(bad)[:20], [], f"{name}: schema: properties used outside their domain or range")


check_export("examples/site", SITE)
camgdp = os.path.join(SHARED_DIR, "sites", "camgdp")
check_export("CAMGDP", camgdp)
check_export("CAMGDP with its conventions file", camgdp, "--conventions",
             os.path.join(SOURCE_DIR, "examples", "conventions", "camgdp.toml"))
checks.finish()
