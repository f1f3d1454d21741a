#include "planner/binder/source_properties.h"

#include <cctype>
#include <string>

#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

std::string Upper(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

[[noreturn]] void Fail(const ast::Property& property, const std::string& message) {
  throw Error(ErrorKind::kPlanning, message, property.span);
}

std::string StringValue(const ast::Property& property) {
  if (const auto* text = property.value.As<ast::StringLiteral>()) {
    return text->value;
  }
  Fail(property, "Property " + property.name + " needs a string value in single quotes");
}

int32_t IntegerValue(const ast::Property& property) {
  if (const auto* number = property.value.As<ast::IntegerLiteral>()) {
    if (number->value >= 1 && number->value <= INT32_MAX) {
      return static_cast<int32_t>(number->value);
    }
  }
  Fail(property, "Property " + property.name + " needs a positive whole number");
}

bool BooleanValue(const ast::Property& property) {
  if (const auto* flag = property.value.As<ast::BooleanLiteral>()) {
    return flag->value;
  }
  if (const auto* text = property.value.As<ast::StringLiteral>()) {
    const std::string upper = Upper(text->value);
    if (upper == "TRUE" || upper == "FALSE") {
      return upper == "TRUE";
    }
  }
  Fail(property, "Property " + property.name + " needs TRUE or FALSE");
}

FormatKind FormatValue(const ast::Property& property) {
  const std::string name = Upper(StringValue(property));
  if (name == "JSON") {
    return FormatKind::kJson;
  }
  if (name == "DELIMITED" || name == "CSV") {
    return FormatKind::kDelimited;
  }
  if (name == "KAFKA" || name == "RAW") {
    return FormatKind::kKafka;
  }
  if (name == "NONE") {
    return FormatKind::kNone;
  }
  if (name == "AVRO" || name == "PROTOBUF" || name == "PROTOBUF_NOSR" || name == "JSON_SR") {
    Fail(property,
         "Format " + name +
             " needs a schema registry, which Fluxo does not support yet: use JSON, "
             "DELIMITED, KAFKA or NONE");
  }
  Fail(property, "Unknown format: " + name + " (expected JSON, DELIMITED, KAFKA or NONE)");
}

char DelimiterValue(const ast::Property& property) {
  const std::string text = StringValue(property);
  const std::string upper = Upper(text);
  if (upper == "SPACE") {
    return ' ';
  }
  if (upper == "TAB") {
    return '\t';
  }
  const std::string prefix =
      "Failed to prepare statement: Configuration " + Upper(property.name) + " is invalid: ";
  if (text.empty() || text == " " || text == "\t") {
    Fail(property,
         prefix +
             "Delimiter cannot be empty, if you meant to have a tab or space for "
             "delimiter, please use the special values 'TAB' or 'SPACE'\nExample valid value: "
             "';'");
  }
  if (text.size() != 1) {
    Fail(property,
         prefix + "Invalid delimiter value: '" + text +
             "'. Delimiter must be a single character or TAB,SPACE\nExample valid value: ';'");
  }
  return text[0];
}

WindowType WindowTypeValue(const ast::Property& property) {
  const std::string name = Upper(StringValue(property));
  if (name == "TUMBLING") {
    return WindowType::kTumbling;
  }
  if (name == "HOPPING") {
    return WindowType::kHopping;
  }
  if (name == "SESSION") {
    return WindowType::kSession;
  }
  Fail(property, "Unknown WINDOW_TYPE " + name + " (expected TUMBLING, HOPPING or SESSION)");
}

// WINDOW_SIZE is written like '10 SECONDS'.
int64_t WindowSizeValue(const ast::Property& property) {
  const std::string text = Upper(StringValue(property));
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])) != 0) {
    ++digits;
  }
  const size_t unit_start = text.find_first_not_of(' ', digits);
  if (digits == 0 || unit_start == std::string::npos) {
    Fail(property, "Invalid WINDOW_SIZE '" + text + "': expected a size such as '10 SECONDS'");
  }
  std::string unit = text.substr(unit_start);
  if (!unit.empty() && unit.back() == 'S') {
    unit.pop_back();
  }
  const int64_t amount = std::stoll(text.substr(0, digits));
  if (unit == "MILLISECOND") {
    return amount;
  }
  if (unit == "SECOND") {
    return amount * 1000;
  }
  if (unit == "MINUTE") {
    return amount * 60 * 1000;
  }
  if (unit == "HOUR") {
    return amount * 60 * 60 * 1000;
  }
  if (unit == "DAY") {
    return amount * 24 * 60 * 60 * 1000;
  }
  Fail(property, "Invalid WINDOW_SIZE '" + text + "': unknown unit " + unit);
}

