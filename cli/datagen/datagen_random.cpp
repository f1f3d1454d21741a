#include "cli/datagen/datagen_random.h"

#include <limits>

namespace fluxo::cli::datagen {

int64_t DatagenRandom::UniformInt(int64_t low, int64_t high) {
  const uint64_t span = static_cast<uint64_t>(high) - static_cast<uint64_t>(low);
  if (span == std::numeric_limits<uint64_t>::max()) {
    return static_cast<int64_t>(engine_());
  }
  const uint64_t range = span + 1;
  // Rejection sampling: draws in the incomplete last block would favour the low values.
  const uint64_t limit = std::numeric_limits<uint64_t>::max() -
                         (std::numeric_limits<uint64_t>::max() % range + 1) % range;
  uint64_t draw = engine_();
  while (draw > limit) {
    draw = engine_();
  }
  return static_cast<int64_t>(static_cast<uint64_t>(low) + draw % range);
}

bool DatagenRandom::Chance(double probability) {
  // 53 random bits scaled into [0, 1): exact in IEEE doubles, so the same on every platform.
  const double unit = static_cast<double>(engine_() >> 11) * 0x1.0p-53;
  return unit < probability;
}

uint64_t MixBits(uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

}  // namespace fluxo::cli::datagen
