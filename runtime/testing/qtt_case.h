#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/testing/exact_json.h"

/// The model of ksqlDB's query-validation-test (QTT) files and their loader. The format is
/// described in ../shared/conformance/qtt/FORMAT.md; section numbers below refer to it.
namespace fluxo::qtt {

/// The window of a windowed record key (§5.2).
struct QttWindow {
  int64_t start = 0;
  int64_t end = 0;
  std::string type;  ///< "time" (tumbling and hopping) or "session", lower-cased.

  bool operator==(const QttWindow&) const = default;
};

/// One Kafka header of a record; the value is base64 text, or nothing for a null value.
struct QttHeader {
  std::string key;
  std::optional<std::string> value_base64;
};

/// One record of `inputs` or `outputs` (§5).
// NOLINTNEXTLINE(bugprone-exception-escape): nlohmann::json's noexcept move looks throwing to tidy.
struct QttRecord {
  std::string topic;
  Json key;    ///< null when absent
  Json value;  ///< null for a tombstone
  std::optional<int64_t> timestamp;
  std::optional<QttWindow> window;
  std::optional<std::vector<QttHeader>> headers;  ///< Absent on an output: "no headers".
};

/// One entry of `topics` (§6).
struct QttTopic {
  std::string name;
  std::optional<int32_t> partitions;
};

/// `expectedException` (§8); fields not given are empty.
struct QttExpectedException {
  std::string type;  ///< Java class name, e.g. io.confluent.ksql.util.KsqlStatementException
  std::string message;
  std::string cause;
  std::string cause_message;
};

/// One runnable case: an enabled entry after expansion over `format` x `config` (§3), with
/// `{FORMAT}` substituted in the statements and `{CONFIG}` in the properties.
// NOLINTNEXTLINE(bugprone-exception-escape): nlohmann::json's noexcept move looks throwing to tidy.
struct QttCase {
  std::string file;  ///< The case file's name, e.g. "joins.json".
  std::string name;  ///< "<file stem> - <entry name>[ - <format>][ - <property>=<config>]".
  std::vector<std::string> statements;
  std::vector<std::pair<std::string, std::string>> properties;  ///< In file order, as text.
  std::vector<QttTopic> topics;
  std::vector<QttRecord> inputs;
  std::vector<QttRecord> outputs;
  std::optional<QttExpectedException> expected_exception;
  Json post;  ///< `post` (§10) as written; null when absent.
  /// Why the case cannot run here (a schema-registry format or a registered schema), as
  /// tools/qtt_stats.py classifies it; empty when it can.
  std::string skip_reason;
};

/// The cases of one file, or why the file could not be loaded.
struct QttFile {
  std::filesystem::path path;
  std::vector<QttCase> cases;
  std::string load_error;  ///< Non-empty when the file could not be read or parsed.
};

/// Expands the arguments of `fluxo test` into case files: a directory gives its `*.json` files
/// sorted by name, a file gives itself. Throws std::invalid_argument naming a path that does
/// not exist.
std::vector<std::filesystem::path> CollectQttFiles(const std::vector<std::string>& paths);

/// Loads the cases of one file. Never throws: a file that cannot be read or parsed comes back
/// with `load_error` set and no cases.
QttFile LoadQttFile(const std::filesystem::path& path);

/// Parses the cases of a file's `text`; `file_name` is used for the case names. Throws
/// std::invalid_argument when the text is not a valid case file.
std::vector<QttCase> ParseQttCases(const std::string& file_name, std::string_view text);

/// Returns the serialization formats a case uses (upper-cased) and "<registered schema>" when
/// its `topics` pre-register one: the rule of tools/qtt_stats.py. Exposed for tests.
std::vector<std::string> CaseFormats(const Json& entry, const std::string& format);

}  // namespace fluxo::qtt
