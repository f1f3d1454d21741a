#pragma once

#include "cli/shell/shell_backend.h"
#include "runtime/engine/engine_host.h"

namespace fluxo::cli::shell {

/// Drives the engine in this process through its EngineHost: every call runs between two
/// turns of the persistent queries (EngineHost::Call). PRINT reads the topics through the
/// engine's TopicClient (TopicPrinter).
class EmbeddedBackend : public ShellBackend {
 public:
  /// `host` must outlive the backend.
  explicit EmbeddedBackend(engine::EngineHost& host) : host_(host) {}

  std::vector<engine::StatementResult> Execute(const std::string& statement) override;
  PushQueryPoll PollPushQuery(const std::string& query_id) override;
  void ClosePushQuery(const std::string& query_id) override;
  std::map<std::string, std::string> Variables() override;
  std::unique_ptr<PrintStream> StartPrint(const ast::PrintTopic& print) override;

 private:
  engine::EngineHost& host_;
};

}  // namespace fluxo::cli::shell
