#include "parser/ast/duration.h"

namespace fluxo::ast {

std::string_view TimeUnitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMillisecond:
      return "MILLISECOND";
    case TimeUnit::kMilliseconds:
      return "MILLISECONDS";
    case TimeUnit::kSecond:
      return "SECOND";
    case TimeUnit::kSeconds:
      return "SECONDS";
    case TimeUnit::kMinute:
      return "MINUTE";
    case TimeUnit::kMinutes:
      return "MINUTES";
    case TimeUnit::kHour:
      return "HOUR";
    case TimeUnit::kHours:
      return "HOURS";
    case TimeUnit::kDay:
      return "DAY";
    case TimeUnit::kDays:
      return "DAYS";
  }
  return "MILLISECONDS";
}

int64_t TimeUnitMillis(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMillisecond:
    case TimeUnit::kMilliseconds:
      return 1;
    case TimeUnit::kSecond:
    case TimeUnit::kSeconds:
      return 1000;
    case TimeUnit::kMinute:
    case TimeUnit::kMinutes:
      return int64_t{60} * 1000;
    case TimeUnit::kHour:
    case TimeUnit::kHours:
      return int64_t{60} * 60 * 1000;
    case TimeUnit::kDay:
    case TimeUnit::kDays:
      return int64_t{24} * 60 * 60 * 1000;
  }
  return 1;
}

}  // namespace fluxo::ast
