// Statement half of the SQL printer: statements, queries, data types and names. Expressions
// are in sql_formatter_expr.cpp.

#include "parser/sql_formatter.h"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "parser/keywords.h"

namespace fluxo::parser {

// Defined in sql_formatter_expr.cpp; not part of the public header.
std::string FormatValueOperand(const ast::Expression& expression);
std::string FormatPrimaryOperand(const ast::Expression& expression);

namespace {

/// Joins the printed items with ", ".
template <class T, class Printer>
std::string JoinList(const std::vector<T>& items, Printer printer) {
  std::string text;
  for (const T& item : items) {
    text += (text.empty() ? "" : ", ") + printer(item);
  }
  return text;
}

ast::Identifier Name(std::string value) {
  ast::Identifier identifier;
  identifier.value = std::move(value);
  return identifier;
}

std::string Keyword(bool present, std::string_view text) {
  return present ? std::string(text) : std::string();
}

std::string SourceKindName(ast::SourceKind kind) {
  return kind == ast::SourceKind::kStream ? "STREAM" : "TABLE";
}

std::string FormatDuration(const ast::Duration& duration) {
  return std::to_string(duration.amount) + " " + std::string(ast::TimeUnitName(duration.unit));
}

std::string FormatGrace(const std::optional<ast::Duration>& grace) {
  return grace ? " GRACE PERIOD " + FormatDuration(*grace) : "";
}

/// Prints a type parameter: a number as written, or a name (`VARCHAR(STRING)`).
std::string FormatTypeParameter(const std::string& parameter) {
  const bool is_number =
      !parameter.empty() && parameter.find_first_not_of("0123456789") == std::string::npos;
  return is_number ? parameter : FormatIdentifier(Name(parameter));
}

// ---------------------------------------------------------------------------------------------
// Queries

std::string FormatSelectItem(const ast::SelectItem& item) {
  switch (item.kind) {
    case ast::SelectItemKind::kAll:
      return "*";
    case ast::SelectItemKind::kAllOf:
      return FormatIdentifier(*item.source) + ".*";
    case ast::SelectItemKind::kStructAll:
      return FormatPrimaryOperand(*item.expression) + "->*";
    case ast::SelectItemKind::kExpression:
      break;
  }
  const std::string text = FormatExpression(*item.expression);
  return item.alias ? text + " AS " + FormatIdentifier(*item.alias) : text;
}

std::string WindowFunctionName(ast::WindowFunctionKind kind) {
  switch (kind) {
    case ast::WindowFunctionKind::kTumble:
      return "TUMBLE";
    case ast::WindowFunctionKind::kHop:
      return "HOP";
    case ast::WindowFunctionKind::kCumulate:
      return "CUMULATE";
    case ast::WindowFunctionKind::kSession:
      return "SESSION";
  }
  return "TUMBLE";
}

std::string FormatWindowFunction(const ast::WindowTableFunction& function) {
  std::string text = "TABLE(" + WindowFunctionName(function.kind) + "(TABLE " +
                     FormatIdentifier(function.source) + ", DESCRIPTOR(" +
                     FormatIdentifier(function.time_column) + ")";
  for (const ast::Expression& argument : function.arguments) {
    text += ", " + FormatExpression(argument);
  }
  return text + "))";
}

std::string FormatRelation(const ast::AliasedRelation& relation) {
  std::string text = relation.window_function ? FormatWindowFunction(*relation.window_function)
                                              : FormatIdentifier(*relation.source);
  return relation.alias ? text + " AS " + FormatIdentifier(*relation.alias) : text;
}

std::string FormatWithin(const ast::WithinSpec& within) {
  const std::string durations =
      within.before_and_after
          ? "(" + FormatDuration(within.before) + ", " + FormatDuration(within.after) + ")"
          : FormatDuration(within.before);
  return " WITHIN " + durations + FormatGrace(within.grace);
}

std::string JoinTypeName(ast::JoinType type) {
  switch (type) {
    case ast::JoinType::kInner:
      return "INNER";
    case ast::JoinType::kLeft:
      return "LEFT";
    case ast::JoinType::kRight:
      return "RIGHT";
    case ast::JoinType::kFull:
      return "FULL";
  }
  return "INNER";
}

std::string FormatJoin(const ast::Join& join) {
  return " " + JoinTypeName(join.type) + " JOIN " + FormatRelation(join.right) +
         (join.within ? FormatWithin(*join.within) : "") + " ON " +
         FormatExpression(join.condition);
}

std::string FormatWindow(const ast::WindowSpec& window) {
  std::string text;
  switch (window.kind) {
    case ast::WindowKind::kTumbling:
      text = "TUMBLING (SIZE " + FormatDuration(window.size);
      break;
    case ast::WindowKind::kHopping:
      text = "HOPPING (SIZE " + FormatDuration(window.size) +
             (window.advance ? ", ADVANCE BY " + FormatDuration(*window.advance) : "");
      break;
    case ast::WindowKind::kSession:
      text = "SESSION (" + FormatDuration(window.size);
      break;
  }
  if (window.retention) {
    text += ", RETENTION " + FormatDuration(*window.retention);
  }
  if (window.grace) {
    text += "," + FormatGrace(window.grace);
  }
  return " WINDOW " + text + ")";
}

/// Prints a GROUP BY or PARTITION BY list; an empty list is `()`.
std::string FormatGrouping(std::string_view clause, const std::vector<ast::Expression>& items) {
  const std::string list = items.empty() ? "()" : JoinList(items, FormatValueOperand);
  return " " + std::string(clause) + " " + list;
}

std::string FormatQuery(const ast::Query& query) {
  std::string text = "SELECT " + JoinList(query.select_items, FormatSelectItem) + " FROM " +
                     FormatRelation(query.from);
  for (const ast::Join& join : query.joins) {
    text += FormatJoin(join);
  }
  if (query.window) {
    text += FormatWindow(*query.window);
  }
  if (query.where) {
    text += " WHERE " + FormatExpression(*query.where);
  }
  if (query.group_by) {
    text += FormatGrouping("GROUP BY", *query.group_by);
  }
  if (query.partition_by) {
    text += FormatGrouping("PARTITION BY", *query.partition_by);
  }
  if (query.having) {
    text += " HAVING " + FormatExpression(*query.having);
  }
  if (query.emit) {
    text += *query.emit == ast::EmitMode::kChanges ? " EMIT CHANGES" : " EMIT FINAL";
  }
  if (query.limit) {
    text += " LIMIT " + std::to_string(*query.limit);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// DDL

std::string FormatProperties(const std::vector<ast::Property>& properties) {
  if (properties.empty()) {
    return "";
  }
  const auto format_property = [](const ast::Property& property) {
    const std::string name =
        IsPlainIdentifier(property.name) ? property.name : QuoteString(property.name);
    return name + "=" + FormatExpression(property.value);
  };
  return " WITH (" + JoinList(properties, format_property) + ")";
}

std::string FormatConstraint(const ast::ColumnDefinition& column) {
  switch (column.constraint) {
    case ast::ColumnConstraint::kNone:
      return "";
    case ast::ColumnConstraint::kKey:
      return " KEY";
    case ast::ColumnConstraint::kPrimaryKey:
      return " PRIMARY KEY";
    case ast::ColumnConstraint::kHeaders:
      return " HEADERS";
    case ast::ColumnConstraint::kHeader:
      return " HEADER(" + QuoteString(column.header_key) + ")";
  }
  return "";
}

std::string FormatColumn(const ast::ColumnDefinition& column) {
  return FormatIdentifier(column.name) + " " + FormatDataType(column.type) +
         FormatConstraint(column);
}

std::string FormatTableElements(const ast::CreateSource& create) {
  std::string elements = JoinList(create.columns, FormatColumn);
  const auto append = [&elements](const std::string& element) {
    elements += (elements.empty() ? "" : ", ") + element;
  };
  if (create.watermark) {
    append("WATERMARK FOR " + FormatIdentifier(create.watermark->column) + " AS " +
           FormatExpression(create.watermark->expression));
  }
  if (create.primary_key) {
    append("PRIMARY KEY (" + JoinList(create.primary_key->columns, FormatIdentifier) + ")" +
           Keyword(create.primary_key->not_enforced, " NOT ENFORCED"));
  }
  return elements.empty() ? "" : " (" + elements + ")";
}

std::string FormatCreateSource(const ast::CreateSource& create) {
  return "CREATE" + Keyword(create.or_replace, " OR REPLACE") +
         Keyword(create.read_only, " SOURCE") + " " + SourceKindName(create.kind) +
         Keyword(create.if_not_exists, " IF NOT EXISTS") + " " + FormatIdentifier(create.name) +
         FormatTableElements(create) + FormatProperties(create.properties);
}

std::string FormatCreateSourceAs(const ast::CreateSourceAs& create) {
  return "CREATE" + Keyword(create.or_replace, " OR REPLACE") + " " + SourceKindName(create.kind) +
         Keyword(create.if_not_exists, " IF NOT EXISTS") + " " + FormatIdentifier(create.name) +
         FormatProperties(create.properties) + " AS " + FormatQuery(create.query);
}

std::string FormatAlter(const ast::AlterSource& alter) {
  const auto format_add = [](const ast::ColumnDefinition& column) {
    return "ADD COLUMN " + FormatColumn(column);
  };
  return "ALTER " + SourceKindName(alter.kind) + " " + FormatIdentifier(alter.name) + " " +
         JoinList(alter.added_columns, format_add);
}

std::string FormatInsertValues(const ast::InsertValues& insert) {
  const std::string columns =
      insert.columns.empty() ? "" : " (" + JoinList(insert.columns, FormatIdentifier) + ")";
  return "INSERT INTO " + FormatIdentifier(insert.target) + columns + " VALUES (" +
         JoinList(insert.values, FormatExpression) + ")";
}

// ---------------------------------------------------------------------------------------------
// Other statements

std::string FormatShow(const ast::Show& show) {
  switch (show.what) {
    case ast::ShowKind::kProperties:
      return "SHOW PROPERTIES";
    case ast::ShowKind::kTopics:
      return std::string("SHOW ") + Keyword(show.all, "ALL ") + "TOPICS" +
             Keyword(show.extended, " EXTENDED");
    case ast::ShowKind::kStreams:
      return "SHOW STREAMS" + Keyword(show.extended, " EXTENDED");
    case ast::ShowKind::kTables:
      return "SHOW TABLES" + Keyword(show.extended, " EXTENDED");
    case ast::ShowKind::kFunctions:
      return "SHOW FUNCTIONS";
    case ast::ShowKind::kTypes:
      return "SHOW TYPES";
    case ast::ShowKind::kVariables:
      return "SHOW VARIABLES";
    case ast::ShowKind::kQueries:
      return "SHOW QUERIES" + Keyword(show.extended, " EXTENDED");
  }
  return "SHOW STREAMS";
}

std::string FormatDescribeSource(const ast::DescribeSource& describe) {
  std::string name = FormatIdentifier(describe.name);
  if (name == "FUNCTION" || name == "TABLES") {
    name = "`" + name + "`";  // `DESCRIBE TABLES` would read as DescribeSources.
  }
  return "DESCRIBE " + name + Keyword(describe.extended, " EXTENDED");
}

std::string FormatPrint(const ast::PrintTopic& print) {
  std::string text =
      "PRINT " + QuoteString(print.topic) + Keyword(print.from_beginning, " FROM BEGINNING");
  if (print.interval) {
    text += " INTERVAL " + std::to_string(*print.interval);
  }
  if (print.limit) {
    text += " LIMIT " + std::to_string(*print.limit);
  }
  return text;
}

std::string FormatQueryControl(const ast::QueryControl& control) {
  std::string action = "TERMINATE";
  if (control.action == ast::QueryAction::kPause) {
    action = "PAUSE";
  } else if (control.action == ast::QueryAction::kResume) {
    action = "RESUME";
  }
  return action + " " + (control.query_id ? FormatIdentifier(*control.query_id) : "ALL");
}

std::string FormatExplain(const ast::Explain& explain) {
  if (explain.statement) {
    return "EXPLAIN " + FormatStatement(**explain.statement);
  }
  return "EXPLAIN " + FormatIdentifier(explain.query_id.value_or(ast::Identifier{}));
}

std::string FormatDrop(const ast::DropSource& drop) {
  return "DROP " + SourceKindName(drop.kind) + Keyword(drop.if_exists, " IF EXISTS") + " " +
         FormatIdentifier(drop.name) + Keyword(drop.delete_topic, " DELETE TOPIC");
}

/// Prints one statement of each kind.
struct StatementPrinter {
  std::string operator()(const ast::QueryStatement& node) const { return FormatQuery(node.query); }

  std::string operator()(const ast::Show& node) const { return FormatShow(node); }

  std::string operator()(const ast::DescribeSource& node) const {
    return FormatDescribeSource(node);
  }

  std::string operator()(const ast::DescribeSources& node) const {
    return std::string("DESCRIBE ") +
           (node.kind == ast::SourceKind::kStream ? "STREAMS" : "TABLES") +
           Keyword(node.extended, " EXTENDED");
  }

  std::string operator()(const ast::DescribeFunction& node) const {
    return "DESCRIBE FUNCTION " + FormatIdentifier(node.name);
  }

  std::string operator()(const ast::PrintTopic& node) const { return FormatPrint(node); }

  std::string operator()(const ast::QueryControl& node) const { return FormatQueryControl(node); }

  std::string operator()(const ast::SetProperty& node) const {
    return "SET " + QuoteString(node.name) + "=" + QuoteString(node.value);
  }

  std::string operator()(const ast::UnsetProperty& node) const {
    return "UNSET " + QuoteString(node.name);
  }

  std::string operator()(const ast::DefineVariable& node) const {
    return "DEFINE " + FormatIdentifier(Name(node.name)) + " = " + QuoteString(node.value);
  }

  std::string operator()(const ast::UndefineVariable& node) const {
    return "UNDEFINE " + FormatIdentifier(Name(node.name));
  }

  std::string operator()(const ast::RunScript& node) const {
    return "RUN SCRIPT " + QuoteString(node.path);
  }

  std::string operator()(const ast::CreateSource& node) const { return FormatCreateSource(node); }

  std::string operator()(const ast::CreateSourceAs& node) const {
    return FormatCreateSourceAs(node);
  }

  std::string operator()(const ast::InsertInto& node) const {
    return "INSERT INTO " + FormatIdentifier(node.target) + FormatProperties(node.properties) +
           " " + FormatQuery(node.query);
  }

  std::string operator()(const ast::InsertValues& node) const { return FormatInsertValues(node); }

  std::string operator()(const ast::DropSource& node) const { return FormatDrop(node); }

  std::string operator()(const ast::CreateType& node) const {
    return "CREATE TYPE" + Keyword(node.if_not_exists, " IF NOT EXISTS") + " " +
           FormatIdentifier(node.name) + " AS " + FormatDataType(node.type);
  }

  std::string operator()(const ast::DropType& node) const {
    return "DROP TYPE" + Keyword(node.if_exists, " IF EXISTS") + " " + FormatIdentifier(node.name);
  }

  std::string operator()(const ast::AlterSource& node) const { return FormatAlter(node); }

  std::string operator()(const ast::Explain& node) const { return FormatExplain(node); }
};

}  // namespace

std::string FormatStatement(const ast::Statement& statement) {
  return std::visit(StatementPrinter{}, statement.node);
}

std::string FormatDataType(const ast::DataType& type) {
  switch (type.kind) {
    case ast::TypeKind::kNamed: {
      const std::string name = FormatIdentifier(type.name);
      return type.parameters.empty()
                 ? name
                 : name + "(" + JoinList(type.parameters, FormatTypeParameter) + ")";
    }
    case ast::TypeKind::kArray:
      return "ARRAY<" + FormatDataType(type.element_types.at(0)) + ">";
    case ast::TypeKind::kMap:
      return "MAP<" + FormatDataType(type.element_types.at(0)) + ", " +
             FormatDataType(type.element_types.at(1)) + ">";
    case ast::TypeKind::kStruct: {
      const auto format_field = [](const ast::StructTypeField& field) {
        return FormatIdentifier(field.name) + " " + FormatDataType(field.type.at(0));
      };
      // `STRUCT<>` would lex `<>` as the not-equal operator.
      return type.fields.empty() ? "STRUCT< >"
                                 : "STRUCT<" + JoinList(type.fields, format_field) + ">";
    }
  }
  return "";
}

std::string FormatIdentifier(const ast::Identifier& identifier) {
  if (identifier.is_variable) {
    return "${" + identifier.value + "}";
  }
  if (IsPlainIdentifier(identifier.value)) {
    return identifier.value;
  }
  std::string text = "`";
  for (char c : identifier.value) {
    text += c == '`' ? "``" : std::string(1, c);
  }
  return text + "`";
}

std::string QuoteString(std::string_view value) {
  std::string text = "'";
  for (char c : value) {
    text += c == '\'' ? "''" : std::string(1, c);
  }
  return text + "'";
}

}  // namespace fluxo::parser
