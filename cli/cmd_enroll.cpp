// asnbelajar enroll SESSION PERSON... | --file FILE [--date-order dmy|mdy] | --cancel PERSON...
#include "app.hpp"
#include "import_job.hpp"
#include "options.hpp"

#include "asnbelajar/enrollment.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/participant.hpp"
#include "asnbelajar/roster_import.hpp"
#include "asnbelajar/session.hpp"

#include <fmt/format.h>

#include <memory>

namespace asnbelajar::cli {
namespace {

struct EnrollOptions {
    std::string session;
    std::vector<std::string> people;
    bool cancel = false;
    ImportFlags import;                 // --file FILE and its companions
    std::optional<DayOrder> date_order; // --date-order dmy|mdy (a registration export's timestamps)
};

std::string_view result_text(EnrollResult r) {
    switch (r) {
    case EnrollResult::enrolled: return _("enrolled");
    case EnrollResult::waitlisted: return _("waitlisted");
    case EnrollResult::already_enrolled: return _("already enrolled");
    case EnrollResult::already_waitlisted: return _("already waitlisted");
    }
    return "";
}

void run_enroll_file(Context& ctx, const EnrollOptions& o) {
    if (!o.people.empty()) throw UsageError(_("enroll takes PERSON arguments or --file FILE, not both"));
    if (o.cancel) throw UsageError(_("--cancel takes PERSON arguments, not --file"));
    run_roster_import(
        ctx, o.import, [&o](store::Store& store, CsvReader& reader, const RosterImportOptions& options) {
            RosterImportOptions with_order = options;
            with_order.order = o.date_order.value_or(DayOrder::unknown);
            return import_registrations(store, resolve_session(store, o.session), reader, with_order);
        });
}

void run_enroll(Context& ctx, const EnrollOptions& o) {
    if (!o.import.file.empty()) return run_enroll_file(ctx, o);
    if (o.import.dry_run || o.import.skip_invalid || !o.import.rejects.empty() || o.date_order)
        throw UsageError(_("--dry-run, --skip-invalid, --rejects and --date-order go with --file FILE"));
    if (o.people.empty())
        throw UsageError(_("enroll needs at least one PERSON (NIP or e-mail), or --file FILE"));
    std::vector<std::string> lines;
    int changed = 0;
    bool started = false; // a seat was freed after the start, while people wait: nobody promoted
    std::string code;
    ctx.write([&](store::Store& store) {
        Session session = resolve_session(store, o.session);
        code = session.code;
        std::vector<Participant> people = resolve_people(store, o.people);
        for (const Participant& p : people) {
            if (o.cancel) {
                CancelResult r = cancel_enrollment(store, session, p, ctx.now());
                changed += (r.changed ? 1 : 0) + (r.promoted ? 1 : 0); // a promotion is a row touched too
                lines.push_back(fmt::format("{}: {}", describe(p),
                                            !r.changed  ? _("already cancelled")
                                            : r.walk_in ? _("has attendance in the session: recorded as a "
                                                            "walk-in, not cancelled")
                                                        : _("cancelled")));
                if (r.promoted)
                    if (auto q = store.participant_by_id(*r.promoted))
                        lines.push_back(tr("{}: promoted from the waiting list", describe(*q)));
                if (r.changed && session_started(session, ctx.now()) && store.first_waitlisted(session.id))
                    started = true;
            } else {
                EnrollResult r = enroll(store, session, p.id);
                if (r == EnrollResult::enrolled || r == EnrollResult::waitlisted) ++changed;
                lines.push_back(fmt::format("{}: {}", describe(p), result_text(r)));
            }
        }
        return std::int64_t{changed};
    });
    for (const std::string& line : lines)
        ctx.note(fmt::format("{}: {}", code, line));
    if (started) ctx.note(tr("{}: the session has started: nobody is promoted from the waiting list", code));
}

} // namespace

void setup_enroll(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<EnrollOptions>();
    auto* cmd =
        app.add_subcommand("enroll", _("Enroll participants in a session, or cancel their enrollment"));
    cmd->add_option("SESSION", o->session, _("Session code or id"))->required();
    cmd->add_option("PERSON", o->people, _("NIP or e-mail of each participant"));
    cmd->add_flag("--cancel", o->cancel,
                  _("Cancel these enrollments; before the session starts the first waitlisted person takes "
                    "the seat"));
    cmd->add_option(
        "--file", o->import.file,
        _("Registration export (CSV, or - for stdin): its people are added or updated, then enrolled "
          "in order of arrival (submission time when the file has a timestamp column, else file order)"));
    add_import_flags(*cmd, o->import);
    add_date_order_option(
        *cmd, o->date_order,
        _("With --file: read numeric dates of the timestamp column day first (dmy) or month "
          "first (mdy); default: decided from the file"));
    cmd->footer(footer(
        _("With --file, rows are read like 'participant import' (see its --help), then enrolled "
          "first come,\nfirst served: beyond the session's capacity people are waitlisted in order of "
          "arrival. With a\ntimestamp column (Timestamp, Stempel waktu, Waktu, Submitted at, ...) arrival "
          "is the submission\ntime (ties by line), and the same person submitting twice (same NIP or "
          "e-mail) is one registration:\nthe later submission's non-empty cells win (a note names the "
          "lines and columns), the place in the\nqueue is the first submission's. Without one, rows come "
          "in file order and a person's rows must agree."),
        {"asnbelajar enroll 2022-03-03 198609262015051001 siti@example.go.id",
         "asnbelajar enroll 2022-03-03 --cancel 198609262015051001",
         "asnbelajar enroll 2022-03-03 --file registrations.csv",
         "asnbelajar enroll 2022-03-03 --file registrations.csv --skip-invalid --rejects rejected.csv",
         "asnbelajar enroll 2022-03-03 --file registrations.csv --dry-run",
         "asnbelajar enroll 2022-03-03 --file form-export.csv --date-order dmy"}));
    cmd->callback([&ctx, o] { run_enroll(ctx, *o); });
}

} // namespace asnbelajar::cli
