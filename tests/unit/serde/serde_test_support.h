#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/core/error.h"
#include "runtime/serde/record_serde.h"

namespace fluxo::serde::testing {

// Small helpers shared by the serde tests.

inline Column Col(std::string name, SqlTypePtr type) {
  return Column{std::move(name), std::move(type), ColumnNamespace::kValue, ""};
}

inline FormatSpec Spec(FormatKind kind,
                       std::optional<bool> wrap = std::nullopt,
                       char delimiter = ',') {
  FormatSpec spec;
  spec.kind = kind;
  spec.wrap_single_value = wrap;
  spec.delimiter = delimiter;
  return spec;
}

/// Serializes `values`, which must not give null bytes.
inline std::string Write(const RecordSerde& serde, const ValueList& values) {
  const std::optional<std::string> bytes = serde.Serialize(values);
  REQUIRE(bytes.has_value());
  return *bytes;
}

/// Deserializes `bytes`, which must give a value.
inline ValueList Read(const RecordSerde& serde, const std::string& bytes) {
  const std::optional<ValueList> values = serde.Deserialize(bytes);
  REQUIRE(values.has_value());
  return *values;
}

/// Returns the message of the kExecution error that deserializing `bytes` throws.
inline std::string ReadError(const RecordSerde& serde, const std::string& bytes) {
  try {
    serde.Deserialize(bytes);
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kExecution);
    return error.message();
  }
  FAIL("no error for: " << bytes);
  return "";
}

/// Returns the error MakeRecordSerde throws, which must be of kind kPlanning.
inline std::string PlanningError(const FormatSpec& format,
                                 const std::vector<Column>& columns,
                                 bool is_key) {
  try {
    MakeRecordSerde(format, columns, is_key);
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kPlanning);
    return error.message();
  }
  FAIL("no planning error");
  return "";
}

}  // namespace fluxo::serde::testing
