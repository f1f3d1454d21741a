#pragma once

#include <cstdint>

#include "runtime/operators/operator.h"

namespace fluxo::runtime {

/// Which input of a join a row comes from.
enum class JoinSide : uint8_t { kLeft, kRight };

/// An operator with two inputs: the stream-stream, stream-table and table-table joins. The
/// pipeline feeds the left input through Process (the join is the next operator of the left
/// input's chain) and the right input through a JoinInputOperator at the end of the right
/// input's chain. Both inputs are processed by the same task thread.
class JoinOperator : public Operator {
 public:
  /// Processes rows of the left input.
  void Process(RowBatch&& batch, Emitter& downstream) final {
    ProcessSide(JoinSide::kLeft, std::move(batch), downstream);
  }

  /// Processes rows of one input, in order, emitting the joined rows to `downstream`.
  virtual void ProcessSide(JoinSide side, RowBatch&& batch, Emitter& downstream) = 0;
};

/// The end of a join's right input chain: hands the rows to the join, whose results go to
/// the join's own downstream (not to this operator's).
class JoinInputOperator final : public Operator {
 public:
  JoinInputOperator(JoinOperator& join, Emitter& join_downstream)
      : join_(join), join_downstream_(join_downstream) {}

  void Process(RowBatch&& batch, Emitter& /*downstream*/) override {
    join_.ProcessSide(JoinSide::kRight, std::move(batch), join_downstream_);
  }

 private:
  JoinOperator& join_;
  Emitter& join_downstream_;
};

}  // namespace fluxo::runtime
