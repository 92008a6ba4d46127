#include "asnbelajar/reports.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace asnbelajar {
namespace {

Column col(const char* key, const char* id, const char* en, ColumnType type = ColumnType::text) {
    return {key, id, en, type};
}

const char* pick(Lang lang, const char* id, const char* en) {
    return lang == Lang::en ? en : id;
}

// A JP value in a heading, as the tables write it: 2,5 in Indonesian, 2.5 in English.
std::string human_jp(std::int64_t tenths, Lang lang) {
    std::string t = format_jp(static_cast<int>(tenths));
    if (lang == Lang::id) std::replace(t.begin(), t.end(), '.', ',');
    return t;
}

Cell text_or_null(const std::string& s) {
    return s.empty() ? Cell{} : Cell{s};
}
Cell text_or_null(std::string&& s) {
    return s.empty() ? Cell{} : Cell{std::move(s)};
}
Cell count(int n) {
    return Cell{std::int64_t{n}};
}
Cell rate(int numerator, int denominator) {
    if (denominator == 0) return Cell{}; // no enrolled people: no rate, never a silent 0 %
    return Cell{static_cast<double>(numerator) / denominator};
}

Report new_report(const char* kind, const ReportContext& ctx) {
    Report r;
    r.kind = kind;
    r.lang = ctx.lang;
    r.zone = ctx.zone;
    return r;
}

Date local_start_date(const Session& s) {
    return to_local(s.start, find_zone(s.tz)).date;
}

std::vector<Column> participant_columns() {
    return {col("nip", "NIP", "NIP"),
            col("name", "Nama", "Name"),
            col("email", "Surel", "E-mail"),
            col("phone", "No. HP", "Phone"),
            col("agency", "Instansi", "Agency"),
            col("unit", "Unit Kerja", "Unit"),
            col("position", "Jabatan", "Position"),
            col("grade", "Golongan", "Grade")};
}

Row participant_row(const Participant& p) {
    return {text_or_null(p.nip),    text_or_null(p.name), text_or_null(p.email),    text_or_null(p.phone),
            text_or_null(p.agency), text_or_null(p.unit), text_or_null(p.position), text_or_null(p.grade)};
}

std::vector<Column> session_list_columns() {
    return {col("code", "Kode", "Code"),
            col("series", "Seri", "Series", ColumnType::integer),
            col("title", "Judul", "Title"),
            col("start", "Mulai", "Start", ColumnType::datetime),
            col("minutes", "Menit", "Minutes", ColumnType::integer),
            col("jp", "JP", "JP", ColumnType::jp),
            col("capacity", "Kapasitas", "Capacity", ColumnType::integer),
            col("status", "Status", "Status"),
            col("enrolled", "Terdaftar", "Enrolled", ColumnType::integer),
            col("attended", "Hadir", "Attended", ColumnType::integer)};
}

Row session_list_row(const store::SessionTotals& t) {
    const Session& s = t.session;
    return {s.code,
            s.series ? Cell{std::int64_t{*s.series}} : Cell{},
            s.title,
            Cell{s.start},
            count(s.minutes),
            Cell{std::int64_t{s.jp_tenths}},
            s.capacity ? count(*s.capacity) : Cell{},
            std::string(to_string(s.status)),
            count(t.enrolled),
            count(t.attended)};
}

std::string when(const Session& s, Lang lang) {
    Zone z = find_zone(s.tz);
    LocalDateTime t = to_local(s.start, z);
    return fmt::format("{}, {} · {} {} · {} JP", human_date(t.date, lang),
                       human_time(t.hour, t.minute, z, lang), s.minutes, pick(lang, "menit", "minutes"),
                       human_jp(s.jp_tenths, lang));
}

// Sessions whose local start date (in each session's own zone) falls in `period`, cancelled ones left out.
std::vector<store::SessionTime> sessions_in(const store::Store& store, const Period& period,
                                            const Zone& zone) {
    // Zones differ by at most 28 hours: query two days wider on both sides, then filter on the local date.
    auto [from, to] = period_bounds_utc(period, zone);
    std::vector<store::SessionTime> out;
    for (store::SessionTime& s : store.session_times(from - 2 * 86400, to + 2 * 86400)) {
        Date d = to_local(s.start, find_zone(s.tz)).date;
        if (s.status != SessionStatus::cancelled && !(d < period.from) && !(period.to < d))
            out.push_back(std::move(s));
    }
    return out;
}

std::vector<Id> ids_of(const std::vector<store::SessionTime>& sessions) {
    std::vector<Id> ids;
    for (const store::SessionTime& s : sessions)
        ids.push_back(s.id);
    return ids;
}

Period year_period(int year) {
    return {{year, 1, 1}, {year, 12, 31}};
}

Cell jp_cell(std::int64_t tenths) {
    return Cell{tenths};
}

// The 12 Monday–Sunday weeks ending with the week of `last`: enrolled people and those of them who attended.
Report::Extra attendance_trend(const store::Store& store, Date last, const ReportContext& ctx) {
    constexpr int weeks = 12;
    Period span{add_days(week_of(last).from, -7 * (weeks - 1)), week_of(last).to};
    std::vector<store::SessionTime> sessions = sessions_in(store, span, ctx.zone);
    struct Week {
        int sessions = 0, enrolled = 0, attended = 0;
    };
    std::vector<Week> by_week(weeks);
    std::map<Id, std::size_t> week_of_session;
    for (const store::SessionTime& s : sessions) {
        Date d = to_local(s.start, find_zone(s.tz)).date;
        auto w = static_cast<std::size_t>((days_from_civil(d) - days_from_civil(span.from)) / 7);
        week_of_session[s.id] = w;
        ++by_week[w].sessions;
    }
    for (const store::SessionRate& r : store.attendance_rates(ids_of(sessions))) {
        Week& w = by_week[week_of_session.at(r.session)];
        w.enrolled += r.enrolled;
        w.attended += r.attended_enrolled;
    }
    Report::Extra trend;
    trend.key = "trend";
    trend.title = pick(ctx.lang, "Tren tingkat kehadiran 12 minggu", "Attendance-rate trend, 12 weeks");
    trend.table.columns = {
        col("from", "Mulai", "From", ColumnType::date),
        col("to", "Sampai", "To", ColumnType::date),
        col("sessions", "Sesi", "Sessions", ColumnType::integer),
        col("enrolled", "Terdaftar", "Enrolled", ColumnType::integer),
        col("attended_enrolled", "Terdaftar & hadir", "Enrolled & attended", ColumnType::integer),
        col("attendance_rate", "Tingkat kehadiran", "Attendance rate", ColumnType::rate)};
    for (int i = 0; i < weeks; ++i) {
        const Week& w = by_week[static_cast<std::size_t>(i)];
        Date from = add_days(span.from, 7 * i);
        trend.table.rows.push_back({Cell{from}, Cell{add_days(from, 6)}, count(w.sessions), count(w.enrolled),
                                    count(w.attended), rate(w.attended, w.enrolled)});
    }
    return trend;
}

Date date_or_throw(const char* option, const std::string& text) {
    if (auto d = parse_date(text)) return *d;
    throw Error(fmt::format("{}: '{}' is not a date (expected YYYY-MM-DD)", option, text));
}

} // namespace

