// The command-line front end: global options, the shared context, and one setup function per subcommand.
#pragma once

#include "asnbelajar/render.hpp"
#include "asnbelajar/reports.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/time.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar::cli {

// Runs the whole CLI: parses argv, runs the command, prints errors. Returns the exit code
// (0 ok, 1 failure, 2 usage, 3 rows rejected under --skip-invalid).
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

// A mistake in how the command was called (exit 2), found after parsing.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Globals {
    std::string db;
    std::string format;
    std::string output;
    std::string lang = "id";
    std::string tz = "Asia/Jakarta";
    bool quiet = false;
    bool excel_safe = false;
    bool read_only = false;            // --read-only: commands that write are refused
    std::string retry_for;             // --retry-for SECONDS, as given ("": $ASNBELAJAR_RETRY_FOR, else 60)
    std::string read_from = "primary"; // report --read-from primary|standby
};

class Context {
  public:
    Context(std::ostream& out, std::ostream& err, std::vector<std::string> args);

    Globals globals;
    std::ostream& out;
    std::ostream& err;
    int exit_code = 0;

    Zone zone() const;
    Lang lang() const;
    // The time now, UTC seconds: what "before the session" and "after it" are measured against.
    std::int64_t now() const;
    std::string store_path() const;

    // A summary line on stderr ("asnbelajar: …"), unless --quiet.
    void note(const std::string& line) const;
    // A warning on stderr ("asnbelajar: warning: …"), even with --quiet: something the user must act on, or
    // something accepted that looks wrong.
    void warn(const std::string& line) const;
    // True when progress bars may be drawn: stderr is a terminal and not --quiet.
    bool progress_allowed() const;

    // The output format: --format, else the extension of -o FILE, else table.
    render::Format format() const;
    // The format the command line chose (--format, else the extension of -o FILE), if it chose one.
    std::optional<render::Format> chosen_format() const;
    // --tz, --lang, and whether the format writes only a report's rows (csv, tsv, jsonl), so that the report
    // may leave out its extras; the time now, and command().
    ReportContext report_context() const;
    // How the user runs the program, for commands that messages tell them to run: "asnbelajar", with
    // "--db PATH" when --db was given (quoted for a shell when it needs to be).
    std::string command() const;

    // Renders a report to stdout or -o FILE in the chosen format (from --format, else the file's extension,
    // else table). Files are written whole or not at all. xlsx needs -o FILE (UsageError otherwise). The
    // report's notes and warnings go to stderr.
    void emit(const Report& report) const;
    // The same in `format`, whatever the command line chose (a command that writes one format only).
    void emit(const Report& report, render::Format format) const;

    // Throws Error when the store may not be written (--read-only), naming the option.
    void check_writable() const;

    // Opens the store for reading (a report with --read-from standby: a standby's copy when one is up).
    std::unique_ptr<store::Store> read_store() const;
    // Opens the store for writing and runs `work` in one IMMEDIATE transaction with an audit row carrying the
    // run's command id; `work` returns the number of rows it touched. On any failure nothing is kept (and a
    // store this call created is removed again). When a PostgreSQL server fails over, the whole transaction is
    // retried for --retry-for seconds (store::write_retrying), exactly once: `work` may then run again, after
    // `before_rerun` (which must forget what the failed run produced: lines to print, counts, its input).
    void write(const std::function<std::int64_t(store::Store&)>& work,
               const std::function<void()>& before_rerun = {}) const;
    // The same for the store at `location` (a command that names its store, as db copy's TO).
    void write_to(const std::string& location, const std::function<std::int64_t(store::Store&)>& work,
                  const std::function<void()>& before_rerun = {}) const;

  private:
    std::vector<std::string> args_;
    std::string command_id_; // this run's command id, in the audit row of its write (".2", ".3": later ones)
    mutable int writes_ = 0; // the writes so far
};

void setup_session(CLI::App& app, Context& ctx);
void setup_participant(CLI::App& app, Context& ctx);
void setup_enroll(CLI::App& app, Context& ctx);
void setup_attend(CLI::App& app, Context& ctx);
void setup_report(CLI::App& app, Context& ctx);
void setup_results(CLI::App& app, Context& ctx);
void setup_certify(CLI::App& app, Context& ctx);
void setup_db(CLI::App& app, Context& ctx);
void setup_db_copy(CLI::App& db, Context& ctx);

// The current year in --tz.
int current_year(const Context& ctx);
// Today's date in --tz.
Date current_date(const Context& ctx);

// The end of a --help: "Examples:" and the example command lines, which stay as they are in every language.
std::string examples(std::initializer_list<std::string_view> lines);
// A --help footer: `text` (already translated), a blank line, then examples(lines).
std::string footer(const std::string& text, std::initializer_list<std::string_view> lines);

} // namespace asnbelajar::cli
