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
        r.person.id = st.getColumn(0).getInt64();
        r.person.nip = text_or_empty(st.getColumn(1));
        r.person.name = text_or_empty(st.getColumn(2));
        r.person.email = text_or_empty(st.getColumn(3));
        r.person.phone = text_or_empty(st.getColumn(4));
        r.person.agency = text_or_empty(st.getColumn(5));
        r.person.unit = text_or_empty(st.getColumn(6));
        r.person.position = text_or_empty(st.getColumn(7));
        r.person.grade = text_or_empty(st.getColumn(8));
        if (!st.getColumn(9).isNull()) r.enrollment = enrollment_status_from(st.getColumn(9).getString());
        if (!st.getColumn(10).isNull()) {
            r.attendance = AttendanceSummary{st.getColumn(10).getInt(), st.getColumn(11).getInt() != 0};
            r.outcome = st.getColumn(12).getString() == "attended" ? AttendanceOutcome::attended
                                                                    : AttendanceOutcome::partial;
        }
        r.certificate = text_or_empty(st.getColumn(13));
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
