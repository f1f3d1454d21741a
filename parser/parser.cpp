#include "parser/parser.h"

#include <memory>
#include <string>
#include <utility>

#include "SqlLexer.h"
#include "SqlParser.h"
#include "parser/ast_builder.h"
#include "parser/case_insensitive_stream.h"
#include "parser/syntax_error_listener.h"
#include "runtime/core/error.h"
#include "runtime/core/utf8.h"

namespace fluxo::parser {

namespace {

// Rejects bytes that are not UTF-8 (ANTLR's input stream would throw a bare std::range_error).
void CheckUtf8(std::string_view text) {
  SourceSpan span{1, 1, 0, 1};
  size_t position = 0;
  while (position < text.size()) {
    const Utf8Sequence sequence = DecodeUtf8(text, position);
    if (sequence.length == 0) {
      constexpr std::string_view kHexDigits = "0123456789ABCDEF";
      const auto byte = static_cast<unsigned char>(text[position]);
      ThrowSyntaxError(std::string("the text is not valid UTF-8 (byte 0x") + kHexDigits[byte >> 4] +
                           kHexDigits[byte & 0xF] + ")",
                       span);
    }
    if (sequence.code_point == '\n') {
      ++span.line;
      span.column = 1;
    } else {
      ++span.column;
    }
    ++span.offset;
    position += sequence.length;
  }
}

// Bounds the parser's recursion before it starts: parentheses, brackets, CASE ... END, nested
// ARRAY<MAP<...>> types and runs of prefix operators (NOT NOT -x) each add a level.
void CheckNestingDepth(antlr4::CommonTokenStream& tokens) {
  int depth = 0;
  int prefix_run = 0;
  int open_type_brackets = 0;
  size_t previous_type = antlr4::Token::INVALID_TYPE;
  for (antlr4::Token* token : tokens.getTokens()) {
    if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL) {
      continue;
    }
    const size_t type = token->getType();
    switch (type) {
      case SqlParser::LPAREN:
      case SqlParser::LBRACKET:
      case SqlParser::CASE:
        ++depth;
        break;
      case SqlParser::RPAREN:
      case SqlParser::RBRACKET:
      case SqlParser::END:
        depth = depth > 0 ? depth - 1 : 0;
        break;
      case SqlParser::LT:
        if (previous_type == SqlParser::ARRAY || previous_type == SqlParser::MAP ||
            previous_type == SqlParser::STRUCT || previous_type == SqlParser::ROW) {
          ++depth;
          ++open_type_brackets;
        }
        break;
      case SqlParser::GT:
        if (open_type_brackets > 0) {
          --open_type_brackets;
          depth = depth > 0 ? depth - 1 : 0;
        }
        break;
      default:
        break;
    }
    const bool is_prefix =
        type == SqlParser::NOT || type == SqlParser::MINUS || type == SqlParser::PLUS;
    prefix_run = is_prefix ? prefix_run + 1 : 0;
    if (depth + prefix_run > kMaxNestingDepth) {
      ThrowSyntaxError("the statement is nested too deeply: more than " +
                           std::to_string(kMaxNestingDepth) +
                           " levels of parentheses, brackets, CASE or prefix operators",
                       SpanOf(token));
    }
    previous_type = type;
  }
}

// Lexes `text` and parses it with `rule`: the fast SLL mode first, then full LL with error
// reporting when SLL fails (ksqlDB's DefaultKsqlParser). Returns what `build` makes of the tree.
template <class Context, class Build>
auto Parse(std::string_view text, Context* (grammar::SqlParser::*rule)(), Build build) {
  CheckUtf8(text);
  CaseInsensitiveStream input(text);
  grammar::SqlLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  CheckNestingDepth(tokens);

  grammar::SqlParser parser(&tokens);
  parser.removeErrorListeners();
  auto* simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  Context* tree = nullptr;
  try {
    tree = (parser.*rule)();
  } catch (const antlr4::ParseCancellationException&) {
    tokens.seek(0);
    parser.reset();
    simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    SyntaxErrorListener listener(&parser);
    parser.addErrorListener(&listener);
    tree = (parser.*rule)();
    parser.removeErrorListeners();
  }
  AstBuilder builder;
  return build(builder, tree);
}

}  // namespace

SourceSpan SpanOf(antlr4::ParserRuleContext* context) {
  SourceSpan span = SpanOf(context->getStart());
  const antlr4::Token* stop = context->getStop();
  if (stop != nullptr && stop->getType() != antlr4::Token::EOF &&
      stop->getStopIndex() >= context->getStart()->getStartIndex()) {
    span.length =
        static_cast<int32_t>(stop->getStopIndex() - context->getStart()->getStartIndex() + 1);
  }
  return span;
}

SourceSpan SpanOf(const antlr4::Token* token) {
  SourceSpan span;
  span.line = static_cast<int32_t>(token->getLine());
  span.column = static_cast<int32_t>(token->getCharPositionInLine()) + 1;
  span.offset = static_cast<int32_t>(token->getStartIndex());
  if (token->getType() != antlr4::Token::EOF && token->getStopIndex() >= token->getStartIndex()) {
    span.length = static_cast<int32_t>(token->getStopIndex() - token->getStartIndex() + 1);
  }
  return span;
}

void ThrowSyntaxError(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kSyntax, message, span);
}

std::vector<ast::Statement> ParseStatements(std::string_view text) {
  return Parse(text,
               &grammar::SqlParser::statements,
               [](AstBuilder& builder, grammar::SqlParser::StatementsContext* tree) {
                 return builder.BuildStatements(tree);
               });
}

ast::Statement ParseStatement(std::string_view text) {
  std::vector<ast::Statement> statements = ParseStatements(text);
  if (statements.size() != 1) {
    throw Error(ErrorKind::kSyntax,
                "expected exactly one statement, found " + std::to_string(statements.size()),
                statements.size() > 1 ? statements[1].span : SourceSpan{1, 1, 0, 0});
  }
  return std::move(statements.front());
}

ast::Expression ParseExpression(std::string_view text) {
  return Parse(text,
               &grammar::SqlParser::singleExpression,
               [](AstBuilder& builder, grammar::SqlParser::SingleExpressionContext* tree) {
                 return builder.BuildSingleExpression(tree);
               });
}

}  // namespace fluxo::parser
