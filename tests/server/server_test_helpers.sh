# Helpers the `fluxo server` tests source: start a server on a free port, stop it, and check
# results with PASS/FAIL lines. Expects $fluxo (the binary) and $work_dir (a scratch directory)
# to be set, and the caller to trap EXIT to clean up (setup_curl_test does both for the curl tests).

server_pid=
server_port=
failures=0

# start_server ARGS...: starts `fluxo server --listen 127.0.0.1:0 ARGS...` and reads its port
# from the first line it prints ("Listening on http://127.0.0.1:PORT").
start_server() {
  rm -f "$work_dir/server.out" "$work_dir/server.err"
  mkfifo "$work_dir/server.out"
  "$fluxo" server --listen 127.0.0.1:0 "$@" >"$work_dir/server.out" 2>"$work_dir/server.err" &
  server_pid=$!
  exec 3<"$work_dir/server.out"
  local first_line
  if ! IFS= read -r -t 60 first_line <&3; then
    echo "FAIL fluxo server printed no 'Listening on' line within 60 s"
    sed 's/^/    | /' "$work_dir/server.err"
    exit 1
  fi
  server_port=${first_line##*:}
  case "$server_port" in
    '' | *[!0-9]*)
      echo "FAIL unexpected first line from fluxo server: '$first_line'"
      exit 1
      ;;
  esac
  # Keep draining stdout so the server never blocks on a full pipe.
  cat <&3 >/dev/null &
  exec 3<&-
}

# stop_server: SIGTERM, then expects exit status 0.
stop_server() {
  kill -TERM "$server_pid"
  local status=0
  wait "$server_pid" || status=$?
  server_pid=
  if [ "$status" -eq 0 ]; then
    pass "SIGTERM stops fluxo server with exit 0"
  else
    fail "fluxo server exited $status after SIGTERM"
    sed 's/^/    | /' "$work_dir/server.err"
  fi
}

kill_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}

pass() { echo "PASS $*"; }

fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}

# request OUT_PREFIX CURL_ARGS...: runs curl, writes the body to OUT_PREFIX.body and prints the
# HTTP status.
request() {
  local out=$1
  shift
  curl -s -o "$out.body" -w '%{http_code}' "$@" || true
}

# json_field FILE PYTHON_EXPRESSION: prints the expression evaluated on the JSON in FILE, bound to
# `d` (e.g. "d['error_code']").
json_field() {
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2" \
    2>/dev/null || echo "<not JSON: $(head -c 200 "$1")>"
}

# expect_error NAME OUT_PREFIX EXPECTED_STATUS ACTUAL_STATUS EXPECTED_ERROR_CODE: checks a JSON
# error response.
expect_error() {
  local name=$1 out=$2 want_status=$3 status=$4 want_code=$5
  local code
  code=$(json_field "$out.body" "d['error_code']")
  if [ "$status" = "$want_status" ] && [ "$code" = "$want_code" ]; then
    pass "$name -> $status, error_code $code"
  else
    fail "$name: expected $want_status/$want_code, got $status/$code: $(head -c 300 "$out.body")"
  fi
}

# metric NAME_WITH_LABELS [CURL_ARGS...]: prints the value of one /metrics sample (0 if absent).
metric() {
  local name=$1
  shift
  curl -s "$@" "http://127.0.0.1:$server_port/metrics" | awk -v n="$name" '$1 == n { print $2; found = 1 } END { if (!found) print 0 }'
}

# wait_for_metric NAME VALUE [CURL_ARGS...]: waits up to 10 s for a /metrics sample to equal VALUE.
wait_for_metric() {
  local name=$1 value=$2
  shift 2
  for _ in $(seq 1 100); do
    if [ "$(metric "$name" "$@")" = "$value" ]; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# setup_curl_test PATH/TO/fluxo: checks the arguments of a curl test, sets $fluxo and a scratch
# $work_dir, and installs the EXIT trap that kills the server and the test's background clients
# (whose pids the test appends to background_pids) and removes $work_dir.
setup_curl_test() {
  if [ $# -ne 1 ]; then
    echo "usage: $0 PATH/TO/fluxo" >&2
    exit 2
  fi
  fluxo=$(realpath "$1")
  work_dir=$(mktemp -d)
  background_pids=()
  trap cleanup_curl_test EXIT
}

cleanup_curl_test() {
  for pid in "${background_pids[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
  done
  kill_server
  rm -rf "$work_dir"
}
