#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/server/command_log.h"
#include "parser/ast/statement.h"
#include "runtime/engine/engine.h"

namespace fluxo::cli::server {

/// Returns the entity ksqlDB's /ksql answers for one statement that ran, built from the
/// engine's result and catalog (call it inside EngineHost::Call, right after the statement):
///
/// * `currentStatus` for DDL, persistent queries and TERMINATE, with a command id such as
///   "stream/`PAGES`/create" and a sequence number from `commands`;
/// * `streams` / `tables` / `queries` / `properties` / `kafka_topics` / `function_names` /
///   `type_list` / `variables` for SHOW / LIST;
/// * `sourceDescription` for DESCRIBE, `source_descriptions` for DESCRIBE STREAMS|TABLES and
///   SHOW ... EXTENDED, `describe_function`, `queryDescription` for EXPLAIN;
/// * nothing for INSERT VALUES, DEFINE and UNDEFINE.
///
/// `statement_text` is the statement as sent, with its `;`.
std::optional<nlohmann::ordered_json> KsqlEntity(const ast::Statement& statement,
                                                 const std::string& statement_text,
                                                 const engine::StatementResult& result,
                                                 engine::Engine& engine,
                                                 CommandLog& commands);

}  // namespace fluxo::cli::server
