#pragma once

#include <memory>

#include "cli/server/http_exchange.h"
#include "cli/server/rest_context.h"

namespace fluxo::cli::server {

/// POST /inserts-stream: a first line `{"target": "STREAM"}`, then one JSON object per line
/// (the last line may lack its newline), each inserted as a row of the target
/// (Engine::InsertJsonRows). Answers one ack per row, `{"status":"ok","seq":N}`; the first
/// row that cannot be inserted gets `{"status":"error","seq":N,"error_code":40000,
/// "message":...}` and ends the response, as in ksqlDB. `Accept: application/json` gets the
/// acks as one JSON array, anything else newline-delimited. An unknown target or malformed
/// arguments are refused (RestException) before any row.
void HandleInsertsStream(RestContext& context,
                         const HttpRequest& request,
                         const std::shared_ptr<ResponseWriter>& writer);

}  // namespace fluxo::cli::server
