// asnbelajar session add|list|show|edit|cancel|restore|delete
#include "app.hpp"
#include "certificate_notes.hpp"
#include "options.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/reports.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/text.hpp"

#include <fmt/format.h>

#include <memory>

namespace asnbelajar::cli {
namespace {

// --requires: what a certificate needs besides attendance.
struct Requirements {
    bool survey = false, posttest = false;
};

struct SessionOptions {
    std::string session, title, start, code, speaker, repeat, capacity;
    std::optional<int> jp; // tenths
    std::vector<int> days; // ISO weekdays
    int minutes = 0, series = 0, min_attendance = 70, count = 1, pass_score = 60;
    std::optional<Requirements> requires_;
    bool allow_duplicate = false;
};

// "survey,posttest", "posttest", "none" (clears). Throws UsageError.
Requirements requirements_value(const std::string& text) {
    Requirements r;
    std::vector<std::string> words;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t comma = std::min(text.find(',', pos), text.size());
        std::string word = text::to_lower(text::trim_blanks(std::string_view(text).substr(pos, comma - pos)));
        pos = comma + 1;
        if (word == "survey" || word == "survei")
            r.survey = true;
        else if (word == "posttest" || word == "post-test")
            r.posttest = true;
        else if (word != "none" || text::trim_blanks(text) != "none")
            throw UsageError(tr("--requires: '{}' is not a requirement (expected survey, posttest, "
                                "both as survey,posttest, or none)",
                                word));
    }
    return r;
}

// The options `add` and `edit` share; `required` only for add.
void add_session_fields(CLI::App* cmd, SessionOptions& o, bool required) {
    auto* title = cmd->add_option("--title", o.title, _("Title, e.g. \"Webinar ASN Belajar Seri 9 | 2022\""));
    auto* start = cmd->add_option("--start", o.start, _("Local start \"YYYY-MM-DD HH:MM\" in --tz"));
    auto* minutes = cmd->add_option("--minutes", o.minutes, _("Length in minutes"));
    auto* jp = add_jp_option(*cmd, "--jp", o.jp, _("Lesson hours (JP) earned, one decimal allowed"));
    if (required)
        for (auto* opt : {title, start, minutes, jp})
            opt->required();
    cmd->add_option("--code", o.code, _("Session code (default: the local start date YYYY-MM-DD)"));
    cmd->add_option("--series", o.series, _("Series number (\"Seri 9\")"));
    cmd->add_option("--speaker", o.speaker, _("Speaker (narasumber)"));
    cmd->add_option("--capacity", o.capacity,
                    _("Seats; later enrollments are waitlisted (\"none\" = unlimited)"));
    cmd->add_option("--min-attendance", o.min_attendance,
                    _("Percent of the minutes needed to count as attended"))
        ->check(CLI::Range(0, 100));
    cmd->add_option_function<std::string>(
           "--requires", [&o](const std::string& text) { o.requires_ = requirements_value(text); },
           _("What a certificate needs besides attendance: survey, posttest, survey,posttest, or none"))
        ->type_name("LIST");
    cmd->add_option("--pass-score", o.pass_score,
                    _("Post-test score (percent) a certificate needs (default 60)"))
        ->check(CLI::Range(0, 100))
        ->type_name("PCT");
}

std::optional<int> parse_capacity(const std::string& text) {
    if (text.empty() || text == "none" || text == "unlimited") return std::nullopt;
    try {
        std::size_t used = 0;
        int v = std::stoi(text, &used);
        if (used == text.size() && v >= 0) return v;
    } catch (const std::exception&) {
    }
    throw UsageError(tr("--capacity: '{}' is not a number of seats (or 'none')", text));
}

LocalDateTime parse_start(const std::string& text) {
    if (auto t = parse_local_datetime(text)) return *t;
    throw UsageError(tr("--start: '{}' is not a local date and time (expected \"YYYY-MM-DD HH:MM\")", text));
}

// --days: a library parser, whose Error is a usage error here.
std::vector<int> weekdays_value(const std::string& text) {
    try {
        return parse_weekdays(text);
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
}

void run_add(Context& ctx, CLI::App* cmd, const SessionOptions& o) {
    Session base;
    Zone zone = ctx.zone();
    base.title = o.title;
    base.tz = zone.name;
    base.start = to_utc(parse_start(o.start), zone);
    base.minutes = o.minutes;
    base.jp_tenths = *o.jp; // required
    base.speaker = o.speaker;
    base.capacity = parse_capacity(o.capacity);
    base.min_attendance = o.min_attendance;
    if (o.requires_) {
        base.requires_survey = o.requires_->survey;
        base.requires_posttest = o.requires_->posttest;
    }
    base.pass_score = o.pass_score;
    if (cmd->count("--pass-score") && !base.requires_posttest)
        ctx.note(_("--pass-score counts only once the session requires a post-test (--requires posttest)"));
    if (cmd->count("--series")) base.series = o.series;
    SeriesPlan plan;
    if (cmd->count("--repeat")) {
        auto r = parse_repeat(o.repeat);
        if (!r) throw UsageError(tr("--repeat: '{}' is not weekly or twice-weekly", o.repeat));
        plan.repeat = *r;
        if (plan.repeat != Repeat::none && !cmd->count("--count"))
            throw UsageError(_("--repeat needs --count N (how many sessions)"));
    }
    plan.count = o.count;
    plan.days = o.days;
    try {
        validate_series_plan(plan); // a plan that cannot be made is a mistake in the command line
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    std::vector<Session> added;
    ctx.write([&](store::Store& store) {
        added = add_sessions(store, base, o.code, plan,
                             o.allow_duplicate ? AllowDuplicate::yes : AllowDuplicate::no);
        return static_cast<std::int64_t>(added.size());
    });
    for (const Session& s : added)
        ctx.out << s.code << '\n';
    ctx.note(added.size() == 1 ? tr("added session {}", added.front().code)
                               : tr("added {} sessions", added.size()));
}

struct ListOptions {
    std::optional<Date> from, to;
    std::optional<int> year;
};

void run_list(Context& ctx, const ListOptions& o) {
    Period whole{{1, 1, 1}, {9999, 12, 31}};
    if (o.year) whole = {{*o.year, 1, 1}, {*o.year, 12, 31}};
    const Period p = date_range(o.from, o.to, whole);
    const auto opened = ctx.read_store();
    store::Store& store = *opened;
    ctx.emit(session_list(store, p, ctx.report_context()));
}

void run_edit(Context& ctx, CLI::App* cmd, const SessionOptions& o) {
    SessionEdit edit;
    if (cmd->count("--title")) edit.title = o.title;
    if (cmd->count("--code")) edit.code = o.code;
    if (cmd->count("--speaker")) edit.speaker = o.speaker;
    if (cmd->count("--start")) edit.start = parse_start(o.start);
    if (cmd->count("--minutes")) edit.minutes = o.minutes;
    if (o.jp) edit.jp_tenths = *o.jp;
    if (cmd->count("--series")) edit.series = o.series;
    if (cmd->count("--capacity")) edit.capacity = parse_capacity(o.capacity);
    if (cmd->count("--min-attendance")) edit.min_attendance = o.min_attendance;
    if (o.requires_) {
        edit.requires_survey = o.requires_->survey;
        edit.requires_posttest = o.requires_->posttest;
    }
    if (cmd->count("--pass-score")) edit.pass_score = o.pass_score;
    // --tz is global: it names the zone of a new --start, and becomes the session's zone when given.
    if (cmd->count("--start")) edit.tz = ctx.zone().name;
    EditResult result;
    CertificateCheck certificates;
    ctx.write([&](store::Store& store) {
        Session s = resolve_session(store, o.session);
        result = edit_session(store, s, edit, ctx.now());
        if (result.recomputed) certificates = check_certificates(store, result.session);
        return std::int64_t{1};
    });
    ctx.out << result.session.code << '\n';
    ctx.note(tr("updated session {}", result.session.code));
    if (result.requirements_changed && result.certificates > 0)
        ctx.note(trn("{} certificate was issued under the earlier requirements; it stays live",
                     "{} certificates were issued under the earlier requirements; they stay live",
                     result.certificates, result.certificates));
    if (cmd->count("--pass-score") && !result.session.requires_posttest)
        ctx.note(_("--pass-score counts only once the session requires a post-test (--requires posttest)"));
    if (result.recomputed) ctx.note(_("attendance outcomes recomputed"));
    if (!result.promoted.empty()) ctx.note(tr("{} promoted from the waiting list", result.promoted.size()));
    tell_certificates(ctx, result.session.code, certificates);
}

} // namespace

void setup_session(CLI::App& app, Context& ctx) {
    auto* session =
        app.add_subcommand("session", _("Add, list, show, edit, cancel, restore and delete sessions"));
    session->require_subcommand(1);
    session->footer(examples({"asnbelajar session list --year 2022", "asnbelajar session show 2022-03-03"}));
    auto o = std::make_shared<SessionOptions>();

    auto* add = session->add_subcommand("add", _("Add a session, or a weekly series of sessions"));
    add_session_fields(add, *o, true);
    add->add_option("--repeat", o->repeat, _("weekly | twice-weekly: create a series"));
    add->add_option("--count", o->count, _("Number of sessions in the series"));
    add->add_option_function<std::string>(
        "--days", [o](const std::string& text) { o->days = weekdays_value(text); },
        _("Weekdays of the series, e.g. tue,thu (default: the start's weekday)"));
    add->add_flag("--allow-duplicate", o->allow_duplicate,
                  _("Add it even when a session with the same start and title exists"));
    add->footer(
        examples({"asnbelajar session add --title \"Webinar ASN Belajar Seri 9 | 2022\" --start \"2022-03-03 "
                  "09:00\" --minutes 180 --jp 3 --series 9",
                  "asnbelajar session add --title \"ASN Belajar\" --start \"2025-01-09 09:00\" --minutes 180 "
                  "--jp 3 --repeat weekly --count 12 --series 1"}));
    add->callback([&ctx, add, o] { run_add(ctx, add, *o); });

    auto* list = session->add_subcommand("list", _("List sessions"));
    auto list_options = std::make_shared<ListOptions>();
    add_date_option(*list, "--from", list_options->from, _("First local date YYYY-MM-DD"));
    add_date_option(*list, "--to", list_options->to, _("Last local date YYYY-MM-DD"));
    add_year_option(*list, list_options->year, _("Only this year"));
    list->footer(examples(
        {"asnbelajar session list --year 2022", "asnbelajar session list --from 2022-03-01 --format csv"}));
    list->callback([&ctx, list_options] { run_list(ctx, *list_options); });

    auto* show = session->add_subcommand("show", _("Show one session with its counts"));
    show->add_option("SESSION", o->session, _("Session code or id"))->required();
    show->footer(examples({"asnbelajar session show 2022-03-03"}));
    show->callback([&ctx, o] {
        const auto opened = ctx.read_store();
        store::Store& store = *opened;
        ctx.emit(session_details(store, resolve_session(store, o->session), ctx.report_context()));
    });

    auto* edit = session->add_subcommand("edit", _("Change a session; outcomes are recomputed when needed"));
    edit->add_option("SESSION", o->session, _("Session code or id"))->required();
    add_session_fields(edit, *o, false);
    edit->footer(examples({"asnbelajar session edit 2022-03-03 --min-attendance 60",
                           "asnbelajar session edit 2022-03-03 --capacity 1000"}));
    edit->callback([&ctx, edit, o] { run_edit(ctx, edit, *o); });

    auto* cancel = session->add_subcommand("cancel", _("Cancel a session (it stays on record)"));
    cancel->add_option("SESSION", o->session, _("Session code or id"))->required();
    cancel->footer(examples({"asnbelajar session cancel 2022-03-10"}));
    cancel->callback([&ctx, o] {
        std::string code;
        ctx.write([&](store::Store& store) {
            code = cancel_session(store, resolve_session(store, o->session)).code;
            return std::int64_t{1};
        });
        ctx.note(tr("cancelled session {}", code));
    });

    auto* restore =
        session->add_subcommand("restore", _("Undo 'session cancel': schedule the session again"));
    restore->add_option("SESSION", o->session, _("Session code or id"))->required();
    restore->footer(examples({"asnbelajar session restore 2022-03-10"}));
    restore->callback([&ctx, o] {
        std::string code;
        bool restored = false;
        ctx.write([&](store::Store& store) {
            const Session s = resolve_session(store, o->session);
            code = s.code;
            restored = restore_session(store, s);
            return std::int64_t{restored ? 1 : 0};
        });
        ctx.note(restored ? tr("restored session {}: it is scheduled again, with its enrollments", code)
                          : tr("session {} is not cancelled: nothing to restore", code));
    });

    auto* del = session->add_subcommand(
        "delete", _("Delete a session added by mistake (only one without attendance and certificates)"));
    del->add_option("SESSION", o->session, _("Session code or id"))->required();
    del->footer(
        footer(_("Its enrollments are deleted with it. A session that took place is cancelled, not deleted."),
               {"asnbelajar session delete 2022-03-10-2"}));
    del->callback([&ctx, o] {
        std::string code;
        int enrollments = 0;
        ctx.write([&](store::Store& store) {
            const Session s = resolve_session(store, o->session);
            code = s.code;
            enrollments = delete_session(store, s);
            return std::int64_t{1 + enrollments};
        });
        ctx.note(trn("deleted session {} and its {} enrollment", "deleted session {} and its {} enrollments",
                     static_cast<unsigned long>(enrollments), code, enrollments));
    });
}

} // namespace asnbelajar::cli
