#include "runtime/functions/function_signature.h"

#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "runtime/core/error.h"
#include "runtime/functions/implicit_widening.h"

namespace fluxo::functions {

namespace {

/// A parameter or return type as a signature declares it.
struct TypePattern {
  enum class Kind { kConcrete, kAnyDecimal, kGeneric, kArray, kMap };

  Kind kind = Kind::kConcrete;
  SqlTypePtr concrete;                   ///< kConcrete
  std::string generic;                   ///< kGeneric
  std::shared_ptr<TypePattern> element;  ///< kArray element, kMap value

  bool HasGeneric() const { return kind == Kind::kGeneric || (element && element->HasGeneric()); }
};

using Bindings = std::map<std::string, SqlTypePtr>;

/// Reads signature text left to right; every malformation is a bug in a registration.
class SignatureReader {
 public:
  explicit SignatureReader(std::string_view text) : text_(text) {}

  std::string Word() {
    SkipSpaces();
    const size_t start = position_;
    while (position_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[position_])) != 0 ||
            text_[position_] == '_')) {
      ++position_;
    }
    FLUXO_CHECK(position_ > start, "a name in signature: " + std::string(text_));
    return std::string(text_.substr(start, position_ - start));
  }

  bool Accept(std::string_view token) {
    SkipSpaces();
    if (text_.substr(position_, token.size()) == token) {
      position_ += token.size();
      return true;
    }
    return false;
  }

  void Expect(std::string_view token) {
    FLUXO_CHECK(Accept(token), "'" + std::string(token) + "' in signature: " + std::string(text_));
  }

  bool AtEnd() {
    SkipSpaces();
    return position_ == text_.size();
  }

  TypePattern Type() {
    const std::string word = Word();
    TypePattern pattern;
    if (word == "ARRAY" || word == "MAP") {
      Expect("<");
      if (word == "MAP") {
        FLUXO_CHECK(Word() == "STRING", "MAP keys are STRING: " + std::string(text_));
        Expect(",");
      }
      pattern.kind = word == "ARRAY" ? TypePattern::Kind::kArray : TypePattern::Kind::kMap;
      pattern.element = std::make_shared<TypePattern>(Type());
      Expect(">");
      return pattern;
    }
    if (word == "DECIMAL") {
      pattern.kind = TypePattern::Kind::kAnyDecimal;
      return pattern;
    }
    if (word.size() == 1) {
      pattern.kind = TypePattern::Kind::kGeneric;
      pattern.generic = word;
      return pattern;
    }
    static const std::map<std::string, SqlTypePtr> concrete_types = {
        {"BOOLEAN", SqlType::Boolean()},
        {"INT", SqlType::Int()},
        {"BIGINT", SqlType::Bigint()},
        {"DOUBLE", SqlType::Double()},
        {"STRING", SqlType::String()},
        {"BYTES", SqlType::Bytes()},
        {"DATE", SqlType::Date()},
        {"TIME", SqlType::Time()},
        {"TIMESTAMP", SqlType::Timestamp()},
    };
    const auto found = concrete_types.find(word);
    FLUXO_CHECK(found != concrete_types.end(), "a known type in signature: " + word);
    pattern.concrete = found->second;
    return pattern;
  }

 private:
  void SkipSpaces() {
    while (position_ < text_.size() && text_[position_] == ' ') {
      ++position_;
    }
  }

  std::string_view text_;
  size_t position_ = 0;
};

/// Checks that `argument` fits `pattern` (possibly by widening) and binds generics.
bool Bind(const TypePattern& pattern, const SqlTypePtr& argument, Bindings& bindings) {
  switch (pattern.kind) {
    case TypePattern::Kind::kConcrete:
      return WideningSteps(argument, pattern.concrete) >= 0;
    case TypePattern::Kind::kAnyDecimal:
      return DecimalTypeFor(argument) != nullptr;
    case TypePattern::Kind::kGeneric: {
      SqlTypePtr& bound = bindings[pattern.generic];
      bound = CommonWidenedType(bound, argument);
      return bound != nullptr;
    }
    case TypePattern::Kind::kArray:
      return argument->kind() == TypeKind::kArray &&
             Bind(*pattern.element, argument->element(), bindings);
    case TypePattern::Kind::kMap:
      return argument->kind() == TypeKind::kMap && argument->key()->kind() == TypeKind::kString &&
             Bind(*pattern.element, argument->element(), bindings);
  }
  return false;
}

