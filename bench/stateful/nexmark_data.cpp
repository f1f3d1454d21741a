#include "bench/stateful/nexmark_data.h"

#include <cstdio>
#include <stdexcept>

namespace fluxo::bench {

namespace {

/// A deterministic LCG (Knuth's MMIX constants), as in the stateless bench.
uint64_t NextState(uint64_t state) {
  return state * 6364136223846793005ULL + 1442695040888963407ULL;
}

}  // namespace

std::vector<NexmarkRecord> MakeBids(size_t count) {
  static const char* const kChannels[] = {"Google", "Facebook", "Baidu", "Apple"};
  std::vector<NexmarkRecord> bids;
  bids.reserve(count);
  uint64_t state = 20261121;
  for (size_t i = 0; i < count; ++i) {
    state = NextState(state);
    const uint64_t auction = 1000 + (state >> 33) % kAuctionCount;
    const uint64_t bidder = kFirstPersonId + (state >> 17) % kPersonCount;
    const uint64_t price = 1 + (state >> 40) % 100000;
    const char* channel = kChannels[(state >> 60) % 4];
    const int64_t date_time = kFirstBidTime + static_cast<int64_t>(i) / kBidsPerMillisecond;
    NexmarkRecord bid;
    bid.value = "{\"auction\":" + std::to_string(auction) +
                ",\"bidder\":" + std::to_string(bidder) + ",\"price\":" + std::to_string(price) +
                ",\"channel\":\"" + channel + "\",\"url\":\"https://www.nexmark.com/item/" +
                std::to_string(auction) + "/bid\",\"dateTime\":" + std::to_string(date_time) +
                ",\"extra\":\"x" + std::to_string(i % 97) + "\"}";
    bid.timestamp = date_time;
    bids.push_back(std::move(bid));
  }
  return bids;
}

std::vector<NexmarkRecord> MakePersons() {
  static const char* const kFirstNames[] = {"Peter",
                                            "Paul",
                                            "Luke",
                                            "John",
                                            "Saul",
                                            "Vicky",
                                            "Kate",
                                            "Julie",
                                            "Sarah",
                                            "Deiter",
                                            "Walter"};
  static const char* const kLastNames[] = {
      "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"};
  static const char* const kCities[] = {"Phoenix",
                                        "Los Angeles",
                                        "San Francisco",
                                        "Boise",
                                        "Portland",
                                        "Bend",
                                        "Redmond",
                                        "Seattle",
                                        "Kent",
                                        "Cheyenne"};
  static const char* const kStates[] = {"AZ", "CA", "ID", "OR", "WA", "WY"};
  std::vector<NexmarkRecord> persons;
  persons.reserve(kPersonCount);
  uint64_t state = 4242;
  for (int64_t k = 0; k < kPersonCount; ++k) {
    state = NextState(state);
    const int64_t id = kFirstPersonId + k;
    const std::string name =
        std::string(kFirstNames[(state >> 33) % 11]) + " " + kLastNames[(state >> 41) % 9];
    NexmarkRecord person;
    person.key = BigEndian64(id);
    person.value = "{\"id\":" + std::to_string(id) + ",\"name\":\"" + name +
                   "\",\"emailAddress\":\"p" + std::to_string(id) +
                   "@nexmark.com\",\"creditCard\":\"" + std::to_string(1000000000000000 + id) +
                   "\",\"city\":\"" + kCities[(state >> 49) % 10] + "\",\"state\":\"" +
                   kStates[(state >> 57) % 6] +
                   "\",\"dateTime\":" + std::to_string(kFirstBidTime - 1000) + ",\"extra\":\"y" +
                   std::to_string(k % 89) + "\"}";
    person.timestamp = kFirstBidTime - 1000;
    persons.push_back(std::move(person));
  }
  return persons;
}

void WriteJsonLines(const std::vector<NexmarkRecord>& records, const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    throw std::runtime_error("cannot write " + path);
  }
  for (const NexmarkRecord& record : records) {
    std::fwrite(record.value.data(), 1, record.value.size(), file);
    std::fputc('\n', file);
  }
  if (std::fclose(file) != 0) {
    throw std::runtime_error("cannot write " + path);
  }
}

std::string BigEndian64(int64_t value) {
  std::string bytes(8, '\0');
  const auto bits = static_cast<uint64_t>(value);
  for (int i = 0; i < 8; ++i) {
    bytes[static_cast<size_t>(i)] = static_cast<char>((bits >> (56 - 8 * i)) & 0xff);
  }
  return bytes;
}

int64_t ReadBigEndian64(const char* bytes) {
  uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) {
    bits = (bits << 8) | static_cast<unsigned char>(bytes[i]);
  }
  return static_cast<int64_t>(bits);
}

}  // namespace fluxo::bench
