#include "runtime/aggregates/aggregate_function.h"

#include <utility>

#include "runtime/core/error.h"

namespace fluxo::aggregates {

AggregateFunction::AggregateFunction(std::string name,
                                     size_t num_column_arguments,
                                     SqlTypePtr result_type,
                                     SqlTypePtr intermediate_type)
    : name_(std::move(name)),
      num_column_arguments_(num_column_arguments),
      result_type_(std::move(result_type)),
      intermediate_type_(std::move(intermediate_type)) {}

void AggregateFunction::AccumulateInPlace(Value& state, const AggregateInput& input) const {
  state = Accumulate(state, input);
}

Value AggregateFunction::Undo(const Value& /*state*/, const AggregateInput& /*input*/) const {
  throw Error(ErrorKind::kInternal, "Aggregate function " + name_ + " does not support undo");
}

}  // namespace fluxo::aggregates
