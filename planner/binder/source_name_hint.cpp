#include "planner/binder/source_name_hint.h"

#include <cctype>

namespace fluxo::planner {

namespace {

std::string Upper(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

}  // namespace

std::string SourceNameCaseHint(const Catalog& catalog, const std::string& name) {
  const std::string upper = Upper(name);
  for (const SourceType type : {SourceType::kStream, SourceType::kTable}) {
    for (const SourceDescription* source : catalog.ListSources(type)) {
      if (source->name == name || Upper(source->name) != upper) {
        continue;
      }
      // An upper-case name is what an unquoted name becomes; the existing source was quoted.
      if (source->name == upper) {
        return "\nDid you mean " + source->name +
               "? Hint: try removing double quotes from the source name.";
      }
      return "\nDid you mean \"" + source->name +
             "\"? Hint: wrap the source name in double quotes to make it case-sensitive.";
    }
  }
  return "";
}

}  // namespace fluxo::planner
