// The Nexmark quickstarts `bids`, `persons` and `auctions` (the benchmark's three streams, with
// its field names). They share id ranges so that joins match: persons and auctions have ids
// 1000 .. 999+N (N = --key-count, 1000 by default), bids name an auction and a bidder (a person)
// from those ranges, auctions a seller. Half of the bids go to a few hot auctions (the first 1%
// of the ids), as in Nexmark. `persons` and `auctions` emit every id once in order, then
// updates (persons) or relistings (auctions) of random ids.

#include <algorithm>
#include <array>
#include <memory>
#include <string_view>

#include "cli/datagen/quickstart.h"

namespace fluxo::cli::datagen {
namespace {

constexpr int64_t kFirstId = 1000;
constexpr int64_t kDefaultIdCount = 1000;
constexpr double kHotBidShare = 0.5;

constexpr std::array kBidColumns = {
    DatagenColumn{"auction", ColumnKind::kInteger, "auction id (the key, as text)"},
    DatagenColumn{"bidder", ColumnKind::kInteger, "person id"},
    DatagenColumn{"price", ColumnKind::kInteger, "bid in cents"},
    DatagenColumn{"channel", ColumnKind::kString, "Google, Facebook, Baidu or Apple"},
    DatagenColumn{"url", ColumnKind::kString, "https://www.nexmark.com/..."},
    DatagenColumn{"date_time", ColumnKind::kTimestamp, "event time, epoch ms"},
};

constexpr std::array kPersonColumns = {
    DatagenColumn{"id", ColumnKind::kInteger, "person id (the key, as text)"},
    DatagenColumn{"name", ColumnKind::kString, "first and last name (fixed per id)"},
    DatagenColumn{"email_address", ColumnKind::kString, "name@domain (fixed per id)"},
    DatagenColumn{"credit_card", ColumnKind::kString, "16 digits in groups of 4 (fixed per id)"},
    DatagenColumn{"city", ColumnKind::kString, "US city"},
    DatagenColumn{"state", ColumnKind::kString, "US state of the city"},
    DatagenColumn{"date_time", ColumnKind::kTimestamp, "event time, epoch ms"},
};

constexpr std::array kAuctionColumns = {
    DatagenColumn{"id", ColumnKind::kInteger, "auction id (the key, as text)"},
    DatagenColumn{"item_name", ColumnKind::kString, "what is sold"},
    DatagenColumn{"description", ColumnKind::kString, "a few words"},
    DatagenColumn{"initial_bid", ColumnKind::kInteger, "cents"},
    DatagenColumn{"reserve", ColumnKind::kInteger, "cents, above initial_bid"},
    DatagenColumn{"date_time", ColumnKind::kTimestamp, "event time, epoch ms"},
    DatagenColumn{"expires", ColumnKind::kInteger, "date_time + 10 s .. 10 min, epoch ms"},
    DatagenColumn{"seller", ColumnKind::kInteger, "person id"},
    DatagenColumn{"category", ColumnKind::kInteger, "10 .. 14"},
};

constexpr std::array<std::string_view, 4> kChannels = {"Google", "Facebook", "Baidu", "Apple"};
constexpr std::array<std::string_view, 11> kFirstNames = {
    "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"};
constexpr std::array<std::string_view, 9> kLastNames = {
    "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"};
constexpr std::array<std::string_view, 4> kDomains = {"gmail", "hotmail", "yahoo", "example"};

/// A city and its state, as Nexmark pairs them.
struct Place {
  std::string_view city;
  std::string_view state;
};

constexpr std::array<Place, 10> kPlaces = {{{"Phoenix", "AZ"},
                                            {"Los Angeles", "CA"},
                                            {"San Francisco", "CA"},
                                            {"Boise", "ID"},
                                            {"Portland", "OR"},
                                            {"Bend", "OR"},
                                            {"Redmond", "WA"},
                                            {"Seattle", "WA"},
                                            {"Kent", "WA"},
                                            {"Cheyenne", "WY"}}};

constexpr std::array<std::string_view, 8> kItems = {"vintage camera",
                                                    "road bike",
                                                    "first edition book",
                                                    "mechanical watch",
                                                    "electric guitar",
                                                    "oak table",
                                                    "comic collection",
                                                    "espresso machine"};
constexpr std::array<std::string_view, 4> kConditions = {
    "like new", "gently used", "needs repair", "in original box"};

/// Returns an id in kFirstId .. kFirstId + count - 1, drawn uniformly.
int64_t DrawId(DatagenRandom& random, int64_t count) {
  return kFirstId + random.UniformInt(0, count - 1);
}

/// Sets `value` to the decimal digits of `number` and returns it.
void SetNumberText(DatagenValue& value, int64_t number) {
  SetPrefixedId(value, "", number);
}

/// Hands out the ids kFirstId .. kFirstId + count - 1 once each in order, then random ones.
class IdSequence {
 public:
  explicit IdSequence(int64_t count) : count_(count) {}

  int64_t Next(DatagenRandom& random) {
    return issued_ < count_ ? kFirstId + issued_++ : DrawId(random, count_);
  }

