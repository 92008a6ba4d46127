#include "asnbelajar/reports.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/results.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <span>
#include <unordered_map>

namespace asnbelajar {
namespace {

// The reports' vocabulary: every column and total, with its stable machine key, its Indonesian and English
// labels and its type, said once here and named where a report lists its columns (col::jp). A key means one
// thing everywhere; where a report labels it more precisely (the jp report's "sessions" are the sessions
// attended), that is a term of its own with the same key. A text column whose values come from a fixed
// vocabulary (val:: below) carries their labels: machine formats write the values as they are (English keys),
// human formats their labels in the report's language, so that an Indonesian table says "daftar tunggu" and
// never "waitlisted".
struct Term {
    const char* key;
    const char* id;
    const char* en;
    ColumnType type = ColumnType::text;
    std::span<const ValueLabel> values{};
    operator Column() const {
        return {key, id, en, type, values};
    } // implicit: a Term stands where a Column goes
};

namespace val {
// to_string(SessionStatus)
constexpr ValueLabel session_status[] = {{"scheduled", "terjadwal", "scheduled"},
                                         {"cancelled", "dibatalkan", "cancelled"}};
// to_string(EnrollmentStatus); a person present without enrolling is a walk-in
constexpr ValueLabel enrollment[] = {{"enrolled", "terdaftar", "enrolled"},
                                     {"waitlisted", "daftar tunggu", "waitlisted"},
                                     {"cancelled", "dibatalkan", "cancelled"},
                                     {"walk-in", "tanpa daftar", "walk-in"}};
// to_string(AttendanceOutcome)
constexpr ValueLabel attendance[] = {{"attended", "hadir", "attended"},
                                     {"partial", "sebagian", "partial"},
                                     {"absent", "tidak hadir", "absent"}};
// The rows of `db check`, and its one worded value (an integrity check that passes says "ok")
constexpr ValueLabel store_check[] = {{"integrity", "integritas", "integrity"},
                                      {"schema_version", "versi skema", "schema version"},
                                      {"journal_mode", "mode jurnal", "journal mode"},
                                      {"participants", "peserta", "participants"},
                                      {"sessions", "sesi", "sessions"},
                                      {"enrollments", "pendaftaran", "enrollments"},
                                      {"attendance", "kehadiran", "attendance"},
                                      {"attendance_marks", "catatan kehadiran", "attendance marks"},
                                      {"certificates", "sertifikat", "certificates"},
                                      {"audit_log", "log audit", "audit log"}};
constexpr ValueLabel store_check_value[] = {{"ok", "baik", "ok"}};
} // namespace val

namespace col {
// People
constexpr Term nip{"nip", "NIP", "NIP"};
constexpr Term name{"name", "Nama", "Name"};
constexpr Term email{"email", "Surel", "E-mail"};
constexpr Term phone{"phone", "No. HP", "Phone"};
constexpr Term agency{"agency", "Instansi", "Agency"};
constexpr Term unit{"unit", "Unit Kerja", "Unit"};
constexpr Term position{"position", "Jabatan", "Position"};
constexpr Term grade{"grade", "Golongan", "Grade"};
constexpr Term type{"type", "Jenis ASN", "Type"}; // PNS or PPPK, from the NIP
// Sessions
constexpr Term session{"session", "Sesi", "Session"};
constexpr Term code{"code", "Kode", "Code"};
constexpr Term series{"series", "Seri", "Series", ColumnType::integer};
constexpr Term title{"title", "Judul", "Title"};
constexpr Term date{"date", "Tanggal", "Date", ColumnType::date};
constexpr Term start{"start", "Mulai", "Start", ColumnType::datetime};
constexpr Term minutes{"minutes", "Menit", "Minutes", ColumnType::integer};
constexpr Term jp{"jp", "JP", "JP", ColumnType::jp};
constexpr Term capacity{"capacity", "Kapasitas", "Capacity", ColumnType::integer};
constexpr Term status{"status", "Status", "Status", ColumnType::text, val::session_status};
// Verification codes
constexpr Term code_text{"code", "Kode verifikasi", "Verification code"};
constexpr Term key_id{"key_id", "ID kunci", "Key id"};
constexpr Term algorithm{"algorithm", "Algoritme", "Algorithm"};
constexpr Term public_key{"public_key", "Kunci publik", "Public key"};
constexpr Term store_checked{"store_checked", "Dicek di basis data", "Checked in the store"};
// One person in one session
constexpr Term enrollment{"enrollment", "Pendaftaran", "Enrollment", ColumnType::text, val::enrollment};
constexpr Term attendance{"attendance", "Kehadiran", "Attendance", ColumnType::text, val::attendance};
constexpr Term certificate{"certificate", "Sertifikat", "Certificate"};
constexpr Term certificate_number{"certificate", "Nomor sertifikat", "Certificate number"};
constexpr Term survey{"survey", "Survei", "Survey"};
constexpr Term posttest{"posttest", "Post-test", "Post-test"};
constexpr Term qualifies{"qualifies", "Memenuhi syarat", "Qualifies", ColumnType::boolean};
// Counts
constexpr Term sessions{"sessions", "Sesi", "Sessions", ColumnType::integer};
constexpr Term sessions_attended{"sessions", "Sesi hadir", "Sessions attended", ColumnType::integer};
constexpr Term enrolled{"enrolled", "Terdaftar", "Enrolled", ColumnType::integer};
constexpr Term waitlisted{"waitlisted", "Daftar tunggu", "Waitlisted", ColumnType::integer};
constexpr Term attended{"attended", "Hadir", "Attended", ColumnType::integer};
constexpr Term partial{"partial", "Sebagian", "Partial", ColumnType::integer};
constexpr Term absent{"absent", "Tidak hadir", "Absent", ColumnType::integer};
constexpr Term walk_ins{"walk_ins", "Tanpa daftar", "Walk-ins", ColumnType::integer};
constexpr Term attended_enrolled{"attended_enrolled", "Terdaftar & hadir", "Enrolled & attended",
                                 ColumnType::integer};
constexpr Term attendance_rate{"attendance_rate", "Tingkat kehadiran", "Attendance rate", ColumnType::rate};
constexpr Term certificates{"certificates", "Sertifikat", "Certificates", ColumnType::integer};
constexpr Term surveys_done{"surveys_done", "Survei selesai", "Surveys done", ColumnType::integer};
constexpr Term posttests_passed{"posttests_passed", "Lulus post-test", "Passed the post-test",
                                ColumnType::integer};
constexpr Term attendance_recorded{"attendance_recorded", "Data kehadiran", "Attendance recorded",
                                   ColumnType::boolean};
constexpr Term not_recorded{"not_recorded", "Sesi tanpa data kehadiran", "Sessions without attendance data",
                            ColumnType::integer};
constexpr Term agencies{"agencies", "Instansi", "Agencies", ColumnType::integer};
constexpr Term participants{"participants", "Peserta", "Participants", ColumnType::integer};
constexpr Term active{"active", "Aktif", "Active", ColumnType::integer};
constexpr Term attendances{"attendances", "Kehadiran", "Attendances", ColumnType::integer};
// Periods and JP targets
constexpr Term from{"from", "Mulai", "From", ColumnType::date};
constexpr Term to{"to", "Sampai", "To", ColumnType::date};
constexpr Term year{"year", "Tahun", "Year", ColumnType::year};
constexpr Term target{"target", "Target", "Target", ColumnType::jp};
constexpr Term shortfall{"shortfall", "Kekurangan", "Shortfall", ColumnType::jp};
constexpr Term total_shortfall{"shortfall", "Total kekurangan", "Total shortfall", ColumnType::jp};
constexpr Term met_target{"met_target", "Memenuhi target", "Met the target", ColumnType::integer};
constexpr Term below_target{"below_target", "Di bawah target", "Below the target", ColumnType::integer};
constexpr Term met_target_rate{"met_target_rate", "Persentase memenuhi", "Share meeting the target",
                               ColumnType::rate};
constexpr Term no_target{"no_target", "Tanpa target", "Without a target", ColumnType::integer};
// SIASN's course-history fields, under SIASN's own names
constexpr Term jenis_diklat_id{"jenis_diklat_id", "Jenis diklat", "Training type", ColumnType::integer};
constexpr Term jenis_kursus_sertipikat{"jenis_kursus_sertipikat", "Kode sertifikat", "Certificate code"};
constexpr Term nama_kursus{"nama_kursus", "Nama kursus", "Course name"};
constexpr Term institusi_penyelenggara{"institusi_penyelenggara", "Institusi penyelenggara", "Organiser"};
constexpr Term jumlah_jam{"jumlah_jam", "Jumlah jam (JP)", "Hours (JP)", ColumnType::integer};
constexpr Term nomor_sertipikat{"nomor_sertipikat", "Nomor sertifikat", "Certificate number"};
constexpr Term tahun_kursus{"tahun_kursus", "Tahun", "Year", ColumnType::year};
constexpr Term tanggal_kursus{"tanggal_kursus", "Tanggal mulai", "Start date"};
constexpr Term tanggal_selesai_kursus{"tanggal_selesai_kursus", "Tanggal selesai", "End date"};
// The same fields as SIASN's API spells them (POST .../kursus/save), for report siasn --api. jenisDiklatId is
// text there ("9").
constexpr Term api_jenis_diklat_id{"jenisDiklatId", "Jenis diklat", "Training type"};
constexpr Term api_jenis_kursus_sertipikat{"jenisKursusSertipikat", "Kode sertifikat", "Certificate code"};
constexpr Term api_jenis_kursus{"jenisKursus", "Jenis kursus", "Course name id"};
constexpr Term api_nama_kursus{"namaKursus", "Nama kursus", "Course name"};
constexpr Term api_institusi_penyelenggara{"institusiPenyelenggara", "Institusi penyelenggara", "Organiser"};
constexpr Term api_jumlah_jam{"jumlahJam", "Jumlah jam (JP)", "Hours (JP)", ColumnType::integer};
constexpr Term api_nomor_sertipikat{"nomorSertipikat", "Nomor sertifikat", "Certificate number"};
constexpr Term api_tahun_kursus{"tahunKursus", "Tahun", "Year", ColumnType::year};
constexpr Term api_tanggal_kursus{"tanggalKursus", "Tanggal mulai", "Start date"};
constexpr Term api_tanggal_selesai_kursus{"tanggalSelesaiKursus", "Tanggal selesai", "End date"};
// The store's own reports (db check, db log)
constexpr Term check{"check", "Pemeriksaan", "Check", ColumnType::text, val::store_check};
constexpr Term value{"value", "Nilai", "Value", ColumnType::text, val::store_check_value};
constexpr Term at{"at", "Waktu", "At", ColumnType::datetime};
constexpr Term user{"user", "Pengguna", "User"};
constexpr Term command{"command", "Perintah", "Command"};
constexpr Term rows{"rows", "Baris", "Rows", ColumnType::integer};
} // namespace col

// Adds one labelled total under the report's table.
void total(Report& r, const Column& column, Cell value) {
    r.totals.push_back({column, std::move(value)});
}

const char* pick(Lang lang, const char* id, const char* en) {
    return lang == Lang::en ? en : id;
}

// A JP value in a heading, as the tables write it: 2,5 in Indonesian, 2.5 in English.
std::string human_jp(std::int64_t tenths, Lang lang) {
    return format_jp(tenths, lang == Lang::id ? ',' : '.');
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

// A count of attendance (attended, partial, absent, walk-ins) and the attendance rate, or, when the attendance
// is not recorded, the marks that say so (empty in csv, null in JSON): never a silent 0.
Cell attendance_count(bool recorded, int n) {
    return recorded ? count(n) : Cell{Marked{"", "–", "–"}};
}
Cell attendance_rate(bool recorded, int numerator, int denominator) {
    return recorded ? rate(numerator, denominator)
                    : Cell{Marked{"", "belum ada data kehadiran", "attendance not recorded"}};
}

// A live certificate's number in a person's row: marked for people when its holder's outcome is not
// "attended" (any more): a correction made the certificate unqualified (certify --sync revokes it).
Cell certificate_cell(const std::string& number, AttendanceOutcome outcome) {
    if (number.empty()) return Cell{};
    if (outcome == AttendanceOutcome::attended) return Cell{number};
    return Marked{number, "tidak hadir", "did not attend"};
}

// The warning about certificates a report shows although their holders did not attend.
std::string unqualified_warning(int n, const std::string& sessions, const ReportContext& ctx) {
    return trn(
        "{0} live certificate of session {1} belongs to a person who no longer attended; settle it with: "
        "{2} certify {1} --sync",
        "{0} live certificates of session {1} belong to people who no longer attended; settle them with: "
        "{2} certify {1} --sync",
        static_cast<unsigned long>(n), n, sessions, ctx.command);
}

// What a report says about a session that has ended without attendance data: a warning naming the command that
// imports it, and a line of Report::incomplete.
void note_not_recorded(Report& r, const Session& s, const ReportContext& ctx) {
    if (s.start + std::int64_t{s.minutes} * 60 > ctx.now) return; // not over yet: nothing is missing
    const std::string date = format_date(local_start_date(s));
    const std::string name = s.code == date ? s.code : fmt::format("{} ({})", s.code, date);
    r.warnings.push_back(
        tr("session {} has no attendance recorded: its attendance rate is left empty and nobody is counted "
           "absent; import the platform's attendance export with: {} attend {} --file EXPORT (if nobody "
           "attended: add --allow-empty)",
           name, ctx.command, s.code));
    r.incomplete.push_back(name);
}

Report new_report(const char* kind, const ReportContext& ctx) {
    Report r;
    r.kind = kind;
    r.lang = ctx.lang;
    r.zone = ctx.zone;
    return r;
}

std::vector<Column> participant_columns() {
    return {col::nip, col::name, col::email, col::phone, col::agency, col::unit, col::position, col::grade};
}

Row participant_row(const Participant& p) {
    return {text_or_null(p.nip),    text_or_null(p.name), text_or_null(p.email),    text_or_null(p.phone),
            text_or_null(p.agency), text_or_null(p.unit), text_or_null(p.position), text_or_null(p.grade)};
}

std::vector<Column> session_list_columns() {
    return {col::code, col::series,   col::title,  col::start,    col::minutes,
            col::jp,   col::capacity, col::status, col::enrolled, col::attended};
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
    LocalDateTime t = local_start(s);
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
        Date d = local_start_date(s.start, s.tz);
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

// PPPK without --target-pppk: the ceiling of PP 49/2018 Pasal 40(1) is said, never taken for a target.
std::string no_target_line(Lang lang) {
    return lang == Lang::en
               ? fmt::format("PPPK: no target; at most {} JP a year, PP 49/2018 Article 40(1)",
                             human_jp(pppk_jp_ceiling_tenths, lang))
               : fmt::format("PPPK: tanpa target; paling lama {} JP per tahun, PP 49/2018 Pasal 40 ayat (1)",
                             human_jp(pppk_jp_ceiling_tenths, lang));
}

// The 12 Monday–Sunday weeks ending with the week of `last`: sessions whose attendance is recorded, their
// enrolled people and those of them who attended.
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
        Date d = local_start_date(s.start, s.tz);
        auto w = static_cast<std::size_t>((days_from_civil(d) - days_from_civil(span.from)) / 7);
        week_of_session[s.id] = w;
    }
    for (const store::SessionRate& r : store.attendance_rates(ids_of(sessions))) {
        if (!r.recorded) continue; // no attendance data: neither 0 % nor anything else
        Week& w = by_week[week_of_session.at(r.session)];
        ++w.sessions;
        w.enrolled += r.enrolled;
        w.attended += r.attended_enrolled;
    }
    Report::Extra trend;
    trend.key = "trend";
    trend.title = pick(ctx.lang, "Tren tingkat kehadiran 12 minggu", "Attendance-rate trend, 12 weeks");
    trend.table.columns = {
        col::from, col::to, col::sessions, col::enrolled, col::attended_enrolled, col::attendance_rate,
    };
    for (int i = 0; i < weeks; ++i) {
        const Week& w = by_week[static_cast<std::size_t>(i)];
        Date from = add_days(span.from, 7 * i);
        trend.table.rows.push_back({Cell{from}, Cell{add_days(from, 6)}, count(w.sessions), count(w.enrolled),
                                    count(w.attended), rate(w.attended, w.enrolled)});
    }
    return trend;
}

} // namespace

Report weekly_report(const store::Store& store, const Period& period, const ReportContext& ctx) {
    Report r = new_report("weekly", ctx);
    r.period = period;
    r.json_object = true;
    r.rows_key = "sessions";
    r.title = pick(ctx.lang, "Laporan Mingguan Webinar ASN Belajar", "Weekly Report: Webinar ASN Belajar");
    r.subtitle.push_back(
        fmt::format("{} {}", pick(ctx.lang, "periode", "period"), human_period(period, ctx.lang)));
    r.table.columns = {col::session,
                       col::date,
                       col::title,
                       col::jp,
                       col::enrolled,
                       col::waitlisted,
                       col::attended,
                       col::partial,
                       col::absent,
                       col::walk_ins,
                       col::attendance_rate,
                       col::certificates,
                       col::attendance_recorded};

    // Each session belongs to the week of its own local date; only the sessions kept are counted. The counts of
    // attendance add up the sessions whose attendance is recorded (enrolled_recorded: the rate's denominator).
    store::SessionTotals sum;
    int sessions = 0, not_recorded = 0, enrolled_recorded = 0;
    std::map<std::string, int> agencies;
    for (const store::SessionTime& when : sessions_in(store, period, ctx.zone)) {
        std::optional<Session> found = store.session_by_id(when.id);
        if (!found) continue;
        const store::SessionTotals t = store.session_totals(*found);
        const Session& s = t.session;
        Date d = local_start_date(s);
        ++sessions;
        sum.enrolled += t.enrolled;
        sum.waitlisted += t.waitlisted;
        sum.certificates += t.certificates;
        r.table.rows.push_back({s.code, Cell{d}, s.title, Cell{std::int64_t{s.jp_tenths}}, count(t.enrolled),
                                count(t.waitlisted), attendance_count(t.recorded, t.attended),
                                attendance_count(t.recorded, t.partial),
                                attendance_count(t.recorded, t.absent),
                                attendance_count(t.recorded, t.walk_ins),
                                attendance_rate(t.recorded, t.attended_enrolled, t.enrolled),
                                count(t.certificates), Cell{std::int64_t{t.recorded ? 1 : 0}}});
        if (!t.recorded) {
            ++not_recorded;
            note_not_recorded(r, s, ctx);
            continue;
        }
        enrolled_recorded += t.enrolled;
        sum.attended += t.attended;
        sum.partial += t.partial;
        sum.absent += t.absent;
        sum.walk_ins += t.walk_ins;
        sum.attended_enrolled += t.attended_enrolled;
        if (!ctx.rows_only)
            for (const store::AgencyCount& a : store.agency_attendance(s.id))
                agencies[a.agency] += a.attended;
    }
    const bool some_recorded = sessions == 0 || not_recorded < sessions;
    total(r, col::sessions, count(sessions));
    total(r, col::enrolled, count(sum.enrolled));
    total(r, col::waitlisted, count(sum.waitlisted));
    total(r, col::attended, attendance_count(some_recorded, sum.attended));
    total(r, col::partial, attendance_count(some_recorded, sum.partial));
    total(r, col::absent, attendance_count(some_recorded, sum.absent));
    total(r, col::walk_ins, attendance_count(some_recorded, sum.walk_ins));
    total(r, col::attendance_rate, attendance_rate(some_recorded, sum.attended_enrolled, enrolled_recorded));
    total(r, col::certificates, count(sum.certificates));
    total(r, col::not_recorded, count(not_recorded));

    if (ctx.rows_only) return r; // csv, tsv, jsonl: no top agencies, trend or charts

    std::vector<std::pair<std::string, int>> ranked(agencies.begin(), agencies.end());
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    Report::Extra top;
    top.key = "top_agencies";
    top.title = pick(ctx.lang, "Instansi dengan kehadiran terbanyak", "Agencies with the most attendees");
    top.table.columns = {col::agency, col::attended};
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

// "Syarat sertifikat: kehadiran, survei, post-test ≥ 60 %", or nothing for a session that needs attendance only.
std::string requirements_text(const Session& s, Lang lang) {
    if (!s.requires_survey && !s.requires_posttest) return {};
    std::string out = pick(lang, "Syarat sertifikat: kehadiran", "Certificate requires: attendance");
    if (s.requires_survey) out += pick(lang, ", survei", ", the survey");
    if (s.requires_posttest)
        out += fmt::format(", {} ≥ {} %", pick(lang, "post-test", "a post-test score"), s.pass_score);
    return out;
}

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
    r.table.columns = {col::nip,  col::name,        col::email,   col::agency,
                       col::unit, col::enrollment,  col::minutes, col::attendance,
                       col::jp,   col::certificate, col::survey,  col::posttest};
    if (const std::string gates = requirements_text(session, ctx.lang); !gates.empty())
        r.subtitle.push_back(gates);
    store::SessionTotals t = store.session_totals(session);
    int surveys = 0, passed = 0, unqualified = 0;
    for (const store::RosterRow& row : store.session_roster(session.id)) {
        AttendanceOutcome outcome = row.outcome.value_or(AttendanceOutcome::absent);
        int minutes = row.attendance ? row.attendance->minutes : 0;
        std::int64_t jp = jp_earned_tenths(outcome, session.jp_tenths);
        std::string enrollment(to_string(row.enrollment.value_or(EnrollmentStatus::walk_in)));
        // Empty where the session does not require it; else done/missing, and the best score or missing.
        Cell survey, posttest;
        if (session.requires_survey) survey = std::string(row.survey ? "done" : "missing");
        if (session.requires_posttest)
            posttest = row.posttest ? format_score(*row.posttest) : std::string("missing");
        surveys += row.survey;
        passed += row.posttest && *row.posttest >= session.pass_score * 100;
        r.table.rows.push_back({text_or_null(row.person.nip), row.person.name, text_or_null(row.person.email),
                                text_or_null(row.person.agency), text_or_null(row.person.unit), enrollment,
                                count(minutes), std::string(to_string(outcome)), Cell{jp},
                                certificate_cell(row.certificate, outcome), std::move(survey),
                                std::move(posttest)});
        unqualified += !row.certificate.empty() && outcome != AttendanceOutcome::attended;
    }
    total(r, col::enrolled, count(t.enrolled));
    total(r, col::waitlisted, count(t.waitlisted));
    total(r, col::attended, attendance_count(t.recorded, t.attended));
    total(r, col::partial, attendance_count(t.recorded, t.partial));
    total(r, col::absent, attendance_count(t.recorded, t.absent));
    total(r, col::walk_ins, attendance_count(t.recorded, t.walk_ins));
    total(r, col::certificates, count(t.certificates));
    total(r, col::attendance_rate, attendance_rate(t.recorded, t.attended_enrolled, t.enrolled));
    if (session.requires_survey) total(r, col::surveys_done, count(surveys));
    if (session.requires_posttest) total(r, col::posttests_passed, count(passed));
    if (!t.recorded) note_not_recorded(r, session, ctx);
    if (unqualified) r.warnings.push_back(unqualified_warning(unqualified, session.code, ctx));
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
    r.subtitle.push_back(fmt::format("{}: {}%", pick(ctx.lang, "Batas kehadiran", "Attendance threshold"),
                                     session.min_attendance));
    if (const std::string gates = requirements_text(session, ctx.lang); !gates.empty())
        r.subtitle.push_back(gates);
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
                          const JpTargets& targets, const ReportContext& ctx) {
    const std::optional<std::int64_t> target = targets.for_nip(person.nip);
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
    r.table.columns = {col::session, col::date,       col::title, col::enrollment,
                       col::minutes, col::attendance, col::jp,    col::certificate};
    std::map<int, std::pair<int, std::int64_t>> years; // year → sessions attended, JP
    int attended = 0;
    std::int64_t jp_total = 0;
    for (const store::HistoryRow& h : store.participant_history(person.id)) {
        std::optional<Session> s = store.session_by_id(h.session);
        if (!s || s->status == SessionStatus::cancelled) continue;
        Date d = local_start_date(*s);
        if (year && d.year != *year) continue;
        AttendanceOutcome outcome = h.outcome.value_or(AttendanceOutcome::absent);
        std::int64_t jp = jp_earned_tenths(outcome, s->jp_tenths);
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
                                std::string(to_string(outcome)), jp_cell(jp),
                                certificate_cell(h.certificate, outcome)});
    }
    if (year && years.empty()) years[*year] = {0, 0};
    total(r, col::sessions, count(static_cast<int>(r.table.rows.size())));
    total(r, col::attended, count(attended));
    total(r, col::jp, jp_cell(jp_total));
    Report::Extra per_year;
    per_year.key = "years";
    per_year.title =
        target ? fmt::format("{} (target {} JP)", pick(ctx.lang, "Rekap per tahun", "Totals per year"),
                             human_jp(*target, ctx.lang))
               : fmt::format("{} ({})", pick(ctx.lang, "Rekap per tahun", "Totals per year"),
                             no_target_line(ctx.lang));
    per_year.table.columns = {col::year, col::sessions_attended, col::jp, col::target, col::shortfall};
    for (const auto& [y, v] : years) {
        Row& row = per_year.table.rows.emplace_back();
        row.push_back(Cell{std::int64_t{y}});
        row.push_back(count(v.first));
        row.push_back(jp_cell(v.second));
        row.emplace_back(); // target and shortfall: empty for someone without a target
        row.emplace_back();
        if (target) {
            row[3] = jp_cell(*target);
            row[4] = jp_cell(std::max<std::int64_t>(0, *target - v.second));
        }
    }
    r.extras.push_back(std::move(per_year));
    return r;
}

