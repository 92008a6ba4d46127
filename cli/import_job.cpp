#include "import_job.hpp"

#include "output_file.hpp"
#include "progress.hpp"

#include "asnbelajar/csv.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace asnbelajar::cli {
namespace {

constexpr std::size_t max_problem_lines = 50;

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::string roster_summary(const RosterImportResult& r) {
    std::string s = trn("{}: {} row: {} added, {} updated, {} unchanged, {} rejected",
                        "{}: {} rows: {} added, {} updated, {} unchanged, {} rejected", r.rows, r.file,
                        r.rows, r.added, r.updated, r.unchanged, r.rejected);
    if (!r.session.empty()) {
        s += tr("; session {}: {} enrolled, {} waitlisted, {} already enrolled", r.session, r.enrolled,
                r.waitlisted, r.already_enrolled);
        if (r.already_waitlisted > 0) s += tr(", {} already waitlisted", r.already_waitlisted);
        if (!r.timestamp_column.empty()) {
            s += tr("; arrival order by submission time ({})", r.timestamp_column);
            if (r.resubmissions > 0)
                s += trn(", {} later submission merged", ", {} later submissions merged", r.resubmissions,
                         r.resubmissions);
        }
    }
    return s;
}

// Thrown out of Context::write to roll the import back when rows were rejected without --skip-invalid.
struct Refused {};

} // namespace

void add_import_flags(CLI::App& cmd, ImportFlags& flags) {
    cmd.add_flag("--dry-run", flags.dry_run, _("Check the file and report what would change; write nothing"));
    cmd.add_flag("--skip-invalid", flags.skip_invalid,
                 _("Import the valid rows and reject the others (exit 3 when any was rejected)"));
    cmd.add_option("--rejects", flags.rejects,
                   _("Write the rejected rows, with columns 'line' and 'error', to FILE (- for stdout)"));
}

void run_roster_import(Context& ctx, const ImportFlags& flags, const ImportWork& work) {
    run_csv_import(ctx, flags, [&](store::Store& store, CsvReader& reader, const CsvImportOptions& options) {
        RosterImportOptions roster;
        static_cast<CsvImportOptions&>(roster) = options;
        roster.zone = ctx.zone();
        roster.now = ctx.now();
        std::vector<std::string> resubmissions_shown;
        roster.on_resubmission = [&](std::size_t earlier, std::size_t later,
                                     const std::vector<std::string>& cols) {
            if (resubmissions_shown.size() >= max_problem_lines) return;
            resubmissions_shown.push_back(
                cols.empty()
                    ? tr("{}:{}: a later submission of the same person as line {}: the same data again",
                         reader.name(), later, earlier)
                    : tr("{}:{}: a later submission of the same person as line {}: its values win ({} "
                         "changed); the place in the queue stays that of the first submission",
                         reader.name(), later, earlier, joined(cols)));
        };
        const RosterImportResult r = work(store, reader, roster);
        std::vector<std::string> notes = r.notes;
        notes.insert(notes.end(), resubmissions_shown.begin(), resubmissions_shown.end());
        if (r.resubmissions > resubmissions_shown.size()) {
            const std::uint64_t more = r.resubmissions - resubmissions_shown.size();
            notes.push_back(trn("{}: … and {} more later submission", "{}: … and {} more later submissions",
                                more, r.file, more));
        }
        return ImportSummary{.file = r.file,
                             .rows = r.rows,
                             .rejected = r.rejected,
                             .warnings = r.warnings,
                             .touched = r.touched(),
                             .ignored_columns = r.ignored_columns,
                             .duplicate_columns = r.duplicate_columns,
                             .notes = notes,
                             .line = roster_summary(r)};
    });
}

