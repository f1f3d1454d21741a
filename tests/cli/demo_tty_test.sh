#!/usr/bin/env bash
# scripts/demo.sh on a terminal, driven through tmux (a private server, a detached session of a
# fixed size): the live rows of brand_totals_live show without typing; Ctrl-C stops them and
# leaves the fluxo shell at its prompt, where SQL still runs (SHOW TABLES); Ctrl-D ends the demo
# with status 0, and no process it started and no temporary directory is left behind.
# The demo runs the fluxo binary through a symlink (see demo_test_helpers.sh).
# Usage: demo_tty_test.sh PATH/TO/fluxo REPO_ROOT     (exits 77, "skipped", without tmux)
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 PATH/TO/fluxo REPO_ROOT" >&2
  exit 2
fi
if ! command -v tmux >/dev/null; then
  echo "demo_tty_test: tmux is not installed; skipping" >&2
  exit 77
fi
fluxo=$(realpath "$1")
repo=$(realpath "$2")

# Sets work_dir and demo_fluxo; defines left_behind and kill_left_behind.
source "$(dirname "${BASH_SOURCE[0]}")/demo_test_helpers.sh"
socket="fluxo-demo-test-$$"  # A private tmux server: nothing else shares it.
tmux_() { tmux -L "$socket" "$@"; }
cleanup() {
  tmux_ kill-server 2>/dev/null || true
  kill_left_behind >/dev/null
  rm -rf "$work_dir"
}
trap cleanup EXIT

# The whole pane, scrollback included, with wrapped lines joined.
screen() { tmux_ capture-pane -p -J -S - -t demo; }

fail() {
  echo "demo_tty_test: FAILED: $*" >&2
  echo "----- screen -----" >&2
  screen >&2 || true
  echo "------------------" >&2
  exit 1
}

# wait_for REGEX [COUNT]: waits until COUNT lines (default 1) of the screen match REGEX.
wait_for() {
  local regex=$1 count=${2:-1} deadline=$((SECONDS + 30))
  while [ "$(screen | grep -cE -- "$regex" || true)" -lt "$count" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "waited 30 s for /$regex/ (x$count)"
    fi
    sleep 0.1
  done
}

tmux_ new-session -d -s demo -x 160 -y 50 \
  "env HOME='$work_dir' FLUXO_HISTORY_FILE='$work_dir/history' FLUXO_BIN='$demo_fluxo' \
     TMPDIR='$work_dir/tmp' bash '$repo/scripts/demo.sh' --no-build; \
   echo \$? > '$work_dir/exit_status'"
tmux_ set-option -t demo history-limit 10000 >/dev/null
tmux_ set-option -t demo remain-on-exit on >/dev/null

# Live rows without typing: one per brand, each with its window start and end in epoch ms.
for brand in VISA MASTERCARD AMEX ELO; do
  wait_for "^\| $brand +\| [0-9]{13} +\| [0-9]{13} +\| [0-9]+ +\|"
done
echo "PASS live rows for every brand"

# Ctrl-C stops the live view; the shell goes on and runs SQL.
tmux_ send-keys -t demo C-c
wait_for "^Query terminated$"
wait_for "^fluxo>"
echo "PASS Ctrl-C stops the live view and leaves the shell at its prompt"
tmux_ send-keys -t demo -l "SHOW TABLES"
tmux_ send-keys -t demo '\;' Enter
wait_for "^\| BRAND_TOTALS_FINAL +\|"
wait_for "^fluxo>" 2
echo "PASS the shell runs SQL against the demo's server"

# Ctrl-D ends the demo, which stops everything it started.
tmux_ send-keys -t demo C-d
deadline=$((SECONDS + 30))
while [ ! -s "$work_dir/exit_status" ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "the demo did not end within 30 s of Ctrl-D"
  sleep 0.1
done
status=$(cat "$work_dir/exit_status")
[ "$status" = 0 ] || fail "the demo exited with status $status"
echo "PASS Ctrl-D ends the demo with status 0"
pids=$(left_behind)
[ -z "$pids" ] || fail "processes left behind: $pids"
[ -z "$(ls -A "$work_dir/tmp")" ] || fail "left in TMPDIR: $(ls -A "$work_dir/tmp")"
echo "PASS nothing left behind"
echo "demo_tty_test: all checks passed"
