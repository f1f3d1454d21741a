#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fluxo {

/// An open-addressing hash index (linear probing) of entry numbers: the caller keeps its
/// entries wherever it likes (blocks that never move, a vector) and the index maps a hash to
/// the numbers of the entries with that hash, asking the caller which one matches. One slot
/// holds the whole hash and a number, so a lookup reads a slot or two side by side and then one
/// entry, where a node-based std::unordered_map reads a bucket, the node before the wanted one
/// and the node. At most 7 in 10 slots are used; removal shifts the following slots back
/// (no tombstones), so lookups stay short whatever was removed.
class FlatHashIndex {
 public:
  explicit FlatHashIndex(size_t capacity = 0) { Reset(capacity); }

  /// Returns the number of the entry with `hash` for which `matches(number)` is true, or
  /// kNone.
  template <typename Matches>
  uint32_t Find(uint64_t hash, Matches&& matches) const {
    for (size_t position = Home(hash);; position = (position + 1) & mask_) {
      const Slot& slot = slots_[position];
      if (slot.entry == kNone) {
        return kNone;
      }
      if (slot.hash == hash && matches(slot.entry)) {
        return slot.entry;
      }
    }
  }

  /// Returns the first entry under `hash` without asking which matches, or kNone: for a
  /// prefetch hint, where an entry with an equal hash but another key only costs a wasted fetch.
  uint32_t FindFirst(uint64_t hash) const {
    return Find(hash, [](uint32_t) { return true; });
  }

  /// Adds entry `number` under `hash` (which it must not be under already).
  void Insert(uint64_t hash, uint32_t number) {
    if ((size_ + 1) * 10 > slots_.size() * 7) {
      Grow();
    }
    Place(hash, number);
    ++size_;
  }

  /// Removes entry `number`, under `hash`; nothing when it is not there.
  void Erase(uint64_t hash, uint32_t number);

  /// Hints that `hash` is looked up soon: its first slot is fetched into the cache.
  void Prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[Home(hash)]); }

  /// Removes every entry; keeps room for `capacity` entries.
  void Reset(size_t capacity = 0);

  size_t size() const { return size_; }

  static constexpr uint32_t kNone = UINT32_MAX;

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t entry = kNone;
  };

  /// The first slot of `hash`: its high bits after a multiplication that spreads every bit.
  size_t Home(uint64_t hash) const {
    return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ULL) >> shift_);
  }

  void Place(uint64_t hash, uint32_t number) {
    size_t position = Home(hash);
    while (slots_[position].entry != kNone) {
      position = (position + 1) & mask_;
    }
    slots_[position] = Slot{hash, number};
  }

  void Grow();

  std::vector<Slot> slots_;  ///< A power of two of them.
  size_t mask_ = 0;
  unsigned shift_ = 64;
  size_t size_ = 0;
};

}  // namespace fluxo
