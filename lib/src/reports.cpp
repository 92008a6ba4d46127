#include "asnbelajar/reports.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace asnbelajar {
namespace {

Column col(const char* key, const char* id, const char* en, ColumnType type = ColumnType::text) {
    return {key, id, en, type};
}

const char* pick(Lang lang, const char* id, const char* en) { return lang == Lang::en ? en : id; }

Cell text_or_null(const std::string& s) { return s.empty() ? Cell{} : Cell{s}; }
Cell count(int n) { return Cell{std::int64_t{n}}; }
Cell rate(int numerator, int denominator) {
    if (denominator == 0) return Cell{}; // no enrolled people: no rate, never a silent 0 %
    return Cell{static_cast<double>(numerator) / denominator};
}

Date local_start_date(const Session& s) { return to_local(s.start, find_zone(s.tz)).date; }

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

Row session_list_row(const SessionTotals& t) {
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
    return fmt::format("{}, {} · {} {} · {} JP", human_date(t.date, lang), human_time(t.hour, t.minute, z, lang),
                       s.minutes, pick(lang, "menit", "minutes"), format_jp(s.jp_tenths));
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
        throw Error(fmt::format("--week-of: '{}' is neither a date (YYYY-MM-DD) nor an ISO week (YYYY-Www)", week));
    }
    if (from.empty() != to.empty()) throw Error("--from and --to go together");
    if (!from.empty()) {
        Period p{date_or_throw("--from", from), date_or_throw("--to", to)};
        if (p.to < p.from) throw Error(fmt::format("--to {} is before --from {}", to, from));
        return p;
    }
    return last_complete_week(today);
}

Report weekly_report(const Store& store, const Period& period, const ReportContext& ctx) {
    Report r;
    r.kind = "weekly";
    r.lang = ctx.lang;
    r.zone = ctx.zone;
    r.period = period;
    r.json_object = true;
    r.rows_key = "sessions";
    r.title = pick(ctx.lang, "Laporan Mingguan Webinar ASN Belajar", "Weekly Report: Webinar ASN Belajar");
    r.subtitle.push_back(fmt::format("{} {}", pick(ctx.lang, "periode", "period"), human_period(period, ctx.lang)));
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

    // Each session belongs to the week of its own local date: query a day wider on both sides, then filter.
    auto [from, to] = period_bounds_utc(period, ctx.zone);
    SessionTotals sum;
    int sessions = 0;
    std::map<std::string, int> agencies;
    for (const SessionTotals& t : store.session_totals(from - 86400, to + 86400)) {
        const Session& s = t.session;
        Date d = local_start_date(s);
        if (s.status == SessionStatus::cancelled || d < period.from || period.to < d) continue;
        ++sessions;
        r.table.rows.push_back({s.code, Cell{d}, s.title, Cell{std::int64_t{s.jp_tenths}}, count(t.enrolled),
                                count(t.waitlisted), count(t.attended), count(t.partial), count(t.absent),
                                count(t.walk_ins), rate(t.attended_enrolled, t.enrolled), count(t.certificates)});
        sum.enrolled += t.enrolled;
        sum.waitlisted += t.waitlisted;
        sum.attended += t.attended;
        sum.partial += t.partial;
        sum.absent += t.absent;
        sum.walk_ins += t.walk_ins;
        sum.attended_enrolled += t.attended_enrolled;
        sum.certificates += t.certificates;
        for (const AgencyCount& a : store.agency_attendance(s.id)) agencies[a.agency] += a.attended;
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
    total("attendance_rate", "Tingkat kehadiran", "Attendance rate", rate(sum.attended_enrolled, sum.enrolled),
          ColumnType::rate);
    total("certificates", "Sertifikat", "Certificates", count(sum.certificates), ColumnType::integer);

    std::vector<std::pair<std::string, int>> ranked(agencies.begin(), agencies.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    Report::Extra top;
    top.key = "top_agencies";
    top.title = pick(ctx.lang, "Instansi dengan kehadiran terbanyak", "Agencies with the most attendees");
    top.table.columns = {col("agency", "Instansi", "Agency"),
                         col("attended", "Hadir", "Attended", ColumnType::integer)};
    for (std::size_t i = 0; i < ranked.size() && i < 10; ++i)
        top.table.rows.push_back({text_or_null(ranked[i].first), count(ranked[i].second)});
    r.extras.push_back(std::move(top));
    return r;
}

Report session_report(const Store& store, const Session& session, const ReportContext& ctx) {
    Report r;
    r.kind = "session";
    r.lang = ctx.lang;
    r.zone = ctx.zone;
    r.title = fmt::format("{}: {}", pick(ctx.lang, "Laporan Sesi", "Session Report"), session.title);
    r.subtitle.push_back(fmt::format("{} {}", pick(ctx.lang, "Kode", "Code"), session.code));
    r.subtitle.push_back(when(session, ctx.lang));
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
    SessionTotals t = store.session_totals(session);
    for (const RosterRow& row : store.session_roster(session.id)) {
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

Report session_list(const Store& store, const Period& period, const ReportContext& ctx) {
    Report r;
    r.kind = "session-list";
    r.lang = ctx.lang;
    r.zone = ctx.zone;
    r.title = pick(ctx.lang, "Daftar Sesi", "Sessions");
    r.table.columns = session_list_columns();
    auto [from, to] = period_bounds_utc(period, ctx.zone);
    for (const SessionTotals& t : store.session_totals(from, to)) r.table.rows.push_back(session_list_row(t));
    return r;
}

Report session_details(const Store& store, const Session& session, const ReportContext& ctx) {
    Report r;
    r.kind = "session-show";
    r.lang = ctx.lang;
    r.zone = ctx.zone;
    r.title = session.title;
    r.subtitle.push_back(when(session, ctx.lang));
    if (!session.speaker.empty())
        r.subtitle.push_back(fmt::format("{}: {}", pick(ctx.lang, "Narasumber", "Speaker"), session.speaker));
    r.subtitle.push_back(fmt::format("{}: {} %", pick(ctx.lang, "Batas kehadiran", "Attendance threshold"),
                                     session.min_attendance));
    r.table.columns = session_list_columns();
    SessionTotals t = store.session_totals(session);
    r.table.rows.push_back(session_list_row(t));
    return r;
}

Report participant_list(const Store& store, const std::string& agency, const std::string& search,
                        const ReportContext& ctx) {
    Report r;
    r.kind = "participant-list";
    r.lang = ctx.lang;
    r.zone = ctx.zone;
    r.title = pick(ctx.lang, "Daftar Peserta", "Participants");
    r.table.columns = participant_columns();
    for (const Participant& p : store.list_participants(agency, search)) r.table.rows.push_back(participant_row(p));
    return r;
}

Report participant_details(const Participant& person, const ReportContext& ctx) {
    Report r;
    r.kind = "participant-show";
    r.lang = ctx.lang;
    r.zone = ctx.zone;
    r.title = person.name;
    r.table.columns = participant_columns();
    r.table.rows.push_back(participant_row(person));
    return r;
}

} // namespace asnbelajar
