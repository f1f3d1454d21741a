// Fluxo's SQL dialect: ksqlDB's statements and expressions, plus the Flink SQL forms that
// Flink users bring (group-window functions, window table-valued functions, WATERMARK and
// string-keyed connector options). One combined grammar; the lexer matches keywords in upper
// case and the parser feeds it a case-folding character stream (ANTLR 4.7 has no
// caseInsensitive option). Only parser/ast_builder_*.cpp and parser/parser.cpp see the code
// generated from this file.
grammar Sql;

// ---------------------------------------------------------------------------------------------
// Scripts and statements

statements
    : SEMICOLON* (statement (SEMICOLON+ statement)* SEMICOLON*)? EOF
    ;

singleExpression
    : expression EOF
    ;

statement
    : query                                                                  #queryStatement
    | (LIST | SHOW) PROPERTIES                                               #showProperties
    | (LIST | SHOW) ALL? TOPICS EXTENDED?                                    #showTopics
    | (LIST | SHOW) STREAMS EXTENDED?                                        #showStreams
    | (LIST | SHOW) TABLES EXTENDED?                                         #showTables
    | (LIST | SHOW) FUNCTIONS                                                #showFunctions
    | (LIST | SHOW) TYPES                                                    #showTypes
    | (LIST | SHOW) VARIABLES                                                #showVariables
    | (LIST | SHOW) QUERIES EXTENDED?                                        #showQueries
    | DESCRIBE STREAMS EXTENDED?                                             #describeStreams
    | DESCRIBE TABLES EXTENDED?                                              #describeTables
    | DESCRIBE FUNCTION identifier                                           #describeFunction
    | DESCRIBE sourceName EXTENDED?                                          #describeSource
    | PRINT resourceName printClause                                         #printTopic
    | TERMINATE (ALL | identifier)                                           #terminateQuery
    | PAUSE (ALL | identifier)                                               #pauseQuery
    | RESUME (ALL | identifier)                                              #resumeQuery
    | SET propertyName=STRING EQ propertyValue=STRING                        #setProperty
    | UNSET propertyName=STRING                                              #unsetProperty
    | DEFINE variableName EQ STRING                                          #defineVariable
    | UNDEFINE variableName                                                  #undefineVariable
    | RUN SCRIPT STRING                                                      #runScript
    // One alternative for CREATE with and without AS SELECT keeps the parser's lookahead short,
    // so an error inside WITH (...) is reported where it is; the AST builder tells them apart.
    | CREATE (OR REPLACE)? SOURCE? kind=(STREAM | TABLE) (IF NOT EXISTS)? sourceName
          tableElements? (WITH tableProperties)? (AS query)?                 #createSource
    | INSERT INTO sourceName (WITH tableProperties)? query                   #insertInto
    | INSERT INTO sourceName columnList? VALUES valueList                    #insertValues
    | DROP kind=(STREAM | TABLE) (IF EXISTS)? sourceName (DELETE TOPIC)?     #dropSource
    | CREATE TYPE (IF NOT EXISTS)? identifier AS type                        #createType
    | DROP TYPE (IF EXISTS)? identifier                                      #dropType
    | ALTER kind=(STREAM | TABLE) sourceName alterOption (COMMA alterOption)* #alterSource
    | EXPLAIN (statement | identifier)                                       #explain
    ;

resourceName
    : identifier
    | STRING
    ;

printClause
    : (FROM BEGINNING)? (INTERVAL INTEGER_VALUE)? (LIMIT INTEGER_VALUE)?
    ;

variableName
    : identifier
    ;

alterOption
    : ADD COLUMN? identifier type
    ;

tableElements
    : LPAREN tableElement (COMMA tableElement)* RPAREN
    ;

tableElement
    : WATERMARK FOR identifier AS expression                                 #watermarkElement
    | PRIMARY KEY LPAREN identifier (COMMA identifier)* RPAREN (NOT ENFORCED)? #primaryKeyElement
    | identifier type columnConstraint?                                      #columnElement
    ;

