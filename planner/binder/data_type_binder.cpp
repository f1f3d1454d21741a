#include "planner/binder/data_type_binder.h"

#include <charconv>
#include <string>
#include <vector>

#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

[[noreturn]] void ThrowTypeError(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kType, message, span);
}

int ParseParameter(const ast::DataType& type, size_t index) {
  const std::string& text = type.parameters[index];
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    ThrowTypeError("Invalid parameter '" + text + "' for type " + type.name.value, type.span);
  }
  return value;
}

void ExpectNoParameters(const ast::DataType& type) {
  if (!type.parameters.empty()) {
    ThrowTypeError("Type " + type.name.value + " takes no parameters", type.span);
  }
}

SqlTypePtr BindDecimal(const ast::DataType& type) {
  if (type.parameters.size() != 2) {
    ThrowTypeError("DECIMAL needs a precision and a scale, e.g. DECIMAL(10, 2)", type.span);
  }
  const int precision = ParseParameter(type, 0);
  const int scale = ParseParameter(type, 1);
  if (precision < 1 || precision > SqlType::kMaxDecimalPrecision) {
    ThrowTypeError("DECIMAL precision must be between 1 and 38, got " + std::to_string(precision),
                   type.span);
  }
  if (scale < 0 || scale > precision) {
    ThrowTypeError("DECIMAL scale must be between 0 and the precision (" +
                       std::to_string(precision) + "), got " + std::to_string(scale),
                   type.span);
  }
  return SqlType::Decimal(precision, scale);
}

SqlTypePtr BindNamed(const ast::DataType& type, const Catalog& catalog) {
  const std::string& name = type.name.value;
  if (name == "BOOLEAN") {
    ExpectNoParameters(type);
    return SqlType::Boolean();
  }
  if (name == "INT" || name == "INTEGER") {
    ExpectNoParameters(type);
    return SqlType::Int();
  }
  if (name == "BIGINT") {
    ExpectNoParameters(type);
    return SqlType::Bigint();
  }
  if (name == "DOUBLE") {
    ExpectNoParameters(type);
    return SqlType::Double();
  }
  if (name == "DECIMAL") {
    return BindDecimal(type);
  }
  if (name == "STRING" || name == "VARCHAR") {
    // ksqlDB accepts VARCHAR(STRING); Flink users write VARCHAR(n), which bounds nothing here.
    return SqlType::String();
  }
  if (name == "BYTES") {
    ExpectNoParameters(type);
    return SqlType::Bytes();
  }
  if (name == "TIMESTAMP") {
    // Flink's TIMESTAMP(p): Fluxo keeps milliseconds, so precisions up to 3 lose nothing.
    if (type.parameters.size() > 1 ||
        (type.parameters.size() == 1 && ParseParameter(type, 0) > 3)) {
      ThrowTypeError("TIMESTAMP keeps milliseconds: a precision above 3 is not supported",
                     type.span);
    }
    return SqlType::Timestamp();
  }
  if (name == "DATE") {
    ExpectNoParameters(type);
    return SqlType::Date();
  }
  if (name == "TIME") {
    ExpectNoParameters(type);
    return SqlType::Time();
  }
  if (SqlTypePtr custom = catalog.FindType(name)) {
    ExpectNoParameters(type);
    return custom;
  }
  if (name == "TINYINT" || name == "SMALLINT") {
    ThrowTypeError("Type " + name + " is not supported: use INT or BIGINT", type.span);
  }
  if (name == "FLOAT" || name == "REAL") {
    ThrowTypeError("Type " + name + " is not supported: use DOUBLE", type.span);
  }
  ThrowTypeError("Unknown type: " + name, type.span);
}

}  // namespace

SqlTypePtr BindDataType(const ast::DataType& type, const Catalog& catalog) {
  switch (type.kind) {
    case ast::TypeKind::kNamed:
      return BindNamed(type, catalog);
    case ast::TypeKind::kArray:
      return SqlType::Array(BindDataType(type.element_types.at(0), catalog));
    case ast::TypeKind::kMap:
      return SqlType::Map(BindDataType(type.element_types.at(0), catalog),
                          BindDataType(type.element_types.at(1), catalog));
    case ast::TypeKind::kStruct: {
      std::vector<StructField> fields;
      for (const ast::StructTypeField& field : type.fields) {
        for (const StructField& earlier : fields) {
          if (earlier.name == field.name.value) {
            ThrowTypeError("Duplicate field name in STRUCT: " + field.name.value, field.span);
          }
        }
        fields.push_back({field.name.value, BindDataType(field.type.at(0), catalog)});
      }
      return SqlType::Struct(std::move(fields));
    }
  }
  ThrowTypeError("Unknown type", type.span);
}

}  // namespace fluxo::planner
