#include <cctype>
#include <cstdint>
#include <string>

#include "runtime/core/error.h"
#include "runtime/functions/builtin_functions.h"
#include "runtime/functions/function_signature.h"
#include "runtime/functions/java_text.h"

namespace fluxo::functions {

namespace {

constexpr const char* kCategory = "STRING";
constexpr const char* kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr size_t kMimeLineLength = 76;

/// The text encodings of ksqlDB's TO_BYTES and FROM_BYTES (BytesUtils.Encoding).
enum class Encoding { kHex, kUtf8, kAscii, kBase64 };

Encoding ParseEncoding(const std::string& name) {
  std::string lower;
  for (const char c : name) {
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (lower == "hex") {
    return Encoding::kHex;
  }
  if (lower == "utf8") {
    return Encoding::kUtf8;
  }
  if (lower == "ascii") {
    return Encoding::kAscii;
  }
  if (lower == "base64") {
    return Encoding::kBase64;
  }
  throw Error(ErrorKind::kExecution,
              "Unknown encoding type '" + name +
                  "'. Supported formats are 'hex', 'utf8', 'ascii', and 'base64'.");
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  return -1;
}

std::string HexDecode(const std::string& text) {
  if (text.size() % 2 != 0) {
    throw Error(ErrorKind::kExecution, "Invalid hex input length " + std::to_string(text.size()));
  }
  std::string bytes;
  for (size_t i = 0; i < text.size(); i += 2) {
    const int high = HexDigit(text[i]);
    const int low = HexDigit(text[i + 1]);
    if (high < 0 || low < 0) {
      throw Error(ErrorKind::kExecution, "Unrecognized hex character in: " + text);
    }
    bytes.push_back(static_cast<char>(high * 16 + low));
  }
  return bytes;
}

std::string HexEncode(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string text;
  for (const char byte : bytes) {
    const auto value = static_cast<unsigned char>(byte);
    text.push_back(kDigits[value >> 4]);
    text.push_back(kDigits[value & 0x0F]);
  }
  return text;
}

/// Java's MIME base64 decoder: characters outside the alphabet are skipped, '=' ends the data.
std::string Base64Decode(const std::string& text) {
  std::string bytes;
  uint32_t bits = 0;
  int bit_count = 0;
  int sextets = 0;
  for (const char c : text) {
    if (c == '=') {
      break;
    }
    const char* found = std::char_traits<char>::find(kBase64Alphabet, 64, c);
    if (found == nullptr) {
      continue;
    }
    bits = (bits << 6) | static_cast<uint32_t>(found - kBase64Alphabet);
    bit_count += 6;
    ++sextets;
    if (bit_count >= 8) {
      bit_count -= 8;
      bytes.push_back(static_cast<char>((bits >> bit_count) & 0xFF));
    }
  }
  if (sextets % 4 == 1) {
    throw Error(ErrorKind::kExecution,
                "Last unit does not have enough valid bits in base64: " + text);
  }
  return bytes;
}

/// Java's MIME base64 encoder: padded, lines of 76 characters separated by CRLF.
std::string Base64Encode(const std::string& bytes) {
  std::string text;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    if (i > 0 && i % (kMimeLineLength / 4 * 3) == 0) {
      text += "\r\n";
    }
    uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
    const size_t available = bytes.size() - i;
    if (available > 1) {
      group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    }
    if (available > 2) {
      group |= static_cast<unsigned char>(bytes[i + 2]);
    }
    text.push_back(kBase64Alphabet[(group >> 18) & 0x3F]);
    text.push_back(kBase64Alphabet[(group >> 12) & 0x3F]);
    text.push_back(available > 1 ? kBase64Alphabet[(group >> 6) & 0x3F] : '=');
    text.push_back(available > 2 ? kBase64Alphabet[group & 0x3F] : '=');
  }
  return text;
}

std::string ToBytes(const std::string& text, Encoding encoding) {
  switch (encoding) {
    case Encoding::kHex:
      return HexDecode(text);
    case Encoding::kUtf8:
      return text;
    case Encoding::kAscii: {
      std::string bytes;
      for (const char32_t code_point : ToCodePoints(text)) {
        bytes.push_back(code_point < 0x80 ? static_cast<char>(code_point) : '?');
      }
      return bytes;
    }
    case Encoding::kBase64:
      return Base64Decode(text);
  }
  return text;
}

std::string FromBytes(const std::string& bytes, Encoding encoding) {
  switch (encoding) {
    case Encoding::kHex:
      return HexEncode(bytes);
    case Encoding::kUtf8:
      return FromCodePoints(ToCodePoints(bytes));
    case Encoding::kAscii: {
      std::u32string code_points;
      for (const char byte : bytes) {
        const auto value = static_cast<unsigned char>(byte);
        code_points.push_back(value < 0x80 ? value : U'\uFFFD');
      }
      return FromCodePoints(code_points);
    }
    case Encoding::kBase64:
      return Base64Encode(bytes);
  }
  return bytes;
}

}  // namespace

void RegisterBytesFunctions(FunctionRegistry& registry) {
  registry.Add(
      {"TO_BYTES",
       kCategory,
       "Converts a string in the given encoding ('hex', 'utf8', 'ascii' or 'base64') "
       "to bytes.",
       {}},
      {MakeOverload("TO_BYTES(STRING value, STRING encoding) -> BYTES", [](const ValueList& args) {
        return Value::String(ToBytes(args[0].AsString(), ParseEncoding(args[1].AsString())));
      })});
  registry.Add(
      {"FROM_BYTES",
       kCategory,
       "Converts bytes to a string in the given encoding ('hex', 'utf8', 'ascii' or "
       "'base64').",
       {}},
      {MakeOverload(
          "FROM_BYTES(BYTES value, STRING encoding) -> STRING", [](const ValueList& args) {
            return Value::String(FromBytes(args[0].AsString(), ParseEncoding(args[1].AsString())));
          })});
}

}  // namespace fluxo::functions
