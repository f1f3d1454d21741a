#!/usr/bin/env bash
# scripts/demo.sh without a terminal (as in CI): stdin from /dev/null, stdout to a file. It must
# start the broker, the server with the example, the generator and the live query, print boxed
# window rows of brand_totals_live for each card brand for DEMO_SECONDS, exit 0, and leave no
# process and no temporary directory behind. Then with a generator that refuses its rate
# (DEMO_RATE=-1, so that no row can come) it must exit 1, again leaving nothing behind.
# The demo runs the fluxo binary through a symlink (see demo_test_helpers.sh).
# Usage: demo_test.sh PATH/TO/fluxo REPO_ROOT
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 PATH/TO/fluxo REPO_ROOT" >&2
  exit 2
fi
fluxo=$(realpath "$1")
repo=$(realpath "$2")

# Sets work_dir and demo_fluxo; defines left_behind and kill_left_behind.
source "$(dirname "${BASH_SOURCE[0]}")/demo_test_helpers.sh"
cleanup() {
  kill_left_behind >/dev/null
  rm -rf "$work_dir"
}
trap cleanup EXIT

failures=0
check() {
  local name=$1
  shift
  if "$@"; then
    echo "PASS $name"
  else
    echo "FAIL $name"
    failures=$((failures + 1))
  fi
}

# run_demo SECONDS RATE: runs the demo, stdout to $work_dir/out, stderr to $work_dir/err; sets
# status.
run_demo() {
  status=0
  env FLUXO_BIN="$demo_fluxo" DEMO_SECONDS="$1" DEMO_RATE="$2" TMPDIR="$work_dir/tmp" \
    bash "$repo/scripts/demo.sh" --no-build </dev/null >"$work_dir/out" 2>"$work_dir/err" ||
    status=$?
}

nothing_left_behind() {
  local pids
  pids=$(kill_left_behind)
  if [ -n "$pids" ]; then
    echo "    processes left behind (killed now): $pids"
    return 1
  fi
  if [ -n "$(ls -A "$work_dir/tmp")" ]; then
    echo "    left in TMPDIR: $(ls -A "$work_dir/tmp")"
    return 1
  fi
}

# A boxed row of brand_totals_live for BRAND: brand, window start and end (epoch ms), count.
has_row_for() {
  grep -qE "^\| $1 +\| [0-9]{13} +\| [0-9]{13} +\| [0-9]+ +\|" "$work_dir/out"
}

run_demo 6 2.4
check "demo exits 0 (it exited $status)" test "$status" -eq 0
check "the example was loaded" grep -q "Created query with ID CTAS_BRAND_TOTALS_LIVE" "$work_dir/out"
for brand in VISA MASTERCARD AMEX ELO; do
  check "a window row for $brand" has_row_for "$brand"
done
check "the live query was cancelled" grep -qx "Query terminated" "$work_dir/out"
check "the summary counts the rows" grep -qE "^== [1-9][0-9]* window rows in 6 s" "$work_dir/out"
check "nothing left behind" nothing_left_behind
if [ "$failures" -gt 0 ]; then
  echo "----- stdout -----"
  cat "$work_dir/out"
  echo "----- stderr -----"
  cat "$work_dir/err"
fi

run_demo 2 -1
check "no row: demo exits 1 (it exited $status)" test "$status" -eq 1
check "no row: it says so" grep -q "no window row came" "$work_dir/err"
check "no row: nothing left behind" nothing_left_behind

if [ "$failures" -gt 0 ]; then
  echo "demo_test: $failures check(s) failed"
  exit 1
fi
echo "demo_test: all checks passed"