namespace {

// The people of a year tallied (a few bytes each): the rows of the jp and agency reports are streamed from
// the store over these.
store::Tallies people_of_year(const store::Store& store, int year, const ReportContext& ctx) {
    return store.tally_participation(ids_of(sessions_in(store, year_period(year), ctx.zone)));
}

// The subtitle lines of the targets: the PNS one, and the PPPK one (a target, or the ceiling that is none), for
// the types the report covers.
std::vector<std::string> target_lines(const JpTargets& targets, std::optional<NipKind> type, Lang lang) {
    std::vector<std::string> lines;
    const std::string pns = human_jp(targets.pns, lang);
    if (type != NipKind::pppk)
        lines.push_back(lang == Lang::en ? fmt::format("Target {} JP a year for PNS", pns)
                                         : fmt::format("Target PNS {} JP per tahun", pns));
    if (type != NipKind::pns) {
        if (targets.pppk) {
            const std::string pppk = human_jp(*targets.pppk, lang);
            lines.push_back(lang == Lang::en ? fmt::format("Target {} JP a year for PPPK", pppk)
                                             : fmt::format("Target PPPK {} JP per tahun", pppk));
        } else {
            lines.push_back(no_target_line(lang));
        }
    }
    if (type)
        lines.push_back(lang == Lang::en ? fmt::format("Only {}", type_name(*type))
                                         : fmt::format("Hanya {}", type_name(*type)));
    return lines;
}

Cell type_cell(std::optional<NipKind> kind) {
    return kind ? Cell{std::string(type_name(*kind))} : Cell{};
}

} // namespace

