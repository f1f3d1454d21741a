#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace fluxo::cli::shell {

/// The formats PRINT recognises in a record's key or value bytes, in the order it prefers
/// them when several fit: JSON (an object or array), KAFKA_STRING (printable UTF-8),
/// KAFKA_INT (4 bytes, big-endian), KAFKA_BIGINT (8 bytes), KAFKA_DOUBLE (8 bytes, an IEEE
/// double that is zero or normal), and BYTES for anything else (shown in hex).
enum class PrintFormat : uint8_t {
  kJson,
  kKafkaString,
  kKafkaInt,
  kKafkaBigint,
  kKafkaDouble,
  kBytes,
};

/// Returns the format's name as ksqlDB writes it: `JSON`, `KAFKA_STRING`, ...
const char* PrintFormatName(PrintFormat format);

/// Returns the set (one bit per PrintFormat) of formats that `payload` fits.
uint32_t FormatsFitting(const std::string& payload);

/// Renders `payload` in `format` (which it must fit): JSON and strings as they are, numbers
/// in decimal, BYTES as `0x` and hex digits.
std::string RenderAs(const std::string& payload, PrintFormat format);

/// Guesses the format of one side (keys or values) of a topic as PRINT reads its records,
/// as ksqlDB's PRINT does: every record narrows down the formats that fit all records so
/// far, and each payload is shown in the most likely of them. When the records disagree
/// (nothing fits them all), the guess starts again from the latest record.
class FormatGuesser {
 public:
  /// Narrows the guess with `payload` and returns it rendered (`<null>` for no bytes, which
  /// fits every format).
  std::string Render(const std::optional<std::string>& payload);

  /// Returns the formats that fit every payload so far, `KAFKA_STRING or JSON`-style, or
  /// `unknown (no data)` before the first non-null payload.
  std::string Description() const;

 private:
  uint32_t candidates_ = 0;  ///< 0 until the first non-null payload.
};

}  // namespace fluxo::cli::shell
