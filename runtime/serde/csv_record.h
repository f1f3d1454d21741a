#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fluxo::serde {

// One CSV record as ksqlDB's DELIMITED format reads and writes it: Apache Commons CSV 1.4 with
// CSVFormat.DEFAULT (quote '"', no escape character, empty lines ignored) and the chosen
// delimiter.

/// Returns the fields of the first record in `text`; empty lines before it are skipped and
/// anything after it is ignored. A quoted field is unquoted ("" inside becomes "). An empty
/// field, quoted or not, is "". Returns no fields when the text holds no record. Throws
/// fluxo::Error of kind kExecution with Commons CSV's message for a quoted field that does not
/// end, or that is followed by something other than whitespace, the delimiter or a line end.
std::vector<std::string> ReadCsvRecord(std::string_view text, char delimiter);

/// Appends one non-NULL field (the caller appends delimiters; a NULL field is appended as
/// nothing). Quotes it with Commons CSV 1.4's MINIMAL rule: an empty field that starts the
/// record; a first field that does not start with an ASCII letter or digit; any field that
/// starts with a character up to '#' (space, '!', '"', '#', control characters), contains the
/// delimiter, a quote, CR or LF, or ends with a character up to the space. A quoted field has its
/// quotes doubled. So -1.5 written first is "-1.5", and 'a b' anywhere stays a b.
void AppendCsvField(std::string_view text, bool first, char delimiter, std::string& out);

}  // namespace fluxo::serde