std::optional<std::int64_t> JpTargets::for_nip(std::string_view nip) const {
    return for_kind(person_type(nip));
}

std::optional<std::int64_t> JpTargets::for_kind(std::optional<NipKind> kind) const {
    if (kind == NipKind::pppk) return pppk;
    return pns;
}

std::optional<NipKind> person_type(std::string_view nip) {
    if (nip.empty()) return std::nullopt;
    return nip_kind(nip);
}

const char* type_name(NipKind kind) {
    return kind == NipKind::pppk ? "PPPK" : "PNS";
}

Report jp_report(const store::Store& store, int year, const JpTargets& targets, std::optional<NipKind> type,
                 std::optional<std::int64_t> below, const ReportContext& ctx) {
    Report r = new_report("jp", ctx);
    r.period = year_period(year);
    r.title = fmt::format("{} {}", pick(ctx.lang, "Rekap JP Peserta Tahun", "JP per Participant,"), year);
    for (std::string& line : target_lines(targets, type, ctx.lang))
        r.subtitle.push_back(std::move(line));
    if (below)
        r.subtitle.push_back(fmt::format(
            "{} {} JP", pick(ctx.lang, "Hanya peserta dengan JP di bawah", "Only participants with JP below"),
            human_jp(*below, ctx.lang)));
    r.table.columns = {col::nip, col::name,   col::agency,    col::unit, col::sessions_attended,
                       col::jp,  col::target, col::shortfall, col::type};
    // The totals come from one unordered pass over the people (id, agency and NIP: the type and the target
    // follow from the NIP); the rows (a million in a national year) are streamed from the store to the
    // renderer when the report is written, one at a time, never held.
    auto tallies = std::make_shared<const store::Tallies>(people_of_year(store, year, ctx));
    int people = 0, met = 0, with_target = 0;
    std::int64_t jp_sum = 0, shortfall_sum = 0;
    store.each_person_year(*tallies, store::PersonDetail::agency, [&](store::PersonYear& p) {
        if (below && p.jp_tenths >= *below) return;
        const std::optional<NipKind> kind = person_type(p.person.nip);
        if (type && kind != type) return;
        ++people;
        jp_sum += p.jp_tenths;
        if (const std::optional<std::int64_t> target = targets.for_kind(kind)) {
            const std::int64_t shortfall = std::max<std::int64_t>(0, *target - p.jp_tenths);
            ++with_target;
            met += shortfall == 0;
            shortfall_sum += shortfall;
        }
    });
    r.table.streamed_rows = static_cast<std::size_t>(people);
    r.table.stream = [&store, tallies, targets, type, below](const RowSink& sink) {
        Row row(9);
        store.each_person_year(*tallies, store::PersonDetail::report, [&](store::PersonYear& p) {
            if (below && p.jp_tenths >= *below) return;
            // The NIP is read once per row: a million rows.
            const std::optional<NipKind> kind = person_type(p.person.nip);
            if (type && kind != type) return;
            const std::optional<std::int64_t> target = targets.for_kind(kind);
            row[0] = text_or_null(std::move(p.person.nip));
            row[1] = std::move(p.person.name);
            row[2] = text_or_null(std::move(p.person.agency));
            row[3] = text_or_null(std::move(p.person.unit));
            row[4] = count(p.attended);
            row[5] = jp_cell(p.jp_tenths);
            row[6] = target ? jp_cell(*target) : Cell{};
            row[7] = target ? jp_cell(std::max<std::int64_t>(0, *target - p.jp_tenths)) : Cell{};
            row[8] = type_cell(kind);
            sink(row);
        });
    };
    total(r, col::participants, count(people));
    total(r, col::jp, jp_cell(jp_sum));
    total(r, col::met_target, count(met));
    total(r, col::below_target, count(with_target - met));
    total(r, col::total_shortfall, jp_cell(shortfall_sum));
    if (people > with_target) total(r, col::no_target, count(people - with_target));
    return r;
}

