#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "cli/datagen/record_generator.h"

namespace fluxo::cli::datagen {

/// One data set of `fluxo datagen --quickstart NAME`: its columns (the JSON field names and the
/// delimited column order), which column is the record key, and how to build its generator.
struct Quickstart {
  std::string_view name;
  std::string_view summary;
  std::span<const DatagenColumn> columns;
  std::string_view key_column;
  /// The --key-count used when none is given; 0 when the quickstart has a fixed set of keys.
  int64_t default_key_count = 0;
  std::unique_ptr<RecordGenerator> (*create)(const GeneratorOptions& options) = nullptr;
};

/// Returns every quickstart, in the order --help lists them.
std::span<const Quickstart> Quickstarts();

/// Returns the quickstart called `name`, or nullptr.
const Quickstart* FindQuickstart(std::string_view name);

// The quickstarts, one per generator file.
Quickstart TransactionsQuickstart();  ///< transactions_generator.cpp
Quickstart TradesQuickstart();        ///< trades_generator.cpp
Quickstart UsersQuickstart();         ///< clickstream_generators.cpp
Quickstart PageviewsQuickstart();     ///< clickstream_generators.cpp
Quickstart BidsQuickstart();          ///< nexmark_generators.cpp
Quickstart PersonsQuickstart();       ///< nexmark_generators.cpp
Quickstart AuctionsQuickstart();      ///< nexmark_generators.cpp

}  // namespace fluxo::cli::datagen
