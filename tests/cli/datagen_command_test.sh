#!/usr/bin/env bash
# End-to-end checks of `fluxo datagen --output -` (no broker): the same seed gives the same
# bytes, every quickstart writes the documented fields and types, transactions come in bursts,
# --late-ratio makes records late (and 0 none), --rate paces, SIGTERM ends an unlimited run with
# exit 0, and bad arguments exit 2 with a clear message. The Kafka side is datagen_kafka_test.sh.
# Usage: datagen_command_test.sh PATH/TO/fluxo
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PATH/TO/fluxo" >&2
  exit 2
fi
fluxo=$(realpath "$1")
quickstarts=(transactions trades users pageviews bids persons auctions)

work_dir=$(mktemp -d)
datagen_pid=
cleanup() {
  if [ -n "$datagen_pid" ] && kill -0 "$datagen_pid" 2>/dev/null; then
    kill -KILL "$datagen_pid" 2>/dev/null || true
  fi
  rm -rf "$work_dir"
}
trap cleanup EXIT

failures=0
pass() { echo "PASS $*"; }
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}

# generate NAME FILE [ARGS...]: 2000 records of quickstart NAME on stdout into FILE.
generate() {
  local name=$1 file=$2
  shift 2
  "$fluxo" datagen --quickstart "$name" --output - --count 2000 "$@" >"$file" 2>"$work_dir/err"
}

# (a) Determinism: the same seed twice gives the same bytes; another seed differs.
for name in "${quickstarts[@]}"; do
  generate "$name" "$work_dir/a1" --seed 7
  generate "$name" "$work_dir/a2" --seed 7
  generate "$name" "$work_dir/b" --seed 8
  if [ "$(wc -l <"$work_dir/a1")" -eq 2000 ] && cmp -s "$work_dir/a1" "$work_dir/a2" &&
    ! cmp -s "$work_dir/a1" "$work_dir/b"; then
    pass "$name: seed 7 twice gives identical output, seed 8 differs"
  else
    fail "$name: determinism by seed"
  fi
done
generate transactions "$work_dir/d1" --seed 7 --format delimited
generate transactions "$work_dir/d2" --seed 7 --format delimited
if cmp -s "$work_dir/d1" "$work_dir/d2"; then
  pass "transactions: --format delimited is deterministic too"
else
  fail "transactions: --format delimited differs between two runs with one seed"
fi

# (b) Fields and types of every quickstart; the key is the key column as text; the timestamp
# column starts at --start-time (default 2026-01-01T00:00:00Z) and never goes back.
# check_fields NAME KEY_FIELD TIMESTAMP_FIELD FIELD:TYPE... (types: str int dec)
check_fields() {
  local name=$1 key_field=$2 time_field=$3
  shift 3
  generate "$name" "$work_dir/$name.json" --seed 3
  if python3 - "$work_dir/$name.json" "$key_field" "$time_field" "$@" >"$work_dir/check" 2>&1 <<'PY'
import json, re, sys
path, key_field, time_field, *specs = sys.argv[1:]
fields = [spec.split(":") for spec in specs]
previous = 1767225600000
for number, line in enumerate(open(path, encoding="utf-8"), 1):
    key, value_text = line.rstrip("\n").split("\t")
    value = json.loads(value_text)
    assert list(value) == [name for name, _ in fields], f"line {number}: fields {list(value)}"
    for name, kind in fields:
        item = value[name]
        if kind == "str":
            assert isinstance(item, str) and item, f"line {number}: {name} is not a string"
        elif kind == "int":
            assert isinstance(item, int), f"line {number}: {name} is not an integer"
        else:  # dec: a JSON number written with exactly two fraction digits
            assert isinstance(item, float), f"line {number}: {name} is not a decimal"
            assert re.search(rf'"{name}":\d+\.\d\d[,}}]', value_text), f"line {number}: {name}"
    assert key == str(value[key_field]), f"line {number}: key {key!r} is not {key_field}"
    assert value[time_field] >= previous, f"line {number}: {time_field} goes back"
    previous = value[time_field]
print("ok")
PY
  then
    pass "$name: 2000 JSON values with fields $*, key = $key_field"
  else
    fail "$name: fields and types"
    sed 's/^/    | /' "$work_dir/check"
  fi
}
check_fields transactions card_id ts card_id:str brand:str amount:dec merchant:str city:str ts:int
check_fields trades symbol transaction_date symbol:str shares:int price:dec transaction_date:int
check_fields users user_id registered_at user_id:str name:str region:str registered_at:int
check_fields pageviews user_id viewtime user_id:str page_id:str viewtime:int
check_fields bids auction date_time auction:int bidder:int price:int channel:str url:str \
  date_time:int