Period choose_week(const std::string& week, const std::string& from, const std::string& to, Date today) {
    if (!week.empty() && (!from.empty() || !to.empty()))
        throw Error("give either --week-of or --from/--to, not both");
    if (!week.empty()) {
        if (auto w = parse_iso_week(week)) return *w;
        if (auto d = parse_date(week)) return week_of(*d);
        throw Error(
            fmt::format("--week-of: '{}' is neither a date (YYYY-MM-DD) nor an ISO week (YYYY-Www)", week));
    }
    if (from.empty() != to.empty()) throw Error("--from and --to go together");
    if (!from.empty()) {
        Period p{date_or_throw("--from", from), date_or_throw("--to", to)};
        if (p.to < p.from) throw Error(fmt::format("--to {} is before --from {}", to, from));
        return p;
    }
    return last_complete_week(today);
}

Report weekly_report(const store::Store& store, const Period& period, const ReportContext& ctx) {
    Report r = new_report("weekly", ctx);
    r.period = period;
    r.json_object = true;
    r.rows_key = "sessions";
    r.title = pick(ctx.lang, "Laporan Mingguan Webinar ASN Belajar", "Weekly Report: Webinar ASN Belajar");
    r.subtitle.push_back(
        fmt::format("{} {}", pick(ctx.lang, "periode", "period"), human_period(period, ctx.lang)));
    r.table.columns = {col("session", "Sesi", "Session"),
                       col("date", "Tanggal", "Date", ColumnType::date),
                       col("title", "Judul", "Title"),
                       col("jp", "JP", "JP", ColumnType::jp),
                       col("enrolled", "Terdaftar", "Enrolled", ColumnType::integer),
                       col("waitlisted", "Daftar tunggu", "Waitlisted", ColumnType::integer),
                       col("attended", "Hadir", "Attended", ColumnType::integer),
                       col("partial", "Sebagian", "Partial", ColumnType::integer),
                       col("absent", "Tidak hadir", "Absent", ColumnType::integer),
                       col("walk_ins", "Tanpa daftar", "Walk-ins", ColumnType::integer),
                       col("attendance_rate", "Tingkat kehadiran", "Attendance rate", ColumnType::rate),
                       col("certificates", "Sertifikat", "Certificates", ColumnType::integer)};

    // Each session belongs to the week of its own local date; only the sessions kept are counted.
    store::SessionTotals sum;
    int sessions = 0;
    std::map<std::string, int> agencies;
    for (const store::SessionTime& when : sessions_in(store, period, ctx.zone)) {
        std::optional<Session> found = store.session_by_id(when.id);
        if (!found) continue;
        const store::SessionTotals t = store.session_totals(*found);
        const Session& s = t.session;
        Date d = local_start_date(s);
        ++sessions;
        r.table.rows.push_back({s.code, Cell{d}, s.title, Cell{std::int64_t{s.jp_tenths}}, count(t.enrolled),
                                count(t.waitlisted), count(t.attended), count(t.partial), count(t.absent),
                                count(t.walk_ins), rate(t.attended_enrolled, t.enrolled),
                                count(t.certificates)});
        sum.enrolled += t.enrolled;
        sum.waitlisted += t.waitlisted;
        sum.attended += t.attended;
        sum.partial += t.partial;
        sum.absent += t.absent;
        sum.walk_ins += t.walk_ins;
        sum.attended_enrolled += t.attended_enrolled;
        sum.certificates += t.certificates;
        if (!ctx.rows_only)
            for (const store::AgencyCount& a : store.agency_attendance(s.id))
                agencies[a.agency] += a.attended;
    }
    auto total = [&](const char* key, const char* id, const char* en, Cell v, ColumnType type) {
        r.totals.push_back({col(key, id, en, type), std::move(v)});
    };
    total("sessions", "Sesi", "Sessions", count(sessions), ColumnType::integer);
    total("enrolled", "Terdaftar", "Enrolled", count(sum.enrolled), ColumnType::integer);
    total("waitlisted", "Daftar tunggu", "Waitlisted", count(sum.waitlisted), ColumnType::integer);
    total("attended", "Hadir", "Attended", count(sum.attended), ColumnType::integer);
    total("partial", "Sebagian", "Partial", count(sum.partial), ColumnType::integer);
    total("absent", "Tidak hadir", "Absent", count(sum.absent), ColumnType::integer);
    total("walk_ins", "Tanpa daftar", "Walk-ins", count(sum.walk_ins), ColumnType::integer);
    total("attendance_rate", "Tingkat kehadiran", "Attendance rate",
          rate(sum.attended_enrolled, sum.enrolled), ColumnType::rate);
    total("certificates", "Sertifikat", "Certificates", count(sum.certificates), ColumnType::integer);

    if (ctx.rows_only) return r; // csv, tsv, jsonl: no top agencies, trend or charts

    std::vector<std::pair<std::string, int>> ranked(agencies.begin(), agencies.end());
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    Report::Extra top;
    top.key = "top_agencies";
    top.title = pick(ctx.lang, "Instansi dengan kehadiran terbanyak", "Agencies with the most attendees");
    top.table.columns = {col("agency", "Instansi", "Agency"),
                         col("attended", "Hadir", "Attended", ColumnType::integer)};
    for (std::size_t i = 0; i < ranked.size() && i < 10; ++i)
        top.table.rows.push_back({text_or_null(ranked[i].first), count(ranked[i].second)});
    r.extras.push_back(std::move(top));
    r.extras.push_back(attendance_trend(store, period.to, ctx));
    r.charts.push_back({Report::Chart::Kind::bars,
                        pick(ctx.lang, "Terdaftar dan hadir per sesi", "Enrolled and attended per session"),
                        "",
                        "session",
                        {"enrolled", "attended"}});
    r.charts.push_back(
        {Report::Chart::Kind::line,
         pick(ctx.lang, "Tingkat kehadiran, 12 minggu terakhir", "Attendance rate, last 12 weeks"),
         "trend",
         "from",
         {"attendance_rate"}});
    return r;
}

