#include "runtime/testing/qtt_case.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

namespace fluxo::qtt {

namespace {

constexpr const char* kRegisteredSchema = "<registered schema>";

std::string Upper(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) {
    return text;
  }
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/// Returns a scalar as the text a SET statement or a case name uses: strings as they are,
/// numbers as written, booleans as true/false.
std::string ScalarText(const Json& json) {
  if (json.is_string()) {
    return json.get<std::string>();
  }
  if (IsAnyNumber(json)) {
    return NumberText(json);
  }
  return RenderJson(json);
}

int64_t ReadInteger(const Json& json, const char* what) {
  if (json.is_number_integer()) {
    return json.get<int64_t>();
  }
  if (IsAnyNumber(json) || json.is_string()) {
    const std::string text = json.is_string() ? json.get<std::string>() : NumberText(json);
    try {
      size_t used = 0;
      const double number = std::stod(text, &used);
      if (used == text.size()) {
        return static_cast<int64_t>(number);
      }
    } catch (const std::exception&) {
      // Falls through to the error below.
    }
  }
  throw std::invalid_argument(std::string("'") + what + "' is not a number: " + RenderJson(json));
}

QttRecord ParseRecord(const Json& json) {
  if (!json.is_object() || !json.contains("topic") || !json.at("topic").is_string()) {
    throw std::invalid_argument("a record needs a 'topic': " + RenderJson(json));
  }
  QttRecord record;
  record.topic = json.at("topic").get<std::string>();
  record.key = json.value("key", Json(nullptr));
  record.value = json.value("value", Json(nullptr));
  if (json.contains("timestamp") && !json.at("timestamp").is_null()) {
    record.timestamp = ReadInteger(json.at("timestamp"), "timestamp");
  }
  if (json.contains("window") && json.at("window").is_object()) {
    const Json& window = json.at("window");
    QttWindow parsed;
    parsed.start = ReadInteger(window.value("start", Json(0)), "window.start");
    parsed.end = ReadInteger(window.value("end", Json(0)), "window.end");
    std::string type = window.value("type", std::string("time"));
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) {
      return static_cast<char>(std::tolower(c));
    });
    parsed.type = type;
    record.window = parsed;
  }
  if (json.contains("headers") && json.at("headers").is_array()) {
    std::vector<QttHeader> headers;
    for (const Json& header : json.at("headers")) {
      QttHeader parsed;
      parsed.key = header.value("KEY", std::string());
      if (header.contains("VALUE") && header.at("VALUE").is_string()) {
        parsed.value_base64 = header.at("VALUE").get<std::string>();
      }
      headers.push_back(std::move(parsed));
    }
    record.headers = std::move(headers);
  }
  return record;
}

std::vector<QttRecord> ParseRecords(const Json& entry, const char* field) {
  std::vector<QttRecord> records;
  if (entry.contains(field) && entry.at(field).is_array()) {
    for (const Json& record : entry.at(field)) {
      records.push_back(ParseRecord(record));
    }
  }
  return records;
}

std::string SkipReason(const std::vector<std::string>& formats) {
  static const std::set<std::string> runnable_formats = {"JSON", "DELIMITED", "KAFKA", "NONE"};
  std::string unsupported;
  bool registered_schema = false;
  for (const std::string& format : formats) {
    if (format == kRegisteredSchema) {
      registered_schema = true;
    } else if (runnable_formats.count(format) == 0) {
      unsupported += (unsupported.empty() ? "" : ", ") + format;
    }
  }
  if (!unsupported.empty()) {
    return "needs a schema registry or an unsupported format: " + unsupported;
  }
  return registered_schema ? "pre-registers a schema in 'topics' (needs a schema registry)" : "";
}