check_fields persons id date_time id:int name:str email_address:str credit_card:str city:str \
  state:str date_time:int
check_fields auctions id date_time id:int item_name:str description:str initial_bid:int \
  reserve:int date_time:int expires:int seller:int category:int

# Transactions come in bursts: runs of 8 to 20 records at most 50 ms apart, separated by at
# least 1 s of quiet (the last burst may be cut short by --count).
if python3 - "$work_dir/transactions.json" >"$work_dir/check" 2>&1 <<'PY'
import json, sys
times = [json.loads(line.split("\t")[1])["ts"] for line in open(sys.argv[1])]
bursts, size = [], 1
for before, after in zip(times, times[1:]):
    gap = after - before
    assert 0 <= gap <= 50 or gap >= 1000, f"gap {gap} ms is neither in a burst nor between"
    if gap >= 1000:
        bursts.append(size)
        size = 1
    else:
        size += 1
assert bursts and all(8 <= size <= 20 for size in bursts), f"burst sizes {bursts}"
assert size <= 20
print(f"{len(bursts)} bursts")
PY
then
  pass "transactions: records come in bursts of 8-20 by event time ($(cat "$work_dir/check"))"
else
  fail "transactions: bursts"
  sed 's/^/    | /' "$work_dir/check"
fi

# users and pageviews share the ids User_1 .. User_N, so that a join matches; users registers
# every user first.
generate users "$work_dir/users" --key-count 50
generate pageviews "$work_dir/pageviews" --key-count 50
if python3 - "$work_dir/users" "$work_dir/pageviews" >"$work_dir/check" 2>&1 <<'PY'
import sys
users = [line.split("\t")[0] for line in open(sys.argv[1])]
views = {line.split("\t")[0] for line in open(sys.argv[2])}
assert users[:50] == [f"User_{n}" for n in range(1, 51)], users[:5]
assert views <= set(users), sorted(views - set(users))[:5]
print("ok")
PY
then
  pass "users and pageviews: the same id range User_1..User_50, users registered first"
else
  fail "users and pageviews ids"
  sed 's/^/    | /' "$work_dir/check"
fi

# --format delimited: the JSON values in column order, comma-separated.
generate trades "$work_dir/trades.csv" --seed 3 --format delimited
if python3 - "$work_dir/trades.json" "$work_dir/trades.csv" >"$work_dir/check" 2>&1 <<'PY'
import json, sys
json_lines, csv_lines = open(sys.argv[1]).readlines(), open(sys.argv[2]).readlines()
assert len(json_lines) == len(csv_lines)
for json_line, csv_line in zip(json_lines, csv_lines):
    key, value = json_line.rstrip("\n").split("\t")
    csv_key, csv_value = csv_line.rstrip("\n").split("\t")
    record = json.loads(value)
    expected = [f"{v:.2f}" if isinstance(v, float) else str(v) for v in record.values()]
    assert csv_key == key and csv_value.split(",") == expected, (csv_line, expected)
print("ok")
PY
then
  pass "trades: --format delimited writes the JSON values in column order"
else
  fail "trades: --format delimited"
  sed 's/^/    | /' "$work_dir/check"
fi

# (c) --late-ratio: 0.2 makes some timestamps go back (at most 30 s behind the latest), 0 none;
# the other values are the same as without late records.
for name in "${quickstarts[@]}"; do
  generate "$name" "$work_dir/on_time" --seed 5 --late-ratio 0
  generate "$name" "$work_dir/late" --seed 5 --late-ratio 0.2
  if python3 - "$work_dir/on_time" "$work_dir/late" >"$work_dir/check" 2>&1 <<'PY'
import json, sys

def read(path):
    records = []
    for line in open(path):
        key, value = line.rstrip("\n").split("\t")
        records.append((key, json.loads(value)))
    return records

def time_of(value):
    return next(v for k, v in value.items() if k in ("ts", "transaction_date", "registered_at",
                                                       "viewtime", "date_time"))

def late_count(records):
    latest, late = 0, 0
    for _, value in records:
        t = time_of(value)
        assert t >= latest - 30000, f"{t} is more than 30 s behind {latest}"
        late += t < latest
        latest = max(latest, t)
    return late

on_time, late = read(sys.argv[1]), read(sys.argv[2])
assert late_count(on_time) == 0, "records out of order with --late-ratio 0"
moved = sum(time_of(a) != time_of(b) for (_, a), (_, b) in zip(on_time, late))
assert 250 <= moved <= 550, f"{moved} of 2000 timestamps moved with --late-ratio 0.2"
assert late_count(late) > 0, "no record out of order with --late-ratio 0.2"
for (key_a, a), (key_b, b) in zip(on_time, late):
    same = {k: v for k, v in a.items() if v != time_of(a)}
    assert key_a == key_b and same == {k: v for k, v in b.items() if k in same}, (a, b)
