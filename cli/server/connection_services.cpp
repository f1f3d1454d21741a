#include "cli/server/connection_services.h"

#include <exception>
#include <utility>

#include <boost/asio/post.hpp>

#include "runtime/core/log.h"

namespace fluxo::cli::server {

void ConnectionServices::Dispatch(HttpRequest request,
                                  std::shared_ptr<ResponseWriter> writer) const {
  const bool internal = internal_workers != nullptr && !internal_path_prefix.empty() &&
                        request.path.starts_with(internal_path_prefix);
  boost::asio::post(
      internal ? *internal_workers : *workers,
      [this, request = std::move(request), writer = std::move(writer)]() {
        try {
          handler(request, writer);
        } catch (const std::exception& error) {
          LogLine(LogLevel::kError,
                  "Request " + request.method + " " + request.path + " failed: " + error.what());
          writer->Send(error_response(500, std::string("Internal error: ") + error.what()));
        }
      });
}

}  // namespace fluxo::cli::server
