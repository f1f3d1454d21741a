#pragma once

// A shell session over an engine on in-memory topics, with what it writes kept in strings.

#include <chrono>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "cli/shell/embedded_backend.h"
#include "cli/shell/shell_session.h"
#include "runtime/engine/engine_host.h"
#include "runtime/topic/in_memory_topic_client.h"

namespace fluxo::cli::shell::testing {

/// The engine runs its queries on the host's thread, as in `fluxo shell`. `interrupt_when`
/// stands for Ctrl-C: the session is interrupted once, the first time it returns true.
struct ShellFixture {
  std::shared_ptr<runtime::InMemoryTopicClient> topics =
      std::make_shared<runtime::InMemoryTopicClient>();
  engine::EngineHost host{MakeEngine(topics)};
  EmbeddedBackend backend{host};
  std::ostringstream out;
  std::ostringstream err;
  std::function<bool()> interrupt_when = [] { return false; };
  bool interrupted_once = false;
  ShellSession session{backend, out, err, [this] { return Interrupted(); }, Settings()};

  ShellFixture() { host.Start(); }

  static std::unique_ptr<engine::Engine> MakeEngine(
      std::shared_ptr<runtime::InMemoryTopicClient> topics) {
    auto engine = std::make_unique<engine::Engine>(std::move(topics));
    engine->SetLogSkippedRecords(false);
    return engine;
  }

  static SessionSettings Settings() {
    SessionSettings settings;
    settings.terminal_width = [] { return size_t{40}; };
    settings.poll_interval = std::chrono::milliseconds(2);
    return settings;
  }

  bool Interrupted() {
    if (interrupted_once || !interrupt_when()) {
      return false;
    }
    interrupted_once = true;
    return true;
  }

  /// Runs `sql` as typed statements (one per `;`), as the shell does; returns false when one
  /// failed.
  bool Type(const std::string& sql) { return session.RunScript(sql, ""); }
};

}  // namespace fluxo::cli::shell::testing
