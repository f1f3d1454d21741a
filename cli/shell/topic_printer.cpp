#include "cli/shell/topic_printer.h"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <utility>

#include "runtime/core/error.h"

namespace fluxo::cli::shell {
namespace {

/// The most records one Poll reads from one partition, so that a large topic streams out.
constexpr size_t kMaxRecordsPerFetch = 500;

bool EqualsIgnoringCase(const std::string& left, const std::string& right) {
  if (left.size() != right.size()) {
    return false;
  }
  for (size_t i = 0; i < left.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(left[i])) !=
        std::tolower(static_cast<unsigned char>(right[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string FormatRowtime(int64_t timestamp_ms) {
  using std::chrono::milliseconds;
  const std::chrono::sys_time<milliseconds> time{milliseconds(timestamp_ms)};
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss<milliseconds> clock{time - day};
  char text[64];
  std::snprintf(text,
                sizeof(text),
                "%04d/%02u/%02u %02lld:%02lld:%02lld.%03lld Z",
                static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()),
                static_cast<long long>(clock.hours().count()),
                static_cast<long long>(clock.minutes().count()),
                static_cast<long long>(clock.seconds().count()),
                static_cast<long long>(clock.subseconds().count()));
  return text;
}

TopicPrinter::TopicPrinter(ast::PrintTopic print) : print_(std::move(print)) {}

void TopicPrinter::Open(const runtime::TopicClient& topics) {
  topic_ = print_.topic;
  if (!topics.TopicExists(topic_)) {
    std::vector<std::string> matches;
    for (const std::string& name : topics.ListTopics()) {
      if (EqualsIgnoringCase(name, print_.topic)) {
        matches.push_back(name);
      }
    }
    if (matches.size() != 1) {
      throw Error(ErrorKind::kExecution,
                  "Could not find topic '" + print_.topic +
                      "'. Topic names are case-sensitive: quote the name, as in PRINT 'my-topic';"
                      " SHOW TOPICS lists them.");
    }
    topic_ = matches.front();
  }
  const int32_t partitions = topics.PartitionCount(topic_);
  for (int32_t partition = 0; partition < partitions; ++partition) {
    next_offsets_.push_back(print_.from_beginning ? 0 : topics.EndOffset(topic_, partition));
  }
}

std::vector<std::string> TopicPrinter::Poll(const runtime::TopicClient& topics) {
  std::vector<std::string> lines;
  std::vector<runtime::TopicRecord> records;
  for (size_t partition = 0; partition < next_offsets_.size() && !done(); ++partition) {
    topics.FetchInto(topic_,
                     static_cast<int32_t>(partition),
                     next_offsets_[partition],
                     kMaxRecordsPerFetch,
                     records);
    for (const runtime::TopicRecord& record : records) {
      next_offsets_[partition] = record.offset + 1;
      const int64_t interval = print_.interval.value_or(1);
      if (seen_++ % (interval > 0 ? interval : 1) != 0) {
        continue;
      }
      std::string line = FormatRecord(record, static_cast<int32_t>(partition));
      if (shown_ == 0) {
        lines.push_back("Key format: " + keys_.Description());
        lines.push_back("Value format: " + values_.Description());
      }
      lines.push_back(std::move(line));
      ++shown_;
      if (done()) {
        break;
      }
    }
  }
  return lines;
}

std::string TopicPrinter::FormatRecord(const runtime::TopicRecord& record, int32_t partition) {
  std::string line = "rowtime: " + FormatRowtime(record.timestamp);
  line += ", key: " + keys_.Render(record.key);
  line += ", value: " + values_.Render(record.value);
  line += ", partition: " + std::to_string(partition);
  return line;
}

}  // namespace fluxo::cli::shell
