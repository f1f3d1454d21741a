#include "cli/parse_command.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/command_line.h"
#include "parser/parser.h"
#include "parser/sql_formatter.h"
#include "runtime/core/error.h"
#include "runtime/core/format_error.h"

namespace fluxo::cli {
namespace {

namespace po = boost::program_options;

constexpr const char* kStdinArgument = "-";
constexpr const char* kStdinName = "<stdin>";

void PrintUsage(std::ostream& out, const po::options_description& options) {
  out << "Usage: fluxo parse [options] FILE...\n"
         "\n"
         "Parses each SQL file ('-' reads standard input) and prints every statement in\n"
         "canonical form, one per line, ended by ';'. Stops at the first file that does not\n"
         "parse, prints the error with its line:column and a caret, and exits with status 1.\n"
         "\n"
      << options;
}

/// Returns the whole content of `path` (standard input for "-"), or nullopt after printing why
/// it could not be read.
std::optional<std::string> ReadInput(const std::string& path, const CommandIo& io) {
  if (path == kStdinArgument) {
    return std::string(std::istreambuf_iterator<char>(io.in), std::istreambuf_iterator<char>());
  }
  std::error_code status_error;
  if (std::filesystem::is_directory(path, status_error)) {
    io.err << "fluxo parse: cannot read '" << path << "': it is a directory\n";
    return std::nullopt;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    // The failed open() left its reason in errno ("No such file or directory", ...).
    io.err << "fluxo parse: cannot read '" << path
           << "': " << std::generic_category().message(errno) << "\n";
    return std::nullopt;
  }
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) {
    io.err << "fluxo parse: cannot read '" << path << "': read error\n";
    return std::nullopt;
  }
  return std::move(content).str();
}

/// Parses one input and prints its statements; returns false after printing the error.
bool ParseAndPrint(const std::string& path, const CommandIo& io) {
  std::optional<std::string> text = ReadInput(path, io);
  if (!text) {
    return false;
  }
  const std::string display_name = path == kStdinArgument ? kStdinName : path;
  // Print a file's statements only once all of them parsed and printed, so that a failing
  // file never leaves half of its output behind.
  std::ostringstream formatted;
  try {
    for (const ast::Statement& statement : parser::ParseStatements(*text)) {
      formatted << parser::FormatStatement(statement) << ";\n";
    }
  } catch (const Error& error) {
    io.err << display_name << ": " << FormatError(error, *text) << "\n";
    return false;
  }
  io.out << formatted.str();
  return true;
}

}  // namespace

int RunParseCommand(const std::vector<std::string>& arguments, const CommandIo& io) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "print this help and exit");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::vector<std::string>>(), "an SQL file, or '-'");
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("file", -1);

  po::variables_map options;
  if (const auto exit = ParseCommandLine(
          "parse", arguments, visible, all, &positional, &PrintUsage, io, options)) {
    return *exit;
  }
  if (options.count("file") == 0) {
    io.err << "fluxo parse: no input files (use '-' to read standard input)\n\n";
    PrintUsage(io.err, visible);
    return kExitUsage;
  }
  for (const std::string& path : options["file"].as<std::vector<std::string>>()) {
    if (!ParseAndPrint(path, io)) {
      io.out.flush();
      return kExitFailure;
    }
  }
  io.out.flush();
  return kExitOk;
}

}  // namespace fluxo::cli
