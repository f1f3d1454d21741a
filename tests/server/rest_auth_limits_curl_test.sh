#!/usr/bin/env bash
# `fluxo server` with HTTP basic auth (--auth-file) and small limits (--max-request-bytes,
# --max-push-queries), through curl over HTTP/1.1 and HTTP/2 with prior knowledge: 401 without
# or with wrong credentials (except /healthcheck), 413 for a body over the limit, 429 for a push
# query over the limit, each with a JSON error body. Stops the server with SIGTERM expecting 0.
# Usage: rest_auth_limits_curl_test.sh PATH/TO/fluxo
set -euo pipefail

# shellcheck source=tests/server/server_test_helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/server_test_helpers.sh"
setup_curl_test "$@"

printf '# users of the test server\nalice:wonder:land\nbob:builder\n' >"$work_dir/users"
start_server --auth-file "$work_dir/users" --max-request-bytes 2048 --max-push-queries 1
base="http://127.0.0.1:$server_port"
out="$work_dir/out"
alice=(-u 'alice:wonder:land')

# --- Basic auth -------------------------------------------------------------------------------
status=$(request "$out" -D "$work_dir/headers" "$base/info")
expect_error "/info without credentials" "$out" 401 "$status" 40100
if grep -qi '^www-authenticate: Basic' "$work_dir/headers"; then
  pass "the 401 asks for Basic credentials"
else
  fail "no WWW-Authenticate: Basic header: $(cat "$work_dir/headers")"
fi
status=$(request "$out" -u 'alice:wrong' "$base/info")
expect_error "/info with a wrong password" "$out" 401 "$status" 40100
status=$(request "$out" -u 'mallory:builder' "$base/info")
expect_error "/info for an unknown user" "$out" 401 "$status" 40100
status=$(request "$out" --http2-prior-knowledge "$base/ksql" -X POST -d '{"ksql":"LIST STREAMS;"}')
expect_error "/ksql over HTTP/2 without credentials" "$out" 401 "$status" 40100
status=$(request "$out" "${alice[@]}" "$base/info")
[ "$status" = 200 ] && pass "/info with good credentials (a password with ':') -> 200" ||
  fail "/info as alice: $status $(cat "$out.body")"
status=$(request "$out" --http2-prior-knowledge -u 'bob:builder' -X POST "$base/ksql" \
  -d '{"ksql":"CREATE STREAM EVENTS (ID INT KEY, V STRING) WITH (KAFKA_TOPIC='"'events'"', PARTITIONS=1, VALUE_FORMAT='"'JSON'"');"}')
[ "$status" = 200 ] && pass "/ksql over HTTP/2 with good credentials -> 200" ||
  fail "/ksql as bob: $status $(cat "$out.body")"
status=$(request "$out" "$base/healthcheck")
[ "$status" = 200 ] && pass "/healthcheck needs no credentials" ||
  fail "/healthcheck without credentials: $status $(cat "$out.body")"

# --- Request size limit -----------------------------------------------------------------------
python3 -c 'import json; print(json.dumps({"ksql": "LIST STREAMS; -- " + "x" * 4000}))' >"$work_dir/big"
status=$(request "$out" "${alice[@]}" -X POST "$base/ksql" --data-binary @"$work_dir/big")
expect_error "a 4 kB body over HTTP/1.1 (limit 2 kB)" "$out" 413 "$status" 41300
status=$(request "$out" "${alice[@]}" --http2-prior-knowledge -X POST "$base/ksql" --data-binary @"$work_dir/big")
expect_error "a 4 kB body over HTTP/2 (limit 2 kB)" "$out" 413 "$status" 41300
status=$(request "$out" "${alice[@]}" -X POST "$base/ksql" -H 'Transfer-Encoding: chunked' --data-binary @"$work_dir/big")
expect_error "a 4 kB chunked body over HTTP/1.1" "$out" 413 "$status" 41300
status=$(request "$out" "${alice[@]}" "$base/info")
[ "$status" = 200 ] && pass "the server still answers after refusing large bodies" ||
  fail "/info after 413s: $status"

# --- Push query limit -------------------------------------------------------------------------
curl -s -N --http2-prior-knowledge "${alice[@]}" -X POST "$base/query-stream" \
  -d '{"sql":"SELECT * FROM EVENTS EMIT CHANGES;"}' >/dev/null &
background_pids+=("$!")
if wait_for_metric fluxo_push_queries_open 1 "${alice[@]}"; then
  status=$(request "$out" --http2-prior-knowledge "${alice[@]}" -X POST "$base/query-stream" \
    -d '{"sql":"SELECT * FROM EVENTS EMIT CHANGES;"}')
  expect_error "a second push query (limit 1)" "$out" 429 "$status" 40003
  status=$(request "$out" "${alice[@]}" -X POST "$base/query" -d '{"ksql":"SELECT * FROM EVENTS EMIT CHANGES;"}')
  expect_error "a second push query on /query" "$out" 429 "$status" 40003
else
  fail "the first push query never opened"
fi
kill -TERM "${background_pids[0]}"
if wait_for_metric fluxo_push_queries_open 0 "${alice[@]}"; then
  printf '{"target":"EVENTS"}\n{"ID":1,"V":"a"}\n' >"$work_dir/inserts"
  request "$out" "${alice[@]}" -X POST "$base/inserts-stream" --data-binary @"$work_dir/inserts" >/dev/null
  status=$(request "$out" --http2-prior-knowledge "${alice[@]}" -X POST "$base/query-stream" \
    -d '{"sql":"SELECT * FROM EVENTS EMIT CHANGES LIMIT 1;","properties":{"auto.offset.reset":"earliest"}}')
  [ "$status" = 200 ] && [ "$(sed -n 2p "$out.body")" = '[1,"a"]' ] &&
    pass "once the first push query ended, a new one runs" ||
    fail "push query after the limit freed: $status $(cat "$out.body")"
else
  fail "the push query stayed open after its client left"
fi

stop_server
exit $((failures > 0))
