// Store: the read-only queries behind the reports.
#include "store_impl.hpp"

namespace asnbelajar {

std::vector<RosterRow> Store::session_roster(Id session) const {
    // Everyone with an enrollment row, plus anyone present without one.
    auto& st = impl_->stmt(
        "SELECT p.id, p.nip, p.name, p.email, p.phone, p.agency, p.unit, p.position, p.grade, "
        "e.status, a.minutes, a.self_declared, a.outcome, c.number "
        "FROM (SELECT participant_id FROM enrollments WHERE session_id = ?1 "
        "      UNION SELECT participant_id FROM attendance WHERE session_id = ?1) k "
        "JOIN participants p ON p.id = k.participant_id "
        "LEFT JOIN enrollments e ON e.session_id = ?1 AND e.participant_id = p.id "
        "LEFT JOIN attendance a ON a.session_id = ?1 AND a.participant_id = p.id "
        "LEFT JOIN certificates c ON c.session_id = ?1 AND c.participant_id = p.id AND c.revoked IS NULL "
        "ORDER BY CASE e.status WHEN 'enrolled' THEN 0 WHEN 'walk-in' THEN 1 WHEN 'waitlisted' THEN 2 ELSE 3 END, "
        "e.arrival, p.id");
    st.bind(1, session);
    std::vector<RosterRow> out;
    while (st.executeStep()) {
        RosterRow r;
        r.person = read_participant(st);
        read_presence(st, 9, r);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<AgencyCount> Store::agency_attendance(Id session) const {
    auto& st = impl_->stmt("SELECT coalesce(p.agency, ''), count(*) FROM attendance a "
                           "JOIN participants p ON p.id = a.participant_id "
                           "WHERE a.session_id = ? AND a.outcome = 'attended' GROUP BY 1");
    st.bind(1, session);
    std::vector<AgencyCount> out;
    while (st.executeStep()) out.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt()});
    return out;
}

} // namespace asnbelajar

// --- certificates and yearly reports ---
namespace asnbelajar {
namespace {

// A set of ids as one bound parameter: a JSON array that the query opens with json_each().
std::string id_array(const std::vector<Id>& ids) {
    std::string out = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(ids[i]);
    }
    return out + "]";
}

#define PERSON_COLUMNS "p.id, p.nip, p.name, p.email, p.phone, p.agency, p.unit, p.position, p.grade"

Participant read_person(SQLite::Statement& st, int first) {
    Participant p;
    p.id = st.getColumn(first).getInt64();
    p.nip = text_or_empty(st.getColumn(first + 1));
    p.name = text_or_empty(st.getColumn(first + 2));
    p.email = text_or_empty(st.getColumn(first + 3));
    p.phone = text_or_empty(st.getColumn(first + 4));
    p.agency = text_or_empty(st.getColumn(first + 5));
    p.unit = text_or_empty(st.getColumn(first + 6));
    p.position = text_or_empty(st.getColumn(first + 7));
    p.grade = text_or_empty(st.getColumn(first + 8));
    return p;
}

} // namespace

std::vector<CertificateRow> Store::live_certificates(const std::vector<Id>& sessions) const {
    auto& st = impl_->stmt("SELECT c.number, c.seq, c.session_id, " PERSON_COLUMNS " "
                           "FROM json_each(?) j "
                           "JOIN sessions s ON s.id = j.value "
                           "JOIN certificates c ON c.session_id = s.id AND c.revoked IS NULL "
                           "JOIN participants p ON p.id = c.participant_id "
                           "ORDER BY s.start, s.id, c.seq");
    st.bind(1, id_array(sessions));
    std::vector<CertificateRow> out;
    while (st.executeStep())
        out.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt64(), st.getColumn(2).getInt64(),
                       read_person(st, 3)});
    return out;
}

std::vector<SessionTime> Store::session_times(std::int64_t from, std::int64_t to) const {
    auto& st = impl_->stmt("SELECT id, start, tz, status FROM sessions WHERE start >= ? AND start < ? "
                           "ORDER BY start, id");
    st.bind(1, from);
    st.bind(2, to);
    std::vector<SessionTime> out;
    while (st.executeStep())
        out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getString(),
                       st.getColumn(3).getString() == "cancelled" ? SessionStatus::cancelled
                                                                   : SessionStatus::scheduled});
    return out;
}

std::vector<SessionRate> Store::attendance_rates(const std::vector<Id>& sessions) const {
    std::vector<SessionRate> out;
    out.reserve(sessions.size());
    for (Id id : sessions) {
        SessionTotals t;
        t.session.id = id;
        count_session(*impl_, t, false);
        out.push_back({id, t.enrolled, t.attended_enrolled});
    }
    return out;
}

std::vector<HistoryRow> Store::participant_history(Id participant) const {
    auto& st = impl_->stmt(
        "SELECT s.id, e.status, a.minutes, a.self_declared, a.outcome, c.number "
        "FROM (SELECT session_id FROM enrollments WHERE participant_id = ?1 "
        "      UNION SELECT session_id FROM attendance WHERE participant_id = ?1) k "
        "JOIN sessions s ON s.id = k.session_id "
        "LEFT JOIN enrollments e ON e.session_id = s.id AND e.participant_id = ?1 "
        "LEFT JOIN attendance a ON a.session_id = s.id AND a.participant_id = ?1 "
        "LEFT JOIN certificates c ON c.session_id = s.id AND c.participant_id = ?1 AND c.revoked IS NULL "
        "ORDER BY s.start, s.id");
    st.bind(1, participant);
    std::vector<HistoryRow> out;
    while (st.executeStep()) {
        HistoryRow r;
        r.session = st.getColumn(0).getInt64();
        read_presence(st, 1, r);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<PersonYear> Store::participation(const std::vector<Id>& sessions) const {
    // Enrollment rows make people count as participants; attended rows also carry the session's JP.
    auto& st = impl_->stmt(
        "WITH chosen(id, jp) AS (SELECT s.id, s.jp_tenths FROM json_each(?) j JOIN sessions s ON s.id = j.value), "
        "k(pid, jp) AS (SELECT e.participant_id, NULL FROM chosen c JOIN enrollments e ON e.session_id = c.id "
        "  UNION ALL SELECT a.participant_id, CASE a.outcome WHEN 'attended' THEN c.jp END "
        "  FROM chosen c JOIN attendance a ON a.session_id = c.id) "
        "SELECT " PERSON_COLUMNS ", count(k.jp), coalesce(sum(k.jp), 0) "
        "FROM k JOIN participants p ON p.id = k.pid "
        "GROUP BY p.id ORDER BY coalesce(p.agency, ''), p.name, p.id");
    st.bind(1, id_array(sessions));
    std::vector<PersonYear> out;
    while (st.executeStep())
        out.push_back({read_person(st, 0), st.getColumn(9).getInt(), st.getColumn(10).getInt64()});
    return out;
}

} // namespace asnbelajar
