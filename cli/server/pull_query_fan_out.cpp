#include "cli/server/pull_query_fan_out.h"

#include <algorithm>
#include <exception>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "cli/http/http_client.h"
#include "cli/server/rest_error.h"
#include "runtime/core/error.h"
#include "runtime/core/log.h"

namespace fluxo::cli::server {

namespace {

std::string PartitionList(const std::set<int32_t>& partitions) {
  std::string text;
  for (int32_t partition : partitions) {
    text += (text.empty() ? "" : ", ") + std::to_string(partition);
  }
  return text;
}

}  // namespace

std::vector<std::string> GatherPeerRows(const engine::PullQueryShare& local,
                                        size_t local_rows,
                                        const std::vector<Peer>& peers,
                                        const AskPeer& ask) {
  std::set<int32_t> missing;
  for (int32_t partition = 0; partition < local.partitions; ++partition) {
    missing.insert(partition);
  }
  for (int32_t partition : local.answered) {
    missing.erase(partition);
  }
  const auto room = [&](size_t gathered) -> size_t {
    if (!local.limit.has_value()) {
      return SIZE_MAX;
    }
    const auto limit = static_cast<size_t>(std::max<int64_t>(*local.limit, 0));
    return limit > local_rows + gathered ? limit - local_rows - gathered : 0;
  };
  std::vector<std::string> rows;
  for (const Peer& peer : peers) {
    if (missing.empty() || room(rows.size()) == 0) {
      break;
    }
    const auto owned = peer.owned_partitions.find(local.query_id);
    if (owned == peer.owned_partitions.end()) {
      continue;
    }
    std::vector<int32_t> wanted;
    for (int32_t partition : owned->second) {
      if (missing.count(partition) != 0) {
        wanted.push_back(partition);
      }
    }
    if (wanted.empty()) {
      continue;
    }
    PeerShareAnswer answer;
    try {
      answer = ask(peer, wanted);
    } catch (const std::exception& error) {
      LogLine(LogLevel::kWarning,
              "Pull query on the table of " + local.query_id + ": server " + peer.url +
                  " did not answer for its " + "partitions of " + local.query_id + ": " +
                  error.what());
      continue;
    }
    for (int32_t partition : answer.answered) {
      missing.erase(partition);
    }
    const size_t take = std::min(room(rows.size()), answer.rows.size());
    rows.insert(rows.end(),
                std::make_move_iterator(answer.rows.begin()),
                std::make_move_iterator(answer.rows.begin() + static_cast<std::ptrdiff_t>(take)));
  }
  if (!missing.empty() && room(rows.size()) > 0) {
    throw RestException(RestError::Generic(
        503,
        kErrorUnavailable,
        "The pull query cannot be answered whole right now: partition(s) " +
            PartitionList(missing) + " of query " + local.query_id + ", which writes the table," +
            " run on no server that answered (the servers of this service id may be "
            "rebalancing, or one has stopped). Retry in a few seconds."));
  }
  return rows;
}

std::string PeerShareBody(const std::vector<int32_t>& answered,
                          const std::vector<std::string>& rows) {
  std::string body = nlohmann::json{{"answered", answered}}.dump() + "\n";
  for (const std::string& row : rows) {
    body += row;
    body += '\n';
  }
  return body;
}

PeerShareAnswer ParsePeerShareBody(const std::string& body) {
  const size_t first_end = body.find('\n');
  const nlohmann::json header = nlohmann::json::parse(body.substr(0, first_end), nullptr, false);
  if (first_end == std::string::npos || !header.is_object() || !header.contains("answered") ||
      !header["answered"].is_array()) {
    throw Error(ErrorKind::kIo, "not a pull-share answer: " + body.substr(0, 200));
  }
  PeerShareAnswer answer;
  for (const nlohmann::json& partition : header["answered"]) {
    if (!partition.is_number_integer()) {
      throw Error(ErrorKind::kIo, "not a pull-share answer: " + body.substr(0, 200));
    }
    answer.answered.push_back(partition.get<int32_t>());
  }
  for (size_t start = first_end + 1; start < body.size();) {
    const size_t end = body.find('\n', start);
    if (end == std::string::npos) {
      throw Error(ErrorKind::kIo, "a pull-share answer ends inside a row");
    }
    answer.rows.push_back(body.substr(start, end - start));
    start = end + 1;
  }
  return answer;
}

AskPeer HttpPeerAsker(std::string sql,
                      std::string authorization,
                      std::chrono::milliseconds timeout) {
  return [sql = std::move(sql), authorization = std::move(authorization), timeout](
             const Peer& peer, const std::vector<int32_t>& partitions) {
    http::HttpClient client(http::ServerUrl::Parse(peer.url), timeout, "fluxo-server");
    client.SetAuthorization(authorization);
    const nlohmann::json request = {{"sql", sql}, {"partitions", partitions}};
    const http::HttpReply reply = client.Post("/internal/pull-share", request.dump());
    if (reply.status != 200) {
      throw Error(ErrorKind::kIo,
                  "HTTP " + std::to_string(reply.status) + ": " + reply.body.substr(0, 500));
    }
    return ParsePeerShareBody(reply.body);
  };
}

}  // namespace fluxo::cli::server
