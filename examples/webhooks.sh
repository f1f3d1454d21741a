#!/usr/bin/env bash
# Sends a payment provider's webhook events to `fluxo server`, for examples/webhooks.sql.
#
# Steps:
#   1. Start a server. It runs an embedded broker in-process unless bootstrap.servers is set,
#      and with a secret it accepts only signed deliveries:
#        fluxo server --set webhook.secret=s3cr3t
#   2. Create the stream and the queries of examples/webhooks.sql through its REST API:
#        fluxo shell --server http://127.0.0.1:8088 -f examples/webhooks.sql
#   3. Send the events (this script), signed with the same secret:
#        WEBHOOK_SECRET=s3cr3t examples/webhooks.sh
#   4. Query them: the failed payments (a push query from the stream's start; it ends after
#      LIMIT rows, or on Ctrl-C), and the per-minute counts of one provider's failures (a pull
#      query on the windowed table):
#        fluxo shell --server http://127.0.0.1:8088 -e "SET 'auto.offset.reset' = 'earliest';
#          SELECT * FROM failed_payments EMIT CHANGES LIMIT 3;"
#        fluxo shell --server http://127.0.0.1:8088 -e "SELECT * FROM webhook_counts
#          WHERE provider = 'adyen' AND event_type = 'payment.failed';"
#
# Usage: examples/webhooks.sh [URL]
#   URL: the server, else $FLUXO_URL, else http://127.0.0.1:8088.
#   WEBHOOK_SECRET: when set, each body is signed as the server expects: the header
#   X-Signature-256: sha256=<hex HMAC-SHA256 of the exact body bytes under the secret>.
#
# Each delivery is a POST to URL/webhooks/webhook_events with a JSON object (one event) or a
# JSON array (a batch of events). The script prints each body and the server's answer, and
# exits 1 when the server refused any delivery (e.g. 401 for a missing or wrong signature).

set -euo pipefail

url=${1:-${FLUXO_URL:-http://127.0.0.1:8088}}
endpoint="${url%/}/webhooks/webhook_events"
refused=0

# event DELIVERY_ID PROVIDER EVENT_TYPE PAYMENT_ID AMOUNT_IN_CENTS CURRENCY CUSTOMER: one event
# as the stream's columns name its fields (a JSON object on one line).
event() {
  printf '{"delivery_id":"%s","provider":"%s","event_type":"%s",' "$1" "$2" "$3"
  printf '"payload":{"id":"%s","amount":%s,"currency":"%s","customer":"%s"}}' "$4" "$5" "$6" "$7"
}

# deliver BODY: POSTs BODY, signed when WEBHOOK_SECRET is set, and prints the answer.
deliver() {
  local body=$1
  local headers=(-H 'Content-Type: application/json')
  if [ -n "${WEBHOOK_SECRET:-}" ]; then
    local digest
    digest=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$WEBHOOK_SECRET" -r)
    headers+=(-H "X-Signature-256: sha256=${digest%% *}")
  fi
  echo "POST $endpoint $body"
  local answer status
  answer=$(curl -sS -X POST "${headers[@]}" --data-binary "$body" -w '\n%{http_code}' \
    "$endpoint") || { echo "-> no answer from $endpoint"; refused=$((refused + 1)); return; }
  status=${answer##*$'\n'}
  echo "-> HTTP $status ${answer%$'\n'*}"
  if [ "$status" != 200 ]; then
    refused=$((refused + 1))
  fi
}

# One event per request, as most providers deliver them.
deliver "$(event evt_1001 stripe payment.succeeded pi_3001 4990 brl cus_ana)"
deliver "$(event evt_1002 stripe payment.failed pi_3002 12900 brl cus_bruno)"
deliver "$(event dlv_2001 adyen payment.succeeded psp_881 7500 eur cus_elisa)"
deliver "$(event evt_1003 stripe payment.failed pi_3003 0 brl cus_carla)"  # a card check: no amount
deliver "$(event dlv_2002 adyen payment.failed psp_882 25000 usd cus_diego)"
deliver "$(event evt_1004 stripe refund.created re_4001 4990 brl cus_ana)"

# A batch: a provider retrying several deliveries in one request (a JSON array).
deliver "[$(event evt_1005 stripe payment.failed pi_3005 3150 brl cus_ana),$(
  event evt_1006 stripe payment.succeeded pi_3006 3150 brl cus_ana),$(
  event dlv_2003 adyen payment.failed psp_883 1999 eur cus_fabio)]"

if [ "$refused" -ne 0 ]; then
  echo "$refused of the deliveries were refused" >&2
  exit 1
fi
