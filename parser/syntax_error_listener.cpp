#include "parser/syntax_error_listener.h"

#include <algorithm>
#include <string>
#include <vector>

#include "SqlParser.h"
#include "parser/ast_builder.h"
#include "parser/grammar_vocabulary.h"
#include "parser/keywords.h"

namespace fluxo::parser {

namespace {

constexpr size_t kMaxQuotedTokenLength = 40;
constexpr size_t kMaxListedAlternatives = 10;

bool Has(const antlr4::misc::IntervalSet& set, size_t token_type) {
  return set.contains(token_type);
}

// Keywords that start or join clauses: when one of these stands where a name was expected, the
// user most likely left a clause incomplete rather than meant a column called FROM.
bool IsClauseKeyword(size_t token_type) {
  switch (token_type) {
    case SqlParser::FROM:
    case SqlParser::WHERE:
    case SqlParser::GROUP:
    case SqlParser::HAVING:
    case SqlParser::WINDOW:
    case SqlParser::PARTITION:
    case SqlParser::LIMIT:
    case SqlParser::EMIT:
    case SqlParser::ON:
    case SqlParser::JOIN:
    case SqlParser::LEFT:
    case SqlParser::RIGHT:
    case SqlParser::FULL:
    case SqlParser::INNER:
    case SqlParser::WITHIN:
    case SqlParser::AS:
    case SqlParser::AND:
    case SqlParser::OR:
    case SqlParser::WHEN:
    case SqlParser::THEN:
    case SqlParser::ELSE:
    case SqlParser::END:
    case SqlParser::BY:
    case SqlParser::WITH:
      return true;
    default:
      return false;
  }
}

// "unexpected 'FOO'" and friends: what the parser found where it stopped.
std::string DescribeOffendingToken(const antlr4::Token* token) {
  switch (token->getType()) {
    case antlr4::Token::EOF:
      return "unexpected end of input";
    case SqlParser::UNTERMINATED_STRING:
      return "unterminated string: a closing single quote (') is missing";
    case SqlParser::UNTERMINATED_QUOTED_IDENTIFIER:
      return std::string("unterminated quoted name: a closing ") +
             (token->getText().front() == '`' ? "back-quote (`)" : "double quote (\")") +
             " is missing";
    case SqlParser::UNTERMINATED_COMMENT:
      return "unterminated comment: the closing */ is missing";
    case SqlParser::UNRECOGNIZED:
      return "unexpected character '" + token->getText() + "'";
    default:
      break;
  }
  std::string text = token->getText();
  if (text.size() > kMaxQuotedTokenLength) {
    text = text.substr(0, kMaxQuotedTokenLength) + "...";
  }
  if (token->getType() == SqlParser::STRING) {
    return "unexpected string " + text;  // Already in quotes.
  }
  return "unexpected '" + text + "'";
}

std::string JoinAlternatives(const std::vector<std::string>& items) {
  std::string joined;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      joined += (i + 1 == items.size()) ? " or " : ", ";
    }
    joined += items[i];
  }
  return joined;
}

// When the parser cannot tell which statement it reads, its expected set is the statements'
// first tokens even if the error is further on; phrase it by the statement's leading keyword.
std::string DescribeStatementContinuation(const antlr4::Token* leading,
                                          const antlr4::Token* offending) {
  switch (leading->getType()) {
    case SqlParser::SHOW:
    case SqlParser::LIST:
      return "expected STREAMS, TABLES, TOPICS, QUERIES, PROPERTIES, FUNCTIONS, TYPES or "
             "VARIABLES";
    case SqlParser::DESCRIBE:
      return "expected a stream or table name, STREAMS, TABLES or FUNCTION";
    case SqlParser::CREATE:
      return "expected STREAM, TABLE, SOURCE, TYPE or OR REPLACE";
    case SqlParser::DROP:
      return "expected STREAM, TABLE or TYPE";
    case SqlParser::INSERT:
      // INSERT INTO name is read; what follows decides between the two INSERT forms.
      return offending->getTokenIndex() > leading->getTokenIndex() + 2
                 ? "expected SELECT, WITH (...), VALUES or a column list"
                 : "expected INTO";
    case SqlParser::TERMINATE:
    case SqlParser::PAUSE:
    case SqlParser::RESUME:
      return "expected a query id or ALL";
    case SqlParser::EXPLAIN:
      return "expected a statement or a query id";
    default:
      return "";
  }
}

