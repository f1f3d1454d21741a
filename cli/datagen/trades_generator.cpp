// The `trades` quickstart: trades of B3 (Brazilian exchange) stocks. Each symbol's price is a
// random walk from a realistic start (a step of at most 0.3% per trade); trades arrive 0 to
// 200 ms apart in event time. The set of symbols is fixed, so --key-count does not apply.

#include <algorithm>
#include <array>
#include <memory>
#include <string_view>
#include <vector>

#include "cli/datagen/quickstart.h"

namespace fluxo::cli::datagen {
namespace {

constexpr std::array kColumns = {
    DatagenColumn{"symbol", ColumnKind::kString, "PETR4, VALE3, ITUB4, ... (the key)"},
    DatagenColumn{"shares", ColumnKind::kInteger, "1 .. 5000"},
    DatagenColumn{"price", ColumnKind::kDecimal, "price per share in BRL, two decimal digits"},
    DatagenColumn{"transaction_date", ColumnKind::kTimestamp, "event time, epoch ms"},
};

/// A listed stock and its price in hundredths of BRL when the feed starts.
struct Stock {
  std::string_view symbol;
  int64_t start_price;
};

constexpr std::array<Stock, 12> kStocks = {{
    {"PETR4", 3850},
    {"VALE3", 6120},
    {"ITUB4", 3475},
    {"BBDC4", 1390},
    {"ABEV3", 1260},
    {"BBAS3", 2810},
    {"B3SA3", 1150},
    {"WEGE3", 4930},
    {"RENT3", 4270},
    {"SUZB3", 5680},
    {"MGLU3", 1045},
    {"ITSA4", 1020},
}};

constexpr int64_t kMaxGapMs = 200;

/// Draws a trade size: mostly round lots of 100, sometimes an odd lot (fracionario).
int64_t DrawShares(DatagenRandom& random) {
  if (random.Chance(0.2)) {
    return random.UniformInt(1, 99);
  }
  return 100 * random.UniformInt(1, 50);
}

class TradesGenerator final : public RecordGenerator {
 public:
  explicit TradesGenerator(const GeneratorOptions& options) : now_(options.start_time_ms) {
    for (const Stock& stock : kStocks) {
      prices_.push_back(stock.start_price);
    }
  }

  void Next(DatagenRandom& random, DatagenRecord& record) override {
    now_ += random.UniformInt(0, kMaxGapMs);
    const auto index =
        static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(kStocks.size()) - 1));
    int64_t& price = prices_[index];
    const int64_t max_step = std::max<int64_t>(1, price * 3 / 1000);
    price = std::max<int64_t>(1, price + random.UniformInt(-max_step, max_step));

    ResizeValues(record, kColumns.size());
    record.timestamp = now_;
    record.key = kStocks[index].symbol;
    record.values[0].text = kStocks[index].symbol;
    record.values[1].number = DrawShares(random);
    record.values[2].number = price;
  }

 private:
  int64_t now_;
  std::vector<int64_t> prices_;  ///< By index into kStocks, in hundredths.
};

}  // namespace

Quickstart TradesQuickstart() {
  return Quickstart{"trades",
                    "B3 stock trades, prices as random walks (key: symbol)",
                    kColumns,
                    "symbol",
                    0,
                    [](const GeneratorOptions& options) -> std::unique_ptr<RecordGenerator> {
                      return std::make_unique<TradesGenerator>(options);
                    }};
}

}  // namespace fluxo::cli::datagen