print(f"{moved} moved, {late_count(late)} out of order")
PY
  then
    pass "$name: --late-ratio 0.2 gives late records ($(cat "$work_dir/check")), 0 none"
  else
    fail "$name: --late-ratio"
    sed 's/^/    | /' "$work_dir/check"
  fi
done

# --start-time moves every timestamp by the same amount (dates and epoch ms both accepted).
generate users "$work_dir/s1" --start-time 2026-01-01T00:00:00Z
generate users "$work_dir/s2" --start-time 1767225660000
if python3 - "$work_dir/s1" "$work_dir/s2" >"$work_dir/check" 2>&1 <<'PY'
import json, sys
first, second = open(sys.argv[1]).readlines(), open(sys.argv[2]).readlines()
assert len(first) == len(second)
for a, b in zip(first, second):
    a, b = json.loads(a.split("\t")[1]), json.loads(b.split("\t")[1])
    assert b["registered_at"] - a["registered_at"] == 60000 and a["name"] == b["name"], (a, b)
print("ok")
PY
then
  pass "--start-time shifts the event times and nothing else"
else
  fail "--start-time"
  sed 's/^/    | /' "$work_dir/check"
fi

# --rate paces: 60 records at 100/s take about 0.6 s (batches of 5 every 50 ms).
start_ns=$(date +%s%N)
"$fluxo" datagen --quickstart trades --output - --count 60 --rate 100 >"$work_dir/rate" \
  2>"$work_dir/err"
elapsed_ms=$((($(date +%s%N) - start_ns) / 1000000))
if [ "$(wc -l <"$work_dir/rate")" -eq 60 ] && [ "$elapsed_ms" -ge 500 ] &&
  grep -q "^fluxo datagen: sent 60 records to standard output" "$work_dir/err"; then
  pass "--rate 100 sends 60 records in ${elapsed_ms} ms, with a summary line"
else
  fail "--rate 100 sent $(wc -l <"$work_dir/rate") records in ${elapsed_ms} ms"
  sed 's/^/    | /' "$work_dir/err"
fi

# Without --count, datagen runs until SIGTERM, then exits 0 with the records it reported.
"$fluxo" datagen --quickstart pageviews --output - --rate 200 >"$work_dir/unlimited" \
  2>"$work_dir/err" &
datagen_pid=$!
sleep 1.5
kill -TERM "$datagen_pid"
status=0
wait "$datagen_pid" || status=$?
datagen_pid=
lines=$(wc -l <"$work_dir/unlimited")
if [ "$status" -eq 0 ] && [ "$lines" -gt 100 ] &&
  grep -q "^fluxo datagen: sent $lines records to standard output" "$work_dir/err" &&
  grep -q "records sent (.* records/s)" "$work_dir/err"; then
  pass "SIGTERM ends an unlimited run with exit 0 after $lines records (progress and summary)"
else
  fail "SIGTERM: exit $status after $lines records"
  sed 's/^/    | /' "$work_dir/err"
fi

# (e) Bad arguments: exit 2 with a message naming the problem.
# expect_usage_error MESSAGE ARGS...
expect_usage_error() {
  local message=$1
  shift
  local status=0
  "$fluxo" datagen "$@" >"$work_dir/out" 2>"$work_dir/err" || status=$?
  if [ "$status" -eq 2 ] && grep -qF -- "$message" "$work_dir/err" && [ ! -s "$work_dir/out" ]; then
    pass "'$*' exits 2: $message"
  else
    fail "'$*' exits $status"
    sed 's/^/    | /' "$work_dir/err"
  fi
}
expect_usage_error "unknown quickstart 'nope'; choose one of transactions trades" \
  --quickstart nope --output -
expect_usage_error "--count must be a whole number >= 0, got '-5'" \
  --quickstart users --output - --count -5
expect_usage_error "--count must be a whole number >= 0, got '1x'" \
  --quickstart users --output - --count 1x
expect_usage_error "--late-ratio must be a number in 0..1, got '1.5'" \
  --quickstart users --output - --late-ratio 1.5
expect_usage_error "--rate must be a number in 0..1e9, got '-1'" \
  --quickstart users --output - --rate -1
expect_usage_error "--format must be json or delimited, got 'avro'" \
  --quickstart users --output - --format avro
expect_usage_error "--quickstart is required" --output -
expect_usage_error "--topic is required" --quickstart users
expect_usage_error "--bootstrap-servers is required for now" --quickstart users --topic t
expect_usage_error "--property wants KEY=VALUE, got 'linger.ms'" \
  --quickstart users --topic t --bootstrap-servers 127.0.0.1:1 --property linger.ms
expect_usage_error "unrecognised option '--bogus'" --bogus

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
