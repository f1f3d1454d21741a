#!/usr/bin/env bash
# Installs what is missing, builds (scripts/build.sh), then runs every test with ctest.
# Exits non-zero when a test fails. Works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/build.sh
ctest --test-dir build --output-on-failure -j2
