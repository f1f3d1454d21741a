#pragma once

#include <nlohmann/json.hpp>

#include "planner/catalog/source_description.h"
#include "runtime/core/logical_schema.h"
#include "runtime/core/sql_type.h"
#include "runtime/engine/engine.h"

namespace fluxo::cli::server {

/// Returns ksqlDB's schema object of a type: `{"type":"INTEGER","fields":null,
/// "memberSchema":null}`, with `fields` for a STRUCT, `memberSchema` for an ARRAY's elements
/// and a MAP's values, and `parameters` (precision, scale) for a DECIMAL.
nlohmann::ordered_json SchemaJson(const SqlType& type);

/// Returns ksqlDB's field object of a column: `{"name","schema"}` plus `"type":"KEY"` for a
/// key column (`"HEADER"` and `headerKey` for header columns).
nlohmann::ordered_json FieldJson(const Column& column);

/// Returns one entry of LIST STREAMS / LIST TABLES: `{"type","name","topic","keyFormat",
/// "valueFormat","isWindowed"}`.
nlohmann::ordered_json SourceSummaryJson(const planner::SourceDescription& source);

/// Returns ksqlDB's SourceDescription object (DESCRIBE): name, fields, type, formats, topic
/// and its partition count (read from `engine`'s cluster; 0 when the topic is gone), ...
nlohmann::ordered_json SourceDescriptionJson(const planner::SourceDescription& source,
                                             bool extended,
                                             engine::Engine& engine);

}  // namespace fluxo::cli::server
