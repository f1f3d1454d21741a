#include "runtime/functions/java_regex.h"

#include <map>

#include "runtime/core/error.h"
#include "runtime/functions/java_text.h"

namespace fluxo::functions {

namespace {

constexpr size_t kCachedPatterns = 64;

Error ReplacementError(const std::string& message) {
  return Error(ErrorKind::kExecution, "Invalid replacement string: " + message);
}

}  // namespace

std::wstring ToWide(std::string_view utf8) {
  const std::u32string code_points = ToCodePoints(utf8);
  return {code_points.begin(), code_points.end()};
}

std::string FromWide(std::wstring_view wide) {
  const std::u32string code_points(wide.begin(), wide.end());
  return FromCodePoints(code_points);
}

std::shared_ptr<const JavaRegex> CompileJavaRegex(const std::string& pattern) {
  // Patterns are mostly literals, compiled once per thread; a small cache bounds the memory
  // that patterns taken from columns can use.
  thread_local std::map<std::string, std::shared_ptr<const JavaRegex>> cache;
  const auto found = cache.find(pattern);
  if (found != cache.end()) {
    return found->second;
  }
  auto flags = std::regex_constants::ECMAScript;
  std::string_view body = pattern;
  if (body.substr(0, 4) == "(?i)") {
    flags |= std::regex_constants::icase;
    body.remove_prefix(4);
  }
  std::shared_ptr<JavaRegex> compiled;
  try {
    compiled = std::make_shared<JavaRegex>(JavaRegex{std::wregex(ToWide(body), flags), pattern});
  } catch (const std::regex_error&) {
    throw Error(ErrorKind::kExecution, "Invalid regular expression pattern: " + pattern);
  }
  if (cache.size() >= kCachedPatterns) {
    cache.clear();
  }
  cache.emplace(pattern, compiled);
  return compiled;
}

std::wstring ToRegexFormat(std::wstring_view java_replacement, const JavaRegex& regex) {
  const auto groups = static_cast<long>(regex.regex.mark_count());
  std::wstring format;
  for (size_t i = 0; i < java_replacement.size(); ++i) {
    const wchar_t c = java_replacement[i];
    if (c == L'\\') {
      if (++i == java_replacement.size()) {
        throw ReplacementError("character to be escaped is missing");
      }
      format +=
          java_replacement[i] == L'$' ? std::wstring(L"$$") : std::wstring(1, java_replacement[i]);
    } else if (c == L'$') {
      if (++i == java_replacement.size()) {
        throw ReplacementError("group index is missing");
      }
      if (java_replacement[i] < L'0' || java_replacement[i] > L'9') {
        throw ReplacementError("illegal group reference");
      }
      // Java reads as many digits as still name an existing group.
      long group = java_replacement[i] - L'0';
      while (i + 1 < java_replacement.size() && java_replacement[i + 1] >= L'0' &&
             java_replacement[i + 1] <= L'9' &&
             group * 10 + (java_replacement[i + 1] - L'0') <= groups) {
        group = group * 10 + (java_replacement[++i] - L'0');
      }
      if (group > groups || group > 99) {
        throw ReplacementError("no group " + std::to_string(group));
      }
      // Two digits always, so that a literal digit after the reference stays literal.
      format += L'$';
      format += static_cast<wchar_t>(L'0' + group / 10);
      format += static_cast<wchar_t>(L'0' + group % 10);
    } else {
      format += c;
    }
  }
  return format;
}

}  // namespace fluxo::functions