// Phrases that depend on where the parser stands rather than on the token set alone. Returns
// an empty string when the generic list of expected tokens says it best.
std::string DescribeByContext(antlr4::Parser* parser,
                              const antlr4::misc::IntervalSet& expected,
                              const antlr4::Token* offending,
                              bool no_viable_alternative) {
  const std::vector<std::string> rules = parser->getRuleInvocationStack();
  const std::string current_rule = rules.empty() ? "" : rules.front();
  const antlr4::Token* leading = parser->getContext()->getStart();
  const bool wants_name = Has(expected, SqlParser::IDENTIFIER);

  // Only when the parser could not choose a statement form is its expected set the statements'
  // first tokens; inside a chosen form the expected set is exact.
  if (no_viable_alternative && current_rule == "statement" && leading != nullptr &&
      leading->getTokenIndex() < offending->getTokenIndex()) {
    std::string phrase = DescribeStatementContinuation(leading, offending);
    if (!phrase.empty()) {
      return phrase;
    }
  }
  if ((current_rule == "statement" || current_rule == "statements") &&
      Has(expected, SqlParser::SELECT)) {
    // Only EXPLAIN nests a statement in a statement.
    const bool after_explain = current_rule == "statement" && leading != nullptr &&
                               leading->getType() == SqlParser::EXPLAIN &&
                               leading->getTokenIndex() < offending->getTokenIndex();
    if (after_explain || std::count(rules.begin(), rules.end(), "statement") > 1) {
      return "expected a statement or a query id";
    }
    return "expected a statement such as SELECT, CREATE, INSERT, SHOW, DESCRIBE, DROP or SET";
  }
  if (current_rule == "statements" && IsClauseKeyword(offending->getType())) {
    return "a query's clauses come in the order SELECT, FROM, JOIN, WINDOW, WHERE, GROUP BY, "
           "PARTITION BY, HAVING, EMIT, LIMIT";
  }
  if (current_rule == "timeUnit" ||
      (!expected.isEmpty() &&
       GrammarVocabulary::Get().time_units.contains(expected.getMinElement()) &&
       expected.subtract(GrammarVocabulary::Get().time_units).isEmpty())) {
    const bool in_window =
        std::find(rules.begin(), rules.end(), "windowExpression") != rules.end() ||
        std::find(rules.begin(), rules.end(), "withinExpression") != rules.end();
    return std::string("expected a ") + (in_window ? "window" : "time") +
           " unit such as SECONDS, MINUTES or HOURS";
  }
  if (current_rule == "type" && wants_name) {
    return "expected a data type such as INT, BIGINT, DOUBLE, STRING, DECIMAL(10, 2), "
           "ARRAY<...>, MAP<...> or STRUCT<...>";
  }
  if ((current_rule == "sourceName" || current_rule == "relationPrimary") && wants_name) {
    return "expected a stream or table name";
  }
  if (current_rule == "windowExpression" && leading != nullptr &&
      leading->getType() == SqlParser::HOPPING && Has(expected, SqlParser::COMMA)) {
    return "expected ',': a HOPPING window needs ADVANCE BY after its SIZE";
  }
  return "";
}

// "expected ..." in words, from the set of tokens that could have come next.
std::string DescribeExpected(antlr4::Parser* parser,
                             const antlr4::misc::IntervalSet& expected,
                             const antlr4::Token* offending,
                             bool no_viable_alternative) {
  std::string phrase = DescribeByContext(parser, expected, offending, no_viable_alternative);
  if (!phrase.empty()) {
    return phrase;
  }
  const GrammarVocabulary& facts = GrammarVocabulary::Get();
  std::vector<std::string> items;
  antlr4::misc::IntervalSet remaining = expected;
  if (Has(remaining, SqlParser::STRING) && Has(remaining, SqlParser::IDENTIFIER) &&
      Has(remaining, SqlParser::LPAREN)) {
    items.emplace_back("an expression");
    remaining = remaining.subtract(facts.expression_start).subtract(facts.non_reserved);
  } else if (Has(remaining, SqlParser::IDENTIFIER)) {
    items.emplace_back("a name");
    remaining = remaining.subtract(facts.name_tokens).subtract(facts.non_reserved);
  } else if (Has(remaining, SqlParser::STRING) && Has(remaining, SqlParser::INTEGER_VALUE) &&
             Has(remaining, SqlParser::NULL_)) {
    items.emplace_back("a value such as 'text', 42, TRUE or NULL");
    for (size_t literal : {SqlParser::STRING,
                           SqlParser::INTEGER_VALUE,
                           SqlParser::DECIMAL_VALUE,
                           SqlParser::FLOATING_POINT_VALUE,
                           SqlParser::NULL_,
                           SqlParser::TRUE,
                           SqlParser::FALSE,
                           SqlParser::VARIABLE,
                           SqlParser::MINUS}) {
      remaining.remove(literal);
    }
  }
  std::vector<std::string> punctuation;
  bool end_of_input = false;
  for (size_t type : remaining.toList()) {
    if (type == antlr4::Token::EOF) {
      end_of_input = true;
      continue;
    }
    std::string word = facts.Describe(type);
    std::vector<std::string>& list = word.front() == '\'' ? punctuation : items;
    if (std::find(list.begin(), list.end(), word) == list.end()) {
      list.push_back(std::move(word));
    }
  }
  items.insert(items.end(), punctuation.begin(), punctuation.end());
  if (end_of_input) {
    items.emplace_back("the end of the statement");
  }
  if (items.empty()) {
    return "";
  }
  if (items.size() > kMaxListedAlternatives) {
    items.resize(kMaxListedAlternatives);
    return "expected one of " + JoinAlternatives(items) + ", ...";
  }
  return "expected " + JoinAlternatives(items);
}