Report agency_report(const store::Store& store, int year, const JpTargets& targets,
                     std::optional<NipKind> type, const ReportContext& ctx) {
    Report r = new_report("agency", ctx);
    r.period = year_period(year);
    r.title = fmt::format("{} {}", pick(ctx.lang, "Rekap per Instansi Tahun", "Totals per Agency,"), year);
    for (std::string& line : target_lines(targets, type, ctx.lang))
        r.subtitle.push_back(std::move(line));
    r.table.columns = {col::agency, col::participants, col::active,          col::attendances,
                       col::jp,     col::met_target,   col::met_target_rate, col::type};
    struct Sum {
        int participants = 0, active = 0, attendances = 0, with_target = 0, met = 0;
        std::int64_t jp = 0;
        void add(const store::PersonYear& p, std::optional<std::int64_t> target) {
            ++participants;
            active += p.attended > 0;
            attendances += p.attended;
            jp += p.jp_tenths;
            if (!target) return;
            ++with_target;
            met += p.jp_tenths >= *target;
        }
        Cell met_cell() const { return with_target ? count(met) : Cell{}; }
    };
    // Rows by agency, then PNS, PPPK, no NIP. One streamed pass: memory grows with the agencies, not the people.
    enum Slot : std::size_t { pns, pppk, no_nip };
    std::unordered_map<std::string, std::array<Sum, 3>> by_agency;
    Sum all;
    store.each_person_year(people_of_year(store, year, ctx), store::PersonDetail::agency,
                           [&](store::PersonYear& p) {
                               const std::optional<NipKind> kind = person_type(p.person.nip);
                               if (type && kind != type) return;
                               const Slot slot = !kind ? no_nip : *kind == NipKind::pppk ? pppk : pns;
                               const std::optional<std::int64_t> target = targets.for_kind(kind);
                               by_agency[p.person.agency][slot].add(p, target);
                               all.add(p, target);
                           });
    // Alphabetical; people without an agency first, under "".
    std::map<std::string, std::array<Sum, 3>> agencies(by_agency.begin(), by_agency.end());
    for (const auto& [agency, sums] : agencies)
        for (Slot slot : {pns, pppk, no_nip}) {
            const Sum& a = sums[slot];
            if (a.participants == 0) continue;
            Cell kind = slot == no_nip
                            ? Cell{}
                            : Cell{std::string(type_name(slot == pppk ? NipKind::pppk : NipKind::pns))};
            r.table.rows.push_back({text_or_null(agency), count(a.participants), count(a.active),
                                    count(a.attendances), jp_cell(a.jp), a.met_cell(),
                                    rate(a.met, a.with_target), std::move(kind)});
        }
    total(r, col::agencies, count(static_cast<int>(agencies.size())));
    total(r, col::participants, count(all.participants));
    total(r, col::active, count(all.active));
    total(r, col::attendances, count(all.attendances));
    total(r, col::jp, jp_cell(all.jp));
    total(r, col::met_target, all.met_cell());
    total(r, col::met_target_rate, rate(all.met, all.with_target));
    if (all.participants > all.with_target)
        total(r, col::no_target, count(all.participants - all.with_target));
    return r;
}

