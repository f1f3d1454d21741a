// The JSON reader's walk over a record's fields: names matched against those remembered from
// earlier records, and unused STRING values skipped without being read, must give exactly
// what a reader seeing the record first gives, errors included.

#include <doctest/doctest.h>

#include "tests/unit/serde/serde_test_support.h"

namespace fluxo::serde {

using testing::Col;
using testing::Spec;

namespace {

/// Columns whose names take one, two and more 8-byte words, up to and past the 32 bytes the
/// field-name cache remembers, and a quoted lower-case name when `quoted` is set.
std::unique_ptr<RecordSerde> WideRecordSerde(bool quoted) {
  std::vector<Column> columns = {Col("A", SqlType::Bigint()),
                                 Col("DATETIME", SqlType::Bigint()),
                                 Col("AUCTIONID", SqlType::Int()),
                                 Col("CHANNEL_18_BYTES_X", SqlType::String()),
                                 Col("NAME_OF_EXACTLY_THIRTY_TWO_BYTES", SqlType::Bigint()),
                                 Col("NAME_OF_THIRTY_THREE_BYTES_LONG_X", SqlType::Bigint())};
  if (quoted) {
    columns.push_back(Col("id", SqlType::Bigint()));
  }
  return MakeRecordSerde(Spec(FormatKind::kJson), columns, /*is_key=*/false);
}

/// What reading `bytes` with `serde`'s DeserializeInto gives: the row, or the error message.
std::string ReadIntoOutcome(const RecordSerde& serde, const std::string& bytes, size_t width) {
  ValueList row(width);
  std::vector<size_t> slots(width);
  for (size_t i = 0; i < width; ++i) {
    slots[i] = i;
  }
  try {
    if (!serde.DeserializeInto(bytes, row, slots)) {
      return "nothing";
    }
  } catch (const Error& error) {
    return "error: " + error.message();
  }
  std::string text;
  for (const Value& value : row) {
    text += value.DebugString() + ";";
  }
  return text;
}

}  // namespace

TEST_SUITE("serde") {
  TEST_CASE("json: names matched by the remembered order give what a fresh reader gives") {
    const std::vector<std::string> documents = {
        R"({"a":1,"datetime":2,"auctionid":3,"channel_18_bytes_x":"c",)"
        R"("name_of_exactly_thirty_two_bytes":4,"name_of_thirty_three_bytes_long_x":5,"id":6})",
        // Reordered.
        R"({"id":6,"name_of_thirty_three_bytes_long_x":5,"name_of_exactly_thirty_two_bytes":4,)"
        R"("channel_18_bytes_x":"c","auctionid":3,"datetime":2,"a":1})",
        // Missing fields after a remembered order, and unknown ones in their places.
        R"({"a":1,"auctionid":3,"other":"x"})",
        R"({"a":1,"datetimex":2,"datetim":3,"auctionid":4})",
        R"({"a":1,"datetime2":2,"auctionid_":3,"channel_18_bytes_X":"c"})",
        R"({"b":1,"datetimf":2,"auctionie":3,"channel_18_bytes_y":"c",)"
        R"("name_of_exactly_thirty_two_bytez":4})",
        // Duplicates: the last wins, an exact name over an upper-cased one.
        R"({"a":1,"a":2,"datetime":3,"DATETIME":4,"datetime":5})",
        R"({"A":1,"a":2,"ID":3,"id":4,"Id":5})",
        // Case differences, and names that differ only in a late byte.
        R"({"A":1,"DateTime":2,"AUCTIONID":3,"name_of_exactly_thirty_two_byteS":4,)"
        R"("name_of_thirty_three_bytes_long_y":5,"iD":6})",
        // Escaped names, which are read the slow way.
        R"({"\u0061":1,"date\u0074ime":2,"a\"":3})",
        R"({"a":1,"datetime":"7","auctionid":1.9,"channel_18_bytes_x":[1,"x"]})",
        R"({})",
        "null",
        // Errors.
        R"({"a":1,"datetime":true})",
        R"({"a":1,"datetime":2,"auctionid":"x"})",
        R"({"a":1,"datetime":2)",
    };
    for (const bool quoted : {false, true}) {
      const size_t width = quoted ? 7 : 6;
      // Each document after each other one: the first leaves its names remembered.
      for (const std::string& first : documents) {
        for (const std::string& second : documents) {
          CAPTURE(first);
          CAPTURE(second);
          const auto remembering = WideRecordSerde(quoted);
          ReadIntoOutcome(*remembering, first, width);
          CHECK(ReadIntoOutcome(*remembering, second, width) ==
                ReadIntoOutcome(*WideRecordSerde(quoted), second, width));
          CHECK(ReadIntoOutcome(*remembering, second, width) ==
                ReadIntoOutcome(*WideRecordSerde(quoted), second, width));
        }
      }
    }
  }

  TEST_CASE("json: unused strings are skipped unread, with the same errors as when read") {
    const auto columns = std::vector<Column>{Col("AUCTION", SqlType::Bigint()),
                                             Col("URL", SqlType::String()),
                                             Col("OTHER", SqlType::String())};
    // Reads URL and OTHER; the other serde skips URL and has no OTHER column.
    const auto reading_all = MakeRecordSerde(Spec(FormatKind::kJson), columns, false);
    const auto skipping =
        MakeRecordSerde(Spec(FormatKind::kJson), {columns[0], columns[1]}, /*is_key=*/false);
    skipping->IgnoreUnusedColumns({false, true});
    for (const std::string document : {
             R"({"auction":1,"url":"https://x/y","other":"o"})",
             R"({"url" : "u" , "other" :"" ,"auction" : 2 })",
             R"({"url":"é ü","other":["a","b",{"c":"d"}]})",
             R"({"url":"u","url":"v","auction":3})",
             R"({"url":"a\"b","other":"\u00e9"})",
             R"({"url":"u":1,"auction":4})",
             R"({"url":"u":1})",
             R"({"url":"u":1}})",  // Skipped as a key, "u" would leave the object balanced.
             R"({"auction":4,"url":"u":{"v":"w"}})",
             R"({"url":"u":"v","auction":4})",
             R"({"other":"o":1,"auction":4})",
             R"({"other":["a","b":1]})",
             R"({"url":"u"x,"auction":5})",
             R"({"url":"\x"})",
             R"({"other":"\u12"})",
             "{\"url\":\"a\tb\"}",
             "{\"url\":\"a\xff\"}",
             R"({"url":"u","auction":6)",
             R"({"url":"u",})",
             R"({"url":"u"}})",
             R"({"url":"u"} "v")",
             R"({"url":"u","auction":"x"})",
         }) {
      CAPTURE(document);
      const std::string expected = ReadIntoOutcome(*reading_all, document, 3);
      const std::string actual = ReadIntoOutcome(*skipping, document, 2);
      if (expected.rfind("error: ", 0) == 0) {
        CHECK(actual == expected);
      } else {
        // The same AUCTION; URL is left NULL.
        CHECK(actual.substr(0, actual.find(';')) == expected.substr(0, expected.find(';')));
        CHECK(actual.substr(actual.find(';')) == ";NULL;");
      }
    }
  }
}

}  // namespace fluxo::serde
