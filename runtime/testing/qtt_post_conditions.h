#pragma once

#include <optional>
#include <string>

#include "planner/catalog/catalog.h"
#include "runtime/testing/exact_json.h"
#include "runtime/topic/topic_client.h"

/// The `post` conditions of a case (FORMAT.md §10): sources that must exist in the catalog with
/// a given type, schema and formats, topics that must exist, and a blacklist of topic names
/// (in practice `.*-repartition`: "this query must not repartition").
namespace fluxo::qtt {

/// Checks `post` (null checks nothing) against the engine's catalog and topics. Returns nothing
/// when every condition holds, else the first one that does not. Not checked: serde features,
/// `isSource`, and the formats and schemas of `topics.topics` entries.
std::optional<std::string> CheckPostConditions(const Json& post,
                                               const planner::Catalog& catalog,
                                               const runtime::TopicClient& topics);

/// Returns a column list in ksqlDB's DESCRIBE syntax ("`ID` BIGINT KEY, `V` STRING") as
/// comparable tokens: bare words upper-cased, back-quoted names as written, INT and VARCHAR
/// spelled INTEGER and STRING, and PRIMARY KEY as KEY. Exposed for tests.
std::string NormalizeSchemaText(const std::string& schema);

/// Returns the schema of `source` in the same normalized form.
std::string DescribeSchema(const planner::SourceDescription& source);

}  // namespace fluxo::qtt
