"""Hostile input: each case is added to a fresh copy of examples/site, exported, and must
give its diagnostic (file and code, on standard error), the exit code that says so, and an
export that still holds every statement of the clean site's export. Then the limits
(--max-file-size, --max-files, --max-yaml-depth, --max-yaml-nodes), output paths that stay
inside the site and the output folder, and outputs that are never half-written.

Tests run as root in CI, where permission bits do not stop reading or writing; the
permission cases then run guidegraph as the unprivileged user `nobody` (setpriv), and say
so plainly when that is impossible."""

import os
import re
import shutil
import stat
import subprocess

from e2e_support import PROGRAM, SITE, Checks, copy_site, run, temp_dir

checks = Checks("hostile_input")
work = temp_dir("hostile")
os.chmod(work, 0o755)
BASE = "https://guides.example.org/"
SOURCES = os.path.join("content", "sources", "sources")
GUIDES = os.path.join("content", "guides")

clean = os.path.join(work, "clean.nt")
run(["export", SITE, "-f", "nt", "-o", clean, "--quiet", "--no-validate"], check=0)
with open(clean, encoding="utf-8") as f:
    clean_lines = set(f.read().splitlines())
checks.check(len(clean_lines) > 500, f"clean export has statements ({len(clean_lines)})")


def write(site, rel, data):
    path = os.path.join(site, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def export_case(name, site, expected, exit_code, *extra, rest_exported=True):
    """Exports `site`; `expected` lists (file, code) pairs that must each appear on one
    line of standard error as "file...: error|warning: ... [code]". Returns (proc, lines)."""
    out = os.path.join(work, f"{name}.nt")
    proc = run(["export", site, "-f", "nt", "-o", out, "--quiet", "--no-validate", *extra])
    err = proc.stderr.splitlines()
    for file, code in expected:
        hit = [line for line in err if line.startswith(file) and line.endswith(f"[{code}]")]
        checks.check(hit, f"{name}: no {code} diagnostic for {file}; stderr:\n{proc.stderr[-2000:]}")
    checks.equal(proc.returncode, exit_code, f"{name}: exit code")
    checks.check(not any("internal error" in line for line in err), f"{name}: internal error")
    lines = set()
    if os.path.exists(out):
        with open(out, encoding="utf-8") as f:
            lines = set(f.read().splitlines())
    if rest_exported:
        checks.check(os.path.exists(out), f"{name}: output written for the rest of the site")
        missing = sorted(clean_lines - lines)
        checks.equal(missing[:3], [], f"{name}: statements of the clean site missing ({len(missing)})")
    return proc, lines


def simple_case(name, rel, data, code, exit_code=1, *extra):
    site = copy_site(f"hostile-{name}")
    write(site, rel, data)
    result = export_case(name, site, [(rel.replace(os.sep, "/"), code)], exit_code, *extra)
    shutil.rmtree(os.path.dirname(site))
    return result


def titles(lines):
    pattern = r'<(?:https://schema.org/name|http://purl.org/dc/terms/title)> "([^"]*)"'
    return {m.group(1) for line in lines for m in [re.search(pattern, line)] if m}


# ---- Encodings and bytes --------------------------------------------------------------------
page = os.path.join(SOURCES, "hostile.md")
simple_case("invalid-utf8", page, b'---\ntitle: "Bad \xff byte"\n---\nText.\n', "invalid-utf8")
simple_case("invalid-utf8-body", page, b'---\ntitle: "Bad"\n---\nText \xc3\x28 here.\n', "invalid-utf8")
simple_case("nul-byte", page, b'---\ntitle: "Nul"\n---\nText\x00more.\n', "binary-file")
png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
simple_case("binary-md", page, png, "binary-file")

site = copy_site("hostile-bom-crlf")
write(site, os.path.join(SOURCES, "with_bom.md"), b'\xef\xbb\xbf---\ntitle: "Page with BOM"\n---\nText.\n')
write(site, os.path.join(SOURCES, "crlf.md"),
      b'---\r\ntitle: "Page with CRLF"\r\nwebsite: "https://crlf.example/"\r\n---\r\n\r\nText.\r\n')
proc, lines = export_case("bom-crlf", site, [], 0)
checks.equal([l for l in proc.stderr.splitlines() if "with_bom" in l or "crlf" in l], [],
             "bom-crlf: no diagnostics")
checks.check("Page with BOM" in titles(lines), "bom: the page is exported with its title")
checks.check("Page with CRLF" in titles(lines), "crlf: the page is exported with its title, no CR")
checks.check(not any("\\r" in l for l in lines if "crlf" in l), "crlf: no CR in the statements")
checks.check(any("<https://crlf.example/>" in l for l in lines), "crlf: website without CR")
shutil.rmtree(os.path.dirname(site))

# A link whose destination starts like the parser's internal shortcode token (a crash found by
# fuzz_body: fuzz/corpus/fuzz_body/regression-ggsc-link-*).
site = copy_site("hostile-ggsc")
write(site, os.path.join(GUIDES, "ggsc.md"),
      '---\ntitle: "Token lookalike"\n---\n\n## Media\n\n- [A](ggsc/category/ingo) (note)\n'
      '- [B](ggsc7) and [C]({{< ref "/sources/sources/kloop" >}})\n')
proc, lines = export_case("ggsc-link", site, [("content/guides/ggsc.md:7:3", "broken-link"),
                                              ("content/guides/ggsc.md:8:3", "broken-link")], 1)
checks.check("link 'ggsc/category/ingo'" in proc.stderr, "ggsc-link: the destination is kept as written")
checks.check("Token lookalike" in titles(lines), "ggsc-link: the guide is exported")
checks.check(any(l.startswith("<https://guides.example.org/guides/ggsc/> <https://w3id.org/guidegraph/vocab#recommends> "
                              "<https://guides.example.org/sources/sources/kloop/#id>") for l in lines),
             "ggsc-link: the ref shortcode beside it still resolves")
shutil.rmtree(os.path.dirname(site))

# ---- Sizes and limits -----------------------------------------------------------------------
site = copy_site("hostile-50mb")
big = os.path.join(site, SOURCES, "huge.md")
with open(big, "wb") as f:
    f.write(b'---\ntitle: "Huge"\n---\n')
    line = b"A line of text that repeats until the page is fifty megabytes long.\n"
    f.write(line * ((50 << 20) // len(line) + 1))
checks.check(os.path.getsize(big) > 50 << 20, "50 MB page generated")
export_case("50mb", site, [("content/sources/sources/huge.md", "file-too-large")], 1)
shutil.rmtree(os.path.dirname(site))

largest = max(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(SITE, "content")) for f in fs)
simple_case("max-file-size", page, '---\ntitle: "Small"\n---\n' + "x" * (largest + 100) + "\n", "file-too-large", 1,
            "--max-file-size", str(largest + 50))

site = copy_site("hostile-max-files")
proc, _ = export_case("max-files", site, [], 1, "--max-files", "5", rest_exported=False)
checks.check(any(l.endswith("[too-many-files]") for l in proc.stderr.splitlines()),
             f"max-files: too-many-files reported: {proc.stderr[-500:]}")
shutil.rmtree(os.path.dirname(site))

deep = "---\ntitle: Deep\nnested: " + "[" * 80 + "x" + "]" * 80 + "\n---\nText.\n"
simple_case("deep-yaml", page, deep, "front-matter-too-deep")
site = copy_site("hostile-deep-raised")
write(site, page, deep)
proc, lines = export_case("deep-yaml-raised", site, [], 0, "--max-yaml-depth", "100")
checks.check("Deep" in titles(lines), "--max-yaml-depth 100 accepts 80 levels")
shutil.rmtree(os.path.dirname(site))
simple_case("deep-yaml-lowered", page, '---\ntitle: Shallow\nx: {a: {b: {c: 1}}}\n---\n',
            "front-matter-too-deep", 1, "--max-yaml-depth", "2")

simple_case("deep-json", page, '{"title": "Deep JSON", "x": ' + "[" * 500000 + "]" * 500000 + "}\nText.\n",
            "front-matter-too-deep")
simple_case("json-number-overflow", page, '{"title": "Big", "x": 6e4444444444}\nText.\n', "front-matter-syntax")
site = copy_site("hostile-long-shortcode")
write(site, os.path.join(GUIDES, "long_shortcode.md"),
      '---\ntitle: "Long shortcode"\n---\n\n[x]({{< ref "' + "a" * 3_000_000 + "\n")
proc, lines = export_case("long-shortcode", site, [], 0)
checks.check("Long shortcode" in titles(lines), "long-shortcode: the guide is exported")
shutil.rmtree(os.path.dirname(site))

bomb = ["---", "title: Bomb", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for i, name in enumerate("bcdefghi"):
    prev = "abcdefghi"[i]
    bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
bomb += ["---", "Text.", ""]
simple_case("alias-bomb", page, "\n".join(bomb), "front-matter-too-large")
simple_case("max-yaml-nodes", page, "---\ntitle: Many\nlist: [" + ",".join(["v"] * 30000) + "]\n---\n",
            "front-matter-too-large", 1, "--max-yaml-nodes", "10000")

for bad_args, message in ((["--max-yaml-depth", "x"], "--max-yaml-depth needs a number"),
                          (["--max-yaml-nodes"], "--max-yaml-nodes needs a number"),
                          (["--max-files", "99999999999999999999999"], "--max-files needs a number")):
    proc = run(["export", SITE, "-o", os.path.join(work, "never.ttl"), *bad_args])
    checks.equal(proc.returncode, 2, f"{bad_args}: exit code")
    checks.check(message in proc.stderr, f"{bad_args}: message: {proc.stderr}")

# ---- Symbolic links -------------------------------------------------------------------------
site = copy_site("hostile-symlinks")
os.symlink("loop-b.md", os.path.join(site, SOURCES, "loop-a.md"))
os.symlink("loop-a.md", os.path.join(site, SOURCES, "loop-b.md"))
os.symlink("..", os.path.join(site, SOURCES, "loopdir"))
outside = write(os.path.dirname(site), "outside.md", '---\ntitle: "Outside"\n---\nText.\n')
os.symlink(outside, os.path.join(site, SOURCES, "outside.md"))
proc, lines = export_case("symlinks", site, [("content/sources/sources/loop-a.md", "symlink-loop"),
                                             ("content/sources/sources/loop-b.md", "symlink-loop"),
                                             ("content/sources/sources/outside.md", "symlink-outside-site")], 1)
checks.check("Outside" not in titles(lines), "symlinks: the page outside the site is not read")
shutil.rmtree(os.path.dirname(site))

# A link to a file that does not exist, a folder named like a page, a named pipe.
site = copy_site("hostile-not-files")
os.symlink("no-such-page.md", os.path.join(site, SOURCES, "dangling.md"))
os.makedirs(os.path.join(site, SOURCES, "folder.md"))
write(site, os.path.join(SOURCES, "folder.md", "inner.md"), '---\ntitle: "Inside a folder.md"\n---\nText.\n')
os.mkfifo(os.path.join(site, SOURCES, "pipe.md"))
proc, lines = export_case("not-files", site, [("content/sources/sources/dangling.md", "broken-symlink"),
                                              ("content/sources/sources/pipe.md", "not-a-file")], 1)
checks.check("'no-such-page.md', which does not exist" in proc.stderr, f"not-files: link target named: {proc.stderr[-600:]}")
checks.check(any(l.startswith("content/sources/sources/folder.md: warning:") and l.endswith("[folder-named-like-page]")
                 for l in proc.stderr.splitlines()), f"not-files: folder.md warned about: {proc.stderr[-600:]}")
checks.check("Inside a folder.md" in titles(lines), "not-files: the page inside folder.md is exported")
shutil.rmtree(os.path.dirname(site))

# ---- Slugs and URLs that climb out ----------------------------------------------------------
site = copy_site("hostile-slug")
write(site, os.path.join(SOURCES, "climb.md"), '---\ntitle: "Climb"\nslug: "../../etc/passwd"\n---\nText.\n')
write(site, os.path.join(SOURCES, "slashes.md"), '---\ntitle: "Slashes"\nslug: "a/b/c"\n---\nText.\n')
write(site, os.path.join(SOURCES, "url_climb.md"), '---\ntitle: "Url climb"\nurl: "/../../../tmp/x/"\n---\n')
proc, lines = export_case("slug", site, [], 0)
iris = {iri for line in lines for iri in re.findall(r"<([^>]*)>", line)}
ours = {iri for iri in iris if "guides.example.org" in iri or "passwd" in iri or "tmp/x" in iri}
checks.check(ours, "slug: the export has the site's IRIs")
checks.equal(sorted(i for i in ours if not i.startswith(BASE))[:3], [], "slug: IRIs outside the baseURL")
checks.equal(sorted(i for i in ours if re.search(r"/\.\.?(/|$)|%2e", i, re.I))[:3], [], "slug: dot segments")
checks.check(any(i.startswith(BASE) and "passwd" in i for i in ours), "slug: the climbing page is inside the site")
into = os.path.join(os.path.dirname(site), "pub", "out")
os.makedirs(into)


def files_under(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


before = files_under(os.path.dirname(site))
proc = subprocess.run([PROGRAM, "publish", site, "--into", into], capture_output=True, text=True)
checks.check(proc.returncode in (0, 1) and "internal error" not in proc.stderr, f"publish: {proc.stderr[-500:]}")
after = files_under(os.path.dirname(site))
escaped = [f for f in after if f not in before and not f.startswith(os.path.join("pub", "out") + os.sep)]
checks.equal(escaped[:5], [], "publish: files written outside its folder")
checks.check(any("passwd" in f for f in files_under(into)), "publish: the climbing page is published inside")
shutil.rmtree(os.path.dirname(site))

# ---- Permissions ----------------------------------------------------------------------------
NOBODY = 65534
can_drop = os.geteuid() == 0 and shutil.which("setpriv") is not None


def as_nobody(args):
    prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + [PROGRAM] + args, capture_output=True, text=True)


def open_up(root):
    for d, dirs, files in os.walk(root):
        os.chmod(d, 0o755)


def program_usable_by_nobody():
    probe = as_nobody(["--version"])
    return probe.returncode == 0


if os.geteuid() == 0 and not (can_drop and program_usable_by_nobody()):
    print("SKIP (visible): running as root and cannot run guidegraph as `nobody` (setpriv missing "
          "or the program is not readable by others); the unreadable-file and read-only-folder "
          "checks need an unprivileged user, since root reads and writes regardless of "
          "permission bits", flush=True)
else:
    site = copy_site("hostile-unreadable")
    open_up(os.path.dirname(site))
    secret = write(site, os.path.join(SOURCES, "secret.md"), '---\ntitle: "Secret"\n---\n')
    os.chmod(secret, 0)
    os.makedirs(os.path.join(site, SOURCES, "folder.md"))  # a directory named like a page
    outdir = os.path.join(os.path.dirname(site), "out")
    os.makedirs(outdir)
    os.chmod(outdir, 0o777)
    out = os.path.join(outdir, "site.nt")
    proc = as_nobody(["export", site, "-f", "nt", "-o", out, "--quiet", "--no-validate"])
    checks.equal(proc.returncode, 1, "unreadable: exit code")
    checks.check(any(l.startswith("content/sources/sources/secret.md") and l.endswith("[unreadable-file]")
                     for l in proc.stderr.splitlines()), f"unreadable: diagnostic: {proc.stderr[-800:]}")
    checks.check([l for l in proc.stderr.splitlines() if "folder.md" in l and "[folder-named-like-page]" not in l] == [],
                 f"a folder named x.md is no page, only a warning: {proc.stderr[-800:]}")
    if os.path.exists(out):
        with open(out, encoding="utf-8") as f:
            missing = sorted(clean_lines - set(f.read().splitlines()))
        checks.equal(missing[:3], [], "unreadable: statements of the clean site missing")
    else:
        checks.check(False, "unreadable: output written for the rest of the site")

    # Output safety: a read-only folder, with an existing output that must stay as it was.
    readonly = os.path.join(os.path.dirname(site), "readonly")
    os.makedirs(readonly)
    existing = os.path.join(readonly, "site.ttl")
    with open(existing, "w") as f:
        f.write("# an earlier export\n")
    os.chmod(existing, 0o666)
    os.chmod(readonly, 0o555)
    proc = as_nobody(["export", site, "-o", existing, "--quiet", "--no-validate"])
    checks.check(proc.returncode != 0, f"read-only folder: non-zero exit ({proc.returncode})")
    checks.check("error" in proc.stderr and "site.ttl" in proc.stderr,
                 f"read-only folder: message names the output: {proc.stderr[-500:]}")
    with open(existing) as f:
        checks.equal(f.read(), "# an earlier export\n", "read-only folder: existing output untouched")
    checks.equal(sorted(os.listdir(readonly)), ["site.ttl"], "read-only folder: no temporary file left")
    os.chmod(readonly, 0o755)
    shutil.rmtree(os.path.dirname(site))

# /dev/full: the output device is full; message and non-zero exit.
if os.path.exists("/dev/full"):
    for fmt in ("ttl", "nt"):
        proc = run(["export", SITE, "-f", fmt, "-o", "/dev/full", "--quiet", "--no-validate"])
        checks.check(proc.returncode != 0, f"/dev/full ({fmt}): non-zero exit")
        checks.check("error" in proc.stderr, f"/dev/full ({fmt}): message: {proc.stderr[-300:]}")
else:
    print("SKIP (visible): /dev/full does not exist here", flush=True)

# An output path that is a folder: fails, and the folder is left alone.
target = os.path.join(work, "a-folder.ttl")
os.makedirs(target)
proc = run(["export", SITE, "-o", target, "--quiet", "--no-validate"])
checks.check(proc.returncode != 0 and "error" in proc.stderr, f"output is a folder: {proc.stderr[-300:]}")
checks.check(os.path.isdir(target) and not os.listdir(target), "output is a folder: folder untouched")

# ---- Whole-site shapes ----------------------------------------------------------------------
empty = os.path.join(work, "empty-site")
os.makedirs(empty)
proc = run(["export", empty, "-o", os.path.join(work, "empty.ttl"), "--quiet", "--no-validate"])
checks.check(proc.returncode != 0, f"empty site: non-zero exit ({proc.returncode})")
checks.check(any(l.endswith("[no-site-config]") for l in proc.stderr.splitlines()),
             f"empty site: no-site-config: {proc.stderr[-500:]}")
checks.check("internal error" not in proc.stderr, "empty site: no internal error")

config_only = os.path.join(work, "config-only")
os.makedirs(config_only)
shutil.copyfile(os.path.join(SITE, "hugo.toml"), os.path.join(config_only, "hugo.toml"))
proc = run(["export", config_only, "-o", os.path.join(work, "config-only.ttl"), "--quiet", "--no-validate"])
checks.check(any(l.endswith("[no-content]") for l in proc.stderr.splitlines()),
             f"site without content/: no-content: {proc.stderr[-500:]}")
checks.check("internal error" not in proc.stderr, "site without content/: no internal error")

site = copy_site("hostile-no-guides")
shutil.rmtree(os.path.join(site, GUIDES))
out = os.path.join(work, "no-guides.nt")
proc = run(["export", site, "-f", "nt", "-o", out, "--quiet", "--no-validate"])
checks.check("internal error" not in proc.stderr, f"no guides: no internal error: {proc.stderr[-500:]}")
checks.check(proc.returncode in (0, 1), f"no guides: exit code {proc.returncode}")
checks.check(os.path.exists(out), "no guides: the sources are still exported")
if os.path.exists(out):
    with open(out, encoding="utf-8") as f:
        lines = set(f.read().splitlines())
    checks.check("Kloop" in titles(lines) or any("kloop" in l for l in lines), "no guides: sources exported")
shutil.rmtree(os.path.dirname(site))

# ---- Permalinks and front matter types ------------------------------------------------------
site = copy_site("hostile-duplicate")
write(site, os.path.join(SOURCES, "twin.md"), '---\ntitle: "Twin"\nslug: "kloop"\n---\nText.\n')
export_case("duplicate-permalink", site, [("content/sources/sources/twin.md", "duplicate-permalink")], 1)
shutil.rmtree(os.path.dirname(site))

wrong_types = {
    "title-list": ('title: ["A", "B"]', "title"),
    "title-map": ("title: {a: 1}", "title"),
    "countries-map": ("countries: {name: Kazakhstan}", "countries"),
    "countries-nested": ("countries: [[Kazakhstan]]", "countries"),
    "website-list": ('website: ["https://a.example/", "https://b.example/"]', "website"),
    "website-map": ("website: {url: https://a.example/}", "website"),
    "draft-list": ("draft: [true]", "draft"),
    "draft-string": ('draft: "maybe"', "draft"),
}
for name, (yaml_line, key) in wrong_types.items():
    body = f'---\ntitle: "Typed"\n{yaml_line}\n---\nText.\n' if key != "title" else f"---\n{yaml_line}\n---\nText.\n"
    simple_case(f"type-{name}", page, body, "front-matter-type")

checks.finish()
