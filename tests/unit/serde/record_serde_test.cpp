#include <doctest/doctest.h>

#include "tests/unit/serde/serde_test_support.h"

namespace fluxo::serde {

using testing::Col;
using testing::PlanningError;
using testing::Spec;

TEST_SUITE("serde") {
  TEST_CASE("format names") {
    CHECK(std::string(FormatName(FormatKind::kJson)) == "JSON");
    CHECK(std::string(FormatName(FormatKind::kDelimited)) == "DELIMITED");
    CHECK(std::string(FormatName(FormatKind::kKafka)) == "KAFKA");
    CHECK(std::string(FormatName(FormatKind::kNone)) == "NONE");
  }

  TEST_CASE("KAFKA takes one INT, BIGINT, DOUBLE, STRING or BYTES column") {
    // key-schemas.json "create stream explicit unsupported KEY type".
    CHECK(PlanningError(Spec(FormatKind::kKafka), {Col("K", SqlType::Boolean())}, true) ==
          "Key format does not support schema.\nformat: KAFKA\nschema: "
          "Persistence{columns=[`K` BOOLEAN KEY], features=[]}\nreason: The 'KAFKA' format does "
          "not support type 'BOOLEAN'");
    // key-schemas.json "create table explicit unsupported KEY type".
    CHECK(PlanningError(Spec(FormatKind::kKafka), {Col("K", SqlType::Decimal(21, 19))}, true) ==
          "Key format does not support schema.\nformat: KAFKA\nschema: "
          "Persistence{columns=[`K` DECIMAL(21, 19) KEY], features=[]}\nreason: The 'KAFKA' "
          "format does not support type 'DECIMAL'");
    // key-schemas.json "create stream as explicit unsupported KEY type".
    CHECK(PlanningError(
              Spec(FormatKind::kKafka), {Col("ID", SqlType::Array(SqlType::Int()))}, true) ==
          "Key format does not support schema.\nformat: KAFKA\nschema: "
          "Persistence{columns=[`ID` ARRAY<INTEGER> KEY], features=[]}\nreason: The 'KAFKA' "
          "format does not support type 'ARRAY'");
    for (const SqlTypePtr& type : {SqlType::Timestamp(),
                                   SqlType::Date(),
                                   SqlType::Time(),
                                   SqlType::Struct({{"F", SqlType::Int()}})}) {
      INFO(type->ToString());
      CHECK(PlanningError(Spec(FormatKind::kKafka), {Col("V", type)}, false)
                .find("The 'KAFKA' format does not support type") != std::string::npos);
    }
    CHECK(PlanningError(Spec(FormatKind::kKafka),
                        {Col("A", SqlType::Int()), Col("B", SqlType::String())},
                        false) ==
          "Value format does not support schema.\nformat: KAFKA\nschema: "
          "Persistence{columns=[`A` INTEGER, `B` STRING], features=[]}\nreason: The 'KAFKA' "
          "format only supports a single field. Got: [`A` INTEGER, `B` STRING]");
    // partition-by.json "multiple columns - KAFKA key format".
    CHECK(PlanningError(Spec(FormatKind::kKafka),
                        {Col("ID", SqlType::Int()), Col("AGE", SqlType::Int())},
                        true) ==
          "Key format does not support schema.\nformat: KAFKA\nschema: "
          "Persistence{columns=[`ID` INTEGER KEY, `AGE` INTEGER KEY], features=[]}\nreason: The "
          "'KAFKA' format only supports a single field. Got: [`ID` INTEGER KEY, `AGE` INTEGER "
          "KEY]");
    CHECK(PlanningError(Spec(FormatKind::kKafka, true), {Col("V", SqlType::Int())}, false) ==
          "Format 'KAFKA' does not support 'WRAP_SINGLE_VALUE' set to 'true'.");
    for (const SqlTypePtr& type : {SqlType::Int(),
                                   SqlType::Bigint(),
                                   SqlType::Double(),
                                   SqlType::String(),
                                   SqlType::Bytes()}) {
      CHECK(MakeRecordSerde(Spec(FormatKind::kKafka), {Col("K", type)}, true) != nullptr);
    }
  }

  TEST_CASE("DELIMITED takes primitive columns only") {
    // delimited.json "ARRAY - key" and "STRUCT - key".
    CHECK(PlanningError(
              Spec(FormatKind::kDelimited), {Col("K", SqlType::Array(SqlType::Double()))}, true) ==
          "Key format does not support schema.\nformat: DELIMITED\nschema: "
          "Persistence{columns=[`K` ARRAY<DOUBLE> KEY], features=[]}\nreason: The 'DELIMITED' "
          "format does not support type 'ARRAY', column: `K`");
    CHECK(PlanningError(Spec(FormatKind::kDelimited),
                        {Col("K", SqlType::Struct({{"F", SqlType::Double()}}))},
                        true) ==
          "Key format does not support schema.\nformat: DELIMITED\nschema: "
          "Persistence{columns=[`K` STRUCT<`F` DOUBLE> KEY], features=[]}\nreason: The "
          "'DELIMITED' format does not support type 'STRUCT', column: `K`");
    // delimited.json "MAP - C* - value".
    CHECK(PlanningError(Spec(FormatKind::kDelimited),
                        {Col("FOO", SqlType::Map(SqlType::Int(), SqlType::Double()))},
                        false)
              .find("The 'DELIMITED' format does not support type 'MAP'") != std::string::npos);
    // delimited.json "deserialize DELIMITED with WRAP_SINGLE_VALUE true"; false is accepted.
    CHECK(PlanningError(Spec(FormatKind::kDelimited, true), {Col("FOO", SqlType::Int())}, false) ==
          "Format 'DELIMITED' does not support 'WRAP_SINGLE_VALUE' set to 'true'.");
    CHECK(MakeRecordSerde(
              Spec(FormatKind::kDelimited, false), {Col("FOO", SqlType::Int())}, false) != nullptr);
  }

  TEST_CASE("keys cannot hold maps") {
    // json.json "MAP - key - C*" and "nested MAP type - key - C*".
    CHECK(PlanningError(Spec(FormatKind::kJson),
                        {Col("K", SqlType::Map(SqlType::Int(), SqlType::Double()))},
                        true) ==
          "Map keys, including types that contain maps, are not supported as they may lead to "
          "unexpected behavior due to inconsistent serialization. Key column name: `K`. Column "
          "type: MAP<INTEGER, DOUBLE>. See https://github.com/confluentinc/ksql/issues/6621 for "
          "more.");
    CHECK(PlanningError(Spec(FormatKind::kJson),
                        {Col("K", SqlType::Array(SqlType::Map(SqlType::Int(), SqlType::Double())))},
                        true)
              .find("Column type: ARRAY<MAP<INTEGER, DOUBLE>>.") != std::string::npos);
    // delimited.json "MAP - key": the map rule is checked before the format's.
    CHECK(PlanningError(Spec(FormatKind::kDelimited),
                        {Col("K", SqlType::Map(SqlType::String(), SqlType::Double()))},
                        true)
              .find("Map keys, including types that contain maps") == 0);
  }

  TEST_CASE("JSON maps need STRING keys") {
    // json.json "map with non-string keys - C*".
    CHECK(PlanningError(Spec(FormatKind::kJson),
                        {Col("FOO", SqlType::Map(SqlType::Int(), SqlType::Double()))},
                        false)
              .find("JSON only supports MAP types with STRING keys") != std::string::npos);
    CHECK(PlanningError(
              Spec(FormatKind::kJson),
              {Col("FOO",
                   SqlType::Struct(
                       {{"M", SqlType::Array(SqlType::Map(SqlType::Bigint(), SqlType::Int()))}}))},
              false)
              .find("JSON only supports MAP types with STRING keys") != std::string::npos);
    CHECK(PlanningError(Spec(FormatKind::kJson, false),
                        {Col("FOO", SqlType::Map(SqlType::Int(), SqlType::Double()))},
                        false)
              .find("features=[UNWRAP_SINGLES]") != std::string::npos);
  }

  TEST_CASE("NONE takes no columns") {
    CHECK(PlanningError(Spec(FormatKind::kNone), {Col("K", SqlType::Int())}, true) ==
          "Key format does not support schema.\nformat: NONE\nschema: "
          "Persistence{columns=[`K` INTEGER KEY], features=[]}\nreason: The 'NONE' format can "
          "only be used when no columns are defined. Got: [`K` INTEGER KEY]");
    CHECK(MakeRecordSerde(Spec(FormatKind::kNone), {}, false) != nullptr);
  }
}

}  // namespace fluxo::serde
