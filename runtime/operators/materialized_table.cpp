#include "runtime/operators/materialized_table.h"

#include <utility>

#include "runtime/core/error.h"
#include "runtime/state/value_codec.h"

namespace fluxo::runtime {

namespace {

// The values stored before the row's columns: ROWTIME, WINDOWSTART, WINDOWEND.
constexpr size_t kMetadataValues = 3;

}  // namespace

MaterializedTable::MaterializedTable(const LogicalSchema& schema,
                                     bool windowed,
                                     state::KeyValueStore& store)
    : key_indexes_(schema.IndexesIn(ColumnNamespace::kKey)), windowed_(windowed), store_(store) {}

void MaterializedTable::EncodeKeyInto(const Row& row, std::string& out) const {
  EncodeKeyInto(key_indexes_, windowed_, row, out);
}

void MaterializedTable::EncodeKeyInto(const std::vector<size_t>& key_indexes,
                                      bool windowed,
                                      const Row& row,
                                      std::string& out) {
  out.clear();
  for (size_t index : key_indexes) {
    state::EncodeValue(row.values[index], out);
  }
  if (windowed) {
    FLUXO_CHECK(row.window.has_value(), "a row of a windowed table needs its window");
    state::EncodeValue(Value::Int64(row.window->start), out);
    state::EncodeValue(Value::Int64(row.window->end), out);
  }
}

void MaterializedTable::Upsert(const Row& row) {
  std::string key;
  EncodeKeyInto(row, key);
  UpsertEncoded(key, row);
}

void MaterializedTable::UpsertEncoded(std::string_view encoded_key, const Row& row) {
  scratch_.clear();
  state::EncodeValue(Value::Int64(row.timestamp), scratch_);
  state::EncodeValue(row.window.has_value() ? Value::Int64(row.window->start) : Value(), scratch_);
  state::EncodeValue(row.window.has_value() ? Value::Int64(row.window->end) : Value(), scratch_);
  state::EncodeValueList(row.values, scratch_);
  store_.Put(encoded_key, scratch_);
}

void MaterializedTable::Delete(const Row& row) {
  std::string key;
  EncodeKeyInto(row, key);
  DeleteEncoded(key);
}

void MaterializedTable::DeleteEncoded(std::string_view encoded_key) {
  store_.Delete(encoded_key);
}

Row MaterializedTable::DecodeRow(std::string_view bytes) {
  ValueList stored = state::DecodeValueList(bytes);
  FLUXO_CHECK(stored.size() >= kMetadataValues, "a materialized row lacks its metadata");
  Row row;
  row.timestamp = stored[0].AsInt64();
  if (!stored[1].IsNull()) {
    row.window = WindowBounds{stored[1].AsInt64(), stored[2].AsInt64()};
  }
  row.values.assign(std::make_move_iterator(stored.begin() + kMetadataValues),
                    std::make_move_iterator(stored.end()));
  return row;
}

void MaterializedTable::VisitKey(const ValueList& key, const RowVisitor& visitor) {
  FLUXO_CHECK(key.size() == key_indexes_.size(), "a key lookup needs every key column");
  std::string encoded;
  state::EncodeValueList(key, encoded);
  if (!windowed_) {
    if (const std::optional<std::string_view> stored = store_.Get(encoded)) {
      visitor(DecodeRow(*stored));
    }
    return;
  }
  // Each value's encoding ends where it says it does, so the key columns' bytes are a prefix of
  // this key's windowed entries and of no other key's.
  store_.ScanPrefix(encoded, [&](std::string_view /*key*/, std::string_view value) {
    return visitor(DecodeRow(value));
  });
}

void MaterializedTable::VisitAll(const RowVisitor& visitor) {
  store_.ScanAll(
      [&](std::string_view /*key*/, std::string_view value) { return visitor(DecodeRow(value)); });
}

}  // namespace fluxo::runtime
