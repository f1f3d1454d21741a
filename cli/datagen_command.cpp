#include "cli/datagen_command.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/command_line.h"
#include "cli/datagen/datagen_arguments.h"
#include "cli/datagen/kafka_record_sink.h"
#include "cli/datagen/quickstart.h"
#include "cli/datagen/record_pump.h"
#include "cli/datagen/record_sink.h"
#include "cli/datagen/record_source.h"
#include "cli/stop_signals.h"
#include "runtime/core/error.h"

namespace fluxo::cli {
namespace {

namespace po = boost::program_options;
using datagen::ColumnKind;
using datagen::Quickstart;

constexpr std::string_view kCommand = "fluxo datagen: ";
constexpr uint64_t kDefaultSeed = 1;

std::string_view ColumnTypeName(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kString:
      return "STRING";
    case ColumnKind::kInteger:
      return "BIGINT";
    case ColumnKind::kDecimal:
      return "DECIMAL";
    case ColumnKind::kTimestamp:
      return "BIGINT";
  }
  return "";
}

po::options_description Options() {
  po::options_description options("Options");
  options.add_options()("help,h", "print this help and exit")(
      "quickstart", po::value<std::string>(), "NAME: the data set (see Quickstarts below)")(
      "topic", po::value<std::string>(), "T: the Kafka topic to produce to")(
      "bootstrap-servers", po::value<std::string>(), "HOST:PORT[,...]: the Kafka cluster")(
      "property",
      po::value<std::vector<std::string>>(),
      "KEY=VALUE: a librdkafka producer property (repeatable)")(
      "partitions",
      po::value<std::string>(),
      "N: partitions of the topic when datagen creates it (default: the broker's)")(
      "output", po::value<std::string>(), "'-': print key<TAB>value lines instead of producing")(
      "dry-run", "the same as --output -")(
      "count", po::value<std::string>(), "N: stop after N records (default: until SIGINT/SIGTERM)")(
      "rate", po::value<std::string>(), "R: records per second (default 0: as fast as possible)")(
      "seed",
      po::value<std::string>()->default_value(std::to_string(kDefaultSeed)),
      "S: the random seed; the same seed gives the same records")(
      "start-time",
      po::value<std::string>()->default_value("2026-01-01T00:00:00Z"),
      "event time of the first record: epoch ms or YYYY-MM-DDTHH:MM:SS[.sss]Z")(
      "format",
      po::value<std::string>()->default_value("json"),
      "json or delimited (comma-separated, in the column order below)")(
      "late-ratio",
      po::value<std::string>()->default_value("0"),
      "X in 0..1: the share of records whose timestamp moves back 1 ms .. 30 s")(
      "key-count", po::value<std::string>(), "N: distinct entity ids (users, cards, ...)");
  return options;
}

void PrintUsage(std::ostream& out, const po::options_description& options) {
  out << "Usage: fluxo datagen --quickstart NAME --topic T --bootstrap-servers HOST:PORT "
         "[options]\n"
         "       fluxo datagen --quickstart NAME --output - [options]\n"
         "\n"
         "Generates the records of a quickstart data set and produces them to a Kafka topic\n"
         "(created when missing), or prints them as key<TAB>value lines with --output -. The\n"
         "records follow from --seed and --start-time alone: the same seed gives the same\n"
         "bytes, timestamps included. Each record's timestamp is its event time, which starts\n"
         "at --start-time and moves forward by generated gaps. With --late-ratio X, a share X\n"
         "of the records (drawn from a separate random stream) gets its timestamp and its\n"
         "timestamp column moved back by 1 ms to 30 s, so it arrives out of order; the other\n"
         "values stay as without it. Progress goes to stderr about once a second, then a\n"
         "summary. SIGINT or SIGTERM finishes the batch in flight and exits 0.\n"
         "\n"
      << options
      << "\n"
         "Quickstarts: JSON values with these fields (lower_snake_case), or with --format\n"
         "delimited the values in this order. The key is the named column as text. DECIMAL\n"
         "values have two fraction digits; timestamp columns hold the record's timestamp.\n";
  for (const Quickstart& quickstart : datagen::Quickstarts()) {
    out << "\n  " << quickstart.name << ": " << quickstart.summary;
    if (quickstart.default_key_count > 0) {
      out << "; --key-count default " << quickstart.default_key_count;
    }
    out << "\n";
    for (const datagen::DatagenColumn& column : quickstart.columns) {
      out << "    " << std::left << std::setw(18) << column.name << std::setw(9)
          << ColumnTypeName(column.kind) << column.description << "\n";
    }
  }
}

/// Reads the value of a numeric option, or prints why it is wrong and returns nullopt.
template <typename T>
std::optional<T> NumericOption(const po::variables_map& values,
                               const std::string& name,
                               std::optional<T> (*parse)(const std::string&),
                               const std::string& expected,
                               bool (*valid)(T),
                               std::ostream& err) {
  const std::string& text = values[name].as<std::string>();
  std::optional<T> value = parse(text);
  if (!value || !valid(*value)) {
    err << kCommand << "--" << name << " must be " << expected << ", got '" << text << "'\n";
    return std::nullopt;
  }
  return value;
}

/// Parses KEY=VALUE properties into `properties`; prints the first bad one and returns false.
bool ParseProperties(const po::variables_map& values,
                     runtime::kafka::KafkaProperties& properties,
                     std::ostream& err) {
  if (values.count("property") == 0) {
    return true;
  }
  for (const std::string& text : values["property"].as<std::vector<std::string>>()) {
    const size_t equals = text.find('=');
    if (equals == std::string::npos || equals == 0) {
      err << kCommand << "--property wants KEY=VALUE, got '" << text << "'\n";
      return false;
    }
    properties[text.substr(0, equals)] = text.substr(equals + 1);
  }
  return true;
}

/// The settings a command line gives, once checked.
struct DatagenSettings {
  datagen::RecordSourceOptions source;
  datagen::PumpOptions pump;
  bool to_stdout = false;
  std::string topic;
  std::optional<int32_t> partitions;  ///< nullopt: the broker's default.
  runtime::kafka::KafkaProperties properties;
};

/// Checks the option values; prints what is wrong and returns nullopt for a usage error.
std::optional<DatagenSettings> CheckSettings(const po::variables_map& values, std::ostream& err) {
  DatagenSettings settings;
  if (values.count("quickstart") == 0) {
    err << kCommand << "--quickstart is required\n";
    return std::nullopt;
  }
  const std::string& name = values["quickstart"].as<std::string>();
  settings.source.quickstart = datagen::FindQuickstart(name);
  if (settings.source.quickstart == nullptr) {
    err << kCommand << "unknown quickstart '" << name << "'; choose one of";
    for (const Quickstart& quickstart : datagen::Quickstarts()) {
      err << " " << quickstart.name;
    }
    err << "\n";
    return std::nullopt;
  }

  const auto non_negative = [](int64_t value) { return value >= 0; };
  const auto positive = [](int64_t value) { return value > 0; };
  const auto any_seed = [](uint64_t /*value*/) { return true; };
  // Kafka timestamps are not negative; the year 9999 leaves the clock room to run.
  const auto valid_time = [](int64_t value) {
    return value >= 0 && value <= datagen::kMaxStartTimeMs;
  };
  if (values.count("count") != 0) {
    settings.pump.count = NumericOption<int64_t>(
        values, "count", &datagen::ParseInteger, "a whole number >= 0", non_negative, err);
    if (!settings.pump.count) {
      return std::nullopt;
    }
  }
  if (values.count("rate") != 0) {
    const std::optional<double> rate = NumericOption<double>(
        values,
        "rate",
        &datagen::ParseNumber,
        "a number in 0..1e9",
        [](double value) { return value >= 0.0 && value <= 1e9; },
        err);
    if (!rate) {
      return std::nullopt;
    }
    settings.pump.rate = *rate;
  }
  const std::optional<double> late_ratio = NumericOption<double>(
      values,
      "late-ratio",
      &datagen::ParseNumber,
      "a number in 0..1",
      [](double value) { return value >= 0.0 && value <= 1.0; },
      err);
  const std::optional<uint64_t> seed = NumericOption<uint64_t>(
      values, "seed", &datagen::ParseUnsigned, "a whole number in 0..2^64-1", any_seed, err);
  const std::optional<int64_t> start_time =
      NumericOption<int64_t>(values,
                             "start-time",
                             &datagen::ParseStartTime,
                             "epoch ms or YYYY-MM-DDTHH:MM:SS[.sss]Z from 1970 to 9999",
                             valid_time,
                             err);
  if (!late_ratio || !seed || !start_time) {
    return std::nullopt;
  }
  settings.source.late_ratio = *late_ratio;
  settings.source.seed = *seed;
  settings.source.start_time_ms = *start_time;
  if (values.count("partitions") != 0) {
    const std::optional<int64_t> partitions = NumericOption<int64_t>(
        values,
        "partitions",
        &datagen::ParseInteger,
        "a whole number >= 1",
        [](int64_t value) { return value >= 1 && value <= INT32_MAX; },
        err);
    if (!partitions) {
      return std::nullopt;
    }
    settings.partitions = static_cast<int32_t>(*partitions);
  }
  if (values.count("key-count") != 0) {
    const std::optional<int64_t> key_count = NumericOption<int64_t>(
        values, "key-count", &datagen::ParseInteger, "a whole number >= 1", positive, err);
    if (!key_count) {
      return std::nullopt;
    }
    settings.source.key_count = *key_count;
  }

  const std::string& format = values["format"].as<std::string>();
  if (format == "json") {
    settings.source.format = datagen::ValueFormat::kJson;
  } else if (format == "delimited") {
    settings.source.format = datagen::ValueFormat::kDelimited;
  } else {
    err << kCommand << "--format must be json or delimited, got '" << format << "'\n";
    return std::nullopt;
  }

  settings.to_stdout = values.count("dry-run") != 0;
  if (values.count("output") != 0) {
    if (values["output"].as<std::string>() != "-") {
      err << kCommand << "--output supports only '-' (standard output), got '"
          << values["output"].as<std::string>() << "'\n";
      return std::nullopt;
    }
    settings.to_stdout = true;
  }
  if (settings.to_stdout) {
    return settings;
  }
  if (values.count("topic") == 0) {
    err << kCommand << "--topic is required (or --output - to print the records)\n";
    return std::nullopt;
  }
  settings.topic = values["topic"].as<std::string>();
  if (!ParseProperties(values, settings.properties, err)) {
    return std::nullopt;
  }
  if (values.count("bootstrap-servers") != 0) {
    settings.properties["bootstrap.servers"] = values["bootstrap-servers"].as<std::string>();
  }
  if (!settings.properties.contains("bootstrap.servers")) {
    err << kCommand
        << "--bootstrap-servers is required for now: there is no default Kafka cluster "
           "(use --output - to print the records instead)\n";
    return std::nullopt;
  }
  return settings;
}

}  // namespace

