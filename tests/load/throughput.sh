#!/usr/bin/env bash
# Load throughput into a private Virtuoso: a large file made of examples/site exported under
# COPIES different base IRIs (the first argument, default 80: about 100k distinct triples),
# loaded with
#   guidegraph load big.nt --graph IRI --endpoint .../sparql-graph-crud-auth --update-endpoint .../sparql-auth
# (INSERT DATA batches into a temporary graph, count check, swap), with --upload graph-store
# (one Graph Store PUT), and with SPARQL Update only. Prints triples/s; fails if a load fails
# or the count differs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${GUIDEGRAPH_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
prog=${GUIDEGRAPH:?set GUIDEGRAPH to the guidegraph program}
copies=${1:-80}
source "$here/virtuoso_env.sh"
work=$(mktemp -d /tmp/guidegraph-throughput.XXXXXX)
cleanup() { local s=$?; virtuoso_stop; rm -rf "$work"; exit $s; }
trap cleanup EXIT INT TERM

for i in $(seq 1 "$copies"); do
  "$prog" export "$src/examples/site" --base "https://copy$i.example.org/" -q -f nt
done | sort -u > "$work/big.nt"
triples=$(wc -l < "$work/big.nt")
echo "generated $work/big.nt: $triples distinct triples, $(du -h "$work/big.nt" | cut -f1)"

virtuoso_start "$work/vt"
export GUIDEGRAPH_PASSWORD=dba
export HOME="$work"
count() {
  curl -sf -H 'Accept: text/csv' --data-urlencode "query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH <$1> { ?s ?p ?o } }" \
    "$VIRTUOSO_HTTP/sparql" | tail -1
}
measure() {  # LABEL GRAPH ARGS...
  local label=$1 graph=$2; shift 2
  local start end ms
  start=$(date +%s%N)
  "$prog" load "$work/big.nt" --graph "$graph" --auth digest --user dba --timeout 120 "$@"
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  local n; n=$(count "$graph")
  [ "$n" -eq "$triples" ] || { echo "FAIL: $label: endpoint holds $n triples, expected $triples"; exit 1; }
  echo "THROUGHPUT $label: $triples triples in $ms ms = $(( triples * 1000 / (ms > 0 ? ms : 1) )) triples/s"
}
measure "INSERT DATA batches + swap (first load)" https://bench.example/graph \
  --endpoint "$VIRTUOSO_HTTP/sparql-graph-crud-auth" --update-endpoint "$VIRTUOSO_HTTP/sparql-auth"
measure "INSERT DATA batches + swap (replacing the same graph)" https://bench.example/graph \
  --endpoint "$VIRTUOSO_HTTP/sparql-graph-crud-auth" --update-endpoint "$VIRTUOSO_HTTP/sparql-auth"
measure "Graph Store PUT + swap (replacing the same graph)" https://bench.example/graph \
  --endpoint "$VIRTUOSO_HTTP/sparql-graph-crud-auth" --update-endpoint "$VIRTUOSO_HTTP/sparql-auth" \
  --upload graph-store
measure "SPARQL Update only" https://bench.example/update \
  --update-endpoint "$VIRTUOSO_HTTP/sparql-auth"