/// Returns the concrete type `pattern` stands for, given the argument (nullptr for a NULL
/// literal or a return type), or nullptr when it cannot be known.
SqlTypePtr Substitute(const TypePattern& pattern,
                      const SqlTypePtr& argument,
                      const Bindings& bindings) {
  switch (pattern.kind) {
    case TypePattern::Kind::kConcrete:
      return pattern.concrete;
    case TypePattern::Kind::kAnyDecimal:
      return DecimalTypeFor(argument);
    case TypePattern::Kind::kGeneric: {
      const auto found = bindings.find(pattern.generic);
      return found == bindings.end() ? nullptr : found->second;
    }
    case TypePattern::Kind::kArray:
    case TypePattern::Kind::kMap: {
      const SqlTypePtr element =
          Substitute(*pattern.element, argument ? argument->element() : nullptr, bindings);
      if (!element) {
        return nullptr;
      }
      return pattern.kind == TypePattern::Kind::kArray ? SqlType::Array(element)
                                                       : SqlType::Map(SqlType::String(), element);
    }
  }
  return nullptr;
}

struct ParsedSignature {
  std::vector<TypePattern> parameters;
  bool variadic = false;
  TypePattern return_type;
};

ParsedSignature ParseSignature(const std::string& signature) {
  SignatureReader reader(signature);
  ParsedSignature parsed;
  reader.Word();
  reader.Expect("(");
  if (!reader.Accept(")")) {
    do {
      FLUXO_CHECK(!parsed.variadic, "only the last parameter is variadic: " + signature);
      parsed.parameters.push_back(reader.Type());
      parsed.variadic = reader.Accept("...");
      reader.Word();
    } while (reader.Accept(","));
    reader.Expect(")");
  }
  reader.Expect("->");
  parsed.return_type = reader.Type();
  FLUXO_CHECK(reader.AtEnd(), "the end of signature: " + signature);
  return parsed;
}

}  // namespace

FunctionRegistry::Overload MakeOverload(const std::string& signature,
                                        ScalarFunctionBody body,
                                        NullPolicy null_policy,
                                        ReturnTypeRule return_rule) {
  auto parsed = std::make_shared<const ParsedSignature>(ParseSignature(signature));
  FLUXO_CHECK(parsed->return_type.kind != TypePattern::Kind::kAnyDecimal || return_rule,
              "a return type rule for the DECIMAL result of " + signature);

  FunctionRegistry::Overload overload;
  overload.signature = signature;
  overload.variadic = parsed->variadic;
  overload.declared_parameters = parsed->parameters.size();
  for (const TypePattern& parameter : parsed->parameters) {
    overload.generic_parameters += parameter.HasGeneric() ? 1 : 0;
  }
  overload.resolve =
      [parsed, return_rule = std::move(return_rule)](const std::vector<SqlTypePtr>& arguments)
      -> std::optional<std::pair<std::vector<SqlTypePtr>, SqlTypePtr>> {
    const size_t fixed = parsed->parameters.size() - (parsed->variadic ? 1 : 0);
    if (parsed->variadic ? arguments.size() < fixed : arguments.size() != fixed) {
      return std::nullopt;
    }
    const auto pattern_for = [&](size_t index) -> const TypePattern& {
      return parsed->parameters[std::min(index, parsed->parameters.size() - 1)];
    };
    Bindings bindings;
    for (size_t i = 0; i < arguments.size(); ++i) {
      if (arguments[i] && !Bind(pattern_for(i), arguments[i], bindings)) {
        return std::nullopt;
      }
    }
    std::vector<SqlTypePtr> parameter_types;
    for (size_t i = 0; i < arguments.size(); ++i) {
      SqlTypePtr type = Substitute(pattern_for(i), arguments[i], bindings);
      if (!type) {
        return std::nullopt;
      }
      parameter_types.push_back(std::move(type));
    }
    SqlTypePtr return_type = return_rule ? return_rule(parameter_types)
                                         : Substitute(parsed->return_type, nullptr, bindings);
    if (!return_type) {
      return std::nullopt;
    }
    return std::make_pair(std::move(parameter_types), std::move(return_type));
  };
  if (null_policy == NullPolicy::kNullOnNullInput) {
    overload.body = [body = std::move(body)](const ValueList& arguments) {
      for (const Value& argument : arguments) {
        if (argument.IsNull()) {
          return Value::Null();
        }
      }
      return body(arguments);
    };
  } else {
    overload.body = std::move(body);
  }
  return overload;
}

}  // namespace fluxo::functions
