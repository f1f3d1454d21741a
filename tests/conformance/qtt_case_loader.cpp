#include "tests/conformance/qtt_case_loader.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace fluxo::testing {

namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw std::runtime_error("cannot read " + path.string());
  }
  std::stringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

void AddEntryCases(const std::string& file_name,
                   const nlohmann::json& entry,
                   std::vector<QttCase>& cases) {
  if (entry.value("enabled", true) == false) {
    return;
  }
  const std::string stem = file_name.substr(0, file_name.rfind('.'));
  std::vector<std::string> formats;
  if (entry.contains("format")) {
    for (const auto& format : entry.at("format")) {
      formats.push_back(format.get<std::string>());
    }
  }
  if (formats.empty()) {
    formats.emplace_back();  // No expansion: one case, no substitution.
  }
  // The one property whose value is "{CONFIG}" takes each value of the `config` list in turn.
  std::string config_property;
  if (entry.contains("properties")) {
    for (const auto& [name, value] : entry.at("properties").items()) {
      if (value.is_string() && value.get<std::string>() == "{CONFIG}") {
        config_property = name;
      }
    }
  }
  std::vector<std::string> configs;
  if (entry.contains("config")) {
    for (const auto& config : entry.at("config")) {
      configs.push_back(config.is_string() ? config.get<std::string>() : config.dump());
    }
  }
  if (configs.empty()) {
    configs.emplace_back();
  }
  for (const std::string& format : formats) {
    for (const std::string& config : configs) {
      QttCase qtt_case;
      qtt_case.file = file_name;
      qtt_case.name = stem + " - " + entry.at("name").get<std::string>();
      if (!format.empty()) {
        qtt_case.name += " - " + format;
      }
      if (!config.empty()) {
        qtt_case.name += " - " + config_property + "=" + config;
      }
      for (const auto& statement : entry.at("statements")) {
        std::string text = statement.get<std::string>();
        if (!format.empty()) {
          text = ReplaceAll(text, "{FORMAT}", format);
        }
        qtt_case.statements.push_back(std::move(text));
      }
      qtt_case.expects_exception = entry.contains("expectedException");
      cases.push_back(std::move(qtt_case));
    }
  }
}

}  // namespace

std::vector<QttCase> LoadQttCases(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> files;
  for (const auto& item : std::filesystem::directory_iterator(directory)) {
    if (item.path().extension() == ".json") {
      files.push_back(item.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<QttCase> cases;
  for (const auto& path : files) {
    nlohmann::json document;
    try {
      document = nlohmann::json::parse(ReadFile(path),
                                       nullptr,
                                       /*allow_exceptions=*/true,
                                       /*ignore_comments=*/true);
    } catch (const nlohmann::json::exception& error) {
      throw std::runtime_error("cannot parse " + path.string() + ": " + error.what());
    }
    for (const auto& entry : document.at("tests")) {
      AddEntryCases(path.filename().string(), entry, cases);
    }
  }
  return cases;
}

}  // namespace fluxo::testing
