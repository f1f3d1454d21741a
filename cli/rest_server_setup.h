#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include "cli/engine_setup.h"
#include "cli/server/rest_server.h"
#include "runtime/engine/engine_host.h"

namespace fluxo::cli {

/// Returns the REST options for listening on `listen` (`HOST:PORT`) over an engine set up as
/// `setup`: its configuration (webhook secrets, service id) and the Kafka cluster it uses.
/// Throws fluxo::Error (kIo) for a malformed address or `ksql.advertised.listener`.
server::RestOptions RestOptionsFor(const EngineSetup& setup, const std::string& listen);

/// `fluxo run --listen HOST:PORT`: starts a read-only REST server (/healthcheck, /info,
/// /metrics) over `host` and prints "Listening on http://HOST:PORT" on `out`. Throws
/// fluxo::Error (kIo) when the address is malformed or cannot be bound.
std::unique_ptr<server::RestServer> StartStatusServer(engine::EngineHost& host,
                                                      const EngineSetup& setup,
                                                      const std::string& listen,
                                                      std::ostream& out);

}  // namespace fluxo::cli