void run_csv_import(Context& ctx, const ImportFlags& flags, const CsvImportWork& work) {
    CsvReader reader(flags.file);
    std::uint64_t total = 0;
    if (flags.file != "-") {
        std::error_code ec;
        if (std::filesystem::is_regular_file(flags.file, ec))
            total = std::filesystem::file_size(flags.file, ec);
    }
    // --rejects FILE: replaced whole, also when nothing is imported (a stale one is never taken for this run's).
    OutputTarget rejects(flags.rejects, ctx.out);
    std::vector<std::string> shown, warnings_shown;
    std::uint64_t problems = 0;
    ProgressBar bar(ctx.err, ctx.progress_allowed(), reader.name());

    CsvImportOptions options;
    options.today = current_date(ctx);
    options.input_bytes = total;
    options.rejects = rejects.stream();
    options.on_reject = [&](std::size_t line, const std::vector<std::string_view>&,
                            const std::vector<RowProblem>& row_problems) {
        for (const RowProblem& p : row_problems) {
            if (shown.size() < max_problem_lines) shown.push_back(format_problem(reader.name(), line, p));
            ++problems;
        }
    };
    options.on_warning = [&](std::size_t line, const RowProblem& warning) {
        if (warnings_shown.size() < max_problem_lines)
            warnings_shown.push_back(format_problem(reader.name(), line, warning));
    };
    options.on_progress = bar.callback();

    ImportSummary result;
    if (flags.dry_run) {
        ctx.check_writable();
        const auto store = store::open(ctx.store_path(), store::Access::write, store::DryRun::yes);
        store::Store::Transaction rehearsal(*store); // never committed: rolled back when it goes out of scope
        result = work(*store, reader, options);
    } else {
        try {
            // A retry after a failover reads the file again from its start and forgets the failed run's
            // rejected rows; standard input and rejects on standard output cannot be taken back.
            const auto before_rerun = [&] {
                if (flags.file == "-" || flags.rejects == "-")
                    throw Error(
                        flags.file == "-"
                            ? tr("{}: the store failed over during the import, and standard input cannot "
                                 "be read again: run the command again",
                                 reader.name())
                            : tr("{}: the store failed over during the import, and the rejected rows "
                                 "already written to standard output cannot be taken back: run the "
                                 "command again",
                                 reader.name()));
                reader = CsvReader(flags.file);
                rejects = OutputTarget(flags.rejects, ctx.out);
                options.rejects = rejects.stream();
                shown.clear();
                problems = 0;
            };
            ctx.write(
                [&](store::Store& store) {
                    result = work(store, reader, options);
                    if (result.rejected > 0 && !flags.skip_invalid) throw Refused{};
                    return result.touched;
                },
                before_rerun);
        } catch (const Refused&) {
            // Rolled back; reported below.
        }
    }
    bar.clear();
    rejects.commit();

    if (!result.ignored_columns.empty())
        ctx.note(trn("{}: ignoring column {}", "{}: ignoring columns {}", result.ignored_columns.size(),
                     result.file, joined(result.ignored_columns)));
    if (!result.duplicate_columns.empty())
        ctx.note(trn("{}: ignoring column {}: an earlier column names the same field",
                     "{}: ignoring columns {}: earlier columns name the same fields",
                     result.duplicate_columns.size(), result.file, joined(result.duplicate_columns)));
    for (const std::string& line : result.notes)
        ctx.note(line);
    for (const std::string& line : warnings_shown)
        ctx.warn(line);
    if (result.warnings > warnings_shown.size())
        ctx.warn(trn("{}: … and {} more row whose golongan does not fit the NIP",
                     "{}: … and {} more rows whose golongan does not fit the NIP",
                     result.warnings - warnings_shown.size(), result.file,
                     result.warnings - warnings_shown.size()));
    for (const std::string& line : shown)
        ctx.err << "asnbelajar: " << line << '\n';
    if (problems > shown.size()) {
        const std::uint64_t more = problems - shown.size();
        const std::string where =
            flags.rejects.empty()
                ? std::string(_("--rejects FILE writes every rejected row with its problems"))
                : tr("every rejected row is in {}", flags.rejects);
        ctx.err << "asnbelajar: "
                << trn("{}: … and {} more problem ({})", "{}: … and {} more problems ({})", more, result.file,
                       more, where)
                << '\n';
    }

    if (result.rejected > 0 && !flags.skip_invalid) {
        const std::uint64_t valid = result.rows - result.rejected;
        const std::string outcome =
            flags.dry_run ? _("the import would be refused") : _("nothing was imported");
        const std::string advice =
            valid == 0 ? std::string(_("no row is valid"))
                       : trn("fix them, or use --skip-invalid to import the {} valid row",
                             "fix them, or use --skip-invalid to import the {} valid rows", valid, valid);
        throw Error(tr("{}: {} of {} rows rejected: {} ({})", result.file, result.rejected, result.rows,
                       outcome, advice));
    }
    ctx.note(result.line + (flags.dry_run ? _(" (dry run: nothing was written)") : ""));
    if (result.rejected > 0) ctx.exit_code = 3;
}

} // namespace asnbelajar::cli
