// asnbelajar attend SESSION PERSON... [--minutes M]
// asnbelajar attend SESSION --file FILE|- [--source S] [--replace] [--allow-empty] [--create-unknown]
//                                         [--unmatched FILE] [--date-order dmy|mdy] [--match-names]
#include "app.hpp"
#include "certificate_notes.hpp"
#include "options.hpp"
#include "output_file.hpp"
#include "progress.hpp"

#include "asnbelajar/attendance.hpp"
#include "asnbelajar/attendance_import.hpp"
#include "asnbelajar/csv.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/participant.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/sources.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace asnbelajar::cli {
namespace {

struct AttendOptions {
    std::string session;
    std::vector<std::string> people;
    int minutes = 0;
    std::string file;
    std::string source = "auto";
    bool replace = false;
    bool allow_empty = false;
    bool create_unknown = false;
    bool match_names = false;
    std::string unmatched;
    std::optional<DayOrder> date_order;
};

void run_marks(Context& ctx, CLI::App* cmd, const AttendOptions& o) {
    if (o.people.empty()) throw UsageError(_("attend needs at least one PERSON (NIP or e-mail), or --file"));
    std::optional<int> minutes;
    if (cmd->count("--minutes")) minutes = o.minutes;
    int walk_ins = 0;
    std::string code;
    CertificateCheck certificates;
    ctx.write([&](store::Store& store) {
        Session session = resolve_session(store, o.session);
        code = session.code;
        std::vector<Participant> people = resolve_people(store, o.people);
        for (const Participant& p : people)
            walk_ins += mark_attendance(store, session, p, minutes) == MarkResult::walk_in;
        certificates = check_certificates(store, session);
        return static_cast<std::int64_t>(people.size());
    });
    std::string marked = minutes ? tr("{}: marked {} with {} minutes", code, o.people.size(), *minutes)
                                 : tr("{}: marked {} as self-declared", code, o.people.size());
    if (walk_ins) marked += trn(" ({} walk-in)", " ({} walk-ins)", walk_ins, walk_ins);
    ctx.note(marked);
    tell_certificates(ctx, code, certificates);
}

std::string minutes_text(std::int64_t seconds) {
    if (seconds % 60 == 0) return std::to_string(seconds / 60);
    return fmt::format("{:.1f}", static_cast<double>(seconds) / 60.0);
}

// The unmatched rows as a CSV that reads back as a plain attendance CSV once their identities are fixed: to
// FILE (whole or not at all, see OutputFile) or "-" (standard output).
void write_unmatched(const Context& ctx, const std::string& path, const std::vector<UnmatchedRow>& rows) {
    OutputTarget target(path, ctx.out);
    std::ostream& out = *target.stream();
    write_csv_record(out, {"line", "nip", "email", "phone", "name", "join", "leave", "minutes", "reason"});
    const Zone zone = ctx.zone();
    for (const UnmatchedRow& u : rows) {
        const sources::ExportRecord& r = u.record;
        std::string line = std::to_string(r.line);
        std::string join = r.join ? format_datetime_offset(*r.join, zone) : std::string();
        std::string leave = r.leave ? format_datetime_offset(*r.leave, zone) : std::string();
        std::string minutes = r.seconds ? minutes_text(*r.seconds) : std::string();
        write_csv_record(out, {line, r.nip, r.email, r.phone, r.name, join, leave, minutes, u.reason});
    }
    target.commit();
}

void note_read(const Context& ctx, const sources::ExportData& data) {
    std::vector<std::string> left_out;
    if (data.staff_rows)
        left_out.push_back(trn("{} host, panelist or organizer", "{} hosts, panelists or organizers",
                               data.staff_rows, data.staff_rows));
    if (data.no_shows) left_out.push_back(trn("{} no-show", "{} no-shows", data.no_shows, data.no_shows));
    const std::string rows = trn("{} row", "{} rows", data.rows, data.rows);
    const std::string attendees =
        trn("{} attendee row", "{} attendee rows", data.records.size(), data.records.size());
    ctx.note(left_out.empty()
                 ? tr("read {} as a {}: {}, {}", data.name, _(data.source->label), rows, attendees)
                 : tr("read {} as a {}: {}, {} ({} left out)", data.name, _(data.source->label), rows,
                      attendees, and_list(left_out)));
    for (const std::string& note : data.notes)
        ctx.note(fmt::format("{}: {}", data.name, note));
}

void run_attendance_import(Context& ctx, const AttendOptions& o) {
    if (!o.people.empty()) throw UsageError(_("attend takes either PERSON arguments or --file, not both"));
    const std::vector<std::string_view> choices = sources::source_choices();
    if (std::find(choices.begin(), choices.end(), o.source) == choices.end())
        throw UsageError(tr("--source: unknown source '{}'", o.source)); // CLI11 checks it too

    sources::ReadOptions read;
    read.zone = ctx.zone();
    read.order = o.date_order.value_or(DayOrder::unknown);
    AttendanceImportOptions opts;
    opts.replace = o.replace;
    opts.allow_empty = o.allow_empty;
    opts.create_unknown = o.create_unknown;
    opts.match_names = o.match_names;
    opts.today = current_date(ctx);
    ProgressBar bar(ctx.err, ctx.progress_allowed(), o.file == "-" ? "<stdin>" : o.file);
    AttendanceImportResult result;
    std::string code;
    CertificateCheck certificates;
    // The file is read inside the transaction: one connection, and a refusal leaves no trace.
    ctx.write([&](store::Store& store) {
        Session session = resolve_session(store, o.session);
        code = session.code;
        read.session_date = local_start_date(session); // breaks day/month ties
        read.session_start = session.start;
        read.session_end = session.start + std::int64_t{session.minutes} * 60;
        const sources::ExportData data = sources::read_export_file(o.file, o.source, read);
        note_read(ctx, data);
        result = import_attendance(store, session, data, opts, bar.callback());
        certificates = check_certificates(store, session);
        return static_cast<std::int64_t>(data.records.size() - result.unmatched.size());
    });
    bar.clear();
    if (!o.unmatched.empty()) write_unmatched(ctx, o.unmatched, result.unmatched);

    const std::size_t unmatched_people = result.people - result.matched;
    std::string unmatched = result.unmatched.empty()
                                ? tr("{} unmatched", unmatched_people)
                                : trn("{} unmatched in {} row", "{} unmatched in {} rows",
                                      result.unmatched.size(), unmatched_people, result.unmatched.size());
    if (!o.unmatched.empty() && o.unmatched != "-")
        unmatched += tr(" (listed in {})", o.unmatched);
    else if (!result.unmatched.empty() && o.unmatched.empty())
        unmatched += _(" (list them with --unmatched FILE)");
    std::string walk_ins = trn("{} walk-in", "{} walk-ins", result.walk_ins, result.walk_ins);
    if (result.created) walk_ins += tr(", {} created", result.created);
    std::string line = trn("{}: {} attendee: {} matched ({}), {}", "{}: {} attendees: {} matched ({}), {}",
                           result.people, code, result.people, result.matched, walk_ins, unmatched);
    if (result.reimport) line += _("; this export was imported before: its marks were replaced");
    ctx.note(line);
    ctx.note(tr("{}: now {} attended, {} partial", code, result.attended, result.partial));
    tell_certificates(ctx, code, certificates);
}

// "auto (default), zoom, teams, meet or csv": the --source values, from the registry of layouts.
std::string source_values() {
    const std::vector<std::string_view> choices = sources::source_choices();
    std::vector<std::string> values{tr("{} (default)", choices.front())};
    values.insert(values.end(), choices.begin() + 1, choices.end());
    return or_list(values);
}

// The "Sources:" block of --help: each --source value and the layouts it reads, one line per layout (the bash
// completion and tests/cli/test_docs.sh read this block).
std::string sources_help() {
    std::size_t width = std::string_view("auto").size();
    for (const sources::ExportSource& s : sources::export_sources())
        width = std::max(width, s.family.size());
    std::string text = fmt::format("{}\n  {:<{}}  {}\n", _("Sources:"), "auto", width,
                                   _("any layout below, recognised from the file (the default)"));
    for (const sources::ExportSource& s : sources::export_sources())
        text += fmt::format("  {:<{}}  {}\n", s.family, width, _(s.label));
    return text;
}

} // namespace

