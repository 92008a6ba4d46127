#include "asnbelajar/session.hpp"

#include "asnbelajar/attendance.hpp"
#include "asnbelajar/enrollment.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

namespace asnbelajar {
LocalDateTime local_start(const Session& session) {
    return to_local(session.start, find_zone(session.tz));
}

Date local_start_date(const Session& session) {
    return local_start_date(session.start, session.tz);
}

Date local_start_date(std::int64_t start, std::string_view tz) {
    return to_local(start, find_zone(tz)).date;
}

std::optional<Repeat> parse_repeat(std::string_view text) {
    std::string t = text::to_lower(text);
    if (t == "weekly") return Repeat::weekly;
    if (t == "twice-weekly") return Repeat::twice_weekly;
    if (t == "none" || t.empty()) return Repeat::none;
    return std::nullopt;
}

std::vector<int> parse_weekdays(std::string_view text) {
    static const char* const names[][4] = {
        {"mon", "monday", "sen", "senin"},   {"tue", "tuesday", "sel", "selasa"},
        {"wed", "wednesday", "rab", "rabu"}, {"thu", "thursday", "kam", "kamis"},
        {"fri", "friday", "jum", "jumat"},   {"sat", "saturday", "sab", "sabtu"},
        {"sun", "sunday", "min", "minggu"}};
    std::set<int> days;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t comma = text.find(',', pos);
        if (comma == std::string_view::npos) comma = text.size();
        std::string word = text::to_lower(text::trim_blanks(text.substr(pos, comma - pos)));
        int found = 0;
        for (int d = 0; d < 7 && !found; ++d)
            for (const char* n : names[d])
                if (word == n) found = d + 1;
        if (!found)
            throw Error(tr("--days: '{}' is not a day of the week (expected e.g. tue,thu or "
                           "selasa,kamis)",
                           word));
        days.insert(found);
        pos = comma + 1;
    }
    return {days.begin(), days.end()};
}

void validate_series_plan(const SeriesPlan& plan) {
    if (plan.count < 1 || plan.count > 520) throw Error(tr("--count {} is outside 1..520", plan.count));
    if (plan.repeat == Repeat::none) {
        if (plan.count != 1) throw Error(_("--count needs --repeat weekly or twice-weekly"));
        if (!plan.days.empty()) throw Error(_("--days needs --repeat weekly or twice-weekly"));
        return;
    }
    if (plan.repeat == Repeat::twice_weekly && !plan.days.empty() && plan.days.size() != 2)
        throw Error(tr("--repeat twice-weekly needs two --days, got {}", plan.days.size()));
    if (plan.repeat == Repeat::weekly && plan.days.size() > 1)
        throw Error(tr("--repeat weekly needs one day in --days, got {} (use --repeat twice-weekly for two)",
                       plan.days.size()));
}

std::vector<Date> series_dates(Date first, const SeriesPlan& plan) {
    validate_series_plan(plan);
    if (plan.repeat == Repeat::none) return {first};
    std::vector<int> days = plan.days;
    if (days.empty())
        days = plan.repeat == Repeat::weekly ? std::vector<int>{weekday(first)} : std::vector<int>{2, 4};
    std::vector<Date> out;
    for (Date d = first; static_cast<int>(out.size()) < plan.count; d = add_days(d, 1))
        if (std::find(days.begin(), days.end(), weekday(d)) != days.end()) out.push_back(d);
    return out;
}

void validate_session(const Session& s) {
    if (s.title.empty()) throw Error(_("--title must not be empty"));
    if (s.minutes < 1 || s.minutes > 24 * 60) throw Error(tr("--minutes {} is outside 1..1440", s.minutes));
    if (s.jp_tenths < 0 || s.jp_tenths > 1000) throw Error(_("--jp must be between 0 and 100"));
    if (s.min_attendance < 0 || s.min_attendance > 100)
        throw Error(tr("--min-attendance {} is outside 0..100", s.min_attendance));
    if (s.capacity && *s.capacity < 0) throw Error(_("--capacity must not be negative"));
    if (s.pass_score < 0 || s.pass_score > 100)
        throw Error(tr("--pass-score {} is outside 0..100", s.pass_score));
    if (s.series && *s.series < 0) throw Error(_("--series must not be negative"));
    if (s.code.empty()) throw Error(_("--code must not be empty"));
    for (char c : s.code)
        if (text::is_space(c) || text::is_control(c))
            throw Error(tr("--code '{}' must not contain spaces", s.code));
    if (text::all_digits(s.code))
        throw Error(tr("--code '{}' must not be all digits (ids are numbers)", s.code));
}

namespace {

// "2022-03-03 (Kamis, 3 Maret 2022, pukul 09.00 WIB)": a stored session in a message.
std::string session_line(const Session& s) {
    const LocalDateTime t = local_start(s);
    std::string line = fmt::format("{} ({} {:02}:{:02} {})", s.code, format_date(t.date), t.hour, t.minute,
                                   find_zone(s.tz).abbrev);
    if (s.status == SessionStatus::cancelled)
        line += tr(", cancelled: 'asnbelajar session restore {}' brings it back", s.code);
    return line;
}

// Refuses a plan whose sessions repeat stored ones (the same start and title), naming each of them.
void refuse_duplicates(const store::Store& store, const std::vector<std::int64_t>& starts,
                       const std::string& title) {
    std::vector<std::string> found;
    for (std::int64_t start : starts)
        for (const Session& s : store.sessions_at(start, title))
            found.push_back(session_line(s));
    if (found.empty()) return;
    std::string list;
    for (const std::string& f : found)
        list += "\n  " + f;
    const std::string exist = trn("{0} session with the same start and title (\"{1}\") exists already:{2}",
                                  "{0} sessions with the same start and title (\"{1}\") exist already:{2}",
                                  found.size(), found.size(), title, list);
    throw Error(starts.size() == 1
                    ? tr("{}\nNothing was added; give --allow-duplicate to add it anyway", exist)
                    : tr("{}\nNothing was added; give --allow-duplicate to add them anyway", exist));
}

} // namespace

