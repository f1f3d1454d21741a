#include "runtime/operators/pipeline.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "runtime/operators/aggregate_operator.h"
#include "runtime/operators/filter_operator.h"
#include "runtime/operators/join_operator.h"
#include "runtime/operators/materialize_operator.h"
#include "runtime/operators/repartition_reader.h"
#include "runtime/operators/repartition_writer.h"
#include "runtime/operators/select_operator.h"
#include "runtime/operators/session_aggregate_operator.h"
#include "runtime/operators/sink_operator.h"
#include "runtime/operators/source_columns_read.h"
#include "runtime/operators/stream_stream_join_operator.h"
#include "runtime/operators/stream_table_join_operator.h"
#include "runtime/operators/table_changes_operator.h"
#include "runtime/operators/table_table_join_operator.h"

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

// The operator of one join of `plan`: which one depends on what its inputs are.
std::unique_ptr<Operator> MakeJoinOperator(const planner::PhysicalPlan& plan,
                                           const planner::JoinStep& step,
                                           const OperatorContext& context) {
  switch (step.join.kind) {
    case planner::JoinKind::kStreamStream:
      return std::make_unique<StreamStreamJoinOperator>(step, context);
    case planner::JoinKind::kStreamTable:
      return std::make_unique<StreamTableJoinOperator>(step, context, JoinedColumnsRead(plan));
    case planner::JoinKind::kTableTable:
      return std::make_unique<TableTableJoinOperator>(step, context);
  }
  return nullptr;
}

}  // namespace

Pipeline::~Pipeline() = default;

