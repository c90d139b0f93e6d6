#!/usr/bin/env bash
# How every command reads its command line: a bad one exits 2 with the option's own message
# (missing value, bad value, unknown option, a second SITE); `--name=value` works as
# `--name value`; an option given twice counts once, the last one; repeatable options
# (--shapes) keep every value; -h anywhere prints the command's usage and exits 0.
set -euo pipefail
: "${GUIDEGRAPH:?}" "${GUIDEGRAPH_SOURCE_DIR:?}"
site="$GUIDEGRAPH_SOURCE_DIR/examples/site"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
expect() {  # EXIT PATTERN COMMAND ARGS...: checks the exit code and that stderr/stdout has PATTERN
  local want=$1 pattern=$2; shift 2
  local rc=0
  "$GUIDEGRAPH" "$@" > "$work/out" 2> "$work/err" || rc=$?
  if [ "$rc" -ne "$want" ] || ! grep -q -- "$pattern" "$work/err" "$work/out"; then
    echo "FAIL: $* -> exit $rc (want $want, '$pattern'), output:"; head -5 "$work/err" "$work/out"
    failures=$((failures + 1))
  else
    echo "ok   $* -> $want, '$pattern'"
  fi
}

for command in export validate publish map pages catalog load; do
  expect 2 "error: unknown option '--no-such-option'" "$command" "$site" --no-such-option
  expect 2 "error: --threads needs a number" "$command" "$site" --threads
  expect 2 "error: --threads needs a number" "$command" "$site" --threads=many
  expect 2 "error: --max-files needs a number" "$command" "$site" --max-files -1
  expect 2 "error: unexpected argument 'second' (only one SITE folder is read)" \
    "$command" "$site" second
  expect 2 "(see \`guidegraph $command --help\`)" "$command" "$site" --base
  expect 0 "Usage: guidegraph $command" "$command" "$site" --threads x -h
done
expect 2 "error: -o needs a file name" export "$site" -o
expect 2 "error: --format needs one of ttl, nt, nq, trig, jsonld" export "$site" -f rdfxml
expect 2 "error: --format needs one of text, turtle, sarif, json" validate "$site" --format=xml
expect 2 "error: --layout needs dot or fdp" map "$site" --layout neato
expect 2 "error: --date needs a date written YYYY-MM-DD" catalog "$site" -f csv --date 2024-13-01
expect 2 "error: --jobs needs a number of connections from 1 to 64" load "$site" --dry-run --jobs 65
# --name=value, and the last of two values counts.
expect 0 "@prefix" export "$site" -q --format=nt --format ttl
expect 0 "^digraph" map "$site" -q --by country --by=guide
# Repeatable: both shapes files are read (the second one is missing, so the run stops at it).
printf '@prefix sh: <http://www.w3.org/ns/shacl#> .\n' > "$work/shapes.ttl"
expect 2 "cannot read '$work/missing.ttl'" validate "$site" --shapes "$work/shapes.ttl" \
  --shapes "$work/missing.ttl"
# Short flags together, and --merge/--replace: the last one counts.
expect 0 "^add to <" load "$site" -qD --dry-run --replace --merge --state "$work/state.json"
expect 0 "^replace <" load "$site" -q --dry-run --merge --replace --state "$work/state.json"
if [ "$failures" -ne 0 ]; then
  echo "$failures command lines were not handled as expected"
  exit 1
fi