namespace {

// A report about one session: "NAME: title", then its code and when it is.
Report new_session_report(const char* kind, const char* name_id, const char* name_en, const Session& session,
                          const ReportContext& ctx) {
    Report r = new_report(kind, ctx);
    r.title = fmt::format("{}: {}", pick(ctx.lang, name_id, name_en), session.title);
    r.subtitle.push_back(fmt::format("{} {}", pick(ctx.lang, "Kode", "Code"), session.code));
    r.subtitle.push_back(when(session, ctx.lang));
    return r;
}

} // namespace

Report session_report(const store::Store& store, const Session& session, const ReportContext& ctx) {
    Report r = new_session_report("session", "Laporan Sesi", "Session Report", session, ctx);
    r.table.columns = {col("nip", "NIP", "NIP"),
                       col("name", "Nama", "Name"),
                       col("email", "Surel", "E-mail"),
                       col("agency", "Instansi", "Agency"),
                       col("unit", "Unit Kerja", "Unit"),
                       col("enrollment", "Pendaftaran", "Enrollment"),
                       col("minutes", "Menit", "Minutes", ColumnType::integer),
                       col("attendance", "Kehadiran", "Attendance"),
                       col("jp", "JP", "JP", ColumnType::jp),
                       col("certificate", "Sertifikat", "Certificate")};
    store::SessionTotals t = store.session_totals(session);
    for (const store::RosterRow& row : store.session_roster(session.id)) {
        AttendanceOutcome outcome = row.outcome.value_or(AttendanceOutcome::absent);
        int minutes = row.attendance ? row.attendance->minutes : 0;
        std::int64_t jp = outcome == AttendanceOutcome::attended ? session.jp_tenths : 0;
        std::string enrollment(to_string(row.enrollment.value_or(EnrollmentStatus::walk_in)));
        r.table.rows.push_back({text_or_null(row.person.nip), row.person.name, text_or_null(row.person.email),
                                text_or_null(row.person.agency), text_or_null(row.person.unit), enrollment,
                                count(minutes), std::string(to_string(outcome)), Cell{jp},
                                text_or_null(row.certificate)});
    }
    auto total = [&](const char* key, const char* id, const char* en, int v) {
        r.totals.push_back({col(key, id, en, ColumnType::integer), count(v)});
    };
    total("enrolled", "Terdaftar", "Enrolled", t.enrolled);
    total("waitlisted", "Daftar tunggu", "Waitlisted", t.waitlisted);
    total("attended", "Hadir", "Attended", t.attended);
    total("partial", "Sebagian", "Partial", t.partial);
    total("absent", "Tidak hadir", "Absent", t.absent);
    total("walk_ins", "Tanpa daftar", "Walk-ins", t.walk_ins);
    total("certificates", "Sertifikat", "Certificates", t.certificates);
    r.totals.push_back({col("attendance_rate", "Tingkat kehadiran", "Attendance rate", ColumnType::rate),
                        rate(t.attended_enrolled, t.enrolled)});
    return r;
}

