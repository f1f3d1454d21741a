#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace fluxo::testing {

/// One runnable QTT case: an enabled entry of a case file after expansion over its `format` and
/// `config` lists, with `{FORMAT}` substituted in the statements
/// (../shared/conformance/qtt/FORMAT.md §3).
/// Only what the parser tests need is loaded; the conformance runner adds inputs and outputs.
struct QttCase {
  std::string file;  ///< Case file name without directory, e.g. "joins.json".
  std::string name;  ///< "<file stem> - <entry name>[ - <format>][ - <property>=<config>]".
  std::vector<std::string> statements;  ///< The statements, in order.
  bool expects_exception = false;       ///< The entry carries `expectedException`.
};

/// Loads every `*.json` case file in `directory` (sorted by name), stripping `//` and `/* */`
/// comments, skipping entries with `"enabled": false` and expanding `format` x `config`.
/// Throws std::runtime_error naming the file when one cannot be read or parsed.
std::vector<QttCase> LoadQttCases(const std::filesystem::path& directory);

}  // namespace fluxo::testing
