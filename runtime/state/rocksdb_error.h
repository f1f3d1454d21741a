#pragma once

#include <string_view>

namespace rocksdb {
class Status;
}  // namespace rocksdb

namespace fluxo::state {

/// Throws fluxo::Error (kIo) "<action> failed: <status>" unless `status` is OK: the one place
/// where rocksdb::Status becomes a Fluxo error (STYLE.md section 6).
void ThrowIfFailed(const rocksdb::Status& status, std::string_view action);

}  // namespace fluxo::state
