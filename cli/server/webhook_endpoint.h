#pragma once

#include "cli/server/http_exchange.h"
#include "cli/server/rest_context.h"

namespace fluxo::cli::server {

/// POST /webhooks/<STREAM>: inserts the body, a JSON object (one row) or an array of objects
/// (one row each), into the stream, all or nothing (Engine::InsertJsonRows), and answers
/// `{"status":"ok","inserted":N}`.
///
/// Signatures: when the server configuration holds a secret for the stream,
/// `webhook.secret.<STREAM>`, or else `webhook.secret` for every stream, the request must
/// carry `X-Signature-256: sha256=<hex HMAC-SHA256 of the body under the secret>` (as
/// code-hosting webhooks sign); a missing or wrong signature gets 401 and writes nothing.
/// The stream name is matched as written, then upper-cased (as an unquoted identifier).
///
/// Refusals (RestException): 401 as above, 404 for an unknown stream, 400 naming the problem
/// for a table, a body that is not a JSON object or array of objects, or a row that does not
/// fit the stream's columns.
void HandleWebhook(RestContext& context, const HttpRequest& request, ResponseWriter& writer);

}  // namespace fluxo::cli::server