void AddEntryCases(const std::string& file_name, const Json& entry, std::vector<QttCase>& cases) {
  if (!entry.is_object()) {
    throw std::invalid_argument("an entry of 'tests' is not an object");
  }
  if (entry.contains("enabled") && entry.at("enabled") == Json(false)) {
    return;
  }
  const std::string stem = file_name.substr(0, file_name.rfind(".json"));
  const std::string entry_name = entry.value("name", std::string("<unnamed>"));
  std::vector<std::string> formats;
  for (const Json& format : entry.value("format", Json::array())) {
    formats.push_back(ScalarText(format));
  }
  std::vector<std::optional<std::string>> configs;
  for (const Json& config : entry.value("config", Json::array())) {
    configs.emplace_back(ScalarText(config));
  }
  if (configs.empty()) {
    configs.emplace_back();
  }
  std::vector<std::pair<std::string, std::string>> properties;
  std::string config_property;
  const Json entry_properties = entry.value("properties", Json::object());
  for (const auto& [name, value] : entry_properties.items()) {
    if (value.is_string() && Upper(value.get<std::string>()) == "{CONFIG}") {
      config_property = name;
    }
    properties.emplace_back(name, ScalarText(value));
  }
  const std::string base_name = stem + " - " + entry_name;
  const bool has_formats = !formats.empty();
  if (!has_formats) {
    formats.emplace_back();
  }
  for (const std::string& format : formats) {
    for (const std::optional<std::string>& config : configs) {
      QttCase qtt_case;
      qtt_case.file = file_name;
      qtt_case.name = base_name;
      if (has_formats) {
        qtt_case.name += " - " + format;
      }
      if (config) {
        qtt_case.name += " - " + config_property + "=" + *config;
      }
      for (const Json& statement : entry.value("statements", Json::array())) {
        const std::string text = ScalarText(statement);
        qtt_case.statements.push_back(has_formats ? ReplaceAll(text, "{FORMAT}", format) : text);
      }
      qtt_case.properties = properties;
      for (auto& [name, value] : qtt_case.properties) {
        if (config && name == config_property) {
          value = *config;
        }
      }
      for (const Json& topic : entry.value("topics", Json::array())) {
        QttTopic parsed{topic.value("name", std::string()), std::nullopt};
        if (topic.contains("partitions") && !topic.at("partitions").is_null()) {
          parsed.partitions =
              static_cast<int32_t>(ReadInteger(topic.at("partitions"), "partitions"));
        }
        qtt_case.topics.push_back(std::move(parsed));
      }
      qtt_case.inputs = ParseRecords(entry, "inputs");
      qtt_case.outputs = ParseRecords(entry, "outputs");
      if (entry.contains("expectedException")) {
        const Json& expected = entry.at("expectedException");
        qtt_case.expected_exception =
            QttExpectedException{expected.value("type", std::string()),
                                 expected.value("message", std::string()),
                                 expected.value("cause", std::string()),
                                 expected.value("causeMessage", std::string())};
      }
      qtt_case.post = entry.value("post", Json(nullptr));
      qtt_case.skip_reason = SkipReason(CaseFormats(entry, has_formats ? format : ""));
      cases.push_back(std::move(qtt_case));
    }
  }
}

}  // namespace

std::vector<std::string> CaseFormats(const Json& entry, const std::string& format) {
  static const std::regex format_assignment(R"(\b(key_format|value_format|format)\s*=\s*'([^']*)')",
                                            std::regex::icase);
  std::set<std::string> found;
  for (const Json& statement : entry.value("statements", Json::array())) {
    const std::string text = ReplaceAll(ScalarText(statement), "{FORMAT}", format);
    for (std::sregex_iterator match(text.begin(), text.end(), format_assignment), end; match != end;
         ++match) {
      found.insert(Upper((*match)[2].str()));
    }
  }
  const Json properties = entry.value("properties", Json::object());
  for (const auto& [name, value] : properties.items()) {
    if (name == "ksql.persistence.default.format.key" ||
        name == "ksql.persistence.default.format.value") {
      found.insert(Upper(ScalarText(value)));
    }
  }
  for (const Json& topic : entry.value("topics", Json::array())) {
    for (const char* field : {"keyFormat", "valueFormat", "format"}) {
      if (topic.contains(field)) {
        found.insert(Upper(ReplaceAll(ScalarText(topic.at(field)), "{FORMAT}", format)));
      }
    }
    for (const char* field : {"keySchema", "valueSchema", "schema"}) {
      if (topic.contains(field) && !topic.at(field).is_null()) {
        found.insert(kRegisteredSchema);
      }
    }
  }
  return {found.begin(), found.end()};
}

std::vector<QttCase> ParseQttCases(const std::string& file_name, std::string_view text) {
  const Json document = ParseExactJson(text, /*allow_comments=*/true);
  if (!document.is_object() || !document.contains("tests") || !document.at("tests").is_array()) {
    throw std::invalid_argument("the file has no 'tests' array");
  }
  std::vector<QttCase> cases;
  for (const Json& entry : document.at("tests")) {
    AddEntryCases(file_name, entry, cases);
  }
  return cases;
}

std::vector<std::filesystem::path> CollectQttFiles(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files;
  for (const std::string& argument : paths) {
    const std::filesystem::path path(argument);
    if (std::filesystem::is_directory(path)) {
      std::vector<std::filesystem::path> found;
      for (const auto& item : std::filesystem::directory_iterator(path)) {
        if (item.is_regular_file() && item.path().extension() == ".json") {
          found.push_back(item.path());
        }
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(path)) {
      files.push_back(path);
    } else {
      throw std::invalid_argument("no such file or directory: " + argument);
    }
  }
  return files;
}

QttFile LoadQttFile(const std::filesystem::path& path) {
  QttFile file;
  file.path = path;
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    file.load_error = "cannot read " + path.string();
    return file;
  }
  std::stringstream buffer;
  buffer << stream.rdbuf();
  try {
    file.cases = ParseQttCases(path.filename().string(), buffer.str());
  } catch (const std::exception& error) {
    file.load_error = "cannot load " + path.string() + ": " + error.what();
  }
  return file;
}

}  // namespace fluxo::qtt
