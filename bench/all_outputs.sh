#!/bin/bash
# Writes every output of a site into a folder, with each command's diagnostics and exit
# code, so that two builds can be compared byte for byte:
#
#   bench/all_outputs.sh OLD/guidegraph SITE before
#   bench/all_outputs.sh NEW/guidegraph SITE after
#   diff -r before after && echo identical
#
# Outputs: export (ttl, nt, nq, trig, jsonld; --force, so a site with violations is
# written too), catalog (mrc, marcxml, oai_dc, oai-pmh, oai-static, csv), publish, map
# (DOT), pages, validate; OUT/NAME.stderr holds each command's diagnostics, OUT/rc the exit
# codes.
set -u
if [ $# -ne 3 ]; then
  echo "usage: $0 GUIDEGRAPH SITE OUT" >&2
  exit 2
fi
G=$1 S=$2 O=$3
rm -rf "$O"
mkdir -p "$O/export" "$O/catalog" "$O/publish"
"$G" export "$S" -f ttl,nt,nq,trig,jsonld -o "$O/export" --force -q 2>"$O/export.stderr"
echo "export $?" >>"$O/rc"
for f in mrc marcxml oai_dc oai-pmh oai-static csv; do
  "$G" catalog "$S" -f "$f" -o "$O/catalog/catalog.$f" -q 2>"$O/catalog-$f.stderr"
  echo "catalog-$f $?" >>"$O/rc"
done
"$G" publish "$S" --into "$O/publish" -q 2>"$O/publish.stderr"
echo "publish $?" >>"$O/rc"
"$G" map "$S" -o "$O/map.dot" -q 2>"$O/map.stderr"
echo "map $?" >>"$O/rc"
"$G" pages "$S" >"$O/pages.csv" 2>"$O/pages.stderr"
echo "pages $?" >>"$O/rc"
"$G" validate "$S" >"$O/validate.stdout" 2>"$O/validate.stderr"
echo "validate $?" >>"$O/rc"
