#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/functions/builtin_functions.h"
#include "runtime/functions/function_signature.h"
#include "runtime/functions/java_text.h"

namespace fluxo::functions {

namespace {

constexpr const char* kCategory = "STRING";

/// ksqlDB's 1-based start position: negative counts from the end, 0 means the start.
size_t StartIndex(size_t length, int32_t position) {
  const auto size = static_cast<int64_t>(length);
  const int64_t start = position < 0 ? std::max<int64_t>(size + position, 0)
                                     : std::max<int64_t>(std::min<int64_t>(position - 1, size), 0);
  return static_cast<size_t>(start);
}

size_t EndIndex(size_t length, size_t start, int32_t count) {
  const int64_t end =
      std::min<int64_t>(static_cast<int64_t>(start) + count, static_cast<int64_t>(length));
  return static_cast<size_t>(std::max<int64_t>(end, static_cast<int64_t>(start)));
}

/// SUBSTRING over a sequence of code units (UTF-16 for STRING, bytes for BYTES).
template <typename Text>
Text Substring(const Text& text, int32_t position, const Value* length) {
  const size_t start = StartIndex(text.size(), position);
  const size_t end = length ? EndIndex(text.size(), start, length->AsInt32()) : text.size();
  return text.substr(start, end - start);
}

/// Pads `input` to `length` units with repetitions of `padding`, on the left or the right,
/// truncating an input that is longer; ksqlDB's LPAD and RPAD.
template <typename Text>
Text Pad(const Text& input, int32_t length, const Text& padding, bool left) {
  const auto target = static_cast<size_t>(length);
  const size_t fill = target > input.size() ? target - input.size() : 0;
  Text pad;
  while (pad.size() < fill) {
    pad += padding;
  }
  pad.resize(fill);
  Text padded = left ? pad + input : input + pad;
  padded.resize(std::min(padded.size(), target));
  return padded;
}

Value PadValue(const ValueList& args, bool left, bool bytes) {
  const std::string& padding = args[2].AsString();
  const int32_t length = args[1].AsInt32();
  if (padding.empty() || length < 0) {
    return Value::Null();
  }
  if (bytes) {
    return Value::String(Pad(args[0].AsString(), length, padding, left));
  }
  return Value::String(ToUtf8(Pad(ToUtf16(args[0].AsString()), length, ToUtf16(padding), left)));
}

Value Concat(const ValueList& args) {
  std::string out;
  for (const Value& arg : args) {
    if (!arg.IsNull()) {
      out += arg.AsString();
    }
  }
  return Value::String(std::move(out));
}

Value ConcatWithSeparator(const ValueList& args) {
  if (args.size() < 2) {
    throw Error(ErrorKind::kExecution, "Function Concat_WS expects at least two input arguments.");
  }
  if (args[0].IsNull()) {
    return Value::Null();
  }
  std::string out;
  bool first = true;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i].IsNull()) {
      continue;
    }
    out += first ? "" : args[0].AsString();
    out += args[i].AsString();
    first = false;
  }
  return Value::String(std::move(out));
}

/// INITCAP: the string in lower case, then each word (a run of non-whitespace) with its first
/// character in upper case; whitespace before the first word is dropped, as ksqlDB's regular
/// expression "[^\s]+\s*" does.
std::string InitCap(const std::string& text) {
  const std::u32string lower = ToCodePoints(JavaLowerCase(text));
  std::u32string out;
  bool word_start = true;
  size_t i = 0;
  while (i < lower.size() && IsJavaWhitespace(lower[i])) {
    ++i;
  }
  for (; i < lower.size(); ++i) {
    const char32_t c = lower[i];
    if (IsJavaWhitespace(c)) {
      word_start = true;
      out.push_back(c);
    } else if (word_start) {
      out += ToCodePoints(JavaUpperCase(FromCodePoints(std::u32string(1, c))));
      word_start = false;
    } else {
      out.push_back(c);
    }
  }
  return FromCodePoints(out);
}

std::string JavaTrim(const std::string& text) {
  // Every character trim() removes is a single byte in UTF-8, so bytes can be trimmed.
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && IsJavaTrimmed(static_cast<unsigned char>(text[begin]))) {
    ++begin;
  }
  while (end > begin && IsJavaTrimmed(static_cast<unsigned char>(text[end - 1]))) {
    --end;
  }
  return text.substr(begin, end - begin);
}

