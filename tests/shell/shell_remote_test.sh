#!/usr/bin/env bash
# `fluxo shell --server URL` against a real `fluxo server` on its embedded broker: a script run
# with -f (SET, CREATE STREAM, INSERT VALUES, a push query ended by its LIMIT, SHOW, DESCRIBE,
# a CTAS), a pull query over the CTAS table, a bad statement rendered with line:column and a
# caret, PRINT refused with a clear message, an open push query cancelled with Ctrl-C (SIGINT)
# while statements come on stdin, and an unreachable server refused at start. Stops the server
# with SIGTERM expecting exit 0.
# Usage: shell_remote_test.sh PATH/TO/fluxo
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PATH/TO/fluxo" >&2
  exit 2
fi
fluxo=$(realpath "$1")
work_dir=$(mktemp -d)
shell_pid=
cleanup() {
  if [ -n "$shell_pid" ]; then
    kill -KILL "$shell_pid" 2>/dev/null || true
  fi
  kill_server
  rm -rf "$work_dir"
}
trap cleanup EXIT
# shellcheck source=tests/server/server_test_helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/../server/server_test_helpers.sh"

# expect_output NAME FILE PATTERN: checks that FILE has a line matching the extended regex.
expect_output() {
  if grep -qE -- "$3" "$2"; then
    pass "$1"
  else
    fail "$1: no line matches '$3' in:"
    sed 's/^/    | /' "$2"
  fi
}

# --- An unreachable server is refused at start ------------------------------------------------
# Port 1 is privileged and unused: connecting is refused at once.
status=0
"$fluxo" shell --server http://127.0.0.1:1 -e "SHOW STREAMS;" >"$work_dir/unreachable.out" \
  2>"$work_dir/unreachable.err" || status=$?
if [ "$status" -ne 0 ] && grep -q "Cannot reach the server at http://127.0.0.1:1" \
  "$work_dir/unreachable.err"; then
  pass "unreachable server -> exit $status with a clear error"
else
  fail "unreachable server: exit $status, stderr: $(cat "$work_dir/unreachable.err")"
fi
status=0
"$fluxo" shell --server https://127.0.0.1:1 -e "SHOW STREAMS;" 2>"$work_dir/https.err" || status=$?
if [ "$status" -ne 0 ] && grep -q "https is not supported yet" "$work_dir/https.err"; then
  pass "https URL -> clear error"
else
  fail "https URL: exit $status, stderr: $(cat "$work_dir/https.err")"
fi

start_server
url="http://127.0.0.1:$server_port"
remote_shell() { "$fluxo" shell --server "$url" "$@"; }

# --- A script through -f ----------------------------------------------------------------------
cat >"$work_dir/script.sql" <<'SQL'
SET 'auto.offset.reset' = 'earliest';
CREATE STREAM orders (id INT KEY, item STRING, amount DECIMAL(10, 2))
  WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=1);
INSERT INTO orders (id, item, amount) VALUES (1, 'apple', 1.25);
INSERT INTO orders (id, item, amount) VALUES (2, 'pear', 12345678.99);
INSERT INTO orders (id, item, amount) VALUES (3, 'apple', 0.50);
SELECT id, item, amount FROM orders EMIT CHANGES LIMIT 2;
SHOW STREAMS;
DESCRIBE orders;
CREATE TABLE item_counts AS SELECT item, COUNT(*) AS orders_count FROM orders GROUP BY item;
SQL
status=0
remote_shell -f "$work_dir/script.sql" >"$work_dir/script.out" 2>"$work_dir/script.err" || status=$?
if [ "$status" -eq 0 ]; then
  pass "the script runs through the server (exit 0)"
else
  fail "the script exited $status: $(cat "$work_dir/script.err")"
fi
expect_output "SET stays in the shell" "$work_dir/script.out" \
  "^Successfully changed local property 'auto.offset.reset' to 'earliest'\.$"
expect_output "CREATE STREAM -> its message" "$work_dir/script.out" "^Stream created$"
expect_output "push query row 1" "$work_dir/script.out" '^\| 1 +\| apple +\| 1\.25 +\|$'
expect_output "push query row 2 (DECIMAL digits kept)" "$work_dir/script.out" \
  '^\| 2 +\| pear +\| 12345678\.99 +\|$'
expect_output "push query ends at its LIMIT" "$work_dir/script.out" "^Limit Reached$"
if grep -q "| 3 " "$work_dir/script.out"; then
  fail "the LIMIT 2 query showed a third row"
else
  pass "the LIMIT 2 query shows 2 rows"
