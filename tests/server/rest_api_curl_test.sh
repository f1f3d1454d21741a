#!/usr/bin/env bash
# `fluxo server` through curl, on its embedded broker: /ksql entities, errors and codes; bad
# HTTP; /inserts-stream acks; /query over HTTP/1.1 (chunked, the older format); /query-stream
# over HTTP/2 with prior knowledge (delimited and JSON, push and pull); /close-query and client
# disconnects ending push queries; webhooks with good, bad and missing signatures; auth off
# ignoring Authorization; /metrics. Stops the server with SIGTERM expecting exit 0.
# Usage: rest_api_curl_test.sh PATH/TO/fluxo
set -euo pipefail

# shellcheck source=tests/server/server_test_helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/server_test_helpers.sh"
setup_curl_test "$@"

# A server the other servers could not reach does not start.
set +e
timeout 60 "$fluxo" server --listen 127.0.0.1:0 --set ksql.advertised.listener=ftp://peer:1 \
  >"$work_dir/bad.out" 2>"$work_dir/bad.err"
bad_status=$?
set -e
if [ "$bad_status" = 1 ] && grep -q "Invalid ksql.advertised.listener 'ftp://peer:1'" "$work_dir/bad.err"; then
  pass "a malformed ksql.advertised.listener stops the server before it listens (exit 1)"
else
  fail "ksql.advertised.listener=ftp://peer:1: exit $bad_status, $(cat "$work_dir/bad.err")"
fi

start_server --set webhook.secret.HOOKS=s3cret
base="http://127.0.0.1:$server_port"
out="$work_dir/out"
ksql() { request "$out" -X POST "$base/ksql" -H 'Content-Type: application/json' --data-binary "$1"; }
earliest='"properties":{"auto.offset.reset":"earliest"}'

# --- /ksql ------------------------------------------------------------------------------------
status=$(ksql '{"ksql":"CREATE STREAM PAGES (ID INT KEY, PAGE STRING) WITH (KAFKA_TOPIC='"'pages'"', PARTITIONS=1, VALUE_FORMAT='"'JSON'"');"}')
if [ "$status" = 200 ] && [ "$(json_field "$out.body" "d[0]['@type'] + ' ' + d[0]['commandStatus']['status'] + ' ' + d[0]['commandId']")" = 'currentStatus SUCCESS stream/`PAGES`/create' ]; then
  pass "CREATE STREAM -> currentStatus SUCCESS"
else
  fail "CREATE STREAM: $status $(cat "$out.body")"
fi

status=$(ksql '{"ksql":"LIST STREAMS; DESCRIBE PAGES;"}')
if [ "$status" = 200 ] && [ "$(json_field "$out.body" "[d[0]['@type'], d[0]['streams'][0]['name'], d[1]['sourceDescription']['fields'][0]['type']]")" = "['streams', 'PAGES', 'KEY']" ]; then
  pass "LIST STREAMS and DESCRIBE -> streams, sourceDescription"
else
  fail "LIST STREAMS; DESCRIBE: $status $(cat "$out.body")"
fi

status=$(ksql '{"ksql":"CREATE STREAM;"}')
expect_error "syntax error" "$out" 400 "$status" 40001
if [ "$(json_field "$out.body" "[d['@type'], d['line'], d['column']]")" = "['statement_error', 1, 14]" ]; then
  pass "syntax error carries statement_error, line 1, column 14"
else
  fail "syntax error body: $(cat "$out.body")"
fi

status=$(ksql '{"ksql":"CREATE STREAM OTHER (A INT) WITH (KAFKA_TOPIC='"'other'"', PARTITIONS=1, VALUE_FORMAT='"'JSON'"');\nDESCRIBE NO_SUCH_STREAM;"}')
expect_error "second statement fails" "$out" 400 "$status" 40001
if [ "$(json_field "$out.body" "[len(d['entities']), d['line'], d['statementText']]")" = "[1, 2, 'DESCRIBE NO_SUCH_STREAM;']" ]; then
  pass "the error names line 2 and carries the first statement's entity"
else
  fail "second statement error body: $(cat "$out.body")"
fi

