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

/// Returns the field's name. Most names have no escapes and are read in place (`in_place` set);
/// the others are unescaped by simdjson.
std::string_view FieldName(ondemand::field& field, const char* start, bool& in_place) {
  // The name ends at a quote inside the padded buffer, so the scan stays in bounds.
  const char* end = start;
  while (*end != '"' && *end != '\\' && static_cast<unsigned char>(*end) >= 0x20) {
    ++end;
  }
  in_place = *end == '"';
  if (in_place) {
    return std::string_view(start, static_cast<size_t>(end - start));
  }
  return TakeJson(field.unescaped_key());
}

/// ReadJsonValue, with its commonest cases (those it also tries first) inline here.
Value ReadCommonJsonValue(ondemand::value& value, const SqlType& type) {
  int64_t number = 0;
  std::string_view text;
  switch (type.kind()) {
    case TypeKind::kBigint:
    case TypeKind::kTimestamp:
      if (value.get_int64().get(number) == simdjson::SUCCESS) {
        return Value::Int64(number);
      }
      break;
    case TypeKind::kInt:
    case TypeKind::kDate:
      if (value.get_int64().get(number) == simdjson::SUCCESS) {
        return Value::Int32(static_cast<int32_t>(number));  // Java's intValue().
      }
      break;
    case TypeKind::kString:
      if (value.get_string().get(text) == simdjson::SUCCESS) {
        return Value::String(std::string(text));
      }
      break;
    default:
      break;
  }
  return ReadJsonValue(value, type);
}