fi
expect_output "SHOW STREAMS -> a table" "$work_dir/script.out" '^\| ORDERS +\| orders +\| KAFKA +\| JSON +\| false +\|$'
expect_output "DESCRIBE -> Field/Type" "$work_dir/script.out" '^\| AMOUNT +\| DECIMAL\(10, 2\) +\|$'
expect_output "DESCRIBE marks the key" "$work_dir/script.out" '^\| ID +\| INTEGER \(key\) +\|$'
expect_output "CTAS -> its message" "$work_dir/script.out" "Created query with ID"

# --- A pull query over the CTAS table (the table fills in the background: retry) ---------------
pulled=false
for _ in $(seq 1 100); do
  remote_shell -e "SELECT item, orders_count FROM item_counts WHERE item = 'apple';" \
    >"$work_dir/pull.out" 2>"$work_dir/pull.err" || true
  if grep -qE '^\| apple +\| 2 +\|$' "$work_dir/pull.out"; then
    pulled=true
    break
  fi
  sleep 0.1
done
if $pulled; then
  pass "pull query over the CTAS table -> | apple | 2 |"
else
  fail "pull query: $(cat "$work_dir/pull.out" "$work_dir/pull.err")"
fi

# --- Errors -----------------------------------------------------------------------------------
status=0
remote_shell -e "SELECT * FROM nowhere EMIT CHANGES;" >"$work_dir/bad.out" 2>"$work_dir/bad.err" ||
  status=$?
if [ "$status" -ne 0 ]; then
  pass "a bad statement -> exit $status"
else
  fail "a bad statement exited 0"
fi
expect_output "the error names line:column" "$work_dir/bad.err" "^-e: line 1:15: NOWHERE does not exist"
expect_output "the error shows the line" "$work_dir/bad.err" '^  1 \| SELECT \* FROM nowhere EMIT CHANGES;$'
expect_output "a caret under the column" "$work_dir/bad.err" '^    \| {15}\^$'

remote_shell -e "CREATE STREAM broken (a INT) WITH (KAFKA_TOPIC='broken', VALUE_FORMAT='JSON', PARTITIONS=1);
DESCRIBE nothing_here;" >"$work_dir/bad2.out" 2>"$work_dir/bad2.err" || true
expect_output "an error on line 2 of -e" "$work_dir/bad2.err" "^-e: line 2:10: .*NOTHING_HERE"
expect_output "its line under it" "$work_dir/bad2.err" '^  2 \| DESCRIBE nothing_here;?$'

remote_shell -e "PRINT 'orders' FROM BEGINNING LIMIT 1;" >"$work_dir/print.out" \
  2>"$work_dir/print.err" || true
expect_output "PRINT -> a clear error" "$work_dir/print.err" "PRINT needs the embedded shell for now"

# --- An open push query cancelled with Ctrl-C, statements on stdin ----------------------------
mkfifo "$work_dir/stdin"
# Not through remote_shell: $! must be fluxo itself, which the SIGINT is for.
"$fluxo" shell --server "$url" <"$work_dir/stdin" >"$work_dir/interactive.out" \
  2>"$work_dir/interactive.err" &
shell_pid=$!
exec 4>"$work_dir/stdin"
echo "SET 'auto.offset.reset' = 'earliest';" >&4
echo "SELECT item FROM orders EMIT CHANGES;" >&4
for _ in $(seq 1 100); do
  if grep -q "^| pear" "$work_dir/interactive.out"; then
    break
  fi
  sleep 0.1
done
if wait_for_metric fluxo_push_queries_open 1; then
  pass "the open push query runs on the server"
else
  fail "no open push query on the server: $(metric fluxo_push_queries_open)"
fi
kill -INT "$shell_pid"
for _ in $(seq 1 100); do
  if grep -q "^Query terminated" "$work_dir/interactive.out"; then
    break
  fi
  sleep 0.1
done
expect_output "Ctrl-C ends the push query" "$work_dir/interactive.out" "^Query terminated$"
if wait_for_metric fluxo_push_queries_open 0; then
  pass "the server closed the push query"
else
  fail "the push query still runs on the server"
fi
echo "SHOW TABLES;" >&4
exec 4>&-
status=0
wait "$shell_pid" || status=$?
shell_pid=
expect_output "the shell goes on after Ctrl-C" "$work_dir/interactive.out" '^\| ITEM_COUNTS +\|'
if [ "$status" -eq 0 ]; then
  pass "the shell ends with exit 0 at the end of its input"
else
  fail "the shell exited $status: $(cat "$work_dir/interactive.err")"
fi

stop_server
if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