status=$(ksql '{"ksql":"CREATE STREAM ${name} (ID INT KEY) WITH (KAFKA_TOPIC='"'"'${topic}'"'"', PARTITIONS=1, VALUE_FORMAT='"'"'JSON'"'"');","sessionVariables":{"name":"VARS_STREAM","topic":"vars_topic"}}')
if [ "$status" = 200 ] && ksql '{"ksql":"DESCRIBE VARS_STREAM;"}' >/dev/null &&
  grep -q '"topic":"vars_topic"' "$out.body"; then
  pass "sessionVariables fill \${name} in /ksql statements"
else
  fail "sessionVariables: $status $(cat "$out.body")"
fi
status=$(ksql '{"ksql":"DESCRIBE ${missing};","sessionVariables":{}}')
expect_error "an undefined session variable" "$out" 400 "$status" 40001

status=$(ksql '{"ksql":"SELECT * FROM PAGES EMIT CHANGES;"}')
expect_error "a query sent to /ksql" "$out" 400 "$status" 40002
status=$(ksql '{"ksql": ')
expect_error "malformed JSON body" "$out" 400 "$status" 40000
status=$(ksql '{}')
expect_error "no ksql member" "$out" 400 "$status" 40000
status=$(request "$out" "$base/ksql")
expect_error "GET /ksql" "$out" 405 "$status" 40500
status=$(request "$out" -X POST "$base/no-such-endpoint" -d '{}')
expect_error "unknown endpoint" "$out" 404 "$status" 40400
status=$(request "$out" -X POST "$base/internal/pull-share" -d '{"sql":"SELECT * FROM PAGES;"}')
expect_error "/internal/pull-share without partitions" "$out" 400 "$status" 40000
status=$(request "$out" -X POST "$base/internal/pull-share" -d '{"sql":"SELECT * FROM PAGES EMIT CHANGES;","partitions":[0]}')
expect_error "/internal/pull-share with a push query" "$out" 400 "$status" 40001

# A request line Beast cannot parse: 400 with a JSON body, then the connection closes.
exec 5<>"/dev/tcp/127.0.0.1/$server_port"
printf 'GET / HTTP/9.9\r\n\r\n' >&5
raw=$(timeout 10 cat <&5 || true)
exec 5<&-
if [[ "$raw" == "HTTP/1.1 400"* ]] && [[ "$raw" == *'"error_code":40000'* ]]; then
  pass "a malformed HTTP request gets 400 with a JSON error"
else
  fail "malformed HTTP request: $(printf '%s' "$raw" | head -c 300)"
fi

# --- /inserts-stream --------------------------------------------------------------------------
printf '{"target":"PAGES"}\n{"ID":1,"PAGE":"home"}\n{"ID":2,"PAGE":"cart"}\n{"ID":1,"PAGE":"checkout"}' >"$work_dir/inserts"
status=$(request "$out" -X POST "$base/inserts-stream" --data-binary @"$work_dir/inserts")
if [ "$status" = 200 ] && [ "$(cat "$out.body")" = $'{"status":"ok","seq":0}\n{"status":"ok","seq":1}\n{"status":"ok","seq":2}' ]; then
  pass "/inserts-stream acks three rows, the last without a newline"
else
  fail "/inserts-stream: $status $(cat "$out.body")"
fi
printf '{"target":"PAGES"}\n{"ID":3,"PAGE":"faq"}\n{"ID":"three","PAGE":"x"}\n' >"$work_dir/inserts"
status=$(request "$out" --http2-prior-knowledge -H 'Accept: application/json' -X POST "$base/inserts-stream" --data-binary @"$work_dir/inserts")
if [ "$status" = 200 ] && [ "$(json_field "$out.body" "[a['status'] for a in d]")" = "['ok', 'error']" ]; then
  pass "/inserts-stream over h2 (JSON): ok, then an error ack for the bad row"
else
  fail "/inserts-stream with a bad row: $status $(cat "$out.body")"
fi
printf '{"target":"NO_SUCH_STREAM"}\n{"A":1}\n' >"$work_dir/inserts"
status=$(request "$out" -X POST "$base/inserts-stream" --data-binary @"$work_dir/inserts")
expect_error "/inserts-stream into an unknown stream" "$out" 400 "$status" 40000

