#pragma once

#include <string>
#include <string_view>

namespace fluxo::state {

/// Returns the name of an operator's state store: `<operator id>.<role>`, where the operator
/// id comes from the physical plan (`<query id>.<step>`, stable across restarts) and the role
/// says which of the operator's stores it is ("Aggregate", "Left", "Right", ...). The name is
/// `<query_id>.<operator_id>.<role>` of DESIGN.md: names never come from counters or
/// pointers, so a restarted task finds its state (and, later, its changelog topics) again.
/// Throws fluxo::Error (kInternal) when the result is not a valid store name.
std::string StoreName(std::string_view operator_id, std::string_view role);

/// Throws fluxo::Error (kInternal) unless `name` is a valid store name: not empty, at most
/// 200 bytes, printable ASCII without '#' (which marks the column families Fluxo adds itself)
/// and without '/' or '\', and not RocksDB's "default".
void ValidateStoreName(std::string_view name);

}  // namespace fluxo::state
