// asnbelajar report weekly|session|participant|jp|agency|certificates|siasn
//
// Each report is a small options struct, a run function that takes only those options, and a setup function
// that adds the subcommand and calls run from its callback (as CLI11's examples/subcom_in_files); `session`
// and `certificates`, which differ only in the report they make, share theirs. They stay in this one file:
// each is some twenty lines over the same option helpers (--year, --target), and `report` is one command.
#include "app.hpp"
#include "options.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/participant.hpp"
#include "asnbelajar/reports.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/siasn.hpp"

#include <fmt/format.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>

namespace asnbelajar::cli {
namespace {

// --target and --target-pppk: the yearly targets of PNS (and of people without a NIP) and of PPPK.
struct TargetOptions {
    std::optional<int> pns, pppk;
    JpTargets targets() const {
        JpTargets t;
        if (pns) t.pns = *pns;
        if (pppk) t.pppk = *pppk;
        return t;
    }
};

void add_targets(CLI::App& cmd, TargetOptions& o) {
    add_jp_option(cmd, "--target", o.pns,
                  _("JP a PNS should earn in a year (default 20); also people without a NIP"));
    add_jp_option(cmd, "--target-pppk", o.pppk,
                  _("A yearly target for PPPK (default none: 24 JP a year is their ceiling, not a target)"));
}

// What --help says about the targets of the yearly reports.
constexpr const char* targets_help =
    N_("Targets: PNS must earn at least 20 JP a year (PP 11/2017 Pasal 203): --target, default 20, also for "
       "people\nwithout a NIP. PPPK have no target: PP 49/2018 Pasal 40 ayat (1) allows them at most 24 JP a "
       "contract\nyear, a ceiling; --target-pppk sets a target for them, else their target and shortfall are "
       "empty and\nthey are not counted in met_target or met_target_rate. type is PNS or PPPK from the NIP "
       "(empty without\none); --type keeps one kind (people without a NIP are then left out).");

// --year, else the current year in --tz.
int year_or_current(const Context& ctx, std::optional<int> year) {
    return year ? *year : current_year(ctx);
}

void add_year_of_sessions(CLI::App& cmd, std::optional<int>& year) {
    add_year_option(cmd, year,
                    _("Year of the sessions' local start dates (default: the current year in --tz)"));
}

// --- report weekly

struct WeeklyOptions {
    std::optional<Period> week, week_of; // WEEK, --week-of
    std::optional<Date> from, to;
    bool require_attendance = false;
};

void run_weekly_report(Context& ctx, const WeeklyOptions& o) {
    if (o.week && o.week_of) throw UsageError(_("give the week once: WEEK or --week-of"));
    const std::optional<Period> week = o.week ? o.week : o.week_of;
    if (week && (o.from || o.to)) throw UsageError(_("give either --week-of or --from/--to, not both"));
    if (o.from.has_value() != o.to.has_value()) throw UsageError(_("--from and --to go together"));
    Period period = week ? *week : last_complete_week(today_in(ctx.zone()));
    if (o.from) period = date_range(o.from, o.to, period);
    const auto opened = ctx.read_store();
    store::Store& store = *opened;
    const Report report = weekly_report(store, period, ctx.report_context());
    if (o.require_attendance && !report.incomplete.empty()) {
        for (const std::string& line : report.warnings)
            ctx.warn(line);
        throw Error(trn("--require-attendance: {} session of the period has no attendance recorded: {}; no "
                        "report was written",
                        "--require-attendance: {} sessions of the period have no attendance recorded: {}; no "
                        "report was written",
                        report.incomplete.size(), report.incomplete.size(),
                        fmt::join(report.incomplete, ", ")));
    }
    ctx.emit(report);
}

void setup_weekly_report(CLI::App& report, Context& ctx) {
    auto o = std::make_shared<WeeklyOptions>();
    auto* cmd =
        report.add_subcommand("weekly", _("Sessions of one Monday–Sunday week with their attendance"));
    add_week_option(*cmd, "WEEK", o->week, _("An ISO week like 2022-W09, or a date in the week"));
    add_week_option(*cmd, "--week-of", o->week_of,
                    _("A date (YYYY-MM-DD) or ISO week (YYYY-Www) in the week"));
    add_date_option(*cmd, "--from", o->from, _("First date of a custom period"));
    add_date_option(*cmd, "--to", o->to, _("Last date of a custom period"));
    cmd->add_flag(
        "--require-attendance", o->require_attendance,
        _("Fail (exit 1, nothing written) when a session that has ended has no attendance recorded"));
    cmd->footer(footer(
        _("Default: the last complete Monday–Sunday week in --tz. A session whose attendance was never\n"
          "imported is shown as not recorded (empty rate, attendance_recorded false) with a warning."),
        {"asnbelajar report weekly",
         "asnbelajar report weekly --week-of 2022-03-03 --format csv -o minggu-09.csv",
         "asnbelajar --quiet report weekly --require-attendance --format csv -o minggu.csv   # cron"}));
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
    cmd->add_option("SESSION", o->session, _("Session code or id"))->required();
    cmd->footer(footer);
    cmd->callback([&ctx, o, fn] { run_session_report(ctx, *o, fn); });
}

// --- report participant

struct ParticipantReportOptions {
    std::string person;
    std::optional<int> year;
    TargetOptions target;
};

void run_participant_report(Context& ctx, const ParticipantReportOptions& o) {
    const auto opened = ctx.read_store();
    store::Store& store = *opened;
    Participant person = resolve_person(store, o.person);
    ctx.emit(participant_report(store, person, o.year, o.target.targets(), ctx.report_context()));
}

void setup_participant_report(CLI::App& report, Context& ctx) {
    auto o = std::make_shared<ParticipantReportOptions>();
    auto* cmd =
        report.add_subcommand("participant", _("One person's transcript: sessions, JP, certificates"));
    cmd->add_option("PERSON", o->person, _("NIP or e-mail"))->required();
    add_year_option(*cmd, o->year, _("Only this year (default: every year)"));
    add_targets(*cmd, o->target);
    cmd->footer(
        footer(_("Human formats add per-year totals against the person's target: --target for a PNS (or "
                 "someone\nwithout a NIP), --target-pppk for a PPPK, who has none without it."),
               {"asnbelajar report participant 198609262015051001",
                "asnbelajar report participant siti@example.go.id --year 2022 --format csv"}));
    cmd->callback([&ctx, o] { run_participant_report(ctx, *o); });
}

// --- report jp

struct JpReportOptions {
    std::optional<int> year, below;
    TargetOptions target;
    std::optional<NipKind> type;
};

void run_jp_report(Context& ctx, const JpReportOptions& o) {
    std::optional<std::int64_t> below;
    if (o.below) below = *o.below;
    const auto opened = ctx.read_store();
    store::Store& store = *opened;
    ctx.emit(jp_report(store, year_or_current(ctx, o.year), o.target.targets(), o.type, below,
                       ctx.report_context()));
}

void setup_jp_report(CLI::App& report, Context& ctx) {
    auto o = std::make_shared<JpReportOptions>();
    auto* cmd =
        report.add_subcommand("jp", _("JP earned per person in a year, against the yearly target of PNS"));
    add_year_of_sessions(*cmd, o->year);
    add_jp_option(*cmd, "--below", o->below, _("Only people with fewer JP than this"));
    add_targets(*cmd, o->target);
    add_asn_type_option(*cmd, o->type, _("Only PNS or only PPPK (by their NIP)"));
    cmd->footer(footer(std::string(_("Lists everyone enrolled in or present at a session of the year.")) +
                           "\n" + _(targets_help),
                       {"asnbelajar report jp --year 2022 --below 20",
                        "asnbelajar report jp --year 2022 --type pns --format xlsx -o jp-pns-2022.xlsx"}));
    cmd->callback([&ctx, o] { run_jp_report(ctx, *o); });
}

// --- report agency

struct AgencyReportOptions {
    std::optional<int> year;
    TargetOptions target;
    std::optional<NipKind> type;
};

void run_agency_report(Context& ctx, const AgencyReportOptions& o) {
    const auto opened = ctx.read_store();
    store::Store& store = *opened;
    ctx.emit(
        agency_report(store, year_or_current(ctx, o.year), o.target.targets(), o.type, ctx.report_context()));
}

void setup_agency_report(CLI::App& report, Context& ctx) {
    auto o = std::make_shared<AgencyReportOptions>();
    auto* cmd = report.add_subcommand(
        "agency", _("Participants, attendance and JP per agency and type (PNS/PPPK) in a year"));
    add_year_of_sessions(*cmd, o->year);
    add_targets(*cmd, o->target);
    add_asn_type_option(*cmd, o->type, _("Only PNS or only PPPK (by their NIP)"));
    cmd->footer(footer(std::string(_("One row per agency and type.")) + " " + _(targets_help),
                       {"asnbelajar report agency --year 2022",
                        "asnbelajar report agency --year 2022 --format html -o instansi-2022.html"}));
    cmd->callback([&ctx, o] { run_agency_report(ctx, *o); });
}

// --- report siasn

struct SiasnReportOptions {
    std::optional<int> year, diklat_type;
    std::optional<JpRounding> rounding;
    bool api = false;
    SiasnOptions siasn;
};

void run_siasn_report(Context& ctx, SiasnReportOptions o) {
    if (o.diklat_type) o.siasn.jenis_diklat = *o.diklat_type;
    if (o.rounding) o.siasn.rounding = *o.rounding;
    if (!o.api) {
        const auto opened = ctx.read_store();
        ctx.emit(siasn_report(*opened, year_or_current(ctx, o.year), o.siasn, ctx.report_context()));
        return;
    }
    // --api: SIASN's JSON records, an array (json, the default) or one per line (jsonl).
    const render::Format format = ctx.chosen_format().value_or(render::Format::json);
    if (format != render::Format::json && format != render::Format::jsonl)
        throw UsageError(tr("--api writes SIASN's JSON records: --format json (the default) or jsonl, not {}",
                            render::format_name(format)));
    const auto opened = ctx.read_store();
    ctx.emit(siasn_api_report(*opened, year_or_current(ctx, o.year), o.siasn, ctx.report_context()), format);
}

// The reference, one id a line, for --help: from the library's one table.
std::string jenis_diklat_help() {
    return std::string(_("SIASN's jenis diklat (--diklat-type ID, certificate code in brackets):")) + "\n" +
           jenis_diklat_lines();
}

void setup_siasn_report(CLI::App& report, Context& ctx) {
    auto o = std::make_shared<SiasnReportOptions>();
    auto* cmd =
        report.add_subcommand("siasn", _("Rows ready for a SIASN course-history (riwayat kursus) upload"));
    add_year_of_sessions(*cmd, o->year);
    cmd->add_option("--institution", o->siasn.institution, "institusi_penyelenggara")->capture_default_str();
    add_jenis_diklat_option(*cmd, o->diklat_type,
                            _("jenis_diklat_id, SIASN's kind of training (default 9, Seminar); sets "
                              "jenis_kursus_sertipikat"));
    add_rounding_option(
        *cmd, o->rounding,
        _("Round a session's fractional JP to whole hours (nearest: .5 goes up); without it a "
          "fractional JP is refused"));
    cmd->add_flag("--api", o->api,
                  _("SIASN's own records (jenisDiklatId, jumlahJam, …; nip for pnsOrangId) as JSON, or JSON "
                    "lines with --format jsonl"));
    cmd->footer(
        footer(jenis_diklat_help() +
                   _("One row per live certificate; dates are dd-mm-yyyy; jumlah_jam is whole hours. An "
                     "xlsx is an\nupload sheet: the machine keys in row 1, one record a row from row 2."),
               {"asnbelajar report siasn --year 2022 --format csv -o siasn-2022.csv",
                "asnbelajar report siasn --year 2022 --diklat-type 4 --round nearest -o siasn.xlsx",
                "asnbelajar report siasn --year 2022 --api -o kursus-2022.json"}));
    cmd->callback([&ctx, o] { run_siasn_report(ctx, *o); });
}

} // namespace

void setup_report(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("report", _("Reports (read-only), in any --format"));
    cmd->require_subcommand(1);
    cmd->add_option(
           "--read-from", ctx.globals.read_from,
           _("PostgreSQL: primary (default), or standby: a standby's copy when one is up (it may lag "
             "the primary by the writes of the last moment), else the primary"))
        ->check(CLI::IsMember({"primary", "standby"}));
    cmd->footer(examples({"asnbelajar report weekly --week-of 2022-03-03",
                          "asnbelajar report jp --year 2022 --below 20 --format csv -o kurang-jp.csv",
                          "asnbelajar report weekly --week-of 2022-03-03 --read-from standby"}));
    setup_weekly_report(*cmd, ctx);
    setup_session_report(*cmd, ctx, "session", _("Everyone enrolled in or present at one session"),
                         examples({"asnbelajar report session 2022-03-03",
                                   "asnbelajar report session 2022-03-03 --format csv > sesi.csv"}),
                         session_report);
    setup_participant_report(*cmd, ctx);
    setup_jp_report(*cmd, ctx);
    setup_agency_report(*cmd, ctx);
    setup_session_report(
        *cmd, ctx, "certificates", _("A session's certificates, for mail merge"),
        examples({"asnbelajar report certificates 2022-03-03",
                  "asnbelajar report certificates 2022-03-03 --format csv -o sertifikat.csv"}),
        certificates_report);
    setup_siasn_report(*cmd, ctx);
}

} // namespace asnbelajar::cli
