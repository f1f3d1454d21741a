#include "runtime/core/flat_hash_index.h"

#include <algorithm>
#include <utility>

namespace fluxo {

void FlatHashIndex::Reset(size_t capacity) {
  const size_t slots = std::bit_ceil(std::max<size_t>(16, capacity * 10 / 7 + 1));
  slots_.assign(slots, Slot{});
  mask_ = slots - 1;
  shift_ = 64 - static_cast<unsigned>(std::countr_zero(slots));
  size_ = 0;
}

void FlatHashIndex::Grow() {
  std::vector<Slot> old = std::move(slots_);
  const size_t size = size_;
  Reset(old.size());  // Room for 7/10 of twice the slots.
  for (const Slot& slot : old) {
    if (slot.entry != kNone) {
      Place(slot.hash, slot.entry);
    }
  }
  size_ = size;
}

void FlatHashIndex::Erase(uint64_t hash, uint32_t number) {
  size_t hole = Home(hash);
  while (slots_[hole].entry != number) {
    if (slots_[hole].entry == kNone) {
      return;
    }
    hole = (hole + 1) & mask_;
  }
  // Backward shift: a later slot of the run moves into the hole when its home is not
  // between the hole and itself (it would otherwise be unreachable past the hole).
  for (size_t next = (hole + 1) & mask_; slots_[next].entry != kNone; next = (next + 1) & mask_) {
    const size_t home = Home(slots_[next].hash);
    const bool home_after_hole =
        hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
    if (!home_after_hole) {
      slots_[hole] = slots_[next];
      hole = next;
    }
  }
  slots_[hole] = Slot{};
  --size_;
}

}  // namespace fluxo
