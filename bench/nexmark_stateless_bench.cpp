// Nexmark-style stateless throughput, in-process, one thread: JSON bids in -> JSON out for
//   q0: SELECT * (pass-through)
//   q1: price * 0.908 (ksqlDB semantics: DECIMAL(3, 3) times BIGINT -> an exact DECIMAL)
//   q2: WHERE auction % 123 = 0
// through the Fluxo engine (in-memory topics, the real serdes, operators and evaluator), beside a
// hand-written C++ loop doing the same parse / compute / format with simdjson. Prints events/s
// per query and the ratio engine / hand-written, by wall-clock time and by the thread's CPU time
// (the latter is steadier on a machine shared with other work).
// Usage: nexmark_stateless_bench [EVENTS [QUERY]]   (QUERY 0, 1 or 2 runs only that one)

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/engine/engine.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace {

using Clock = std::chrono::steady_clock;

/// A point in time on both clocks: wall and this thread's CPU time.
struct Stamp {
  Clock::time_point wall;
  timespec cpu{};
};

Stamp Now() {
  Stamp stamp;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &stamp.cpu);
  stamp.wall = Clock::now();
  return stamp;
}

/// Seconds since `start`, by wall clock and by CPU time.
struct Elapsed {
  double wall = 0;
  double cpu = 0;
};

Elapsed Since(const Stamp& start) {
  const Stamp end = Now();
  Elapsed elapsed;
  elapsed.wall = std::chrono::duration<double>(end.wall - start.wall).count();
  elapsed.cpu = static_cast<double>(end.cpu.tv_sec - start.cpu.tv_sec) +
                static_cast<double>(end.cpu.tv_nsec - start.cpu.tv_nsec) * 1e-9;
  return elapsed;
}

std::vector<std::string> MakeBids(size_t count) {
  static const char* const kChannels[] = {"Google", "Facebook", "Baidu", "Apple"};
  std::vector<std::string> bids;
  bids.reserve(count);
  uint64_t state = 20261121;
  for (size_t i = 0; i < count; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;  // Deterministic LCG.
    const uint64_t auction = 1000 + (state >> 33) % 10000;
    const uint64_t bidder = 2000 + (state >> 17) % 100000;
    const uint64_t price = 1 + (state >> 40) % 100000;
    const char* channel = kChannels[(state >> 60) % 4];
    bids.push_back("{\"auction\":" + std::to_string(auction) +
                   ",\"bidder\":" + std::to_string(bidder) + ",\"price\":" + std::to_string(price) +
                   ",\"channel\":\"" + channel + "\",\"url\":\"https://www.nexmark.com/item/" +
                   std::to_string(auction) +
                   "/bid\",\"dateTime\":" + std::to_string(1700000000000ULL + i) +
                   ",\"extra\":\"x" + std::to_string(i % 97) + "\"}");
  }
  return bids;
}

// The engine: create the stream and the query, load the bids, time RunUntilIdle.
Elapsed RunEngine(const std::vector<std::string>& bids, const std::string& query, size_t& outputs) {
  auto topics = std::make_shared<fluxo::runtime::InMemoryTopicClient>();
  fluxo::engine::Engine engine(topics);
  engine.ExecuteScript(
      "CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, url "
      "STRING, dateTime BIGINT, extra STRING) WITH (kafka_topic='bids', value_format='JSON', "
      "partitions=1);");
  for (const std::string& bid : bids) {
    fluxo::runtime::TopicRecord record;
    record.value = bid;
    topics->Produce("bids", std::move(record));
  }
  engine.ExecuteScript("CREATE STREAM out AS " + query + ";");
  const Stamp start = Now();
  engine.RunUntilIdle();
  const Elapsed seconds = Since(start);
  outputs = static_cast<size_t>(topics->EndOffset("OUT", 0));
  return seconds;
}

// Appends an exact decimal with 3 decimal places: 1234567 -> "1234.567".
void AppendScaled3(std::string& out, int64_t unscaled) {
  if (unscaled < 0) {
    out += '-';
    unscaled = -unscaled;
  }
  out += std::to_string(unscaled / 1000);
  const int64_t fraction = unscaled % 1000;
  out += '.';
  out += static_cast<char>('0' + fraction / 100);
  out += static_cast<char>('0' + (fraction / 10) % 10);
  out += static_cast<char>('0' + fraction % 10);
}

