#include "cli/datagen/record_sink.h"

#include <ostream>

#include "runtime/core/error.h"

namespace fluxo::cli::datagen {

void TextRecordSink::Write(std::vector<runtime::TopicRecord>& records) {
  buffer_.clear();
  for (const runtime::TopicRecord& record : records) {
    buffer_ += record.key.value_or("");
    buffer_ += '\t';
    buffer_ += record.value.value_or("");
    buffer_ += '\n';
  }
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  out_.flush();
  if (!out_) {
    throw Error(ErrorKind::kIo, "Cannot write records to " + Describe());
  }
}

}  // namespace fluxo::cli::datagen
