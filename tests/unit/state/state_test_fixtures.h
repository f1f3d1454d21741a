#pragma once

#include <memory>
#include <string>

#include <doctest/doctest.h>

#include "runtime/state/in_memory_state_instance.h"
#include "runtime/state/rocksdb_state_instance.h"

namespace fluxo::state::testing {

/// A new directory under the system's temporary directory, removed with its contents when
/// the object goes.
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  ~TemporaryDirectory();

  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// The contract tests run each case over these fixtures. A case writes through `instance()`,
/// calls `Checkpoint()` where a task would commit, and reads again. Stores must be fetched
/// from `instance()` again after a Checkpoint, since reopening replaces them.

/// In-memory stores; Checkpoint does nothing.
class InMemoryFixture {
 public:
  StateInstance& instance() { return instance_; }

  void Checkpoint() {}

 private:
  InMemoryStateInstance instance_;
};

/// RocksDB stores that are never flushed: every read is served by the write-back cache's
/// uncommitted entries.
class RocksDbUnflushedFixture {
 public:
  RocksDbUnflushedFixture();

  StateInstance& instance() { return *instance_; }

  void Checkpoint() {}

 private:
  TemporaryDirectory directory_;
  std::unique_ptr<RocksDbStateInstance> instance_;
};

/// RocksDB stores flushed at each Checkpoint, with a cache too small to keep clean entries:
/// reads after a Checkpoint go to RocksDB, merged with the writes made since.
class RocksDbFlushedFixture {
 public:
  RocksDbFlushedFixture();

  StateInstance& instance() { return *instance_; }

  void Checkpoint() { instance_->Flush(); }

 private:
  TemporaryDirectory directory_;
  std::unique_ptr<RocksDbStateInstance> instance_;
};

/// RocksDB stores flushed, closed and reopened (WAL off) at each Checkpoint: reads after it
/// see only what the database kept.
class RocksDbReopenedFixture {
 public:
  RocksDbReopenedFixture();

  StateInstance& instance() { return *instance_; }

  void Checkpoint();

 private:
  TemporaryDirectory directory_;
  std::unique_ptr<RocksDbStateInstance> instance_;
};

}  // namespace fluxo::state::testing

TYPE_TO_STRING(fluxo::state::testing::InMemoryFixture);
TYPE_TO_STRING(fluxo::state::testing::RocksDbUnflushedFixture);
TYPE_TO_STRING(fluxo::state::testing::RocksDbFlushedFixture);
TYPE_TO_STRING(fluxo::state::testing::RocksDbReopenedFixture);

/// The fixture list of TEST_CASE_TEMPLATE in the contract tests.
#define FLUXO_STATE_FIXTURES                                                              \
  fluxo::state::testing::InMemoryFixture, fluxo::state::testing::RocksDbUnflushedFixture, \
      fluxo::state::testing::RocksDbFlushedFixture, fluxo::state::testing::RocksDbReopenedFixture