void AppendString(std::string& out, std::string_view text) {
  out += '"';
  out.append(text.data(), text.size());  // Generated data needs no escaping.
  out += '"';
}

// The hand-written loop: simdjson On-Demand in, string appends out, into an output vector (as
// the engine's in-memory sink topic).
Elapsed RunHandWritten(const std::vector<std::string>& bids, int query, size_t& outputs) {
  simdjson::ondemand::parser parser;
  std::vector<std::string> sink;
  sink.reserve(bids.size());
  const Stamp start = Now();
  for (const std::string& bid : bids) {
    simdjson::padded_string padded(bid);
    simdjson::ondemand::document document = parser.iterate(padded);
    const int64_t auction = document["auction"].get_int64();
    const int64_t bidder = document["bidder"].get_int64();
    const int64_t price = document["price"].get_int64();
    const std::string_view channel = document["channel"].get_string();
    const std::string_view url = document["url"].get_string();
    const int64_t date_time = document["dateTime"].get_int64();
    const std::string_view extra = document["extra"].get_string();
    if (query == 2 && auction % 123 != 0) {
      continue;
    }
    std::string out;
    out.reserve(bid.size() + 16);
    out += "{\"AUCTION\":" + std::to_string(auction);
    if (query != 2) {
      out += ",\"BIDDER\":" + std::to_string(bidder);
    }
    out += ",\"PRICE\":";
    if (query == 1) {
      AppendScaled3(out, price * 908);
    } else {
      out += std::to_string(price);
    }
    if (query == 0) {
      out += ",\"CHANNEL\":";
      AppendString(out, channel);
      out += ",\"URL\":";
      AppendString(out, url);
    }
    if (query != 2) {
      out += ",\"DATETIME\":" + std::to_string(date_time);
      out += ",\"EXTRA\":";
      AppendString(out, extra);
    }
    out += '}';
    sink.push_back(std::move(out));
  }
  const Elapsed seconds = Since(start);
  outputs = sink.size();
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t events =
      argc > 1 ? static_cast<size_t>(std::strtoull(argv[1], nullptr, 10)) : 1000000;
  const int only = argc > 2 ? std::atoi(argv[2]) : -1;
  const std::vector<std::string> bids = MakeBids(events);

  struct Query {
    const char* name;
    const char* sql;
  };

  const Query queries[] = {
      {"q0 pass-through", "SELECT * FROM bids"},
      {"q1 price * 0.908",
       "SELECT auction, bidder, price * 0.908 AS price, dateTime, extra FROM bids"},
      {"q2 auction % 123 = 0", "SELECT auction, price FROM bids WHERE auction % 123 = 0"},
  };
  std::printf("Nexmark stateless, %zu JSON bids, one thread, in-process\n", events);
  std::printf("%-22s %14s %14s %8s %10s %10s\n",
              "query",
              "engine ev/s",
              "hand ev/s",
              "ratio",
              "cpu ratio",
              "outputs");
  for (int q = 0; q < 3; ++q) {
    if (only >= 0 && q != only) {
      continue;
    }
    size_t engine_outputs = 0;
    size_t hand_outputs = 0;
    const Elapsed engine_seconds = RunEngine(bids, queries[q].sql, engine_outputs);
    const Elapsed hand_seconds = RunHandWritten(bids, q, hand_outputs);
    const double engine_rate = static_cast<double>(events) / engine_seconds.wall;
    const double hand_rate = static_cast<double>(events) / hand_seconds.wall;
    std::printf("%-22s %14.0f %14.0f %8.2f %10.2f %10zu%s\n",
                queries[q].name,
                engine_rate,
                hand_rate,
                engine_rate / hand_rate,
                hand_seconds.cpu / engine_seconds.cpu,
                engine_outputs,
                engine_outputs == hand_outputs ? "" : "  (output counts differ!)");
  }
  return 0;
}
