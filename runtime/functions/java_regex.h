#pragma once

#include <memory>
#include <regex>
#include <string>
#include <string_view>

/// Regular expressions for the REGEXP_ functions. ksqlDB uses java.util.regex; Fluxo runs the
/// same patterns with std::wregex (ECMAScript grammar) over code points, which agrees on the
/// common syntax (classes, groups, alternation, greedy and lazy quantifiers, anchors,
/// lookahead). Java-only syntax (lookbehind, possessive quantifiers, named groups, \p{...})
/// is reported as an invalid pattern. A leading "(?i)" turns on case-insensitive matching.
namespace fluxo::functions {

/// A compiled pattern and the code-point text it runs on.
struct JavaRegex {
  std::wregex regex;
  std::string pattern;
};

/// Compiles `pattern` (cached per thread). Throws kExecution "Invalid regular expression
/// pattern: ..." when it does not compile.
std::shared_ptr<const JavaRegex> CompileJavaRegex(const std::string& pattern);

/// Converts UTF-8 text to the wide (code point) text the patterns run on, and back.
std::wstring ToWide(std::string_view utf8);
std::string FromWide(std::wstring_view wide);

/// Rewrites a Java replacement string ("$1", "\$") into std::regex's format syntax. Throws
/// kExecution for what Java rejects: a group that `regex` does not have, a trailing '\' or
/// '$', or a named group reference.
std::wstring ToRegexFormat(std::wstring_view java_replacement, const JavaRegex& regex);

}  // namespace fluxo::functions
