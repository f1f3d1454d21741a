// Expression half of the SQL printer: literals, operators with the grammar's precedence, and
// the primary forms (CASE, CAST, constructors, function calls). Statements, queries and data
// types are in sql_formatter.cpp.

#include <charconv>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "parser/sql_formatter.h"

namespace fluxo::parser {

/// Prints `expression`, parenthesized unless it is a valueExpression of the grammar (used by
/// GROUP BY and PARTITION BY in sql_formatter.cpp).
std::string FormatValueOperand(const ast::Expression& expression);

/// Prints `expression`, parenthesized unless it is a primaryExpression of the grammar (used by
/// `expr->*` in sql_formatter.cpp).
std::string FormatPrimaryOperand(const ast::Expression& expression);

namespace {

/// Binding strength of each level of the grammar's expression rules, loosest first.
enum class Precedence {
  kOr,
  kAnd,
  kNot,
  kPredicate,
  kConcat,
  kAdditive,
  kMultiplicative,
  kUnary,
  kPrimary,
};

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

Precedence Next(Precedence precedence) {
  return static_cast<Precedence>(static_cast<int>(precedence) + 1);
}

Precedence BinaryPrecedence(ast::BinaryOperator op) {
  switch (op) {
    case ast::BinaryOperator::kConcat:
      return Precedence::kConcat;
    case ast::BinaryOperator::kAdd:
    case ast::BinaryOperator::kSubtract:
      return Precedence::kAdditive;
    case ast::BinaryOperator::kMultiply:
    case ast::BinaryOperator::kDivide:
    case ast::BinaryOperator::kModulus:
      return Precedence::kMultiplicative;
  }
  return Precedence::kPrimary;
}

Precedence PrecedenceOf(const ast::Expression& expression) {
  return std::visit(Overloaded{
                        [](const ast::LogicalBinary& node) {
                          return node.op == ast::LogicalOperator::kOr ? Precedence::kOr
                                                                      : Precedence::kAnd;
                        },
                        [](const ast::Not&) { return Precedence::kNot; },
                        [](const ast::Comparison&) { return Precedence::kPredicate; },
                        [](const ast::Between&) { return Precedence::kPredicate; },
                        [](const ast::InList&) { return Precedence::kPredicate; },
                        [](const ast::Like&) { return Precedence::kPredicate; },
                        [](const ast::IsNull&) { return Precedence::kPredicate; },
                        [](const ast::ArithmeticBinary& node) { return BinaryPrecedence(node.op); },
                        [](const ast::ArithmeticUnary&) { return Precedence::kUnary; },
                        // A lambda is only valid as a whole function argument, never as an operand.
                        [](const ast::Lambda&) { return Precedence::kOr; },
                        [](const auto&) { return Precedence::kPrimary; },
                    },
                    expression.node);
}

std::string Format(const ast::Expression& expression);

std::string Parenthesize(const std::string& text) {
  return "(" + text + ")";
}

/// Prints an operand that the grammar requires to bind at least as tightly as `minimum`.
std::string Operand(const ast::Expression& expression, Precedence minimum) {
  std::string text = Format(expression);
  return PrecedenceOf(expression) < minimum ? Parenthesize(text) : text;
}

/// Prints the base of `a[i]`, `a->b` or `a->*`. A base starting with '-' (a negative literal) is
/// parenthesized too, so that the minus cannot be read as applying to the whole postfix form.
std::string PostfixBase(const ast::Expression& expression) {
  std::string text = Operand(expression, Precedence::kPrimary);
  return text.starts_with('-') ? Parenthesize(text) : text;
}

std::string Join(const std::vector<ast::Expression>& expressions) {
  std::string text;
  for (const ast::Expression& expression : expressions) {
    text += (text.empty() ? "" : ", ") + Format(expression);
  }
  return text;
}

/// Back-quotes a plain name that would otherwise start another construct of the grammar, e.g.
/// a function named MAP (`MAP()` is the empty map constructor).
std::string NameAvoiding(const ast::Identifier& name,
                         std::initializer_list<std::string_view> words) {
  std::string text = FormatIdentifier(name);
  for (std::string_view word : words) {
    if (text == word) {
      return "`" + text + "`";
    }
  }
  return text;
}

std::string FormatDouble(double value) {
  // No literal spells these (the parser rejects out-of-range doubles and never makes NaN), so
  // print SQL that at least evaluates to them instead of an identifier such as INF.
  if (std::isnan(value)) {
    return "CAST('NaN' AS DOUBLE)";
  }
  if (std::isinf(value)) {
    return value > 0 ? "CAST('Infinity' AS DOUBLE)" : "CAST('-Infinity' AS DOUBLE)";
  }
  char buffer[64];
  const std::to_chars_result result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));
  // to_chars writes "1.5e+00"; the grammar wants an upper-case exponent without '+' or zeros.
  const size_t exponent_start = text.find('e');
  std::string_view exponent = text.substr(exponent_start + 1);
  const bool negative = exponent.front() == '-';
  exponent.remove_prefix(1);
  while (exponent.size() > 1 && exponent.front() == '0') {
    exponent.remove_prefix(1);
  }
  return std::string(text.substr(0, exponent_start)) + "E" + (negative ? "-" : "") +
         std::string(exponent);
}