// TIMESTAMP names a column: upper-cased unless back-quoted, like an identifier.
std::string ColumnNameValue(const ast::Property& property) {
  const std::string text = StringValue(property);
  if (text.size() >= 2 && text.front() == '`' && text.back() == '`') {
    return text.substr(1, text.size() - 2);
  }
  return Upper(text);
}

}  // namespace

SourceProperties BindSourceProperties(const std::vector<ast::Property>& properties) {
  SourceProperties bound;
  std::optional<FormatKind> both_formats;
  SourceSpan delimiter_span;
  for (const ast::Property& property : properties) {
    const std::string name = Upper(property.name);
    if (name == "KAFKA_TOPIC" || name == "TOPIC") {
      bound.topic = StringValue(property);
    } else if (name == "VALUE_FORMAT" || name == "VALUE.FORMAT") {
      bound.value_format = FormatValue(property);
    } else if (name == "KEY_FORMAT" || name == "KEY.FORMAT") {
      bound.key_format = FormatValue(property);
    } else if (name == "FORMAT") {
      both_formats = FormatValue(property);
    } else if (name == "KEY_DELIMITER") {
      bound.key_delimiter = DelimiterValue(property);
      delimiter_span = property.span;
    } else if (name == "VALUE_DELIMITER") {
      bound.value_delimiter = DelimiterValue(property);
      delimiter_span = property.span;
    } else if (name == "WRAP_SINGLE_VALUE") {
      bound.wrap_single_value = BooleanValue(property);
    } else if (name == "PARTITIONS") {
      bound.partitions = IntegerValue(property);
    } else if (name == "REPLICAS") {
      bound.replicas = IntegerValue(property);
    } else if (name == "TIMESTAMP") {
      bound.timestamp_column = ColumnNameValue(property);
    } else if (name == "TIMESTAMP_FORMAT") {
      bound.timestamp_format = StringValue(property);
    } else if (name == "WINDOW_TYPE") {
      WindowInfo window = bound.window.value_or(WindowInfo{});
      window.type = WindowTypeValue(property);
      bound.window = window;
    } else if (name == "WINDOW_SIZE") {
      WindowInfo window = bound.window.value_or(WindowInfo{});
      window.size_ms = WindowSizeValue(property);
      bound.window = window;
    } else if (name == "CONNECTOR") {
      if (Upper(StringValue(property)) != "KAFKA") {
        Fail(property, "Only the 'kafka' connector is supported");
      }
      bound.flink_connector = true;
    } else if (name == "SCAN.STARTUP.MODE") {
      const std::string mode = StringValue(property);
      if (mode != "earliest-offset" && mode != "latest-offset" && mode != "group-offsets") {
        Fail(property,
             "Unsupported 'scan.startup.mode' '" + mode +
                 "': Fluxo supports 'earliest-offset', 'latest-offset' and 'group-offsets' (where "
                 "auto.offset.reset decides)");
      }
      bound.startup_mode = mode;
    } else if (name == "PROPERTIES.BOOTSTRAP.SERVERS" || name == "PROPERTIES.GROUP.ID") {
      bound.notices.push_back("'" + property.name +
                              "' is ignored: Fluxo uses its own bootstrap.servers and group ids");
    } else {
      Fail(property, "Unknown property: " + property.name);
    }
  }
  const auto rejects_delimiter = [](const std::optional<FormatKind>& format) {
    return format.has_value() && *format != FormatKind::kDelimited;
  };
  if ((bound.value_delimiter.has_value() &&
       (rejects_delimiter(bound.value_format) || rejects_delimiter(both_formats))) ||
      (bound.key_delimiter.has_value() &&
       (rejects_delimiter(bound.key_format) || rejects_delimiter(both_formats)))) {
    const FormatKind format = bound.value_format.value_or(both_formats.value_or(FormatKind::kJson));
    throw Error(ErrorKind::kPlanning,
                std::string(format == FormatKind::kJson ? "JSON" : "KAFKA") +
                    " does not support the following configs: [delimiter]",
                delimiter_span);
  }
  if (bound.window.has_value() && bound.window->type == WindowType::kSession &&
      bound.window->size_ms.has_value()) {
    // A malformed WITH clause, which ksqlDB rejects while parsing.
    throw Error(ErrorKind::kSyntax, "'WINDOW_SIZE' should not be set for SESSION windows.");
  }
  if (both_formats.has_value()) {
    if (bound.key_format.has_value() || bound.value_format.has_value()) {
      throw Error(ErrorKind::kPlanning,
                  "Cannot supply both 'FORMAT' and 'KEY_FORMAT' or 'VALUE_FORMAT' properties, as "
                  "'FORMAT' sets both. Use only 'KEY_FORMAT' and 'VALUE_FORMAT'.");
    }
    bound.value_format = both_formats;
    // Flink's 'format' is the value format; its keys stay KAFKA unless 'key.format' says so.
    if (!bound.flink_connector) {
      bound.key_format = both_formats;
    }
  }
  return bound;
}

}  // namespace fluxo::planner
