#!/usr/bin/env bash
# Installs the DuckDB side of bench/nexmark_stateful_bench (the npm package @duckdb/node-api,
# pinned in package.json, which ships DuckDB's binary) into bench/duckdb/node_modules
# (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"
# npm 11 writes lock files without the other platforms' optional binding packages and then
# refuses `npm ci` on them; `npm install --no-save` installs the same pinned versions.
npm ci --no-audit --no-fund 2>/dev/null || npm install --no-save --no-audit --no-fund
node -e "import('@duckdb/node-api').then(() => console.log('@duckdb/node-api ready'))"
