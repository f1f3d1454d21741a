#include "cli/server/webhook_endpoint.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/server/hmac_signature.h"
#include "cli/server/json_text.h"
#include "cli/server/rest_error.h"
#include "planner/catalog/catalog.h"
#include "runtime/core/error.h"

namespace fluxo::cli::server {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kWebhooksPrefix = "/webhooks/";

std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(std::toupper(c));
  });
  return text;
}

/// The source the path names, as written or upper-cased; nothing when neither exists.
struct Target {
  std::string name;
  bool found = false;
  bool is_stream = false;
};

Target ResolveTarget(RestContext& context, const std::string& written) {
  return context.host.Call([&](engine::Engine& engine) {
    for (const std::string& name : {written, Upper(written)}) {
      if (const planner::SourceDescription* source = engine.catalog().FindSource(name)) {
        return Target{name, true, source->type == planner::SourceType::kStream};
      }
    }
    return Target{Upper(written), false, false};
  });
}

std::optional<std::string> SecretFor(const RestOptions& options, const std::string& stream) {
  for (const std::string& key : {"webhook.secret." + stream, std::string("webhook.secret")}) {
    const auto found = options.config.find(key);
    if (found != options.config.end() && !found->second.empty()) {
      return found->second;
    }
  }
  return std::nullopt;
}

RestError Refusal(int status, int code, std::string message) {
  return RestError::Generic(status, code, std::move(message));
}

/// The rows of the body, each as JSON object text.
std::vector<std::string> RowsOf(const std::string& body) {
  json parsed;
  try {
    parsed = json::parse(body);
  } catch (const json::parse_error& error) {
    throw RestException(Refusal(
        400, kErrorBadRequest, std::string("Malformed JSON in webhook body: ") + error.what()));
  }
  std::vector<std::string> rows;
  if (parsed.is_object()) {
    rows.push_back(JsonText(parsed));
    return rows;
  }
  if (!parsed.is_array()) {
    throw RestException(Refusal(
        400, kErrorBadRequest, "A webhook body must be a JSON object or an array of objects"));
  }
  for (size_t i = 0; i < parsed.size(); ++i) {
    if (!parsed[i].is_object()) {
      throw RestException(
          Refusal(400,
                  kErrorBadRequest,
                  "Element " + std::to_string(i) + " of the webhook body is not a JSON object"));
    }
    rows.push_back(JsonText(parsed[i]));
  }
  return rows;
}

}  // namespace

void HandleWebhook(RestContext& context, const HttpRequest& request, ResponseWriter& writer) {
  const std::string written = request.path.substr(kWebhooksPrefix.size());
  if (written.empty() || written.find('/') != std::string::npos) {
    throw RestException(
        Refusal(404, kErrorNotFound, "Name the stream to insert into: POST /webhooks/<STREAM>"));
  }
  const Target target = ResolveTarget(context, written);

  if (const std::optional<std::string> secret = SecretFor(context.options, target.name)) {
    const std::string signature = request.Header("x-signature-256");
    if (signature.empty()) {
      throw RestException(Refusal(401, kErrorUnauthorized, "Missing X-Signature-256 header"));
    }
    if (!SignatureMatches(*secret, request.body, signature)) {
      throw RestException(Refusal(
          401, kErrorUnauthorized, "X-Signature-256 does not match the body's HMAC-SHA256"));
    }
  }
  if (!target.found) {
    throw RestException(Refusal(404, kErrorNotFound, "No stream called " + written));
  }
  if (!target.is_stream) {
    throw RestException(
        Refusal(400, kErrorBadRequest, target.name + " is a table; webhooks insert into streams"));
  }

  const std::vector<std::string> rows = RowsOf(request.body);
  try {
    context.host.Call([&](engine::Engine& engine) { engine.InsertJsonRows(target.name, rows); });
  } catch (const Error& error) {
    const bool server_side = error.kind() == ErrorKind::kInternal || error.kind() == ErrorKind::kIo;
    throw RestException(Refusal(
        server_side ? 500 : 400, server_side ? kErrorServer : kErrorBadRequest, error.message()));
  }
  HttpResponse response;
  response.body = JsonText(json{{"status", "ok"}, {"inserted", rows.size()}});
  writer.Send(std::move(response));
}

}  // namespace fluxo::cli::server
