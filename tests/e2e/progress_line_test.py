"""The progress line of `export` (issue 7): on a terminal, once a run has taken more than a
second, "guidegraph: parsed DONE/TOTAL files (RATE files/s)" rewritten in place and erased
at the end; nothing when standard error is not a terminal, nothing with --quiet, and
nothing for a run shorter than a second. Standard error is a real terminal here (a pty)."""

import os
import pty
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from e2e_support import PROGRAM, SITE, SOURCE_DIR, fail, temp_dir  # noqa: E402

GENERATOR = os.path.join(SOURCE_DIR, "bench", "generate_site.py")
PYTHON = os.environ.get("PYTHON", "/usr/bin/python3")
# Enough files that scanning and parsing them on one thread takes well over a second
# (about 1.9 s on the 2-core machines this project runs on).
SOURCES = 80000
LINE = re.compile(r"guidegraph: parsed (\d+)/(\d+) files \((\d+) files/s\)")
ERASE = "\r\x1b[K"


def on_terminal(args):
    """Runs guidegraph with standard error on a new terminal; returns (exit code, text)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([PROGRAM, *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the program has exited and closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def main():
    work = temp_dir("progress")
    site = os.path.join(work, "site")
    subprocess.run([PYTHON, GENERATOR, "--sources", str(SOURCES), "--seed", "11", site],
                   check=True, capture_output=True)
    out = os.path.join(work, "out.ttl")
    long_run = ["export", site, "-o", out, "--threads", "1", "--no-validate", "--timings"]

    # Exit code 1 on the generated site: it has broken links on purpose.
    code, text = on_terminal(long_run)
    if code != 1:
        fail(f"export on a terminal exited {code}:\n{text[-2000:]}")
    stages = dict(re.findall(r"(scan|parse) ([0-9.]+) s", text))
    if len(stages) != 2:
        fail(f"--timings did not report scan and parse:\n{text[-2000:]}")
    if float(stages["scan"]) + float(stages["parse"]) < 1.2:
        fail(f"scanning and parsing took {stages} s: too short to show the progress line; "
             f"raise SOURCES in this test")
    lines = LINE.findall(text)
    if not lines:
        fail(f"no progress line on a terminal during a run of over a second:\n{text[-2000:]}")
    totals = {int(total) for _, total, _ in lines}
    files = re.search(r"exported .*: (\d+) pages", text)
    if len(totals) != 1 or not files or totals.pop() < int(files.group(1)):
        fail(f"the progress line's total is not the number of files: {lines[-3:]}")
    done = [int(d) for d, _, _ in lines]
    # The rate is whole files a second: a first line drawn before parsing got going (a busy
    # machine) may say 0; once files are being read it must be positive.
    rates = [int(r) for d, _, r in lines if int(d) >= 100]
    if done != sorted(done) or done[-1] > int(lines[-1][1]) or not rates or min(rates) <= 0:
        fail(f"the progress line does not count up to the total at a positive rate: {lines[:3]}")
    last = text.rfind(lines[-1][0] + "/")
    if text.find(ERASE, last) < 0 or "exported" not in text[text.find(ERASE, last):]:
        fail("the progress line is not erased before the summary line")

    code, text = on_terminal([*long_run, "--quiet"])
    if code != 1 or LINE.search(text) or "exported" in text:
        fail(f"--quiet on a terminal still printed a progress or summary line:\n{text[-2000:]}")

    piped = subprocess.run([PROGRAM, *long_run], capture_output=True, text=True)
    if piped.returncode != 1 or LINE.search(piped.stderr) or "\x1b[K" in piped.stderr:
        fail(f"a progress line was written to a pipe:\n{piped.stderr[-2000:]}")
    if "exported" not in piped.stderr:
        fail("the summary line is missing when standard error is a pipe")

    code, text = on_terminal(["export", SITE, "-o", os.path.join(work, "short.ttl")])
    if code != 0 or LINE.search(text) or "exported" not in text:
        fail(f"a run shorter than a second showed a progress line:\n{text[-2000:]}")

    print(f"progress line: shown on a terminal ({len(lines)} updates), absent with --quiet, "
          f"on a pipe and for a short run")


if __name__ == "__main__":
    main()
