#pragma once

#include "cli/server/http_exchange.h"
#include "cli/server/rest_context.h"

namespace fluxo::cli::server {

/// POST /ksql `{"ksql": "...", "streamsProperties": {...}}`: runs the statements one at a
/// time and answers the JSON array of their entities (ksql_entities.h). `SET` and `UNSET`
/// change the properties of the statements after them in the same request only, as in
/// ksqlDB. A query (SELECT, PRINT) anywhere in the request is refused before anything runs
/// (400, 40002, it belongs on /query or /query-stream); a statement that fails ends the
/// request with a statement_error (40001) carrying the entities of the statements before it.
/// Throws RestException for what it refuses.
void HandleKsql(RestContext& context, const HttpRequest& request, ResponseWriter& writer);

}  // namespace fluxo::cli::server