columnConstraint
    : PRIMARY KEY                                                            #primaryKeyConstraint
    | KEY                                                                    #keyConstraint
    | HEADERS                                                                #headersConstraint
    | HEADER LPAREN STRING RPAREN                                            #headerConstraint
    ;

tableProperties
    : LPAREN tableProperty (COMMA tableProperty)* RPAREN
    ;

tableProperty
    : (identifier | STRING) EQ literal
    ;

columnList
    : LPAREN identifier (COMMA identifier)* RPAREN
    ;

valueList
    : LPAREN (expression (COMMA expression)*)? RPAREN
    ;

// ---------------------------------------------------------------------------------------------
// Queries

query
    : SELECT selectItem (COMMA selectItem)*
      FROM relation
      (WINDOW windowExpression)?
      (WHERE where=expression)?
      (GROUP BY groupBy)?
      (PARTITION BY partitionBy)?
      (HAVING having=expression)?
      (EMIT emitMode)?
      (LIMIT limit=INTEGER_VALUE)?
    ;

emitMode
    : CHANGES
    | FINAL
    ;

// `struct_expression->*` shares the expression alternative (the builder checks its shape), so
// that telling the alternatives apart never needs to read a whole expression ahead.
selectItem
    : ASTERISK                                                               #selectAll
    | identifier DOT ASTERISK                                                #selectAllOf
    | expression (ARROW ASTERISK | AS? identifier)?                          #selectSingle
    ;

groupBy
    : valueExpression (COMMA valueExpression)*
    | LPAREN (valueExpression (COMMA valueExpression)*)? RPAREN
    ;

partitionBy
    : valueExpression (COMMA valueExpression)*
    | LPAREN (valueExpression (COMMA valueExpression)*)? RPAREN
    ;

relation
    : aliasedRelation joinedSource*
    ;

joinedSource
    : joinType JOIN aliasedRelation (WITHIN withinExpression)? ON expression
    ;

joinType
    : INNER?                                                                 #innerJoin
    | LEFT OUTER?                                                            #leftJoin
    | RIGHT OUTER?                                                           #rightJoin
    | FULL OUTER?                                                            #fullJoin
    ;

withinExpression
    : LPAREN duration COMMA duration RPAREN gracePeriod?                     #withinBeforeAfter
    | duration gracePeriod?                                                  #withinSymmetric
    ;

aliasedRelation
    : relationPrimary (AS? identifier)?
    ;

relationPrimary
    : sourceName                                                             #sourceRelation
    | TABLE LPAREN identifier LPAREN TABLE sourceName COMMA
          DESCRIPTOR LPAREN identifier RPAREN (COMMA expression)* RPAREN RPAREN #windowTableFunction
    ;

windowExpression
    : TUMBLING LPAREN SIZE duration (COMMA windowOption)* RPAREN            #tumblingWindow
    | HOPPING LPAREN SIZE duration COMMA ADVANCE BY duration
          (COMMA windowOption)* RPAREN                                       #hoppingWindow
    | SESSION LPAREN duration (COMMA windowOption)* RPAREN                   #sessionWindow
    ;

windowOption
    : RETENTION duration                                                     #retentionOption
    | gracePeriod                                                            #gracePeriodOption
    ;

gracePeriod
    : GRACE PERIOD duration
    ;

duration
    : INTEGER_VALUE timeUnit
    ;

timeUnit
    : DAY | HOUR | MINUTE | SECOND | MILLISECOND
    | DAYS | HOURS | MINUTES | SECONDS | MILLISECONDS
    ;

// ---------------------------------------------------------------------------------------------
// Expressions, loosest binding first

expression
    : booleanExpression
    ;

booleanExpression
    : predicated                                                             #booleanDefault
    | NOT booleanExpression                                                  #logicalNot
    | left=booleanExpression AND right=booleanExpression                     #logicalAnd
    | left=booleanExpression OR right=booleanExpression                      #logicalOr
    ;

predicated
    : valueExpression predicate?
    ;

