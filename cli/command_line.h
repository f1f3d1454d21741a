#pragma once

#include <iosfwd>
#include <optional>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/command.h"

namespace fluxo::cli {

/// Prints a subcommand's usage text and then `options`.
using UsagePrinter = void (*)(std::ostream& out,
                              const boost::program_options::options_description& options);

/// Parses the arguments of `fluxo NAME` into `values`: `all` (the options `visible` shows plus
/// hidden ones), and `positional` when given. A bad command line prints `fluxo NAME: <error>`
/// and the usage to io.err and returns kExitUsage; `--help` prints the usage to io.out and
/// returns kExitOk. Returns nothing when the command should go on.
std::optional<int> ParseCommandLine(
    std::string_view name,
    const std::vector<std::string>& arguments,
    const boost::program_options::options_description& visible,
    const boost::program_options::options_description& all,
    const boost::program_options::positional_options_description* positional,
    UsagePrinter print_usage,
    const CommandIo& io,
    boost::program_options::variables_map& values);

/// As above for a command with only visible, named options.
std::optional<int> ParseCommandLine(std::string_view name,
                                    const std::vector<std::string>& arguments,
                                    const boost::program_options::options_description& options,
                                    UsagePrinter print_usage,
                                    const CommandIo& io,
                                    boost::program_options::variables_map& values);

}  // namespace fluxo::cli
