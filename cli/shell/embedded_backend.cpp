#include "cli/shell/embedded_backend.h"

#include <utility>

#include "cli/shell/topic_printer.h"

namespace fluxo::cli::shell {
namespace {

/// PRINT over the engine's TopicClient, each poll between two turns of the queries.
class EmbeddedPrintStream : public PrintStream {
 public:
  EmbeddedPrintStream(engine::EngineHost& host, const ast::PrintTopic& print)
      : host_(host), printer_(print) {
    host_.Call([&](engine::Engine& engine) { printer_.Open(engine.topics()); });
  }

  std::vector<std::string> Poll() override {
    return host_.Call([&](engine::Engine& engine) { return printer_.Poll(engine.topics()); });
  }

  bool done() const override { return printer_.done(); }

 private:
  engine::EngineHost& host_;
  TopicPrinter printer_;
};

}  // namespace

std::vector<engine::StatementResult> EmbeddedBackend::Execute(const std::string& statement) {
  return host_.Call([&](engine::Engine& engine) { return engine.ExecuteScript(statement); });
}

PushQueryPoll EmbeddedBackend::PollPushQuery(const std::string& query_id) {
  return host_.Call([&](engine::Engine& engine) {
    PushQueryPoll poll;
    if (engine.IsPushQueryRunning(query_id)) {
      poll.rows = engine.ReadPushQuery(query_id);
      poll.running = engine.IsPushQueryRunning(query_id);
    }
    return poll;
  });
}

void EmbeddedBackend::ClosePushQuery(const std::string& query_id) {
  host_.Call([&](engine::Engine& engine) {
    if (engine.IsPushQueryRunning(query_id)) {
      engine.ClosePushQuery(query_id);
    }
  });
}

std::map<std::string, std::string> EmbeddedBackend::Variables() {
  return host_.Call([](engine::Engine& engine) { return engine.variables(); });
}

std::unique_ptr<PrintStream> EmbeddedBackend::StartPrint(const ast::PrintTopic& print) {
  return std::make_unique<EmbeddedPrintStream>(host_, print);
}

}  // namespace fluxo::cli::shell