predicate
    : comparisonOperator right=valueExpression                               #comparison
    | NOT? BETWEEN lower=valueExpression AND upper=valueExpression           #between
    | NOT? IN LPAREN expression (COMMA expression)* RPAREN                   #inList
    | NOT? LIKE pattern=valueExpression (ESCAPE escape=STRING)?              #like
    | IS NOT? NULL_                                                          #nullPredicate
    | IS NOT? DISTINCT FROM right=valueExpression                            #distinctFrom
    ;

comparisonOperator
    : EQ | NEQ | LT | LTE | GT | GTE
    ;

valueExpression
    : primaryExpression                                                      #valueDefault
    | op=(MINUS | PLUS) valueExpression                                #arithmeticUnary
    | left=valueExpression op=(ASTERISK | SLASH | PERCENT)
          right=valueExpression                                              #arithmeticBinary
    | left=valueExpression op=(PLUS | MINUS) right=valueExpression     #arithmeticBinary
    | left=valueExpression CONCAT right=valueExpression                      #concatenation
    ;

primaryExpression
    : literal                                                                #literalExpression
    | INTERVAL (STRING | INTEGER_VALUE) timeUnit                             #intervalLiteral
    | identifier STRING                                                      #typedLiteral
    | CASE operand=expression whenClause+ (ELSE elseValue=expression)? END   #simpleCase
    | CASE whenClause+ (ELSE elseValue=expression)? END                      #searchedCase
    | CAST LPAREN expression AS type RPAREN                                  #cast
    | ARRAY LBRACKET (expression (COMMA expression)*)? RBRACKET              #arrayConstructor
    | MAP LPAREN (mapEntry (COMMA mapEntry)*)? RPAREN                        #mapConstructor
    | STRUCT LPAREN (structEntry (COMMA structEntry)*)? RPAREN               #structConstructor
    | identifier LPAREN ASTERISK RPAREN                                      #functionCallStar
    | identifier LPAREN (DISTINCT? functionArgument (COMMA functionArgument)*)? RPAREN
                                                                             #functionCall
    | base=primaryExpression LBRACKET index=valueExpression RBRACKET         #subscript
    | identifier                                                             #columnReference
    | qualifier=identifier DOT name=identifier                               #qualifiedColumnReference
    | base=primaryExpression ARROW field=identifier                          #dereference
    | LPAREN expression RPAREN                                               #parenthesizedExpression
    ;

functionArgument
    : lambdaExpression
    | expression
    | timeUnit
    ;

lambdaExpression
    : identifier LAMBDA expression
    | LPAREN identifier (COMMA identifier)* RPAREN LAMBDA expression
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

mapEntry
    : key=expression ASSIGN value=expression
    ;

structEntry
    : identifier ASSIGN expression
    ;

literal
    : NULL_                                                                  #nullLiteral
    | (TRUE | FALSE)                                                         #booleanLiteral
    | MINUS? INTEGER_VALUE                                                   #integerLiteral
    | MINUS? DECIMAL_VALUE                                                   #decimalLiteral
    | MINUS? FLOATING_POINT_VALUE                                            #doubleLiteral
    | STRING                                                                 #stringLiteral
    | VARIABLE                                                               #variableLiteral
    ;

// ---------------------------------------------------------------------------------------------
// Types

type
    : ARRAY LT type GT                                                       #arrayType
    | MAP LT type COMMA type GT                                              #mapType
    | (STRUCT | ROW) LT (structTypeField (COMMA structTypeField)*)? GT       #structType
    | identifier (LPAREN typeParameter (COMMA typeParameter)* RPAREN)?        #namedType
    ;

typeParameter
    : INTEGER_VALUE
    | identifier
    ;

structTypeField
    : identifier type
    ;

// ---------------------------------------------------------------------------------------------
// Names

sourceName
    : identifier
    ;

identifier
    : IDENTIFIER                                                             #unquotedIdentifier
    | nonReserved                                                            #unquotedIdentifier
    | DIGIT_IDENTIFIER                                                       #unquotedIdentifier
    | BACKQUOTED_IDENTIFIER                                                  #backQuotedIdentifier
    | QUOTED_IDENTIFIER                                                      #doubleQuotedIdentifier
    | VARIABLE                                                               #variableIdentifier
    ;

