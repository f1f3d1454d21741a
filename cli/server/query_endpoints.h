#pragma once

#include <memory>

#include "cli/server/http_exchange.h"
#include "cli/server/rest_context.h"

namespace fluxo::cli::server {

/// POST /query-stream `{"sql": "...", "properties": {...}}` (`streamsProperties` is read
/// too): runs one SELECT. A pull query's header and rows are sent at once; a push query's
/// header goes out first, then each row as it comes (one DATA frame or chunk per row) until
/// its LIMIT, /close-query, or the client going away. `Accept: application/json` gets the
/// JSON-array form, anything else the delimited form (QueryResponseFormat). A push query
/// over the server's limit is refused with 429. Throws RestException for what it refuses.
void HandleQueryStream(RestContext& context,
                       const HttpRequest& request,
                       const std::shared_ptr<ResponseWriter>& writer);

/// POST /query `{"ksql": "...", "streamsProperties": {...}}`: as /query-stream, in the older
/// response format ksqlDB's /query endpoint streams (QueryResponseKind::kLegacyQuery).
void HandleLegacyQuery(RestContext& context,
                       const HttpRequest& request,
                       const std::shared_ptr<ResponseWriter>& writer);

/// POST /internal/pull-share `{"sql": "...", "partitions": [P, ...]}`: this server's share of
/// a pull query on a scaled-out table that another server of the service id completes
/// (GatherPeerRows): the rows of its tasks reading those partitions, as a PeerShareBody
/// (`application/x-ndjson`). Throws RestException for what it refuses.
void HandlePullShare(RestContext& context, const HttpRequest& request, ResponseWriter& writer);

/// POST /close-query `{"queryId": "..."}`: ends an open push query (its response ends on the
/// pump's next turn) and answers 200 with an empty body; an unknown id gets 400.
void HandleCloseQuery(RestContext& context, const HttpRequest& request, ResponseWriter& writer);

}  // namespace fluxo::cli::server
