#include "runtime/operators/decoded_table_rows.h"

#include <utility>

#include "runtime/core/error.h"

namespace fluxo::runtime {

uint32_t DecodedTableRows::FindEntry(std::string_view key, size_t hash) const {
  return index_.Find(hash, [&](uint32_t number) { return entries_[number].key == key; });
}

const ValueList* DecodedTableRows::Find(std::string_view key, size_t hash) const {
  const uint32_t number = FindEntry(key, hash);
  return number == FlatHashIndex::kNone ? nullptr : &entries_[number].values;
}

void DecodedTableRows::PrefetchEntry(size_t hash) const {
  const uint32_t number = index_.FindFirst(hash);
  if (number != FlatHashIndex::kNone) {
    __builtin_prefetch(&entries_[number]);
  }
}

void DecodedTableRows::PrefetchValues(size_t hash) const {
  const uint32_t number = index_.FindFirst(hash);
  if (number != FlatHashIndex::kNone) {
    __builtin_prefetch(entries_[number].values.data());
  }
}

const ValueList& DecodedTableRows::Put(std::string_view key, size_t hash, ValueList values) {
  uint32_t number = FindEntry(key, hash);
  if (number != FlatHashIndex::kNone) {
    entries_[number].values = std::move(values);
    return entries_[number].values;
  }
  if (index_.size() >= max_rows_) {
    entries_.clear();  // The store holds every row; the cache refills from it.
    free_.clear();
    index_.Reset();
  }
  if (!free_.empty()) {
    number = free_.back();
    free_.pop_back();
    entries_[number].key.assign(key);
    entries_[number].values = std::move(values);
  } else {
    FLUXO_CHECK(entries_.size() < FlatHashIndex::kNone, "too many cached table rows");
    number = static_cast<uint32_t>(entries_.size());
    entries_.push_back(Entry{std::string(key), std::move(values)});
  }
  index_.Insert(hash, number);
  return entries_[number].values;
}

void DecodedTableRows::Erase(std::string_view key, size_t hash) {
  const uint32_t number = FindEntry(key, hash);
  if (number == FlatHashIndex::kNone) {
    return;
  }
  index_.Erase(hash, number);
  entries_[number].key.clear();
  entries_[number].values = ValueList();
  free_.push_back(number);
}

}  // namespace fluxo::runtime
