#!/usr/bin/env python3
"""Checks guidegraph's catalog output with independent tools.

Usage: catalog_checks.py CHECK [SITE]

Every check runs the program (env GUIDEGRAPH) on SITE (default examples/site), reads the
output with a tool that does not share guidegraph's code (xmllint, yaz-marcdump, marclint,
Catmandu, Python's csv module, rdflib) and fails with a message on the first problem.
What the site should contain is read from its content files with PyYAML / tomllib.
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

PROGRAM = os.environ.get("GUIDEGRAPH", "build/guidegraph")
SOURCE_DIR = Path(os.environ.get("GUIDEGRAPH_SOURCE_DIR", "."))
SHARED_DIR = Path(os.environ.get("GUIDEGRAPH_SHARED_DIR", SOURCE_DIR / ".." / "shared"))
SCHEMAS = SHARED_DIR / "schemas"
FORMATS = ["marcxml", "mrc", "oai_dc", "oai-pmh", "oai-static", "csv"]


class CheckFailed(Exception):
    pass


class CheckSkipped(Exception):
    """The check needs material this clone does not have (../shared/schemas)."""


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, **kwargs)
    return result


def catalog(site, fmt, out_dir, *extra):
    out = Path(out_dir) / ("catalog." + fmt)
    result = run([PROGRAM, "catalog", str(site), "-f", fmt, "-o", str(out), "-q", *extra])
    expect(result.returncode == 0,
           f"guidegraph catalog -f {fmt} exited {result.returncode}: {result.stderr.decode()}")
    return out


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        return yaml.safe_load(text.split("---", 2)[1]) or {}
    if text.startswith("+++"):
        return tomllib.loads(text.split("+++", 2)[1])
    if text.startswith("{"):
        return json.JSONDecoder().raw_decode(text)[0]
    return {}


def expected_sources(site):
    """The sources that are built: every page below content/sources except list pages and drafts."""
    sources = []
    for path in sorted((Path(site) / "content" / "sources").rglob("*.md")):
        if path.name == "_index.md":
            continue
        fm = front_matter(path)
        if fm.get("draft") is True:
            continue
        sources.append({"file": str(path), "title": fm.get("title", ""), "website": fm.get("website", "")})
    expect(sources, f"no sources found in {site}")
    return sources


def xmllint(schema, document, catalog_file=None):
    if not Path(schema).exists():
        raise CheckSkipped(f"needs ../shared/schemas/{Path(schema).name}, the XML schema "
                           "the output is checked against")
    env = dict(os.environ)
    if catalog_file:
        env["XML_CATALOG_FILES"] = str(catalog_file)
    result = run(["xmllint", "--nonet", "--noout", "--schema", str(schema), str(document)], env=env)
    expect(result.returncode == 0,
           f"xmllint --schema {Path(schema).name} rejects {document}:\n{result.stderr.decode()}")


def yaz_records(path, input_format):
    result = run(["yaz-marcdump", "-i", input_format, "-o", "line", str(path)])
    expect(result.returncode == 0, f"yaz-marcdump -i {input_format} failed: {result.stderr.decode()}")
    text = result.stdout.decode("utf-8")
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


def check_marcxml_schema(site, tmp):
    out = catalog(site, "marcxml", tmp)
    xmllint(SCHEMAS / "MARC21slim.xsd", out)
    records = ET.parse(out).getroot().findall("{http://www.loc.gov/MARC21/slim}record")
    expect(len(records) == len(expected_sources(site)),
           f"MARCXML has {len(records)} records, the site {len(expected_sources(site))} sources")


def check_yaz(site, tmp):
    sources = expected_sources(site)
    xml = catalog(site, "marcxml", tmp)
    mrc = catalog(site, "mrc", tmp)
    xmllint(SCHEMAS / "MARC21slim.xsd", xml)  # yaz reads malformed MARCXML as 0 records
    from_mrc = yaz_records(mrc, "marc")
    from_xml = yaz_records(xml, "marcxml")
    expect(len(from_mrc) == len(sources), f"yaz finds {len(from_mrc)} records in the .mrc, want {len(sources)}")
    expect(len(from_xml) == len(sources), f"yaz finds {len(from_xml)} records in the MARCXML, want {len(sources)}")
    converted = Path(tmp) / "yaz.mrc"
    with open(converted, "wb") as f:
        result = subprocess.run(["yaz-marcdump", "-i", "marcxml", "-o", "marc", str(xml)], stdout=f)
    expect(result.returncode == 0, "yaz-marcdump -i marcxml -o marc failed")
    ours, theirs = mrc.read_bytes(), converted.read_bytes()
    if ours != theirs:
        at = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
        raise CheckFailed(f"yaz's ISO 2709 from the MARCXML differs from guidegraph's .mrc at byte {at}: "
                          f"{theirs[max(0, at - 20):at + 20]!r} vs {ours[max(0, at - 20):at + 20]!r}")
    # The ISO 2709 structure, read here byte by byte: lengths, directory, terminators.
    pos = 0
    count = 0
    while pos < len(ours):
        length = int(ours[pos:pos + 5])
        record = ours[pos:pos + length]
        expect(record.endswith(b"\x1d"), f"record {count} does not end with the record terminator")
        base = int(record[12:17])
        expect(record[base - 1:base] == b"\x1e", f"record {count}: no field terminator before base address {base}")
        directory = record[24:base - 1]
        expect(len(directory) % 12 == 0, f"record {count}: directory length {len(directory)} is not 12n")
        for i in range(0, len(directory), 12):
            tag, flen, start = directory[i:i + 3], int(directory[i + 3:i + 7]), int(directory[i + 7:i + 12])
            field = record[base + start:base + start + flen]
            expect(field.endswith(b"\x1e"), f"record {count} field {tag!r} does not end with a field terminator")
            field.decode("utf-8")  # raises on a field cut inside a character
        pos += length
        count += 1
    expect(count == len(sources), f"walked {count} ISO 2709 records, want {len(sources)}")


# MARC::Lint's article check ignores the record's language: "UN" (United Nations) is taken for
# the French/Spanish/Italian article "un". Only that warning, for a title whose first word is
# the capitalised abbreviation and whose language (008/35-37) has no article "un", is accepted.
ARTICLE_FALSE_POSITIVE = re.compile(r"^245: First word, un, may be an article, check 2nd indicator \(0\)\.$")


def check_marclint(site, tmp):
    mrc = catalog(site, "mrc", tmp)
    result = run(["marclint", "--nostats", "--quiet", str(mrc)])
    expect(result.returncode == 0, f"marclint failed to run: {result.stderr.decode()}")
    output = result.stdout.decode("utf-8", "replace")
    expect("Must pass" not in result.stderr.decode(), result.stderr.decode())
    languages = {}
    for block in yaz_records(mrc, "marc"):
        title = re.search(r"^245 .. \$a (.*?)(?: \$|$)", block, re.M).group(1)
        fixed = re.search(r"^008 (.*)$", block, re.M).group(1)
        languages[title] = fixed[35:38]
    problems = []
    for block in [b for b in re.split(r"\n\s*\n", output) if b.strip()]:
        lines = block.strip().splitlines()
        title, warnings = lines[0], lines[1:]
        for w in warnings:
            accepted = (ARTICLE_FALSE_POSITIVE.match(w) and title.startswith("UN ")
                        and languages.get(title) not in ("cat", "spa", "fre", "ita"))
            if not accepted:
                problems.append(f"{title}: {w}")
    expect(not problems, "marclint reports:\n" + "\n".join(problems))
    # marclint reads every record (a record it cannot decode would be reported above).
    stats = run(["marclint", "--quiet", str(mrc)]).stdout.decode()
    m = re.search(r"^\s*(\d+)\s+(\d+)\s+\S*catalog\.mrc\s*$", stats, re.M)
    expect(m is not None, f"no statistics line in marclint's output:\n{stats}")
    expect(int(m.group(1)) == len(expected_sources(site)), f"marclint read {m.group(1)} records")


def check_catmandu(site, tmp):
    sources = expected_sources(site)
    fix = "marc_map(245a,title); marc_map(856u,url); retain(_id,title,url)"
    for fmt, importer in (("mrc", "ISO"), ("marcxml", "XML")):
        out = catalog(site, fmt, tmp)
        result = run(["catmandu", "convert", "MARC", "--type", importer, "--fix", fix,
                      "to", "JSON", "--line_delimited", "1"], stdin=open(out, "rb"))
        expect(result.returncode == 0, f"catmandu failed on {fmt}: {result.stderr.decode()}")
        records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines() if line.strip()]
        expect(len(records) == len(sources), f"Catmandu reads {len(records)} {fmt} records, want {len(sources)}")
        found = {(r.get("title", ""), r.get("url", "")) for r in records}
        for s in sources:
            # ISBD: 245 ends with a full stop unless the title already ends with . ? or !
            title = s["title"] if s["title"][-1:] in ".?!" else s["title"] + "."
            expect((title, s["website"]) in found,
                   f"Catmandu ({fmt}) finds no record with title {title!r} and URL {s['website']!r} "
                   f"({s['file']})")


def check_oai(site, tmp):
    sources = expected_sources(site)
    pmh = catalog(site, "oai-pmh", tmp)
    xmllint(SCHEMAS / "oai-pmh-with-dc.xsd", pmh, SCHEMAS / "catalog.xml")
    ns = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/",
          "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/"}
    root = ET.parse(pmh).getroot()
    records = root.findall("oai:ListRecords/oai:record", ns)
    expect(len(records) == len(sources), f"OAI-PMH has {len(records)} records, want {len(sources)}")
    # responseDate: the newest date of any page, read from the content here.
    newest = ""
    for path in (Path(site) / "content").rglob("*.md"):
        fm = front_matter(path)
        if fm.get("draft") is True:
            continue
        for key in ("date", "lastmod"):
            if key in fm:
                newest = max(newest, str(fm[key])[:10])
    newest = newest or "1970-01-01"  # guidegraph's documented fallback for a site without dates
    expect(root.findtext("oai:responseDate", namespaces=ns) == newest + "T00:00:00Z",
           f"responseDate is {root.findtext('oai:responseDate', namespaces=ns)}, want {newest}T00:00:00Z")
    pairs = {(r.findtext(".//dc:title", namespaces=ns), r.findtext(".//dc:identifier", namespaces=ns) or "")
             for r in records}
    for s in sources:
        expect((s["title"], s["website"]) in pairs, f"no OAI record for {s['title']!r} {s['website']!r}")
    ids = [r.findtext("oai:header/oai:identifier", namespaces=ns) for r in records]
    expect(len(set(ids)) == len(ids), "OAI identifiers are not unique")
    for i in ids:
        expect(re.fullmatch(r"oai:[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+:[a-zA-Z0-9\-_\.!~\*'\(\);/\?:@&=\+$,%]+", i),
               f"{i} does not follow the oai-identifier syntax")
    # --response-date wins.
    other = Path(tmp) / "given"
    other.mkdir()
    given = catalog(site, "oai-pmh", other, "--response-date", "2030-01-02T03:04:05Z")
    expect("<responseDate>2030-01-02T03:04:05Z</responseDate>" in given.read_text(), "--response-date ignored")

    # oai_dc: every record validates against oai_dc.xsd on its own.
    dc = catalog(site, "oai_dc", tmp)
    dc_records = ET.parse(dc).getroot().findall("oai_dc:dc", ns)
    expect(len(dc_records) == len(sources), f"oai_dc has {len(dc_records)} records, want {len(sources)}")
    for n, rec in enumerate(dc_records):
        single = Path(tmp) / f"dc-{n}.xml"
        rec.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation",
                "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
        ET.ElementTree(rec).write(single, encoding="utf-8", xml_declaration=True)
        xmllint(SCHEMAS / "oai_dc.xsd", single, SCHEMAS / "catalog.xml")

    # OAI Static Repository: Identify, one metadata format, the same records; each record
    # (an OAI-PMH record element) validates inside a ListRecords response.
    static = catalog(site, "oai-static", tmp)
    sroot = ET.parse(static).getroot()
    sns = {"s": "http://www.openarchives.org/OAI/2.0/static-repository", **ns}
    expect(sroot.tag == "{http://www.openarchives.org/OAI/2.0/static-repository}Repository", "not a Repository")
    for element in ("repositoryName", "baseURL", "protocolVersion", "adminEmail", "earliestDatestamp",
                    "deletedRecord", "granularity"):
        expect(sroot.find(f"s:Identify/oai:{element}", sns) is not None, f"Identify lacks oai:{element}")
    expect(sroot.findtext("s:Identify/oai:protocolVersion", namespaces=sns) == "2.0", "protocolVersion")
    prefixes = [e.text for e in sroot.findall("s:ListMetadataFormats/oai:metadataFormat/oai:metadataPrefix", sns)]
    expect(prefixes == ["oai_dc"], f"metadata formats {prefixes}")
    lists = sroot.findall("s:ListRecords", sns)
    expect(len(lists) == 1 and lists[0].get("metadataPrefix") == "oai_dc", "one ListRecords for oai_dc")
    static_records = lists[0].findall("oai:record", sns)
    expect(len(static_records) == len(sources), f"static repository has {len(static_records)} records")
    wrapper = ET.Element("{http://www.openarchives.org/OAI/2.0/}OAI-PMH")
    ET.SubElement(wrapper, "{http://www.openarchives.org/OAI/2.0/}responseDate").text = newest + "T00:00:00Z"
    request = ET.SubElement(wrapper, "{http://www.openarchives.org/OAI/2.0/}request",
                            {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    request.text = sroot.findtext("s:Identify/oai:baseURL", namespaces=sns)
    listing = ET.SubElement(wrapper, "{http://www.openarchives.org/OAI/2.0/}ListRecords")
    listing.extend(static_records)
    wrapped = Path(tmp) / "static-as-pmh.xml"
    ET.ElementTree(wrapper).write(wrapped, encoding="utf-8", xml_declaration=True)
    xmllint(SCHEMAS / "oai-pmh-with-dc.xsd", wrapped, SCHEMAS / "catalog.xml")
    # With a gateway, oai:baseURL is the gateway URL followed by the file's URL without scheme.
    gated_dir = Path(tmp) / "gated"
    gated_dir.mkdir()
    gated = catalog(site, "oai-static", gated_dir, "--gateway", "http://gateway.example.org/oai",
                    "--static-url", "https://static.example.org/lib/oai.xml")
    base = ET.parse(gated).getroot().findtext("s:Identify/oai:baseURL", namespaces=sns)
    expect(base == "http://gateway.example.org/oai/static.example.org/lib/oai.xml", f"gateway baseURL {base}")


def check_csv(site, tmp):
    sources = expected_sources(site)
    out = catalog(site, "csv", tmp)
    data = out.read_bytes()
    expect(data.endswith(b"\r\n"), "CSV does not end with CRLF")
    expect(b"\n" not in data.replace(b"\r\n", b""), "CSV has a line end other than CRLF")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    expect(rows[0] == ["name", "url", "description", "categories", "countries", "languages"], f"header {rows[0]}")
    body = rows[1:]
    expect(len(body) == len(sources), f"CSV has {len(body)} rows, want {len(sources)}")
    expect(all(len(r) == 6 for r in body), "a CSV row does not have 6 fields")
    by_name = {r[0]: r for r in body}
    for s in sources:
        expect(s["title"] in by_name and by_name[s["title"]][1] == s["website"],
               f"no CSV row for {s['title']!r} with URL {s['website']!r}")
        fm = front_matter(Path(s["file"]))
        expect(by_name[s["title"]][2] == " ".join(str(fm.get("description", "")).split()),
               f"description of {s['title']!r} differs")
    # Quoting: a description with a comma must round-trip through the csv module.
    expect(any("," in r[2] for r in body), "no description with a comma: quoting not exercised")
    expect(b'"' in data, "no quoted field")


def check_deterministic(site, tmp):
    for fmt in FORMATS:
        first = Path(tmp) / "a"
        second = Path(tmp) / "b"
        first.mkdir(exist_ok=True)
        second.mkdir(exist_ok=True)
        a = catalog(site, fmt, first).read_bytes()
        b = catalog(site, fmt, second, "--threads", "1").read_bytes()
        expect(a == b, f"two runs of -f {fmt} differ")
        expect(len(a) > 100, f"-f {fmt} wrote almost nothing")


def check_org_code(site, tmp):
    # --org-code wins; hugo.toml's params.guidegraph.marcOrgCode is the default.
    out = catalog(site, "marcxml", tmp, "--org-code", "XxTst")
    text = out.read_text()
    expect('<controlfield tag="003">XxTst</controlfield>' in text, "--org-code not in 003")
    expect('<subfield code="a">XxTst</subfield>' in text, "--org-code not in 040 $a")
    copy = Path(tmp) / "site"
    subprocess.run(["cp", "-r", str(site), str(copy)], check=True)
    config = copy / "hugo.toml"
    config.write_text(config.read_text() + '\n[params.guidegraph]\nmarcOrgCode = "XxCfg"\n')
    out = catalog(copy, "marcxml", tmp)
    expect('<controlfield tag="003">XxCfg</controlfield>' in out.read_text(),
           "params.guidegraph.marcOrgCode not used for 003")
    bad = run([PROGRAM, "catalog", str(site), "-f", "marcxml", "--org-code", "no spaces", "-q",
               "-o", str(Path(tmp) / "bad.xml")])
    expect(bad.returncode == 1 and b"bad-org-code" in bad.stderr, "a malformed org code is not reported")
    usage = run([PROGRAM, "catalog", str(site), "-f", "pdf"])
    expect(usage.returncode == 2 and b"--format needs one of" in usage.stderr, "bad --format not a usage error")


def check_diagnostics(site, tmp):
    """The edge-case site: each problem is reported once, as file:line:col with its code."""
    result = run([PROGRAM, "catalog", str(site), "-f", "mrc", "-o", str(Path(tmp) / "x.mrc")])
    expect(result.returncode == 0, f"warnings only, yet exit code {result.returncode}")
    err = result.stderr.decode("utf-8")
    wanted = [
        r"^content/sources/sources/\S+\.md:1:1: warning: no page of the site has a `date`.*\[catalog-no-date\]$",
        r"^content/sources/sources/bilim\.md:1:1: warning: source 'Білім' has no `website`.*\[catalog-no-website\]$",
        r"^content/sources/sources/the_steppe_review\.md:5:\d+: warning: language 'xx' has no MARC language code.*"
        r"\[catalog-unknown-language\]$",
    ]
    for pattern in wanted:
        expect(len(re.findall(pattern, err, re.M)) == 1, f"want one line matching {pattern!r} in:\n{err}")
    expect("1970-01-01" in err, "the fallback date is not named")


def check_write_errors(site, tmp):
    """An output that cannot be written is exit code 2 with a message; a good run replaces the file."""
    existing = Path(tmp) / "keep.mrc"
    existing.write_bytes(b"old")
    missing_dir = run([PROGRAM, "catalog", str(site), "-f", "mrc", "-q", "-o", str(Path(tmp) / "no" / "x.mrc")])
    expect(missing_dir.returncode == 2, f"writing into a missing folder: exit {missing_dir.returncode}")
    with open("/dev/full", "wb") as full:
        result = subprocess.run([PROGRAM, "catalog", str(site), "-f", "marcxml", "-q"], stdout=full,
                                stderr=subprocess.PIPE)
    expect(result.returncode == 2, f"writing to /dev/full: exit {result.returncode}")
    expect(b"error" in result.stderr, "no message for a failed write")
    ok = run([PROGRAM, "catalog", str(site), "-f", "mrc", "-q", "-o", str(existing)])
    expect(ok.returncode == 0 and existing.read_bytes() != b"old", "a good run did not replace the file")


# --- hostile text: characters XML cannot carry, cells a spreadsheet would run --------------
HOSTILE = {
    "evil.md": """+++
