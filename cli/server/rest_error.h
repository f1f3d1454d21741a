#pragma once

#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "cli/server/http_exchange.h"
#include "runtime/core/error.h"

namespace fluxo::cli::server {

// ksqlDB's error codes (io.confluent.ksql.rest.Errors): the HTTP status times 100, plus a
// detail.
inline constexpr int kErrorBadRequest = 40000;
inline constexpr int kErrorBadStatement = 40001;
inline constexpr int kErrorQueryEndpoint = 40002;   ///< A query sent to /ksql.
inline constexpr int kErrorMaxPushQueries = 40003;  ///< Sent with status 429 by Fluxo.
inline constexpr int kErrorUnauthorized = 40100;
inline constexpr int kErrorNotFound = 40400;
inline constexpr int kErrorMethodNotAllowed = 40500;
inline constexpr int kErrorPayloadTooLarge = 41300;
inline constexpr int kErrorServer = 50000;
inline constexpr int kErrorUnavailable = 50300;  ///< Sent with status 503.

/// An error as ksqlDB's REST API reports it: `{"@type":"generic_error","error_code":...,
/// "message":...}`, or for a statement `{"@type":"statement_error",...,"statementText":...,
/// "entities":[]}`; Fluxo adds `line` and `column` (1-based) when the error points into the
/// SQL text.
struct RestError {
  int status = 400;
  int error_code = kErrorBadRequest;
  std::string message;
  std::optional<std::string> statement_text;  ///< Set for a statement_error.
  int line = 0;                               ///< 0: no position.
  int column = 0;
  /// A statement_error's entities: those of the statements before the failing one.
  nlohmann::ordered_json entities = nlohmann::ordered_json::array();

  /// A generic error.
  static RestError Generic(int status, int error_code, std::string message);

  /// The statement_error for `error`, which statement `statement_text` raised: 400/40001 for
  /// what the user can fix, 500/50000 for internal and broker failures. The message starts
  /// with `line L:C: ` when the error has a position, as ksqlDB writes it. The error's
  /// position counts from `origin` (the statement's start in the request's text; default: the
  /// start of the text).
  static RestError ForStatement(const Error& error,
                                std::string statement_text,
                                SourceSpan origin = SourceSpan{1, 1, 0, 0});

  std::string ToJson() const;

  HttpResponse ToResponse() const;
};

/// Thrown by an endpoint to answer with `error`; the router catches it and sends it.
struct RestException : std::exception {
  explicit RestException(RestError rest_error) : error(std::move(rest_error)) {}

  const char* what() const noexcept override { return error.message.c_str(); }

  RestError error;
};

}  // namespace fluxo::cli::server
