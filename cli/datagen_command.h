#pragma once

#include <string>
#include <vector>

#include "cli/command.h"

namespace fluxo::cli {

/// Runs `fluxo datagen --quickstart NAME (--topic T --bootstrap-servers HOST:PORT | --output -)
/// [options]`: generates a quickstart's records (transactions, trades, users, pageviews, bids,
/// persons, auctions) from a seed, so that a seed always gives the same records, and produces
/// them to a Kafka topic (created when missing) or prints them as `key<TAB>value` lines. Runs
/// until --count records are sent, or SIGINT/SIGTERM, then prints a summary on `io.err` and
/// returns kExitOk. Returns kExitUsage for a bad command line and kExitFailure when the broker
/// fails.
int RunDatagenCommand(const std::vector<std::string>& arguments, const CommandIo& io);

}  // namespace fluxo::cli
