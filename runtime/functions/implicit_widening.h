#pragma once

#include "runtime/core/sql_type.h"

namespace fluxo::functions {

/// The DECIMAL type an INT (DECIMAL(10, 0)) or BIGINT (DECIMAL(19, 0)) widens to; a DECIMAL
/// type is returned as it is. Other kinds give nullptr.
SqlTypePtr DecimalTypeFor(const SqlTypePtr& type);

/// Returns how many steps along INT -> BIGINT -> DECIMAL -> DOUBLE it takes to widen `from`
/// to `to` (0 for the same type, summed over elements for ARRAY and MAP values), or -1 when
/// ksqlDB does not widen `from` to `to` implicitly. Any DECIMAL widens to any DECIMAL in 0
/// steps: function parameters declared DECIMAL take every precision and scale.
int WideningSteps(const SqlTypePtr& from, const SqlTypePtr& to);

/// Returns the narrowest type both `left` and `right` widen to (numbers along the chain, a
/// DECIMAL wide enough for both, element-wise for ARRAY and MAP), or nullptr when there is
/// none. A nullptr side (a NULL literal) gives the other side.
SqlTypePtr CommonWidenedType(const SqlTypePtr& left, const SqlTypePtr& right);

}  // namespace fluxo::functions
