#include "cli/shell/sql_type_name.h"

#include <cctype>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace fluxo::cli::shell {
namespace {

/// A recursive-descent reader over the type text; each method returns nullptr (or false) on
/// text it does not expect.
class TypeNameReader {
 public:
  explicit TypeNameReader(std::string_view text) : text_(text) {}

  SqlTypePtr ReadAll() {
    SqlTypePtr type = ReadType();
    SkipSpaces();
    return pos_ == text_.size() ? type : nullptr;
  }

 private:
  SqlTypePtr ReadType() {
    const std::string word = ReadWord();
    if (word == "BOOLEAN") {
      return SqlType::Boolean();
    }
    if (word == "INTEGER" || word == "INT") {
      return SqlType::Int();
    }
    if (word == "BIGINT") {
      return SqlType::Bigint();
    }
    if (word == "DOUBLE") {
      return SqlType::Double();
    }
    if (word == "STRING" || word == "VARCHAR") {
      return SqlType::String();
    }
    if (word == "BYTES") {
      return SqlType::Bytes();
    }
    if (word == "TIMESTAMP") {
      return SqlType::Timestamp();
    }
    if (word == "DATE") {
      return SqlType::Date();
    }
    if (word == "TIME") {
      return SqlType::Time();
    }
    if (word == "DECIMAL") {
      return ReadDecimal();
    }
    if (word == "ARRAY") {
      SqlTypePtr element;
      if (!Accept('<') || !(element = ReadType()) || !Accept('>')) {
        return nullptr;
      }
      return SqlType::Array(std::move(element));
    }
    if (word == "MAP") {
      SqlTypePtr key;
      SqlTypePtr value;
      if (!Accept('<') || !(key = ReadType()) || !Accept(',') || !(value = ReadType()) ||
          !Accept('>')) {
        return nullptr;
      }
      return SqlType::Map(std::move(key), std::move(value));
    }
    if (word == "STRUCT") {
      return ReadStruct();
    }
    return nullptr;
  }

  SqlTypePtr ReadDecimal() {
    int precision = 0;
    int scale = 0;
    if (!Accept('(') || !ReadNumber(precision) || !Accept(',') || !ReadNumber(scale) ||
        !Accept(')')) {
      return nullptr;
    }
    return SqlType::Decimal(precision, scale);
  }

  SqlTypePtr ReadStruct() {
    if (!Accept('<')) {
      return nullptr;
    }
    std::vector<StructField> fields;
    SkipSpaces();
    if (Peek() == '>') {
      ++pos_;
      return SqlType::Struct(std::move(fields));
    }
    do {
      StructField field;
      if (!ReadFieldName(field.name) || !(field.type = ReadType())) {
        return nullptr;
      }
      fields.push_back(std::move(field));
    } while (Accept(','));
    return Accept('>') ? SqlType::Struct(std::move(fields)) : nullptr;
  }

  bool ReadFieldName(std::string& name) {
    SkipSpaces();
    if (Peek() != '`') {
      name = ReadWord();
      return !name.empty();
    }
    ++pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '`') {
        if (Peek() != '`') {
          return true;
        }
        ++pos_;  // A doubled back quote stands for one.
      }
      name += c;
    }
    return false;
  }

  std::string ReadWord() {
    SkipSpaces();
    std::string word;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) != 0 || text_[pos_] == '_')) {
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(text_[pos_++])));
    }
    return word;
  }

  bool ReadNumber(int& number) {
    const std::string word = ReadWord();
    if (word.empty() || word.size() > 4 ||
        word.find_first_not_of("0123456789") != std::string::npos) {
      return false;
    }
    number = std::stoi(word);
    return true;
  }

  void SkipSpaces() {
    while (pos_ < text_.size() && text_[pos_] == ' ') {
      ++pos_;
    }
  }

  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  bool Accept(char c) {
    SkipSpaces();
    if (Peek() != c) {
      return false;
    }
    ++pos_;
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

SqlTypePtr ParseSqlTypeName(std::string_view text) {
  return TypeNameReader(text).ReadAll();
}

}  // namespace fluxo::cli::shell
