#include "bench/kafka/kcat_tail.h"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace fluxo::bench {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kPollMs = 50;

}  // namespace

KcatTail::KcatTail(std::string kcat,
                   std::string bootstrap_servers,
                   std::string topic,
                   int64_t measure_from_ms)
    : kcat_(std::move(kcat)),
      bootstrap_servers_(std::move(bootstrap_servers)),
      topic_(std::move(topic)) {
  measure_from_ms_ = measure_from_ms;
}

void KcatTail::Run(const std::atomic<uint64_t>& expected, const std::atomic<bool>& expected_final) {
  std::vector<std::string> arguments = {kcat_,
                                        "-C",
                                        "-u",
                                        "-q",
                                        "-b",
                                        bootstrap_servers_,
                                        "-t",
                                        topic_,
                                        "-o",
                                        "beginning",
                                        "-f",
                                        "%T\n",
                                        // The embedded (mock) broker answers a fetch only after
                                        // this wait, whether records arrived or not.
                                        "-X",
                                        "fetch.wait.max.ms=10"};
  std::vector<char*> argv;
  argv.reserve(arguments.size() + 1);
  for (std::string& argument : arguments) {
    argv.push_back(argument.data());
  }
  argv.push_back(nullptr);
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) {
    failure_ = "cannot create a pipe for kcat";
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, kcat_.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_ends[1]);
  if (spawned != 0) {
    close(pipe_ends[0]);
    failure_ = "cannot start " + kcat_;
    return;
  }
  std::string pending;
  std::vector<char> buffer(1 << 16);
  Clock::time_point drain_deadline = Clock::time_point::max();
  while (!(expected_final && received_ >= expected) && Clock::now() < drain_deadline) {
    if (expected_final && drain_deadline == Clock::time_point::max()) {
      drain_deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(kTailDrainSeconds));
    }
    pollfd readable{pipe_ends[0], POLLIN, 0};
    if (poll(&readable, 1, kPollMs) <= 0) {
      continue;
    }
    const ssize_t count = read(pipe_ends[0], buffer.data(), buffer.size());
    if (count <= 0) {
      failure_ = "kcat stopped early";
      break;
    }
    const double now_ms = WallClockMs();
    pending.append(buffer.data(), static_cast<size_t>(count));
    size_t line_start = 0;
    for (size_t newline = pending.find('\n'); newline != std::string::npos;
         newline = pending.find('\n', line_start)) {
      int64_t timestamp = 0;
      std::from_chars(pending.data() + line_start, pending.data() + newline, timestamp);
      Record(timestamp, now_ms);
      line_start = newline + 1;
    }
    pending.erase(0, line_start);
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  close(pipe_ends[0]);
}

}  // namespace fluxo::bench
