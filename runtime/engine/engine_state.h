#pragma once

// Internal to runtime/engine: what the statement executors share.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "parser/ast/statement.h"
#include "planner/catalog/catalog.h"
#include "runtime/core/processing_log.h"
#include "runtime/engine/persistent_query.h"
#include "runtime/engine/statement_result.h"
#include "runtime/functions/function_registry.h"
#include "runtime/topic/topic_client.h"

namespace fluxo::engine {

/// Everything one engine owns.
struct EngineState {
  std::shared_ptr<runtime::TopicClient> topics;
  planner::Catalog catalog;
  std::map<std::string, std::string> properties;
  std::map<std::string, std::string> variables;  ///< DEFINE name = 'value'.
  std::vector<std::unique_ptr<PersistentQuery>> queries;
  ProcessingLog processing_log;
  int next_query_number = 0;
  const functions::FunctionRegistry* functions = &functions::FunctionRegistry::BuiltIn();
};

// Statement executors, one family per file. Each returns the result or throws fluxo::Error.
StatementResult ExecuteCreateSource(EngineState& state,
                                    const ast::CreateSource& create,
                                    const std::string& text);
StatementResult ExecuteDropSource(EngineState& state, const ast::DropSource& drop);
StatementResult ExecuteCreateType(EngineState& state, const ast::CreateType& create);
StatementResult ExecuteDropType(EngineState& state, const ast::DropType& drop);

StatementResult ExecuteCreateSourceAs(EngineState& state,
                                      const ast::CreateSourceAs& create,
                                      const std::string& text);
StatementResult ExecuteInsertInto(EngineState& state,
                                  const ast::InsertInto& insert,
                                  const std::string& text);
StatementResult ExecuteInsertValues(EngineState& state, const ast::InsertValues& insert);
StatementResult ExecuteQueryControl(EngineState& state, const ast::QueryControl& control);

StatementResult ExecuteShow(EngineState& state, const ast::Show& show);
StatementResult ExecuteDescribeSource(EngineState& state, const ast::DescribeSource& describe);
StatementResult ExecuteDescribeSources(EngineState& state, const ast::DescribeSources& describe);
StatementResult ExecuteDescribeFunction(EngineState& state, const ast::DescribeFunction& describe);
StatementResult ExecuteExplain(EngineState& state, const ast::Explain& explain);

}  // namespace fluxo::engine
