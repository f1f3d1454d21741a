#include "bench/stateful/hand_written_join.h"

#include <chrono>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fluxo::bench {

namespace {

using Clock = std::chrono::steady_clock;

/// The persons columns the query reads.
struct Person {
  std::string name;
  std::string state;
};

struct OutputRecord {
  std::string key;
  std::string value;
  int64_t timestamp = 0;
};

void AppendString(std::string& out, std::string_view text) {
  out += '"';
  out.append(text.data(), text.size());  // Generated data needs no escaping.
  out += '"';
}

}  // namespace

HandWrittenJoinRun RunHandWrittenJoin(const std::vector<NexmarkRecord>& bids,
                                      const std::vector<NexmarkRecord>& persons) {
  simdjson::ondemand::parser parser;
  std::unordered_map<int64_t, Person> table;
  std::vector<OutputRecord> sink;
  sink.reserve(bids.size());
  HandWrittenJoinRun run;
  const Clock::time_point start = Clock::now();
  table.reserve(persons.size());
  for (const NexmarkRecord& row : persons) {
    simdjson::padded_string padded(row.value);
    simdjson::ondemand::document document = parser.iterate(padded);
    Person person;
    person.name = std::string_view(document["name"].get_string());
    person.state = std::string_view(document["state"].get_string());
    table[ReadBigEndian64(row.key.data())] = std::move(person);
  }
  for (const NexmarkRecord& bid : bids) {
    simdjson::padded_string padded(bid.value);
    simdjson::ondemand::document document = parser.iterate(padded);
    const int64_t auction = document["auction"].get_int64();
    const int64_t bidder = document["bidder"].get_int64();
    const int64_t price = document["price"].get_int64();
    const auto found = table.find(bidder);
    if (found == table.end()) {
      continue;  // Inner join: a bid without its person emits nothing.
    }
    OutputRecord record;
    record.key = BigEndian64(bidder);
    record.value.reserve(96);
    record.value += "{\"AUCTION\":" + std::to_string(auction);
    record.value += ",\"PRICE\":" + std::to_string(price);
    record.value += ",\"NAME\":";
    AppendString(record.value, found->second.name);
    record.value += ",\"STATE\":";
    AppendString(record.value, found->second.state);
    record.value += '}';
    record.timestamp = bid.timestamp;
    sink.push_back(std::move(record));
    ++run.checksum.rows;
    run.checksum.sum_a += price;
    run.checksum.sum_b += static_cast<int64_t>(found->second.name.size());
  }
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.outputs = sink.size();
  return run;
}

}  // namespace fluxo::bench
