#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/functions/builtin_functions.h"
#include "runtime/functions/function_signature.h"
#include "runtime/functions/java_regex.h"
#include "runtime/functions/java_text.h"

namespace fluxo::functions {

namespace {

constexpr const char* kStringCategory = "STRING";
constexpr const char* kRegexCategory = "REGULAR EXPRESSION";

/// Apache Commons' StringUtils.ordinalIndexOf: where the `ordinal`-th (overlapping)
/// occurrence of `search` starts, or -1.
int64_t OrdinalIndexOf(const std::u16string& text, const std::u16string& search, int32_t ordinal) {
  if (ordinal <= 0) {
    return -1;
  }
  if (search.empty()) {
    return 0;
  }
  size_t index = std::u16string::npos;
  for (int32_t found = 0; found < ordinal; ++found) {
    index = text.find(search, index == std::u16string::npos ? 0 : index + 1);
    if (index == std::u16string::npos) {
      return -1;
    }
  }
  return static_cast<int64_t>(index);
}

/// ksqlDB's INSTR, in UTF-16 code units: a negative position searches backwards from that
/// position counted from the end. NULL text or substring gives 0.
Value Instr(const ValueList& args) {
  if (args[0].IsNull() || args[1].IsNull()) {
    return Value::Int32(0);
  }
  if ((args.size() > 2 && args[2].IsNull()) || (args.size() > 3 && args[3].IsNull())) {
    return Value::Null();
  }
  std::u16string text = ToUtf16(args[0].AsString());
  std::u16string search = ToUtf16(args[1].AsString());
  const int64_t position = args.size() > 2 ? args[2].AsInt32() : 1;
  const int32_t occurrence = args.size() > 3 ? args[3].AsInt32() : 1;
  const auto length = static_cast<int64_t>(text.size());
  if (std::abs(position) > length) {
    return Value::Int32(0);
  }
  const bool reversed = position < 0;
  if (reversed) {
    std::reverse(text.begin(), text.end());
    std::reverse(search.begin(), search.end());
  }
  const int64_t from = reversed ? -position : position;
  // StringUtils.substring(text, from - 1): a negative start counts from the end.
  const int64_t start = from - 1 < 0 ? std::max<int64_t>(length + from - 1, 0) : from - 1;
  const int64_t index = OrdinalIndexOf(text.substr(static_cast<size_t>(start)), search, occurrence);
  if (index < 0) {
    return Value::Int32(0);
  }
  const int64_t result =
      reversed ? length - from - index - static_cast<int64_t>(search.size()) + 2 : index + from;
  return Value::Int32(static_cast<int32_t>(result));
}

/// Java's String.replace: every occurrence, left to right; an empty target inserts the
/// replacement around every UTF-16 code unit.
std::string Replace(const std::string& text, const std::string& target, const std::string& with) {
  if (target.empty()) {
    const std::u16string units = ToUtf16(text);
    const std::u16string replacement = ToUtf16(with);
    std::u16string out = replacement;
    for (const char16_t unit : units) {
      out += unit;
      out += replacement;
    }
    return ToUtf8(out);
  }
  std::string out;
  size_t from = 0;
  for (size_t at = text.find(target); at != std::string::npos; at = text.find(target, from)) {
    out.append(text, from, at - from).append(with);
    from = at + target.size();
  }
  return out.append(text, from, std::string::npos);
}

/// SPLIT on a literal delimiter (Guava's Splitter for a non-empty one); an empty delimiter
/// splits into characters (code points for STRING, bytes for BYTES).
Value Split(const std::string& text, const std::string& delimiter, bool bytes) {
  ValueList parts;
  if (text.empty()) {
    parts.push_back(Value::String(""));
  } else if (delimiter.empty()) {
    if (bytes) {
      for (const char byte : text) {
        parts.push_back(Value::String(std::string(1, byte)));
      }
    } else {
      for (const char32_t code_point : ToCodePoints(text)) {
        parts.push_back(Value::String(FromCodePoints(std::u32string(1, code_point))));
      }
    }
  } else {
    size_t from = 0;
    for (size_t at = text.find(delimiter); at != std::string::npos;
         at = text.find(delimiter, from)) {
      parts.push_back(Value::String(text.substr(from, at - from)));
      from = at + delimiter.size();
    }
    parts.push_back(Value::String(text.substr(from)));
  }
  return Value::List(std::move(parts));
}

/// REGEXP_SPLIT_TO_ARRAY: Guava's Splitter (every piece, empty ones too) for a pattern that
/// cannot match the empty string, Java's String.split otherwise (no leading piece for an
/// empty match at the start, trailing empty pieces removed).
Value RegexSplit(const std::string& text, const std::string& pattern) {
  const auto regex = CompileJavaRegex(pattern);
  const std::wstring wide = ToWide(text);
  const bool java_split = pattern.empty() || std::regex_match(std::wstring(), regex->regex);
  std::vector<std::wstring> parts;
  size_t index = 0;
  bool matched = false;
  for (std::wsregex_iterator it(wide.begin(), wide.end(), regex->regex), end; it != end; ++it) {
    const auto start = static_cast<size_t>(it->position());
    if (java_split && index == 0 && start == 0 && it->length() == 0) {
      continue;
    }
    parts.push_back(wide.substr(index, start - index));
    index = start + static_cast<size_t>(it->length());
    matched = true;
  }
  parts.push_back(matched ? wide.substr(index) : wide);
  if (java_split && matched) {
    while (!parts.empty() && parts.back().empty()) {
      parts.pop_back();
    }
  }
  ValueList values;
  for (const std::wstring& part : parts) {
    values.push_back(Value::String(FromWide(part)));
  }
  return Value::List(std::move(values));
}

Value RegexReplace(const ValueList& args) {
  const auto regex = CompileJavaRegex(args[1].AsString());
  const std::wstring format = ToRegexFormat(ToWide(args[2].AsString()), *regex);
  return Value::String(
      FromWide(std::regex_replace(ToWide(args[0].AsString()), regex->regex, format)));
}

/// REGEXP_EXTRACT(pattern, input[, group]): the first match (or one of its groups).
Value RegexExtract(const ValueList& args) {
  const auto regex = CompileJavaRegex(args[0].AsString());
  const int32_t group = args.size() > 2 ? args[2].AsInt32() : 0;
  if (group < 0 || static_cast<size_t>(group) > regex->regex.mark_count()) {
    throw Error(ErrorKind::kExecution,
                "No group " + std::to_string(group) + " in pattern " + regex->pattern);
  }
  const std::wstring wide = ToWide(args[1].AsString());
  std::wsmatch match;
  if (!std::regex_search(wide, match, regex->regex) || !match[group].matched) {
    return Value::Null();
  }
  return Value::String(FromWide(match[group].str()));
}

}  // namespace

void RegisterStringSearchFunctions(FunctionRegistry& registry) {
  registry.Add(
      {"INSTR",
       kStringCategory,
       "Returns the 1-based position of the given occurrence of a substring from a position "
       "(negative searches backwards from the end), or 0 when there is none.",
       {}},
      {
          MakeOverload(
              "INSTR(STRING str, STRING substring) -> INT", Instr, NullPolicy::kCalledOnNullInput),
          MakeOverload("INSTR(STRING str, STRING substring, INT position) -> INT",
                       Instr,
                       NullPolicy::kCalledOnNullInput),
          MakeOverload("INSTR(STRING str, STRING substring, INT position, INT occurrence) -> INT",
                       Instr,
                       NullPolicy::kCalledOnNullInput),
      });
  registry.Add({"REPLACE",
                kStringCategory,
                "Replaces every occurrence of a substring with another string.",
                {}},
               {MakeOverload("REPLACE(STRING str, STRING target, STRING replacement) -> STRING",
                             [](const ValueList& args) {
                               return Value::String(Replace(
                                   args[0].AsString(), args[1].AsString(), args[2].AsString()));
                             })});
  registry.Add(
      {"SPLIT",
       kStringCategory,
       "Splits a string or bytes value on a literal delimiter into an array, keeping empty "
       "parts; an empty delimiter splits into single characters or bytes.",
       {}},
      {
          MakeOverload("SPLIT(STRING str, STRING delimiter) -> ARRAY<STRING>",
                       [](const ValueList& args) {
                         return Split(args[0].AsString(), args[1].AsString(), false);
                       }),
          MakeOverload("SPLIT(BYTES bytes, BYTES delimiter) -> ARRAY<BYTES>",
                       [](const ValueList& args) {
                         return Split(args[0].AsString(), args[1].AsString(), true);
                       }),
      });
  registry.Add(
      {"REGEXP_REPLACE",
       kRegexCategory,
       "Replaces every match of a regular expression with a replacement that may refer "
       "to groups as $1.",
       {}},
      {MakeOverload("REGEXP_REPLACE(STRING str, STRING regexp, STRING replacement) -> STRING",
                    RegexReplace)});
  registry.Add({"REGEXP_SPLIT_TO_ARRAY",
                kRegexCategory,
                "Splits a string into an array on the matches of a regular expression.",
                {}},
               {MakeOverload("REGEXP_SPLIT_TO_ARRAY(STRING str, STRING regexp) -> ARRAY<STRING>",
                             [](const ValueList& args) {
                               return RegexSplit(args[0].AsString(), args[1].AsString());
                             })});
  registry.Add(
      {"REGEXP_EXTRACT",
       kRegexCategory,
       "Returns the first match of a regular expression in a string, or one of its "
       "groups; NULL when nothing matches.",
       {}},
      {
          MakeOverload("REGEXP_EXTRACT(STRING regexp, STRING str) -> STRING", RegexExtract),
          MakeOverload("REGEXP_EXTRACT(STRING regexp, STRING str, INT group) -> STRING",
                       RegexExtract),
      });
}

}  // namespace fluxo::functions