/// Puts the value read from `value` into `target` in place, saving the move and destruction of
/// a temporary Value per field. `target` stays a valid Value (NULL) if the read throws.
void ReadJsonValueInto(ondemand::value& value, const SqlType& type, Value& target) {
  target.~Value();
  try {
    ::new (&target) Value(ReadCommonJsonValue(value, type));
  } catch (...) {
    ::new (&target) Value();
    throw;
  }
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

void ReadJsonFields(ondemand::object object,
                    const std::vector<StructField>& fields,
                    bool lowercase_names,
                    JsonFieldSlots out,
                    JsonFieldNameCache* cache) {
  // Which fields an exact name has filled: an upper-cased match must not replace those. A bit
  // mask avoids an allocation per record for up to 64 fields.
  uint64_t exact_mask = 0;
  std::vector<bool> exact_filled;
  auto filled_exactly = [&](size_t slot) {
    return slot < 64 ? (exact_mask >> slot & 1) != 0
                     : slot < exact_filled.size() && static_cast<bool>(exact_filled[slot]);
  };
  size_t position = 0;
  for (auto field_result : object) {
    if (field_result.error() != simdjson::SUCCESS) {
      TakeJson(std::move(field_result));  // Throws.
    }
    // A reference, not a copy: copying simdjson's small structs is slow here (their halves
    // are stored separately and read back as one).
    ondemand::field&& field = std::move(field_result).value_unsafe();
    const char* const raw_key = field.key().raw();
    bool exact = false;
    int index = -1;
    if (cache == nullptr || !cache->Find(position, raw_key, index, exact)) {
      bool in_place = false;
      const std::string_view key = FieldName(field, raw_key, in_place);
      index = MatchField(fields, key, position, lowercase_names, exact);
      if (cache != nullptr && in_place) {
        cache->Remember(position, key, index, exact);
      }
    }
    ++position;
    if (index < 0 || (!exact && filled_exactly(static_cast<size_t>(index)))) {
      SkipJsonValue(field.value());
      continue;
    }
    const auto slot = static_cast<size_t>(index);
    try {
      if (out.Skips(slot)) {
        SkipJsonValue(field.value());
      } else {
        ReadJsonValueInto(field.value(), *fields[slot].type, out[slot]);
      }
    } catch (CoercionFailure& failure) {
      failure.path.insert(0, "." + fields[slot].name);
      throw;
    }
    if (exact && slot < 64) {
      exact_mask |= uint64_t{1} << slot;
    } else if (exact) {
      exact_filled.resize(fields.size());
      exact_filled[slot] = true;
    }
  }
}

/// The parser and a padded copy of the input: simdjson reads up to SIMDJSON_PADDING bytes
/// past the end of its input.
struct JsonReader::Scratch {
  explicit Scratch(size_t fields) : names(fields + 8) {}

  ondemand::parser parser;
  std::unique_ptr<char[]> buffer;
  size_t capacity = 0;
  JsonFieldNameCache names;  ///< For the top-level object's field names.
};

JsonReader::JsonReader(const std::vector<Column>& columns, bool wrapped)
    : wrapped_(wrapped), scratch_(std::make_unique<Scratch>(columns.size())) {
  for (const Column& column : columns) {
    fields_.push_back(StructField{column.name, column.type});
  }
  row_type_ = SqlType::Struct(fields_);
  lowercase_names_ = HasLowercaseName(fields_);
  FLUXO_CHECK(wrapped || fields_.size() == 1, "an unwrapped JSON value has exactly one column");
}

JsonReader::~JsonReader() = default;

std::optional<ValueList> JsonReader::Read(std::string_view bytes) {
  ValueList values(fields_.size());
  if (!ReadInto(bytes, JsonFieldSlots{values.data()})) {
    return std::nullopt;
  }
  return values;
}

bool JsonReader::ReadInto(std::string_view bytes, Value* values, const size_t* slots) {
  return ReadInto(bytes,
                  JsonFieldSlots{values, slots, skipped_.empty() ? nullptr : skipped_.data()});
}

void JsonReader::SkipColumns(const std::vector<bool>& skipped) {
  skipped_.clear();
  bool any = false;
  for (const bool skip : skipped) {
    any = any || skip;
  }
  if (wrapped_ && any) {
    skipped_.assign(skipped.begin(), skipped.end());
    skipped_.resize(fields_.size());
  }
}

bool JsonReader::ReadInto(std::string_view bytes, JsonFieldSlots out) {
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
  if (wrapped_ && !bytes.empty() && bytes.front() == '{') {
    // The usual record, read as it is, without the brackets. Anything unusual about it is
    // left to the general path below, which reports it as it always has.
    try {
      if (ReadObjectDocument(bytes.size(), out)) {
        return true;
      }
    } catch (const MalformedJson&) {
    } catch (const CoercionFailure&) {
    }
    for (size_t field = 0; field < fields_.size(); ++field) {
      out[field] = Value();
    }
  }
  try {
    try {
      return ReadDocument(length, out);
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

bool JsonReader::ReadObjectDocument(size_t size, JsonFieldSlots out) {
  // The document starts after the opening bracket; the closing one and the zeros after it are
  // its padding.
  ondemand::document document =
      TakeJson(scratch_->parser.iterate(scratch_->buffer.get() + 1, size, scratch_->capacity - 1));
  ReadJsonFields(TakeJson(document.get_object()), fields_, lowercase_names_, out, &scratch_->names);
  return document.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

bool JsonReader::ReadDocument(size_t length, JsonFieldSlots out) {
  ondemand::document document =
      TakeJson(scratch_->parser.iterate(scratch_->buffer.get(), length, scratch_->capacity));
  bool has_value = false;
  size_t count = 0;
  for (auto element_result : TakeJson(document.get_array())) {
    ondemand::value element = TakeJson(element_result);
    if (count++ > 0) {
      throw MalformedJson("more than one JSON value");
    }
    if (!wrapped_) {
      out[0] = ReadJsonValue(element, *fields_[0].type);
      has_value = true;
      continue;
    }
    const JsonType type = TakeJson(element.type());
    if (type == JsonType::null) {
      ExpectJsonNull(element);
    } else if (type != JsonType::object) {
      FailJsonConversion(element, type, *row_type_);
    } else {
      ReadJsonFields(
          TakeJson(element.get_object()), fields_, lowercase_names_, out, &scratch_->names);
      has_value = true;
    }
  }
  if (count == 0) {
    throw MalformedJson("no JSON value");
  }
  if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    throw MalformedJson("unexpected content after the JSON value");
  }
  return has_value;
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
