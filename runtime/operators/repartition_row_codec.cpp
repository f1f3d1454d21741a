#include "runtime/operators/repartition_row_codec.h"

#include <cstdint>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/state/value_codec.h"

namespace fluxo::runtime {

namespace {

constexpr int32_t kTombstone = 1;
constexpr int32_t kKeyMissing = 2;
constexpr int32_t kWindowed = 4;

// Decodes the next value, which must have `storage`.
Value Next(std::string_view& bytes, Value::Storage storage) {
  if (bytes.empty()) {
    throw Error(ErrorKind::kInternal, "A repartition record's value is cut short");
  }
  Value value = state::DecodeNextValue(bytes);
  if (value.storage() != storage) {
    throw Error(ErrorKind::kInternal, "A repartition record's value is malformed");
  }
  return value;
}

}  // namespace

std::string EncodeRepartitionRow(const Row& row) {
  std::string bytes;
  const int32_t flags = (row.tombstone ? kTombstone : 0) | (row.key_missing ? kKeyMissing : 0) |
                        (row.window.has_value() ? kWindowed : 0);
  state::EncodeValue(Value::Int64(row.timestamp), bytes);
  state::EncodeValue(Value::Int32(row.partition), bytes);
  state::EncodeValue(Value::Int64(row.offset), bytes);
  state::EncodeValue(Value::Int32(static_cast<int32_t>(row.kind)), bytes);
  state::EncodeValue(Value::Int32(flags), bytes);
  if (row.window.has_value()) {
    state::EncodeValue(Value::Int64(row.window->start), bytes);
    state::EncodeValue(Value::Int64(row.window->end), bytes);
  }
  state::EncodeValueList(row.values, bytes);
  return bytes;
}

void DecodeRepartitionRow(std::string_view bytes, Row& row) {
  row.timestamp = Next(bytes, Value::Storage::kInt64).AsInt64();
  row.partition = Next(bytes, Value::Storage::kInt32).AsInt32();
  row.offset = Next(bytes, Value::Storage::kInt64).AsInt64();
  const int32_t kind = Next(bytes, Value::Storage::kInt32).AsInt32();
  if (kind < 0 || kind > static_cast<int32_t>(ChangeKind::kUpdateAfter)) {
    throw Error(ErrorKind::kInternal, "A repartition record holds an unknown change kind");
  }
  row.kind = static_cast<ChangeKind>(kind);
  const int32_t flags = Next(bytes, Value::Storage::kInt32).AsInt32();
  row.tombstone = (flags & kTombstone) != 0;
  row.key_missing = (flags & kKeyMissing) != 0;
  row.window.reset();
  if ((flags & kWindowed) != 0) {
    const int64_t start = Next(bytes, Value::Storage::kInt64).AsInt64();
    const int64_t end = Next(bytes, Value::Storage::kInt64).AsInt64();
    row.window = WindowBounds{start, end};
  }
  row.values.clear();
  while (!bytes.empty()) {
    row.values.push_back(state::DecodeNextValue(bytes));
  }
}

}  // namespace fluxo::runtime
