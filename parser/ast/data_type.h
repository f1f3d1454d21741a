#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parser/ast/identifier.h"
#include "parser/ast/source_span.h"

namespace fluxo::ast {

/// The shape of a type as written; the binder turns it into a runtime type and rejects what
/// Fluxo does not support (for example Flink's TINYINT).
enum class TypeKind {
  kNamed,   ///< A name with optional integer parameters: INT, VARCHAR, DECIMAL(10, 2),
            ///< TIMESTAMP(3), or a type registered with CREATE TYPE.
  kArray,   ///< ARRAY<element>
  kMap,     ///< MAP<key, value>
  kStruct,  ///< STRUCT<name type, ...> (Flink's ROW<...> is read as the same thing)
};

struct DataType;

/// One field of a STRUCT type.
struct StructTypeField : Node {
  Identifier name;
  std::vector<DataType> type;  ///< Exactly one element; a vector because DataType is recursive.

  bool operator==(const StructTypeField&) const = default;
};

/// A SQL data type as written in CREATE, CAST and CREATE TYPE.
struct DataType : Node {
  TypeKind kind = TypeKind::kNamed;
  Identifier name;  ///< kNamed: the type name, upper-cased unless quoted.
  /// kNamed: the parameters as written: DECIMAL(10, 2) -> {"10", "2"}; ksqlDB also accepts a
  /// name, as in VARCHAR(STRING) -> {"STRING"}.
  std::vector<std::string> parameters;
  std::vector<DataType> element_types;  ///< kArray: {element}; kMap: {key, value}.
  std::vector<StructTypeField> fields;  ///< kStruct.

  bool operator==(const DataType&) const = default;
};

}  // namespace fluxo::ast
