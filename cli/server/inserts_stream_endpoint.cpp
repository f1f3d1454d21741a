#include "cli/server/inserts_stream_endpoint.h"

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/server/json_text.h"
#include "cli/server/request_body.h"
#include "cli/server/rest_error.h"
#include "runtime/core/error.h"

namespace fluxo::cli::server {

namespace {

using json = nlohmann::ordered_json;

std::vector<std::string> NonBlankLines(const std::string& body) {
  std::vector<std::string> lines;
  std::istringstream in(body);
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) {
      lines.push_back(line);
    }
  }
  return lines;
}

}  // namespace

void HandleInsertsStream(RestContext& context,
                         const HttpRequest& request,
                         const std::shared_ptr<ResponseWriter>& writer) {
  std::vector<std::string> lines = NonBlankLines(request.body);
  if (lines.empty()) {
    throw RestException(RestError::Generic(400, kErrorBadRequest, "No target in arguments"));
  }
  const std::string target = RequiredString(ParseJsonObject(lines.front()), "target");
  const bool known = context.host.Call(
      [&](engine::Engine& engine) { return engine.catalog().FindSource(target) != nullptr; });
  if (!known) {
    throw RestException(RestError::Generic(
        400, kErrorBadRequest, "Cannot insert into an unknown stream/table: " + target));
  }

  // Every row is inserted in one engine call; the acks are sent after it.
  struct Ack {
    bool ok = true;
    std::string message;
  };

  std::vector<Ack> acks;
  context.host.Call([&](engine::Engine& engine) {
    for (size_t row = 1; row < lines.size(); ++row) {
      try {
        engine.InsertJsonRows(target, {lines[row]});
        acks.push_back({true, ""});
      } catch (const Error& error) {
        acks.push_back({false, error.message()});
        return;  // ksqlDB ends the stream at the first failed row.
      }
    }
  });

  const std::string accept = request.Header("accept");
  const bool json_array =
      accept.find("application/vnd.ksqlapi.delimited.v1") == std::string::npos &&
      accept.find("application/json") != std::string::npos;
  writer->StartStream(200,
                      json_array ? "application/json" : "application/vnd.ksqlapi.delimited.v1");
  if (json_array) {
    writer->Write("[");
  }
  for (size_t seq = 0; seq < acks.size(); ++seq) {
    json ack = acks[seq].ok ? json{{"status", "ok"}, {"seq", seq}}
                            : json{{"status", "error"},
                                   {"seq", seq},
                                   {"error_code", kErrorBadRequest},
                                   {"message", acks[seq].message}};
    writer->Write(json_array ? (seq > 0 ? "," : "") + JsonText(ack) : JsonText(ack) + "\n");
  }
  if (json_array) {
    writer->Write("]");
  }
  writer->Finish();
}

}  // namespace fluxo::cli::server
