#include "runtime/testing/qtt_post_conditions.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <vector>

#include "runtime/serde/record_serde.h"

namespace fluxo::qtt {

namespace {

using Reason = std::optional<std::string>;

std::string Upper(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

/// Returns a format given as "JSON" or as {"format": "JSON", ...}, upper-cased.
std::string FormatOf(const Json& json) {
  if (json.is_string()) {
    return Upper(json.get<std::string>());
  }
  if (json.is_object() && json.contains("format") && json.at("format").is_string()) {
    return Upper(json.at("format").get<std::string>());
  }
  return "";
}

const char* WindowTypeName(planner::WindowType type) {
  switch (type) {
    case planner::WindowType::kTumbling:
      return "TUMBLING";
    case planner::WindowType::kHopping:
      return "HOPPING";
    case planner::WindowType::kSession:
      return "SESSION";
  }
  return "?";
}

Reason CheckKeyFormat(const Json& expected, const planner::SourceDescription& source) {
  const std::string format = FormatOf(expected);
  if (!format.empty() && format != serde::FormatName(source.key_format.kind)) {
    return "key format " + std::string(serde::FormatName(source.key_format.kind)) + ", expected " +
           format;
  }
  if (!expected.is_object()) {
    return std::nullopt;
  }
  const Json window_type = expected.value("windowType", Json(nullptr));
  if (window_type.is_null() != !source.window.has_value() ||
      (source.window &&
       Upper(window_type.get<std::string>()) != WindowTypeName(source.window->type))) {
    return "window type " +
           std::string(source.window ? WindowTypeName(source.window->type) : "none") +
           ", expected " + (window_type.is_null() ? "none" : window_type.get<std::string>());
  }
  const Json window_size = expected.value("windowSize", Json(nullptr));
  if (!window_size.is_null() && source.window &&
      NumberText(window_size) != std::to_string(source.window->size_ms.value_or(-1))) {
    return "window size " + std::to_string(source.window->size_ms.value_or(-1)) + ", expected " +
           NumberText(window_size);
  }
  return std::nullopt;
}

Reason CheckSource(const Json& expected, const planner::Catalog& catalog) {
  const std::string name = expected.value("name", std::string());
  const planner::SourceDescription* source = catalog.FindSource(name);
  if (source == nullptr) {
    source = catalog.FindSource(Upper(name));
  }
  if (source == nullptr) {
    return "source " + name + " does not exist";
  }
  const std::string prefix = "source " + name + ": ";
  const std::string type = Upper(expected.value("type", std::string()));
  if (!type.empty() && type != planner::SourceTypeName(source->type)) {
    return prefix + "is a " + planner::SourceTypeName(source->type) + ", expected a " + type;
  }
  if (expected.contains("schema") && expected.at("schema").is_string()) {
    const std::string want = NormalizeSchemaText(expected.at("schema").get<std::string>());
    const std::string have = DescribeSchema(*source);
    if (want != have) {
      return prefix + "schema " + have + ", expected " + want;
    }
  }
  if (expected.contains("keyFormat")) {
    if (Reason reason = CheckKeyFormat(expected.at("keyFormat"), *source)) {
      return prefix + *reason;
    }
  }
  if (expected.contains("valueFormat")) {
    const std::string format = FormatOf(expected.at("valueFormat"));
    if (!format.empty() && format != serde::FormatName(source->value_format.kind)) {
      return prefix + "value format " + serde::FormatName(source->value_format.kind) +
             ", expected " + format;
    }
  }
  return std::nullopt;
}

/// ksqlDB's internal topics (`_confluent-ksql-<service id>query_<id>-...`).
constexpr char kInternalTopicPrefix[] = "_confluent-ksql-";

Reason CheckTopics(const Json& expected, const runtime::TopicClient& topics) {
  if (expected.contains("blacklist") && expected.at("blacklist").is_string()) {
    const std::string pattern = expected.at("blacklist").get<std::string>();
    const std::regex blacklist(pattern);
    const std::vector<std::string> names = topics.ListTopics();
    const auto listed = std::find_if(names.begin(), names.end(), [&](const std::string& name) {
      return std::regex_match(name, blacklist);
    });
    if (listed != names.end()) {
      return "topic " + *listed + " matches the blacklist " + pattern;
    }
  }
  for (const Json& topic : expected.value("topics", Json::array())) {
    const std::string name = topic.value("name", std::string());
    if (name.rfind(kInternalTopicPrefix, 0) == 0) {
      continue;  // ksqlDB's repartition and changelog topics: informational (FORMAT.md §10).
    }
    if (!topics.TopicExists(name)) {
      return "topic " + name + " does not exist";
    }
    if (topic.contains("partitions") && IsAnyNumber(topic.at("partitions")) &&
        NumberText(topic.at("partitions")) != std::to_string(topics.PartitionCount(name))) {
      return "topic " + name + " has " + std::to_string(topics.PartitionCount(name)) +
             " partitions, expected " + NumberText(topic.at("partitions"));
    }
  }
  return std::nullopt;
}

}  // namespace

std::string NormalizeSchemaText(const std::string& schema) {
  std::vector<std::string> tokens;
  for (size_t i = 0; i < schema.size();) {
    const char c = schema[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (c == '`' || c == '\'') {
      // A quoted name (`` doubles a back quote) or a string literal, kept as written.
      std::string token = c == '\'' ? "'" : "";
      for (++i; i < schema.size(); ++i) {
        if (schema[i] == c && i + 1 < schema.size() && schema[i + 1] == c) {
          token += c;
          ++i;
        } else if (schema[i] == c) {
          ++i;
          break;
        } else {
          token += schema[i];
        }
      }
      tokens.push_back(c == '\'' ? token + "'" : token);
    } else if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_') {
      std::string word;
      while (i < schema.size() && (std::isalnum(static_cast<unsigned char>(schema[i])) != 0 ||
                                   schema[i] == '_' || schema[i] == '@')) {
        word += schema[i++];
      }
      word = Upper(word);
      if (word == "INT") {
        word = "INTEGER";
      } else if (word == "VARCHAR") {
        word = "STRING";
      } else if (word == "KEY" && !tokens.empty() && tokens.back() == "PRIMARY") {
        tokens.pop_back();
      }
      tokens.push_back(word);
    } else {
      tokens.emplace_back(1, c);
      ++i;
    }
  }
  std::string text;
  for (const std::string& token : tokens) {
    text += (text.empty() ? "" : " ") + token;
  }
  return text;
}

std::string DescribeSchema(const planner::SourceDescription& source) {
  std::string text;
  for (const Column& column : source.schema.columns()) {
    std::string name;
    for (const char c : column.name) {
      name += c == '`' ? "``" : std::string(1, c);
    }
    text += (text.empty() ? "`" : ", `") + name + "` " + column.type->ToString();
    switch (column.column_namespace) {
      case ColumnNamespace::kKey:
        text += " KEY";
        break;
      case ColumnNamespace::kHeaders:
        text += " HEADERS";
        break;
      case ColumnNamespace::kHeader:
        text += " HEADER('" + column.header_key + "')";
        break;
      case ColumnNamespace::kValue:
        break;
    }
  }
  return NormalizeSchemaText(text);
}

std::optional<std::string> CheckPostConditions(const Json& post,
                                               const planner::Catalog& catalog,
                                               const runtime::TopicClient& topics) {
  if (!post.is_object()) {
    return std::nullopt;
  }
  for (const Json& source : post.value("sources", Json::array())) {
    if (Reason reason = CheckSource(source, catalog)) {
      return reason;
    }
  }
  if (post.contains("topics") && post.at("topics").is_object()) {
    return CheckTopics(post.at("topics"), topics);
  }
  return std::nullopt;
}

}  // namespace fluxo::qtt
