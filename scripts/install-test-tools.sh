#!/usr/bin/env bash
# Installs the independent clients the integration tests check Fluxo against, and the real Kafka
# broker they run on:
#   - kcat, curl and openssl (Debian packages; apt-get update only when something is missing,
#     sudo only when not root), and Java, Maven, Node.js/npm and python3-venv when the machine
#     lacks them
#   - a Python virtualenv at .cache/test-venv (from the machine's python3) with pinned kafka-python
#     and confluent-kafka from PyPI
#   - the Apache Kafka broker's jars, through scripts/kafka-broker.sh install
#   - the npm package ksqldb-client@1.0.5 (into .cache/node) for tests/server
# Idempotent and quick (well under a second) when everything is already there. Works from any
# directory.
# Usage: scripts/install-test-tools.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Changing a pin reinstalls the venv's packages on the next run (the stamp names the pins).
python_packages=(kafka-python==2.3.3 confluent-kafka==2.16.1)
venv=.cache/test-venv

# --- Debian packages ---------------------------------------------------------------------------
# kcat and curl always; the runtimes the other tools need only when the machine lacks them:
# Java 17 and Maven (the Kafka broker), Node.js and npm (the REST acceptance test), and the venv
# module of the system python3.
debian_packages=(kcat curl openssl)
missing=()
for package in "${debian_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
command -v java >/dev/null || missing+=(default-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v npm >/dev/null || missing+=(nodejs npm)
# Debian ships the venv module with python3 but ensurepip, which creating a venv needs, only in
# python3-venv: `python3 -m venv --help` succeeds without it.
python3 -c 'import ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
  fi
  echo "install-test-tools: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# --- Python clients ----------------------------------------------------------------------------
stamp="$venv/.installed-$(printf '%s\n' "${python_packages[@]}" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "install-test-tools: installing ${python_packages[*]} into $venv"
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
  fi
  rm -f "$venv"/.installed-*
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "${python_packages[@]}"
  touch "$stamp"
fi

# --- Node client for the REST acceptance test (tests/server) -----------------------------------
if [ ! -f .cache/node/node_modules/ksqldb-client/package.json ]; then
  echo "install-test-tools: installing ksqldb-client@1.0.5 into .cache/node"
  mkdir -p .cache/node
  npm install --prefix .cache/node --no-audit --no-fund --silent ksqldb-client@1.0.5
fi

# --- The real Kafka broker ---------------------------------------------------------------------
./scripts/kafka-broker.sh install
