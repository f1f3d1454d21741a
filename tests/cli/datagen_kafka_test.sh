#!/usr/bin/env bash
# `fluxo datagen` against the embedded broker (`fluxo kafka` as its own process), checked with an
# independent client: kafka-python from .cache/test-venv when it is there, else kcat; without
# either the test is skipped (exit 77; scripts/install-test-tools.sh installs both). Checks that
# the records on the broker are the ones `--output -` prints for the same seed, with the event
# time as record timestamp; that a missing topic is auto-created; that SIGTERM stops an unlimited
# run with exit 0 after the records it reports; and prints the unthrottled rate.
# Usage: datagen_kafka_test.sh PATH/TO/fluxo REPO_ROOT
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 PATH/TO/fluxo REPO_ROOT" >&2
  exit 2
fi
fluxo=$(realpath "$1")
repo_root=$(realpath "$2")

venv_python="$repo_root/.cache/test-venv/bin/python"
if [ -x "$venv_python" ] && "$venv_python" -c "import kafka" 2>/dev/null; then
  reader=kafka-python
elif command -v kcat >/dev/null; then
  reader=kcat
else
  echo "SKIP no independent Kafka client: neither $venv_python with kafka-python nor kcat"
  echo "     (scripts/install-test-tools.sh installs both)"
  exit 77
fi
echo "reading the broker with $reader"

work_dir=$(mktemp -d)
broker_pid=
datagen_pid=
cleanup() {
  for pid in "$datagen_pid" "$broker_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work_dir"
}
trap cleanup EXIT

failures=0
pass() { echo "PASS $*"; }
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}

mkfifo "$work_dir/broker_out"
"$fluxo" kafka --topic tx:1 >"$work_dir/broker_out" 2>"$work_dir/broker_err" &
broker_pid=$!
exec 3<"$work_dir/broker_out"
if ! IFS= read -r -t 30 first_line <&3 || [[ "$first_line" != bootstrap.servers=* ]]; then
  echo "FAIL fluxo kafka did not print bootstrap.servers=... (got '${first_line:-}')"
  sed 's/^/    | /' "$work_dir/broker_err"
  exit 1
fi
bootstrap=${first_line#bootstrap.servers=}

# read_topic TOPIC COUNT OUT: the records of TOPIC as `partition<TAB>key<TAB>value<TAB>timestamp`
# lines, in partition and offset order: with kcat up to the end of every partition; with
# kafka-python from offset 0 (the embedded broker keeps every record) until COUNT records came
# and then 1 s more without any.
read_topic() {
  local topic=$1 count=$2 out=$3
  if [ "$reader" = kcat ]; then
    kcat -C -b "$bootstrap" -t "$topic" -o beginning -e -q -f '%p\t%k\t%s\t%T\n' >"$out.raw"
    sort -s -t $'\t' -k1,1n "$out.raw" >"$out"
    return
  fi
  "$venv_python" - "$bootstrap" "$topic" "$count" >"$out" <<'PY'
import sys, time
from kafka import KafkaConsumer, TopicPartition
bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False,
                         auto_offset_reset="earliest")
deadline = time.monotonic() + 30
partitions = consumer.partitions_for_topic(topic)
while not partitions and time.monotonic() < deadline:
    time.sleep(0.1)
    partitions = consumer.partitions_for_topic(topic)
assigned = [TopicPartition(topic, p) for p in sorted(partitions or [])]
consumer.assign(assigned)
for partition in assigned:
    consumer.seek(partition, 0)  # The mock broker keeps everything from offset 0.
records = {tp.partition: [] for tp in assigned}
received, last_arrival = 0, time.monotonic()
while time.monotonic() < deadline:
    if received >= count and time.monotonic() - last_arrival > 1.0:
        break
    for messages in consumer.poll(timeout_ms=200).values():
        for m in messages:
            records[m.partition].append(m)
            received += 1
            last_arrival = time.monotonic()
consumer.close()
for partition in sorted(records):
    for m in records[partition]:
        print(f"{m.partition}\t{m.key.decode()}\t{m.value.decode()}\t{m.timestamp}")
PY
}

