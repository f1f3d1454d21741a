#include "planner/binder/bind_create_source.h"

#include <utility>

#include "planner/binder/data_type_binder.h"
#include "planner/binder/source_properties.h"
#include "runtime/core/error.h"

namespace fluxo::planner {

namespace {

constexpr const char* kKeyKinds =
    "\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no "
    "uniqueness or NON NULL constraints.";

[[noreturn]] void Fail(const std::string& message, const SourceSpan& span) {
  throw Error(ErrorKind::kPlanning, message, span);
}

ColumnNamespace NamespaceOf(const ast::ColumnDefinition& column, SourceType type) {
  switch (column.constraint) {
    case ast::ColumnConstraint::kKey:
      if (type == SourceType::kTable) {
        Fail("Column `" + column.name.value +
                 "` is a 'KEY' column: please use 'PRIMARY KEY' for tables." + kKeyKinds,
             column.span);
      }
      return ColumnNamespace::kKey;
    case ast::ColumnConstraint::kPrimaryKey:
      if (type == SourceType::kStream) {
        Fail("Column `" + column.name.value +
                 "` is a 'PRIMARY KEY' column: please use 'KEY' for streams." + kKeyKinds,
             column.span);
      }
      return ColumnNamespace::kKey;
    case ast::ColumnConstraint::kHeaders:
      return ColumnNamespace::kHeaders;
    case ast::ColumnConstraint::kHeader:
      return ColumnNamespace::kHeader;
    case ast::ColumnConstraint::kNone:
      return ColumnNamespace::kValue;
  }
  return ColumnNamespace::kValue;
}

std::vector<Column> BindColumns(const ast::CreateSource& create,
                                SourceType type,
                                const Catalog& catalog) {
  std::vector<Column> columns;
  for (const ast::ColumnDefinition& definition : create.columns) {
    const std::string& name = definition.name.value;
    if (IsReservedColumnName(name)) {
      Fail("'" + name + "' is a reserved column name. You cannot use it as a name for a column.",
           definition.name.span);
    }
    for (const Column& earlier : columns) {
      if (earlier.name == name) {
        Fail("Duplicate column names: " + name, definition.name.span);
      }
    }
    Column column{name,
                  BindDataType(definition.type, catalog),
                  NamespaceOf(definition, type),
                  definition.header_key};
    columns.push_back(std::move(column));
  }
  // Flink's table constraint PRIMARY KEY (a, b) makes those columns the key.
  if (create.primary_key.has_value()) {
    for (const ast::Identifier& key : create.primary_key->columns) {
      bool found = false;
      for (Column& column : columns) {
        if (column.name == key.value) {
          column.column_namespace = ColumnNamespace::kKey;
          found = true;
        }
      }
      if (!found) {
        Fail("PRIMARY KEY column " + key.value + " is not a column of " + create.name.value,
             key.span);
      }
    }
  }
  return columns;
}

void CheckTimestampColumn(const SourceDescription& source, const SourceSpan& span) {
  const auto index = source.schema.Find(*source.timestamp_column);
  if (!index.has_value()) {
    Fail("The TIMESTAMP column set in the WITH clause does not exist in the schema: '" +
             *source.timestamp_column + "'",
         span);
  }
  const TypeKind kind = source.schema.columns()[*index].type->kind();
  if (kind == TypeKind::kString) {
    if (!source.timestamp_format.has_value()) {
      Fail("A TIMESTAMP column of type STRING needs a TIMESTAMP_FORMAT", span);
    }
  } else if (kind != TypeKind::kBigint && kind != TypeKind::kTimestamp) {
    Fail("Timestamp column, `" + *source.timestamp_column +
             "`, should be LONG(INT64), TIMESTAMP, or a String with a timestamp_format "
             "specified.",
         span);
  }
}

// WATERMARK FOR ts AS ts [- INTERVAL 'n' UNIT]: the delay is n UNITs.
int64_t WatermarkDelay(const ast::Watermark& watermark) {
  const ast::Expression& expression = watermark.expression;
  const auto is_column = [&](const ast::Expression& candidate) {
    const auto* column = candidate.As<ast::ColumnReference>();
    return column != nullptr && !column->qualifier && column->name.value == watermark.column.value;
  };
  if (is_column(expression)) {
    return 0;
  }
  if (const auto* minus = expression.As<ast::ArithmeticBinary>();
      minus != nullptr && minus->op == ast::BinaryOperator::kSubtract && is_column(*minus->left)) {
    if (const auto* interval = minus->right->As<ast::IntervalLiteral>()) {
      try {
        return std::stoll(interval->value) * ast::TimeUnitMillis(interval->unit);
      } catch (const std::exception&) {  // Falls through to the error below.
      }
    }
  }
  Fail(
      "A WATERMARK must be the column itself or the column minus an interval, e.g. WATERMARK "
      "FOR ts AS ts - INTERVAL '5' SECOND",
      watermark.span);
}

}  // namespace

bool IsReservedColumnName(const std::string& name) {
  return name == "ROWTIME" || name == "ROWPARTITION" || name == "ROWOFFSET" ||
         name == "WINDOWSTART" || name == "WINDOWEND";
}

BoundCreateSource BindCreateSource(const ast::CreateSource& create,
                                   const Catalog& catalog,
                                   const std::string& statement_text) {
  SourceProperties properties = BindSourceProperties(create.properties);
  BoundCreateSource bound;
  bound.or_replace = create.or_replace;
  bound.if_not_exists = create.if_not_exists;
  bound.partitions = properties.partitions;
  bound.replicas = properties.replicas;
  bound.notices = std::move(properties.notices);

  SourceDescription& source = bound.source;
  source.name = create.name.value;
  source.statement = statement_text;
  source.read_only = create.read_only;
  source.flink = properties.flink_connector;
  if (properties.startup_mode == "earliest-offset" || properties.startup_mode == "latest-offset") {
    source.starts_at_end = properties.startup_mode == "latest-offset";
  }
  source.type = create.kind == ast::SourceKind::kTable ? SourceType::kTable : SourceType::kStream;
  if (properties.flink_connector && source.type == SourceType::kTable &&
      !create.primary_key.has_value()) {
    // Flink: a plain 'kafka' table without a primary key is an append-only source.
    source.type = SourceType::kStream;
  }
  source.schema = LogicalSchema(BindColumns(create, source.type, catalog));
  if (source.type == SourceType::kTable && source.schema.IndexesIn(ColumnNamespace::kKey).empty() &&
      !create.columns.empty()) {
    Fail("Tables require a PRIMARY KEY. Please define the PRIMARY KEY.", create.name.span);
  }

  if (!properties.topic.has_value()) {
    Fail("Missing required property \"KAFKA_TOPIC\" which has no default value.", create.name.span);
  }
  source.topic = *properties.topic;
  if (!properties.value_format.has_value()) {
    Fail("Statement is missing the 'VALUE_FORMAT' property from the WITH clause.",
         create.name.span);
  }
  source.value_format.kind = *properties.value_format;
  source.value_format.delimiter = properties.value_delimiter.value_or(',');
  source.value_format.wrap_single_value = properties.wrap_single_value;
  source.key_format.kind = properties.key_format.value_or(FormatKind::kKafka);
  source.key_format.delimiter = properties.key_delimiter.value_or(',');
  if (source.schema.IndexesIn(ColumnNamespace::kKey).empty() && !create.columns.empty() &&
      !properties.key_format.has_value()) {
    // No key columns and no key format: nothing in the key. A format given with FORMAT or
    // KEY_FORMAT stays, for the keys a PARTITION BY of this source adds.
    source.key_format.kind = FormatKind::kNone;
  }
  source.window = properties.window;
  source.timestamp_format = properties.timestamp_format;
  source.timestamp_column = properties.timestamp_column;
  if (create.watermark.has_value()) {
    source.timestamp_column = create.watermark->column.value;
    source.watermark_delay_ms = WatermarkDelay(*create.watermark);
  }
  if (source.timestamp_column.has_value()) {
    CheckTimestampColumn(source, create.name.span);
  }
  return bound;
}

}  // namespace fluxo::planner