std::unique_ptr<Pipeline> Pipeline::Build(const planner::PhysicalPlan& plan,
                                          TopicClient& topics,
                                          ProcessingLog& processing_log,
                                          state::StateInstance& state,
                                          const RepartitionTopics& repartitions) {
  std::unique_ptr<Pipeline> pipeline(new Pipeline());
  const OperatorContext context{
      plan.query_id, plan.source.source.topic, &processing_log, &state, &pipeline->counters_};
  std::vector<std::unique_ptr<Operator>> chain;
  std::vector<JoinOperator*> joins;
  for (const planner::JoinStep& join : plan.joins) {
    chain.push_back(MakeJoinOperator(plan, join, context));
    joins.push_back(static_cast<JoinOperator*>(chain.back().get()));
  }
  if (plan.filter.has_value()) {
    const bool over_table = plan.source.source.type == planner::SourceType::kTable;
    chain.push_back(std::make_unique<FilterOperator>(*plan.filter, over_table, context));
  }
  if (plan.repartition.has_value()) {
    chain.push_back(std::make_unique<SelectOperator>(*plan.repartition, /*rekeys=*/true, context));
  }
  if (plan.table_changes.has_value()) {
    chain.push_back(std::make_unique<TableChangesOperator>(*plan.table_changes, context));
  }
  // A GROUP BY through a repartition topic: the source's rows end in the topic, and the
  // topic's rows go on to the aggregation.
  const auto group_by = plan.group_by_repartition.has_value() && joins.empty()
                            ? repartitions.find(plan.group_by_repartition->operator_id)
                            : repartitions.end();
  RepartitionWriter* writer = nullptr;
  std::vector<std::unique_ptr<Operator>> aggregate_chain;
  if (group_by != repartitions.end()) {
    auto written = std::make_unique<RepartitionWriter>(
        *plan.group_by_repartition, group_by->second.name, group_by->second.partitions, topics);
    writer = written.get();
    chain.push_back(std::move(written));
  }
  std::vector<std::unique_ptr<Operator>>& rest = writer != nullptr ? aggregate_chain : chain;
  if (plan.aggregate.has_value()) {
    const auto& window = plan.aggregate->aggregation.window;
    if (window.has_value() && window->kind == window::WindowKind::kSession) {
      rest.push_back(std::make_unique<SessionAggregateOperator>(*plan.aggregate, context));
    } else {
      rest.push_back(std::make_unique<AggregateOperator>(*plan.aggregate, context));
    }
  }
  rest.push_back(std::make_unique<SelectOperator>(plan.projection, /*rekeys=*/false, context));
  if (plan.materialize.has_value() && !plan.materialize->from_aggregate) {
    // An aggregation with collapsed changes emits each group at most once per commit (at its
    // Flush); the projection after it keeps the key, so the table can be written through.
    const bool collapsed =
        plan.aggregate.has_value() && plan.aggregate->collapse_changes &&
        !plan.aggregate->aggregation.emit_final &&
        !(plan.aggregate->aggregation.window.has_value() &&
          plan.aggregate->aggregation.window->kind == window::WindowKind::kSession);
    rest.push_back(std::make_unique<MaterializeOperator>(*plan.materialize, context, collapsed));
  }
  rest.push_back(std::make_unique<SinkOperator>(plan.sink, topics, context));
  pipeline->emitters_.push_back(std::make_unique<EndEmitter>());
  Emitter* end = pipeline->emitters_.back().get();
  Operator* first = chain.front().get();
  const std::vector<Emitter*> emitters = pipeline->Connect(std::move(chain), end);
  if (joins.empty()) {
    pipeline->AddInput(plan.source, context, first, emitters.front());
    pipeline->inputs_.back().writer = writer;
    if (const auto read = SourceColumnsRead(plan, 0)) {
      pipeline->inputs_.back().reader->IgnoreUnusedColumns(*read);
    }
    if (writer != nullptr) {
      pipeline->AddRepartitionInput(group_by->second.name, writer, std::move(aggregate_chain), end);
    }
    pipeline->SplitTopics();
    return pipeline;
  }
  // A join query: each source's rows become side rows, fed to the left input of the first
  // join (the first source) or to the right input of its join (every other source).
  for (size_t i = 0; i < plan.join_inputs.size(); ++i) {
    const planner::JoinInputStep& input = plan.join_inputs[i];
    OperatorContext input_context = context;
    input_context.source_topic = input.source.source.topic;
    std::vector<std::unique_ptr<Operator>> input_chain;
    input_chain.push_back(
        std::make_unique<SelectOperator>(input.prepare, /*rekeys=*/false, input_context));
    // Through a repartition topic: the source's side rows end in the topic, and the topic's
    // rows go on to the join.
    const auto repartition = input.repartition.has_value()
                                 ? repartitions.find(input.repartition->operator_id)
                                 : repartitions.end();
    RepartitionWriter* writer = nullptr;
    std::vector<std::unique_ptr<Operator>> join_chain;
    if (repartition != repartitions.end()) {
      auto written = std::make_unique<RepartitionWriter>(
          *input.repartition, repartition->second.name, repartition->second.partitions, topics);
      writer = written.get();
      input_chain.push_back(std::move(written));
    }
    std::vector<std::unique_ptr<Operator>>& to_join = writer != nullptr ? join_chain : input_chain;
    Emitter* tail = end;
    if (i == 0) {
      pipeline->emitters_.push_back(std::make_unique<ChainEmitter>(joins[0], emitters[0]));
      tail = pipeline->emitters_.back().get();
    } else {
      to_join.push_back(std::make_unique<JoinInputOperator>(*joins[i - 1], *emitters[i - 1]));
    }
    Operator* input_first = input_chain.front().get();
    const std::vector<Emitter*> input_emitters =
        pipeline->Connect(std::move(input_chain), writer != nullptr ? end : tail);
    pipeline->AddInput(input.source, input_context, input_first, input_emitters.front());
    pipeline->inputs_.back().writer = writer;
    pipeline->inputs_.back().reader->ReserveRowWidth(input.prepare.columns.size());
    if (const auto read = SourceColumnsRead(plan, i)) {
      pipeline->inputs_.back().reader->IgnoreUnusedColumns(*read);
    }
    if (writer == nullptr) {
      continue;
    }
    if (join_chain.empty()) {  // The first join's left input: straight into the join.
      pipeline->AddRepartitionInput(repartition->second.name, writer, joins[0], emitters[0]);
    } else {
      pipeline->AddRepartitionInput(repartition->second.name, writer, std::move(join_chain), end);
    }
  }
  pipeline->SplitTopics();
  return pipeline;
}

