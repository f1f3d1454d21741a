#pragma once

#include <string_view>
#include <vector>

#include "runtime/engine/statement_result.h"

namespace fluxo::cli::shell {

/// Turns the body of a successful `POST /ksql` (a JSON array of ksqlDB's entities, as
/// cli/server/ksql_entities.cpp writes them) back into the results the shell renders, the same
/// tables the embedded engine gives:
///  * `currentStatus`: a message (commandStatus.message), its warnings as notices and its
///    queryId;
///  * `streams`, `tables`, `queries`, `properties`, `kafka_topics`, `function_names`,
///    `type_list`, `variables`: a table with the columns of the matching SHOW;
///  * `sourceDescription`: DESCRIBE's Field/Type table (extended details as notices);
///    `source_descriptions`: a table of the sources; `describe_function` and
///    `queryDescription` (EXPLAIN) likewise;
///  * any other entity: a message holding its JSON, so that nothing is lost.
/// Throws fluxo::Error (kIo) when the body is not a JSON array.
std::vector<engine::StatementResult> ReadKsqlEntities(std::string_view body);

}  // namespace fluxo::cli::shell