# The records of a topic equal those of --output - with the same seed, each with its event
# time as timestamp. compare_records BROKER_LINES STDOUT_LINES TIME_FIELD ORDERED
compare_records() {
  python3 - "$@" <<'PY'
import json, sys
broker_path, stdout_path, time_field, ordered = sys.argv[1:]
broker = [line.rstrip("\n").split("\t") for line in open(broker_path)]
expected = [line.rstrip("\n").split("\t") for line in open(stdout_path)]
for _, key, value, timestamp in broker:
    assert int(timestamp) == json.loads(value)[time_field], f"timestamp {timestamp}: {value}"
got = [(key, value) for _, key, value, _ in broker]
want = [tuple(line) for line in expected]
if ordered != "ordered":
    got, want = sorted(got), sorted(want)
assert got == want, f"{len(got)} records on the broker, {len(want)} expected; first {got[:1]}"
print(len(got))
PY
}

# 500 transactions into the existing one-partition topic: the same records, in order.
if "$fluxo" datagen --quickstart transactions --topic tx --bootstrap-servers "$bootstrap" \
  --count 500 --seed 11 2>"$work_dir/err" &&
  grep -q "^fluxo datagen: sent 500 records to topic 'tx'" "$work_dir/err"; then
  "$fluxo" datagen --quickstart transactions --output - --count 500 --seed 11 \
    >"$work_dir/expected" 2>/dev/null
  read_topic tx 500 "$work_dir/tx" || true
  if compare_records "$work_dir/tx" "$work_dir/expected" ts ordered >"$work_dir/check" 2>&1; then
    pass "500 transactions on topic tx, identical to --output - (seed 11), timestamp = ts"
  else
    fail "the records on topic tx"
    sed 's/^/    | /' "$work_dir/check"
  fi
else
  fail "datagen --count 500 to topic tx"
  sed 's/^/    | /' "$work_dir/err"
fi

# A missing topic is auto-created by the broker (the mock broker has no CreateTopics).
if "$fluxo" datagen --quickstart pageviews --topic views --bootstrap-servers "$bootstrap" \
  --count 300 --property client.id=datagen-test 2>"$work_dir/err" &&
  grep -q "auto-created topic 'views' with 4 partition(s)" "$work_dir/err"; then
  "$fluxo" datagen --quickstart pageviews --output - --count 300 >"$work_dir/expected" \
    2>/dev/null
  read_topic views 300 "$work_dir/views" || true
  if compare_records "$work_dir/views" "$work_dir/expected" viewtime any >"$work_dir/check" \
    2>&1 && [ "$(cut -f1 "$work_dir/views" | sort -u | wc -l)" -gt 1 ]; then
    pass "a missing topic is auto-created (4 partitions) and gets all 300 pageviews"
  else
    fail "the records on the auto-created topic views"
    sed 's/^/    | /' "$work_dir/check"
  fi
else
  fail "datagen to the missing topic views"
  sed 's/^/    | /' "$work_dir/err"
fi

# Without --count, SIGTERM stops the run with exit 0; the broker has what the summary reports.
"$fluxo" datagen --quickstart bids --topic bids --bootstrap-servers "$bootstrap" --rate 1000 \
  2>"$work_dir/err" &
datagen_pid=$!
sleep 2
kill -TERM "$datagen_pid"
status=0
wait "$datagen_pid" || status=$?
datagen_pid=
sent=$(sed -n "s/^fluxo datagen: sent \([0-9]*\) records to topic 'bids'.*/\1/p" "$work_dir/err")
read_topic bids "${sent:-0}" "$work_dir/bids" || true
if [ "$status" -eq 0 ] && [ -n "$sent" ] && [ "$sent" -gt 500 ] &&
  [ "$(wc -l <"$work_dir/bids")" -eq "$sent" ]; then
  pass "SIGTERM stops an unlimited run with exit 0; the broker holds the $sent records reported"
else
  fail "SIGTERM: exit $status, summary '${sent:-none}', $(wc -l <"$work_dir/bids") on the broker"
  sed 's/^/    | /' "$work_dir/err"
fi

# The unthrottled rate (reported, not asserted: it depends on the machine).
if "$fluxo" datagen --quickstart transactions --topic tx --bootstrap-servers "$bootstrap" \
  --count 200000 2>"$work_dir/err"; then
  echo "INFO $(tail -n 1 "$work_dir/err")"
else
  fail "datagen --count 200000 to topic tx"
  sed 's/^/    | /' "$work_dir/err"
fi

kill -TERM "$broker_pid"
wait "$broker_pid" || true
broker_pid=
if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
