#!/usr/bin/env bash
# The REST-compatibility acceptance test: ../shared/acceptance/ksqldb-client.accept.js (the npm
# package ksqldb-client@1.0.5, unchanged, over h2c) against `fluxo server` on its embedded
# broker. Installs the package into .cache/node when it is missing (scripts/install-test-tools.sh
# installs it too), expects 'N passed, 0 failed', then stops the server with SIGTERM expecting
# exit 0. Exits 77 (ctest: skipped) when the acceptance script or node is not there.
# Usage: ksqldb_client_acceptance_test.sh PATH/TO/fluxo REPO_ROOT
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 PATH/TO/fluxo REPO_ROOT" >&2
  exit 2
fi
fluxo=$(realpath "$1")
repo_root=$(realpath "$2")
accept_js="$repo_root/../shared/acceptance/ksqldb-client.accept.js"
node_dir="$repo_root/.cache/node"

if [ ! -f "$accept_js" ]; then
  echo "SKIP $accept_js is not there"
  exit 77
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIP node and npm are needed to run the ksqldb-client acceptance test"
  exit 77
fi
if [ ! -f "$node_dir/node_modules/ksqldb-client/package.json" ]; then
  echo "installing ksqldb-client@1.0.5 into $node_dir"
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --silent ksqldb-client@1.0.5
fi

work_dir=$(mktemp -d)
cleanup() {
  kill_server
  rm -rf "$work_dir"
}
trap cleanup EXIT
# shellcheck source=tests/server/server_test_helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/server_test_helpers.sh"

start_server
status=0
NODE_PATH="$node_dir/node_modules" KSQL_HOST=127.0.0.1 KSQL_PORT=$server_port \
  timeout 300 node "$accept_js" >"$work_dir/accept.out" 2>&1 || status=$?
sed 's/^/    | /' "$work_dir/accept.out"
summary=$(tail -n 1 "$work_dir/accept.out")
if [ "$status" -eq 0 ] && [[ "$summary" =~ ^[0-9]+\ passed,\ 0\ failed$ ]]; then
  pass "ksqldb-client acceptance: $summary"
else
  fail "ksqldb-client acceptance (exit $status): $summary"
  sed 's/^/    server | /' "$work_dir/server.err" | tail -n 40
fi
stop_server
exit $((failures > 0))
