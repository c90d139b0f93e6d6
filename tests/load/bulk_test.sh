#!/usr/bin/env bash
# `guidegraph export --bulk`: the gzip N-Quads chunks, the Virtuoso script and the README.
# Every chunk is read by serdi and by rdflib; the chunks together are the bytes of
# `export -f nq`, the same from run to run; loaded into a private Virtuoso by its own bulk
# loader (isql-vt running the written virtuoso-load.sql: ld_dir, rdf_loader_run) and into
# Apache Jena TDB2 (tdb2.tdbloader, read back with tdb2.tdbdump), each store then holds every
# graph of the export, quad for quad.
# Needs: GUIDEGRAPH, PYTHON (with rdflib), serdi, virtuoso-opensource, libapache-jena-java.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${GUIDEGRAPH_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
prog=${GUIDEGRAPH:?set GUIDEGRAPH to the guidegraph program}
py=${PYTHON:-/usr/bin/python3}
source "$here/virtuoso_env.sh"
source "$here/jena_env.sh"

work=$(mktemp -d /tmp/guidegraph-bulk-test.XXXXXX)
cleanup() {
  local status=$?
  virtuoso_stop
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT INT TERM
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok   $*"; }
check() { if eval "$2"; then pass "$1"; else fail "$1"; fi; }
command -v virtuoso-t > /dev/null || { echo "FAIL: virtuoso-t not found; install virtuoso-opensource"; exit 1; }
command -v isql-vt > /dev/null || { echo "FAIL: isql-vt not found; install virtuoso-opensource"; exit 1; }
command -v serdi > /dev/null || { echo "FAIL: serdi not found; install serdi"; exit 1; }
classpath=$(jena_classpath "$work/jena-fix")
[ -n "$classpath" ] || { echo "FAIL: Apache Jena not found; install libapache-jena-java"; exit 1; }

site="$src/examples/site"
bulk="$work/bulk"
ours=(https://guides.example.org/ https://w3id.org/guidegraph/vocab)

# 1. The files: the site's quads (about 1,650) in chunks of at most 600.
"$prog" export "$site" -q -f nq -o "$work/export.nq" || true
quads=$(wc -l < "$work/export.nq")
graphs=$(awk '{print $(NF-1)}' "$work/export.nq" | sort -u | wc -l)
chunks=$(( (quads + 599) / 600 ))
"$prog" export "$site" --bulk "$bulk" --chunk-size 600 2> "$work/export.err" || { cat "$work/export.err"; fail "export --bulk exits 0"; }
cat "$work/export.err"
check "summary names the chunks ($quads quads, $graphs graphs, $chunks chunks)" \
  'grep -qF "$quads quads in $graphs graphs, $chunks chunk(s) site-*.nq.gz" "$work/export.err" && [ "$chunks" -eq 3 ]'
check "three chunks, a script and a README" \
  '[ "$(cd "$bulk" && ls | tr "\n" " ")" = "README.md site-000001.nq.gz site-000002.nq.gz site-000003.nq.gz virtuoso-load.sql " ]'
for f in "$bulk"/*.nq.gz; do
  n=$(zcat "$f" | wc -l)
  check "$(basename "$f"): gzip, at most 600 quads ($n)" '[ "$n" -le 600 ] && [ "$n" -gt 0 ]'
  check "$(basename "$f"): serdi reads it" 'zcat "$f" | serdi -i nquads -o nquads - > "$work/serdi.nq" && [ "$(wc -l < "$work/serdi.nq")" -eq "$n" ]'
  check "$(basename "$f"): rdflib reads it" \
    '[ "$("$py" -c "import gzip,sys,rdflib; d=rdflib.ConjunctiveGraph(); d.parse(data=gzip.open(sys.argv[1]).read().decode(), format=\"nquads\"); print(len(d))" "$f")" -eq "$n" ]'
done
check "the chunks together are the bytes of export -f nq" 'zcat "$bulk"/site-*.nq.gz | cmp -s - "$work/export.nq"'
cp -r "$bulk" "$work/first"
"$prog" export "$site" --bulk "$bulk" --chunk-size 600 -q || true
check "a second export writes the same bytes" 'diff -r -q "$work/first" "$bulk" > /dev/null'
"$prog" export "$site" --bulk "$bulk" --chunk-size 1000 -q || true
check "a larger --chunk-size leaves two chunks, the third one removed" \
  '[ "$(ls "$bulk"/*.nq.gz | wc -l)" -eq 2 ] && zcat "$bulk"/site-*.nq.gz | cmp -s - "$work/export.nq"'
"$prog" export "$site" --bulk "$bulk" --chunk-size 600 -q || true
check "the script says the folder must be in DirsAllowed" 'grep -q "^-- .*DirsAllowed" "$bulk/virtuoso-load.sql"'
check "the script runs ld_dir and rdf_loader_run on this folder" \
  'grep -qF "ld_dir('"'"'$bulk'"'"', '"'"'site-*.nq.gz'"'"'" "$bulk/virtuoso-load.sql" && grep -q "^rdf_loader_run();" "$bulk/virtuoso-load.sql"'
check "the README covers Virtuoso, Jena TDB2, QLever and Oxigraph" \
  'grep -q "tdb2.tdbloader" "$bulk/README.md" && grep -q "IndexBuilderMain" "$bulk/README.md" && grep -q "oxigraph load" "$bulk/README.md" && grep -q "documented, not tested" "$bulk/README.md"'
set +e
"$prog" export "$site" --bulk "$bulk" -f nq > "$work/bad.out" 2>&1; rc1=$?
"$prog" export "$site" --chunk-size 10 > "$work/bad2.out" 2>&1; rc2=$?
"$prog" export "$site" --bulk "$bulk" --chunk-size 0 > "$work/bad3.out" 2>&1; rc3=$?
set -e
check "--bulk with -f is refused (exit $rc1)" '[ "$rc1" -eq 2 ] && grep -q "leave out -f and -o" "$work/bad.out"'
check "--chunk-size without --bulk is refused (exit $rc2)" '[ "$rc2" -eq 2 ] && grep -q "goes with --bulk" "$work/bad2.out"'
check "--chunk-size 0 is refused (exit $rc3)" '[ "$rc3" -eq 2 ] && grep -q "positive number of quads" "$work/bad3.out"'

"$py" "$here/endpoint_tool.py" export-dump "$work/export.nq" "${ours[@]}" > "$work/expected.dump"
expected_count=$(grep -c . "$work/expected.dump")

# 2. Virtuoso's bulk loader, through the written script, with the folder in DirsAllowed.
VIRTUOSO_DIRS_ALLOWED="$bulk" virtuoso_start "$work/vt"
isql-vt "$VIRTUOSO_SQL_PORT" dba dba "$bulk/virtuoso-load.sql" > "$work/isql.out" 2>&1 || { cat "$work/isql.out"; fail "isql-vt runs the script"; }
check "the bulk loader reports no failed file" 'grep -q "^0 Rows" "$work/isql.out"'
"$py" "$here/endpoint_tool.py" dump "$VIRTUOSO_HTTP/sparql" "${ours[@]}" > "$work/virtuoso.dump"
"$py" "$here/endpoint_tool.py" graphs "$work/virtuoso.dump" > "$work/virtuoso.graphs"
"$py" "$here/endpoint_tool.py" graphs "$work/expected.dump" > "$work/expected.graphs"
check "Virtuoso holds the export's $graphs graphs with the same counts" \
  '[ "$(grep -c . "$work/virtuoso.graphs")" -eq "$graphs" ] && cmp -s "$work/virtuoso.graphs" "$work/expected.graphs"'
check "Virtuoso holds every quad of the export, graph by graph ($expected_count)" 'cmp -s "$work/virtuoso.dump" "$work/expected.dump"'
virtuoso_stop

# 3. Jena TDB2.
java -cp "$classpath" tdb2.tdbloader --loc "$work/tdb" "$bulk"/site-*.nq.gz > "$work/tdb.out" 2>&1 || { cat "$work/tdb.out"; fail "tdb2.tdbloader exits 0"; }
java -cp "$classpath" tdb2.tdbdump --loc "$work/tdb" > "$work/tdb.nq" 2> "$work/tdbdump.err" || { cat "$work/tdbdump.err"; fail "tdb2.tdbdump exits 0"; }
"$py" "$here/endpoint_tool.py" export-dump "$work/tdb.nq" "${ours[@]}" > "$work/tdb.dump"
"$py" "$here/endpoint_tool.py" graphs "$work/tdb.dump" > "$work/tdb.graphs"
check "TDB2 holds the export's $graphs graphs with the same counts" \
  '[ "$(grep -c . "$work/tdb.graphs")" -eq "$graphs" ] && cmp -s "$work/tdb.graphs" "$work/expected.graphs"'
check "TDB2 holds every quad of the export, graph by graph" 'cmp -s "$work/tdb.dump" "$work/expected.dump"'

echo "$failures failures"
[ "$failures" -eq 0 ]
