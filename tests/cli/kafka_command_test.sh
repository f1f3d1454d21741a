#!/usr/bin/env bash
# End-to-end check of `fluxo kafka`: start it as its own process with a 3-partition topic, read
# the bootstrap line, produce and fetch one record through KafkaTopicClient (kafka_check), then
# stop it with SIGTERM and expect exit 0.
# Usage: kafka_command_test.sh PATH/TO/fluxo PATH/TO/kafka_check
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 PATH/TO/fluxo PATH/TO/kafka_check" >&2
  exit 2
fi
fluxo=$(realpath "$1")
kafka_check=$(realpath "$2")

work_dir=$(mktemp -d)
broker_pid=
cleanup() {
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill -KILL "$broker_pid" 2>/dev/null || true
  fi
  rm -rf "$work_dir"
}
trap cleanup EXIT

mkfifo "$work_dir/out"
"$fluxo" kafka --topic t:3 >"$work_dir/out" 2>"$work_dir/err" &
broker_pid=$!
exec 3<"$work_dir/out"

if ! IFS= read -r -t 30 first_line <&3; then
  echo "FAIL fluxo kafka printed no first line within 30 s"
  sed 's/^/    | /' "$work_dir/err"
  exit 1
fi
case "$first_line" in
  bootstrap.servers=127.0.0.1:*) echo "PASS first line is $first_line" ;;
  *)
    echo "FAIL first line is '$first_line', not bootstrap.servers=127.0.0.1:PORT"
    exit 1
    ;;
esac
bootstrap=${first_line#bootstrap.servers=}

if "$kafka_check" "$bootstrap" t >"$work_dir/check" 2>&1 && grep -q "^partitions=3 " "$work_dir/check"; then
  echo "PASS produce and fetch through the embedded broker ($(cat "$work_dir/check"))"
else
  echo "FAIL produce and fetch through the embedded broker"
  sed 's/^/    | /' "$work_dir/check"
  exit 1
fi

kill -TERM "$broker_pid"
status=0
wait "$broker_pid" || status=$?
broker_pid=
if [ "$status" -eq 0 ]; then
  echo "PASS SIGTERM stops fluxo kafka with exit 0"
else
  echo "FAIL fluxo kafka exited $status after SIGTERM"
  sed 's/^/    | /' "$work_dir/err"
  exit 1
fi

# A malformed --topic is a usage error (exit 2) and starts nothing.
status=0
"$fluxo" kafka --topic no-partitions >/dev/null 2>"$work_dir/err" || status=$?
if [ "$status" -eq 2 ] && grep -q "NAME:PARTITIONS" "$work_dir/err"; then
  echo "PASS a malformed --topic exits 2"
else
  echo "FAIL a malformed --topic exits $status"
  exit 1
fi

# A chosen --listen port cannot be honoured by librdkafka 2.0's mock cluster: said on stderr,
# and the actual addresses (one per broker) still come first on stdout.
rm -f "$work_dir/out2"
mkfifo "$work_dir/out2"
"$fluxo" kafka --brokers 2 --listen 127.0.0.1:9 >"$work_dir/out2" 2>"$work_dir/err" &
broker_pid=$!
exec 4<"$work_dir/out2"
if IFS= read -r -t 30 first_line <&4 &&
  [[ "$first_line" =~ ^bootstrap\.servers=127\.0\.0\.1:[0-9]+,127\.0\.0\.1:[0-9]+$ ]] &&
  grep -q "ignoring --listen 127.0.0.1:9" "$work_dir/err"; then
  echo "PASS --brokers 2 prints two addresses; a chosen --listen port is reported as ignored"
else
  echo "FAIL --brokers 2 / --listen (first line '${first_line:-}')"
  sed 's/^/    | /' "$work_dir/err"
  exit 1
fi
kill -INT "$broker_pid"
status=0
wait "$broker_pid" || status=$?
broker_pid=
if [ "$status" -eq 0 ]; then
  echo "PASS SIGINT stops fluxo kafka with exit 0"
else
  echo "FAIL fluxo kafka exited $status after SIGINT"
  exit 1
fi
