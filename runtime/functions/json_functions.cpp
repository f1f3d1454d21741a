#include <cctype>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/error.h"
#include "runtime/functions/builtin_functions.h"
#include "runtime/functions/function_signature.h"

namespace fluxo::functions {

namespace {

constexpr const char* kCategory = "JSON";

/// Keys keep their order, as Jackson's ObjectNode does when ksqlDB prints a node.
using Json = nlohmann::ordered_json;

Error InvalidPath(const std::string& path) {
  return Error(ErrorKind::kExecution, "Invalid JsonPath: " + path);
}

/// Splits a JSONPath such as $.log.cloud, $.items[0] or $['odd key'] into its field names and
/// array indexes.
std::vector<std::string> PathTokens(const std::string& path) {
  if (path.empty() || path[0] != '$') {
    throw InvalidPath(path);
  }
  std::vector<std::string> tokens;
  size_t i = 1;
  while (i < path.size()) {
    if (path[i] == '.') {
      const size_t start = ++i;
      while (i < path.size() && path[i] != '.' && path[i] != '[') {
        ++i;
      }
      if (i == start) {
        throw InvalidPath(path);
      }
      tokens.push_back(path.substr(start, i - start));
    } else if (path[i] == '[') {
      const char quote = i + 1 < path.size() ? path[i + 1] : '\0';
      if (quote == '\'' || quote == '"') {
        const size_t close = path.find(quote, i + 2);
        if (close == std::string::npos || close + 1 >= path.size() || path[close + 1] != ']') {
          throw InvalidPath(path);
        }
        tokens.push_back(path.substr(i + 2, close - i - 2));
        i = close + 2;
      } else {
        const size_t close = path.find(']', i);
        if (close == std::string::npos || close == i + 1) {
          throw InvalidPath(path);
        }
        tokens.push_back(path.substr(i + 1, close - i - 1));
        i = close + 1;
      }
    } else {
      throw InvalidPath(path);
    }
  }
  return tokens;
}

Json ParseJson(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error&) {
    throw Error(ErrorKind::kExecution, "Invalid JSON format:" + text);
  }
}

bool IsArrayIndex(const std::string& token) {
  if (token.empty() || token.size() > 9) {
    return false;
  }
  for (const char c : token) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
      return false;
    }
  }
  return true;
}

/// EXTRACTJSONFIELD: the text of a string node, the JSON text of any other node, NULL when
/// the path does not lead anywhere.
Value ExtractJsonField(const std::string& text, const std::string& path) {
  const std::vector<std::string> tokens = PathTokens(path);
  const Json document = ParseJson(text);
  const Json* node = &document;
  for (const std::string& token : tokens) {
    if (node->is_array()) {
      if (!IsArrayIndex(token) || std::stoul(token) >= node->size()) {
        return Value::Null();
      }
      node = &(*node)[std::stoul(token)];
    } else if (node->is_object() && node->contains(token)) {
      node = &(*node)[token];
    } else {
      return Value::Null();
    }
  }
  return Value::String(node->is_string() ? node->get<std::string>() : node->dump());
}

}  // namespace

void RegisterJsonFunctions(FunctionRegistry& registry) {
  registry.Add({"EXTRACTJSONFIELD",
                kCategory,
                "Returns the value at a JSONPath in a string of JSON, or NULL when the path "
                "does not exist.",
                {}},
               {MakeOverload("EXTRACTJSONFIELD(STRING json, STRING path) -> STRING",
                             [](const ValueList& args) {
                               return ExtractJsonField(args[0].AsString(), args[1].AsString());
                             })});
  registry.Add({"IS_JSON_STRING", kCategory, "Returns true when a string parses as JSON.", {}},
               {MakeOverload(
                   "IS_JSON_STRING(STRING json) -> BOOLEAN",
                   [](const ValueList& args) {
                     return Value::Boolean(!args[0].IsNull() && Json::accept(args[0].AsString()));
                   },
                   NullPolicy::kCalledOnNullInput)});
  registry.Add({"JSON_ARRAY_LENGTH",
                kCategory,
                "Returns the number of elements of a JSON array, or NULL for anything else.",
                {}},
               {MakeOverload("JSON_ARRAY_LENGTH(STRING json) -> INT", [](const ValueList& args) {
                 const Json document = ParseJson(args[0].AsString());
                 return document.is_array() ? Value::Int32(static_cast<int32_t>(document.size()))
                                            : Value::Null();
               })});
  registry.Add({"JSON_KEYS",
                kCategory,
                "Returns the keys of a JSON object as an array, or NULL for anything else.",
                {}},
               {MakeOverload("JSON_KEYS(STRING json) -> ARRAY<STRING>", [](const ValueList& args) {
                 const Json document = ParseJson(args[0].AsString());
                 if (!document.is_object()) {
                   return Value::Null();
                 }
                 ValueList keys;
                 for (const auto& item : document.items()) {
                   keys.push_back(Value::String(item.key()));
                 }
                 return Value::List(std::move(keys));
               })});
}

}  // namespace fluxo::functions
