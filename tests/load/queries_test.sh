#!/usr/bin/env bash
# Runs every examples/queries/*.rq with rdflib over the export of examples/site and compares
# the results with the expected files; then checks that the query whose expected result is
# empty for the example site does find a source once its languages are removed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${GUIDEGRAPH_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
py=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d /tmp/guidegraph-queries.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$GUIDEGRAPH" export "$src/examples/site" -q -o "$work/site.ttl"
count=$(ls "$src"/examples/queries/*.rq | wc -l)
[ "$count" -ge 8 ] || { echo "FAIL: only $count queries in examples/queries (at least 8 wanted)"; exit 1; }
"$py" "$here/run_queries.py" --data "$work/site.ttl" "$src/examples/queries"
"$py" - "$work/site.ttl" "$src/examples/queries/sources-with-website-without-language.rq" <<'PY'
import sys, rdflib
g = rdflib.Graph(); g.parse(sys.argv[1])
kloop = rdflib.URIRef("https://guides.example.org/sources/sources/kloop/#id")
g.remove((kloop, rdflib.URIRef("http://purl.org/dc/terms/language"), None))
rows = list(g.query(open(sys.argv[2]).read()))
assert [str(r[0]) for r in rows] == [str(kloop)], rows
print("ok   sources-with-website-without-language.rq finds Kloop once its languages are removed")
PY
