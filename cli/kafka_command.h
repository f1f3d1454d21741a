#pragma once

#include <string>
#include <vector>

#include "cli/command.h"

namespace fluxo::cli {

/// Runs `fluxo kafka [--listen HOST:PORT] [--brokers N] [--topic NAME:PARTITIONS]...`: starts
/// the embedded broker (librdkafka's mock cluster), creates the topics, prints
/// `bootstrap.servers=HOST:PORT[,...]` as the first line of `io.out` and serves until SIGINT or
/// SIGTERM, then returns kExitOk. librdkafka 2.0's mock cluster cannot listen on a chosen port:
/// a --listen port other than 0 is reported on `io.err` and the actual address printed.
int RunKafkaCommand(const std::vector<std::string>& arguments, const CommandIo& io);

}  // namespace fluxo::cli