# --- /query over HTTP/1.1 ---------------------------------------------------------------------
status=$(request "$out" --http1.1 -D "$work_dir/headers" -X POST "$base/query" \
  -d '{"ksql":"SELECT * FROM PAGES EMIT CHANGES LIMIT 3;","streamsProperties":{"auto.offset.reset":"earliest"}}')
if [ "$status" = 200 ] && grep -qi '^transfer-encoding: chunked' "$work_dir/headers" &&
  [ "$(json_field "$out.body" "[list(d[0]['header']), [r['row']['columns'] for r in d[1:4]], d[4]]")" = "[['queryId', 'schema'], [[1, 'home'], [2, 'cart'], [1, 'checkout']], {'finalMessage': 'Limit Reached'}]" ]; then
  pass "/query over HTTP/1.1: chunked header, 3 rows, Limit Reached"
else
  fail "/query: $status $(cat "$work_dir/headers") $(cat "$out.body")"
fi

# --- /query-stream over h2c -------------------------------------------------------------------
h2_version=$(curl -s -o "$out.body" -w '%{http_version}' --http2-prior-knowledge -X POST "$base/query-stream" \
  -d '{"sql":"SELECT ID, PAGE FROM PAGES EMIT CHANGES LIMIT 2;",'"$earliest"'}')
if [ "$h2_version" = 2 ] && [ "$(wc -l <"$out.body")" = 3 ] &&
  [ "$(head -n 1 "$out.body" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(bool(d["queryId"]), d["columnNames"], d["columnTypes"])')" = "True ['ID', 'PAGE'] ['INTEGER', 'STRING']" ] &&
  [ "$(sed -n 2p "$out.body")" = '[1,"home"]' ]; then
  pass "/query-stream over HTTP/2 (delimited): header with queryId, then 2 rows"
else
  fail "/query-stream delimited (HTTP/$h2_version): $(cat "$out.body")"
fi
status=$(request "$out" --http2-prior-knowledge -H 'Accept: application/json' -X POST "$base/query-stream" \
  -d '{"sql":"SELECT PAGE FROM PAGES EMIT CHANGES LIMIT 3;",'"$earliest"'}')
if [ "$status" = 200 ] && [ "$(json_field "$out.body" "[d[0]['columnNames'], d[1:]]")" = "[['PAGE'], [['home'], ['cart'], ['checkout']]]" ]; then
  pass "/query-stream over HTTP/2 (application/json): one JSON array"
else
  fail "/query-stream JSON: $status $(cat "$out.body")"
fi

ksql '{"ksql":"CREATE TABLE PAGE_COUNTS AS SELECT ID, COUNT(*) AS N FROM PAGES GROUP BY ID EMIT CHANGES;","streamsProperties":{"auto.offset.reset":"earliest"}}' >/dev/null
pulled=
for _ in $(seq 1 100); do
  status=$(request "$out" --http2-prior-knowledge -X POST "$base/query-stream" -d '{"sql":"SELECT * FROM PAGE_COUNTS WHERE ID = 1;"}')
  if [ "$status" = 200 ] && [ "$(sed -n 2p "$out.body")" = '[1,2]' ]; then
    pulled=yes
    break
  fi
  sleep 0.1
done
if [ -n "$pulled" ] && [ "$(head -n 1 "$out.body")" = '{"columnNames":["ID","N"],"columnTypes":["INTEGER","BIGINT"]}' ]; then
  pass "pull query over /query-stream: header without queryId, row [1,2]"
else
  fail "pull query: $status $(cat "$out.body")"
fi

# /close-query ends an open push query's response.
curl -s -N --http2-prior-knowledge -X POST "$base/query-stream" -d '{"sql":"SELECT * FROM PAGES EMIT CHANGES;",'"$earliest"'}' >"$work_dir/open_query" &
open_pid=$!
background_pids+=("$open_pid")
query_id=
for _ in $(seq 1 100); do
  query_id=$(head -n 1 "$work_dir/open_query" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["queryId"])' 2>/dev/null || true)
  [ -n "$query_id" ] && break
  sleep 0.1
