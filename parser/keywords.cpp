#include "parser/keywords.h"

#include <cctype>
#include <string>

#include "SqlLexer.h"
#include "SqlParser.h"
#include "parser/ast_builder.h"
#include "parser/grammar_vocabulary.h"

namespace fluxo::parser {

namespace {

GrammarVocabulary ComputeVocabulary() {
  GrammarVocabulary facts;
  // A parser over empty input gives access to the grammar's ATN.
  antlr4::ANTLRInputStream input("");
  grammar::SqlLexer lexer(&input);
  antlr4::CommonTokenStream tokens(&lexer);
  grammar::SqlParser parser(&tokens);
  const antlr4::atn::ATN& atn = parser.getATN();
  facts.non_reserved = atn.nextTokens(atn.ruleToStartState[SqlParser::RuleNonReserved]);
  facts.expression_start = atn.nextTokens(atn.ruleToStartState[SqlParser::RuleExpression]);
  facts.time_units = atn.nextTokens(atn.ruleToStartState[SqlParser::RuleTimeUnit]);
  facts.name_tokens = antlr4::misc::IntervalSet::of(SqlParser::IDENTIFIER);
  facts.name_tokens.add(SqlParser::DIGIT_IDENTIFIER);
  facts.name_tokens.add(SqlParser::BACKQUOTED_IDENTIFIER);
  facts.name_tokens.add(SqlParser::QUOTED_IDENTIFIER);
  facts.name_tokens.add(SqlParser::VARIABLE);

  // The vocabulary object is static in the generated parser, so it outlives `parser`.
  facts.vocabulary = &parser.getVocabulary();
  for (size_t type = 1; type <= facts.vocabulary->getMaxTokenType(); ++type) {
    const std::string literal = facts.vocabulary->getLiteralName(type);
    // Keyword literals look like 'SELECT': quoted and alphabetic.
    if (literal.size() > 2 && literal.front() == '\'' && std::isalpha(literal[1]) != 0) {
      facts.keywords.emplace(literal.substr(1, literal.size() - 2), type);
    }
  }
  return facts;
}

}  // namespace

const GrammarVocabulary& GrammarVocabulary::Get() {
  static const GrammarVocabulary facts = ComputeVocabulary();
  return facts;
}

std::string GrammarVocabulary::Describe(size_t token_type) const {
  switch (token_type) {
    case antlr4::Token::EOF:
      return "end of input";
    case SqlParser::STRING:
      return "a string in single quotes";
    case SqlParser::INTEGER_VALUE:
      return "a whole number";
    case SqlParser::DECIMAL_VALUE:
    case SqlParser::FLOATING_POINT_VALUE:
      return "a number";
    case SqlParser::IDENTIFIER:
    case SqlParser::DIGIT_IDENTIFIER:
    case SqlParser::BACKQUOTED_IDENTIFIER:
    case SqlParser::QUOTED_IDENTIFIER:
      return "a name";
    case SqlParser::VARIABLE:
      return "a ${variable}";
    default:
      break;
  }
  std::string literal = vocabulary->getLiteralName(token_type);
  if (literal.size() > 2 && literal.front() == '\'' && std::isalpha(literal[1]) != 0) {
    return literal.substr(1, literal.size() - 2);  // a keyword: SELECT
  }
  if (!literal.empty()) {
    return literal;  // punctuation, already quoted: '('
  }
  return vocabulary->getSymbolicName(token_type);
}

bool IsReservedKeyword(std::string_view word) {
  const GrammarVocabulary& facts = GrammarVocabulary::Get();
  auto found = facts.keywords.find(ToUpperAscii(std::string(word)));
  return found != facts.keywords.end() && !facts.non_reserved.contains(found->second);
}

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty()) {
    return false;
  }
  const char first = name.front();
  if (!((first >= 'A' && first <= 'Z') || first == '_')) {
    return false;
  }
  for (char c : name) {
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '@';
    if (!allowed) {
      return false;
    }
  }
  return !IsReservedKeyword(name);
}

}  // namespace fluxo::parser
