#include "bench/kafka/kcat_consume.h"

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace fluxo::bench {

std::optional<std::string> FindKcat() {
  const char* path = std::getenv("PATH");
  std::string_view rest = path == nullptr ? "" : path;
  while (!rest.empty()) {
    const size_t colon = rest.find(':');
    const std::string_view directory = rest.substr(0, colon);
    rest = colon == std::string_view::npos ? "" : rest.substr(colon + 1);
    if (directory.empty()) {
      continue;
    }
    const std::filesystem::path candidate = std::filesystem::path(directory) / "kcat";
    if (access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
  }
  return std::nullopt;
}

KcatRun RunKcatConsume(const std::string& kcat,
                       const std::string& bootstrap_servers,
                       const std::string& topic) {
  KcatRun run;
  std::vector<std::string> arguments = {kcat,
                                        "-C",
                                        "-b",
                                        bootstrap_servers,
                                        "-t",
                                        topic,
                                        "-e",
                                        "-o",
                                        "beginning",
                                        "-q",
                                        "-f",
                                        "%s\n"};
  std::vector<char*> argv;
  argv.reserve(arguments.size() + 1);
  for (std::string& argument : arguments) {
    argv.push_back(argument.data());
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, kcat.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    run.failure = "cannot start " + kcat;
    return run;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    run.failure = "kcat exited with status " + std::to_string(status);
  }
  return run;
}

}  // namespace fluxo::bench