Report session_list(const store::Store& store, const Period& period, const ReportContext& ctx) {
    Report r = new_report("session-list", ctx);
    r.title = pick(ctx.lang, "Daftar Sesi", "Sessions");
    r.table.columns = session_list_columns();
    auto [from, to] = period_bounds_utc(period, ctx.zone);
    for (const store::SessionTotals& t : store.session_totals(from, to))
        r.table.rows.push_back(session_list_row(t));
    return r;
}

Report session_details(const store::Store& store, const Session& session, const ReportContext& ctx) {
    Report r = new_report("session-show", ctx);
    r.title = session.title;
    r.subtitle.push_back(when(session, ctx.lang));
    if (!session.speaker.empty())
        r.subtitle.push_back(fmt::format("{}: {}", pick(ctx.lang, "Narasumber", "Speaker"), session.speaker));
    r.subtitle.push_back(fmt::format("{}: {} %", pick(ctx.lang, "Batas kehadiran", "Attendance threshold"),
                                     session.min_attendance));
    r.table.columns = session_list_columns();
    store::SessionTotals t = store.session_totals(session);
    r.table.rows.push_back(session_list_row(t));
    return r;
}

Report participant_list(const store::Store& store, const std::string& agency, const std::string& search,
                        const ReportContext& ctx) {
    Report r = new_report("participant-list", ctx);
    r.title = pick(ctx.lang, "Daftar Peserta", "Participants");
    r.table.columns = participant_columns();
    for (const Participant& p : store.list_participants(agency, search))
        r.table.rows.push_back(participant_row(p));
    return r;
}

