"""Good and bad command lines of export (formats, -o DIR, --jsonld-form), publish and map:
exit codes, the messages that say what to do, and outputs that fail cleanly (/dev/full)."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from e2e_support import PROGRAM, SITE, Checks  # noqa: E402

checks = Checks("serialize_command_lines")
check = checks.check


def run(*args):
    return subprocess.run([PROGRAM, *args], capture_output=True)


with tempfile.TemporaryDirectory() as tmp:
    # (arguments, expected exit code, text expected on standard error)
    table = [
        (["export", SITE, "-f", "ttl,nq"], 2, "several formats need a folder to write them into: add `-o DIR`"),
        (["export", SITE, "-f", "ttl,nq", "-o", os.path.join(tmp, "missing")], 2, "is not a folder"),
        (["export", SITE, "-f", "ttl,xml", "-o", tmp], 2, "--format needs one of ttl, nt, nq, trig, jsonld"),
        (["export", SITE, "-f", "jsonld", "--jsonld-form", "framed"], 2,
         "--jsonld-form needs one of compact, expanded, flattened"),
        (["map", SITE, "--by", "colour"], 2, "--by needs one of category, country, guide"),
        (["map", SITE, "--render", "pdf"], 2, "--render needs svg or png"),
        (["publish"], 2, "give the folder of a Hugo site"),
        (["publish", SITE, "-q", "--into", "/dev/null/x"], 2, "cannot create the folder"),
        (["export", SITE, "-q", "-f", "nt,jsonld,nt", "-o", tmp], 0, ""),
    ]
    for args, code, text in table:
        proc = run(*args)
        err = proc.stderr.decode("utf-8", "replace")
        check(proc.returncode == code, f"{' '.join(args)}: exit {proc.returncode}, expected {code}: {err}")
        check(text in err, f"{' '.join(args)}: standard error lacks {text!r}: {err}")
    # Standard output on a full disk: an error, never a silent success. (Never `-o /dev/full`:
    # an atomic write replaces the target by renaming, which would replace the device.)
    for args in (["export", SITE, "-q", "-f", "jsonld"], ["map", SITE, "-q"], ["map", SITE, "-q", "--render", "svg"]):
        with open("/dev/full", "wb") as full:
            proc = subprocess.run([PROGRAM, *args], stdout=full, stderr=subprocess.PIPE)
        check(proc.returncode == 2 and b"error" in proc.stderr,
              f"{' '.join(args)} > /dev/full: exit {proc.returncode}: {proc.stderr!r}")
    check(sorted(os.listdir(tmp)) == ["site.jsonld", "site.nt"], f"-o DIR wrote {sorted(os.listdir(tmp))}")

    proc = run("export", SITE, "-q", "-f", "jsonld")
    doc = json.loads(proc.stdout)
    check("@context" in doc and len(doc["@graph"]) > 50, "JSON-LD on standard output has no context or graphs")
    proc = run("export", SITE, "-q", "-f", "jsonld", "--jsonld-form", "expanded")
    check(isinstance(json.loads(proc.stdout), list), "expanded JSON-LD is not a top-level array")
    for command in ("export", "publish", "map"):
        proc = run(command, "--help")
        check(proc.returncode == 0 and b"Usage: guidegraph " + command.encode() in proc.stdout,
              f"{command} --help")
    check(b"DIR/NAME.EXT" in run("export", "--help").stdout, "export --help does not explain -o DIR")

checks.finish()
print("command lines behave")
