#pragma once

#include <map>
#include <string>
#include <string_view>

namespace fluxo::parser {

/// Replaces each `${name}` in a statement's text by the value of the variable `name`, as
/// ksqlDB's variable substitution does after `DEFINE name = 'value'`: in plain SQL text, in
/// string literals (`value_format='${format}'`) and in quoted identifiers, but not in
/// comments. Names match case-insensitively (DEFINE stores them upper-cased unless quoted):
/// the upper-cased name is looked up first, then the name as written. A reference to a
/// variable that is not defined throws fluxo::Error (kBinding) with the span of `${name}`.
/// The value is inserted as it is: `DEFINE n = '3'` makes `LIMIT ${n}` read `LIMIT 3`.
std::string SubstituteVariables(std::string_view text,
                                const std::map<std::string, std::string>& variables);

}  // namespace fluxo::parser