Report participant_details(const Participant& person, const ReportContext& ctx) {
    Report r = new_report("participant-show", ctx);
    r.title = person.name;
    r.table.columns = participant_columns();
    r.table.rows.push_back(participant_row(person));
    return r;
}

Report participant_report(const store::Store& store, const Participant& person, std::optional<int> year,
                          std::int64_t target_tenths, const ReportContext& ctx) {
    Report r = new_report("participant", ctx);
    r.title =
        fmt::format("{}: {}", pick(ctx.lang, "Transkrip Pelatihan", "Training Transcript"), person.name);
    r.subtitle.push_back(person.nip.empty() ? person.email : fmt::format("NIP {}", person.nip));
    if (!person.agency.empty())
        r.subtitle.push_back(person.unit.empty() ? person.agency
                                                 : fmt::format("{}, {}", person.unit, person.agency));
    r.subtitle.push_back(year ? fmt::format("{} {}", pick(ctx.lang, "tahun", "year"), *year)
                              : std::string(pick(ctx.lang, "semua tahun", "all years")));
    if (year) r.period = year_period(*year);
    r.table.columns = {col("session", "Sesi", "Session"),
                       col("date", "Tanggal", "Date", ColumnType::date),
                       col("title", "Judul", "Title"),
                       col("enrollment", "Pendaftaran", "Enrollment"),
                       col("minutes", "Menit", "Minutes", ColumnType::integer),
                       col("attendance", "Kehadiran", "Attendance"),
                       col("jp", "JP", "JP", ColumnType::jp),
                       col("certificate", "Sertifikat", "Certificate")};
    std::map<int, std::pair<int, std::int64_t>> years; // year → sessions attended, JP
    int attended = 0;
    std::int64_t jp_total = 0;
    for (const store::HistoryRow& h : store.participant_history(person.id)) {
        std::optional<Session> s = store.session_by_id(h.session);
        if (!s || s->status == SessionStatus::cancelled) continue;
        Date d = local_start_date(*s);
        if (year && d.year != *year) continue;
        AttendanceOutcome outcome = h.outcome.value_or(AttendanceOutcome::absent);
        std::int64_t jp = outcome == AttendanceOutcome::attended ? s->jp_tenths : 0;
        auto& y = years[d.year];
        if (outcome == AttendanceOutcome::attended) {
            ++y.first;
            ++attended;
        }
        y.second += jp;
        jp_total += jp;
        r.table.rows.push_back({s->code, Cell{d}, s->title,
                                std::string(to_string(h.enrollment.value_or(EnrollmentStatus::walk_in))),
                                count(h.attendance ? h.attendance->minutes : 0),
                                std::string(to_string(outcome)), jp_cell(jp), text_or_null(h.certificate)});
    }
    if (year && years.empty()) years[*year] = {0, 0};
    r.totals.push_back({col("sessions", "Sesi", "Sessions", ColumnType::integer),
                        count(static_cast<int>(r.table.rows.size()))});
    r.totals.push_back({col("attended", "Hadir", "Attended", ColumnType::integer), count(attended)});
    r.totals.push_back({col("jp", "JP", "JP", ColumnType::jp), jp_cell(jp_total)});
    Report::Extra per_year;
    per_year.key = "years";
    per_year.title = fmt::format("{} (target {} JP)", pick(ctx.lang, "Rekap per tahun", "Totals per year"),
                                 human_jp(target_tenths, ctx.lang));
    per_year.table.columns = {col("year", "Tahun", "Year", ColumnType::year),
                              col("sessions", "Sesi hadir", "Sessions attended", ColumnType::integer),
                              col("jp", "JP", "JP", ColumnType::jp),
                              col("target", "Target", "Target", ColumnType::jp),
                              col("shortfall", "Kekurangan", "Shortfall", ColumnType::jp)};
    for (const auto& [y, v] : years)
        per_year.table.rows.push_back({Cell{std::int64_t{y}}, count(v.first), jp_cell(v.second),
                                       jp_cell(target_tenths),
                                       jp_cell(std::max<std::int64_t>(0, target_tenths - v.second))});
    r.extras.push_back(std::move(per_year));
    return r;
}

