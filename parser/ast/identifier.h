#pragma once

#include <string>

#include "parser/ast/source_span.h"

namespace fluxo::ast {

/// A name as the user wrote it, after ksqlDB's case rule: unquoted names are upper-cased,
/// back-quoted and double-quoted names keep their case. A `${var}` reference in a name position
/// is kept as a variable for substitution before binding.
struct Identifier : Node {
  std::string value;
  bool is_variable = false;

  bool operator==(const Identifier&) const = default;
};

}  // namespace fluxo::ast
