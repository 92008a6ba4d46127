// The language of a run, and CLI11 speaking it: the catalogs' directory, --help's labels and CLI11's own
// parse errors. Every string of the CLI goes through _() or tr() (asnbelajar/i18n.hpp); this is the glue for
// the strings CLI11 makes itself.
#pragma once

#include "asnbelajar/time.hpp" // Lang

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace asnbelajar::cli {

// --lang (found in `args` before CLI11 parses them, so that --help can be built in the language), else
// $ASNBELAJAR_LANG, else the first of id or en named by $LANGUAGE (a list) or the locale of messages ($LC_ALL,
// else $LC_MESSAGES, else $LANG), else Indonesian. A value that is neither id nor en is passed over (CLI11
// refuses a wrong --lang later).
Lang choose_language(const std::vector<std::string>& args);

// Where the message catalogs are (LANG/LC_MESSAGES/asnbelajar.mo): $ASNBELAJAR_LOCALEDIR, else share/locale
// beside the binary's bin/ (an installed tree, wherever it was moved), else locale/ beside the binary (the build
// tree), else the LOCALEDIR the program was built for.
std::string locale_dir();

// Makes `app` and every subcommand under it, all added already, write --help in the message language: the
// groups ("Options:", "Subcommands:"), the usage line's words, and the value types (TEXT, INT, ...).
void localize_help(CLI::App& app);

// A CLI11 parse error in the message language ("The following argument was not expected: --x" and the like).
std::string parse_error_message(const CLI::ParseError& e);

} // namespace asnbelajar::cli