// Keywords that may still be used as plain identifiers (column, source and function names).
nonReserved
    : ADD | ADVANCE | ALTER | ARRAY | BEGINNING | CHANGES | COLUMN | COLUMNS | DATE | DAY
    | DEFINE | DESCRIPTOR | EMIT | ENFORCED | ESCAPE | EXPLAIN | FINAL | FUNCTION | FUNCTIONS
    | GRACE | HEADER | HEADERS | HOUR | IF | INTERVAL | KEY | LIST | MAP | MINUTE | MONTH
    | PARTITIONS | PAUSE | PERIOD | PRIMARY | PROPERTIES | REPLACE | RESUME | RETENTION | ROW
    | RUN | SCRIPT | SECOND | SESSION | SET | SHOW | SINK | SIZE | SOURCE | STRUCT | TABLES
    | TIME | TIMESTAMP | TOPIC | TYPE | TYPES | UNDEFINE | UNSET | VARIABLES | WATERMARK | YEAR
    | ZONE
    ;

// ---------------------------------------------------------------------------------------------
// Lexer. Keywords are written in upper case; the input stream folds case for matching only, so
// token text keeps the user's spelling.

ADD: 'ADD';
ADVANCE: 'ADVANCE';
ALL: 'ALL';
ALTER: 'ALTER';
AND: 'AND';
ARRAY: 'ARRAY';
AS: 'AS';
BEGINNING: 'BEGINNING';
BETWEEN: 'BETWEEN';
BY: 'BY';
CASE: 'CASE';
CAST: 'CAST';
CHANGES: 'CHANGES';
COLUMN: 'COLUMN';
COLUMNS: 'COLUMNS';
CREATE: 'CREATE';
DATE: 'DATE';
DAY: 'DAY';
DAYS: 'DAYS';
DEFINE: 'DEFINE';
DELETE: 'DELETE';
DESCRIBE: 'DESCRIBE';
DESCRIPTOR: 'DESCRIPTOR';
DISTINCT: 'DISTINCT';
DROP: 'DROP';
ELSE: 'ELSE';
EMIT: 'EMIT';
END: 'END';
ENFORCED: 'ENFORCED';
ESCAPE: 'ESCAPE';
EXISTS: 'EXISTS';
EXPLAIN: 'EXPLAIN';
EXTENDED: 'EXTENDED';
FALSE: 'FALSE';
FINAL: 'FINAL';
FOR: 'FOR';
FROM: 'FROM';
FULL: 'FULL';
FUNCTION: 'FUNCTION';
FUNCTIONS: 'FUNCTIONS';
GRACE: 'GRACE';
GROUP: 'GROUP';
HAVING: 'HAVING';
HEADER: 'HEADER';
HEADERS: 'HEADERS';
HOPPING: 'HOPPING';
HOUR: 'HOUR';
HOURS: 'HOURS';
IF: 'IF';
IN: 'IN';
INNER: 'INNER';
INSERT: 'INSERT';
INTERVAL: 'INTERVAL';
INTO: 'INTO';
IS: 'IS';
JOIN: 'JOIN';
KEY: 'KEY';
LEFT: 'LEFT';
LIKE: 'LIKE';
LIMIT: 'LIMIT';
LIST: 'LIST';
MAP: 'MAP';
MILLISECOND: 'MILLISECOND';
MILLISECONDS: 'MILLISECONDS';
MINUTE: 'MINUTE';
MINUTES: 'MINUTES';
MONTH: 'MONTH';
NOT: 'NOT';
NULL_: 'NULL';  // NULL alone would clash with the C macro in generated code
ON: 'ON';
OR: 'OR';
OUTER: 'OUTER';
PARTITION: 'PARTITION';
PARTITIONS: 'PARTITIONS';
PAUSE: 'PAUSE';
PERIOD: 'PERIOD';
PRIMARY: 'PRIMARY';
PRINT: 'PRINT';
PROPERTIES: 'PROPERTIES';
QUERIES: 'QUERIES';
REPLACE: 'REPLACE';
RESUME: 'RESUME';
RETENTION: 'RETENTION';
RIGHT: 'RIGHT';
ROW: 'ROW';
RUN: 'RUN';
SCRIPT: 'SCRIPT';
SECOND: 'SECOND';
SECONDS: 'SECONDS';
SELECT: 'SELECT';
SESSION: 'SESSION';
SET: 'SET';
SHOW: 'SHOW';
SINK: 'SINK';
SIZE: 'SIZE';
SOURCE: 'SOURCE';
STREAM: 'STREAM';
STREAMS: 'STREAMS';
STRUCT: 'STRUCT';
TABLE: 'TABLE';
TABLES: 'TABLES';
TERMINATE: 'TERMINATE';
THEN: 'THEN';
TIME: 'TIME';
TIMESTAMP: 'TIMESTAMP';
TOPIC: 'TOPIC';
TOPICS: 'TOPICS';
TRUE: 'TRUE';
TUMBLING: 'TUMBLING';
TYPE: 'TYPE';
TYPES: 'TYPES';
UNDEFINE: 'UNDEFINE';
UNSET: 'UNSET';
VALUES: 'VALUES';
VARIABLES: 'VARIABLES';
WATERMARK: 'WATERMARK';
WHEN: 'WHEN';
WHERE: 'WHERE';
WINDOW: 'WINDOW';
WITH: 'WITH';
WITHIN: 'WITHIN';
YEAR: 'YEAR';
ZONE: 'ZONE';

