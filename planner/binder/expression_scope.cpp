#include "planner/binder/expression_scope.h"

#include <algorithm>

#include "planner/catalog/catalog.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

constexpr size_t kMaxSuggestionDistance = 2;

// ksqlDB's "Column 'ID' is ambiguous. Could be A.ID or B.ID.", with its longer form (the one
// ksqlDB reports, naming the position) as the detail.
Error AmbiguousColumn(const std::string& name,
                      const std::vector<const ScopeColumn*>& matches,
                      const SourceSpan& span) {
  std::string candidates;
  for (size_t i = 0; i < matches.size(); ++i) {
    candidates +=
        (i == 0 ? "" : (i + 1 == matches.size() ? " or " : ", ")) + matches[i]->source + "." + name;
  }
  const std::string message = "Column '" + name + "' is ambiguous. Could be " + candidates + ".";
  Error error(ErrorKind::kBinding, message, span);
  error.WithDetail("Exception while preparing statement: Line: " + std::to_string(span.line) +
                   ", Col: " + std::to_string(span.column) + ": " + message);
  return error;
}

}  // namespace

const ScopeColumn* ExpressionScope::Find(const std::optional<std::string>& source,
                                         const std::string& name,
                                         const SourceSpan& span) const {
  if (source.has_value() && !sources.empty() &&
      std::find(sources.begin(), sources.end(), *source) == sources.end()) {
    throw Error(
        ErrorKind::kBinding,
        "Failed to prepare statement: '" + *source + "' is not a valid stream/table name or alias.",
        span);
  }
  std::vector<const ScopeColumn*> matches;
  for (const ScopeColumn& column : columns) {
    if (column.name == name && (!source.has_value() || column.source == *source)) {
      matches.push_back(&column);
    }
  }
  if (matches.size() > 1) {
    throw AmbiguousColumn(name, matches, span);
  }
  return matches.empty() ? nullptr : matches.front();
}

const ScopeColumn* ExpressionScope::Resolve(const std::optional<std::string>& source,
                                            const std::string& name,
                                            const SourceSpan& span) const {
  if (const ScopeColumn* column = Find(source, name, span)) {
    return column;
  }
  if (clause == "WHERE" && !source.has_value() && (name == "WINDOWSTART" || name == "WINDOWEND")) {
    // ksqlDB's wording: window bounds exist only after a windowed aggregation, never in WHERE.
    throw Error(
        ErrorKind::kBinding, "Error in WHERE expression: Unknown column " + name + ".", span);
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
