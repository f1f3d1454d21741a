#include "cli/command_line.h"

#include <ostream>

namespace fluxo::cli {

namespace po = boost::program_options;

std::optional<int> ParseCommandLine(std::string_view name,
                                    const std::vector<std::string>& arguments,
                                    const po::options_description& visible,
                                    const po::options_description& all,
                                    const po::positional_options_description* positional,
                                    UsagePrinter print_usage,
                                    const CommandIo& io,
                                    po::variables_map& values) {
  try {
    po::command_line_parser parser(arguments);
    parser.options(all);
    if (positional != nullptr) {
      parser.positional(*positional);
    }
    po::store(parser.run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    io.err << "fluxo " << name << ": " << error.what() << "\n\n";
    print_usage(io.err, visible);
    return kExitUsage;
  }
  if (values.count("help") != 0) {
    print_usage(io.out, visible);
    return kExitOk;
  }
  return std::nullopt;
}

std::optional<int> ParseCommandLine(std::string_view name,
                                    const std::vector<std::string>& arguments,
                                    const po::options_description& options,
                                    UsagePrinter print_usage,
                                    const CommandIo& io,
                                    po::variables_map& values) {
  return ParseCommandLine(name, arguments, options, options, nullptr, print_usage, io, values);
}

}  // namespace fluxo::cli
