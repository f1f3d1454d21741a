#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cli/server/peer_directory.h"
#include "runtime/engine/statement_result.h"

namespace fluxo::cli::server {

/// A peer's answer for its share of a pull query: the partitions whose rows it holds and the
/// rows, each the JSON array of its values (RowJsonArray), in the peer's order.
struct PeerShareAnswer {
  std::vector<int32_t> answered;
  std::vector<std::string> rows;
};

/// Asks `peer` for the rows of `partitions` (Engine::ExecutePullQueryShare there). Throws
/// fluxo::Error when the peer cannot be reached or refuses.
using AskPeer =
    std::function<PeerShareAnswer(const Peer& peer, const std::vector<int32_t>& partitions)>;

/// Completes a pull query on a scaled-out table from the other servers: `local` is this
/// server's share (which already gave `local_rows` rows). For the partitions it lacks, asks the
/// peers that announced them (each for those it owns that nobody answered yet, in instance id
/// order), keeps what each says it answered, and returns their rows, cut to what the LIMIT
/// leaves. A peer that fails is logged and skipped. Throws RestException (503) naming the
/// partitions that no peer answered: a partial answer is never returned as a whole one.
std::vector<std::string> GatherPeerRows(const engine::PullQueryShare& local,
                                        size_t local_rows,
                                        const std::vector<Peer>& peers,
                                        const AskPeer& ask);

/// Asks peers over HTTP (POST `<url>/internal/pull-share`), sending `authorization` (the
/// client's Authorization header, empty for none) and waiting at most `timeout` for each.
AskPeer HttpPeerAsker(std::string sql,
                      std::string authorization,
                      std::chrono::milliseconds timeout);

/// The body of /internal/pull-share's answer: a JSON object with the partitions answered on
/// the first line, then one row's JSON array per line.
std::string PeerShareBody(const std::vector<int32_t>& answered,
                          const std::vector<std::string>& rows);

/// Reads a PeerShareBody. Throws fluxo::Error (kIo) when `body` is not one.
PeerShareAnswer ParsePeerShareBody(const std::string& body);

}  // namespace fluxo::cli::server
