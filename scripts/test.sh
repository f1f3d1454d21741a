#!/usr/bin/env bash
# Installs what is missing, builds (scripts/build.sh), then runs every test with ctest.
# Exits non-zero when a test fails. Works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/build.sh
# The integration tests' clients (kcat, kafka-python, confluent-kafka) and the real Kafka broker.
./scripts/install-test-tools.sh
ctest --test-dir build --output-on-failure -j2