namespace {

// The people of a year with their JP: the rows of the jp and agency reports.
std::vector<store::PersonYear> people_of_year(const store::Store& store, int year, const ReportContext& ctx,
                                              store::PersonDetail detail = store::PersonDetail::report) {
    return store.participation(ids_of(sessions_in(store, year_period(year), ctx.zone)), detail);
}

std::string target_line(std::int64_t target_tenths, Lang lang) {
    return fmt::format("Target {} JP {}", human_jp(target_tenths, lang), pick(lang, "per tahun", "a year"));
}

} // namespace

Report jp_report(const store::Store& store, int year, std::int64_t target_tenths,
                 std::optional<std::int64_t> below, const ReportContext& ctx) {
    Report r = new_report("jp", ctx);
    r.period = year_period(year);
    r.title = fmt::format("{} {}", pick(ctx.lang, "Rekap JP Peserta Tahun", "JP per Participant,"), year);
    r.subtitle.push_back(target_line(target_tenths, ctx.lang));
    if (below)
        r.subtitle.push_back(fmt::format(
            "{} {} JP", pick(ctx.lang, "Hanya peserta dengan JP di bawah", "Only participants with JP below"),
            human_jp(*below, ctx.lang)));
    r.table.columns = {col("nip", "NIP", "NIP"),
                       col("name", "Nama", "Name"),
                       col("agency", "Instansi", "Agency"),
                       col("unit", "Unit Kerja", "Unit"),
                       col("sessions", "Sesi hadir", "Sessions attended", ColumnType::integer),
                       col("jp", "JP", "JP", ColumnType::jp),
                       col("target", "Target", "Target", ColumnType::jp),
                       col("shortfall", "Kekurangan", "Shortfall", ColumnType::jp)};
    int met = 0;
    std::int64_t jp_sum = 0, shortfall_sum = 0;
    std::vector<store::PersonYear> people_list = people_of_year(store, year, ctx);
    r.table.rows.reserve(people_list.size());
    for (store::PersonYear& p : people_list) {
        if (below && p.jp_tenths >= *below) continue;
        std::int64_t shortfall = std::max<std::int64_t>(0, target_tenths - p.jp_tenths);
        met += shortfall == 0;
        jp_sum += p.jp_tenths;
        shortfall_sum += shortfall;
        // A million rows: the texts are moved into the cells, not copied (twice, through an initializer list).
        Row& row = r.table.rows.emplace_back();
        row.reserve(8);
        row.push_back(text_or_null(std::move(p.person.nip)));
        row.emplace_back(std::move(p.person.name));
        row.push_back(text_or_null(std::move(p.person.agency)));
        row.push_back(text_or_null(std::move(p.person.unit)));
        row.push_back(count(p.attended));
        row.push_back(jp_cell(p.jp_tenths));
        row.push_back(jp_cell(target_tenths));
        row.push_back(jp_cell(shortfall));
    }
    int people = static_cast<int>(r.table.rows.size());
    r.totals.push_back({col("participants", "Peserta", "Participants", ColumnType::integer), count(people)});
    r.totals.push_back({col("jp", "JP", "JP", ColumnType::jp), jp_cell(jp_sum)});
    r.totals.push_back(
        {col("met_target", "Memenuhi target", "Met the target", ColumnType::integer), count(met)});
    r.totals.push_back({col("below_target", "Di bawah target", "Below the target", ColumnType::integer),
                        count(people - met)});
    r.totals.push_back(
        {col("shortfall", "Total kekurangan", "Total shortfall", ColumnType::jp), jp_cell(shortfall_sum)});
    return r;
}