 private:
  int64_t count_;
  int64_t issued_ = 0;
};

class BidsGenerator final : public RecordGenerator {
 public:
  explicit BidsGenerator(const GeneratorOptions& options)
      : id_count_(options.key_count), now_(options.start_time_ms) {}

  void Next(DatagenRandom& random, DatagenRecord& record) override {
    now_ += random.UniformInt(0, 20);
    const int64_t hot_count = std::max<int64_t>(1, id_count_ / 100);
    const int64_t auction = DrawId(random, random.Chance(kHotBidShare) ? hot_count : id_count_);
    const int64_t base_price = 100 + static_cast<int64_t>(MixBits(auction) % 100000);
    const int64_t channel = random.UniformInt(0, static_cast<int64_t>(kChannels.size()) - 1);

    ResizeValues(record, kBidColumns.size());
    record.timestamp = now_;
    record.values[0].number = auction;
    SetNumberText(record.values[0], auction);
    record.key = record.values[0].text;
    record.values[1].number = DrawId(random, id_count_);
    record.values[2].number = base_price + random.UniformInt(0, base_price);
    record.values[3].text = kChannels[static_cast<size_t>(channel)];
    SetPrefixedId(
        record.values[4], "https://www.nexmark.com/item.htm?query=1&channel_id=", channel);
  }

 private:
  int64_t id_count_;
  int64_t now_;
};

class PersonsGenerator final : public RecordGenerator {
 public:
  explicit PersonsGenerator(const GeneratorOptions& options)
      : ids_(options.key_count), now_(options.start_time_ms) {}

  void Next(DatagenRandom& random, DatagenRecord& record) override {
    now_ += random.UniformInt(0, 1000);
    const int64_t id = ids_.Next(random);
    const uint64_t traits = MixBits(id);
    const std::string_view first = kFirstNames[traits % kFirstNames.size()];
    const std::string_view last = kLastNames[(traits >> 8) % kLastNames.size()];
    const Place& place = random.Pick(kPlaces);

    ResizeValues(record, kPersonColumns.size());
    record.timestamp = now_;
    record.values[0].number = id;
    SetNumberText(record.values[0], id);
    record.key = record.values[0].text;
    std::string& name = record.values[1].text;
    name = first;
    name += ' ';
    name += last;
    SetPrefixedId(record.values[2], first, id);
    record.values[2].text += '@';
    record.values[2].text += kDomains[(traits >> 16) % kDomains.size()];
    record.values[2].text += ".com";
    std::string& card = record.values[3].text;
    card.clear();
    uint64_t digits = traits;
    for (int index = 0; index < 16; ++index) {
      if (index > 0 && index % 4 == 0) {
        card += ' ';
      }
      card += static_cast<char>('0' + digits % 10);
      digits = index == 7 ? MixBits(traits) : digits / 10;
    }
    record.values[4].text = place.city;
    record.values[5].text = place.state;
  }

 private:
  IdSequence ids_;
  int64_t now_;
};

class AuctionsGenerator final : public RecordGenerator {
 public:
  explicit AuctionsGenerator(const GeneratorOptions& options)
      : id_count_(options.key_count), ids_(options.key_count), now_(options.start_time_ms) {}

  void Next(DatagenRandom& random, DatagenRecord& record) override {
    now_ += random.UniformInt(0, 200);
    const int64_t id = ids_.Next(random);
    const int64_t initial_bid = random.UniformInt(100, 100000);

    ResizeValues(record, kAuctionColumns.size());
    record.timestamp = now_;
    record.values[0].number = id;
    SetNumberText(record.values[0], id);
    record.key = record.values[0].text;
    record.values[1].text = random.Pick(kItems);
    record.values[2].text = random.Pick(kConditions);
    record.values[3].number = initial_bid;
    record.values[4].number = initial_bid + random.UniformInt(1, 2 * initial_bid);
    record.values[6].number = now_ + random.UniformInt(10000, 600000);
    record.values[7].number = DrawId(random, id_count_);
    record.values[8].number = random.UniformInt(10, 14);
  }

 private:
  int64_t id_count_;
  IdSequence ids_;
  int64_t now_;
};

template <typename Generator>
std::unique_ptr<RecordGenerator> Create(const GeneratorOptions& options) {
  return std::make_unique<Generator>(options);
}

}  // namespace

Quickstart BidsQuickstart() {
  return Quickstart{"bids",
                    "Nexmark bids on auctions (key: auction)",
                    kBidColumns,
                    "auction",
                    kDefaultIdCount,
                    &Create<BidsGenerator>};
}

Quickstart PersonsQuickstart() {
  return Quickstart{"persons",
                    "Nexmark persons, ids 1000..999+N (key: id)",
                    kPersonColumns,
                    "id",
                    kDefaultIdCount,
                    &Create<PersonsGenerator>};
}

Quickstart AuctionsQuickstart() {
  return Quickstart{"auctions",
                    "Nexmark auctions, ids 1000..999+N (key: id)",
                    kAuctionColumns,
                    "id",
                    kDefaultIdCount,
                    &Create<AuctionsGenerator>};
}

}  // namespace fluxo::cli::datagen
