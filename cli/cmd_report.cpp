// asnbelajar report weekly|session …
#include "app.hpp"

#include "asnbelajar/reports.hpp"
#include "asnbelajar/session.hpp"

#include <memory>

namespace asnbelajar::cli {
namespace {

struct ReportOptions {
    std::string session, week_of, from, to, week;
};

} // namespace

void setup_report(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("report", "Reports (read-only), in any --format");
    cmd->require_subcommand(1);
    auto o = std::make_shared<ReportOptions>();

    auto* weekly = cmd->add_subcommand("weekly", "Sessions of one Monday–Sunday week with their attendance");
    weekly->add_option("WEEK", o->week, "An ISO week like 2022-W09, or a date in the week");
    weekly->add_option("--week-of", o->week_of, "A date (YYYY-MM-DD) or ISO week (YYYY-Www) in the week");
    weekly->add_option("--from", o->from, "First date of a custom period");
    weekly->add_option("--to", o->to, "Last date of a custom period");
    weekly->footer("Default: the last complete Monday–Sunday week in --tz.\nExamples:\n"
                   "  asnbelajar report weekly\n"
                   "  asnbelajar report weekly --week-of 2022-03-03 --format csv -o minggu-09.csv");
    weekly->callback([&ctx, o] {
        if (!o->week.empty() && !o->week_of.empty()) throw UsageError("give the week once: WEEK or --week-of");
        Period p = choose_week(o->week.empty() ? o->week_of : o->week, o->from, o->to, today_in(ctx.zone()));
        Store store = ctx.read_store();
        ctx.emit(weekly_report(store, p, {ctx.zone(), ctx.lang()}));
    });

    auto* session = cmd->add_subcommand("session", "Everyone enrolled in or present at one session");
    session->add_option("SESSION", o->session, "Session code or id")->required();
    session->footer("Examples:\n  asnbelajar report session 2022-03-03\n"
                    "  asnbelajar report session 2022-03-03 --format csv > sesi.csv");
    session->callback([&ctx, o] {
        Store store = ctx.read_store();
        ctx.emit(session_report(store, resolve_session(store, o->session), {ctx.zone(), ctx.lang()}));
    });
}

} // namespace asnbelajar::cli