Report certificates_report(const store::Store& store, const Session& session, const ReportContext& ctx) {
    Report r = new_session_report("certificates", "Daftar Sertifikat", "Certificates", session, ctx);
    r.table.columns = {col::certificate_number,
                       col::nip,
                       col::name,
                       col::agency,
                       col::session,
                       col::date,
                       col::title,
                       col::jp,
                       col::qualifies};
    Date d = local_start_date(session);
    int unqualified = 0;
    for (const store::CertificateRow& c : store.live_certificates({session.id})) {
        r.table.rows.push_back(
            {c.attended ? Cell{c.number} : certificate_cell(c.number, AttendanceOutcome::absent),
             text_or_null(c.person.nip), c.person.name, text_or_null(c.person.agency), session.code, Cell{d},
             session.title, jp_cell(session.jp_tenths), Cell{std::int64_t{c.attended ? 1 : 0}}});
        unqualified += !c.attended;
    }
    total(r, col::certificates, count(static_cast<int>(r.table.rows.size())));
    if (unqualified) r.warnings.push_back(unqualified_warning(unqualified, session.code, ctx));
    return r;
}

Report certificate_codes_report(const store::Store& store, const Session& session, const SigningKey& key,
                                const ReportContext& ctx) {
    Report r = new_session_report("certificate-codes", "Kode Verifikasi Sertifikat",
                                  "Certificate Verification Codes", session, ctx);
    r.subtitle.push_back(fmt::format("{} {}", pick(ctx.lang, "Kunci", "Key"), key.public_key().id()));
    r.table.columns = {col::certificate_number, col::nip, col::email, col::name, col::code_text};
    for (const store::CertificateRow& c : store.live_certificates({session.id}))
        r.table.rows.push_back({c.number, text_or_null(c.person.nip), text_or_null(c.person.email),
                                c.person.name,
                                verification_code(signed_fields(session, c.person, c.number), key)});
    total(r, col::certificates, count(static_cast<int>(r.table.rows.size())));
    return r;
}

