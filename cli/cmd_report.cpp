// asnbelajar report weekly|session|participant|jp|agency|certificates|siasn
//
// Each report is a small options struct, a run function that takes only those options, and a setup function
// that adds the subcommand and calls run from its callback (as CLI11's examples/subcom_in_files); `session`
// and `certificates`, which differ only in the report they make, share theirs. They stay in this one file:
// each is some twenty lines over the same option helpers (--year, --target), and `report` is one command.
#include "app.hpp"
#include "options.hpp"

#include "asnbelajar/participant.hpp"
#include "asnbelajar/reports.hpp"
#include "asnbelajar/session.hpp"

#include <memory>

namespace asnbelajar::cli {
namespace {

void add_target(CLI::App& cmd, std::optional<int>& target) {
    add_jp_option(cmd, "--target", target, "JP a person should earn in a year (default 20)");
}

std::int64_t target_or_default(std::optional<int> target) {
    return target ? *target : default_jp_target_tenths;
}

// --year, else the current year in --tz.
int year_or_current(const Context& ctx, std::optional<int> year) {
    return year ? *year : current_year(ctx);
}

void add_year_of_sessions(CLI::App& cmd, std::optional<int>& year) {
    add_year_option(cmd, year, "Year of the sessions' local start dates (default: the current year in --tz)");
}

// --- report weekly

struct WeeklyOptions {
    std::optional<Period> week, week_of; // WEEK, --week-of
    std::optional<Date> from, to;
};

void run_weekly_report(Context& ctx, const WeeklyOptions& o) {
    if (o.week && o.week_of) throw UsageError("give the week once: WEEK or --week-of");
    const std::optional<Period> week = o.week ? o.week : o.week_of;
    if (week && (o.from || o.to)) throw UsageError("give either --week-of or --from/--to, not both");
    if (o.from.has_value() != o.to.has_value()) throw UsageError("--from and --to go together");
    Period period = week ? *week : last_complete_week(today_in(ctx.zone()));
    if (o.from) period = date_range(o.from, o.to, period);
    const auto opened = ctx.read_store();
    store::Store& store = *opened;
    ctx.emit(weekly_report(store, period, ctx.report_context()));
}

void setup_weekly_report(CLI::App& report, Context& ctx) {
    auto o = std::make_shared<WeeklyOptions>();
    auto* cmd = report.add_subcommand("weekly", "Sessions of one Monday–Sunday week with their attendance");
    add_week_option(*cmd, "WEEK", o->week, "An ISO week like 2022-W09, or a date in the week");
    add_week_option(*cmd, "--week-of", o->week_of, "A date (YYYY-MM-DD) or ISO week (YYYY-Www) in the week");
    add_date_option(*cmd, "--from", o->from, "First date of a custom period");
    add_date_option(*cmd, "--to", o->to, "Last date of a custom period");
    cmd->footer("Default: the last complete Monday–Sunday week in --tz.\nExamples:\n"
                "  asnbelajar report weekly\n"
                "  asnbelajar report weekly --week-of 2022-03-03 --format csv -o minggu-09.csv");
    cmd->callback([&ctx, o] { run_weekly_report(ctx, *o); });
}

// --- report session and report certificates: one session each, and a report function of the library

using SessionReport = Report (*)(const store::Store&, const Session&, const ReportContext&);

struct SessionReportOptions {
    std::string session;
};

void run_session_report(Context& ctx, const SessionReportOptions& o, SessionReport report) {
    const auto opened = ctx.read_store();
    store::Store& store = *opened;
    ctx.emit(report(store, resolve_session(store, o.session), ctx.report_context()));
}

void setup_session_report(CLI::App& report, Context& ctx, const std::string& name,
                          const std::string& description, const std::string& footer, SessionReport fn) {
    auto o = std::make_shared<SessionReportOptions>();
    auto* cmd = report.add_subcommand(name, description);
    cmd->add_option("SESSION", o->session, "Session code or id")->required();
    cmd->footer(footer);
    cmd->callback([&ctx, o, fn] { run_session_report(ctx, *o, fn); });
}

// --- report participant

struct ParticipantReportOptions {
    std::string person;
    std::optional<int> year, target;
};

void run_participant_report(Context& ctx, const ParticipantReportOptions& o) {
    const auto opened = ctx.read_store();
    store::Store& store = *opened;
    Participant person = resolve_person(store, o.person);
    ctx.emit(participant_report(store, person, o.year, target_or_default(o.target), ctx.report_context()));
}

void setup_participant_report(CLI::App& report, Context& ctx) {
    auto o = std::make_shared<ParticipantReportOptions>();
    auto* cmd = report.add_subcommand("participant", "One person's transcript: sessions, JP, certificates");
    cmd->add_option("PERSON", o->person, "NIP or e-mail")->required();
    add_year_option(*cmd, o->year, "Only this year (default: every year)");
    add_target(*cmd, o->target);
    cmd->footer("Human formats add per-year totals against the target.\nExamples:\n"
                "  asnbelajar report participant 198609262015051001\n"
                "  asnbelajar report participant siti@example.go.id --year 2022 --format csv");
    cmd->callback([&ctx, o] { run_participant_report(ctx, *o); });
}

// --- report jp

struct JpReportOptions {
    std::optional<int> year, target, below;
};

void run_jp_report(Context& ctx, const JpReportOptions& o) {
    std::optional<std::int64_t> below;
    if (o.below) below = *o.below;
    const auto opened = ctx.read_store();
    store::Store& store = *opened;
    ctx.emit(jp_report(store, year_or_current(ctx, o.year), target_or_default(o.target), below,
                       ctx.report_context()));
}

void setup_jp_report(CLI::App& report, Context& ctx) {
    auto o = std::make_shared<JpReportOptions>();
    auto* cmd = report.add_subcommand("jp", "JP earned per person in a year, against the yearly target");
    add_year_of_sessions(*cmd, o->year);
    add_jp_option(*cmd, "--below", o->below, "Only people with fewer JP than this");
    add_target(*cmd, o->target);
    cmd->footer("Lists everyone enrolled in or present at a session of the year.\nExamples:\n"
                "  asnbelajar report jp --year 2022 --below 20\n"
                "  asnbelajar report jp --year 2022 --target 24 --format xlsx -o jp-2022.xlsx");
    cmd->callback([&ctx, o] { run_jp_report(ctx, *o); });
}

// --- report agency

struct AgencyReportOptions {
    std::optional<int> year, target;
};

void run_agency_report(Context& ctx, const AgencyReportOptions& o) {
    const auto opened = ctx.read_store();
    store::Store& store = *opened;
    ctx.emit(agency_report(store, year_or_current(ctx, o.year), target_or_default(o.target),
                           ctx.report_context()));
}

void setup_agency_report(CLI::App& report, Context& ctx) {
    auto o = std::make_shared<AgencyReportOptions>();
    auto* cmd = report.add_subcommand("agency", "Participants, attendance and JP per agency in a year");
    add_year_of_sessions(*cmd, o->year);
    add_target(*cmd, o->target);
    cmd->footer("Examples:\n  asnbelajar report agency --year 2022\n"
                "  asnbelajar report agency --year 2022 --format html -o instansi-2022.html");
    cmd->callback([&ctx, o] { run_agency_report(ctx, *o); });
}

// --- report siasn

struct SiasnReportOptions {
    std::optional<int> year;
    SiasnOptions siasn;
};

void run_siasn_report(Context& ctx, const SiasnReportOptions& o) {
    const auto opened = ctx.read_store();
    store::Store& store = *opened;
    ctx.emit(siasn_report(store, year_or_current(ctx, o.year), o.siasn, ctx.report_context()));
}

void setup_siasn_report(CLI::App& report, Context& ctx) {
    auto o = std::make_shared<SiasnReportOptions>();
    auto* cmd =
        report.add_subcommand("siasn", "Rows ready for a SIASN course-history (riwayat kursus) upload");
    add_year_of_sessions(*cmd, o->year);
    cmd->add_option("--institution", o->siasn.institution, "institusi_penyelenggara")->capture_default_str();
    cmd->add_option("--course-type", o->siasn.course_type, "jenis_kursus")->capture_default_str();
    cmd->footer(
        "One row per live certificate; dates are dd-mm-yyyy.\nExamples:\n"
        "  asnbelajar report siasn --year 2022 --format csv -o siasn-2022.csv\n"
        "  asnbelajar report siasn --year 2022 --institution \"BPSDM Provinsi Jawa Timur\" -o siasn.xlsx");
    cmd->callback([&ctx, o] { run_siasn_report(ctx, *o); });
}

} // namespace

void setup_report(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("report", "Reports (read-only), in any --format");
    cmd->require_subcommand(1);
    cmd->add_option("--read-from", ctx.globals.read_from,
                    "PostgreSQL: primary (default), or standby: a standby's copy when one is up (it may lag "
                    "the primary by the writes of the last moment), else the primary")
        ->check(CLI::IsMember({"primary", "standby"}));
    cmd->footer("Examples:\n  asnbelajar report weekly --week-of 2022-03-03\n"
                "  asnbelajar report jp --year 2022 --below 20 --format csv -o kurang-jp.csv\n"
                "  asnbelajar report weekly --week-of 2022-03-03 --read-from standby");
    setup_weekly_report(*cmd, ctx);
    setup_session_report(*cmd, ctx, "session", "Everyone enrolled in or present at one session",
                         "Examples:\n  asnbelajar report session 2022-03-03\n"
                         "  asnbelajar report session 2022-03-03 --format csv > sesi.csv",
                         session_report);
    setup_participant_report(*cmd, ctx);
    setup_jp_report(*cmd, ctx);
    setup_agency_report(*cmd, ctx);
    setup_session_report(*cmd, ctx, "certificates", "A session's certificates, for mail merge",
                         "Examples:\n  asnbelajar report certificates 2022-03-03\n"
                         "  asnbelajar report certificates 2022-03-03 --format csv -o sertifikat.csv",
                         certificates_report);
    setup_siasn_report(*cmd, ctx);
}

} // namespace asnbelajar::cli
