"""The real seed guide (../shared/seeds/kazakhstan-guide.md), put in place of examples/site's
Kazakhstan guide, gives exactly the recommendation triples of the project's own guide: the
example site keeps faith with the page it was written from."""

import os
import shutil

from e2e_support import GG, SITE, Checks, copy_site, export, load_graph, skip_unless_shared, temp_dir

seed = skip_unless_shared("seeds/kazakhstan-guide.md", "the real guide examples/site was written from")
checks = Checks("seed_guide")
work = temp_dir("seed-guide")
out = os.path.join(work, "site.ttl")
export(SITE, out)
g = load_graph(out)
KZ = "<https://guides.example.org/guides/kazakhstan/>"
PREFIXES = f"PREFIX gg: <{GG}> "

seeded = copy_site("seed")
shutil.copyfile(seed, os.path.join(seeded, "content", "guides", "kazakhstan", "index.md"))
seeded_out = os.path.join(work, "seeded.ttl")
export(seeded, seeded_out)
sg = load_graph(seeded_out)


def recommendations(graph):
    q = PREFIXES + f"""SELECT ?r ?p ?o WHERE {{
        {{ {KZ} gg:hasRecommendation ?r . ?r ?p ?o }}
        UNION {{ BIND({KZ} AS ?r) VALUES ?p {{ gg:recommends gg:hasRecommendation }} {KZ} ?p ?o }} }}"""
    return {tuple(str(x) for x in row) for row in graph.query(q)}


ours = recommendations(g)
theirs = recommendations(sg)
checks.check(len(ours) >= 12 * 6, f"recommendation triples of the project's guide ({len(ours)})")
checks.equal(sorted(theirs - ours), [], "recommendation triples only the seed guide has")
checks.equal(sorted(ours - theirs), [], "recommendation triples only the project's guide has")

checks.finish()
