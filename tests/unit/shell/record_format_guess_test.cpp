#include "cli/shell/record_format_guess.h"

#include <bit>
#include <cstdint>
#include <string>

#include <doctest/doctest.h>

namespace fluxo::cli::shell {
namespace {

std::string BigEndian(uint64_t bits, int bytes) {
  std::string payload;
  for (int i = bytes - 1; i >= 0; --i) {
    payload += static_cast<char>((bits >> (8 * i)) & 0xFF);
  }
  return payload;
}

std::string DoubleBytes(double value) {
  return BigEndian(std::bit_cast<uint64_t>(value), 8);
}

TEST_SUITE("shell") {
  TEST_CASE("JSON documents and text") {
    FormatGuesser values;
    CHECK(values.Render(std::string(R"({"A":1})")) == R"({"A":1})");
    CHECK(values.Description() == "JSON or KAFKA_STRING");
    CHECK(values.Render(std::string("[1, 2]")) == "[1, 2]");
    CHECK(values.Description() == "JSON or KAFKA_STRING");
    CHECK(values.Render(std::string("plain")) == "plain");  // Not JSON: text remains.
    CHECK(values.Description() == "KAFKA_STRING");
  }

  TEST_CASE("Kafka's integer and double serializers") {
    FormatGuesser ints;
    CHECK(ints.Render(BigEndian(42, 4)) == "42");
    CHECK(ints.Render(BigEndian(static_cast<uint32_t>(-5), 4)) == "-5");
    CHECK(ints.Description() == "KAFKA_INT");

    FormatGuesser longs;
    CHECK(longs.Render(BigEndian(1700000000000, 8)) == "1700000000000");
    CHECK(longs.Description() == "KAFKA_BIGINT");

    FormatGuesser doubles;
    CHECK(doubles.Render(DoubleBytes(2.5)) == "2.5");
    CHECK(doubles.Description() == "KAFKA_DOUBLE");
  }

  TEST_CASE("every record narrows the guess") {
    FormatGuesser keys;
    // "abcd" is both 4 bytes and text: text is the likelier reading on its own...
    CHECK(keys.Render(std::string("abcd")) == "abcd");
    CHECK(keys.Description() == "KAFKA_STRING or KAFKA_INT");
    // ...until a record that only an INT explains.
    CHECK(keys.Render(BigEndian(1, 4)) == "1");
    CHECK(keys.Description() == "KAFKA_INT");
    CHECK(keys.Render(std::string("abcd")) == "1633837924");
  }

  TEST_CASE("nulls fit everything; bytes nothing else explains show in hex") {
    FormatGuesser guesser;
    CHECK(guesser.Render(std::nullopt) == "<null>");
    CHECK(guesser.Description() == "unknown (no data)");
    CHECK(guesser.Render(std::string("\x01\x02\xff", 3)) == "0x0102ff");
    CHECK(guesser.Description() == "BYTES");
  }

  TEST_CASE("records that disagree start the guess over") {
    FormatGuesser guesser;
    guesser.Render(std::string("text"));
    CHECK(guesser.Render(std::string("\x01\x02\xff", 3)) == "0x0102ff");
    CHECK(guesser.Render(BigEndian(7, 4)) == "7");
    CHECK(guesser.Description() == "KAFKA_INT");
  }
}

}  // namespace
}  // namespace fluxo::cli::shell
