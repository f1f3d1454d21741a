#include "planner/binder/expression_scope.h"

#include "planner/catalog/catalog.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

constexpr size_t kMaxSuggestionDistance = 2;

}  // namespace

const ScopeColumn* ExpressionScope::Find(const std::optional<std::string>& source,
                                         const std::string& name,
                                         const SourceSpan& span) const {
  const ScopeColumn* match = nullptr;
  for (const ScopeColumn& column : columns) {
    if (column.name != name || (source.has_value() && column.source != *source)) {
      continue;
    }
    if (match != nullptr) {
      throw Error(ErrorKind::kBinding,
                  "Column '" + name + "' is ambiguous: it could refer to " + match->source + "." +
                      name + " or " + column.source + "." + name,
                  span);
    }
    match = &column;
  }
  return match;
}

const ScopeColumn* ExpressionScope::Resolve(const std::optional<std::string>& source,
                                            const std::string& name,
                                            const SourceSpan& span) const {
  if (const ScopeColumn* column = Find(source, name, span)) {
    return column;
  }
  const std::string written = source.has_value() ? *source + "." + name : name;
  std::string message = (clause.empty() ? std::string("Column") : clause + " column") + " '" +
                        written + "' cannot be resolved.";
  std::string best;
  size_t best_distance = kMaxSuggestionDistance + 1;
  for (const ScopeColumn& column : columns) {
    if (source.has_value() && column.source != *source) {
      continue;
    }
    const size_t distance = NameDistance(name, column.name);
    if (distance < best_distance) {
      best_distance = distance;
      best = source.has_value() ? column.source + "." + column.name : column.name;
    }
  }
  if (clause == "PARTITION BY") {
    message += " '" + written +
               "' must be a column in the source schema since PARTITION BY is applied on the "
               "input.";
  }
  if (!best.empty()) {
    message += " Did you mean '" + best + "'?";
  }
  throw Error(ErrorKind::kBinding, message, span);
}

}  // namespace fluxo::planner
