#include "runtime/state/rocksdb_error.h"

#include <string>

#include <rocksdb/status.h>

#include "runtime/core/error.h"

namespace fluxo::state {

void ThrowIfFailed(const rocksdb::Status& status, std::string_view action) {
  if (!status.ok()) {
    throw Error(ErrorKind::kIo, std::string(action) + " failed: " + status.ToString());
  }
}

}  // namespace fluxo::state
