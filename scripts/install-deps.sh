#!/usr/bin/env bash
# Installs the Debian packages Fluxo needs to build and test. Idempotent: installs only what is
# missing, and does nothing (not even apt-get update) when everything is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  antlr4 libantlr4-runtime-dev
  librdkafka-dev librocksdb-dev
  libboost-program-options-dev
  libboost-dev libnghttp2-dev libssl-dev
  libedit-dev
  tmux
  doctest-dev
  nlohmann-json3-dev
  libsimdjson-dev
  clang-format clang-tidy
  python3
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
echo "install-deps: done"
