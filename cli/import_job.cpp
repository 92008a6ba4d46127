#include "import_job.hpp"

#include "output_file.hpp"
#include "progress.hpp"

#include "asnbelajar/csv.hpp"
#include "asnbelajar/error.hpp"

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

std::string summary(const RosterImportResult& r) {
    std::string s = fmt::format("{}: {} row{}: {} added, {} updated, {} unchanged, {} rejected", r.file,
                                r.rows, r.rows == 1 ? "" : "s", r.added, r.updated, r.unchanged, r.rejected);
    if (!r.session.empty()) {
        s += fmt::format("; session {}: {} enrolled, {} waitlisted, {} already enrolled", r.session,
                         r.enrolled, r.waitlisted, r.already_enrolled);
        if (r.already_waitlisted > 0) s += fmt::format(", {} already waitlisted", r.already_waitlisted);
    }
    return s;
}

// Thrown out of Context::write to roll the import back when rows were rejected without --skip-invalid.
struct Refused {};

} // namespace

void add_import_flags(CLI::App& cmd, ImportFlags& flags) {
    cmd.add_flag("--dry-run", flags.dry_run, "Check the file and report what would change; write nothing");
    cmd.add_flag("--skip-invalid", flags.skip_invalid,
                 "Import the valid rows and reject the others (exit 3 when any was rejected)");
    cmd.add_option("--rejects", flags.rejects,
                   "Write the rejected rows, with line and error columns, to FILE (- for stdout)");
}

void run_roster_import(Context& ctx, const ImportFlags& flags, const ImportWork& work) {
    CsvReader reader(flags.file);
    std::uint64_t total = 0;
    if (flags.file != "-") {
        std::error_code ec;
        if (std::filesystem::is_regular_file(flags.file, ec))
            total = std::filesystem::file_size(flags.file, ec);
    }
    // --rejects FILE: replaced whole, also when nothing is imported (a stale one is never taken for this run's).
    OutputTarget rejects(flags.rejects, ctx.out);
    std::vector<std::string> shown;
    std::uint64_t problems = 0;
    ProgressBar bar(ctx.err, ctx.progress_allowed(), reader.name());

    RosterImportOptions options;
    options.year = current_year(ctx);
    options.input_bytes = total;
    options.rejects = rejects.stream();
    options.on_reject = [&](std::size_t line, const std::vector<std::string_view>&,
                            const std::vector<RowProblem>& row_problems) {
        for (const RowProblem& p : row_problems) {
            if (shown.size() < max_problem_lines) shown.push_back(format_problem(reader.name(), line, p));
            ++problems;
        }
    };
    options.on_progress = bar.callback();

    RosterImportResult result;
    if (flags.dry_run) {
        const auto store = store::open(ctx.store_path(), store::Access::write, store::DryRun::yes);
        store::Store::Transaction rehearsal(*store); // never committed: rolled back when it goes out of scope
        result = work(*store, reader, options);
    } else {
        try {
            // A retry after a failover reads the file again from its start and forgets the failed run's
            // rejected rows; standard input and rejects on standard output cannot be taken back.
            const auto before_rerun = [&] {
                if (flags.file == "-" || flags.rejects == "-")
                    throw Error(fmt::format("{}: the store failed over during the import, and standard {} "
                                            "cannot be read or written again: run the command again",
                                            reader.name(), flags.file == "-" ? "input" : "output"));
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
                    return result.touched();
                },
                before_rerun);
        } catch (const Refused&) {
            // Rolled back; reported below.
        }
    }
    bar.clear();
    rejects.commit();

    if (!result.ignored_columns.empty())
        ctx.note(fmt::format("{}: ignoring column{} {}", result.file,
                             result.ignored_columns.size() == 1 ? "" : "s", joined(result.ignored_columns)));
    if (!result.duplicate_columns.empty())
        ctx.note(fmt::format("{}: ignoring column{} {}: an earlier column names the same field", result.file,
                             result.duplicate_columns.size() == 1 ? "" : "s",
                             joined(result.duplicate_columns)));
    for (const std::string& line : shown)
        ctx.err << "asnbelajar: " << line << '\n';
    if (problems > shown.size())
        ctx.err << fmt::format("asnbelajar: {}: … and {} more problem{} ({})\n", result.file,
                               problems - shown.size(), problems - shown.size() == 1 ? "" : "s",
                               flags.rejects.empty()
                                   ? "--rejects FILE writes every rejected row with its problems"
                                   : "every rejected row is in " + flags.rejects);

    if (result.rejected > 0 && !flags.skip_invalid) {
        const std::uint64_t valid = result.rows - result.rejected;
        throw Error(
            fmt::format("{}: {} of {} rows rejected: {} ({})", result.file, result.rejected, result.rows,
                        flags.dry_run ? "the import would be refused" : "nothing was imported",
                        valid == 0 ? "no row is valid"
                                   : fmt::format("fix them, or use --skip-invalid to import the {} valid "
                                                 "row{}",
                                                 valid, valid == 1 ? "" : "s")));
    }
    ctx.note(summary(result) + (flags.dry_run ? " (dry run: nothing was written)" : ""));
    if (result.rejected > 0) ctx.exit_code = 3;
}

} // namespace asnbelajar::cli
