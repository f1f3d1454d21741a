#include "planner/binder/flink_window.h"

#include <algorithm>
#include <string>

#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

[[noreturn]] void Fail(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kPlanning, message, span);
}

int64_t IntervalMillis(const ast::Expression& expression, const char* function) {
  const auto* interval = expression.As<ast::IntervalLiteral>();
  if (interval == nullptr) {
    Fail(std::string(function) + " expects INTERVAL arguments, e.g. INTERVAL '1' HOUR",
         expression.span);
  }
  int64_t amount = 0;
  try {
    size_t used = 0;
    amount = std::stoll(interval->value, &used);
    if (used != interval->value.size()) {
      throw std::invalid_argument(interval->value);
    }
  } catch (const std::exception&) {
    Fail("Invalid INTERVAL '" + interval->value + "': expected a whole number", expression.span);
  }
  if (amount <= 0) {
    Fail("A window INTERVAL must be positive", expression.span);
  }
  return amount * ast::TimeUnitMillis(interval->unit);
}

// The event-time column a Flink window names must be the one the source's rows carry.
void CheckTimeColumn(const std::string& column,
                     const SourceDescription& source,
                     const SourceSpan& span) {
  if (column == "ROWTIME" ||
      (source.timestamp_column.has_value() && *source.timestamp_column == column)) {
    return;
  }
  Fail("The window's time column " + column + " is not the event time of " + source.name +
           ": declare it with WATERMARK FOR " + column + " AS ... (or TIMESTAMP='" + column +
           "'), or use ROWTIME",
       span);
}

std::optional<int64_t> Grace(const SourceDescription& source) {
  return source.watermark_delay_ms.has_value() ? source.watermark_delay_ms
                                               : std::optional<int64_t>(0);
}

ast::Expression Call(const std::string& name, const std::vector<ast::Expression>& arguments) {
  ast::FunctionCall call;
  call.name.value = name;
  call.arguments = arguments;
  ast::Expression expression;
  expression.node = std::move(call);
  return expression;
}

ast::Expression ColumnNamed(const std::string& name) {
  ast::ColumnReference column;
  column.name.value = name;
  ast::Expression expression;
  expression.node = std::move(column);
  return expression;
}

// GROUP BY TUMBLE(ts, size) | HOP(ts, slide, size) | SESSION(ts, gap).
std::optional<FlinkWindow> FromGroupWindow(const ast::Expression& expression,
                                           const SourceDescription& source) {
  const auto* call = expression.As<ast::FunctionCall>();
  if (call == nullptr) {
    return std::nullopt;
  }
  const std::string& name = call->name.value;
  const size_t expected = name == "TUMBLE" ? 2 : name == "HOP" ? 3 : name == "SESSION" ? 2 : 0;
  if (expected == 0) {
    return std::nullopt;
  }
  if (call->arguments.size() != expected) {
    Fail(name + " expects " + std::to_string(expected) + " arguments: the time column and " +
             (name == "HOP" ? "the slide and size intervals" : "an interval"),
         expression.span);
  }
  const auto* time = call->arguments[0].As<ast::ColumnReference>();
  if (time == nullptr) {
    Fail(name + "'s first argument must be the event-time column", call->arguments[0].span);
  }
  CheckTimeColumn(time->name.value, source, call->arguments[0].span);
  FlinkWindow window;
  if (name == "TUMBLE") {
    window.spec =
        window::WindowSpec::Tumbling(IntervalMillis(call->arguments[1], "TUMBLE"), Grace(source));
  } else if (name == "HOP") {
    window.spec = window::WindowSpec::Hopping(IntervalMillis(call->arguments[2], "HOP"),
                                              IntervalMillis(call->arguments[1], "HOP"),
                                              Grace(source));
  } else {
    window.spec =
        window::WindowSpec::Session(IntervalMillis(call->arguments[1], "SESSION"), Grace(source));
  }
  window.starts.push_back(Call(name + "_START", call->arguments));
  window.ends.push_back(Call(name + "_END", call->arguments));
  return window;
}

// FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), size)) | TABLE(HOP(..., slide, size)).
FlinkWindow FromTableFunction(const ast::WindowTableFunction& function,
                              const SourceDescription& source) {
  CheckTimeColumn(function.time_column.value, source, function.time_column.span);
  FlinkWindow window;
  switch (function.kind) {
    case ast::WindowFunctionKind::kTumble:
      if (function.arguments.size() != 1) {
        Fail("TUMBLE expects one INTERVAL after the DESCRIPTOR", function.span);
      }
      window.spec = window::WindowSpec::Tumbling(IntervalMillis(function.arguments[0], "TUMBLE"),
                                                 Grace(source));
      break;
    case ast::WindowFunctionKind::kHop:
      if (function.arguments.size() != 2) {
        Fail("HOP expects the slide and the size INTERVALs after the DESCRIPTOR", function.span);
      }
      window.spec = window::WindowSpec::Hopping(IntervalMillis(function.arguments[1], "HOP"),
                                                IntervalMillis(function.arguments[0], "HOP"),
                                                Grace(source));
      break;
    case ast::WindowFunctionKind::kSession:
      if (function.arguments.size() != 1) {
        Fail("SESSION expects the gap INTERVAL after the DESCRIPTOR", function.span);
      }
      window.spec = window::WindowSpec::Session(IntervalMillis(function.arguments[0], "SESSION"),
                                                Grace(source));
      break;
    case ast::WindowFunctionKind::kCumulate:
      Fail("CUMULATE windows are not supported yet; use TUMBLE, HOP or SESSION", function.span);
  }
  window.starts.push_back(ColumnNamed("WINDOW_START"));
  window.ends.push_back(ColumnNamed("WINDOW_END"));
  return window;
}

bool IsAny(const ast::Expression& expression, const std::vector<ast::Expression>& candidates) {
  return std::find(candidates.begin(), candidates.end(), expression) != candidates.end();
}

}  // namespace

std::optional<FlinkWindow> ExtractFlinkWindow(const ast::Query& query,
                                              const SourceDescription& source,
                                              std::vector<ast::Expression>& group_by) {
  std::optional<FlinkWindow> found;
  if (query.from.window_function.has_value()) {
    found = FromTableFunction(*query.from.window_function, source);
    std::erase_if(group_by, [&](const ast::Expression& expression) {
      return IsAny(expression, found->starts) || IsAny(expression, found->ends);
    });
  }
  for (auto it = group_by.begin(); it != group_by.end();) {
    std::optional<FlinkWindow> window = FromGroupWindow(*it, source);
    if (!window.has_value()) {
      ++it;
      continue;
    }
    if (found.has_value() || query.window.has_value()) {
      Fail("A query can have only one window", it->span);
    }
    found = std::move(window);
    it = group_by.erase(it);
  }
  return found;
}

}  // namespace fluxo::planner
