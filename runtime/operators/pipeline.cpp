#include "runtime/operators/pipeline.h"

#include <utility>

#include "runtime/operators/filter_operator.h"
#include "runtime/operators/select_operator.h"
#include "runtime/operators/sink_operator.h"

namespace fluxo::runtime {

namespace {

// Hands each batch to the next operator of the chain.
class ChainEmitter final : public Emitter {
 public:
  ChainEmitter(Operator* next, Emitter* after) : next_(next), after_(after) {}

  void Emit(RowBatch&& batch) override { next_->Process(std::move(batch), *after_); }

 private:
  Operator* next_;
  Emitter* after_;
};

// After the sink: nothing.
class EndEmitter final : public Emitter {
 public:
  void Emit(RowBatch&&) override {}
};

}  // namespace

std::unique_ptr<Pipeline> Pipeline::Build(const planner::PhysicalPlan& plan,
                                          TopicClient& topics,
                                          ProcessingLog& processing_log) {
  const OperatorContext context{plan.query_id, plan.source.source.topic, &processing_log};
  std::unique_ptr<Pipeline> pipeline(new Pipeline());
  pipeline->source_ = std::make_unique<SourceReader>(plan.source, context);
  if (plan.filter.has_value()) {
    const bool over_table = plan.source.source.type == planner::SourceType::kTable;
    pipeline->operators_.push_back(
        std::make_unique<FilterOperator>(*plan.filter, over_table, context));
  }
  if (plan.repartition.has_value()) {
    pipeline->operators_.push_back(
        std::make_unique<SelectOperator>(*plan.repartition, /*rekeys=*/true, context));
  }
  pipeline->operators_.push_back(
      std::make_unique<SelectOperator>(plan.projection, /*rekeys=*/false, context));
  pipeline->operators_.push_back(std::make_unique<SinkOperator>(plan.sink, topics, context));
  pipeline->ConnectOperators();
  return pipeline;
}

void Pipeline::ConnectOperators() {
  // From the end of the chain backwards: each emitter forwards to the next operator.
  emitters_.resize(operators_.size());
  emitters_.back() = std::make_unique<EndEmitter>();
  for (size_t i = operators_.size() - 1; i-- > 0;) {
    emitters_[i] = std::make_unique<ChainEmitter>(operators_[i + 1].get(), emitters_[i + 1].get());
  }
}

void Pipeline::Push(const std::vector<TopicRecord>& records) {
  RowBatch batch = source_->Read(records);
  if (batch.empty()) {
    return;
  }
  operators_.front()->Process(std::move(batch), *emitters_.front());
}

}  // namespace fluxo::runtime
