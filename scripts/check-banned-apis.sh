#!/usr/bin/env bash
# Checks the rules clang-tidy cannot express (STYLE.md section 8, "Banned APIs"). Each rule names
# a pattern, where it is banned, and why. Prints every violation as file:line with the reason,
# and exits 1 if there is any.
#
# Usage: check-banned-apis.sh [REPO_ROOT]   (default: the repository holding this script)
#
# Matching is line-based: the part of a line after `//` is ignored, so comments may mention a
# banned name. To allow one file, add it to the rule's allow-list below with a reason.
set -euo pipefail

repo_root=${1:-"$(dirname "${BASH_SOURCE[0]}")/.."}
cd "$repo_root"

source_dirs=(parser planner runtime cli tests bench)
violations=0

# source_files DIR...: the C++ sources under the given directories that exist, one per line.
source_files() {
  local dir
  for dir in "$@"; do
    if [ -d "$dir" ]; then
      find "$dir" -type f \( -name '*.cpp' -o -name '*.cc' -o -name '*.h' -o -name '*.hpp' \) \
        | sort
    fi
  done
}

# check_rule NAME PATTERN REASON SCOPE EXCEPT ALLOW
#   PATTERN  an extended regular expression (grep -E)
#   SCOPE    space-separated directories whose files the rule applies to
#   EXCEPT   space-separated directory prefixes inside SCOPE where the pattern is fine ("" = none)
#   ALLOW    space-separated files where the pattern is fine ("" = none)
check_rule() {
  local name=$1 pattern=$2 reason=$3 scope=$4 except=$5 allow=$6
  reason=${reason//$'\n'/ }  # Reasons are wrapped in this file; print each on one line.
  local file prefix skip hit line_number line_text
  # shellcheck disable=SC2086  # SCOPE is a word list on purpose.
  while IFS= read -r file; do
    skip=false
    for prefix in $except; do
      case "$file" in "$prefix"*) skip=true ;; esac
    done
    for prefix in $allow; do
      if [ "$file" = "$prefix" ]; then skip=true; fi
    done
    if $skip; then
      continue
    fi
    # Drop `//` comments (line count unchanged), then search.
    while IFS= read -r hit; do
      line_number=${hit%%:*}
      line_text=$(sed -n "${line_number}p" "$file" | sed -E 's/^[[:space:]]+//')
      echo "$file:$line_number: [$name] $line_text"
      echo "    reason: $reason"
      violations=$((violations + 1))
    done < <(sed -E 's://.*$::' "$file" | grep -nE "$pattern" || true)
  done < <(source_files $scope)
}

# 1. Console output from library code.
console_pattern='std::(cout|cerr|clog)([^[:alnum:]_]|$)'
console_pattern+='|(^|[^[:alnum:]_:])(std::)?(printf|fprintf|puts)[[:space:]]*\('
check_rule "console-output" "$console_pattern" \
  "parser/, planner/ and runtime/ return values or throw fluxo::Error; only the front ends in
cli/ print, and the runtime reports through runtime/core/log (the one allowed writer) and its
processing log" \
  "parser planner runtime" "" "runtime/core/log.cpp"

# 2. librdkafka outside its wrapper.
# Allowed: the version line, the Kafka bench's bare reference loop, and the test of the error
# classification (it needs librdkafka's own error codes and error objects).
check_rule "raw-librdkafka" \
  'rd_kafka_|#[[:space:]]*include[[:space:]]*[<"]librdkafka/' \
  "librdkafka is used only through the RAII wrappers in runtime/kafka/, which convert its
errors in one place (STYLE.md 6 and 9.6); cli/main.cpp may print its version" \
  "${source_dirs[*]}" "runtime/kafka/" \
  "cli/main.cpp bench/kafka/bare_librdkafka_loop.cpp tests/unit/kafka/kafka_error_class_test.cpp"

# 3. Generated ANTLR code outside the parser.
check_rule "generated-parser-include" \
  '#[[:space:]]*include[[:space:]]*[<"](Sql[A-Za-z]*\.h|antlr4-runtime\.h|antlr4/)' \
  "only parser/ sees ANTLR-generated headers and the ANTLR runtime; everything else works on
the AST in parser/ast/ (STYLE.md 9.3)" \
  "${source_dirs[*]}" "parser/" ""

# 4. Unchecked downcasts in the compiler.
check_rule "dynamic-cast" \
  '(^|[^[:alnum:]_])dynamic_cast[[:space:]]*<' \
  "use the node's checked As<T>()/Is<T>() instead of dynamic_cast chains (STYLE.md 9.2)" \
  "parser planner" "" ""

if [ "$violations" -ne 0 ]; then
  echo "check-banned-apis: $violations violation(s)"
  exit 1
fi
echo "check-banned-apis: no violations"
