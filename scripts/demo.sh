#!/usr/bin/env bash
# The one-command demo. Installs what is missing and builds (scripts/build.sh), then starts, each
# as its own process: the embedded broker (`fluxo kafka`), `fluxo server` on it with the example
# examples/card_transactions.sql loaded, and the card-transactions generator (`fluxo datagen`,
# paced so that event time keeps up with the clock). Then it shows the live 5-second windows of
# brand_totals_live:
#   - on a terminal, in the fluxo shell: Ctrl-C stops the live view and leaves you at the shell's
#     prompt (more SQL, e.g. SELECT * FROM brand_totals_final EMIT CHANGES;); Ctrl-D or 'exit'
#     ends the demo;
#   - without one (CI: stdin or stdout is not a terminal), for DEMO_SECONDS seconds or until
#     Ctrl-C, then it exits 0, or 1 when no window row came.
# Either way every process it started is stopped when it ends (also on Ctrl-C, SIGTERM, SIGHUP).
# Works from any directory.
#
# Usage: scripts/demo.sh [--no-build]
# Environment: FLUXO_BIN (default build/cli/fluxo), DEMO_SKIP_BUILD=1 (as --no-build),
#   DEMO_SECONDS (without a terminal, default 20), DEMO_RATE (records/s, default 2.4),
#   DEMO_SEED (default 1).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

skip_build=${DEMO_SKIP_BUILD:-0}
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) skip_build=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "demo.sh: unknown argument '$1'" >&2
      usage >&2
      exit 2
      ;;
  esac
  shift
done

fluxo=${FLUXO_BIN:-$repo/build/cli/fluxo}
example=examples/card_transactions.sql
live_query="SELECT * FROM brand_totals_live EMIT CHANGES;"
seconds=${DEMO_SECONDS:-20}
# The transactions generator moves event time on by 5825 ms per 14 records on average (bursts of
# 8-20 records 0-50 ms apart, 1-10 s of quiet between bursts): 2.4 records/s keeps event time
# with the clock, so the 5-second windows open and close in real time.
rate=${DEMO_RATE:-2.4}
seed=${DEMO_SEED:-1}
if [ -t 0 ] && [ -t 1 ]; then
  interactive=1
else
  interactive=0
fi

say() { echo "== $*"; }

if [ "$skip_build" != 1 ]; then
  ./scripts/build.sh
fi
if [ ! -x "$fluxo" ]; then
  echo "demo.sh: no fluxo binary at $fluxo (run scripts/build.sh, or set FLUXO_BIN)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fluxo-demo.XXXXXX")
pids=()  # Every background process, in start order; each runs in its own session (setsid).

# Whether process $1 still runs (a zombie waiting to be reaped does not).
running() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

