#pragma once

#include <string>

#include "planner/catalog/catalog.h"

namespace fluxo::planner {

/// Returns ksqlDB's hint for a source name that is unknown only because of its case, starting
/// with a line break, or "" when no source differs from `name` only in case:
///  * `INPUT` (written unquoted) where only "input" exists: `Did you mean "input"? Hint: wrap
///    the source name in double quotes to make it case-sensitive.`
///  * `input` (written quoted) where only INPUT exists: `Did you mean INPUT? Hint: try removing
///    double quotes from the source name.`
std::string SourceNameCaseHint(const Catalog& catalog, const std::string& name);

}  // namespace fluxo::planner
