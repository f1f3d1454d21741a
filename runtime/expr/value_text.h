#pragma once

#include <string>

#include "runtime/core/sql_type.h"
#include "runtime/core/value.h"

namespace fluxo::expr {

/// Writes a double as Java's Double.toString does: the shortest digits that read back as the
/// same double, in plain notation with at least one fraction digit for magnitudes in
/// [10^-3, 10^7) ("1.0", "0.001", "1234567.5") and in Java's exponent notation otherwise
/// ("1.0E7", "1.234E-5", "-4.9E-324"); also "NaN", "Infinity", "-Infinity", "0.0" and "-0.0".
std::string FormatJavaDouble(double value);

/// Writes a non-NULL value of `type` as CAST(value AS STRING) does in ksqlDB:
///  * BOOLEAN "true"/"false"; INT and BIGINT in decimal; DOUBLE by FormatJavaDouble;
///  * DECIMAL with its scale ("10.00", BigDecimal.toPlainString); STRING as it is;
///  * TIMESTAMP "2020-01-01T00:00:00.000", DATE "2020-01-31", TIME "10:00" or "10:00:05" (UTC);
///  * ARRAY "[1, 3]", MAP "{k1=1, k2=2}" (entries in their order), STRUCT "Struct{A=1,B=x}"
///    (fields whose value is NULL left out), as Java's List, Map and Kafka Connect's Struct
///    print themselves. Nested values print as their Java objects do: NULL as "null", strings
///    without quotes, DECIMAL by BigDecimal.toString ("1E-7"), TIMESTAMP as java.sql.Timestamp
///    ("2020-01-01 00:00:00.0"), BYTES as the java.nio.HeapByteBuffer they are in ksqlDB.
/// BYTES itself cannot be cast to STRING; it prints as the nested form here.
std::string ValueToText(const Value& value, const SqlType& type);

}  // namespace fluxo::expr