Report public_key_report(const PublicKey& key, const ReportContext& ctx) {
    Report r = new_report("certificate-key", ctx);
    r.title = pick(ctx.lang, "Kunci Publik Verifikasi Sertifikat", "Certificate Verification Public Key");
    r.table.columns = {col::algorithm, col::key_id, col::public_key};
    r.table.rows.push_back({std::string("ed25519"), key.id(), key.base64()});
    return r;
}

Report verification_report(const std::vector<CodeVerdict>& verdicts, const ReportContext& ctx) {
    Report r = new_report("certificate-verify", ctx);
    r.title = pick(ctx.lang, "Verifikasi Sertifikat", "Certificate Verification");
    r.table.columns = {col::status,       col::certificate_number,
                       col::nip,          col::email,
                       col::name,         col::session,
                       col::title,        col::date,
                       col::jp,           col::key_id,
                       col::store_checked};
    for (const CodeVerdict& v : verdicts) {
        Row row{std::string(to_string(v.status))};
        if (v.code) {
            const SignedFields& f = v.code->fields;
            // The person field is a NIP (digits) or an e-mail address.
            const bool nip = !f.person.empty() && text::all_digits(f.person);
            const std::optional<Date> date = parse_date(f.date);
            const std::optional<int> jp = parse_jp(f.jp);
            row.insert(row.end(),
                       {text_or_null(f.number), nip ? Cell{f.person} : Cell{},
                        nip ? Cell{} : text_or_null(f.person), text_or_null(v.name), text_or_null(f.session),
                        text_or_null(v.title), date ? Cell{*date} : Cell{}, jp ? jp_cell(*jp) : Cell{},
                        text_or_null(v.code->key_id)});
        } else {
            row.resize(10);
        }
        row.push_back(std::string(v.store_checked ? "true" : "false"));
        r.table.rows.push_back(std::move(row));
    }
    return r;
}

