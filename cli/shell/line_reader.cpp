#include "cli/shell/line_reader.h"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <unistd.h>

#include "cli/shell/interrupt_signal.h"
#include "runtime/core/error.h"

namespace fluxo::cli::shell {

InputLine DescriptorLineReader::ReadLine(const std::string& /*prompt*/) {
  while (true) {
    const size_t line_end = buffer_.find('\n');
    if (line_end != std::string::npos) {
      InputLine line{InputLine::Status::kLine, buffer_.substr(0, line_end)};
      buffer_.erase(0, line_end + 1);
      return line;
    }
    if (at_end_) {
      if (buffer_.empty()) {
        return {InputLine::Status::kEnd, ""};
      }
      InputLine line{InputLine::Status::kLine, std::move(buffer_)};
      buffer_.clear();
      return line;
    }
    pollfd fds[2] = {{fd_, POLLIN, 0}, {interrupt_ != nullptr ? interrupt_->fd() : -1, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw Error(ErrorKind::kIo, std::string("Cannot wait for input: ") + std::strerror(errno));
    }
    if (interrupt_ != nullptr && interrupt_->Take()) {
      return {InputLine::Status::kInterrupted, ""};
    }
    if (fds[0].revents == 0) {
      continue;
    }
    char chunk[4096];
    const ssize_t count = read(fd_, chunk, sizeof(chunk));
    if (count < 0) {
      if (errno == EINTR || errno == EAGAIN) {
        continue;
      }
      throw Error(ErrorKind::kIo, std::string("Cannot read input: ") + std::strerror(errno));
    }
    if (count == 0) {
      at_end_ = true;
    }
    buffer_.append(chunk, static_cast<size_t>(count));
  }
}

}  // namespace fluxo::cli::shell
