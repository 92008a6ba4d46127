// What every CSV-importing command shares (participant import, enroll --file, results import): the input, the
// progress bar, --dry-run, --skip-invalid, --rejects, the problem list, the summary line and the exit code.
#pragma once

#include "app.hpp"

#include "asnbelajar/roster_import.hpp"

#include <functional>
#include <string>

namespace asnbelajar::cli {

struct ImportFlags {
    std::string file; // FILE or - (standard input)
    bool dry_run = false;
    bool skip_invalid = false;
    std::string rejects; // FILE, - (standard output) or empty
};

// Adds FILE's companions --dry-run, --skip-invalid and --rejects to `cmd`.
void add_import_flags(CLI::App& cmd, ImportFlags& flags);

// What an import tells the runner about its file.
struct ImportSummary {
    std::string file; // the reader's name
    std::uint64_t rows = 0, rejected = 0;
    std::uint64_t warnings = 0; // accepted rows with a warning (CsvImportOptions::on_warning)
    std::int64_t touched = 0;   // rows of the store written (for the audit log)
    std::vector<std::string> ignored_columns, duplicate_columns;
    std::vector<std::string> notes; // noted after the ignored columns, before the warnings
    std::string line;               // the summary for stderr: "FILE: N rows: ..."
};

// An import, run inside the command's transaction.
using CsvImportWork = std::function<ImportSummary(store::Store&, CsvReader&, const CsvImportOptions&)>;

// Runs `work` on flags.file:
//   - in one write transaction (Context::write), or with --dry-run in one that is rolled back (on a store
//     that does not exist yet: on an empty private one, creating no file);
//   - lists the problems of rejected rows on stderr (at most 50 lines, then how many more) and writes the
//     rejected rows to --rejects FILE (replaced whole, also when nothing is imported);
//   - without --skip-invalid, any rejected row rolls everything back and throws Error (exit 1); with it the
//     valid rows are kept and ctx.exit_code becomes 3;
//   - notes the ignored columns and prints the summary line (unless --quiet).
void run_csv_import(Context& ctx, const ImportFlags& flags, const CsvImportWork& work);

// run_csv_import for a roster import (participants, registrations).
using ImportWork = std::function<RosterImportResult(store::Store&, CsvReader&, const RosterImportOptions&)>;
void run_roster_import(Context& ctx, const ImportFlags& flags, const ImportWork& work);

} // namespace asnbelajar::cli
