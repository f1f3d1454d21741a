#pragma once

#include <map>
#include <string>
#include <vector>

#include "planner/catalog/source_description.h"
#include "runtime/core/sql_type.h"

namespace fluxo::planner {

/// The streams, tables and named types of one engine, with ksqlDB's DDL rules. Not thread-safe:
/// the engine serialises statements.
class Catalog {
 public:
  /// Adds `source`. With `or_replace` an existing source of the same type is replaced; without
  /// it an existing name is an error (kPlanning) unless `if_not_exists`, which leaves the old
  /// one and returns false. Returns true when the catalog changed.
  bool AddSource(SourceDescription source, bool or_replace, bool if_not_exists);

  /// Removes the source `name`. A missing source is an error unless `if_exists` (then returns
  /// false). Returns true when it was removed.
  bool DropSource(const std::string& name, bool if_exists);

  /// Returns the source called `name`, or nullptr.
  const SourceDescription* FindSource(const std::string& name) const;

  /// Returns the sources of one type, sorted by name.
  std::vector<const SourceDescription*> ListSources(SourceType type) const;

  /// Returns the name of an existing source that differs from `name` only a little (case or
  /// one or two characters), for "Did you mean ...?" hints; empty when there is none.
  std::string SuggestSource(const std::string& name) const;

  /// Registers a named type (CREATE TYPE). Same rules as AddSource without OR REPLACE.
  bool AddType(const std::string& name, SqlTypePtr type, bool if_not_exists);

  /// Removes a named type (DROP TYPE).
  bool DropType(const std::string& name, bool if_exists);

  /// Returns the named type, or nullptr.
  SqlTypePtr FindType(const std::string& name) const;

  /// Returns all named types, sorted by name.
  const std::map<std::string, SqlTypePtr>& types() const { return types_; }

 private:
  std::map<std::string, SourceDescription> sources_;
  std::map<std::string, SqlTypePtr> types_;
};

/// Returns the edit distance between two names, ignoring case (for "Did you mean" hints).
size_t NameDistance(const std::string& left, const std::string& right);

}  // namespace fluxo::planner
