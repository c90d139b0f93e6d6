"""The project's own vocabulary (vocab/guidegraph.ttl) read with rdflib: every gg: term has a
label and a comment, every gg: property a domain and a range; and every gg: term that the
export of examples/site uses is defined there, as a class or as a property."""

import os

from e2e_support import GG, SITE, SOURCE_DIR, Checks, export, load_graph, temp_dir
from rdflib import RDF, RDFS, URIRef

checks = Checks("vocabulary")
vocab = load_graph(os.path.join(SOURCE_DIR, "vocab", "guidegraph.ttl"))
terms = sorted({s for s in vocab.subjects() if str(s).startswith(GG)})
checks.check(len(terms) >= 25, f"the vocabulary defines its terms ({len(terms)})")
properties = {t for t in terms if (t, RDF.type, RDF.Property) in vocab}
classes = {t for t in terms if (t, RDF.type, RDFS.Class) in vocab}
checks.equal(sorted(set(terms) - properties - classes), [], "gg: terms that are neither class nor property")
for term in terms:
    name = str(term)[len(GG):]
    for what, predicate in (("label", RDFS.label), ("comment", RDFS.comment)):
        values = list(vocab.objects(term, predicate))
        checks.check(values and all(getattr(v, "language", None) == "en" for v in values),
                     f"gg:{name} has an English {what}")
    if term in properties:
        checks.check((term, RDFS.domain, None) in vocab, f"gg:{name} has a domain")
        checks.check((term, RDFS.range, None) in vocab, f"gg:{name} has a range")

work = temp_dir("vocabulary")
out = os.path.join(work, "site.ttl")
export(SITE, out)
data = load_graph(out)
used_predicates = {p for p in data.predicates() if str(p).startswith(GG)}
used_classes = {o for o in data.objects(None, RDF.type) if str(o).startswith(GG)}
checks.check(len(used_predicates) >= 10, f"the export uses gg: properties ({len(used_predicates)})")
checks.equal(sorted(str(p) for p in used_predicates - properties), [], "gg: properties used but not defined")
checks.equal(sorted(str(c) for c in used_classes - classes), [], "gg: classes used but not defined")
checks.finish()
