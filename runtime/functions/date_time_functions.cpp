#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "runtime/core/error.h"
#include "runtime/functions/builtin_functions.h"
#include "runtime/functions/function_signature.h"
#include "runtime/functions/java_date_format.h"

namespace fluxo::functions {

namespace {

constexpr const char* kCategory = "DATE / TIME";
constexpr int64_t kMillisPerDay = 86'400'000;
constexpr size_t kCachedFormats = 64;

/// Compiles a pattern once per thread (patterns are almost always literals).
const JavaDateTimeFormat& FormatFor(const std::string& pattern) {
  thread_local std::map<std::string, std::unique_ptr<JavaDateTimeFormat>> cache;
  auto found = cache.find(pattern);
  if (found == cache.end()) {
    auto format = std::make_unique<JavaDateTimeFormat>(pattern);
    if (cache.size() >= kCachedFormats) {
      cache.clear();
    }
    found = cache.emplace(pattern, std::move(format)).first;
  }
  return *found->second;
}

int64_t FloorDivide(int64_t value, int64_t divisor) {
  const int64_t quotient = value / divisor;
  return quotient * divisor > value ? quotient - 1 : quotient;
}

DateTimeFields FieldsOfTimestamp(int64_t millis, int offset_seconds) {
  const int64_t local = millis + int64_t{offset_seconds} * 1000;
  const int64_t days = FloorDivide(local, kMillisPerDay);
  const int64_t of_day = local - days * kMillisPerDay;
  DateTimeFields fields = CivilFromDays(days);
  fields.hour = static_cast<int>(of_day / 3'600'000);
  fields.minute = static_cast<int>(of_day / 60'000 % 60);
  fields.second = static_cast<int>(of_day / 1000 % 60);
  fields.nano = static_cast<int>(of_day % 1000 * 1'000'000);
  fields.offset_seconds = offset_seconds;
  return fields;
}

int64_t MillisOfDay(const DateTimeFields& fields) {
  return ((int64_t{fields.hour} * 60 + fields.minute) * 60 + fields.second) * 1000 +
         fields.nano / 1'000'000;
}

/// Runs `parse`, turning its errors into ksqlDB's "Failed to parse <what> ..." message.
template <typename Parse>
Value Parsing(const char* what, const ValueList& args, Parse parse) {
  try {
    return parse(FormatFor(args[1].AsString()));
  } catch (const Error& error) {
    throw Error(ErrorKind::kExecution,
                std::string("Failed to parse ") + what + " '" + args[0].AsString() +
                    "' with formatter '" + args[1].AsString() + "': " + error.message());
  }
}

/// ksqlDB's PARSE_DATE reads with commons-lang's FastDateFormat, which stops where the pattern
/// ends: PARSE_DATE('2003-12-24-01-01', 'yyyy-MM-dd') is 2003-12-24.
Value ParseDate(const ValueList& args) {
  return Parsing("date", args, [&](const JavaDateTimeFormat& format) {
    if (format.HasTimeFields()) {
      throw Error(ErrorKind::kExecution, "Date format contains time field.");
    }
    const ParsedDateTime parsed = format.Parse(args[0].AsString(), true, TrailingText::kIgnore);
    if (!parsed.has_date) {
      throw Error(ErrorKind::kExecution, "Unable to obtain a date from the text");
    }
    const DateTimeFields& f = parsed.fields;
    return Value::Int32(static_cast<int32_t>(DaysFromCivil(f.year, f.month, f.day)));
  });
}

Value ParseTime(const ValueList& args) {
  return Parsing("time", args, [&](const JavaDateTimeFormat& format) {
    if (format.HasDateFields()) {
      throw Error(ErrorKind::kExecution, "Time format contains date field.");
    }
    const ParsedDateTime parsed = format.Parse(args[0].AsString(), true);
    if (!parsed.has_time) {
      throw Error(ErrorKind::kExecution, "Unable to obtain a time from the text");
    }
    return Value::Int32(static_cast<int32_t>(MillisOfDay(parsed.fields)));
  });
}

/// PARSE_TIMESTAMP and STRINGTOTIMESTAMP: fields missing from the text default to
/// 1970-01-01T00:00; the offset in the text wins over the zone argument (default UTC).
int64_t ParseTimestampMillis(const ValueList& args) {
  return Parsing("timestamp",
                 args,
                 [&](const JavaDateTimeFormat& format) {
                   const ParsedDateTime parsed = format.Parse(args[0].AsString(), false);
                   const int offset = parsed.has_offset ? parsed.fields.offset_seconds
                                      : args.size() > 2 ? ZoneOffsetSeconds(args[2].AsString())
                                                        : 0;
                   const DateTimeFields& f = parsed.fields;
                   return Value::Int64(DaysFromCivil(f.year, f.month, f.day) * kMillisPerDay +
                                       MillisOfDay(f) - int64_t{offset} * 1000);
                 })
      .AsInt64();
}

std::string FormatTimestamp(const ValueList& args) {
  const int offset = args.size() > 2 ? ZoneOffsetSeconds(args[2].AsString()) : 0;
  return FormatFor(args[1].AsString()).Format(FieldsOfTimestamp(args[0].AsInt64(), offset));
}

std::string FormatDate(const ValueList& args) {
  const JavaDateTimeFormat& format = FormatFor(args[1].AsString());
  if (format.HasTimeFields()) {
    throw Error(ErrorKind::kExecution, "Unsupported field: HourOfDay");
  }
  return format.Format(CivilFromDays(args[0].AsInt32()));
}

std::string FormatTime(const ValueList& args) {
  const JavaDateTimeFormat& format = FormatFor(args[1].AsString());
  if (format.HasDateFields()) {
    throw Error(ErrorKind::kExecution, "Unsupported field: YearOfEra");
  }
  return format.Format(FieldsOfTimestamp(args[0].AsInt32(), 0));
}

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void AddParseAndFormat(FunctionRegistry& registry) {
  registry.Add(
      {"PARSE_DATE",
       kCategory,
       "Converts a string in a java.time.format.DateTimeFormatter pattern to a DATE.",
       {}},
      {MakeOverload("PARSE_DATE(STRING formattedDate, STRING formatPattern) -> DATE", ParseDate)});
  registry.Add(
      {"FORMAT_DATE", kCategory, "Converts a DATE to a string in the given pattern.", {}},
      {MakeOverload("FORMAT_DATE(DATE date, STRING formatPattern) -> STRING",
                    [](const ValueList& args) { return Value::String(FormatDate(args)); })});
  registry.Add(
      {"PARSE_TIME", kCategory, "Converts a string in the given pattern to a TIME.", {}},
      {MakeOverload("PARSE_TIME(STRING formattedTime, STRING formatPattern) -> TIME", ParseTime)});
  registry.Add(
      {"FORMAT_TIME", kCategory, "Converts a TIME to a string in the given pattern.", {}},
      {MakeOverload("FORMAT_TIME(TIME time, STRING formatPattern) -> STRING",
                    [](const ValueList& args) { return Value::String(FormatTime(args)); })});
  const auto parse_timestamp = [](const ValueList& args) {
    return Value::Int64(ParseTimestampMillis(args));
  };
  const auto format_timestamp = [](const ValueList& args) {
    return Value::String(FormatTimestamp(args));
  };
  registry.Add(
      {"PARSE_TIMESTAMP",
       kCategory,
       "Converts a string in the given pattern to a TIMESTAMP, in a time zone (default UTC) "
       "unless the text has an offset.",
       {}},
      {
          MakeOverload("PARSE_TIMESTAMP(STRING formattedTimestamp, STRING formatPattern) -> "
                       "TIMESTAMP",
                       parse_timestamp),
          MakeOverload("PARSE_TIMESTAMP(STRING formattedTimestamp, STRING formatPattern, STRING "
                       "timeZone) -> TIMESTAMP",
                       parse_timestamp),
      });
  registry.Add(
      {"FORMAT_TIMESTAMP",
       kCategory,
       "Converts a TIMESTAMP to a string in the given pattern and time zone (default UTC).",
       {}},
      {
          MakeOverload("FORMAT_TIMESTAMP(TIMESTAMP timestamp, STRING formatPattern) -> STRING",
                       format_timestamp),
          MakeOverload("FORMAT_TIMESTAMP(TIMESTAMP timestamp, STRING formatPattern, STRING "
                       "timeZone) -> STRING",
                       format_timestamp),
      });
  registry.Add(
      {"STRINGTOTIMESTAMP",
       kCategory,
       "Converts a string in the given pattern to milliseconds since the epoch.",
       {}},
      {
          MakeOverload("STRINGTOTIMESTAMP(STRING formattedTimestamp, STRING formatPattern) -> "
                       "BIGINT",
                       parse_timestamp),
          MakeOverload("STRINGTOTIMESTAMP(STRING formattedTimestamp, STRING formatPattern, "
                       "STRING timeZone) -> BIGINT",
                       parse_timestamp),
      });
  registry.Add(
      {"TIMESTAMPTOSTRING",
       kCategory,
       "Converts milliseconds since the epoch to a string in the given pattern.",
       {}},
      {
          MakeOverload("TIMESTAMPTOSTRING(BIGINT epochMilli, STRING formatPattern) -> STRING",
                       format_timestamp),
          MakeOverload("TIMESTAMPTOSTRING(BIGINT epochMilli, STRING formatPattern, STRING "
                       "timeZone) -> STRING",
                       format_timestamp),
      });
  registry.Add(
      {"STRINGTODATE",
       kCategory,
       "Converts a string in the given pattern to days since the epoch.",
       {}},
      {MakeOverload("STRINGTODATE(STRING formattedDate, STRING formatPattern) -> INT", ParseDate)});
  registry.Add(
      {"DATETOSTRING",
       kCategory,
       "Converts days since the epoch to a string in the given pattern.",
       {}},
      {MakeOverload("DATETOSTRING(INT epochDays, STRING formatPattern) -> STRING",
                    [](const ValueList& args) { return Value::String(FormatDate(args)); })});
}

}  // namespace

void RegisterDateTimeFunctions(FunctionRegistry& registry) {
  AddParseAndFormat(registry);
  registry.Add(
      {"UNIX_TIMESTAMP",
       kCategory,
       "Returns a TIMESTAMP, or the current time, as milliseconds since the epoch.",
       {}},
      {
          MakeOverload("UNIX_TIMESTAMP() -> BIGINT",
                       [](const ValueList&) { return Value::Int64(NowMillis()); }),
          MakeOverload("UNIX_TIMESTAMP(TIMESTAMP timestamp) -> BIGINT",
                       [](const ValueList& args) { return Value::Int64(args[0].AsInt64()); }),
      });
  registry.Add(
      {"UNIX_DATE", kCategory, "Returns a DATE, or today, as days since the epoch.", {}},
      {
          MakeOverload("UNIX_DATE() -> INT",
                       [](const ValueList&) {
                         return Value::Int32(
                             static_cast<int32_t>(FloorDivide(NowMillis(), kMillisPerDay)));
                       }),
          MakeOverload("UNIX_DATE(DATE date) -> INT",
                       [](const ValueList& args) { return Value::Int32(args[0].AsInt32()); }),
      });
  registry.Add(
      {"FROM_UNIXTIME", kCategory, "Converts milliseconds since the epoch to a TIMESTAMP.", {}},
      {MakeOverload("FROM_UNIXTIME(BIGINT epochMilli) -> TIMESTAMP",
                    [](const ValueList& args) { return args[0]; })});
  registry.Add(
      {"FROM_DAYS", kCategory, "Converts days since the epoch to a DATE.", {}},
      {MakeOverload("FROM_DAYS(INT days) -> DATE", [](const ValueList& args) { return args[0]; })});
}

}  // namespace fluxo::functions
