// asnbelajar enroll SESSION PERSON... | --file FILE | --cancel PERSON...
#include "app.hpp"
#include "import_job.hpp"

#include "asnbelajar/enrollment.hpp"
#include "asnbelajar/error.hpp"
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
    ImportFlags import; // --file FILE and its companions
};

std::string_view result_text(EnrollResult r) {
    switch (r) {
    case EnrollResult::enrolled: return "enrolled";
    case EnrollResult::waitlisted: return "waitlisted";
    case EnrollResult::already_enrolled: return "already enrolled";
    case EnrollResult::already_waitlisted: return "already waitlisted";
    }
    return "";
}

void run_enroll_file(Context& ctx, const EnrollOptions& o) {
    if (!o.people.empty()) throw UsageError("enroll takes PERSON arguments or --file FILE, not both");
    if (o.cancel) throw UsageError("--cancel takes PERSON arguments, not --file");
    run_roster_import(
        ctx, o.import, [&o](store::Store& store, CsvReader& reader, const RosterImportOptions& options) {
            return import_registrations(store, resolve_session(store, o.session), reader, options);
        });
}

void run_enroll(Context& ctx, const EnrollOptions& o) {
    if (!o.import.file.empty()) return run_enroll_file(ctx, o);
    if (o.import.dry_run || o.import.skip_invalid || !o.import.rejects.empty())
        throw UsageError("--dry-run, --skip-invalid and --rejects go with --file FILE");
    if (o.people.empty())
        throw UsageError("enroll needs at least one PERSON (NIP or e-mail), or --file FILE");
    std::vector<std::string> lines;
    int changed = 0;
    std::string code;
    ctx.write([&](store::Store& store) {
        lines.clear(); // a retry after a failover runs this again
        changed = 0;
        Session session = resolve_session(store, o.session);
        code = session.code;
        std::vector<Participant> people = resolve_people(store, o.people);
        for (const Participant& p : people) {
            if (o.cancel) {
                CancelResult r = cancel_enrollment(store, session, p);
                changed += (r.changed ? 1 : 0) + (r.promoted ? 1 : 0); // a promotion is a row touched too
                lines.push_back(
                    fmt::format("{}: {}", describe(p), r.changed ? "cancelled" : "already cancelled"));
                if (r.promoted)
                    if (auto q = store.participant_by_id(*r.promoted))
                        lines.push_back(fmt::format("{}: promoted from the waiting list", describe(*q)));
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
}

} // namespace

void setup_enroll(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<EnrollOptions>();
    auto* cmd = app.add_subcommand("enroll", "Enroll participants in a session, or cancel their enrollment");
    cmd->add_option("SESSION", o->session, "Session code or id")->required();
    cmd->add_option("PERSON", o->people, "NIP or e-mail of each participant");
    cmd->add_flag("--cancel", o->cancel,
                  "Cancel these enrollments; the first waitlisted person takes the seat");
    cmd->add_option(
        "--file", o->import.file,
        "Registration export (CSV, or - for stdin): its people are added or updated, then enrolled "
        "in file order");
    add_import_flags(*cmd, o->import);
    cmd->footer(
        "With --file, rows are read like 'participant import' (see its --help), then enrolled first come,\n"
        "first served: beyond the session's capacity people are waitlisted in file order.\n\n"
        "Examples:\n  asnbelajar enroll 2022-03-03 198609262015051001 siti@example.go.id\n"
        "  asnbelajar enroll 2022-03-03 --cancel 198609262015051001\n"
        "  asnbelajar enroll 2022-03-03 --file registrations.csv\n"
        "  asnbelajar enroll 2022-03-03 --file registrations.csv --skip-invalid --rejects rejected.csv\n"
        "  asnbelajar enroll 2022-03-03 --file registrations.csv --dry-run");
    cmd->callback([&ctx, o] { run_enroll(ctx, *o); });
}

} // namespace asnbelajar::cli
