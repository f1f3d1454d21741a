#!/usr/bin/env bash
# End-to-end checks of `fluxo --help`, `fluxo --version` and `fluxo parse`.
# Usage: parse_command_test.sh PATH/TO/fluxo REPO_ROOT
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 PATH/TO/fluxo REPO_ROOT" >&2
  exit 2
fi
fluxo=$(realpath "$1")
repo_root=$(realpath "$2")

work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT

passed=0
failed=0

pass() {
  echo "PASS $1"
  passed=$((passed + 1))
}

# fail NAME [DETAIL-FILE...]: reports a failed check and shows what the command printed.
fail() {
  local name=$1
  shift
  echo "FAIL $name"
  local file
  for file in "$@"; do
    if [ -s "$file" ]; then
      sed 's/^/    | /' "$file" | head -n 20
    fi
  done
  failed=$((failed + 1))
}

# run_fluxo ARGS...: runs fluxo with stdout/stderr captured in $work_dir/out and $work_dir/err;
# the exit status lands in $status (never aborts the script).
run_fluxo() {
  status=0
  "$fluxo" "$@" >"$work_dir/out" 2>"$work_dir/err" || status=$?
}

out="$work_dir/out"
err="$work_dir/err"

# --help: exit 0, usage and the parse subcommand on stdout.
run_fluxo --help
if [ "$status" -eq 0 ] && grep -q "Usage: fluxo" "$out" && grep -qE "^ +parse " "$out"; then
  pass "--help lists the parse command"
else
  fail "--help lists the parse command (exit $status)" "$out" "$err"
fi

# --version: exit 0, one line naming fluxo, librdkafka and RocksDB versions.
run_fluxo --version
if [ "$status" -eq 0 ] &&
  grep -qE '^fluxo [0-9]+\.[0-9]+\.[0-9]+ \(librdkafka [0-9.]+, RocksDB [0-9]+\.[0-9]+\.[0-9]+\)$' \
    "$out"; then
  pass "--version prints fluxo, librdkafka and RocksDB versions"
else
  fail "--version prints fluxo, librdkafka and RocksDB versions (exit $status)" "$out" "$err"
fi

# parse --help: exit 0, the subcommand's usage.
run_fluxo parse --help
if [ "$status" -eq 0 ] && grep -q "Usage: fluxo parse" "$out"; then
  pass "parse --help"
else
  fail "parse --help (exit $status)" "$out" "$err"
fi

# Every example parses; its canonical output parses again and prints identically.
shopt -s nullglob
examples=("$repo_root"/examples/*.sql)
shopt -u nullglob
if [ ${#examples[@]} -eq 0 ]; then
  fail "examples/*.sql exist in $repo_root/examples"
fi
for example in "${examples[@]}"; do
  name=examples/$(basename "$example")
  run_fluxo parse "$example"
  if [ "$status" -ne 0 ] || [ ! -s "$out" ]; then
    fail "parse $name (exit $status)" "$err"
    continue
  fi
  cp "$out" "$work_dir/first.sql"
  run_fluxo parse "$work_dir/first.sql"
  if [ "$status" -ne 0 ]; then
    fail "parse $name: printed SQL parses again (exit $status)" "$err"
  elif ! diff -u "$work_dir/first.sql" "$out" >"$work_dir/diff"; then
    fail "parse $name: printed SQL prints identically" "$work_dir/diff"
  else
    pass "parse $name is idempotent"
  fi
done

# Several files in one call print every statement, in order.
if [ ${#examples[@]} -ge 2 ]; then
  run_fluxo parse "${examples[0]}" "${examples[1]}"
  "$fluxo" parse "${examples[0]}" >"$work_dir/expected" 2>/dev/null
  "$fluxo" parse "${examples[1]}" >>"$work_dir/expected" 2>/dev/null
  if [ "$status" -eq 0 ] && diff -q "$work_dir/expected" "$out" >/dev/null; then
    pass "parse of two files prints both, in order"
  else
    fail "parse of two files prints both, in order (exit $status)" "$err"
  fi
fi

# '-' reads standard input.
status=0
printf 'select name from users where id = 1;\nSHOW STREAMS' |
  "$fluxo" parse - >"$out" 2>"$err" || status=$?
if [ "$status" -eq 0 ] && [ "$(wc -l <"$out")" -eq 2 ] && grep -q "^SELECT NAME" "$out" &&
  grep -q "^SHOW STREAMS;$" "$out"; then
  pass "parse - reads standard input"
else
  fail "parse - reads standard input (exit $status)" "$out" "$err"
fi

# A bad statement: exit 1, line:column, the offending line and a caret on stderr, nothing on
# stdout.
echo 'SELECT * FROM;' >"$work_dir/bad.sql"
run_fluxo parse "$work_dir/bad.sql"
if [ "$status" -eq 1 ] && grep -q "bad.sql: line 1:" "$err" && grep -q "SELECT \* FROM;" "$err" &&
  grep -q '\^' "$err" && [ ! -s "$out" ]; then
  pass "a syntax error exits 1 with line:column and a caret"
else
  fail "a syntax error exits 1 with line:column and a caret (exit $status)" "$out" "$err"
fi

# The same through standard input names <stdin>.
status=0
echo 'SELECT * FROM;' | "$fluxo" parse - >"$out" 2>"$err" || status=$?
if [ "$status" -eq 1 ] && grep -q "<stdin>: line 1:" "$err" && grep -q '\^' "$err"; then
  pass "a syntax error on standard input names <stdin>"
else
  fail "a syntax error on standard input names <stdin> (exit $status)" "$out" "$err"
fi

# A missing file: exit 1 with a message naming it.
run_fluxo parse "$work_dir/no_such_file.sql"
if [ "$status" -eq 1 ] && grep -q "no_such_file.sql" "$err"; then
  pass "a missing file exits 1 and names the file"
else
  fail "a missing file exits 1 and names the file (exit $status)" "$out" "$err"
fi

# Processing stops at the first failing file.
if [ ${#examples[@]} -ge 1 ]; then
  run_fluxo parse "$work_dir/bad.sql" "${examples[0]}"
  if [ "$status" -eq 1 ] && [ ! -s "$out" ]; then
    pass "parse stops at the first failing file"
  else
    fail "parse stops at the first failing file (exit $status)" "$out" "$err"
  fi
fi

# Usage errors exit 2 with the usage on stderr.
run_fluxo no-such-command
if [ "$status" -eq 2 ] && grep -q "no-such-command" "$err" && grep -q "Usage: fluxo" "$err"; then
  pass "an unknown command exits 2 with the usage"
else
  fail "an unknown command exits 2 with the usage (exit $status)" "$out" "$err"
fi

run_fluxo parse --no-such-option
if [ "$status" -eq 2 ] && grep -q "Usage: fluxo parse" "$err"; then
  pass "an unknown option of parse exits 2"
else
  fail "an unknown option of parse exits 2 (exit $status)" "$out" "$err"
fi

run_fluxo parse
if [ "$status" -eq 2 ]; then
  pass "parse without files exits 2"
else
  fail "parse without files exits 2 (exit $status)" "$out" "$err"
fi

run_fluxo
if [ "$status" -eq 2 ] && grep -q "Usage: fluxo" "$err"; then
  pass "no command exits 2 with the usage"
else
  fail "no command exits 2 with the usage (exit $status)" "$out" "$err"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