// A hint when a reserved word stands where a name was expected. After a comma it is most likely
// meant as a name, except FROM in a SELECT list followed by a source: one ',' too many. A
// clause keyword elsewhere (SELECT FROM t, JOIN ON) means an unfinished clause: no hint.
std::string DescribeKeywordHint(antlr4::Parser* parser,
                                const antlr4::Token* offending,
                                const antlr4::misc::IntervalSet& expected) {
  if (!Has(expected, SqlParser::IDENTIFIER) || !IsReservedKeyword(offending->getText())) {
    return "";
  }
  const antlr4::Token* previous = parser->getTokenStream()->LT(-1);
  const bool after_comma = previous != nullptr && previous->getType() == SqlParser::COMMA;
  if (after_comma && offending->getType() == SqlParser::FROM) {
    const std::vector<std::string> rules = parser->getRuleInvocationStack();
    const antlr4::Token* next = parser->getTokenStream()->get(offending->getTokenIndex() + 1);
    if (std::find(rules.begin(), rules.end(), "selectItem") != rules.end() &&
        next->getType() != SqlParser::FROM) {
      return " (is there one ',' too many before FROM?)";
    }
  }
  if (IsClauseKeyword(offending->getType()) && !after_comma) {
    return "";
  }
  return " ('" + offending->getText() + "' is a reserved word: write `" + offending->getText() +
         "` in back-quotes to use it as a name)";
}

// End of input is reported just after the last token, not on an empty line after it.
SourceSpan SpanAfter(const antlr4::Token* token) {
  SourceSpan span = SpanOf(token);
  const std::string text = token->getText();
  const size_t last_newline = text.rfind('\n');
  if (last_newline == std::string::npos) {
    span.column += span.length;
  } else {
    span.line += static_cast<int32_t>(std::count(text.begin(), text.end(), '\n'));
    // Columns count code points: count the bytes that do not continue a UTF-8 sequence.
    span.column = 1 + static_cast<int32_t>(std::count_if(
                          text.begin() + static_cast<std::ptrdiff_t>(last_newline) + 1,
                          text.end(),
                          [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }
  span.offset += span.length;
  span.length = 0;
  return span;
}

}  // namespace

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* /*recognizer*/,
                                      antlr4::Token* offending_symbol,
                                      size_t line,
                                      size_t char_position_in_line,
                                      const std::string& /*antlr_message*/,
                                      std::exception_ptr error) {
  SourceSpan span;
  span.line = static_cast<int32_t>(line);
  span.column = static_cast<int32_t>(char_position_in_line) + 1;
  if (offending_symbol == nullptr) {
    ThrowSyntaxError("syntax error", span);
  }
  span = SpanOf(offending_symbol);
  const antlr4::Token* previous = parser_->getTokenStream()->LT(-1);
  bool no_viable_alternative = false;
  if (error != nullptr) {
    try {
      std::rethrow_exception(error);
    } catch (const antlr4::NoViableAltException&) {
      no_viable_alternative = true;
    } catch (...) {  // NOLINT(bugprone-empty-catch): other recognition errors need nothing.
    }
  }
  if (offending_symbol->getType() == antlr4::Token::EOF && previous != nullptr) {
    span = SpanAfter(previous);
  }
  std::string message = DescribeOffendingToken(offending_symbol);
  switch (offending_symbol->getType()) {
    case SqlParser::UNTERMINATED_STRING:
    case SqlParser::UNTERMINATED_QUOTED_IDENTIFIER:
    case SqlParser::UNTERMINATED_COMMENT:
      break;  // The message names the whole problem.
    default: {
      const antlr4::misc::IntervalSet expected = parser_->getExpectedTokens();
      const std::string expected_text =
          DescribeExpected(parser_, expected, offending_symbol, no_viable_alternative);
      if (!expected_text.empty()) {
        message += "; " + expected_text;
      }
      message += DescribeKeywordHint(parser_, offending_symbol, expected);
    }
  }
  ThrowSyntaxError(message, span);
}

}  // namespace fluxo::parser
