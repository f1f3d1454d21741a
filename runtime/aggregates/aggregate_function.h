#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::aggregates {

/// What Accumulate and Undo see of one record.
struct AggregateInput {
  /// The values of the call's column arguments (the first num_column_arguments() arguments of
  /// the call, evaluated for this record), in call order. Empty for COUNT(*) and COUNT().
  std::span<const Value> arguments;
  /// A number that grows with every record the aggregation processes, over all keys and
  /// windows (a per-task counter kept with the state, or the input offset when one partition
  /// feeds the operator). EARLIEST_BY_OFFSET and LATEST_BY_OFFSET keep it in their state so
  /// that merging two session windows can tell which value came later, as ksqlDB does with
  /// its sequence counter. Others ignore it.
  int64_t sequence = 0;
};

/// One aggregate call site, created by AggregateRegistry::Create for concrete argument types
/// (and the literal arguments ksqlDB takes at creation, such as TOPK's k). Immutable and
/// thread-safe: all per-group data lives in the state Value, so a generic codec can persist it.
///
/// The state of a group is a Value of intermediate_type() (ksqlDB's aggregate type: AVG keeps
/// STRUCT<SUM, COUNT> as a List, COLLECT_LIST an ARRAY, ...). The aggregation operator
///  * starts every new group (or window) with Initial();
///  * folds in each record with Accumulate (a stream's rows, a table's new values);
///  * for a table source, takes a replaced or deleted row's old values out with Undo, which
///    only functions with SupportsUndo() offer (ksqlDB's TableUdaf: the planner rejects
///    aggregating a table with any other);
///  * for SESSION windows, combines the states of merged sessions with Merge;
///  * emits Result(state), a Value of result_type().
/// Errors: a result that does not fit its type (SUM of DECIMALs) throws fluxo::Error
/// kExecution "Numeric field overflow", as ksqlDB's KsqlFunctionException, which stops the
/// query (QTT sum.json "sum decimal with overflow").
class AggregateFunction {
 public:
  virtual ~AggregateFunction() = default;

  /// Returns the function name in upper case: "SUM".
  const std::string& name() const { return name_; }

  /// Returns how many leading arguments of the call are evaluated per record; the remaining
  /// trailing arguments were literals consumed at creation (TOPK's k, LATEST_BY_OFFSET's n
  /// and ignoreNulls).
  size_t num_column_arguments() const { return num_column_arguments_; }

  /// Returns the type of Result().
  const SqlTypePtr& result_type() const { return result_type_; }

  /// Returns the type of the state Values (ksqlDB's aggregate type). The planner rejects a
  /// value format that cannot hold it (DELIMITED with ARRAY or STRUCT: "One of the functions
  /// used in the statement has an intermediate type that the value format can not handle.").
  const SqlTypePtr& intermediate_type() const { return intermediate_type_; }

  /// Returns the state of a group that has seen no record.
  virtual Value Initial() const = 0;

  /// Returns `state` with one record folded in.
  virtual Value Accumulate(const Value& state, const AggregateInput& input) const = 0;

  /// Folds one record into `state` in place: the same as `state = Accumulate(state, input)`,
  /// which the default does. Fixed-width states (COUNT, SUM, MIN, MAX) override it so that an
  /// update builds no new Value.
  virtual void AccumulateInPlace(Value& state, const AggregateInput& input) const;

  /// Returns true when Undo is supported (ksqlDB's TableUdaf: COUNT, SUM, SUM_LIST, AVG,
  /// COLLECT_LIST, HISTOGRAM). For a table source the planner rejects the others with
  /// ksqlDB's "The aggregation functions LATEST_BY_OFFSET, MIN and MAX cannot be applied to a
  /// table source, only to a stream source." (names in call order, the last after "and").
  virtual bool SupportsUndo() const { return false; }

  /// Returns `state` with an earlier Accumulate of the same arguments taken back. Throws
  /// kInternal unless SupportsUndo().
  virtual Value Undo(const Value& state, const AggregateInput& input) const;

  /// Returns the state of two merged SESSION windows. `left` is the state gathered so far
  /// (starting from Initial()), `right` the state of one merged session, as Kafka Streams'
  /// merger gets them.
  virtual Value Merge(const Value& left, const Value& right) const = 0;

  /// Returns the value the query emits for `state`.
  virtual Value Result(const Value& state) const = 0;

 protected:
  AggregateFunction(std::string name,
                    size_t num_column_arguments,
                    SqlTypePtr result_type,
                    SqlTypePtr intermediate_type);

 private:
  std::string name_;
  size_t num_column_arguments_;
  SqlTypePtr result_type_;
  SqlTypePtr intermediate_type_;
};

}  // namespace fluxo::aggregates
