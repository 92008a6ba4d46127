// asnbelajar results import SESSION --kind survey|posttest --file FILE|- [--dry-run] [--skip-invalid]
//                                    [--rejects FILE] [--unmatched FILE] [--date-order dmy|mdy]
#include "app.hpp"
#include "import_job.hpp"
#include "options.hpp"
#include "output_file.hpp"

#include "asnbelajar/i18n.hpp"
#include "asnbelajar/results.hpp"
#include "asnbelajar/session.hpp"

#include <fmt/format.h>

#include <memory>

namespace asnbelajar::cli {
namespace {

struct ResultsOptions {
    std::string session;
    std::string kind;
    ImportFlags import;
    std::string unmatched;
    std::optional<DayOrder> date_order;
};

std::string summary(const ResultsImportResult& r, int pass_score) {
    std::string s = trn("{}: {} row: {} added, {} replaced, {} unchanged",
                        "{}: {} rows: {} added, {} replaced, {} unchanged", r.rows, r.file, r.rows, r.added,
                        r.replaced, r.unchanged);
    if (r.repeated) s += tr(", {} repeated", r.repeated);
    s += r.kind == ResultKind::survey ? trn(", {} unknown, {} rejected; session {} survey: {} person",
                                            ", {} unknown, {} rejected; session {} survey: {} people",
                                            r.people, r.unknown, r.rejected, r.session, r.people)
                                      : trn(", {} unknown, {} rejected; session {} post-test: {} person",
                                            ", {} unknown, {} rejected; session {} post-test: {} people",
                                            r.people, r.unknown, r.rejected, r.session, r.people);
    if (r.not_attended) s += tr(", {} did not attend", r.not_attended);
    if (r.kind == ResultKind::posttest && r.below_pass)
        s += tr(", {} attended below the pass score {}", r.below_pass, pass_score);
    return s;
}

void run_results_import(Context& ctx, const ResultsOptions& o) {
    const ResultKind kind = *result_kind_from(o.kind); // CLI11 checked it
    ResultsImportOptions options;
    options.kind = kind;
    options.zone = ctx.zone();
    options.order = o.date_order.value_or(DayOrder::unknown);
    // --unmatched FILE: replaced whole, also when nothing is imported.
    OutputTarget unmatched(o.unmatched, ctx.out);
    options.unmatched = unmatched.stream();
    ResultsImportResult result;
    run_csv_import(
        ctx, o.import, [&](store::Store& store, CsvReader& reader, const CsvImportOptions& common) {
            static_cast<CsvImportOptions&>(options) = common;
            const Session session = resolve_session(store, o.session);
            result = import_results(store, session, reader, options);
            if (!result.required)
                ctx.note(kind == ResultKind::survey
                             ? tr("session {} does not require a survey: certify does not look at these "
                                  "results until 'asnbelajar session edit {} --requires {}'",
                                  session.code, session.code, to_string(kind))
                             : tr("session {} does not require a post-test: certify does not look at these "
                                  "results until 'asnbelajar session edit {} --requires {}'",
                                  session.code, session.code, to_string(kind)));
            if (!result.order_note.empty()) ctx.note(fmt::format("{}: {}", result.file, result.order_note));
            if (result.unknown && o.unmatched.empty())
                ctx.note(trn("{}: {} row of people not in the store (--unmatched FILE lists them)",
                             "{}: {} rows of people not in the store (--unmatched FILE lists them)",
                             result.unknown, result.file, result.unknown));
            return ImportSummary{.file = result.file,
                                 .rows = result.rows,
                                 .rejected = result.rejected,
                                 .touched = result.touched(),
                                 .ignored_columns = result.ignored_columns,
                                 .duplicate_columns = result.duplicate_columns,
                                 .notes = {},
                                 .line = summary(result, session.pass_score)};
        });
    unmatched.commit();
}

} // namespace

void setup_results(CLI::App& app, Context& ctx) {
    auto* cmd =
        app.add_subcommand("results", _("Import survey and post-test results (certificate requirements)"));
    cmd->require_subcommand(1);
    cmd->footer(examples({"asnbelajar results import 2022-03-03 --kind posttest --file post-test.csv"}));
    auto o = std::make_shared<ResultsOptions>();

    auto* import =
        cmd->add_subcommand("import", _("Record a session's survey or post-test responses from a CSV"));
    import->add_option("SESSION", o->session, _("Session code or id"))->required();
    import->add_option("--kind", o->kind, _("survey (completed or not) or posttest (scored)"))
        ->required()
        ->check(CLI::IsMember({"survey", "posttest"}));
    import
        ->add_option("--file", o->import.file,
                     _("Google Forms response sheet or CSV with nip/email and score columns; - for stdin"))
        ->required();
    add_import_flags(*import, o->import);
    import->add_option("--unmatched", o->unmatched,
                       _("Write the rows of people not in the store to FILE (- for stdout)"));
    add_date_order_option(*import, o->date_order,
                          _("Numeric dates are day first (dmy) or month first (mdy)"));
    import->footer(footer(
        _("Each row is an attempt of one person, found by NIP, else e-mail; a post-test row needs a score (8 / 10,\n"
          "80 or 80%). The best score counts; importing a file again replaces its attempts, never adds them twice.\n"
          "Rows of people not in the store are counted and listed with --unmatched, not refused. Any invalid row\n"
          "refuses the whole file (exit 1) unless --skip-invalid (exit 3). See docs/certificates.md."),
        {"asnbelajar results import 2022-03-03 --kind survey --file \"Survei Kepuasan (Responses).csv\"",
         "asnbelajar results import 2022-03-03 --kind posttest --file post-test.csv --unmatched unknown.csv",
         "asnbelajar results import 2022-03-03 --kind posttest --file nilai.csv --dry-run"}));
    import->callback([&ctx, o] { run_results_import(ctx, *o);
});
} // namespace asnbelajar::cli

} // namespace asnbelajar::cli
