#include "runtime/serde/csv_record.h"

#include "runtime/core/error.h"

namespace fluxo::serde {

namespace {

bool IsLineEnd(char c) {
  return c == '\r' || c == '\n';
}

/// Java's Character.isWhitespace for the ASCII range.
bool IsJavaWhitespace(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1C' && c <= '\x1F');
}

/// Returns the 1-based line of `position`, counting CR LF as one line end, as Commons CSV's
/// messages do.
size_t LineOf(std::string_view text, size_t position) {
  size_t line = 1;
  for (size_t i = 0; i < position && i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
    }
  }
  return line;
}

}  // namespace

std::vector<std::string> ReadCsvRecord(std::string_view text, char delimiter) {
  std::vector<std::string> fields;
  size_t position = 0;
  while (position < text.size() && IsLineEnd(text[position])) {
    ++position;
  }
  if (position == text.size()) {
    return fields;
  }
  while (true) {
    // At the start of a field.
    if (position == text.size() || IsLineEnd(text[position])) {
      fields.emplace_back();
      return fields;
    }
    if (text[position] == delimiter) {
      fields.emplace_back();
      ++position;
      continue;
    }
    if (text[position] != '"') {
      const size_t start = position;
      while (position < text.size() && text[position] != delimiter && !IsLineEnd(text[position])) {
        ++position;
      }
      fields.emplace_back(text.substr(start, position - start));
      if (position == text.size() || IsLineEnd(text[position])) {
        return fields;
      }
      ++position;  // the delimiter
      continue;
    }
    const size_t start = position++;
    std::string value;
    while (true) {
      if (position == text.size()) {
        throw Error(ErrorKind::kExecution,
                    "(startline " + std::to_string(LineOf(text, start)) +
                        ") EOF reached before encapsulated token finished");
      }
      const char c = text[position++];
      if (c != '"') {
        value.push_back(c);
        continue;
      }
      if (position < text.size() && text[position] == '"') {
        value.push_back('"');
        ++position;
        continue;
      }
      break;  // the closing quote
    }
    fields.push_back(std::move(value));
    while (position < text.size() && text[position] != delimiter && !IsLineEnd(text[position])) {
      if (!IsJavaWhitespace(text[position])) {
        throw Error(ErrorKind::kExecution,
                    "(line " + std::to_string(LineOf(text, position)) +
                        ") invalid char between encapsulated token and delimiter");
      }
      ++position;
    }
    if (position == text.size() || IsLineEnd(text[position])) {
      return fields;
    }
    ++position;  // the delimiter
  }
}

void AppendCsvField(std::string_view text, bool first, char delimiter, std::string& out) {
  bool quote = false;
  if (text.empty()) {
    quote = first;
  } else {
    const auto c = static_cast<unsigned char>(text.front());
    const bool alphanumeric =
        (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if ((first && !alphanumeric) || c <= '#') {
      quote = true;
    } else {
      for (const char byte : text) {
        if (byte == '\n' || byte == '\r' || byte == '"' || byte == delimiter) {
          quote = true;
          break;
        }
      }
      if (!quote && static_cast<unsigned char>(text.back()) <= ' ') {
        quote = true;
      }
    }
  }
  if (!quote) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (const char byte : text) {
    if (byte == '"') {
      out.push_back('"');
    }
    out.push_back(byte);
  }
  out.push_back('"');
}

}  // namespace fluxo::serde