void AddSubstringAndPadding(FunctionRegistry& registry) {
  registry.Add(
      {"SUBSTRING",
       kCategory,
       "Returns the part of a string or bytes value from a 1-based position (negative counts "
       "from the end), to the end or for a given length.",
       {}},
      {
          MakeOverload("SUBSTRING(STRING str, INT pos) -> STRING",
                       [](const ValueList& args) {
                         return Value::String(ToUtf8(
                             Substring(ToUtf16(args[0].AsString()), args[1].AsInt32(), nullptr)));
                       }),
          MakeOverload("SUBSTRING(STRING str, INT pos, INT len) -> STRING",
                       [](const ValueList& args) {
                         return Value::String(ToUtf8(
                             Substring(ToUtf16(args[0].AsString()), args[1].AsInt32(), &args[2])));
                       }),
          MakeOverload("SUBSTRING(BYTES bytes, INT pos) -> BYTES",
                       [](const ValueList& args) {
                         return Value::String(
                             Substring(args[0].AsString(), args[1].AsInt32(), nullptr));
                       }),
          MakeOverload("SUBSTRING(BYTES bytes, INT pos, INT len) -> BYTES",
                       [](const ValueList& args) {
                         return Value::String(
                             Substring(args[0].AsString(), args[1].AsInt32(), &args[2]));
                       }),
      });
  for (const bool left : {true, false}) {
    const std::string name = left ? "LPAD" : "RPAD";
    registry.Add(
        {name,
         kCategory,
         std::string("Pads a string or bytes value at the ") + (left ? "start" : "end") +
             " with a padding string to the target length, truncating longer input; NULL "
             "for an empty padding or a negative length.",
         {}},
        {
            MakeOverload(name + "(STRING input, INT length, STRING padding) -> STRING",
                         [left](const ValueList& args) { return PadValue(args, left, false); }),
            MakeOverload(name + "(BYTES input, INT length, BYTES padding) -> BYTES",
                         [left](const ValueList& args) { return PadValue(args, left, true); }),
        });
  }
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& registry) {
  registry.Add(
      {"CONCAT", kCategory, "Concatenates strings or bytes values, skipping NULLs.", {}},
      {
          MakeOverload(
              "CONCAT(STRING... values) -> STRING", Concat, NullPolicy::kCalledOnNullInput),
          MakeOverload("CONCAT(BYTES... values) -> BYTES", Concat, NullPolicy::kCalledOnNullInput),
      });
  registry.Add({"CONCAT_WS",
                kCategory,
                "Concatenates strings or bytes values with the separator given first between "
                "them, skipping NULL values; NULL when the separator is NULL.",
                {}},
               {
                   MakeOverload("CONCAT_WS(STRING separator, STRING... values) -> STRING",
                                ConcatWithSeparator,
                                NullPolicy::kCalledOnNullInput),
                   MakeOverload("CONCAT_WS(BYTES separator, BYTES... values) -> BYTES",
                                ConcatWithSeparator,
                                NullPolicy::kCalledOnNullInput),
               });
  registry.Add({"UCASE", kCategory, "Converts a string to upper case.", {}},
               {MakeOverload("UCASE(STRING input) -> STRING", [](const ValueList& args) {
                 return Value::String(JavaUpperCase(args[0].AsString()));
               })});
  registry.Add({"LCASE", kCategory, "Converts a string to lower case.", {}},
               {MakeOverload("LCASE(STRING input) -> STRING", [](const ValueList& args) {
                 return Value::String(JavaLowerCase(args[0].AsString()));
               })});
  registry.Add({"INITCAP",
                kCategory,
                "Capitalizes the first letter of each whitespace-separated word and lower-cases "
                "the rest.",
                {}},
               {MakeOverload("INITCAP(STRING input) -> STRING", [](const ValueList& args) {
                 return Value::String(InitCap(args[0].AsString()));
               })});
  registry.Add({"TRIM",
                kCategory,
                "Removes whitespace and control characters from both ends of a string.",
                {}},
               {MakeOverload("TRIM(STRING input) -> STRING", [](const ValueList& args) {
                 return Value::String(JavaTrim(args[0].AsString()));
               })});
  registry.Add(
      {"LEN",
       kCategory,
       "Returns the length of a string in UTF-16 code units, or of bytes in bytes.",
       {}},
      {
          MakeOverload("LEN(STRING input) -> INT",
                       [](const ValueList& args) {
                         return Value::Int32(
                             static_cast<int32_t>(ToUtf16(args[0].AsString()).size()));
                       }),
          MakeOverload("LEN(BYTES input) -> INT",
                       [](const ValueList& args) {
                         return Value::Int32(static_cast<int32_t>(args[0].AsString().size()));
                       }),
      });
  AddSubstringAndPadding(registry);
}

}  // namespace fluxo::functions