Report agency_report(const store::Store& store, int year, std::int64_t target_tenths,
                     const ReportContext& ctx) {
    Report r = new_report("agency", ctx);
    r.period = year_period(year);
    r.title = fmt::format("{} {}", pick(ctx.lang, "Rekap per Instansi Tahun", "Totals per Agency,"), year);
    r.subtitle.push_back(target_line(target_tenths, ctx.lang));
    r.table.columns = {
        col("agency", "Instansi", "Agency"),
        col("participants", "Peserta", "Participants", ColumnType::integer),
        col("active", "Aktif", "Active", ColumnType::integer),
        col("attendances", "Kehadiran", "Attendances", ColumnType::integer),
        col("jp", "JP", "JP", ColumnType::jp),
        col("met_target", "Memenuhi target", "Met the target", ColumnType::integer),
        col("met_target_rate", "Persentase memenuhi", "Share meeting the target", ColumnType::rate)};
    struct Sum {
        int participants = 0, active = 0, attendances = 0, met = 0;
        std::int64_t jp = 0;
        void add(const store::PersonYear& p, std::int64_t target) {
            ++participants;
            active += p.attended > 0;
            attendances += p.attended;
            met += p.jp_tenths >= target;
            jp += p.jp_tenths;
        }
    };
    std::unordered_map<std::string, Sum> by_agency;
    Sum all;
    for (const store::PersonYear& p : people_of_year(store, year, ctx, store::PersonDetail::agency)) {
        by_agency[p.person.agency].add(p, target_tenths);
        all.add(p, target_tenths);
    }
    // Alphabetical; people without an agency first, under "".
    std::map<std::string, Sum> agencies(by_agency.begin(), by_agency.end());
    for (const auto& [agency, a] : agencies)
        r.table.rows.push_back({text_or_null(agency), count(a.participants), count(a.active),
                                count(a.attendances), jp_cell(a.jp), count(a.met),
                                rate(a.met, a.participants)});
    auto total = [&](const char* key, const char* id, const char* en, Cell v, ColumnType type) {
        r.totals.push_back({col(key, id, en, type), std::move(v)});
    };
    total("agencies", "Instansi", "Agencies", count(static_cast<int>(agencies.size())), ColumnType::integer);
    total("participants", "Peserta", "Participants", count(all.participants), ColumnType::integer);
    total("active", "Aktif", "Active", count(all.active), ColumnType::integer);
    total("attendances", "Kehadiran", "Attendances", count(all.attendances), ColumnType::integer);
    total("jp", "JP", "JP", jp_cell(all.jp), ColumnType::jp);
    total("met_target", "Memenuhi target", "Met the target", count(all.met), ColumnType::integer);
    total("met_target_rate", "Persentase memenuhi", "Share meeting the target",
          rate(all.met, all.participants), ColumnType::rate);
    return r;
}

Report certificates_report(const store::Store& store, const Session& session, const ReportContext& ctx) {
    Report r = new_session_report("certificates", "Daftar Sertifikat", "Certificates", session, ctx);
    r.table.columns = {col("certificate", "Nomor sertifikat", "Certificate number"),
                       col("nip", "NIP", "NIP"),
                       col("name", "Nama", "Name"),
                       col("agency", "Instansi", "Agency"),
                       col("session", "Sesi", "Session"),
                       col("date", "Tanggal", "Date", ColumnType::date),
                       col("title", "Judul", "Title"),
                       col("jp", "JP", "JP", ColumnType::jp)};
    Date d = local_start_date(session);
    for (const store::CertificateRow& c : store.live_certificates({session.id}))
        r.table.rows.push_back({c.number, text_or_null(c.person.nip), c.person.name,
                                text_or_null(c.person.agency), session.code, Cell{d}, session.title,
                                jp_cell(session.jp_tenths)});
    r.totals.push_back({col("certificates", "Sertifikat", "Certificates", ColumnType::integer),
                        count(static_cast<int>(r.table.rows.size()))});
    return r;
}

