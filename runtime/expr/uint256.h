#pragma once

#include <array>
#include <cstdint>

namespace fluxo::expr {

__extension__ using UInt128 = unsigned __int128;

/// An unsigned 256-bit integer, just wide enough for exact DECIMAL(38) arithmetic: the product
/// of two 38-digit values, or a 38-digit value scaled by 10^38, stays below 10^77 < 2^256.
class UInt256 {
 public:
  UInt256() = default;

  explicit UInt256(UInt128 value)
      : limbs_{static_cast<uint64_t>(value), static_cast<uint64_t>(value >> 64), 0, 0} {}

  /// Returns 10^exponent; exponent must be at most 77.
  static UInt256 PowerOfTen(int exponent);

  bool IsZero() const { return (limbs_[0] | limbs_[1] | limbs_[2] | limbs_[3]) == 0; }

  /// Returns true when the value is below 2^128.
  bool FitsUInt128() const { return (limbs_[2] | limbs_[3]) == 0; }

  UInt128 ToUInt128() const { return (static_cast<UInt128>(limbs_[1]) << 64) | limbs_[0]; }

  /// Multiplies in place by `factor`; returns false (leaving garbage) on overflow.
  bool MultiplyBy(uint64_t factor);

  /// Multiplies in place by 10^exponent; returns false on overflow.
  bool MultiplyByPowerOfTen(int exponent);

  /// Divides in place by `divisor` (non-zero) and returns the remainder.
  uint64_t DivideBy(uint64_t divisor);

  /// Returns the number of decimal digits (1 for zero).
  int DigitCount() const;

  /// Returns the value with its trailing decimal zeros removed (zero stays zero).
  UInt256 WithoutTrailingZeros() const;

  /// Returns the product of two 128-bit values (which cannot overflow).
  static UInt256 Multiply(UInt128 left, UInt128 right);

  /// Returns left + right; the caller makes sure it does not overflow.
  static UInt256 Add(const UInt256& left, const UInt256& right);

  /// Returns left - right for left >= right.
  static UInt256 Subtract(const UInt256& left, const UInt256& right);

  /// Divides `dividend` by a non-zero `divisor` into `quotient` and `remainder`.
  static void DivideWithRemainder(const UInt256& dividend,
                                  const UInt256& divisor,
                                  UInt256& quotient,
                                  UInt256& remainder);

  /// Returns negative, zero or positive as left is below, equal to or above right.
  static int Compare(const UInt256& left, const UInt256& right);

 private:
  std::array<uint64_t, 4> limbs_{};  ///< Least significant first.
};

}  // namespace fluxo::expr
