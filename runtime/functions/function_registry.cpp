#include "runtime/functions/function_registry.h"

#include <algorithm>
#include <cctype>
#include <tuple>
#include <utility>

#include "runtime/functions/builtin_functions.h"
#include "runtime/functions/implicit_widening.h"

namespace fluxo::functions {

namespace {

std::string UpperCase(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

/// One overload that fits the arguments, with what the choice between several depends on.
struct Candidate {
  const FunctionRegistry::Overload* overload;
  std::vector<SqlTypePtr> parameter_types;
  SqlTypePtr return_type;
  bool exact;
  int widening_steps;

  /// The ordering of ksqlDB's UdfIndex (fixed arity, more parameters, fewer generics), then
  /// the cheapest widening; smaller is better.
  auto Rank() const {
    return std::make_tuple(overload->variadic ? 1 : 0,
                           -static_cast<long>(overload->declared_parameters),
                           overload->generic_parameters,
                           widening_steps);
  }
};

void RegisterBuiltIns(FunctionRegistry& registry) {
  RegisterMathFunctions(registry);
  RegisterRoundingFunctions(registry);
  RegisterStringFunctions(registry);
  RegisterStringSearchFunctions(registry);
  RegisterBytesFunctions(registry);
  RegisterNullFunctions(registry);
  RegisterDateTimeFunctions(registry);
  RegisterCollectionFunctions(registry);
  RegisterJsonFunctions(registry);
}

}  // namespace

const FunctionRegistry& FunctionRegistry::BuiltIn() {
  static const FunctionRegistry built_in = [] {
    FunctionRegistry registry;
    RegisterBuiltIns(registry);
    return registry;
  }();
  return built_in;
}

const FunctionRegistry& FunctionRegistry::WithConformanceTestFunctions() {
  static const FunctionRegistry with_test_functions = [] {
    FunctionRegistry registry;
    RegisterBuiltIns(registry);
    RegisterConformanceTestFunctions(registry);
    return registry;
  }();
  return with_test_functions;
}

std::optional<ResolvedScalarFunction> FunctionRegistry::Resolve(
    const std::string& name, const std::vector<SqlTypePtr>& argument_types) const {
  const auto found = functions_.find(UpperCase(name));
  if (found == functions_.end()) {
    return std::nullopt;
  }
  std::vector<Candidate> candidates;
  for (const Overload& overload : found->second.overloads) {
    auto resolved = overload.resolve(argument_types);
    if (!resolved) {
      continue;
    }
    Candidate candidate{
        &overload, std::move(resolved->first), std::move(resolved->second), true, 0};
    for (size_t i = 0; i < argument_types.size(); ++i) {
      if (!argument_types[i]) {
        continue;  // A NULL literal fits every parameter exactly.
      }
      const int steps = WideningSteps(argument_types[i], candidate.parameter_types[i]);
      candidate.exact =
          candidate.exact && SameType(argument_types[i], candidate.parameter_types[i]);
      candidate.widening_steps += std::max(steps, 0);
    }
    candidates.push_back(std::move(candidate));
  }
  // ksqlDB looks for exact matches first and widens only when there is none.
  const bool any_exact =
      std::any_of(candidates.begin(), candidates.end(), [](const Candidate& c) { return c.exact; });
  const Candidate* best = nullptr;
  for (const Candidate& candidate : candidates) {
    if ((any_exact && !candidate.exact) || (best && !(candidate.Rank() < best->Rank()))) {
      continue;
    }
    best = &candidate;
  }
  if (!best) {
    return std::nullopt;
  }
  ScalarFunctionBody body =
      best->overload->make_body ? best->overload->make_body() : best->overload->body;
  return ResolvedScalarFunction{
      found->first, best->return_type, best->parameter_types, std::move(body)};
}

bool FunctionRegistry::Contains(const std::string& name) const {
  return functions_.count(UpperCase(name)) > 0;
}

std::vector<FunctionDescription> FunctionRegistry::List() const {
  std::vector<FunctionDescription> descriptions;
  descriptions.reserve(functions_.size());
  for (const auto& [name, entry] : functions_) {
    descriptions.push_back(entry.description);
  }
  return descriptions;
}

std::optional<FunctionDescription> FunctionRegistry::Describe(const std::string& name) const {
  const auto found = functions_.find(UpperCase(name));
  if (found == functions_.end()) {
    return std::nullopt;
  }
  return found->second.description;
}

void FunctionRegistry::Add(FunctionDescription description, std::vector<Overload> overloads) {
  description.name = UpperCase(description.name);
  for (const Overload& overload : overloads) {
    if (std::find(description.signatures.begin(),
                  description.signatures.end(),
                  overload.signature) == description.signatures.end()) {
      description.signatures.push_back(overload.signature);
    }
  }
  auto [position, inserted] = functions_.try_emplace(description.name);
  Entry& entry = position->second;
  if (inserted) {
    entry.description = std::move(description);
  } else {
    for (std::string& signature : description.signatures) {
      entry.description.signatures.push_back(std::move(signature));
    }
  }
  for (Overload& overload : overloads) {
    entry.overloads.push_back(std::move(overload));
  }
}

}  // namespace fluxo::functions