Report siasn_report(const store::Store& store, int year, const SiasnOptions& options,
                    const ReportContext& ctx) {
    Report r = new_report("siasn", ctx);
    r.period = year_period(year);
    r.title = fmt::format("{} {}", pick(ctx.lang, "Data Riwayat Kursus SIASN Tahun", "SIASN Course History,"),
                          year);
    r.subtitle.push_back(fmt::format("{} · {}", options.institution, options.course_type));
    // SIASN's own field names are the keys; its dates are dd-mm-yyyy text in every format.
    r.table.columns = {col("nip", "NIP", "NIP"),
                       col("nama_kursus", "Nama kursus", "Course name"),
                       col("institusi_penyelenggara", "Institusi penyelenggara", "Organiser"),
                       col("jenis_kursus", "Jenis kursus", "Course type"),
                       col("jumlah_jam", "Jumlah jam (JP)", "Hours (JP)", ColumnType::jp),
                       col("nomor_sertipikat", "Nomor sertifikat", "Certificate number"),
                       col("tahun_kursus", "Tahun", "Year", ColumnType::year),
                       col("tanggal_kursus", "Tanggal mulai", "Start date"),
                       col("tanggal_selesai_kursus", "Tanggal selesai", "End date")};
    std::vector<store::SessionTime> times = sessions_in(store, year_period(year), ctx.zone);
    std::map<Id, Session> sessions;
    for (const store::SessionTime& t : times)
        if (auto s = store.session_by_id(t.id)) sessions.emplace(t.id, *s);
    int without_nip = 0;
    std::int64_t jp_sum = 0;
    for (const store::CertificateRow& c : store.live_certificates(ids_of(times))) {
        if (c.person.nip.empty()) {
            ++without_nip;
            continue;
        }
        const Session& s = sessions.at(c.session);
        Zone z = find_zone(s.tz);
        Date start = to_local(s.start, z).date;
        Date end = to_local(s.start + std::int64_t{s.minutes} * 60, z).date;
        jp_sum += s.jp_tenths;
        r.table.rows.push_back({c.person.nip, s.title, options.institution, options.course_type,
                                jp_cell(s.jp_tenths), c.number, Cell{std::int64_t{start.year}},
                                format_date_dmy(start), format_date_dmy(end)});
    }
    r.totals.push_back({col("certificates", "Sertifikat", "Certificates", ColumnType::integer),
                        count(static_cast<int>(r.table.rows.size()))});
    r.totals.push_back({col("jp", "JP", "JP", ColumnType::jp), jp_cell(jp_sum)});
    if (without_nip)
        r.notes.push_back(fmt::format("{} certificate{} of people without a NIP left out (SIASN needs a NIP)",
                                      without_nip, without_nip == 1 ? "" : "s"));
    return r;
}

Report store_check_report(const store::StoreCheck& c, const std::string& path, const ReportContext& ctx) {
    Report r = new_report("db-check", ctx);
    r.title = pick(ctx.lang, "Pemeriksaan basis data", "Store check");
    r.subtitle.push_back(path);
    r.table.columns = {col("check", "Pemeriksaan", "Check"), col("value", "Nilai", "Value")};
    auto row = [&](const char* key, std::string value) { r.table.rows.push_back({std::string(key), value}); };
    row("integrity", c.integrity);
    row("schema_version", std::to_string(c.version));
    row("journal_mode", c.journal_mode);
    row("participants", std::to_string(c.participants));
    row("sessions", std::to_string(c.sessions));
    row("enrollments", std::to_string(c.enrollments));
    row("attendance", std::to_string(c.attendance));
    row("attendance_marks", std::to_string(c.marks));
    row("certificates", std::to_string(c.certificates));
    row("audit_log", std::to_string(c.audit));
    return r;
}

Report audit_report(const std::vector<store::Store::AuditEntry>& entries, const ReportContext& ctx) {
    Report r = new_report("db-log", ctx);
    r.title = pick(ctx.lang, "Log audit", "Audit log");
    r.table.columns = {col("at", "Waktu", "At", ColumnType::datetime), col("user", "Pengguna", "User"),
                       col("command", "Perintah", "Command"),
                       col("rows", "Baris", "Rows", ColumnType::integer)};
    for (const store::Store::AuditEntry& e : entries)
        r.table.rows.push_back({Cell{e.at}, e.user, e.command, Cell{e.rows}});
    return r;
}

} // namespace asnbelajar
