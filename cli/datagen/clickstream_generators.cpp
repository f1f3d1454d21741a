// The `users` and `pageviews` quickstarts, made to be joined: both draw user ids from the same
// range User_1 .. User_N (N = --key-count, 100 by default; give both the same N). `users`
// registers User_1 .. User_N in order first, so a table built from it holds every user after N
// records, then emits profile updates (a new region) of random users.

#include <array>
#include <memory>
#include <string_view>

#include "cli/datagen/quickstart.h"

namespace fluxo::cli::datagen {
namespace {

constexpr std::string_view kUserPrefix = "User_";
constexpr std::string_view kPagePrefix = "Page_";
constexpr int64_t kPageCount = 100;
constexpr int64_t kDefaultUserCount = 100;

constexpr std::array kUserColumns = {
    DatagenColumn{"user_id", ColumnKind::kString, "User_1 .. User_N (the key)"},
    DatagenColumn{"name", ColumnKind::kString, "first and last name (fixed per user)"},
    DatagenColumn{"region", ColumnKind::kString, "Region_1 .. Region_9"},
    DatagenColumn{"registered_at",
                  ColumnKind::kTimestamp,
                  "event time of the registration or profile update, epoch ms"},
};

constexpr std::array kPageviewColumns = {
    DatagenColumn{"user_id", ColumnKind::kString, "User_1 .. User_N, as in users (the key)"},
    DatagenColumn{"page_id", ColumnKind::kString, "Page_1 .. Page_100"},
    DatagenColumn{"viewtime", ColumnKind::kTimestamp, "event time, epoch ms"},
};

constexpr std::array<std::string_view, 16> kFirstNames = {"Ana",
                                                          "Bruno",
                                                          "Carla",
                                                          "Diego",
                                                          "Elisa",
                                                          "Felipe",
                                                          "Gabriela",
                                                          "Henrique",
                                                          "Isabela",
                                                          "Joao",
                                                          "Karina",
                                                          "Lucas",
                                                          "Mariana",
                                                          "Nicolas",
                                                          "Olivia",
                                                          "Pedro"};

constexpr std::array<std::string_view, 12> kLastNames = {"Silva",
                                                         "Santos",
                                                         "Oliveira",
                                                         "Souza",
                                                         "Lima",
                                                         "Pereira",
                                                         "Costa",
                                                         "Rodrigues",
                                                         "Almeida",
                                                         "Nascimento",
                                                         "Carvalho",
                                                         "Ferreira"};

constexpr int64_t kRegionCount = 9;
constexpr int64_t kMaxUserGapMs = 1000;
constexpr int64_t kMaxPageviewGapMs = 500;

class UsersGenerator final : public RecordGenerator {
 public:
  explicit UsersGenerator(const GeneratorOptions& options)
      : user_count_(options.key_count), now_(options.start_time_ms) {}

  void Next(DatagenRandom& random, DatagenRecord& record) override {
    now_ += random.UniformInt(0, kMaxUserGapMs);
    const int64_t user =
        registered_ < user_count_ ? ++registered_ : random.UniformInt(1, user_count_);
    const uint64_t traits = MixBits(static_cast<uint64_t>(user));
    ResizeValues(record, kUserColumns.size());
    record.timestamp = now_;
    SetPrefixedId(record.values[0], kUserPrefix, user);
    record.key = record.values[0].text;
    std::string& name = record.values[1].text;
    name = kFirstNames[traits % kFirstNames.size()];
    name += ' ';
    name += kLastNames[(traits >> 16) % kLastNames.size()];
    SetPrefixedId(record.values[2], "Region_", random.UniformInt(1, kRegionCount));
  }

 private:
  int64_t user_count_;
  int64_t now_;
  int64_t registered_ = 0;  ///< Users 1 .. registered_ have had their first record.
};

class PageviewsGenerator final : public RecordGenerator {
 public:
  explicit PageviewsGenerator(const GeneratorOptions& options)
      : user_count_(options.key_count), now_(options.start_time_ms) {}

  void Next(DatagenRandom& random, DatagenRecord& record) override {
    now_ += random.UniformInt(0, kMaxPageviewGapMs);
    ResizeValues(record, kPageviewColumns.size());
    record.timestamp = now_;
    SetPrefixedId(record.values[0], kUserPrefix, random.UniformInt(1, user_count_));
    record.key = record.values[0].text;
    SetPrefixedId(record.values[1], kPagePrefix, random.UniformInt(1, kPageCount));
  }

 private:
  int64_t user_count_;
  int64_t now_;
};

}  // namespace

Quickstart UsersQuickstart() {
  return Quickstart{"users",
                    "user profiles User_1..User_N, then updates (key: user_id)",
                    kUserColumns,
                    "user_id",
                    kDefaultUserCount,
                    [](const GeneratorOptions& options) -> std::unique_ptr<RecordGenerator> {
                      return std::make_unique<UsersGenerator>(options);
                    }};
}

Quickstart PageviewsQuickstart() {
  return Quickstart{"pageviews",
                    "page views by the users of 'users' (key: user_id)",
                    kPageviewColumns,
                    "user_id",
                    kDefaultUserCount,
                    [](const GeneratorOptions& options) -> std::unique_ptr<RecordGenerator> {
                      return std::make_unique<PageviewsGenerator>(options);
                    }};
}

}  // namespace fluxo::cli::datagen
