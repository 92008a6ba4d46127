// asnbelajar attend SESSION PERSON... [--minutes M]
// asnbelajar attend SESSION --file FILE|- [--source S] [--replace] [--allow-empty] [--create-unknown]
//                                         [--unmatched FILE] [--date-order dmy|mdy] [--match-names]
#include "app.hpp"
#include "output_file.hpp"
#include "progress.hpp"

#include "asnbelajar/attendance.hpp"
#include "asnbelajar/attendance_import.hpp"
#include "asnbelajar/csv.hpp"
#include "asnbelajar/error.hpp"
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
    std::string date_order;
};

void run_marks(Context& ctx, CLI::App* cmd, const AttendOptions& o) {
    if (o.people.empty()) throw UsageError("attend needs at least one PERSON (NIP or e-mail), or --file");
    std::optional<int> minutes;
    if (cmd->count("--minutes")) minutes = o.minutes;
    int walk_ins = 0;
    std::string code;
    ctx.write([&](store::Store& store) {
        walk_ins = 0; // a retry after a failover runs this again
        Session session = resolve_session(store, o.session);
        code = session.code;
        std::vector<Participant> people = resolve_people(store, o.people);
        for (const Participant& p : people)
            walk_ins += mark_attendance(store, session, p, minutes) == MarkResult::walk_in;
        return static_cast<std::int64_t>(people.size());
    });
    ctx.note(fmt::format("{}: marked {} {}{}", code, o.people.size(),
                         minutes ? fmt::format("with {} minutes", *minutes) : std::string("as self-declared"),
                         walk_ins ? fmt::format(" ({} walk-ins)", walk_ins) : std::string()));
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

std::string plural(std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

void note_read(const Context& ctx, const sources::ExportData& data) {
    std::vector<std::string> left_out;
    if (data.staff_rows)
        left_out.push_back(
            plural(data.staff_rows, "host, panelist or organizer", "hosts, panelists or organizers"));
    if (data.no_shows) left_out.push_back(plural(data.no_shows, "no-show", "no-shows"));
    ctx.note(fmt::format(
        "read {} as a {}: {}, {}{}", data.name, data.source->label, plural(data.rows, "row", "rows"),
        plural(data.records.size(), "attendee row", "attendee rows"),
        left_out.empty() ? std::string() : fmt::format(" ({} left out)", fmt::join(left_out, " and "))));
    for (const std::string& note : data.notes)
        ctx.note(fmt::format("{}: {}", data.name, note));
}

void run_attendance_import(Context& ctx, const AttendOptions& o) {
    if (!o.people.empty()) throw UsageError("attend takes either PERSON arguments or --file, not both");
    const std::vector<std::string_view> choices = sources::source_choices();
    if (std::find(choices.begin(), choices.end(), o.source) == choices.end())
        throw UsageError(fmt::format("--source: unknown source '{}'", o.source)); // CLI11 checks it too

    sources::ReadOptions read;
    read.zone = ctx.zone();
    if (o.date_order == "dmy") read.order = DayOrder::dmy;
    if (o.date_order == "mdy") read.order = DayOrder::mdy;
    AttendanceImportOptions opts;
    opts.replace = o.replace;
    opts.allow_empty = o.allow_empty;
    opts.create_unknown = o.create_unknown;
    opts.match_names = o.match_names;
    opts.year = current_year(ctx);
    ProgressBar bar(ctx.err, ctx.progress_allowed(), o.file == "-" ? "<stdin>" : o.file);
    AttendanceImportResult result;
    std::string code;
    // The file is read inside the transaction: one connection, and a refusal leaves no trace. A retry after a
    // failover reads it again; standard input cannot be.
    const auto before_rerun = [&] {
        if (o.file == "-")
            throw Error("<stdin>: the store failed over during the import, and standard input cannot be read "
                        "again: run the command again");
    };
    ctx.write(
        [&](store::Store& store) {
            Session session = resolve_session(store, o.session);
            code = session.code;
            read.session_date = local_start_date(session); // breaks day/month ties
            read.session_start = session.start;
            read.session_end = session.start + std::int64_t{session.minutes} * 60;
            const sources::ExportData data = sources::read_export_file(o.file, o.source, read);
            note_read(ctx, data);
            result = import_attendance(store, session, data, opts, bar.callback());
            return static_cast<std::int64_t>(data.records.size() - result.unmatched.size());
        },
        before_rerun);
    bar.clear();
    if (!o.unmatched.empty()) write_unmatched(ctx, o.unmatched, result.unmatched);

    std::string unmatched = fmt::format("{} unmatched", result.people - result.matched);
    if (!result.unmatched.empty())
        unmatched += fmt::format(" in {}", plural(result.unmatched.size(), "row", "rows"));
    if (!o.unmatched.empty() && o.unmatched != "-")
        unmatched += fmt::format(" (listed in {})", o.unmatched);
    else if (!result.unmatched.empty() && o.unmatched.empty())
        unmatched += " (list them with --unmatched FILE)";
    ctx.note(
        fmt::format("{}: {}: {} matched ({}{}), {}{}", code, plural(result.people, "attendee", "attendees"),
                    result.matched, plural(result.walk_ins, "walk-in", "walk-ins"),
                    result.created ? fmt::format(", {} created", result.created) : std::string(), unmatched,
                    result.reimport ? "; this export was imported before: its marks were replaced" : ""));
    ctx.note(fmt::format("{}: now {} attended, {} partial", code, result.attended, result.partial));
}

// "auto (default), zoom, teams, meet or csv": the --source values, from the registry of layouts.
std::string source_values() {
    const std::vector<std::string_view> choices = sources::source_choices();
    std::string text = fmt::format("{} (default)", choices.front());
    for (std::size_t i = 1; i < choices.size(); ++i)
        text += fmt::format("{}{}", i + 1 == choices.size() ? " or " : ", ", choices[i]);
    return text;
}

// The "Sources:" block of --help: each --source value and the layouts it reads, one line per layout (the bash
// completion and tests/cli/test_docs.sh read this block).
std::string sources_help() {
    std::size_t width = std::string_view("auto").size();
    for (const sources::ExportSource& s : sources::export_sources())
        width = std::max(width, s.family.size());
    std::string text = fmt::format(
        "Sources:\n  {:<{}}  any layout below, recognised from the file (the default)\n", "auto", width);
    for (const sources::ExportSource& s : sources::export_sources())
        text += fmt::format("  {:<{}}  {}\n", s.family, width, s.label);
    return text;
}

} // namespace

void setup_attend(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<AttendOptions>();
    auto* cmd = app.add_subcommand("attend", "Record attendance: manual marks, or a platform export");
    cmd->add_option("SESSION", o->session, "Session code or id")->required();
    cmd->add_option("PERSON", o->people, "NIP or e-mail of each participant");
    auto* minutes = cmd->add_option("--minutes", o->minutes,
                                    "Minutes present (without it: self-declared, counts as attended)");
    auto* file = cmd->add_option("--file", o->file,
                                 "A platform attendance export to record (- = standard input); see "
                                 "docs/attendance.md");
    file->excludes(minutes);
    std::vector<std::string> choices;
    for (std::string_view c : sources::source_choices())
        choices.emplace_back(c);
    cmd->add_option("--source", o->source, "Layout of --file: " + source_values())
        ->check(CLI::IsMember(choices))
        ->needs(file);
    cmd->add_flag("--replace", o->replace, "Discard the session's earlier attendance first")->needs(file);
    cmd->add_flag("--allow-empty", o->allow_empty, "Accept an export without a single attendee row")
        ->needs(file);
    cmd->add_flag("--create-unknown", o->create_unknown,
                  "Create participants for unmatched rows (from their name, e-mail and NIP)")
        ->needs(file);
    cmd->add_option("--unmatched", o->unmatched, "Write the rows matching no participant to FILE (CSV)")
        ->needs(file);
    cmd->add_flag("--match-names", o->match_names,
                  "Match rows without NIP, e-mail or phone by name (unique among the session's enrolled "
                  "people, else among all participants)")
        ->needs(file);
    cmd->add_option("--date-order", o->date_order,
                    "Day/month order of dates like 03/04/2022 when the file cannot tell: dmy or mdy")
        ->check(CLI::IsMember({"dmy", "mdy"}))
        ->needs(file);
    cmd->footer(
        sources_help() +
        "\n"
        "Rows are matched to participants by NIP, then e-mail (any case), then phone; rows with a name only\n"
        "(the Teams attendance list, Zoom's Other Attended) by name with --match-names. Minutes present are the\n"
        "union of a person's joins inside the session's window; re-importing the same export changes nothing.\n"
        "With --source auto, a file with people but no minutes, times or presence column (a roster, a\n"
        "registration export) is refused: self-declared marks from such a file need --source csv.\n\n"
        "Examples:\n"
        "  asnbelajar attend 2022-03-03 198609262015051001 --minutes 150\n"
        "  asnbelajar attend 2022-03-03 siti@example.go.id\n"
        "  asnbelajar attend 2022-03-03 --file \"Attendee Report.csv\" --unmatched unmatched-2022-03-03.csv\n"
        "  asnbelajar attend 2022-03-03 --file teams-attendance.csv --source teams --replace\n"
        "  asnbelajar attend 2022-03-10 --file zoom-participants.csv --date-order dmy --create-unknown\n"
        "  asnbelajar attend 2022-03-10 --file meetingAttendanceList.csv --match-names\n"
        "  asnbelajar attend 2022-03-03 --file absen.csv --source csv          # a NIP or e-mail column only: "
        "self-declared\n"
        "  curl -s https://portal.example.go.id/absen.csv | asnbelajar attend 2022-03-03 --file -");
    cmd->callback([&ctx, cmd, o] {
        if (cmd->count("--file"))
            run_attendance_import(ctx, *o);
        else
            run_marks(ctx, cmd, *o);
    });
}

} // namespace asnbelajar::cli
