#pragma once

#include <filesystem>
#include <stdlib.h>
#include <string>
#include <system_error>

#include "runtime/core/error.h"

namespace fluxo {

/// A new directory `<name>-XXXXXX` under the system's temporary directory (a scratch
/// state.dir: fluxo run's dry run, tests), removed with everything in it at the end. Throws
/// fluxo::Error (kIo) when it cannot be created.
class TemporaryDirectory {
 public:
  explicit TemporaryDirectory(const std::string& name = "fluxo-test") {
    std::string pattern = (std::filesystem::temp_directory_path() / (name + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw Error(ErrorKind::kIo, "Cannot create a temporary directory " + pattern);
    }
    path_ = pattern;
  }

  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace fluxo
