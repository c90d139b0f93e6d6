"""A property test of every writer: sites whose front matter and body text are arbitrary
Unicode (quotes, backslashes, triple quotes, ]]>, </script>, braces, newlines, controls,
U+FFFE/U+FFFF and other non-characters, right-to-left and combining marks, emoji) go
through every output format, and independent parsers read each output: serdi and rdflib
(Turtle, N-Triples, N-Quads, TriG), rdflib's JSON-LD reader, xmllint (MARCXML, oai_dc,
OAI-PMH, OAI static, the SVG map), yaz-marcdump (ISO 2709), Python's csv module, and dot
(the DOT map). No output may gain structure from text: each case has a twin site with the
same pages and plain text, and every count (triples, graphs, records, XML elements, CSV rows
and columns, DOT nodes and edges) of each output equals the twin's. Both sites also give
one source a website, a language and the guide a lastmod that the model rejects (a
javascript: or schemeless address, no BCP 47 tag, no date), all marked "ggrejected": no
output may hold the mark, and the export reports each rejected value once (the plain
twin exactly once; the hostile site at most once, as a page may be unreadable as a whole).

Usage: writer_property_test.py [--seed N] [--cases K] [--minutes M]
  CI runs a fixed seed and a few cases; fuzz/README.md gives the long run's command."""

import argparse
import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from e2e_support import PROGRAM, SITE, copy_site, temp_dir  # noqa: E402

import rdflib  # noqa: E402

POOL = (
    list("abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 .,;:!?-_/") +
    ['"', "'", "\\", '"""', "'''", "]]>", "<![CDATA[", "</script>", "<!--", "-->", "}", "{", ">",
     "<", "&", "&amp;", "\n", "\r\n", "\t", "#", "%", "%20", "@", "=", "+", "|", "`", "~", "^",
     "$", "*", "[", "]", "(", ")", "\u0000", "\u0001", "\u0007", "\u001b", "\u007f", "\u0085",
     "\u00a0", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\ufdd0", "\ufdef", "\U0001fffe",
     "\U0010ffff", "\u200b", "\u202e", "\u0301", "\u05d0", "\u0627", "Қазақ", "Ўзбек", "Монгол",
     "\U0001f600", "\U0001f1f0\U0001f1ff", "ß", "İ", "ﬃ", " ", "  ", "\\n", "\\u0041", "${x}",
     "{{< ref \"x\" >}}", "*", "**", "_", "[x](y)", ":", ": ", "- ", "? ", "!!str", "&a", "*a"])


def text(rng, n_max=24):
    return "".join(rng.choice(POOL) for _ in range(rng.randint(0, n_max)))


def front_matter(fmt, fields):
    if fmt == "yaml":
        lines = ["---"]
        for k, v in fields.items():
            lines.append(f"{k}: {json.dumps(v, ensure_ascii=False)}")
        return "\n".join(lines + ["---", ""])
    if fmt == "toml":
        lines = ["+++"]
        for k, v in fields.items():
            lines.append(f"{k} = {toml_value(v)}")
        return "\n".join(lines + ["+++", ""])
    return json.dumps(fields, ensure_ascii=False, indent=2) + "\n"


def toml_value(v):
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    out = []
    for ch in v:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\u{o:04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def body_text(value):
    """Arbitrary text as Markdown body text: kept whole, only made to stay one paragraph line."""
    return value.replace("\r", " ").replace("\n", " ")


REJECTED = "ggrejected"
REJECTED_WEBSITES = ["javascript:alert('ggrejected')", "data:text/html,ggrejected", "ggrejected.example.org",
                     "https://ggrejected example.org/", "vbscript:ggrejected"]
REJECTED_LANGUAGES = ["ggrejected", "en_ggrejected", "Elvish ggrejected", "ru-ggrejected-"]
REJECTED_DATES = ["ggrejected", "2023-02-30-ggrejected", "02/11/2023 ggrejected"]
# One diagnostic each: the rejected website, language and lastmod.
REJECTED_CODES = ["bad-date", "bad-language", "bad-website"]


def write_case(rng, site, hostile):
    """Three sources and a guide with generated text (plain text in the twin); in both, one
    source has a rejected website and language and the guide a rejected lastmod."""
    # Both sites draw the same random numbers; the twin writes plain text instead.
    t = (lambda: text(rng)) if hostile else (lambda: (text(rng), "plain text")[1])
    sources = os.path.join(site, "content", "sources", "sources")
    rejected = rng.randrange(3)
    bad_website, bad_language = rng.choice(REJECTED_WEBSITES), rng.choice(REJECTED_LANGUAGES)
    for i in range(3):
        fmt = rng.choice(["yaml", "toml", "json"])
        fields = {
            "title": t(), "website": f"https://case{i}.example.org/", "description": t(),
            "alternateName": [t()], "countries": ["Kazakhstan"], "categories": ["local-ngo"],
            "languages": ["ru"], "tags": ["news"],
        }
        if i == rejected:
            fields["website"] = bad_website
            fields["languages"] = ["ru", bad_language]
        with open(os.path.join(sources, f"case_{i}.md"), "w", encoding="utf-8", newline="") as f:
            f.write(front_matter(fmt, fields) + "\n" + body_text(t()) + "\n")
    fields = {"title": t(), "description": t(), "countries": ["Kazakhstan"], "contributor": "Ryan Womack",
              "date": "2024-01-02", "lastmod": rng.choice(REJECTED_DATES)}
    links = "\n".join(f"- [{body_text(t()) or 'x'}](/sources/sources/case_{i}/) ({body_text(t()) or 'n'})"
                      for i in range(3))
    body = f"## {body_text(t()) or 'Section'}\n\n{body_text(t())}\n\n{links}\n"
    with open(os.path.join(site, "content", "guides", "property.md"), "w", encoding="utf-8", newline="") as f:
        f.write(front_matter(rng.choice(["yaml", "toml", "json"]), fields) + "\n" + body)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, **kw)


