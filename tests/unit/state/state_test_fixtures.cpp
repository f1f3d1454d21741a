#include "tests/unit/state/state_test_fixtures.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <doctest/doctest.h>

namespace fluxo::state::testing {

namespace {

RocksDbStateOptions Options(const TemporaryDirectory& directory,
                            size_t cache_capacity_bytes,
                            bool write_ahead_log) {
  RocksDbStateOptions options;
  options.directory = directory.path() + "/db";
  options.cache_capacity_bytes = cache_capacity_bytes;
  options.write_ahead_log = write_ahead_log;
  return options;
}

}  // namespace

TemporaryDirectory::TemporaryDirectory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "fluxo-state-XXXXXX").string();
  const char* created = mkdtemp(pattern.data());
  REQUIRE_MESSAGE(created != nullptr, "cannot create a temporary directory");
  path_ = created;
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

RocksDbUnflushedFixture::RocksDbUnflushedFixture()
    : instance_(std::make_unique<RocksDbStateInstance>(
          Options(directory_, size_t{1} << 20, /*write_ahead_log=*/true))) {}

RocksDbFlushedFixture::RocksDbFlushedFixture()
    : instance_(std::make_unique<RocksDbStateInstance>(
          Options(directory_, /*cache_capacity_bytes=*/1, /*write_ahead_log=*/true))) {}

RocksDbReopenedFixture::RocksDbReopenedFixture()
    : instance_(std::make_unique<RocksDbStateInstance>(
          Options(directory_, size_t{1} << 20, /*write_ahead_log=*/false))) {}

void RocksDbReopenedFixture::Checkpoint() {
  instance_->Flush();
  instance_->Close();
  instance_ = std::make_unique<RocksDbStateInstance>(
      Options(directory_, size_t{1} << 20, /*write_ahead_log=*/false));
}

}  // namespace fluxo::state::testing
