#include "runtime/expr/uint256.h"

#include <cstddef>

namespace fluxo::expr {

namespace {

constexpr uint64_t kTenToThe19 = 10'000'000'000'000'000'000ULL;

}  // namespace

UInt256 UInt256::PowerOfTen(int exponent) {
  UInt256 result(1);
  result.MultiplyByPowerOfTen(exponent);
  return result;
}

bool UInt256::MultiplyBy(uint64_t factor) {
  UInt128 carry = 0;
  for (uint64_t& limb : limbs_) {
    const UInt128 product = static_cast<UInt128>(limb) * factor + carry;
    limb = static_cast<uint64_t>(product);
    carry = product >> 64;
  }
  return carry == 0;
}

bool UInt256::MultiplyByPowerOfTen(int exponent) {
  while (exponent >= 19) {
    if (!MultiplyBy(kTenToThe19)) {
      return false;
    }
    exponent -= 19;
  }
  uint64_t factor = 1;
  for (int i = 0; i < exponent; ++i) {
    factor *= 10;
  }
  return MultiplyBy(factor);
}

uint64_t UInt256::DivideBy(uint64_t divisor) {
  UInt128 remainder = 0;
  for (int i = 3; i >= 0; --i) {
    const UInt128 current = (remainder << 64) | limbs_[i];
    limbs_[i] = static_cast<uint64_t>(current / divisor);
    remainder = current % divisor;
  }
  return static_cast<uint64_t>(remainder);
}

int UInt256::DigitCount() const {
  UInt256 rest = *this;
  int digits = 0;
  // Strip 19 digits at a time while the value has more than 19 of them.
  while (!(rest.limbs_[1] == 0 && rest.limbs_[2] == 0 && rest.limbs_[3] == 0 &&
           rest.limbs_[0] < kTenToThe19)) {
    rest.DivideBy(kTenToThe19);
    digits += 19;
  }
  uint64_t low = rest.limbs_[0];
  do {
    ++digits;
    low /= 10;
  } while (low != 0);
  return digits;
}

UInt256 UInt256::WithoutTrailingZeros() const {
  UInt256 result = *this;
  while (!result.IsZero()) {
    UInt256 shorter = result;
    if (shorter.DivideBy(10) != 0) {
      break;
    }
    result = shorter;
  }
  return result;
}

UInt256 UInt256::Multiply(UInt128 left, UInt128 right) {
  UInt256 low_part(left);
  low_part.MultiplyBy(static_cast<uint64_t>(right));
  UInt256 high_part(left);
  high_part.MultiplyBy(static_cast<uint64_t>(right >> 64));
  // Shift the high part one limb up (multiply by 2^64).
  UInt256 shifted;
  shifted.limbs_ = {0, high_part.limbs_[0], high_part.limbs_[1], high_part.limbs_[2]};
  return Add(low_part, shifted);
}

UInt256 UInt256::Add(const UInt256& left, const UInt256& right) {
  UInt256 result;
  UInt128 carry = 0;
  for (size_t i = 0; i < 4; ++i) {
    const UInt128 sum = static_cast<UInt128>(left.limbs_[i]) + right.limbs_[i] + carry;
    result.limbs_[i] = static_cast<uint64_t>(sum);
    carry = sum >> 64;
  }
  return result;
}

UInt256 UInt256::Subtract(const UInt256& left, const UInt256& right) {
  UInt256 result;
  uint64_t borrow = 0;
  for (size_t i = 0; i < 4; ++i) {
    const uint64_t subtrahend = right.limbs_[i] + borrow;
    // A borrow out happens when the subtrahend wrapped around or exceeds the limb.
    const bool borrow_out = (borrow != 0 && subtrahend == 0) || left.limbs_[i] < subtrahend;
    result.limbs_[i] = left.limbs_[i] - subtrahend;
    borrow = borrow_out ? 1 : 0;
  }
  return result;
}

void UInt256::DivideWithRemainder(const UInt256& dividend,
                                  const UInt256& divisor,
                                  UInt256& quotient,
                                  UInt256& remainder) {
  quotient = UInt256();
  remainder = UInt256();
  // Schoolbook binary long division; our operands stay below 2^255, so the shifted
  // remainder never overflows.
  for (int bit = 255; bit >= 0; --bit) {
    for (int i = 3; i > 0; --i) {
      remainder.limbs_[i] = (remainder.limbs_[i] << 1) | (remainder.limbs_[i - 1] >> 63);
    }
    remainder.limbs_[0] =
        (remainder.limbs_[0] << 1) | ((dividend.limbs_[bit / 64] >> (bit % 64)) & 1);
    if (Compare(remainder, divisor) >= 0) {
      remainder = Subtract(remainder, divisor);
      quotient.limbs_[bit / 64] |= uint64_t{1} << (bit % 64);
    }
  }
}

int UInt256::Compare(const UInt256& left, const UInt256& right) {
  for (int i = 3; i >= 0; --i) {
    if (left.limbs_[i] != right.limbs_[i]) {
      return left.limbs_[i] < right.limbs_[i] ? -1 : 1;
    }
  }
  return 0;
}

}  // namespace fluxo::expr
