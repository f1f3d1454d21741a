#pragma once

#include <cstdint>
#include <random>

namespace fluxo::cli::datagen {

/// The one source of randomness of `fluxo datagen`: std::mt19937_64 (whose output the C++
/// standard fixes) with distributions written here, because the std:: distributions differ
/// between standard libraries. The same seed gives the same draws on every platform.
class DatagenRandom {
 public:
  explicit DatagenRandom(uint64_t seed) : engine_(seed) {}

  /// Returns a uniformly drawn integer in [low, high] (both included; low <= high).
  int64_t UniformInt(int64_t low, int64_t high);

  /// Returns true with probability `probability` (0 never, 1 always).
  bool Chance(double probability);

  /// Returns a uniformly drawn element of `choices` (an array or vector, not empty).
  template <typename Container>
  const auto& Pick(const Container& choices) {
    return choices[static_cast<size_t>(UniformInt(0, static_cast<int64_t>(choices.size()) - 1))];
  }

 private:
  std::mt19937_64 engine_;
};

/// A fixed mix of `value` (splitmix64's finalizer): derives stable per-entity attributes (a
/// card's brand, a user's name) from an id without drawing from the random stream.
uint64_t MixBits(uint64_t value);

}  // namespace fluxo::cli::datagen
