#!/usr/bin/env bash
# Installs what is missing (scripts/install-deps.sh), then configures and builds Fluxo with
# CMake and Ninja into ./build (RelWithDebInfo). Works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/install-deps.sh

build_dir=build
generator=(-G Ninja)
if [ -f "$build_dir/CMakeCache.txt" ]; then
  # An existing build tree keeps the generator it was configured with.
  generator=()
fi
cmake -S . -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build_dir" -j "$(nproc)"
