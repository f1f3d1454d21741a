#pragma once

#include "runtime/aggregates/aggregate_registry.h"

namespace fluxo::aggregates {

// Each family of built-in aggregates adds itself to the registry (one .cpp per family).

/// Adds COUNT and COUNT_DISTINCT.
void AddCountAggregates(AggregateRegistry& registry);

/// Adds SUM and SUM_LIST.
void AddSumAggregates(AggregateRegistry& registry);

/// Adds AVG.
void AddAverageAggregate(AggregateRegistry& registry);

/// Adds MIN and MAX.
void AddMinMaxAggregates(AggregateRegistry& registry);

/// Adds COLLECT_LIST and COLLECT_SET.
void AddCollectAggregates(AggregateRegistry& registry);

/// Adds HISTOGRAM.
void AddHistogramAggregate(AggregateRegistry& registry);

/// Adds EARLIEST_BY_OFFSET and LATEST_BY_OFFSET.
void AddOffsetAggregates(AggregateRegistry& registry);

/// Adds TOPK and TOPKDISTINCT.
void AddTopKAggregates(AggregateRegistry& registry);

}  // namespace fluxo::aggregates
