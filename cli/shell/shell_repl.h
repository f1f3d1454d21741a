#pragma once

#include <iosfwd>

#include "cli/shell/line_reader.h"
#include "cli/shell/shell_session.h"

namespace fluxo::cli::shell {

/// The prompts: the first line of a statement, and the lines that continue it.
inline constexpr const char* kPrompt = "fluxo> ";
inline constexpr const char* kContinuationPrompt = "     > ";

/// The exit status of a shell whose piped input was interrupted with Ctrl-C (128 + SIGINT).
inline constexpr int kExitInterrupted = 130;

/// The read-run loop of `fluxo shell`: reads lines from `reader`, runs each statement once
/// its `;` is typed (StatementAccumulator), and handles what is not SQL, when no statement
/// is pending: `exit` or `quit` leave, `output json|tabular` switches the output format and
/// `output` shows it. Ctrl-C drops the pending statement (interactive) or ends the shell
/// with status 130 (piped input); Ctrl-D / the end of input leaves. Returns the exit status:
/// 0, or 1 when piped input had a failing statement (interactive errors are only shown).
int RunRepl(LineReader& reader, ShellSession& session, std::ostream& out, bool interactive);

}  // namespace fluxo::cli::shell