done
status=$(request "$out" --http2-prior-knowledge -X POST "$base/close-query" -d '{"queryId":"'"$query_id"'"}')
ended=
for _ in $(seq 1 100); do
  if ! kill -0 "$open_pid" 2>/dev/null; then
    ended=yes
    break
  fi
  sleep 0.1
done
if [ -n "$query_id" ] && [ "$status" = 200 ] && [ -n "$ended" ]; then
  pass "/close-query $query_id -> 200, and the push query's response ends"
else
  fail "/close-query: id '$query_id', status $status, response ended: ${ended:-no}"
fi
status=$(request "$out" -X POST "$base/close-query" -d '{"queryId":"NO_SUCH_QUERY"}')
expect_error "/close-query with an unknown id" "$out" 400 "$status" 40000

# A client that goes away (HTTP/2 and HTTP/1.1) ends its push query.
for protocol in --http2-prior-knowledge --http1.1; do
  endpoint=query-stream
  [ "$protocol" = --http1.1 ] && endpoint=query
  curl -s -N "$protocol" -X POST "$base/$endpoint" -d '{"sql":"SELECT * FROM PAGES EMIT CHANGES;","ksql":"SELECT * FROM PAGES EMIT CHANGES;"}' >/dev/null &
  client_pid=$!
  background_pids+=("$client_pid")
  if wait_for_metric fluxo_push_queries_open 1; then
    kill -TERM "$client_pid"
    if wait_for_metric fluxo_push_queries_open 0; then
      pass "a push query ends when its $protocol client disconnects"
    else
      fail "the push query stayed open after its $protocol client disconnected"
    fi
  else
    fail "the $protocol push query never opened"
  fi
done

# --- Webhooks ---------------------------------------------------------------------------------
ksql '{"ksql":"CREATE STREAM HOOKS (SRC STRING KEY, EVENT STRING) WITH (KAFKA_TOPIC='"'hooks'"', PARTITIONS=1, VALUE_FORMAT='"'JSON'"'); CREATE TABLE HOOK_COUNTS AS SELECT SRC, COUNT(*) AS N FROM HOOKS GROUP BY SRC EMIT CHANGES;","streamsProperties":{"auto.offset.reset":"earliest"}}' >/dev/null
sign() { python3 -c 'import hmac, hashlib, sys; print("sha256=" + hmac.new(b"s3cret", open(sys.argv[1], "rb").read(), hashlib.sha256).hexdigest())' "$1"; }
hook() { request "$out" -X POST "$base/webhooks/$1" -H 'Content-Type: application/json' --data-binary @"$2" "${@:3}"; }

printf '[{"SRC":"github","EVENT":"push"},{"SRC":"github","EVENT":"issue"}]' >"$work_dir/hook"
status=$(hook HOOKS "$work_dir/hook" -H "X-Signature-256: $(sign "$work_dir/hook")")
if [ "$status" = 200 ] && [ "$(json_field "$out.body" "d['inserted']")" = 2 ]; then
  pass "signed webhook with two rows -> 200, inserted 2"
else
  fail "signed webhook: $status $(cat "$out.body")"
fi
status=$(hook hooks "$work_dir/hook" -H "X-Signature-256: sha256=$(printf '0%.0s' $(seq 1 64))")
expect_error "webhook with a wrong signature" "$out" 401 "$status" 40100
status=$(hook HOOKS "$work_dir/hook")
expect_error "webhook without a signature" "$out" 401 "$status" 40100
printf '{"SRC":"github",' >"$work_dir/bad_hook"
status=$(hook HOOKS "$work_dir/bad_hook" -H "X-Signature-256: $(sign "$work_dir/bad_hook")")
expect_error "signed webhook with malformed JSON" "$out" 400 "$status" 40000
printf '[{"SRC":"github","EVENT":"ok"},"not an object"]' >"$work_dir/bad_hook"
status=$(hook HOOKS "$work_dir/bad_hook" -H "X-Signature-256: $(sign "$work_dir/bad_hook")")
expect_error "signed webhook with a non-object element" "$out" 400 "$status" 40000
if [[ "$(json_field "$out.body" "d['message']")" == *"Element 1"* ]]; then
  pass "the refusal names element 1"
else
  fail "non-object element message: $(cat "$out.body")"
