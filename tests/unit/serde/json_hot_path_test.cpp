// The JSON serde's row-oriented entry points (DeserializeInto, SerializeFrom, IgnoreUnusedColumns)
// and its fast paths must give exactly what Deserialize and Serialize give.

#include <doctest/doctest.h>

#include "runtime/serde/decimal_text.h"
#include "tests/unit/serde/serde_test_support.h"

namespace fluxo::serde {

using testing::Col;
using testing::Read;
using testing::Spec;
using testing::Write;

namespace {

std::unique_ptr<RecordSerde> Bids() {
  return MakeRecordSerde(Spec(FormatKind::kJson),
                         {Col("AUCTION", SqlType::Bigint()),
                          Col("URL", SqlType::String()),
                          Col("N", SqlType::Int()),
                          Col("PRICE", SqlType::Decimal(10, 3))},
                         /*is_key=*/false);
}

/// Reads `bytes` into a row of `width` NULLs at `slots`; nothing when the serde gives nothing.
std::optional<ValueList> ReadInto(const RecordSerde& serde,
                                  const std::string& bytes,
                                  const std::vector<size_t>& slots,
                                  size_t width) {
  ValueList row(width);
  if (!serde.DeserializeInto(bytes, row, slots)) {
    return std::nullopt;
  }
  return row;
}

std::string ReadIntoError(const RecordSerde& serde, const std::string& bytes) {
  ValueList row(4);
  try {
    serde.DeserializeInto(bytes, row, {0, 1, 2, 3});
  } catch (const Error& error) {
    return error.message();
  }
  FAIL("no error for: " << bytes);
  return "";
}

}  // namespace

TEST_SUITE("serde") {
  TEST_CASE("json: reading into a row's slots gives what Deserialize gives") {
    const auto serde = Bids();
    const std::vector<std::string> documents = {
        R"({"auction":1,"url":"u","n":2,"price":1.5})",
        R"({"n":2,"url":"u","auction":1})",             // Out of order.
        R"({"AUCTION":7,"auction":8})",                 // Exact name first, whatever the order.
        R"({"auction":1,"auction":2,"other":[1,{}]})",  // Duplicates: the last wins.
        R"({"auction":"12","url":3.50,"n":1.9,"price":"2"})",  // Coercions.
        R"({"auction":99999999999999999999,"url":{"a":[1, "x"]}})",
    };
    for (const std::string& document : documents) {
      // The same serde, many times: the field-name cache must not change the answer.
      for (int pass = 0; pass < 2; ++pass) {
        const ValueList expected = Read(*serde, document);
        const std::optional<ValueList> row = ReadInto(*serde, document, {3, 0, 1, 2}, 5);
        REQUIRE(row.has_value());
        CHECK((*row)[3] == expected[0]);
        CHECK((*row)[0] == expected[1]);
        CHECK((*row)[1] == expected[2]);
        CHECK((*row)[2] == expected[3]);
        CHECK((*row)[4].IsNull());
      }
    }
    CHECK_FALSE(ReadInto(*serde, "null", {0, 1, 2, 3}, 4).has_value());
  }

  TEST_CASE("json: a name that only starts like the remembered one is not taken for it") {
    const auto serde = Bids();
    CHECK(Read(*serde, R"({"auction":1})")[0] == Value::Int64(1));
    CHECK(ReadInto(*serde, R"({"auctionx":1,"auction":2})", {0, 1, 2, 3}, 4)->at(0) ==
          Value::Int64(2));
    CHECK(ReadInto(*serde, R"({"auct":1})", {0, 1, 2, 3}, 4)->at(0).IsNull());
    CHECK(ReadInto(*serde, R"({"auc\"tion":1})", {0, 1, 2, 3}, 4)->at(0).IsNull());
  }

  TEST_CASE("json: unused STRING columns are left NULL but still checked") {
    const auto serde = Bids();
    serde->IgnoreUnusedColumns({false, true, true, false});
    const std::optional<ValueList> row =
        ReadInto(*serde, R"({"auction":1,"url":"u","n":2,"price":1.5})", {0, 1, 2, 3}, 4);
    REQUIRE(row.has_value());
    CHECK((*row)[0] == Value::Int64(1));
    CHECK((*row)[1].IsNull());            // Unused STRING: skipped.
    CHECK((*row)[2] == Value::Int32(2));  // Unused INT: still read, its conversion can fail.
    // A record is rejected exactly as before, with the same message.
    const auto reading_all = Bids();
    for (const char* bad : {R"({"url":[1,tru]})",
                            R"({"url":01})",
                            R"({"url":{"a":-}})",
                            R"({"url":"\x"})",
                            R"({"n":"x"})",
                            R"({"url":"u"} 1)"}) {
      const std::string message = ReadIntoError(*serde, bad);
      CHECK(message == testing::ReadError(*reading_all, bad));
      CHECK(message.find("Failed to deserialize value from JSON: ") == 0);
    }
    // Deserialize still reads every column.
    CHECK(Read(*serde, R"({"url":"u"})")[1] == Value::String("u"));
  }

  TEST_CASE("json: writing from a row's slots gives what Serialize gives") {
    const auto serde = Bids();
    const ValueList values = {Value::Int64(-9223372036854775807 - 1),
                              Value::String("a\"b\\c\n\x01é"),
                              Value::Int32(-2147483647 - 1),
                              Value::Decimal({-1234, 3})};
    const std::string expected = Write(*serde, values);
    CHECK(expected == R"({"AUCTION":-9223372036854775808,"URL":"a\"b\\c\n\u0001é","N":-2147483648,)"
                      R"("PRICE":-1.234})");
    const ValueList row = {values[3], Value(), values[0], values[1], values[2]};
    CHECK(serde->SerializeFrom(row, {2, 3, 4, 0}) == expected);
    CHECK(serde->SerializeFrom({Value(), Value(), Value(), Value()}, {0, 1, 2, 3}) ==
          R"({"AUCTION":null,"URL":null,"N":null,"PRICE":null})");
  }

  TEST_CASE("decimal text: the short form agrees with the general one") {
    const DecimalValue cases[] = {
        {0, 0},
        {0, 3},
        {0, 7},
        {5, 1},
        {-5, 1},
        {123456, 3},
        {1, 6},
        {1, 7},
        {12, 7},
        {-1000, 2},
        {1234567, 0},
        {9, 6},
        {42, 20},
        {Int128{1} << 70, 2},
        {9223372036854775807, 5},
        {-9223372036854775807, 18},
        {7, -2},
    };
    for (const DecimalValue& value : cases) {
      std::string general;
      AppendDecimalString(ToDecimalText(value), general);
      std::string fast;
      AppendDecimalString(value, fast);
      CHECK(fast == general);
    }
  }
}

}  // namespace fluxo::serde
