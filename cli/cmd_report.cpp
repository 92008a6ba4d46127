// asnbelajar report weekly|session …
#include "app.hpp"

#include "asnbelajar/participant.hpp"
#include "asnbelajar/reports.hpp"
#include "asnbelajar/session.hpp"

#include <fmt/format.h>

#include <memory>

namespace asnbelajar::cli {
namespace {

struct ReportOptions {
    std::string session, week_of, from, to, week, person, target, below;
    int year = 0;
    SiasnOptions siasn;
};

// --target / --below take JP with one decimal, like --jp.
std::int64_t jp_option(const char* name, const std::string& text) {
    if (auto v = parse_jp(text)) return *v;
    throw UsageError(fmt::format("{}: '{}' is not a number of lesson hours (e.g. 20 or 22.5)", name, text));
}

std::int64_t target_of(const ReportOptions& o) {
    return o.target.empty() ? default_jp_target_tenths : jp_option("--target", o.target);
}

// --year, else the current year in --tz.
int year_of(const Context& ctx, const CLI::App* cmd, const ReportOptions& o) {
    return cmd->count("--year") ? o.year : current_year(ctx);
}

void add_year(CLI::App* cmd, ReportOptions& o) {
    cmd->add_option("--year", o.year,
                    "Year of the sessions' local start dates (default: the current year in --tz)")
        ->check(CLI::Range(1900, 9999));
}

void add_target(CLI::App* cmd, ReportOptions& o) {
    cmd->add_option("--target", o.target, "JP a person should earn in a year (default 20)");
}

} // namespace

void setup_report(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("report", "Reports (read-only), in any --format");
    cmd->require_subcommand(1);
    cmd->footer("Examples:\n  asnbelajar report weekly --week-of 2022-03-03\n"
                "  asnbelajar report jp --year 2022 --below 20 --format csv -o kurang-jp.csv");
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
        if (!o->week.empty() && !o->week_of.empty())
            throw UsageError("give the week once: WEEK or --week-of");
        Period p = choose_week(o->week.empty() ? o->week_of : o->week, o->from, o->to, today_in(ctx.zone()));
        const auto store = ctx.read_store();
        ctx.emit(weekly_report(*store, p, ctx.report_context()));
    });

    auto* session = cmd->add_subcommand("session", "Everyone enrolled in or present at one session");
    session->add_option("SESSION", o->session, "Session code or id")->required();
    session->footer("Examples:\n  asnbelajar report session 2022-03-03\n"
                    "  asnbelajar report session 2022-03-03 --format csv > sesi.csv");
    session->callback([&ctx, o] {
        const auto store = ctx.read_store();
        ctx.emit(session_report(*store, resolve_session(*store, o->session), ctx.report_context()));
    });

    auto* participant =
        cmd->add_subcommand("participant", "One person's transcript: sessions, JP, certificates");
    participant->add_option("PERSON", o->person, "NIP or e-mail")->required();
    participant->add_option("--year", o->year, "Only this year (default: every year)")
        ->check(CLI::Range(1900, 9999));
    add_target(participant, *o);
    participant->footer("Human formats add per-year totals against the target.\nExamples:\n"
                        "  asnbelajar report participant 198609262015051001\n"
                        "  asnbelajar report participant siti@example.go.id --year 2022 --format csv");
    participant->callback([&ctx, participant, o] {
        std::int64_t target = target_of(*o);
        const auto store = ctx.read_store();
        Participant person = resolve_person(*store, o->person);
        std::optional<int> year;
        if (participant->count("--year")) year = o->year;
        ctx.emit(participant_report(*store, person, year, target, ctx.report_context()));
    });

    auto* jp = cmd->add_subcommand("jp", "JP earned per person in a year, against the yearly target");
    add_year(jp, *o);
    jp->add_option("--below", o->below, "Only people with fewer JP than this");
    add_target(jp, *o);
    jp->footer("Lists everyone enrolled in or present at a session of the year.\nExamples:\n"
               "  asnbelajar report jp --year 2022 --below 20\n"
               "  asnbelajar report jp --year 2022 --target 24 --format xlsx -o jp-2022.xlsx");
    jp->callback([&ctx, jp, o] {
        std::int64_t target = target_of(*o);
        std::optional<std::int64_t> below;
        if (!o->below.empty()) below = jp_option("--below", o->below);
        const auto store = ctx.read_store();
        ctx.emit(jp_report(*store, year_of(ctx, jp, *o), target, below, ctx.report_context()));
    });

    auto* agency = cmd->add_subcommand("agency", "Participants, attendance and JP per agency in a year");
    add_year(agency, *o);
    add_target(agency, *o);
    agency->footer("Examples:\n  asnbelajar report agency --year 2022\n"
                   "  asnbelajar report agency --year 2022 --format html -o instansi-2022.html");
    agency->callback([&ctx, agency, o] {
        std::int64_t target = target_of(*o);
        const auto store = ctx.read_store();
        ctx.emit(agency_report(*store, year_of(ctx, agency, *o), target, ctx.report_context()));
    });

    auto* certificates = cmd->add_subcommand("certificates", "A session's certificates, for mail merge");
    certificates->add_option("SESSION", o->session, "Session code or id")->required();
    certificates->footer("Examples:\n  asnbelajar report certificates 2022-03-03\n"
                         "  asnbelajar report certificates 2022-03-03 --format csv -o sertifikat.csv");
    certificates->callback([&ctx, o] {
        const auto store = ctx.read_store();
        ctx.emit(certificates_report(*store, resolve_session(*store, o->session), ctx.report_context()));
    });

    auto* siasn =
        cmd->add_subcommand("siasn", "Rows ready for a SIASN course-history (riwayat kursus) upload");
    add_year(siasn, *o);
    siasn->add_option("--institution", o->siasn.institution, "institusi_penyelenggara")
        ->capture_default_str();
    siasn->add_option("--course-type", o->siasn.course_type, "jenis_kursus")->capture_default_str();
    siasn->footer(
        "One row per live certificate; dates are dd-mm-yyyy.\nExamples:\n"
        "  asnbelajar report siasn --year 2022 --format csv -o siasn-2022.csv\n"
        "  asnbelajar report siasn --year 2022 --institution \"BPSDM Provinsi Jawa Timur\" -o siasn.xlsx");
    siasn->callback([&ctx, siasn, o] {
        const auto store = ctx.read_store();
        ctx.emit(siasn_report(*store, year_of(ctx, siasn, *o), o->siasn, ctx.report_context()));
    });
}

} // namespace asnbelajar::cli