namespace {

// One upload record: what the machine columns and the API records both carry.
struct SiasnRecord {
    std::string nip, title, number, start, end;
    std::int64_t hours = 0, year = 0;
};

struct SiasnRecords {
    const JenisDiklat* kind = nullptr;
    std::vector<SiasnRecord> records;
    int without_nip = 0;
    std::vector<std::string> rounded;       // "KHUSUS 2.5 → 3" per session whose JP was rounded
    std::map<std::string, int> unqualified; // certificates of people who no longer attended, by session code
};

std::string session_jp_list(const std::vector<const Session*>& sessions) {
    std::string out;
    for (const Session* s : sessions)
        out += fmt::format("{}{} ({} JP)", out.empty() ? "" : ", ", s->code, format_jp(s->jp_tenths));
    return out;
}

SiasnRecords siasn_records(const store::Store& store, int year, const SiasnOptions& options,
                           const ReportContext& ctx) {
    SiasnRecords out;
    out.kind = find_jenis_diklat(options.jenis_diklat);
    if (!out.kind)
        throw Error(tr("jenis diklat {} is not in SIASN's reference (ids 1 to {})", options.jenis_diklat,
                       jenis_diklat_reference().size()));
    std::vector<store::SessionTime> times = sessions_in(store, year_period(year), ctx.zone);
    std::map<Id, Session> sessions;
    for (const store::SessionTime& t : times)
        if (auto s = store.session_by_id(t.id)) sessions.emplace(t.id, *s);
    std::vector<const Session*> fractional; // sessions with rows whose JP is not whole, in start order
    std::map<Id, std::int64_t> hours_of;
    for (const store::CertificateRow& c : store.live_certificates(ids_of(times))) {
        const Session& s = sessions.at(c.session);
        if (!c.attended) { // never uploaded: SIASN would credit JP that nobody earned
            ++out.unqualified[s.code];
            continue;
        }
        if (c.person.nip.empty()) {
            ++out.without_nip;
            continue;
        }
        auto [it, first] = hours_of.try_emplace(c.session, 0);
        if (first) {
            std::optional<std::int64_t> hours = whole_hours(s.jp_tenths, options.rounding);
            if (!hours) {
                fractional.push_back(&s);
                continue;
            }
            it->second = *hours;
            if (*hours * 10 != s.jp_tenths)
                out.rounded.push_back(fmt::format("{} {} → {}", s.code, format_jp(s.jp_tenths), *hours));
        }
        if (!fractional.empty()) continue; // only the list of sessions matters now
        Date start = local_start_date(s);
        Date end = to_local(s.start + std::int64_t{s.minutes} * 60, find_zone(s.tz)).date;
        out.records.push_back({c.person.nip, s.title, c.number, format_date_dmy(start), format_date_dmy(end),
                               it->second, start.year});
    }
    if (fractional.size() == 1)
        throw Error(
            tr("SIASN takes whole hours (jumlah_jam), but session {} has a fractional JP: give --round "
               "down, nearest or up to say how to round it",
               session_jp_list(fractional)));
    if (!fractional.empty())
        throw Error(tr("SIASN takes whole hours (jumlah_jam), but {} sessions have a fractional JP: {}; give "
                       "--round down, nearest or up to say how to round them",
                       fractional.size(), session_jp_list(fractional)));
    return out;
}

// Title, subtitle and notes of both SIASN reports.
Report new_siasn_report(const char* kind, int year, const SiasnOptions& options, const SiasnRecords& data,
                        const ReportContext& ctx) {
    Report r = new_report(kind, ctx);
    r.period = year_period(year);
    r.title = fmt::format("{} {}", pick(ctx.lang, "Data Riwayat Kursus SIASN Tahun", "SIASN Course History,"),
                          year);
    r.subtitle.push_back(fmt::format("{} · {} {} {} ({} {})", options.institution,
                                     pick(ctx.lang, "jenis diklat", "training type"), data.kind->id,
                                     data.kind->name, pick(ctx.lang, "kode sertifikat", "certificate code"),
                                     data.kind->certificate_code));
    if (data.without_nip)
        r.notes.push_back(trn("{} certificate of a person without a NIP left out (SIASN needs a NIP)",
                              "{} certificates of people without a NIP left out (SIASN needs a NIP)",
                              data.without_nip, data.without_nip));
    if (!data.rounded.empty()) {
        std::string list;
        for (const std::string& s : data.rounded)
            list += (list.empty() ? "" : ", ") + s;
        r.notes.push_back(tr("JP rounded to whole hours for SIASN: {}", list));
    }
    for (const auto& [code, n] : data.unqualified)
        r.warnings.push_back(tr("left out: {}", unqualified_warning(n, code, ctx)));
    return r;
}

} // namespace

