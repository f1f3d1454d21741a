#include "runtime/testing/exact_json.h"

#include <stdexcept>
#include <utility>
#include <vector>

namespace fluxo::qtt {

namespace {

/// Builds the document from SAX events, like nlohmann's own DOM parser, except that a number
/// with a fraction or exponent keeps its text. Only pointers to the open containers are kept;
/// a container only grows while it is the innermost one, so they stay valid.
class ExactJsonBuilder {
 public:
  explicit ExactJsonBuilder(Json& root) : root_(root) {}

  bool null() { return Add(Json(nullptr)); }

  bool boolean(bool value) { return Add(Json(value)); }

  bool number_integer(Json::number_integer_t value) { return Add(Json(value)); }

  bool number_unsigned(Json::number_unsigned_t value) { return Add(Json(value)); }

  bool number_float(Json::number_float_t /*value*/, const Json::string_t& text) {
    return Add(MakeExactNumber(text));
  }

  bool string(Json::string_t& value) { return Add(Json(std::move(value))); }

  bool binary(Json::binary_t& value) { return Add(Json::binary(std::move(value))); }

  bool start_object(std::size_t /*size*/) {
    open_.push_back(Add(Json::object()) ? last_ : nullptr);
    return true;
  }

  bool key(Json::string_t& name) {
    key_ = std::move(name);
    return true;
  }

  bool end_object() {
    open_.pop_back();
    return true;
  }

  bool start_array(std::size_t /*size*/) {
    open_.push_back(Add(Json::array()) ? last_ : nullptr);
    return true;
  }

  bool end_array() {
    open_.pop_back();
    return true;
  }

  bool parse_error(std::size_t /*position*/,
                   const std::string& /*token*/,
                   const nlohmann::detail::exception& error) {
    throw std::invalid_argument(error.what());
  }

 private:
  /// Places `value` in the innermost open container (or as the root) and remembers it.
  bool Add(Json value) {
    if (open_.empty()) {
      root_ = std::move(value);
      last_ = &root_;
    } else if (open_.back()->is_object()) {
      Json& slot = (*open_.back())[key_];
      slot = std::move(value);
      last_ = &slot;
    } else {
      open_.back()->push_back(std::move(value));
      last_ = &open_.back()->back();
    }
    return true;
  }

  Json& root_;
  std::vector<Json*> open_;
  Json* last_ = nullptr;
  std::string key_;
};

bool HasFractionOrExponent(const std::string& text) {
  return text.find_first_of(".eE") != std::string::npos;
}

void RenderInto(const Json& json, std::string& out) {
  if (IsExactNumber(json)) {
    out += NumberText(json);
  } else if (json.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [name, field] : json.items()) {
      out += first ? "" : ",";
      first = false;
      out += Json(name).dump(-1, ' ', false, Json::error_handler_t::replace);
      out += ':';
      RenderInto(field, out);
    }
    out += '}';
  } else if (json.is_array()) {
    out += '[';
    for (size_t i = 0; i < json.size(); ++i) {
      out += i == 0 ? "" : ",";
      RenderInto(json[i], out);
    }
    out += ']';
  } else {
    out += json.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

}  // namespace

Json ParseExactJson(std::string_view text, bool allow_comments) {
  Json root;
  ExactJsonBuilder builder(root);
  Json::sax_parse(text, &builder, Json::input_format_t::json, /*strict=*/true, allow_comments);
  return root;
}

Json MakeExactNumber(const std::string& text) {
  return Json::binary(Json::binary_t::container_type(text.begin(), text.end()),
                      kExactNumberSubtype);
}

bool IsExactNumber(const Json& json) {
  return json.is_binary() && json.get_binary().has_subtype() &&
         json.get_binary().subtype() == kExactNumberSubtype;
}

bool IsAnyNumber(const Json& json) {
  return json.is_number() || IsExactNumber(json);
}

bool IsDecimalLiteral(const Json& json) {
  if (IsExactNumber(json)) {
    return HasFractionOrExponent(NumberText(json));
  }
  return json.is_number_float();
}

std::string NumberText(const Json& json) {
  if (IsExactNumber(json)) {
    const auto& bytes = json.get_binary();
    return {bytes.begin(), bytes.end()};
  }
  return json.dump();
}

std::string RenderJson(const Json& json) {
  std::string out;
  RenderInto(json, out);
  return out;
}

}  // namespace fluxo::qtt