std::string_view BinaryOperatorText(ast::BinaryOperator op) {
  switch (op) {
    case ast::BinaryOperator::kAdd:
      return " + ";
    case ast::BinaryOperator::kSubtract:
      return " - ";
    case ast::BinaryOperator::kMultiply:
      return " * ";
    case ast::BinaryOperator::kDivide:
      return " / ";
    case ast::BinaryOperator::kModulus:
      return " % ";
    case ast::BinaryOperator::kConcat:
      return " || ";
  }
  return " ";
}

std::string_view ComparisonOperatorText(ast::ComparisonOperator op) {
  switch (op) {
    case ast::ComparisonOperator::kEqual:
      return " = ";
    case ast::ComparisonOperator::kNotEqual:
      return " <> ";
    case ast::ComparisonOperator::kLess:
      return " < ";
    case ast::ComparisonOperator::kLessOrEqual:
      return " <= ";
    case ast::ComparisonOperator::kGreater:
      return " > ";
    case ast::ComparisonOperator::kGreaterOrEqual:
      return " >= ";
    case ast::ComparisonOperator::kIsDistinctFrom:
      return " IS DISTINCT FROM ";
    case ast::ComparisonOperator::kIsNotDistinctFrom:
      return " IS NOT DISTINCT FROM ";
  }
  return " ";
}

std::string FormatUnary(const ast::ArithmeticUnary& node) {
  std::string operand = Operand(*node.operand, Precedence::kUnary);
  if (node.op == ast::UnaryOperator::kPlus) {
    return "+" + operand;
  }
  // `-5` and `- 5` read back as a negative literal, so a number operand is parenthesized. Before
  // another minus a space keeps `--` from starting a comment; parentheses there would make each
  // level of `- - x` cost a nesting level when read back.
  if (operand.empty() || operand.find_first_of(".0123456789") == 0) {
    operand = Parenthesize(operand);
  } else if (operand.starts_with('-')) {
    return "- " + operand;
  }
  return "-" + operand;
}

std::string FormatBinary(const ast::ArithmeticBinary& node) {
  const Precedence precedence = BinaryPrecedence(node.op);
  std::string right = Operand(*node.right, Next(precedence));
  if (node.op == ast::BinaryOperator::kSubtract && right.starts_with('-')) {
    right = Parenthesize(right);
  }
  return Operand(*node.left, precedence) + std::string(BinaryOperatorText(node.op)) + right;
}

std::string FormatLogical(const ast::LogicalBinary& node) {
  const bool is_and = node.op == ast::LogicalOperator::kAnd;
  const Precedence precedence = is_and ? Precedence::kAnd : Precedence::kOr;
  return Operand(*node.left, precedence) + (is_and ? " AND " : " OR ") +
         Operand(*node.right, Next(precedence));
}

std::string Value(const ast::Box<ast::Expression>& expression) {
  return Operand(*expression, Precedence::kConcat);
}

std::string Negation(bool negated) {
  return negated ? " NOT" : "";
}

std::string FormatLike(const ast::Like& node) {
  std::string text = Value(node.value) + Negation(node.negated) + " LIKE " + Value(node.pattern);
  if (node.escape) {
    text += " ESCAPE " + QuoteString(*node.escape);
  }
  return text;
}

std::string FormatWhenClauses(const std::vector<ast::WhenClause>& clauses,
                              const std::optional<ast::Box<ast::Expression>>& else_value) {
  std::string text;
  for (const ast::WhenClause& clause : clauses) {
    text += " WHEN " + Format(*clause.condition) + " THEN " + Format(*clause.result);
  }
  if (else_value) {
    text += " ELSE " + Format(**else_value);
  }
  return text + " END";
}

std::string FormatLambda(const ast::Lambda& node) {
  std::string parameters;
  for (const ast::Identifier& parameter : node.parameters) {
    parameters += (parameters.empty() ? "" : ", ") + FormatIdentifier(parameter);
  }
  if (node.parameters.size() != 1) {
    parameters = Parenthesize(parameters);
  }
  return parameters + " => " + Format(*node.body);
}

std::string FormatFunctionCall(const ast::FunctionCall& node) {
  // `MAP()` and `STRUCT()` would read back as empty constructors.
  const std::string name = NameAvoiding(node.name, {"MAP", "STRUCT"});
  if (node.star) {
    return name + "(*)";
  }
  return name + "(" + (node.distinct ? "DISTINCT " : "") + Join(node.arguments) + ")";
}

std::string FormatSubscript(const ast::Subscript& node) {
  std::string base = PostfixBase(*node.base);
  const auto* column = node.base->As<ast::ColumnReference>();
  if (column != nullptr && !column->qualifier && base == "ARRAY") {
    base = "`ARRAY`";  // `ARRAY[i]` is an array constructor.
  }
  return base + "[" + Value(node.index) + "]";
}

