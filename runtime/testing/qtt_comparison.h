#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/core/sql_type.h"
#include "runtime/testing/qtt_case.h"
#include "runtime/testing/qtt_record_codec.h"

/// The rules that decide whether an actual output record matches an expected one
/// (FORMAT.md §7). Every function returns nothing on a match and otherwise one line saying
/// what differs: which part of which record, and the expected and actual text.
namespace fluxo::qtt {

/// Compares expected JSON with actual JSON by §7.4, guided by the actual column type `type`
/// (may be null): objects by field count and names (exact or upper-cased; a missing field
/// counts as null, as upstream's Map.get lookup makes it), arrays in order,
/// strings as strings (or as decimals, or as base64 of BYTES), numbers by what the actual is:
/// an integer actual against the expected number truncated, a decimal actual exactly with its
/// scale, and a DOUBLE column numerically (§7.5's recommendation, see DoublesMatch).
std::optional<std::string> MatchJson(const Json& expected,
                                     const Json& actual,
                                     const SqlTypePtr& type);

/// Compares an expected key or value with one side of an actual record, splitting DELIMITED
/// lines into fields when the whole lines differ (so DOUBLE fields compare numerically).
std::optional<std::string> MatchSide(const Json& expected, const DecodedSide& actual);

/// Compares one record by §7.3: window, key, value, headers, and the timestamp when expected
/// has one (a timestamp of 0 only when `check_zero_timestamp`).
std::optional<std::string> MatchRecord(const QttRecord& expected,
                                       const ActualRecord& actual,
                                       bool check_zero_timestamp);

/// Compares everything written to one topic with the records expected there: equal counts and
/// pairwise equal records, in order. The reason names the topic and the record.
std::optional<std::string> MatchTopic(const std::string& topic,
                                      const std::vector<const QttRecord*>& expected,
                                      const std::vector<ActualRecord>& actual,
                                      bool check_zero_timestamp);

/// Returns true when two decimal literals are equal as Java's BigDecimal.equals says: same
/// value and same scale ("1.10" vs "1.1" differ; "2.5E1" equals "25" only in value, not scale).
bool DecimalLiteralsEqual(const std::string& left, const std::string& right);

/// Returns true when two doubles are equal within an absolute 1e-6 (upstream's rule for binary
/// doubles) or a relative 1e-12 (Java's non-shortest Double.toString forms, summation order).
bool DoublesMatch(double expected, double actual);

/// Splits a DELIMITED line into its fields: `"` quotes a field and doubles inner quotes.
std::vector<std::string> SplitDelimited(const std::string& line, char delimiter);

/// Returns an expected record as one line: `key=1 value={"A":1} timestamp=0 window=[0,10,time]`.
std::string DescribeExpected(const QttRecord& record);

/// Returns an actual record as one line, in the same form.
std::string DescribeActual(const ActualRecord& record);

}  // namespace fluxo::qtt
