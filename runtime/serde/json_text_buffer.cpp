#include "runtime/serde/json_text_buffer.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "runtime/serde/decimal_text.h"
#include "runtime/serde/json_writer.h"

namespace fluxo::serde {

namespace {

constexpr size_t kMaxIntegerText = 20;  // "-9223372036854775808"

}  // namespace

void JsonTextBuffer::Grow(size_t more) {
  buffer_.resize(std::max(2 * buffer_.size(), size_ + more + 256));
}

void JsonTextBuffer::Append(std::string_view text) {
  Reserve(text.size());
  std::memcpy(buffer_.data() + size_, text.data(), text.size());
  size_ += text.size();
}

void JsonTextBuffer::AppendValue(const Value& value, const SqlType& type) {
  // The fast paths: the storage must match the type, as AppendJsonValue checks.
  const Value::Storage storage = value.storage();
  switch (type.kind()) {
    case TypeKind::kBigint:
    case TypeKind::kTimestamp:
      if (storage == Value::Storage::kInt64) {
        Reserve(kMaxIntegerText);
        char* const start = buffer_.data() + size_;
        size_ += static_cast<size_t>(
            std::to_chars(start, start + kMaxIntegerText, value.AsInt64()).ptr - start);
        return;
      }
      break;
    case TypeKind::kInt:
    case TypeKind::kDate:
    case TypeKind::kTime:
      if (storage == Value::Storage::kInt32) {
        Reserve(kMaxIntegerText);
        char* const start = buffer_.data() + size_;
        size_ += static_cast<size_t>(
            std::to_chars(start, start + kMaxIntegerText, value.AsInt32()).ptr - start);
        return;
      }
      break;
    case TypeKind::kString:
      if (storage == Value::Storage::kBytes) {
        const std::string& text = value.AsString();
        Reserve(MaxJsonStringSize(text.size()));
        char* const start = buffer_.data() + size_;
        size_ += static_cast<size_t>(WriteJsonString(text, start) - start);
        return;
      }
      break;
    case TypeKind::kDecimal:
      if (storage == Value::Storage::kDecimal) {
        Reserve(kMaxShortDecimalString);
        char* const start = buffer_.data() + size_;
        if (const char* end = WriteShortDecimalString(value.AsDecimal(), start)) {
          size_ += static_cast<size_t>(end - start);
          return;
        }
      }
      break;
    default:
      break;
  }
  spill_.clear();
  AppendJsonValue(value, type, spill_);
  Append(spill_);
}

}  // namespace fluxo::serde