std::vector<Session> add_sessions(store::Store& store, Session base, const std::string& code,
                                  const SeriesPlan& plan, AllowDuplicate duplicates) {
    Zone zone = find_zone(base.tz);
    LocalDateTime first = local_start(base);
    std::vector<Date> dates = series_dates(first.date, plan);
    std::vector<std::int64_t> starts;
    for (Date d : dates) {
        LocalDateTime local = first;
        local.date = d;
        starts.push_back(to_utc(local, zone));
    }
    if (duplicates == AllowDuplicate::no) refuse_duplicates(store, starts, base.title);
    std::vector<Session> out;
    for (std::size_t i = 0; i < dates.size(); ++i) {
        Session s = base;
        s.start = starts[i];
        if (base.series) s.series = *base.series + static_cast<int>(i);
        if (!code.empty()) {
            s.code = dates.size() == 1 ? code : fmt::format("{}-{}", code, i + 1);
        } else {
            std::string day = format_date(dates[i]);
            s.code = day;
            // Each session is stored before the next is named, so the store knows this batch's codes too.
            for (int n = 2; store.session_code_exists(s.code); ++n)
                s.code = fmt::format("{}-{}", day, n);
        }
        validate_session(s);
        s.id = store.insert_session(s);
        out.push_back(s);
    }
    return out;
}

Session resolve_session(const store::Store& store, std::string_view text) {
    std::string t(text::trim_blanks(text));
    if (auto s = store.session_by_code(t)) return *s;
    Id id = 0;
    const char* const end = t.data() + t.size();
    auto [ptr, ec] = std::from_chars(t.data(), end, id);
    if (ec == std::errc() && ptr == end && !t.empty())
        if (auto s = store.session_by_id(id)) return *s;
    throw Error(tr("no session '{}' (give a session code or id; 'asnbelajar session list' shows them)", t));
}

EditResult edit_session(store::Store& store, const Session& session, const SessionEdit& edit,
                        std::int64_t now) {
    Session s = session;
    if (edit.code) s.code = *edit.code;
    if (edit.title) s.title = *edit.title;
    if (edit.speaker) s.speaker = *edit.speaker;
    if (edit.tz) s.tz = find_zone(*edit.tz).name;
    if (edit.start) s.start = to_utc(*edit.start, find_zone(s.tz));
    if (edit.minutes) s.minutes = *edit.minutes;
    if (edit.jp_tenths) s.jp_tenths = *edit.jp_tenths;
    if (edit.min_attendance) s.min_attendance = *edit.min_attendance;
    if (edit.series) s.series = *edit.series;
    if (edit.capacity) s.capacity = *edit.capacity;
    if (edit.requires_survey) s.requires_survey = *edit.requires_survey;
    if (edit.requires_posttest) s.requires_posttest = *edit.requires_posttest;
    if (edit.pass_score) s.pass_score = *edit.pass_score;
    validate_session(s);
    store.update_session(s);
    EditResult r;
    r.session = s;
    if (s.start != session.start || s.minutes != session.minutes ||
        s.min_attendance != session.min_attendance) {
        recompute_session_attendance(store, s);
        r.recomputed = true;
    }
    if (s.status == SessionStatus::scheduled && !session_started(s, now))
        r.promoted = promote_waitlisted(store, s);
    r.requirements_changed = s.requires_survey != session.requires_survey ||
                             s.requires_posttest != session.requires_posttest ||
                             (s.requires_posttest && s.pass_score != session.pass_score);
    if (r.requirements_changed) r.certificates = store.session_totals(s).certificates;
    return r;
}

Session cancel_session(store::Store& store, const Session& session) {
    Session s = session;
    s.status = SessionStatus::cancelled;
    store.update_session(s);
    return s;
}

bool restore_session(store::Store& store, const Session& session) {
    if (session.status != SessionStatus::cancelled) return false;
    Session s = session;
    s.status = SessionStatus::scheduled;
    store.update_session(s);
    return true;
}

int delete_session(store::Store& store, const Session& session) {
    const store::Store::SessionHoldings held = store.session_holdings(session.id);
    std::vector<std::string> why;
    if (held.attendance > 0)
        why.push_back(
            trn("attendance of {} person", "attendance of {} people", held.attendance, held.attendance));
    if (held.certificates > 0)
        why.push_back(trn("{} certificate", "{} certificates", held.certificates, held.certificates));
    if (!why.empty())
        throw Error(
            tr("session {0} has {1}: only a session without attendance and certificates can be deleted "
               "(they are records); 'asnbelajar session cancel {0}' takes it out of the reports instead",
               session.code, and_list(why)));
    store.delete_session(session.id);
    return held.enrollments;
}

std::optional<int> parse_jp(std::string_view text) {
    std::string t(text::trim_blanks(text));
    std::replace(t.begin(), t.end(), ',', '.');
    std::size_t dot = t.find('.');
    std::string whole = t.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : t.substr(dot + 1);
    if (whole.empty() || whole.size() > 4 || !text::all_digits(whole) || frac.size() > 1 ||
        !text::all_digits(frac) || (dot != std::string::npos && frac.empty()))
        return std::nullopt;
    return std::stoi(whole) * 10 + (frac.empty() ? 0 : frac[0] - '0');
}

} // namespace asnbelajar