EQ: '=';
NEQ: '<>' | '!=';
LTE: '<=';
GTE: '>=';
LT: '<';
GT: '>';
PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
PERCENT: '%';
CONCAT: '||';
ASSIGN: ':=';
ARROW: '->';
LAMBDA: '=>';
LPAREN: '(';
RPAREN: ')';
LBRACKET: '[';
RBRACKET: ']';
COMMA: ',';
DOT: '.';
SEMICOLON: ';';

STRING
    : '\'' ( ~'\'' | '\'\'' )* '\''
    ;

INTEGER_VALUE
    : DIGIT+
    ;

DECIMAL_VALUE
    : DIGIT+ '.' DIGIT*
    | '.' DIGIT+
    ;

FLOATING_POINT_VALUE
    : DIGIT+ ('.' DIGIT*)? EXPONENT
    | '.' DIGIT+ EXPONENT
    ;

IDENTIFIER
    : (LETTER | '_') (LETTER | DIGIT | '_' | '@')*
    ;

DIGIT_IDENTIFIER
    : DIGIT (LETTER | DIGIT | '_' | '@')+
    ;

QUOTED_IDENTIFIER
    : '"' ( ~'"' | '""' )* '"'
    ;

BACKQUOTED_IDENTIFIER
    : '`' ( ~'`' | '``' )* '`'
    ;

VARIABLE
    : '${' (LETTER | '_') (LETTER | DIGIT | '_')* '}'
    ;

SIMPLE_COMMENT
    : '--' ~[\r\n]* -> channel(HIDDEN)
    ;

BRACKETED_COMMENT
    : '/*' .*? '*/' -> channel(HIDDEN)
    ;

WS
    : [ \r\n\t\f]+ -> channel(HIDDEN)
    ;

// Input that can never become a valid token. These reach the parser so that its error names
// the real problem ("unterminated string") at the place where it starts.
UNTERMINATED_STRING
    : '\'' ( ~'\'' | '\'\'' )* EOF
    ;

UNTERMINATED_QUOTED_IDENTIFIER
    : ( '`' ( ~'`' | '``' )* | '"' ( ~'"' | '""' )* ) EOF
    ;

// Text that never holds a "*/", so that a complete comment is always the longer match.
UNTERMINATED_COMMENT
    : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF
    ;

UNRECOGNIZED
    : .
    ;

fragment EXPONENT
    : 'E' [+-]? DIGIT+
    ;

fragment DIGIT
    : [0-9]
    ;

fragment LETTER
    : [A-Z]
    ;
