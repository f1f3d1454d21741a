#include "runtime/serde/json_reader.h"

#include <cstring>
#include <string>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/serde/json_value_reader.h"

namespace fluxo::serde {

namespace {

namespace ondemand = simdjson::ondemand;
using JsonType = ondemand::json_type;

/// Returns the field's name. Most names have no escapes and are read in place; the others are
/// unescaped by simdjson.
std::string_view FieldName(ondemand::field& field) {
  // The name ends at a quote inside the padded buffer, so the scan stays in bounds.
  const char* const start = field.key().raw();
  const char* end = start;
  while (*end != '"' && *end != '\\' && static_cast<unsigned char>(*end) >= 0x20) {
    ++end;
  }
  if (*end == '"') {
    return std::string_view(start, static_cast<size_t>(end - start));
  }
  return TakeJson(field.unescaped_key());
}

bool Equals(std::string_view name, std::string_view key) {
  return name.size() == key.size() && std::memcmp(name.data(), key.data(), key.size()) == 0;
}

/// Returns true when `name` equals `key` with its ASCII letters upper-cased.
bool EqualsUpperCased(std::string_view name, std::string_view key) {
  if (name.size() != key.size()) {
    return false;
  }
  for (size_t i = 0; i < key.size(); ++i) {
    const char c = key[i] >= 'a' && key[i] <= 'z' ? static_cast<char>(key[i] - 'a' + 'A') : key[i];
    if (c != name[i]) {
      return false;
    }
  }
  return true;
}

int FindField(const std::vector<StructField>& fields,
              std::string_view key,
              size_t position,
              bool (*equals)(std::string_view, std::string_view)) {
  if (position < fields.size() && equals(fields[position].name, key)) {
    return static_cast<int>(position);
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i != position && equals(fields[i].name, key)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

/// Finds the field `key` names: an exact match, else a field whose name equals the upper-cased
/// key; `exact` tells which. Each search starts at `position`, where the field usually is.
/// When no field name has a lower-case letter (`lowercase_names` false, the usual case), an
/// exact match can only be the upper-cased one, so one pass finds both.
int MatchField(const std::vector<StructField>& fields,
               std::string_view key,
               size_t position,
               bool lowercase_names,
               bool& exact) {
  if (!lowercase_names) {
    const int index = FindField(fields, key, position, EqualsUpperCased);
    exact = index >= 0 && Equals(fields[static_cast<size_t>(index)].name, key);
    return index;
  }
  const int index = FindField(fields, key, position, Equals);
  exact = index >= 0;
  return exact ? index : FindField(fields, key, position, EqualsUpperCased);
}

}  // namespace

bool HasLowercaseName(const std::vector<StructField>& fields) {
  for (const StructField& field : fields) {
    for (const char c : field.name) {
      if (c >= 'a' && c <= 'z') {
        return true;
      }
    }
  }
  return false;
}

ValueList ReadJsonFields(ondemand::object object,
                         const std::vector<StructField>& fields,
                         bool lowercase_names) {
  // Fields usually come in column order: then each value is appended, and the list only gets
  // its full size (NULLs for what is missing) when one comes out of order, or at the end.
  ValueList values;
  values.reserve(fields.size());
  // Which fields an exact name has filled: an upper-cased match must not replace those. A bit
  // mask avoids an allocation per record for up to 64 fields.
  uint64_t exact_mask = 0;
  std::vector<bool> exact_filled(fields.size() > 64 ? fields.size() : 0);
  auto filled_exactly = [&](size_t slot) {
    return slot < 64 ? (exact_mask >> slot & 1) != 0 : static_cast<bool>(exact_filled[slot]);
  };
  size_t position = 0;
  for (auto field_result : object) {
    ondemand::field field = TakeJson(field_result);
    const std::string_view key = FieldName(field);
    bool exact = false;
    const int index = MatchField(fields, key, position++, lowercase_names, exact);
    if (index < 0 || (!exact && filled_exactly(static_cast<size_t>(index)))) {
      SkipJsonValue(field.value());
      continue;
    }
    const auto slot = static_cast<size_t>(index);
    try {
      if (slot == values.size()) {
        values.push_back(ReadJsonValue(field.value(), *fields[slot].type));
      } else {
        values.resize(fields.size());
        values[slot] = ReadJsonValue(field.value(), *fields[slot].type);
      }
    } catch (CoercionFailure& failure) {
      failure.path.insert(0, "." + fields[slot].name);
      throw;
    }
    if (exact && slot < 64) {
      exact_mask |= uint64_t{1} << slot;
    } else if (exact) {
      exact_filled[slot] = true;
    }
  }
  values.resize(fields.size());
  return values;
}

/// The parser and a padded copy of the input: simdjson reads up to SIMDJSON_PADDING bytes
/// past the end of its input.
struct JsonReader::Scratch {
  ondemand::parser parser;
  std::unique_ptr<char[]> buffer;
  size_t capacity = 0;
};

JsonReader::JsonReader(const std::vector<Column>& columns, bool wrapped)
    : wrapped_(wrapped), scratch_(std::make_unique<Scratch>()) {
  for (const Column& column : columns) {
    fields_.push_back(StructField{column.name, column.type});
  }
  row_type_ = SqlType::Struct(fields_);
  lowercase_names_ = HasLowercaseName(fields_);
  FLUXO_CHECK(wrapped || fields_.size() == 1, "an unwrapped JSON value has exactly one column");
}

JsonReader::~JsonReader() = default;

std::optional<ValueList> JsonReader::Read(std::string_view bytes) {
  // The document goes inside brackets: simdjson cannot hand out a scalar document as a value,
  // and one array element can be. "1,2" then shows up as two elements, and is rejected.
  const size_t length = bytes.size() + 2;
  if (scratch_->capacity < length + simdjson::SIMDJSON_PADDING) {
    scratch_->capacity = 2 * length + simdjson::SIMDJSON_PADDING;
    scratch_->buffer = std::make_unique<char[]>(scratch_->capacity);
  }
  char* buffer = scratch_->buffer.get();
  buffer[0] = '[';
  std::memcpy(buffer + 1, bytes.data(), bytes.size());
  buffer[length - 1] = ']';
  std::memset(buffer + length, 0, simdjson::SIMDJSON_PADDING);
  try {
    try {
      return ReadDocument(length);
    } catch (const CoercionFailure&) {
      // Jackson parses the whole document before converting it, so malformed JSON anywhere
      // is the error to report; the failed read may not have seen all of it.
      ValidateDocument(length);
      throw;
    }
  } catch (const MalformedJson& malformed) {
    throw Error(ErrorKind::kExecution, "Malformed JSON: " + malformed.reason);
  } catch (const CoercionFailure& failure) {
    throw Error(ErrorKind::kExecution, failure.message + ", path: $" + failure.path);
  }
}

std::optional<ValueList> JsonReader::ReadDocument(size_t length) {
  ondemand::document document =
      TakeJson(scratch_->parser.iterate(scratch_->buffer.get(), length, scratch_->capacity));
  std::optional<ValueList> result;
  size_t count = 0;
  for (auto element_result : TakeJson(document.get_array())) {
    ondemand::value element = TakeJson(element_result);
    if (count++ > 0) {
      throw MalformedJson("more than one JSON value");
    }
    if (!wrapped_) {
      result = ValueList{ReadJsonValue(element, *fields_[0].type)};
      continue;
    }
    const JsonType type = TakeJson(element.type());
    if (type == JsonType::null) {
      ExpectJsonNull(element);
    } else if (type != JsonType::object) {
      FailJsonConversion(element, type, *row_type_);
    } else {
      result = ReadJsonFields(TakeJson(element.get_object()), fields_, lowercase_names_);
    }
  }
  if (count == 0) {
    throw MalformedJson("no JSON value");
  }
  if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    throw MalformedJson("unexpected content after the JSON value");
  }
  return result;
}

void JsonReader::ValidateDocument(size_t length) {
  ondemand::document document =
      TakeJson(scratch_->parser.iterate(scratch_->buffer.get(), length, scratch_->capacity));
  for (auto element : TakeJson(document.get_array())) {
    SkipJsonValue(TakeJson(element));
  }
  if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    throw MalformedJson("unexpected content after the JSON value");
  }
}

}  // namespace fluxo::serde