fi
status=$(hook NO_SUCH_STREAM "$work_dir/hook")
expect_error "webhook to an unknown stream" "$out" 404 "$status" 40400
status=$(hook HOOK_COUNTS "$work_dir/hook")
expect_error "webhook to a table" "$out" 400 "$status" 40000
printf '{"SRC":"github","EVENT":"release"}' >"$work_dir/hook"
signature=$(sign "$work_dir/hook")
status=$(hook HOOKS "$work_dir/hook" -H "X-Signature-256: sha256=$(printf '%s' "${signature#sha256=}" | tr a-f A-F)")
if [ "$status" = 200 ]; then
  pass "signed webhook with one object (upper-case hex) -> 200"
else
  fail "signed single-object webhook: $status $(cat "$out.body")"
fi
printf '{"ID":9,"PAGE":"from-hook"}' >"$work_dir/hook"
status=$(hook PAGES "$work_dir/hook")
[ "$status" = 200 ] && pass "webhook to a stream without a secret needs no signature" ||
  fail "unsigned webhook to PAGES: $status $(cat "$out.body")"

count=
for _ in $(seq 1 100); do
  request "$out" -X POST "$base/query-stream" -d '{"sql":"SELECT N FROM HOOK_COUNTS WHERE SRC = '"'github'"';"}' >/dev/null
  count=$(sed -n 2p "$out.body")
  [ "$count" = '[3]' ] && break
  sleep 0.1
done
sleep 0.5
request "$out" -X POST "$base/query-stream" -d '{"sql":"SELECT N FROM HOOK_COUNTS WHERE SRC = '"'github'"';"}' >/dev/null
if [ "$(sed -n 2p "$out.body")" = '[3]' ]; then
  pass "exactly the 3 accepted webhook rows were written (refused requests wrote nothing)"
else
  fail "webhook rows counted: $(cat "$out.body")"
fi

# --- Auth off, /metrics, shutdown ---------------------------------------------------------------
status=$(request "$out" -H 'Authorization: Basic bm90OnVzZWQ=' "$base/info")
if [ "$status" = 200 ] && [ "$(json_field "$out.body" "d['KsqlServerInfo']['serverStatus']")" = RUNNING ]; then
  pass "with auth off an Authorization header is ignored (/info -> 200)"
else
  fail "/info with an ignored Authorization header: $status $(cat "$out.body")"
fi
status=$(request "$out" "$base/healthcheck")
[ "$status" = 200 ] && [ "$(json_field "$out.body" "d['isHealthy']")" = True ] &&
  pass "/healthcheck -> healthy" || fail "/healthcheck: $status $(cat "$out.body")"
if [ "$(metric 'fluxo_http_requests_total{endpoint="/ksql",status="400"}')" -ge 4 ] &&
  curl -s "$base/metrics" | grep -Eq '^fluxo_query_records_read_total\{query_id="CTAS_PAGE_COUNTS_[0-9]+",type="persistent"\} ([4-9]|[1-9][0-9]+)$'; then
  pass "/metrics counts requests by endpoint and status, and records per query"
else
  fail "/metrics: $(curl -s "$base/metrics")"
fi
metrics=$(curl -s "$base/metrics")
missing=
for family in fluxo_query_records_written_total fluxo_query_late_records_dropped_total \
  fluxo_query_consumer_lag_records fluxo_query_commit_latency_ms_count fluxo_push_queries_open; do
  echo "$metrics" | grep -Eq "^${family}(\{[^}]*\})? [0-9.-]+$" || missing="$missing $family"
done
if [ -z "$missing" ] &&
  echo "$metrics" | grep -Eq '^fluxo_query_records_written_total\{query_id="CTAS_PAGE_COUNTS_[0-9]+",type="persistent"\} [1-9][0-9]*$' &&
  echo "$metrics" | grep -Eq '^fluxo_query_consumer_lag_records\{query_id="CTAS_PAGE_COUNTS_[0-9]+",type="persistent"\} 0$'; then
  pass "/metrics has records out, late records dropped, consumer lag and commit latency per query"
else
  fail "/metrics lacks${missing:- a value}: $metrics"
fi

stop_server
exit $((failures > 0))