void Pipeline::AddRepartitionInput(const std::string& topic,
                                   RepartitionWriter* writer,
                                   Operator* first,
                                   Emitter* emitter) {
  Input input;
  input.topic = topic;
  input.repartition_reader = std::make_unique<RepartitionReader>();
  input.first = first;
  input.emitter = emitter;
  inputs_.push_back(std::move(input));
  topics_.push_back(topic);
  writers_[topic] = writer;
}

void Pipeline::AddRepartitionInput(const std::string& topic,
                                   RepartitionWriter* writer,
                                   std::vector<std::unique_ptr<Operator>> chain,
                                   Emitter* tail) {
  Operator* first = chain.front().get();
  Emitter* emitter = Connect(std::move(chain), tail).front();
  AddRepartitionInput(topic, writer, first, emitter);
}

void Pipeline::SplitTopics() {
  for (const std::string& topic : topics_) {
    const bool upstream = std::all_of(inputs_.begin(), inputs_.end(), [&](const Input& input) {
      return input.topic != topic || input.writer != nullptr;
    });
    (upstream ? upstream_topics_ : downstream_topics_).push_back(topic);
  }
}

uint64_t Pipeline::RepartitionWritten(const std::string& topic, int32_t partition) const {
  const auto writer = writers_.find(topic);
  if (writer == writers_.end() || partition < 0 ||
      static_cast<size_t>(partition) >= writer->second->written().size()) {
    return 0;
  }
  return writer->second->written()[static_cast<size_t>(partition)];
}

std::vector<Emitter*> Pipeline::Connect(std::vector<std::unique_ptr<Operator>> chain,
                                        Emitter* tail) {
  // From the end of the chain backwards: each emitter forwards to the next operator.
  std::vector<Emitter*> emitters(chain.size());
  emitters.back() = tail;
  for (size_t i = chain.size() - 1; i-- > 0;) {
    emitters_.push_back(std::make_unique<ChainEmitter>(chain[i + 1].get(), emitters[i + 1]));
    emitters[i] = emitters_.back().get();
  }
  for (size_t i = 0; i < chain.size(); ++i) {
    operators_.emplace_back(std::move(chain[i]), emitters[i]);
  }
  return emitters;
}

void Pipeline::AddInput(const planner::SourceStep& source,
                        const OperatorContext& context,
                        Operator* first,
                        Emitter* emitter) {
  Input input;
  input.topic = source.source.topic;
  input.reader = std::make_unique<SourceReader>(source, context);
  input.first = first;
  input.emitter = emitter;
  inputs_.push_back(std::move(input));
  if (std::find(topics_.begin(), topics_.end(), source.source.topic) == topics_.end()) {
    topics_.push_back(source.source.topic);
  }
}

void Pipeline::Flush() {
  for (const auto& [op, downstream] : operators_) {
    op->Flush(*downstream);
  }
}

void Pipeline::PushInto(const Input& input, const std::vector<TopicRecord>& records) {
  if (input.repartition_reader != nullptr) {
    RowBatch batch = input.repartition_reader->Read(records);
    if (!batch.empty()) {
      input.first->Process(std::move(batch), *input.emitter);
    }
    // Process took the batch by reference, so its rows (moved from or not) are still here.
    input.repartition_reader->Recycle(std::move(batch));  // NOLINT(bugprone-use-after-move)
    return;
  }
  if (input.writer != nullptr) {
    input.writer->SetSourceRecords(&records);
  }
  RowBatch batch = input.reader->Read(records);
  if (!batch.empty()) {
    input.first->Process(std::move(batch), *input.emitter);
  }
  input.reader->Recycle(std::move(batch));  // NOLINT(bugprone-use-after-move): as above.
  if (input.writer != nullptr) {
    input.writer->SetSourceRecords(nullptr);
  }
}

void Pipeline::Push(const std::vector<TopicRecord>& records) {
  PushInto(inputs_.front(), records);
}

void Pipeline::Push(const std::string& topic, const std::vector<TopicRecord>& records) {
  for (const Input& input : inputs_) {
    if (input.topic == topic) {
      PushInto(input, records);
    }
  }
}

}  // namespace fluxo::runtime
