#include "runtime/aggregates/aggregate_registry.h"

#include <cctype>
#include <utility>

#include "runtime/aggregates/aggregate_arguments.h"
#include "runtime/aggregates/builtin_aggregates.h"
#include "runtime/core/error.h"

namespace fluxo::aggregates {
namespace {

std::string UpperCase(std::string_view name) {
  std::string upper(name);
  for (char& character : upper) {
    character = static_cast<char>(std::toupper(static_cast<unsigned char>(character)));
  }
  return upper;
}

AggregateRegistry BuildBuiltIn() {
  AggregateRegistry registry;
  AddAverageAggregate(registry);
  AddCollectAggregates(registry);
  AddCountAggregates(registry);
  AddHistogramAggregate(registry);
  AddMinMaxAggregates(registry);
  AddOffsetAggregates(registry);
  AddSumAggregates(registry);
  AddTopKAggregates(registry);
  return registry;
}

}  // namespace

const AggregateRegistry& AggregateRegistry::BuiltIn() {
  static const AggregateRegistry registry = BuildBuiltIn();
  return registry;
}

bool AggregateRegistry::Contains(std::string_view name) const {
  return Find(name) != nullptr;
}

std::shared_ptr<const AggregateFunction> AggregateRegistry::Create(
    std::string_view name,
    const std::vector<AggregateArgument>& arguments,
    const AggregateConfig& config) const {
  const Entry* entry = Find(name);
  if (entry == nullptr) {
    throw Error(ErrorKind::kBinding,
                "Can't find any functions with the name '" + UpperCase(name) + "'");
  }
  std::shared_ptr<const AggregateFunction> function = entry->factory(arguments, config);
  if (!function) {
    throw Error(ErrorKind::kType,
                "Function '" + entry->description.name + "' does not accept parameters (" +
                    ArgumentTypesText(arguments) + ")");
  }
  return function;
}

std::vector<functions::FunctionDescription> AggregateRegistry::List() const {
  std::vector<functions::FunctionDescription> list;
  list.reserve(aggregates_.size());
  for (const auto& [name, entry] : aggregates_) {
    list.push_back(entry.description);
  }
  return list;
}

std::optional<functions::FunctionDescription> AggregateRegistry::Describe(
    std::string_view name) const {
  const Entry* entry = Find(name);
  if (entry == nullptr) {
    return std::nullopt;
  }
  return entry->description;
}

void AggregateRegistry::Add(functions::FunctionDescription description, AggregateFactory factory) {
  std::string key = UpperCase(description.name);
  description.name = key;
  description.category = "AGGREGATE";
  aggregates_[key] = Entry{std::move(description), std::move(factory)};
}

const AggregateRegistry::Entry* AggregateRegistry::Find(std::string_view name) const {
  auto found = aggregates_.find(UpperCase(name));
  return found == aggregates_.end() ? nullptr : &found->second;
}

}  // namespace fluxo::aggregates