Report siasn_report(const store::Store& store, int year, const SiasnOptions& options,
                    const ReportContext& ctx) {
    SiasnRecords data = siasn_records(store, year, options, ctx);
    Report r = new_siasn_report("siasn", year, options, data, ctx);
    r.plain_sheet = true; // an upload sheet
    // SIASN's own field names are the keys; its dates are dd-mm-yyyy text in every format.
    r.table.columns = {col::nip,
                       col::jenis_diklat_id,
                       col::jenis_kursus_sertipikat,
                       col::nama_kursus,
                       col::institusi_penyelenggara,
                       col::jumlah_jam,
                       col::nomor_sertipikat,
                       col::tahun_kursus,
                       col::tanggal_kursus,
                       col::tanggal_selesai_kursus};
    const std::string code(1, data.kind->certificate_code);
    std::int64_t hours = 0;
    r.table.rows.reserve(data.records.size());
    for (SiasnRecord& rec : data.records) {
        hours += rec.hours;
        r.table.rows.push_back({std::move(rec.nip), Cell{std::int64_t{data.kind->id}}, code,
                                std::move(rec.title), options.institution, Cell{rec.hours},
                                std::move(rec.number), Cell{rec.year}, std::move(rec.start),
                                std::move(rec.end)});
    }
    total(r, col::certificates, count(static_cast<int>(r.table.rows.size())));
    total(r, col::jumlah_jam, Cell{hours});
    return r;
}

Report siasn_api_report(const store::Store& store, int year, const SiasnOptions& options,
                        const ReportContext& ctx) {
    SiasnRecords data = siasn_records(store, year, options, ctx);
    Report r = new_siasn_report("siasn-api", year, options, data, ctx);
    r.table.columns = {col::nip,
                       col::api_jenis_diklat_id,
                       col::api_jenis_kursus_sertipikat,
                       col::api_jenis_kursus,
                       col::api_nama_kursus,
                       col::api_institusi_penyelenggara,
                       col::api_jumlah_jam,
                       col::api_nomor_sertipikat,
                       col::api_tahun_kursus,
                       col::api_tanggal_kursus,
                       col::api_tanggal_selesai_kursus};
    const std::string id = std::to_string(data.kind->id); // the API takes the id as a string: "9"
    const std::string code(1, data.kind->certificate_code);
    r.table.rows.reserve(data.records.size());
    for (SiasnRecord& rec : data.records)
        r.table.rows.push_back({std::move(rec.nip), id, code, std::string(), std::move(rec.title),
                                options.institution, Cell{rec.hours}, std::move(rec.number), Cell{rec.year},
                                std::move(rec.start), std::move(rec.end)});
    return r;
}

Report store_check_report(const store::StoreCheck& c, const std::string& path, const ReportContext& ctx) {
    Report r = new_report("db-check", ctx);
    r.title = pick(ctx.lang, "Pemeriksaan basis data", "Store check");
    r.subtitle.push_back(path);
    r.table.columns = {col::check, col::value};
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
    row("results", std::to_string(c.results));
    row("audit_log", std::to_string(c.audit));
    row("certificates_not_qualifying", std::to_string(c.certificates_not_qualifying));
    if (c.certificates_not_qualifying > 0) {
        std::string sessions;
        for (const std::string& code : c.sessions_with_unqualified_certificates)
            sessions += (sessions.empty() ? "" : ", ") + code;
        r.warnings.push_back(
            c.sessions_with_unqualified_certificates.size() == 1
                ? trn("{0} live certificate belongs to a person who no longer attended (session {1}); settle it "
                      "with: {2} certify {1} --sync",
                      "{0} live certificates belong to people who no longer attended (session {1}); settle "
                      "them with: {2} certify {1} --sync",
                      static_cast<unsigned long>(c.certificates_not_qualifying),
                      c.certificates_not_qualifying, sessions, ctx.command)
                : tr("{} live certificates belong to people who no longer attended (sessions {}); settle each "
                     "session with: {} certify SESSION --sync",
                     c.certificates_not_qualifying, sessions, ctx.command));
    }
    return r;
}

Report audit_report(const std::vector<store::AuditEntry>& entries, const ReportContext& ctx) {
    Report r = new_report("db-log", ctx);
    r.title = pick(ctx.lang, "Log audit", "Audit log");
    r.table.columns = {col::at, col::user, col::command, col::rows};
    for (const store::AuditEntry& e : entries)
        r.table.rows.push_back({Cell{e.at}, e.user, e.command, Cell{e.rows}});
    return r;
}

} // namespace asnbelajar