void setup_attend(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<AttendOptions>();
    auto* cmd = app.add_subcommand("attend", _("Record attendance: manual marks, or a platform export"));
    cmd->add_option("SESSION", o->session, _("Session code or id"))->required();
    cmd->add_option("PERSON", o->people, _("NIP or e-mail of each participant"));
    auto* minutes = cmd->add_option("--minutes", o->minutes,
                                    _("Minutes present (without it: self-declared, counts as attended)"));
    auto* file = cmd->add_option(
        "--file", o->file,
        _("A platform attendance export to record (- = standard input); see docs/attendance.md"));
    file->excludes(minutes);
    std::vector<std::string> choices;
    for (std::string_view c : sources::source_choices())
        choices.emplace_back(c);
    cmd->add_option("--source", o->source, tr("Layout of --file: {}", source_values()))
        ->check(CLI::IsMember(choices))
        ->needs(file);
    cmd->add_flag("--replace", o->replace, _("Discard the session's earlier attendance first"))->needs(file);
    cmd->add_flag("--allow-empty", o->allow_empty, _("Accept an export without a single attendee row"))
        ->needs(file);
    cmd->add_flag("--create-unknown", o->create_unknown,
                  _("Create participants for unmatched rows (from their name, e-mail and NIP)"))
        ->needs(file);
    cmd->add_option("--unmatched", o->unmatched, _("Write the rows matching no participant to FILE (CSV)"))
        ->needs(file);
    cmd->add_flag(
           "--match-names", o->match_names,
           _("Match rows without NIP, e-mail or phone by name (unique among the session's enrolled people, "
             "else among all participants)"))
        ->needs(file);
    add_date_order_option(*cmd, o->date_order,
                          _("Day/month order of dates like 03/04/2022 when the file cannot tell: dmy or mdy"))
        ->needs(file);
    cmd->footer(footer(
        sources_help() + "\n" +
            _("Rows are matched to participants by NIP, then e-mail (any case), then phone; rows with a name only\n"
              "(the Teams attendance list, Zoom's Other Attended) by name with --match-names. Minutes present are "
              "the\nunion of a person's joins inside the session's window; re-importing the same export changes "
              "nothing.\nWith --source auto, a file with people but no minutes, times or presence column (a "
              "roster, a\nregistration export) is refused: self-declared marks from such a file need --source "
              "csv\n(absen.csv below)."),
        {"asnbelajar attend 2022-03-03 198609262015051001 --minutes 150",
         "asnbelajar attend 2022-03-03 siti@example.go.id",
         "asnbelajar attend 2022-03-03 --file \"Attendee Report.csv\" --unmatched unmatched-2022-03-03.csv",
         "asnbelajar attend 2022-03-03 --file teams-attendance.csv --source teams --replace",
         "asnbelajar attend 2022-03-10 --file zoom-participants.csv --date-order dmy --create-unknown",
         "asnbelajar attend 2022-03-10 --file meetingAttendanceList.csv --match-names",
         "asnbelajar attend 2022-03-03 --file absen.csv --source csv",
         "curl -s https://portal.example.go.id/absen.csv | asnbelajar attend 2022-03-03 --file -"}));
    cmd->callback([&ctx, cmd, o] {
        if (cmd->count("--file"))
            run_attendance_import(ctx, *o);
        else
            run_marks(ctx, cmd, *o);
    });
}

} // namespace asnbelajar::cli
