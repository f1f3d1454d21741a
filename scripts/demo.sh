#!/usr/bin/env bash
# Installs what is missing, builds (scripts/build.sh), then runs the main job. Today that is the
# SQL front end: every example query file is parsed and printed back in canonical form.
# Works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/build.sh

echo
echo "== $(build/cli/fluxo --version)"
echo "== Parsing every example query file and printing its statements in canonical form."
echo "== (Running the queries comes in later versions.)"
for example in examples/*.sql; do
  echo
  echo "-- $example"
  build/cli/fluxo parse "$example"
done
