#include "planner/catalog/catalog.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

constexpr size_t kMaxSuggestionDistance = 2;

}  // namespace

const char* SourceTypeName(SourceType type) {
  return type == SourceType::kTable ? "TABLE" : "STREAM";
}

bool Catalog::AddSource(SourceDescription source, bool or_replace, bool if_not_exists) {
  auto existing = sources_.find(source.name);
  if (existing != sources_.end()) {
    if (if_not_exists) {
      return false;
    }
    if (!or_replace) {
      throw Error(ErrorKind::kPlanning,
                  "Cannot add " + std::string(SourceTypeName(source.type)) + " '" + source.name +
                      "': A " + SourceTypeName(existing->second.type) +
                      " with the same name already exists");
    }
    if (existing->second.type != source.type) {
      throw Error(ErrorKind::kPlanning,
                  "Cannot replace " + std::string(SourceTypeName(existing->second.type)) + " '" +
                      source.name + "' with a " + SourceTypeName(source.type));
    }
  }
  std::string name = source.name;
  sources_.insert_or_assign(std::move(name), std::move(source));
  return true;
}

bool Catalog::DropSource(const std::string& name, bool if_exists) {
  if (sources_.erase(name) > 0) {
    return true;
  }
  if (if_exists) {
    return false;
  }
  std::string message = "Source " + name + " does not exist.";
  if (const std::string suggestion = SuggestSource(name); !suggestion.empty()) {
    message += " Did you mean " + suggestion + "?";
  }
  throw Error(ErrorKind::kPlanning, message);
}

const SourceDescription* Catalog::FindSource(const std::string& name) const {
  auto found = sources_.find(name);
  return found == sources_.end() ? nullptr : &found->second;
}

std::vector<const SourceDescription*> Catalog::ListSources(SourceType type) const {
  std::vector<const SourceDescription*> sources;
  for (const auto& [name, source] : sources_) {
    if (source.type == type) {
      sources.push_back(&source);
    }
  }
  return sources;
}

std::string Catalog::SuggestSource(const std::string& name) const {
  std::string best;
  size_t best_distance = kMaxSuggestionDistance + 1;
  for (const auto& [candidate, source] : sources_) {
    const size_t distance = NameDistance(name, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

bool Catalog::AddType(const std::string& name, SqlTypePtr type, bool if_not_exists) {
  if (types_.count(name) > 0) {
    if (if_not_exists) {
      return false;
    }
    throw Error(ErrorKind::kPlanning,
                "Cannot register custom type '" + name +
                    "' since it is already registered with type: " + types_.at(name)->ToString());
  }
  types_.emplace(name, std::move(type));
  return true;
}

bool Catalog::DropType(const std::string& name, bool if_exists) {
  if (types_.erase(name) > 0) {
    return true;
  }
  if (if_exists) {
    return false;
  }
  throw Error(ErrorKind::kPlanning, "Type " + name + " does not exist.");
}

SqlTypePtr Catalog::FindType(const std::string& name) const {
  auto found = types_.find(name);
  return found == types_.end() ? nullptr : found->second;
}

size_t NameDistance(const std::string& left, const std::string& right) {
  // Levenshtein distance over case-folded ASCII, one row at a time.
  std::vector<size_t> previous(right.size() + 1);
  std::vector<size_t> current(right.size() + 1);
  for (size_t j = 0; j <= right.size(); ++j) {
    previous[j] = j;
  }
  for (size_t i = 1; i <= left.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= right.size(); ++j) {
      const bool same = std::toupper(static_cast<unsigned char>(left[i - 1])) ==
                        std::toupper(static_cast<unsigned char>(right[j - 1]));
      current[j] =
          std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
    }
    std::swap(previous, current);
  }
  return previous[right.size()];
}

}  // namespace fluxo::planner