# Stops every process started here, the newest first, each before the next (the server stops
# cleanly only while the broker still runs): SIGTERM, then SIGKILL after 15 s.
stop_all() {
  local pid i deadline
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid=${pids[i]}
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 15))
    while running "$pid" && [ "$SECONDS" -lt "$deadline" ]; do
      sleep 0.1
    done
    if running "$pid"; then
      echo "demo.sh: process $pid did not stop on SIGTERM; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  trap '' INT TERM HUP  # Stopping is not interrupted halfway.
  stop_all
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# fail MESSAGE: says what went wrong with the end of each log, and exits 1.
fail() {
  local log
  echo "demo.sh: $*" >&2
  for log in "$work"/*.log; do
    [ -s "$log" ] || continue
    echo "----- $(basename "$log") (last lines) -----" >&2
    tail -n 20 "$log" >&2
  done
  exit 1
}

# start NAME COMMAND...: runs COMMAND in the background in its own session (so that a Ctrl-C on
# the terminal reaches only the shell in the foreground), stdout to $work/NAME.out, stderr to
# $work/NAME.log. Sets started_pid.
start() {
  local name=$1
  shift
  # Created here, not by the background job's redirections, so that whatever reads them next
  # (tail -f the live view) finds them even before the job has started.
  : >"$work/$name.out"
  : >"$work/$name.log"
  setsid "$@" </dev/null >>"$work/$name.out" 2>>"$work/$name.log" &
  started_pid=$!
  pids+=("$started_pid")
}

# wait_for_line NAME PID PREFIX: waits up to 30 s for a line starting with PREFIX in
# $work/NAME.out, and prints the rest of that line.
wait_for_line() {
  local name=$1 pid=$2 prefix=$3 deadline=$((SECONDS + 30)) line
  while true; do
    line=$(grep -m1 -F -- "$prefix" "$work/$name.out" || true)
    if [ -n "$line" ]; then
      echo "${line#"$prefix"}"
      return 0
    fi
    running "$pid" || fail "$name exited before printing '$prefix'"
    [ "$SECONDS" -lt "$deadline" ] || fail "$name printed no '$prefix' line within 30 s"
    sleep 0.1
  done
}

# The example's topics with their PARTITIONS, as --topic NAME:N for the broker (which cannot
# create topics on request; a topic it auto-creates gets 4 partitions).
topic_args=()
while IFS= read -r clause; do
  name=$(sed -nE "s/.*KAFKA_TOPIC *= *'([^']+)'.*/\1/ip" <<<"$clause")
  partitions=$(sed -nE 's/.*PARTITIONS *= *([0-9]+).*/\1/ip' <<<"$clause")
  if [ -n "$name" ] && [ -n "$partitions" ]; then
    topic_args+=(--topic "$name:$partitions")
  fi
done < <(sed 's/--.*$//' "$example" | tr '\n' ' ' | grep -oiE 'WITH *\([^)]*\)' || true)

say "$("$fluxo" --version | head -n 1)"
say "Starting the embedded broker: fluxo kafka ${topic_args[*]}"
start kafka "$fluxo" kafka "${topic_args[@]}"
bootstrap=$(wait_for_line kafka "$started_pid" "bootstrap.servers=")

say "Starting fluxo server on it (bootstrap.servers=$bootstrap)"
start server "$fluxo" server --listen 127.0.0.1:0 --bootstrap-servers "$bootstrap"
url=$(wait_for_line server "$started_pid" "Listening on ")

# The persistent queries read their input from the beginning, so no record is missed.
say "Loading $example into $url"
"$fluxo" shell --server "$url" \
  -e "SET 'auto.offset.reset' = 'earliest'; RUN SCRIPT '$example';" >"$work/load.out" 2>&1 ||
  {
    cat "$work/load.out" >&2
    fail "could not load $example"
  }
grep -v "auto.offset.reset" "$work/load.out" | sed 's/^/   /' || true

say "Starting the generator: fluxo datagen --quickstart transactions, $rate records/s," \
  "event time from now"
start datagen "$fluxo" datagen --quickstart transactions --topic transactions --rate "$rate" \
  --seed "$seed" --start-time "$(date +%s%3N)" --bootstrap-servers "$bootstrap"

# The live view reads the table's changes from the beginning too, so it starts with the first
# transaction whenever it starts.
live_statements="SET 'auto.offset.reset' = 'earliest'; $live_query"

if [ "$interactive" = 1 ]; then
  say "Live 5-second windows per card brand: $live_statements"
  say "Ctrl-C stops the live view and leaves you in the fluxo shell (try"
  say "SELECT * FROM brand_totals_final EMIT CHANGES;); Ctrl-D or 'exit' ends the demo."
  # From here Ctrl-C belongs to the shell in the foreground (it cancels the running query).
  trap ':' INT
  "$fluxo" shell --server "$url" -e "$live_statements" || true
  status=0
  "$fluxo" shell --server "$url" || status=$?
  trap 'exit 130' INT
  say "Stopping the generator, the server and the broker"
  exit "$status"
fi

say "Live 5-second windows per card brand for $seconds s: $live_statements"
# Boxed rows wide enough for the six columns when there is no terminal to measure.
export COLUMNS=${COLUMNS:-150}
start live "$fluxo" shell --server "$url" -e "$live_statements"
live_pid=$started_pid
tail -n +1 -s 0.2 -f --pid="$live_pid" "$work/live.out" &
pids+=("$!")
# Time from when the query runs (its header shows), when a SIGINT is sure to cancel it.
deadline=$((SECONDS + 30))
while ! grep -q '^+-' "$work/live.out" && running "$live_pid" && [ "$SECONDS" -lt "$deadline" ]; do
  sleep 0.1
done
# Ctrl-C ends the live view early, as the time running out does.
interrupted=0
trap 'interrupted=1' INT
deadline=$((SECONDS + seconds))
while running "$live_pid" && [ "$SECONDS" -lt "$deadline" ] && [ "$interrupted" = 0 ]; do
  sleep 0.2 || true  # A Ctrl-C kills the sleep too.
done
trap 'exit 130' INT
live_status=0
if running "$live_pid"; then
  kill -INT "$live_pid"  # As Ctrl-C: the shell cancels the query and exits 0.
  deadline=$((SECONDS + 10))
  while running "$live_pid" && [ "$SECONDS" -lt "$deadline" ]; do
    sleep 0.1
  done
  if running "$live_pid"; then
    # A SIGINT that came before the shell caught it was lost (background jobs ignore it).
    kill -TERM "$live_pid" 2>/dev/null || true
  fi
fi
wait "$live_pid" || live_status=$?
wait "${pids[-1]}" || true  # tail: it prints what is left and stops after the shell.
rows=$(grep -cE '^\| (VISA|MASTERCARD|AMEX|ELO) +\|' "$work/live.out" || true)
if [ "$live_status" -ne 0 ]; then
  cat "$work/live.log" >&2
  fail "the live query exited with status $live_status"
fi
if [ "$rows" -eq 0 ]; then
  fail "no window row came within $seconds s"
fi
if [ "$interrupted" = 1 ]; then
  say "$rows window rows until Ctrl-C; stopping the generator, the server and the broker"
else
  say "$rows window rows in $seconds s; stopping the generator, the server and the broker"
fi
