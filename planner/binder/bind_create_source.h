#pragma once

#include <string>
#include <vector>

#include "parser/ast/statement.h"
#include "planner/catalog/catalog.h"
#include "planner/catalog/source_description.h"

namespace fluxo::planner {

/// A CREATE STREAM/TABLE statement checked against the catalog, ready to register.
struct BoundCreateSource {
  SourceDescription source;
  bool or_replace = false;
  bool if_not_exists = false;
  std::optional<int32_t> partitions;  ///< Create the topic with this many partitions.
  std::optional<int32_t> replicas;
  std::vector<std::string> notices;  ///< Said to the user, e.g. ignored Flink options.
};

/// Checks a CREATE STREAM/TABLE with ksqlDB's rules (and Flink's CREATE TABLE ... WITH
/// ('connector'='kafka'), which is a stream unless it declares a PRIMARY KEY): column names and
/// types, KEY for streams and PRIMARY KEY for tables, required KAFKA_TOPIC and VALUE_FORMAT,
/// the TIMESTAMP column, the WATERMARK. `statement_text` is kept for DESCRIBE EXTENDED.
/// Throws fluxo::Error (kType / kPlanning) with the span of the part at fault.
BoundCreateSource BindCreateSource(const ast::CreateSource& create,
                                   const Catalog& catalog,
                                   const std::string& statement_text);

/// Pseudocolumns every source has; no column may take these names.
bool IsReservedColumnName(const std::string& name);

}  // namespace fluxo::planner
