#include "runtime/testing/qtt_comparison.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "runtime/serde/decimal_text.h"
#include "runtime/serde/java_number_text.h"

namespace fluxo::qtt {

namespace {

using Reason = std::optional<std::string>;

std::string Upper(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

Reason Differ(const std::string& path, const Json& expected, const Json& actual) {
  return (path.empty() ? std::string() : "at " + path + ": ") + "expected " + RenderJson(expected) +
         " but got " + RenderJson(actual);
}

bool Is(const SqlTypePtr& type, TypeKind kind) {
  return type && type->kind() == kind;
}

std::optional<serde::DecimalText> ParseNumber(const std::string& text) {
  std::optional<serde::DecimalText> decimal =
      serde::ParseDecimalText(text, serde::DecimalGrammar::kJava);
  if (decimal && decimal->digits == "0") {
    decimal->negative = false;  // BigDecimal has no negative zero.
  }
  return decimal;
}

/// Returns the integer part of a decimal literal as sign and digits (Java's longValue()
/// truncation, without its overflow).
std::optional<std::pair<bool, std::string>> TruncatedInteger(const std::string& text) {
  std::optional<serde::DecimalText> decimal = ParseNumber(text);
  if (!decimal) {
    return std::nullopt;
  }
  std::string digits = decimal->digits;
  if (decimal->scale > 0) {
    const auto drop = static_cast<size_t>(decimal->scale);
    digits = drop >= digits.size() ? "0" : digits.substr(0, digits.size() - drop);
  } else if (digits != "0") {
    digits.append(static_cast<size_t>(-decimal->scale), '0');
  }
  return std::make_pair(digits != "0" && decimal->negative, digits);
}

std::optional<double> AsDouble(const Json& json) {
  if (IsAnyNumber(json)) {
    return serde::ParseJavaDouble(NumberText(json));
  }
  return json.is_string() ? serde::ParseJavaDouble(json.get<std::string>()) : std::nullopt;
}

Reason MatchNumber(const std::string& path,
                   const Json& expected,
                   const Json& actual,
                   const SqlTypePtr& type) {
  if (!IsAnyNumber(actual)) {
    return Differ(path, expected, actual);
  }
  if (Is(type, TypeKind::kDouble)) {
    const std::optional<double> left = AsDouble(expected);
    const std::optional<double> right = AsDouble(actual);
    return left && right && DoublesMatch(*left, *right) ? Reason() : Differ(path, expected, actual);
  }
  if (!IsDecimalLiteral(actual)) {
    // An integer actual matches the expected number truncated (an upstream leniency).
    const auto left = TruncatedInteger(NumberText(expected));
    const auto right = TruncatedInteger(NumberText(actual));
    return left && right && *left == *right ? Reason() : Differ(path, expected, actual);
  }
  return DecimalLiteralsEqual(NumberText(expected), NumberText(actual))
             ? Reason()
             : Differ(path, expected, actual);
}

/// Returns the type of field `name` of a STRUCT (or the value type of a MAP).
SqlTypePtr MemberType(const SqlTypePtr& type, const std::string& name) {
  if (Is(type, TypeKind::kMap)) {
    return type->element();
  }
  if (!Is(type, TypeKind::kStruct)) {
    return nullptr;
  }
  int index = type->FieldIndex(name);
  if (index < 0) {
    index = type->FieldIndex(Upper(name));
  }
  return index < 0 ? nullptr : type->fields()[static_cast<size_t>(index)].type;
}

std::string MissingField(const std::string& path, const std::string& name, const Json& actual) {
  return (path.empty() ? "" : "at " + path + ": ") + "missing field " + name + " in " +
         RenderJson(actual);
}

std::string MemberPath(const std::string& path, const std::string& name) {
  return path + "." + name;
}

std::string RecordReason(const std::string& topic,
                         size_t index,
                         const std::string& reason,
                         const QttRecord& expected,
                         const ActualRecord& actual,
                         const std::string& counts) {
  return "topic " + topic + " record " + std::to_string(index) + " " + reason + " (expected " +
         DescribeExpected(expected) + "; actual " + DescribeActual(actual) + "; " + counts + ")";
}

Reason MatchAt(const std::string& path, const Json& expected, const Json& actual, SqlTypePtr type) {
  // A one-column STRUCT hint for a value that is not an object: an unwrapped single value.
  if (Is(type, TypeKind::kStruct) && type->fields().size() == 1 && !actual.is_object()) {
    type = type->fields()[0].type;
  }
  if (expected.is_null() || actual.is_null()) {
    return expected.is_null() && actual.is_null() ? Reason() : Differ(path, expected, actual);
  }
  if (expected.is_object()) {
    if (!actual.is_object() || actual.size() != expected.size()) {
      return Differ(path, expected, actual);
    }
    for (const auto& [name, member] : expected.items()) {
      auto found = actual.find(name);
      if (found == actual.end()) {
        found = actual.find(Upper(name));
      }
      if (found == actual.end()) {
        // Upstream looks fields up with Map.get, which gives null for a missing one: an
        // expected null matches a missing field (cast.json "of nulls" relies on it).
        if (member.is_null()) {
          continue;
        }
        return MissingField(path, name, actual);
      }
      if (Reason reason = MatchAt(MemberPath(path, name), member, *found, MemberType(type, name))) {
        return reason;
      }
    }
    return std::nullopt;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      return Differ(path, expected, actual);
    }
    const SqlTypePtr element = Is(type, TypeKind::kArray) ? type->element() : nullptr;
    for (size_t i = 0; i < expected.size(); ++i) {
      if (Reason reason =
              MatchAt(path + "[" + std::to_string(i) + "]", expected[i], actual[i], element)) {
        return reason;
      }
    }
    return std::nullopt;
  }
  if (expected.is_boolean()) {
    return actual.is_boolean() && actual.get<bool>() == expected.get<bool>()
               ? Reason()
               : Differ(path, expected, actual);
  }
  if (expected.is_string()) {
    if (actual.is_string()) {
      return actual.get<std::string>() == expected.get<std::string>()
                 ? Reason()
                 : Differ(path, expected, actual);
    }
    const bool decimal_actual =
        IsDecimalLiteral(actual) || (IsAnyNumber(actual) && Is(type, TypeKind::kDecimal));
    return decimal_actual && DecimalLiteralsEqual(expected.get<std::string>(), NumberText(actual))
               ? Reason()
               : Differ(path, expected, actual);
  }
  if (IsAnyNumber(expected)) {
    return MatchNumber(path, expected, actual, type);
  }
  return RenderJson(expected) == RenderJson(actual) ? Reason() : Differ(path, expected, actual);
}

/// Returns the text of an expected DELIMITED key or value.
std::string DelimitedText(const Json& json) {
  if (json.is_string()) {
    return json.get<std::string>();
  }
  return IsAnyNumber(json) ? NumberText(json) : RenderJson(json);
}

Reason MatchDelimited(const Json& expected, const DecodedSide& actual) {
  if (expected.is_null() || actual.json.is_null()) {
    return expected.is_null() && actual.json.is_null() ? Reason()
                                                       : Differ("", expected, actual.json);
  }
  const std::string left = DelimitedText(expected);
  const std::string right = DelimitedText(actual.json);
  if (left == right) {
    return std::nullopt;
  }
  const std::vector<std::string> left_fields = SplitDelimited(left, actual.delimiter);
  const std::vector<std::string> right_fields = SplitDelimited(right, actual.delimiter);
  if (left_fields.size() != right_fields.size()) {
    return Differ("", left, right);
  }
  for (size_t i = 0; i < left_fields.size(); ++i) {
    if (left_fields[i] == right_fields[i]) {
      continue;
    }
    const bool is_double =
        i < actual.column_types.size() && Is(actual.column_types[i], TypeKind::kDouble);
    const std::optional<double> l = serde::ParseJavaDouble(left_fields[i]);
    const std::optional<double> r = serde::ParseJavaDouble(right_fields[i]);
    if (!(is_double && l && r && DoublesMatch(*l, *r))) {
      return "at field " + std::to_string(i) + ": " + *Differ("", left, right);
    }
  }
  return std::nullopt;
}

std::string WindowText(const std::optional<QttWindow>& window) {
  if (!window) {
    return "none";
  }
  return "[" + std::to_string(window->start) + "," + std::to_string(window->end) + "," +
         window->type + "]";
}

}  // namespace

std::optional<std::string> MatchJson(const Json& expected,
                                     const Json& actual,
                                     const SqlTypePtr& type) {
  return MatchAt("", expected, actual, type);
}

std::optional<std::string> MatchSide(const Json& expected, const DecodedSide& actual) {
  if (!actual.error.empty()) {
    return actual.error;
  }
  if (actual.delimited) {
    return MatchDelimited(expected, actual);
  }
  return MatchAt("", expected, actual.json, actual.type);
}

std::optional<std::string> MatchRecord(const QttRecord& expected,
                                       const ActualRecord& actual,
                                       bool check_zero_timestamp) {
  if (expected.window != actual.window) {
    return "window: expected " + WindowText(expected.window) + " but got " +
           WindowText(actual.window);
  }
  if (Reason reason = MatchSide(expected.key, actual.key)) {
    return "key: " + *reason;
  }
  if (Reason reason = MatchSide(expected.value, actual.value)) {
    return "value: " + *reason;
  }
  if (expected.timestamp && (check_zero_timestamp || *expected.timestamp != 0) &&
      *expected.timestamp != actual.timestamp) {
    return "timestamp: expected " + std::to_string(*expected.timestamp) + " but got " +
           std::to_string(actual.timestamp);
  }
  const std::vector<QttHeader> no_headers;
  const std::vector<QttHeader>& headers = expected.headers ? *expected.headers : no_headers;
  if (headers.size() != actual.headers.size()) {
    return "headers: expected " + std::to_string(headers.size()) + " but got " +
           std::to_string(actual.headers.size());
  }
  for (size_t i = 0; i < headers.size(); ++i) {
    const std::optional<std::string> bytes =
        headers[i].value_base64 ? DecodeBase64Text(*headers[i].value_base64) : std::nullopt;
    if (headers[i].key != actual.headers[i].key || bytes != actual.headers[i].value) {
      return "header " + std::to_string(i) + ": expected " + headers[i].key + "=" +
             headers[i].value_base64.value_or("null") + " but got " + actual.headers[i].key + "=" +
             (actual.headers[i].value ? EncodeBase64(*actual.headers[i].value) : "null");
    }
  }
  return std::nullopt;
}

std::optional<std::string> MatchTopic(const std::string& topic,
                                      const std::vector<const QttRecord*>& expected,
                                      const std::vector<ActualRecord>& actual,
                                      bool check_zero_timestamp) {
  const std::string counts = std::to_string(expected.size()) + " records expected, " +
                             std::to_string(actual.size()) + " written";
  for (size_t i = 0; i < expected.size() && i < actual.size(); ++i) {
    if (Reason reason = MatchRecord(*expected[i], actual[i], check_zero_timestamp)) {
      return RecordReason(topic, i, *reason, *expected[i], actual[i], counts);
    }
  }
  if (expected.size() > actual.size()) {
    return "topic " + topic + ": " + counts + "; first missing record " +
           std::to_string(actual.size()) + ": " + DescribeExpected(*expected[actual.size()]);
  }
  if (actual.size() > expected.size()) {
    return "topic " + topic + ": " + counts + "; first extra record " +
           std::to_string(expected.size()) + ": " + DescribeActual(actual[expected.size()]);
  }
  return std::nullopt;
}

bool DecimalLiteralsEqual(const std::string& left, const std::string& right) {
  const std::optional<serde::DecimalText> l = ParseNumber(left);
  const std::optional<serde::DecimalText> r = ParseNumber(right);
  return l && r && l->negative == r->negative && l->digits == r->digits && l->scale == r->scale;
}

bool DoublesMatch(double expected, double actual) {
  if (expected == actual || (std::isnan(expected) && std::isnan(actual))) {
    return true;
  }
  const double difference = std::fabs(expected - actual);
  const double magnitude = std::max(std::fabs(expected), std::fabs(actual));
  return difference <= 1e-6 || difference <= 1e-12 * magnitude;
}

std::vector<std::string> SplitDelimited(const std::string& line, char delimiter) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == delimiter) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

std::string DescribeExpected(const QttRecord& record) {
  std::string text = "key=" + RenderJson(record.key) + " value=" + RenderJson(record.value);
  if (record.timestamp) {
    text += " timestamp=" + std::to_string(*record.timestamp);
  }
  return record.window ? text + " window=" + WindowText(record.window) : text;
}

std::string DescribeActual(const ActualRecord& record) {
  std::string text = "key=" + RenderJson(record.key.json) +
                     " value=" + RenderJson(record.value.json) +
                     " timestamp=" + std::to_string(record.timestamp);
  return record.window ? text + " window=" + WindowText(record.window) : text;
}

}  // namespace fluxo::qtt
