#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::serde {

/// The text of one JSON record being written, in a buffer that keeps its memory from record to
/// record and is written through a pointer: the serializer's hot path. BIGINT, INT, STRING and
/// most DECIMAL values are written in place; every other value as AppendJsonValue
/// (json_writer.h) writes it. The result is copied out at its exact size, so that stored
/// records carry no spare capacity.
class JsonTextBuffer {
 public:
  /// Starts a new record.
  void Clear() { size_ = 0; }

  void Append(char c) {
    Reserve(1);
    buffer_[size_++] = c;
  }

  void Append(std::string_view text);

  /// Appends `value` of `type` as AppendJsonValue does, with the same errors.
  void AppendValue(const Value& value, const SqlType& type);

  /// Returns the record written since Clear.
  std::string ToString() const { return std::string(buffer_.data(), size_); }

 private:
  /// Makes room for `more` bytes after the current end.
  void Reserve(size_t more) {
    if (buffer_.size() - size_ < more) {
      Grow(more);
    }
  }

  void Grow(size_t more);

  std::string buffer_;  ///< Only [0, size_) is the record; the rest is room to write into.
  size_t size_ = 0;
  std::string spill_;  ///< Text of the values AppendJsonValue writes.
};

}  // namespace fluxo::serde
