#!/bin/sh
# Checks a Hugo site of guides with guidegraph and builds it with its linked data, as a
# site's own CI would (examples/ci/github-workflow.yml runs the same steps on GitHub Actions):
#
#   1. validate: every problem in the content, as SARIF for the code host to annotate the
#      pull request (guidegraph.sarif), and on the log as file:line:col lines;
#   2. publish: every page's graph (index.ttl, index.jsonld) into the site's static/ folder
#      (exit code 1, content errors, was reported by validate: the rest is still published;
#      2, a file that could not be written, stops the build);
#   3. hugo: build the site, which then serves the data beside each page.
#
# Usage: guidegraph-site-check.sh [SITE]   (SITE: the Hugo site's folder, default .)
# Needs guidegraph (or GUIDEGRAPH=/path/to/guidegraph) and hugo on PATH. Exits with
# validate's code (1: the content has errors; the SARIF file is still written) after the
# other steps, so that a pull request's build shows both the annotations and the site.
set -eu
SITE=${1:-.}
GUIDEGRAPH=${GUIDEGRAPH:-guidegraph}
export SITE GUIDEGRAPH

status=0
# step: validate
"$GUIDEGRAPH" validate "$SITE" -f sarif -o guidegraph.sarif || status=$?
# step: report
"$GUIDEGRAPH" validate "$SITE" --quiet || true
# step: publish
"$GUIDEGRAPH" publish "$SITE" --quiet || [ $? -eq 1 ]
# step: build
hugo --source "$SITE" --destination public --quiet
exit "$status"