GG = "https://w3id.org/guidegraph/vocab#"


def outputs(site, work):
    """Every output of `site`, each read by its independent parser (an AssertionError names
    the output that did not parse); returns what each holds, as counts and element names."""
    out = {}
    os.makedirs(work, exist_ok=True)
    proc = run([PROGRAM, "export", site, "-f", "ttl,nt,nq,trig,jsonld", "-o", work, "--quiet", "--no-validate"])
    assert proc.returncode in (0, 1), f"export exited {proc.returncode}: {proc.stderr.decode()[-2000:]}"
    codes = re.findall(r"^\S+:\d+:\d+: warning: .* \[(bad-[a-z]+)\]$", proc.stderr.decode("utf-8", "replace"),
                       re.MULTILINE)
    out["rejected-value diagnostics"] = sorted(codes)
    name = os.path.basename(site)
    triples, graphs = {}, {}
    for ext, syntax in (("ttl", "turtle"), ("nt", "ntriples"), ("nq", "nquads"), ("trig", "trig")):
        path = os.path.join(work, f"{name}.{ext}")
        s = run(["serdi", "-i", syntax, "-o", "nquads", path])
        assert s.returncode == 0, f"serdi rejects {ext}: {s.stderr.decode()[-1000:]}"
        triples[f"{ext} (serdi)"] = len([l for l in s.stdout.splitlines() if l.strip()])
        g = rdflib.ConjunctiveGraph()
        g.parse(path, format={"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig"}[ext])
        triples[f"{ext} (rdflib)"] = len(g)
        if ext in ("nq", "trig"):
            graphs[ext] = len(list(g.contexts()))
        if ext == "nq":
            model = g
    jg = rdflib.ConjunctiveGraph()
    jg.parse(os.path.join(work, f"{name}.jsonld"), format="json-ld")
    triples["jsonld (rdflib)"] = len(jg)
    graphs["jsonld"] = len(list(jg.contexts()))
    out["triples"] = triples
    out["graphs"] = graphs
    out["sources"] = len(set(model.subjects(rdflib.RDF.type, rdflib.URIRef(GG + "Source"))))
    out["guides and sources"] = out["sources"] + len(set(model.subjects(rdflib.RDF.type, rdflib.URIRef(GG + "Guide"))))
    out["recommends"] = len(list(model.triples((None, rdflib.URIRef(GG + "recommends"), None))))

    records, tags = {}, {}
    for fmt in ("marcxml", "oai_dc", "oai-pmh", "oai-static", "mrc", "csv"):
        path = os.path.join(work, f"catalog.{fmt}")
        proc = run([PROGRAM, "catalog", site, "-f", fmt, "-o", path, "-q"])
        assert proc.returncode in (0, 1), f"catalog -f {fmt} exited {proc.returncode}: {proc.stderr.decode()[-1000:]}"
        if fmt == "mrc":
            y = run(["yaz-marcdump", "-i", "marc", "-o", "marcxml", path])
            assert y.returncode == 0, f"yaz-marcdump rejects mrc: {y.stderr.decode()}"
            records[fmt] = sum(1 for e in ET.fromstring(y.stdout).iter() if e.tag.endswith("}record"))
        elif fmt == "csv":
            with open(path, encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
            records[fmt] = len(rows) - 1
            out["csv columns"] = sorted({len(r) for r in rows})
        else:
            lint = run(["xmllint", "--nonet", "--noout", path])
            assert lint.returncode == 0, f"xmllint rejects {fmt}: {lint.stderr.decode()[-1000:]}"
            elements = list(ET.parse(path).iter())
            tags[fmt] = {e.tag for e in elements}
            kind = "}dc" if fmt == "oai_dc" else "}record"
            records[fmt] = sum(1 for e in elements if e.tag.endswith(kind))
    out["records"] = records
    dot = os.path.join(work, "map.dot")
    proc = run([PROGRAM, "map", site, "-o", dot, "-q"])
    assert proc.returncode in (0, 1), f"map exited {proc.returncode}"
    plain_out = run(["dot", "-Tplain", dot])
    assert plain_out.returncode == 0, f"dot rejects the map: {plain_out.stderr.decode()[-1000:]}"
    lines = plain_out.stdout.decode("utf-8", "replace").splitlines()
    out["dot nodes beyond guides and sources"] = sum(1 for l in lines if l.startswith("node ")) - out["guides and sources"]
    out["dot edges beyond recommendations"] = sum(1 for l in lines if l.startswith("edge ")) - out["recommends"]
    svg = os.path.join(work, "map.svg")
    proc = run([PROGRAM, "map", site, "-o", svg, "--render", "svg", "-q"])
    assert proc.returncode in (0, 1), f"map --render svg exited {proc.returncode}: {proc.stderr.decode()[-1000:]}"
    lint = run(["xmllint", "--nonet", "--noout", svg])
    assert lint.returncode == 0, f"xmllint rejects the SVG map: {lint.stderr.decode()[-1000:]}"
    tags["svg"] = {e.tag for e in ET.parse(svg).iter()}
    out["tags"] = tags
    holding = []
    for root, _, names in os.walk(work):
        for n in names:
            with open(os.path.join(root, n), "rb") as f:
                if REJECTED.encode() in f.read().lower():
                    holding.append(n)
    out["outputs holding a rejected value"] = sorted(holding)
    return out


def problems(got, twin):
    """What the hostile site's outputs hold that its model does not (the twin, with plain
    text, shows what structure the pages themselves give)."""
    found = []
    for o in (got, twin):
        if o["outputs holding a rejected value"]:
            found.append(f"outputs hold a rejected value: {o['outputs holding a rejected value']}")
    # The twin's pages are always read: one diagnostic each. A hostile page may be left out
    # whole (a NUL byte makes it a binary file): then its values get none, never two.
    if twin["rejected-value diagnostics"] != REJECTED_CODES:
        found.append(f"diagnostics of the rejected values in the plain site: "
                     f"{twin['rejected-value diagnostics']}, want one each of {REJECTED_CODES}")
    codes = got["rejected-value diagnostics"]
    if len(set(codes)) != len(codes) or not set(codes) <= set(REJECTED_CODES):
        found.append(f"diagnostics of the rejected values: {codes}, want at most one each of {REJECTED_CODES}")
    if len(set(got["triples"].values())) != 1:
        found.append(f"the RDF outputs disagree on the triples: {got['triples']}")
    if len(set(got["graphs"].values())) != 1:
        found.append(f"the RDF outputs disagree on the graphs: {got['graphs']}")
    for fmt, n in got["records"].items():
        if n != got["sources"]:
            found.append(f"{fmt} has {n} records for {got['sources']} sources")
    if got["csv columns"] != [6]:
        found.append(f"CSV rows with other than 6 columns: {got['csv columns']}")
    for key in ("dot nodes beyond guides and sources", "dot edges beyond recommendations"):
        if got[key] != twin[key]:
            found.append(f"{key}: {got[key]}, the plain site {twin[key]}")
    for fmt, tags in got["tags"].items():
        if not tags <= twin["tags"][fmt]:
            found.append(f"{fmt} gained elements {sorted(tags - twin['tags'][fmt])}")
    return found


def one_case(seed, work):
    hostile = copy_site(f"prop-{seed}")
    write_case(random.Random(seed), hostile, True)
    twin = copy_site(f"twin-{seed}")
    write_case(random.Random(seed), twin, False)
    try:
        got = outputs(hostile, os.path.join(work, f"{seed}-hostile"))
        found = problems(got, outputs(twin, os.path.join(work, f"{seed}-twin")))
    except AssertionError as e:
        found = [str(e)]
    if found:
        return f"seed {seed}: " + "; ".join(found) + f" (site kept at {hostile})"
    for site in (hostile, twin):
        shutil.rmtree(os.path.dirname(site), ignore_errors=True)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cases", type=int, default=3)
    parser.add_argument("--minutes", type=float, default=0)
    args = parser.parse_args()
    work = temp_dir("writer-property")
    failures, cases = [], 0
    deadline = time.monotonic() + args.minutes * 60
    seed = args.seed
    while cases < args.cases or time.monotonic() < deadline:
        problem = one_case(seed, work)
        cases += 1
        if problem:
            failures.append(problem)
            print(f"FAIL: {problem}", flush=True)
        seed += 1
    shutil.rmtree(work, ignore_errors=True)
    print(f"writer_property: seeds {args.seed}..{seed - 1}")
    print(f"writer_property: {cases - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
