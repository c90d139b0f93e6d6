"""Maps of examples/site: dot renders each without warnings, clusters follow the category
scheme, nothing overlaps, and a hostile source title stays a plain label.

Uses GraphViz's own reading of the DOT (`dot -Tjson`, after layout) rather than our text.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile

import rdflib

from e2e_support import PROGRAM, SITE as SOURCE, Checks  # noqa: E402

checks = Checks("maps")
check = checks.check

SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
GG = rdflib.Namespace("https://w3id.org/guidegraph/vocab#")
EVIL = '"]; evil [label="x'


def run_dot(dot_file, fmt):
    proc = subprocess.run(["dot", "-T" + fmt, dot_file], capture_output=True, text=True)
    check(proc.returncode == 0, f"dot -T{fmt} {dot_file} exited {proc.returncode}: {proc.stderr}")
    check(proc.stderr == "", f"dot -T{fmt} {dot_file} warned: {proc.stderr}")
    return proc.stdout


def write_map(site, by, path, *extra):
    proc = subprocess.run([PROGRAM, "map", site, "-q", "--by", by, "-o", path, *extra], capture_output=True, text=True)
    check(proc.returncode == 0, f"guidegraph map --by {by} {' '.join(extra)} exited {proc.returncode}: {proc.stderr}")


def boxes_overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def node_box(o):
    x, y = map(float, o["pos"].split(","))
    w, h = float(o["width"]) * 72 / 2, float(o["height"]) * 72 / 2
    return (x - w, y - h, x + w, y + h)


with tempfile.TemporaryDirectory() as tmp:
    for by in ("category", "country", "guide"):
        dot_file = os.path.join(tmp, f"{by}.dot")
        write_map(SOURCE, by, dot_file)
        svg = run_dot(dot_file, "svg")
        check(svg.lstrip().startswith("<?xml") and "</svg>" in svg, f"--by {by}: dot wrote no SVG")
        layout = json.loads(run_dot(dot_file, "json"))
        nodes = [o for o in layout["objects"] if "pos" in o]
        boxes = [node_box(o) for o in nodes]
        overlaps = [(nodes[i]["label"], nodes[j]["label"]) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
                    if boxes_overlap(boxes[i], boxes[j])]
        check(not overlaps, f"--by {by}: overlapping nodes {overlaps[:3]}")
        labels = [o["label"] for o in nodes]
        check(all(len(label) <= 41 for label in labels), f"--by {by}: a label is not shortened: {max(labels, key=len)}")
        print(f"--by {by}: {len(nodes)} nodes, {len(layout.get('edges', []))} edges, "
              f"{sum(1 for o in layout['objects'] if o['name'].startswith('cluster'))} clusters, no warnings")
        # The tool's own rendering gives the same picture as dot run by hand.
        rendered = os.path.join(tmp, f"{by}.svg")
        write_map(SOURCE, by, rendered, "--render", "svg")
        with open(rendered, encoding="utf-8") as f:
            check(f.read() == svg, f"--by {by} --render svg differs from dot -Tsvg of the DOT")

    # One cluster per category that holds sources, nested as skos:broader says.
    nq = os.path.join(tmp, "site.nq")
    subprocess.run([PROGRAM, "export", SOURCE, "-q", "-f", "nt", "-o", nq], check=True)
    g = rdflib.Graph()
    g.parse(nq, format="nt")
    label = {c: str(g.value(c, SKOS.prefLabel)) for c in g.subjects(rdflib.RDF.type, SKOS.Concept)
             if (None, GG.category, c) in g}
    used = set(label)
    for c in list(used):
        for b in g.transitive_objects(c, SKOS.broader):
            used.add(b)
    layout = json.loads(run_dot(os.path.join(tmp, "category.dot"), "json"))
    objects = layout["objects"]
    clusters = [o for o in objects if o["name"].startswith("cluster") and o["name"] != "cluster_legend"]
    names = sorted(o["label"] for o in clusters)
    expected = sorted(str(g.value(c, SKOS.prefLabel)) for c in used)
    check(names == expected, f"clusters {names} != categories with sources {expected}")
    by_label = {o["label"]: o for o in clusters}
    for c in used:
        parent = g.value(c, SKOS.broader)
        if parent is None:
            continue
        p = by_label.get(str(g.value(parent, SKOS.prefLabel)))
        child = by_label.get(str(g.value(c, SKOS.prefLabel)))
        check(p is not None and child is not None and child["_gvid"] in p.get("subgraphs", []),
              f"cluster '{g.value(c, SKOS.prefLabel)}' is not nested in its broader category's cluster")
    legend = [o for o in objects if o["name"] == "cluster_legend"]
    check(len(legend) == 1 and len(legend[0]["nodes"]) == len(label) + 1,
          "the legend should list the guide style and every category that holds sources")

    # A hostile title, a backslash escape and a DOT keyword stay plain labels.
    site = os.path.join(tmp, "site")
    shutil.copytree(SOURCE, site, ignore=shutil.ignore_patterns("public", "resources", "static"))
    hostile = {"kloop.md": EVIL, "labrys.md": r"Back\slash \N \G end\\", "24_kg.md": "subgraph"}
    for name, title in hostile.items():
        path = os.path.join(site, "content", "sources", "sources", name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        # YAML and TOML both read '...' as a literal string (the titles hold no "'").
        text, n = re.subn(r"^title(\s*[:=]\s*).*$", lambda m: "title" + m.group(1) + "'" + title + "'", text,
                          count=1, flags=re.M)
        check(n == 1, f"no title line in {name}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    for by in ("category", "country", "guide"):
        dot_file = os.path.join(tmp, f"hostile-{by}.dot")
        write_map(site, by, dot_file)
        objects = json.loads(run_dot(dot_file, "json"))["objects"]
        node_labels = [o.get("label") for o in objects if "pos" in o]
        check(EVIL in node_labels, f"--by {by}: no node labelled exactly {EVIL!r}")
        check(not any(o["name"] == "evil" or o.get("label") == "x" for o in objects),
              f"--by {by}: the title broke out of its label")
        check("subgraph" in node_labels, f"--by {by}: a source titled 'subgraph' lost its label")
        svg = run_dot(dot_file, "svg")
        check(r"Back\slash \N \G end\\" in svg, f"--by {by}: backslashes in a title were interpreted by dot")
        check("&quot;]; evil [label=&quot;x" in svg, f"--by {by}: the hostile title is not shown as text in the SVG")

checks.finish()
print("every map renders cleanly")
