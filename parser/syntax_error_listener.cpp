#include "parser/syntax_error_listener.h"

#include <algorithm>
#include <string>
#include <vector>

#include "SqlParser.h"
#include "parser/ast_builder.h"
#include "parser/grammar_vocabulary.h"

namespace fluxo::parser {

namespace {

constexpr size_t kMaxQuotedTokenLength = 40;
constexpr size_t kMaxListedAlternatives = 8;

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
  return "unexpected '" + text + "'";
}

bool RuleStackContains(const std::vector<std::string>& stack, const std::string& rule) {
  return std::find(stack.begin(), stack.end(), rule) != stack.end();
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
std::string DescribeExpectedStatement(const antlr4::Token* leading,
                                      const antlr4::Token* offending) {
  if (leading == nullptr || leading->getTokenIndex() >= offending->getTokenIndex()) {
    return "expected a statement such as SELECT, CREATE, INSERT, SHOW, DESCRIBE, DROP or SET";
  }
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
      return "expected INTO name followed by SELECT, WITH (...), VALUES or a column list";
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

// "expected ..." in words, from the set of tokens that could have come next.
std::string DescribeExpected(antlr4::Parser* parser,
                             const antlr4::misc::IntervalSet& expected,
                             const antlr4::Token* offending) {
  const GrammarVocabulary& facts = GrammarVocabulary::Get();
  const std::vector<std::string> rules = parser->getRuleInvocationStack();
  const std::string current_rule = rules.empty() ? "" : rules.front();

  if (current_rule == "statement" || current_rule == "statements") {
    if (expected.contains(static_cast<size_t>(SqlParser::SELECT)) && offending != nullptr) {
      const antlr4::Token* leading =
          current_rule == "statement" ? parser->getContext()->getStart() : nullptr;
      std::string phrase = DescribeExpectedStatement(leading, offending);
      if (!phrase.empty()) {
        return phrase;
      }
    }
  }
  if (current_rule == "sourceName" || current_rule == "relationPrimary") {
    return "expected a stream or table name";
  }

  if (current_rule == "timeUnit" ||
      (!expected.isEmpty() && facts.time_units.contains(expected.getMinElement()) &&
       expected.subtract(facts.time_units).isEmpty())) {
    const bool in_window = RuleStackContains(rules, "windowExpression") ||
                           RuleStackContains(rules, "withinExpression");
    return std::string("expected a ") + (in_window ? "window" : "time") +
           " unit such as SECONDS, MINUTES or HOURS";
  }
  if (current_rule == "type") {
    return "expected a data type such as INT, BIGINT, DOUBLE, STRING, DECIMAL(10, 2), "
           "ARRAY<...>, MAP<...> or STRUCT<...>";
  }

  std::vector<std::string> items;
  antlr4::misc::IntervalSet remaining = expected;
  if (remaining.contains(static_cast<size_t>(SqlParser::STRING)) &&
      remaining.contains(static_cast<size_t>(SqlParser::IDENTIFIER)) &&
      remaining.contains(static_cast<size_t>(SqlParser::LPAREN))) {
    items.emplace_back("an expression");
    remaining = remaining.subtract(facts.expression_start);
    remaining = remaining.subtract(facts.non_reserved);
  } else if (remaining.contains(static_cast<size_t>(SqlParser::IDENTIFIER))) {
    items.emplace_back("a name");
    remaining = remaining.subtract(facts.name_tokens);
    remaining = remaining.subtract(facts.non_reserved);
  }
  std::vector<std::string> punctuation;
  bool end_of_input = false;
  for (size_t type : remaining.toList()) {
    if (type == antlr4::Token::EOF) {
      end_of_input = true;
      continue;
    }
    std::string word = facts.Describe(type);
    (word.front() == '\'' ? punctuation : items).push_back(std::move(word));
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
    items.emplace_back("...");
    return "expected one of " + JoinAlternatives(items);
  }
  return "expected " + JoinAlternatives(items);
}

}  // namespace

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* /*recognizer*/,
                                      antlr4::Token* offending_symbol,
                                      size_t line,
                                      size_t char_position_in_line,
                                      const std::string& /*antlr_message*/,
                                      std::exception_ptr /*error*/) {
  SourceSpan span;
  span.line = static_cast<int32_t>(line);
  span.column = static_cast<int32_t>(char_position_in_line) + 1;
  std::string message = "syntax error";
  if (offending_symbol != nullptr) {
    span = SpanOf(offending_symbol);
    message = DescribeOffendingToken(offending_symbol);
  }
  const bool names_the_problem =
      offending_symbol != nullptr &&
      (offending_symbol->getType() == SqlParser::UNTERMINATED_STRING ||
       offending_symbol->getType() == SqlParser::UNTERMINATED_QUOTED_IDENTIFIER ||
       offending_symbol->getType() == SqlParser::UNTERMINATED_COMMENT);
  if (!names_the_problem) {
    antlr4::Parser* parser = parser_;
    const std::string expected =
        DescribeExpected(parser, parser->getExpectedTokens(), offending_symbol);
    if (!expected.empty()) {
      message += "; " + expected;
    }
    const GrammarVocabulary& facts = GrammarVocabulary::Get();
    const bool wanted_name =
        parser->getExpectedTokens().contains(static_cast<size_t>(SqlParser::IDENTIFIER));
    if (offending_symbol != nullptr && wanted_name &&
        facts.keywords.count(ToUpperAscii(offending_symbol->getText())) > 0) {
      message += " ('" + offending_symbol->getText() + "' is a reserved word: write `" +
                 offending_symbol->getText() + "` in back-quotes to use it as a name)";
    }
  }
  ThrowSyntaxError(message, span);
}

}  // namespace fluxo::parser