std::string FormatMap(const ast::MapConstructor& node) {
  std::string entries;
  for (const ast::MapEntry& entry : node.entries) {
    entries += (entries.empty() ? "" : ", ") + Format(*entry.key) + " := " + Format(*entry.value);
  }
  return "MAP(" + entries + ")";
}

std::string FormatStruct(const ast::StructConstructor& node) {
  std::string fields;
  for (const ast::StructEntry& field : node.fields) {
    fields +=
        (fields.empty() ? "" : ", ") + FormatIdentifier(field.name) + " := " + Format(*field.value);
  }
  return "STRUCT(" + fields + ")";
}

/// Prints one node of each kind; operands go through Operand() or Value() for parentheses.
struct NodePrinter {
  std::string operator()(const ast::NullLiteral&) const { return "NULL"; }

  std::string operator()(const ast::BooleanLiteral& node) const {
    return node.value ? "TRUE" : "FALSE";
  }

  std::string operator()(const ast::IntegerLiteral& node) const {
    return std::to_string(node.value);
  }

  std::string operator()(const ast::DecimalLiteral& node) const { return node.text; }

  std::string operator()(const ast::DoubleLiteral& node) const { return FormatDouble(node.value); }

  std::string operator()(const ast::StringLiteral& node) const { return QuoteString(node.value); }

  std::string operator()(const ast::TypedLiteral& node) const {
    return NameAvoiding(node.type_name, {"INTERVAL"}) + " " + QuoteString(node.value);
  }

  std::string operator()(const ast::IntervalLiteral& node) const {
    return "INTERVAL " + QuoteString(node.value) + " " + std::string(ast::TimeUnitName(node.unit));
  }

  std::string operator()(const ast::VariableReference& node) const {
    return "${" + node.name + "}";
  }

  std::string operator()(const ast::ColumnReference& node) const {
    const std::string name = FormatIdentifier(node.name);
    return node.qualifier ? FormatIdentifier(*node.qualifier) + "." + name : name;
  }

  std::string operator()(const ast::Dereference& node) const {
    return PostfixBase(*node.base) + "->" + FormatIdentifier(node.field);
  }

  std::string operator()(const ast::Subscript& node) const { return FormatSubscript(node); }

  std::string operator()(const ast::ArithmeticUnary& node) const { return FormatUnary(node); }

  std::string operator()(const ast::ArithmeticBinary& node) const { return FormatBinary(node); }

  std::string operator()(const ast::Comparison& node) const {
    return Value(node.left) + std::string(ComparisonOperatorText(node.op)) + Value(node.right);
  }

  std::string operator()(const ast::LogicalBinary& node) const { return FormatLogical(node); }

  std::string operator()(const ast::Not& node) const {
    return "NOT " + Operand(*node.operand, Precedence::kNot);
  }

  std::string operator()(const ast::Between& node) const {
    return Value(node.value) + Negation(node.negated) + " BETWEEN " + Value(node.low) + " AND " +
           Value(node.high);
  }

  std::string operator()(const ast::InList& node) const {
    return Value(node.value) + Negation(node.negated) + " IN (" + Join(node.list) + ")";
  }

  std::string operator()(const ast::Like& node) const { return FormatLike(node); }

  std::string operator()(const ast::IsNull& node) const {
    return Value(node.value) + (node.negated ? " IS NOT NULL" : " IS NULL");
  }

  std::string operator()(const ast::SearchedCase& node) const {
    return "CASE" + FormatWhenClauses(node.when_clauses, node.else_value);
  }

  std::string operator()(const ast::SimpleCase& node) const {
    return "CASE " + Format(*node.operand) + FormatWhenClauses(node.when_clauses, node.else_value);
  }

  std::string operator()(const ast::Cast& node) const {
    return "CAST(" + Format(*node.value) + " AS " + FormatDataType(node.type) + ")";
  }

  std::string operator()(const ast::FunctionCall& node) const { return FormatFunctionCall(node); }

  std::string operator()(const ast::TimeUnitArgument& node) const {
    return std::string(ast::TimeUnitName(node.unit));
  }

  std::string operator()(const ast::Lambda& node) const { return FormatLambda(node); }

  std::string operator()(const ast::ArrayConstructor& node) const {
    return "ARRAY[" + Join(node.elements) + "]";
  }

  std::string operator()(const ast::MapConstructor& node) const { return FormatMap(node); }

  std::string operator()(const ast::StructConstructor& node) const { return FormatStruct(node); }
};

std::string Format(const ast::Expression& expression) {
  return std::visit(NodePrinter{}, expression.node);
}

}  // namespace

std::string FormatValueOperand(const ast::Expression& expression) {
  return Operand(expression, Precedence::kConcat);
}

std::string FormatPrimaryOperand(const ast::Expression& expression) {
  return PostfixBase(expression);
}

std::string FormatExpression(const ast::Expression& expression) {
  return Format(expression);
}

}  // namespace fluxo::parser