title = "@Evil\uFFFF Source\uFFFE"
website = "https://evil.example/"
description = '=HYPERLINK("https://evil.example/","click")'
countries = ["Kazakhstan"]
categories = ["government"]
languages = ["ru"]
+++
""",
    "minus.md": """+++
title = "-Minus"
website = "https://minus.example/"
description = "\t+tabbed"
countries = ["Kazakhstan"]
categories = ["government"]
languages = ["kk"]
+++
""",
}
NONCHARACTERS = ("\uffff", "\ufffe")


def hostile_site(site, tmp):
    """A copy of `site` with two sources whose text tries to break XML and spreadsheets."""
    dest = Path(tmp) / "hostile-site"
    shutil.copytree(site, dest)
    for name, text in HOSTILE.items():
        (dest / "content" / "sources" / "sources" / name).write_text(text, encoding="utf-8")
    return dest


def check_hostile_xml(site, tmp):
    """U+FFFF and U+FFFE in a title: every XML output (MARCXML, OAI-PMH, oai_dc, the SVG map)
    is still valid, carries U+FFFD in their place, and holds neither."""
    site = hostile_site(site, tmp)
    outputs = {
        "marcxml": (SCHEMAS / "MARC21slim.xsd", None),
        "oai-pmh": (SCHEMAS / "oai-pmh-with-dc.xsd", SCHEMAS / "catalog.xml"),
        "oai_dc": (SCHEMAS / "oai_dc.xsd", SCHEMAS / "catalog.xml"),
    }
    for fmt, (schema, catalog_file) in outputs.items():
        out = catalog(site, fmt, tmp)
        text = out.read_text(encoding="utf-8")
        expect(not any(c in text for c in NONCHARACTERS), f"-f {fmt} holds U+FFFF or U+FFFE")
        expect("@Evil\ufffd Source\ufffd" in text, f"-f {fmt} lacks the title with U+FFFD in place")
        if fmt == "oai_dc":
            # A <records> document of oai_dc:dc elements: each element against the schema.
            root = ET.parse(out).getroot()
            for i, dc in enumerate(root):
                single = Path(tmp) / f"dc-{i}.xml"
                single.write_bytes(ET.tostring(dc, encoding="utf-8"))
                xmllint(schema, single, catalog_file)
        else:
            xmllint(schema, out, catalog_file)
    svg = Path(tmp) / "map.svg"
    result = run([PROGRAM, "map", str(site), "--render", "svg", "-o", str(svg), "-q"])
    expect(result.returncode == 0, f"map --render svg exited {result.returncode}: {result.stderr.decode()}")
    lint = run(["xmllint", "--nonet", "--noout", str(svg)])
    expect(lint.returncode == 0, f"xmllint rejects the SVG map: {lint.stderr.decode()}")
    expect(not any(c in svg.read_text(encoding="utf-8") for c in NONCHARACTERS), "the SVG holds U+FFFF or U+FFFE")


def check_hostile_csv(site, tmp):
    """By default no text cell begins with =, +, -, @, tab or CR (a leading ' is added); with
    --csv-raw every value is the model's, exactly, read back with Python's csv module."""
    site = hostile_site(site, tmp)
    text_columns = [0, 2, 3, 4, 5]

    def rows(*extra):
        out = catalog(site, "csv", tmp, *extra)
        return list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))[1:]

    safe = rows()
    risky = [r[i] for r in safe for i in text_columns if r[i][:1] in ("=", "+", "-", "@", "\t", "\r")]
    expect(risky == [], f"cells a spreadsheet would run as formulas: {risky}")
    by_url = {r[1]: r for r in safe}
    expect(by_url["https://evil.example/"][2] == "'=HYPERLINK(\"https://evil.example/\",\"click\")",
           f"the formula is not neutralised: {by_url['https://evil.example/'][2]!r}")
    expect(by_url["https://minus.example/"][0] == "'-Minus", "a name beginning with '-' is not neutralised")
    raw = {r[1]: r for r in rows("--csv-raw")}
    expect(raw["https://evil.example/"][2] == '=HYPERLINK("https://evil.example/","click")',
           f"--csv-raw changed the description: {raw['https://evil.example/'][2]!r}")
    expect(raw["https://evil.example/"][0] == "@Evil\ufffd Source\ufffd", "--csv-raw changed the name")
    expect(raw["https://minus.example/"][2] == "+tabbed", "--csv-raw: the description (one line) differs")
    expect(raw["https://minus.example/"][0] == "-Minus", "--csv-raw changed '-Minus'")


CHECKS = {
    "marcxml-schema": check_marcxml_schema,
    "yaz": check_yaz,
    "marclint": check_marclint,
    "catmandu": check_catmandu,
    "oai": check_oai,
    "csv": check_csv,
    "deterministic": check_deterministic,
    "org-code": check_org_code,
    "diagnostics": check_diagnostics,
    "write-errors": check_write_errors,
    "hostile-xml": check_hostile_xml,
    "hostile-csv": check_hostile_csv,
}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in CHECKS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(CHECKS)}}} [SITE]")
    site = Path(sys.argv[2]) if len(sys.argv) > 2 else SOURCE_DIR / "examples" / "site"
    with tempfile.TemporaryDirectory(prefix="gg-catalog-") as tmp:
        try:
            CHECKS[sys.argv[1]](site, tmp)
        except CheckFailed as e:
            print(f"FAIL {sys.argv[1]}: {e}", file=sys.stderr)
            sys.exit(1)
        except CheckSkipped as e:
            print(f"SKIPPED: {e}")
            sys.exit(77)  # CTest reports it as skipped
    print(f"ok {sys.argv[1]}")


if __name__ == "__main__":
    main()
