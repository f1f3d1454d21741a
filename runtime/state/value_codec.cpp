#include "runtime/state/value_codec.h"

#include <bit>
#include <cmath>
#include <cstring>

#include "runtime/core/error.h"
#include "runtime/state/ordered_encoding.h"

namespace fluxo::state {

namespace {

enum Tag : uint8_t {
  kEnd = 0x00,
  kNull = 0x01,
  kFalse = 0x02,
  kTrue = 0x03,
  kInt32 = 0x04,
  kInt64 = 0x05,
  kDouble = 0x06,
  kDecimal = 0x07,
  kBytes = 0x08,
  kList = 0x09,
  kPairs = 0x0A,
};

constexpr char kEscape = '\xFF';      // Follows a 00 byte inside BYTES.
constexpr char kTerminator = '\x01';  // Follows a 00 byte at the end of BYTES.
constexpr uint64_t kSignBit = uint64_t{1} << 63;
constexpr uint64_t kCanonicalNan = 0x7FF8000000000000;
// Deeper nesting than any SQL type has; guards the recursive decoder against corrupt bytes.
constexpr int kMaxDepth = 512;

[[noreturn]] void ThrowMalformed(std::string_view what) {
  throw Error(ErrorKind::kInternal, "Cannot decode state bytes: " + std::string(what));
}

uint64_t OrderedDoubleBits(double value) {
  if (value == 0.0) {
    return kSignBit;  // +0.0 and -0.0 are equal Values, so they share the bytes of +0.0.
  }
  const uint64_t bits = std::isnan(value) ? kCanonicalNan : std::bit_cast<uint64_t>(value);
  return (bits & kSignBit) != 0 ? ~bits : bits ^ kSignBit;
}

double DoubleFromOrderedBits(uint64_t bits) {
  return std::bit_cast<double>((bits & kSignBit) != 0 ? bits ^ kSignBit : ~bits);
}

void EncodeBytes(std::string_view bytes, std::string& out) {
  out.push_back(static_cast<char>(kBytes));
  // Copy the runs between zero bytes in one go; most strings have none.
  while (!bytes.empty()) {
    const void* zero = std::memchr(bytes.data(), 0, bytes.size());
    if (zero == nullptr) {
      out.append(bytes);
      break;
    }
    const auto run = static_cast<size_t>(static_cast<const char*>(zero) - bytes.data());
    out.append(bytes.data(), run + 1);
    out.push_back(kEscape);
    bytes.remove_prefix(run + 1);
  }
  out.push_back('\0');
  out.push_back(kTerminator);
}

std::string DecodeBytes(std::string_view& bytes) {
  std::string result;
  while (true) {
    if (bytes.empty()) {
      ThrowMalformed("a BYTES value has no terminator");
    }
    const void* zero = std::memchr(bytes.data(), 0, bytes.size());
    if (zero == nullptr || static_cast<const char*>(zero) + 1 == bytes.data() + bytes.size()) {
      ThrowMalformed("a BYTES value has no terminator");
    }
    const auto run = static_cast<size_t>(static_cast<const char*>(zero) - bytes.data());
    const char marker = bytes[run + 1];
    if (marker == kTerminator) {
      result.append(bytes.data(), run);
      bytes.remove_prefix(run + 2);
      return result;
    }
    if (marker != kEscape) {
      ThrowMalformed("a BYTES value has a bad escape");
    }
    result.append(bytes.data(), run + 1);
    bytes.remove_prefix(run + 2);
  }
}

Int128 DecodeInteger(std::string_view& bytes, Int128 min, Int128 max) {
  const Int128 value = ReadOrderedVarint(bytes);
  if (value < min || value > max) {
    ThrowMalformed("an integer is out of range for its type");
  }
  return value;
}

// Returns true and drops the end marker when `bytes` starts with it.
bool ConsumeEnd(std::string_view& bytes) {
  if (bytes.empty()) {
    ThrowMalformed("a LIST or PAIRS value has no end marker");
  }
  if (static_cast<uint8_t>(bytes.front()) == kEnd) {
    bytes.remove_prefix(1);
    return true;
  }
  return false;
}

Value DecodeNext(std::string_view& bytes, int depth) {
  if (bytes.empty()) {
    ThrowMalformed("a value is missing");
  }
  if (depth > kMaxDepth) {
    ThrowMalformed("values are nested too deeply");
  }
  const auto tag = static_cast<uint8_t>(bytes.front());
  bytes.remove_prefix(1);
  switch (tag) {
    case kNull:
      return Value::Null();
    case kFalse:
      return Value::Boolean(false);
    case kTrue:
      return Value::Boolean(true);
    case kInt32:
      return Value::Int32(static_cast<int32_t>(DecodeInteger(bytes, INT32_MIN, INT32_MAX)));
    case kInt64:
      return Value::Int64(static_cast<int64_t>(DecodeInteger(bytes, INT64_MIN, INT64_MAX)));
    case kDouble: {
      if (bytes.size() < 8) {
        ThrowMalformed("a DOUBLE value is truncated");
      }
      const double value = DoubleFromOrderedBits(ReadBigEndian64(bytes.data()));
      bytes.remove_prefix(8);
      return Value::Double(value);
    }
    case kDecimal: {
      DecimalValue decimal;
      decimal.unscaled = ReadOrderedVarint(bytes);
      decimal.scale = static_cast<int32_t>(DecodeInteger(bytes, INT32_MIN, INT32_MAX));
      return Value::Decimal(decimal);
    }
    case kBytes:
      return Value::String(DecodeBytes(bytes));
    case kList: {
      ValueList elements;
      while (!ConsumeEnd(bytes)) {
        elements.push_back(DecodeNext(bytes, depth + 1));
      }
      return Value::List(std::move(elements));
    }
    case kPairs: {
      ValuePairList pairs;
      while (!ConsumeEnd(bytes)) {
        Value key = DecodeNext(bytes, depth + 1);
        Value value = DecodeNext(bytes, depth + 1);
        pairs.emplace_back(std::move(key), std::move(value));
      }
      return Value::Pairs(std::move(pairs));
    }
    default:
      ThrowMalformed("unknown tag " + std::to_string(tag));
  }
}

}  // namespace

void EncodeValue(const Value& value, std::string& out) {
  switch (value.storage()) {
    case Value::Storage::kNull:
      out.push_back(static_cast<char>(kNull));
      return;
    case Value::Storage::kBoolean:
      out.push_back(static_cast<char>(value.AsBoolean() ? kTrue : kFalse));
      return;
    case Value::Storage::kInt32:
      AppendOrderedVarint64(value.AsInt32(), out, static_cast<char>(kInt32));
      return;
    case Value::Storage::kInt64:
      AppendOrderedVarint64(value.AsInt64(), out, static_cast<char>(kInt64));
      return;
    case Value::Storage::kDouble:
      out.push_back(static_cast<char>(kDouble));
      AppendBigEndian64(OrderedDoubleBits(value.AsDouble()), out);
      return;
    case Value::Storage::kDecimal:
      out.push_back(static_cast<char>(kDecimal));
      AppendOrderedVarint(value.AsDecimal().unscaled, out);
      AppendOrderedVarint(value.AsDecimal().scale, out);
      return;
    case Value::Storage::kBytes:
      EncodeBytes(value.AsString(), out);
      return;
    case Value::Storage::kList:
      out.push_back(static_cast<char>(kList));
      EncodeValueList(value.AsList(), out);
      out.push_back(static_cast<char>(kEnd));
      return;
    case Value::Storage::kPairs:
      out.push_back(static_cast<char>(kPairs));
      for (const auto& [key, element] : value.AsPairs()) {
        EncodeValue(key, out);
        EncodeValue(element, out);
      }
      out.push_back(static_cast<char>(kEnd));
      return;
  }
  FLUXO_CHECK(false, "unknown Value storage");
}

void EncodeValueList(const ValueList& values, std::string& out) {
  for (const Value& value : values) {
    EncodeValue(value, out);
  }
}

std::string EncodeValueToString(const Value& value) {
  std::string out;
  EncodeValue(value, out);
  return out;
}

Value DecodeNextValue(std::string_view& bytes) {
  return DecodeNext(bytes, 0);
}

Value DecodeValue(std::string_view bytes) {
  Value value = DecodeNext(bytes, 0);
  if (!bytes.empty()) {
    ThrowMalformed(std::to_string(bytes.size()) + " bytes follow the value");
  }
  return value;
}

ValueList DecodeValueList(std::string_view bytes) {
  ValueList values;
  while (!bytes.empty()) {
    values.push_back(DecodeNext(bytes, 0));
  }
  return values;
}

}  // namespace fluxo::state