int RunDatagenCommand(const std::vector<std::string>& arguments, const CommandIo& io) {
  const po::options_description options = Options();
  po::variables_map values;
  if (const auto exit = ParseCommandLine(
          "datagen", datagen::JoinNegativeValues(arguments), options, &PrintUsage, io, values)) {
    return *exit;
  }
  std::optional<DatagenSettings> settings = CheckSettings(values, io.err);
  if (!settings) {
    io.err << "Run 'fluxo datagen --help' for the options and quickstarts.\n";
    return kExitUsage;
  }

  // Before librdkafka starts its threads, which inherit the blocked signals.
  StopSignals stop_signals;
  bool stopped = false;
  settings->pump.wait_for_stop = [&](std::chrono::milliseconds wait) {
    stopped = stopped || stop_signals.WaitFor(static_cast<int>(wait.count())) != 0;
    return stopped;
  };
  std::unique_ptr<datagen::RecordSink> sink;
  try {
    if (settings->to_stdout) {
      sink = std::make_unique<datagen::TextRecordSink>(io.out);
    } else {
      sink = std::make_unique<datagen::KafkaRecordSink>(
          settings->properties, settings->topic, settings->partitions, io.err);
    }
    datagen::RecordSource source(settings->source);
    const datagen::PumpSummary summary =
        datagen::PumpRecords(source, *sink, settings->pump, io.err);
    const double rate =
        summary.seconds > 0.0 ? static_cast<double>(summary.records) / summary.seconds : 0.0;
    io.err << kCommand << "sent " << summary.records << " records to " << sink->Describe() << " in "
           << std::fixed << std::setprecision(2) << summary.seconds << " s (" << std::llround(rate)
           << " records/s)" << std::endl;
  } catch (const Error& error) {
    io.err << kCommand << ErrorKindName(error.kind()) << " error: " << error.what() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace fluxo::cli
