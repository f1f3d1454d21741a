#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "runtime/topic/topic_client.h"

namespace fluxo::cli::datagen {

/// Where `fluxo datagen` sends its records: a Kafka topic or a text stream.
class RecordSink {
 public:
  virtual ~RecordSink() = default;

  /// Sends `records` in order and waits until they are stored; may take their buffers.
  virtual void Write(std::vector<runtime::TopicRecord>& records) = 0;

  /// Names the destination for the summary line: "topic 'tx'", "standard output".
  virtual std::string Describe() const = 0;
};

/// Writes each record as one `key<TAB>value` line to a stream (`--output -`).
class TextRecordSink final : public RecordSink {
 public:
  explicit TextRecordSink(std::ostream& out) : out_(out) {}

  /// Throws kIo when the stream fails (a closed pipe, a full disk).
  void Write(std::vector<runtime::TopicRecord>& records) override;

  std::string Describe() const override { return "standard output"; }

 private:
  std::ostream& out_;
  std::string buffer_;
};

}  // namespace fluxo::cli::datagen
