#pragma once

#include "runtime/core/source_span.h"

namespace fluxo::ast {

using fluxo::SourceSpan;

/// Base of every AST node: carries the node's source span. Equality of AST nodes is structural,
/// so a span never takes part in it: two nodes parsed from differently formatted text compare
/// equal when they mean the same thing. Compare `span` members directly to check positions.
struct Node {
  SourceSpan span;

  bool operator==(const Node&) const { return true; }
};

}  // namespace fluxo::ast
