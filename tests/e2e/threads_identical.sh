#!/usr/bin/env bash
# `--threads 1` and `--threads 2` give the same bytes and the same exit code from every
# command that writes output: export (every format, the JSON-LD forms, the bulk files),
# validate (text, Turtle, SARIF and JSON reports, and the diagnostics on standard error),
# publish, map, catalog (every format), pages and load --dry-run (which contacts no
# server). On examples/site, and on a generated site of 300 sources that has broken links
# and duplicate websites, so that diagnostics from several threads are in the outputs.
set -euo pipefail
: "${GUIDEGRAPH:?}" "${GUIDEGRAPH_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$GUIDEGRAPH_SOURCE_DIR/bench/generate_site.py" --sources 300 --seed 3 "$tmp/generated" > /dev/null

run() {  # run OUT NAME COMMAND...: the command's stdout, stderr and exit code into OUT/NAME.*
  local out=$1 name=$2 status=0
  shift 2
  "$GUIDEGRAPH" "$@" > "$out/$name.out" 2> "$out/$name.err" || status=$?
  echo "$status" > "$out/$name.status"
}

produce() {  # produce SITE OUT THREADS
  local site=$1 out=$2 t=(--threads "$3")
  mkdir -p "$out/export" "$out/bulk" "$out/publish"
  run "$out" export export "$site" -q "${t[@]}" -f ttl,nt,nq,trig,jsonld -o "$out/export" --force
  for form in expanded flattened; do
    run "$out" "jsonld-$form" export "$site" -q "${t[@]}" -f jsonld --jsonld-form "$form" --force
  done
  run "$out" bulk export "$site" -q "${t[@]}" --bulk "$out/bulk" --chunk-size 500 --force
  for format in text turtle sarif json; do
    run "$out" "validate-$format" validate "$site" "${t[@]}" -f "$format"
  done
  run "$out" publish publish "$site" -q "${t[@]}" --into "$out/publish" --server-config nginx
  for by in category country guide; do
    run "$out" "map-$by" map "$site" -q "${t[@]}" --by "$by"
  done
  for format in marcxml mrc oai_dc oai-pmh oai-static csv; do
    run "$out" "catalog-$format" catalog "$site" -q "${t[@]}" -f "$format"
  done
  run "$out" pages pages "$site" "${t[@]}"
  run "$out" load load "$site" -q "${t[@]}" --dry-run --state "$out/no-state.json"
}

failed=0
for site in "$GUIDEGRAPH_SOURCE_DIR/examples/site" "$tmp/generated"; do
  name=$(basename "$site")
  # Both runs write into the same folder (the bulk loader's script names it), then move.
  for threads in 1 2; do
    produce "$site" "$tmp/run" "$threads"
    mv "$tmp/run" "$tmp/$name-$threads"
  done
  count=$(find "$tmp/$name-1" -type f | wc -l)
  if [ "$count" -lt 150 ]; then
    echo "FAIL: $name: only $count files were produced" >&2
    failed=1
  fi
  if ! diff -r "$tmp/$name-1" "$tmp/$name-2" > "$tmp/$name.diff"; then
    echo "FAIL: $name: --threads 1 and --threads 2 wrote different bytes:" >&2
    head -40 "$tmp/$name.diff" >&2
    failed=1
  else
    echo "$name: $count files byte-identical with --threads 1 and --threads 2"
  fi
done
# The generated site has errors: the exit codes say so (and are the same for both counts).
if [ "$(cat "$tmp/generated-1/validate-text.status")" != 1 ]; then
  echo "FAIL: validate of the generated site should exit 1" >&2
  failed=1
fi
exit "$failed"
