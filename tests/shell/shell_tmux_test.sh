#!/usr/bin/env bash
# End-to-end check of `fluxo shell` on a real terminal: tmux runs it in a detached session of a
# fixed size, `send-keys` types, and `capture-pane` reads the screen. Every step waits for what
# it expects with a deadline (no fixed sleeps). It checks: a multi-line CREATE STREAM with the
# continuation prompt, INSERTs, a push query ended by its LIMIT, an open push query cancelled
# with Ctrl-C (the shell stays and runs the next statement), Ctrl-C at the prompt clearing the
# line, an error with line:column and a caret, PRINT, Ctrl-D ending the shell with status 0,
# and the history file.
# Usage: shell_tmux_test.sh PATH/TO/fluxo     (exits 77, "skipped", when tmux is missing)
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PATH/TO/fluxo" >&2
  exit 2
fi
if ! command -v tmux >/dev/null; then
  echo "shell_tmux_test: tmux is not installed; skipping" >&2
  exit 77
fi
fluxo=$(realpath "$1")

work_dir=$(mktemp -d)
socket="fluxo-shell-test-$$"  # A private tmux server: nothing else shares it.
tmux_() { tmux -L "$socket" "$@"; }
cleanup() {
  tmux_ kill-server 2>/dev/null || true
  rm -rf "$work_dir"
}
trap cleanup EXIT

# The whole pane, scrollback included, with wrapped lines joined.
screen() { tmux_ capture-pane -p -J -S - -t shell; }

fail() {
  echo "shell_tmux_test: FAILED: $*" >&2
  echo "----- screen -----" >&2
  screen >&2 || true
  echo "------------------" >&2
  exit 1
}

# wait_for TEXT [COUNT]: waits until TEXT (a fixed string) shows on COUNT lines (default 1).
wait_for() {
  local text=$1 count=${2:-1} deadline=$((SECONDS + 30))
  while [ "$(screen | grep -cF -- "$text" || true)" -lt "$count" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "waited 30 s for '$text' (x$count)"
    fi
    sleep 0.1
  done
}

# type_line TEXT: types TEXT and Enter. tmux reads an argument ending in ';' as a command
# separator, so a trailing ';' is escaped.
type_line() {
  local text=$1
  if [[ "$text" == *";" ]]; then
    text="${text%;}\\;"
  fi
  tmux_ send-keys -t shell -l -- "$text"
  tmux_ send-keys -t shell Enter
}

# The prompts on screen so far (capture-pane drops the space after an empty prompt).
prompts() { screen | grep -c '^fluxo>' || true; }

# type_statement TEXT: types a statement and waits until the shell is back at its prompt.
type_statement() {
  local before
  before=$(prompts)
  type_line "$1"
  wait_for_prompt $((before + 1))
}

wait_for_prompt() {
  local count=$1 deadline=$((SECONDS + 30))
  while [ "$(prompts)" -lt "$count" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "waited 30 s for prompt number $count"
    fi
    sleep 0.1
  done
}

history_file="$work_dir/history"
tmux_ new-session -d -s shell -x 160 -y 50 \
  "cd '$work_dir' && env HOME='$work_dir' FLUXO_HISTORY_FILE='$history_file' '$fluxo' shell; \
   echo \$? > '$work_dir/exit_status'"
tmux_ set-option -t shell history-limit 10000 >/dev/null
tmux_ set-option -t shell remain-on-exit on >/dev/null

wait_for "fluxo>"

type_statement "SET 'auto.offset.reset' = 'earliest';"
wait_for "Successfully changed local property 'auto.offset.reset'"

# A statement over two lines: the second line gets the continuation prompt.
type_line "CREATE STREAM orders (id INT KEY, item STRING)"
wait_for "     >"
type_statement "  WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=1);"
wait_for "Stream created"

type_statement "INSERT INTO orders (id, item) VALUES (1, 'apple');"
type_statement "INSERT INTO orders (id, item) VALUES (2, 'pear');"
type_statement "INSERT INTO orders (id, item) VALUES (3, 'fig');"

# A push query ended by its LIMIT.
type_statement "SELECT id, item FROM orders EMIT CHANGES LIMIT 2;"
wait_for "Limit Reached"
screen | grep -qE '^\| 1 +\| apple +\|$' || fail "row 1 of the LIMIT query is missing"
screen | grep -qE '^\| 2 +\| pear +\|$' || fail "row 2 of the LIMIT query is missing"

# An open push query: its rows show, Ctrl-C cancels it, and the shell takes the next statement.
prompts_before=$(prompts)
type_line "SELECT item FROM orders EMIT CHANGES;"
wait_for "| fig" 1
tmux_ send-keys -t shell C-c
wait_for "Query terminated" 2
wait_for_prompt $((prompts_before + 1))
type_statement "SHOW STREAMS;"
wait_for "| ORDERS"

# Ctrl-C at the prompt drops what was typed.
prompts_before=$(prompts)
tmux_ send-keys -t shell -l -- "SHOW BROKEN"
tmux_ send-keys -t shell C-c
wait_for_prompt $((prompts_before + 1))
type_statement "SHOW TOPICS;"
wait_for "| orders"

# A bad statement: the error with its line:column and a caret; the shell goes on.
type_statement "SELECT * FROM nowhere EMIT CHANGES;"
wait_for "line 1:15: NOWHERE does not exist."
wait_for "  1 | SELECT * FROM nowhere EMIT CHANGES"
screen | grep -qE '^ +\| +\^~~~~~~$' || fail "no caret under the unknown name"

# Variables and PRINT.
type_statement "DEFINE topic = 'orders';"
type_statement "PRINT '\${topic}' FROM BEGINNING LIMIT 1;"
wait_for "Key format: KAFKA_INT"
wait_for 'key: 1, value: {"ITEM":"apple"}, partition: 0'

# Ctrl-D leaves with status 0.
tmux_ send-keys -t shell C-d
deadline=$((SECONDS + 30))
while [ ! -s "$work_dir/exit_status" ]; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    fail "the shell did not exit after Ctrl-D"
  fi
  sleep 0.1
done
status=$(cat "$work_dir/exit_status")
[ "$status" = "0" ] || fail "the shell exited with status $status, not 0"

grep -q 'CREATE' "$history_file" || fail "the history file has no CREATE line"

echo "shell_tmux_test: OK"
