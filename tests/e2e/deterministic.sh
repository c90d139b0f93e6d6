#!/usr/bin/env bash
# Every output format is byte-identical across two runs: export (ttl, nt, nq, trig, JSON-LD
# in its three forms), publish (every page file, dumps, void.ttl) and map (DOT by category,
# country and guide, and the SVG and PNG that dot renders). Runs with different thread
# counts, so that parallel parsing cannot leak into the bytes.
set -euo pipefail
: "${GUIDEGRAPH:?}" "${GUIDEGRAPH_SOURCE_DIR:?}"
site="$GUIDEGRAPH_SOURCE_DIR/examples/site"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

produce() {  # produce DIR THREADS
  local out=$1 threads=$2
  mkdir -p "$out/export" "$out/publish" "$out/map"
  "$GUIDEGRAPH" export "$site" -q --threads "$threads" -f ttl,nt,nq,trig,jsonld -o "$out/export"
  for form in expanded flattened; do
    "$GUIDEGRAPH" export "$site" -q --threads "$threads" -f jsonld --jsonld-form "$form" -o "$out/export/$form.jsonld"
  done
  "$GUIDEGRAPH" publish "$site" -q --threads "$threads" --into "$out/publish"
  for by in category country guide; do
    "$GUIDEGRAPH" map "$site" -q --threads "$threads" --by "$by" -o "$out/map/$by.dot"
  done
  "$GUIDEGRAPH" map "$site" -q --threads "$threads" --render svg -o "$out/map/category.svg"
  "$GUIDEGRAPH" map "$site" -q --threads "$threads" --render png -o "$out/map/category.png"
}

produce "$tmp/a" 1
produce "$tmp/b" 4
count=$(find "$tmp/a" -type f | wc -l)
if [ "$count" -lt 170 ]; then
  echo "FAIL: only $count files were produced" >&2
  exit 1
fi
if ! diff -r "$tmp/a" "$tmp/b"; then
  echo "FAIL: two runs wrote different bytes" >&2
  exit 1
fi
# No temporary files are left behind by the atomic writes.
if find "$tmp/a" -name '.*.tmp-*' | grep -q .; then
  echo "FAIL: temporary files left behind" >&2
  exit 1
fi
echo "$count files byte-identical across two runs"
