// The `transactions` quickstart: a card-payment feed. Records come in bursts of 8 to 20 close
// together in event time (0 to 50 ms apart), with 1 to 10 s of quiet between bursts, as a card
// network forwards them. Each card has a fixed brand and home city; 85% of its transactions
// happen in the home city, the rest anywhere (material for fraud-style queries).

#include <array>
#include <memory>
#include <string_view>

#include "cli/datagen/quickstart.h"

namespace fluxo::cli::datagen {
namespace {

constexpr std::array kColumns = {
    DatagenColumn{"card_id", ColumnKind::kString, "card_1 .. card_N (the key)"},
    DatagenColumn{"brand", ColumnKind::kString, "VISA, MASTERCARD, AMEX or ELO (fixed per card)"},
    DatagenColumn{"amount", ColumnKind::kDecimal, "0.50 .. 9999.99, two decimal digits"},
    DatagenColumn{"merchant", ColumnKind::kString, "merchant name"},
    DatagenColumn{"city", ColumnKind::kString, "Brazilian city (ASCII)"},
    DatagenColumn{"ts", ColumnKind::kTimestamp, "event time, epoch ms (= record timestamp)"},
};

// VISA and MASTERCARD are listed more than once: they are the common brands.
constexpr std::array<std::string_view, 10> kBrands = {
    "VISA", "VISA", "VISA", "VISA", "MASTERCARD", "MASTERCARD", "MASTERCARD", "ELO", "ELO", "AMEX"};

constexpr std::array<std::string_view, 16> kMerchants = {"Padaria Pao Quente",
                                                         "Supermercado Central",
                                                         "Posto Estrela",
                                                         "Farmacia Saude",
                                                         "Livraria Leitura",
                                                         "Restaurante Sabor",
                                                         "Loja Eletronica",
                                                         "Cinema Estacao",
                                                         "Cafe Aroma",
                                                         "Pet Shop Amigo",
                                                         "Academia Forca",
                                                         "Hotel Atlantico",
                                                         "Mercado Online",
                                                         "Aplicativo Corridas",
                                                         "Companhia Aerea Sol",
                                                         "Loja de Roupas Moda"};

constexpr std::array<std::string_view, 12> kCities = {"Sao Paulo",
                                                      "Rio de Janeiro",
                                                      "Belo Horizonte",
                                                      "Porto Alegre",
                                                      "Curitiba",
                                                      "Recife",
                                                      "Salvador",
                                                      "Fortaleza",
                                                      "Brasilia",
                                                      "Manaus",
                                                      "Florianopolis",
                                                      "Campinas"};

constexpr int64_t kMinBurst = 8;
constexpr int64_t kMaxBurst = 20;
constexpr int64_t kMaxGapInBurstMs = 50;
constexpr int64_t kMinQuietMs = 1000;
constexpr int64_t kMaxQuietMs = 10000;
constexpr double kHomeCityShare = 0.85;

/// Draws an amount in hundredths: mostly small purchases, a few large ones.
int64_t DrawAmount(DatagenRandom& random) {
  const int64_t tier = random.UniformInt(1, 100);
  if (tier <= 70) {
    return random.UniformInt(50, 9999);
  }
  if (tier <= 95) {
    return random.UniformInt(10000, 99999);
  }
  return random.UniformInt(100000, 999999);
}

class TransactionsGenerator final : public RecordGenerator {
 public:
  explicit TransactionsGenerator(const GeneratorOptions& options)
      : card_count_(options.key_count), now_(options.start_time_ms) {}

  void Next(DatagenRandom& random, DatagenRecord& record) override {
    if (left_in_burst_ == 0) {
      left_in_burst_ = random.UniformInt(kMinBurst, kMaxBurst);
      // The first burst starts at the start time itself.
      now_ += started_ ? random.UniformInt(kMinQuietMs, kMaxQuietMs) : 0;
      started_ = true;
    } else {
      now_ += random.UniformInt(0, kMaxGapInBurstMs);
    }
    --left_in_burst_;

    const int64_t card = random.UniformInt(1, card_count_);
    const uint64_t traits = MixBits(static_cast<uint64_t>(card));
    ResizeValues(record, kColumns.size());
    record.timestamp = now_;
    SetPrefixedId(record.values[0], "card_", card);
    record.key = record.values[0].text;
    record.values[1].text = kBrands[traits % kBrands.size()];
    record.values[2].number = DrawAmount(random);
    record.values[3].text = random.Pick(kMerchants);
    const std::string_view home_city = kCities[(traits >> 16) % kCities.size()];
    record.values[4].text = random.Chance(kHomeCityShare) ? home_city : random.Pick(kCities);
  }

 private:
  int64_t card_count_;
  int64_t now_;
  int64_t left_in_burst_ = 0;
  bool started_ = false;
};

}  // namespace

Quickstart TransactionsQuickstart() {
  return Quickstart{"transactions",
                    "card transactions in bursts of 8-20 (key: card_id)",
                    kColumns,
                    "card_id",
                    1000,
                    [](const GeneratorOptions& options) -> std::unique_ptr<RecordGenerator> {
                      return std::make_unique<TransactionsGenerator>(options);
                    }};
}

}  // namespace fluxo::cli::datagen
