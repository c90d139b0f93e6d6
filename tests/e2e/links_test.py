"""Links resolve the way Hugo resolves them: taxonomy terms without a content page, URL
aliases, a `ref` by unique base name, fragments and queries, links without a trailing
slash, external links; none of them is reported as broken."""

import os

from e2e_support import GG, Checks, copy_site, export, load_graph, temp_dir

checks = Checks("links")
site = copy_site("links")
with open(os.path.join(site, "content", "guides", "links.md"), "w", encoding="utf-8") as f:
    f.write("""---
title: "Links"
countries: ["Kazakhstan"]
contributor: ["Ryan Womack"]
description: "Every kind of link Hugo resolves."
---

## Everything

- [Tajikistan](/countries/tajikistan/) has a term page but no content file.
- [State media](/category/state-media) without a trailing slash.
- [Old address](/sources/sources/human-rights-kz/) is an alias of human_rights_kz.
- [Feminita]({{< ref "feminita" >}}) by unique base name.
- [KazFem](/sources/sources/kazfem/#about) with a fragment, [Ak Orda](/sources/sources/ak_orda/?x=1) with a query.
- [Elsewhere](https://www.example.com/page) is external.
- [Home](/) is the home page.
""")
out = os.path.join(temp_dir("links"), "links.ttl")
proc = export(site, out)
checks.equal(proc.stderr, "", "no diagnostics")
g = load_graph(out)
L = "https://guides.example.org/guides/links/"
q = f"PREFIX gg: <{GG}> PREFIX dcterms: <http://purl.org/dc/terms/> "
recommended = {str(r[0]).split("/")[-2] for r in g.query(q + f"SELECT ?s WHERE {{ <{L}> gg:recommends ?s }}")}
checks.equal(recommended, {"human_rights_kz", "feminita", "kazfem", "ak_orda"}, "sources recommended")
subjects = {str(r[0]) for r in g.query(q + f"SELECT ?c WHERE {{ <{L}#everything> dcterms:subject ?c }}")}
checks.equal(subjects, {"https://guides.example.org/category/state-media/#id"}, "category discussed")
refs = {str(r[0]) for r in g.query(q + f"SELECT ?p WHERE {{ <{L}> dcterms:references ?p }}")}
for expected in ("https://guides.example.org/countries/tajikistan/", "https://www.example.com/page",
                 "https://guides.example.org/"):
    checks.check(expected in refs, f"{expected} is referenced ({sorted(refs)})")
checks.finish()
