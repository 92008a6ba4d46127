// Store: the enrollments table (statuses and the first-come queue).
#include "store_impl.hpp"

#include <ctime>

namespace asnbelajar::store {

std::optional<Enrollment> Store::enrollment(Id session, Id participant) const try {
    auto& st =
        impl_->stmt("SELECT status, arrival FROM enrollments WHERE session_id = ? AND participant_id = ?");
    st.bind(1, session);
    st.bind(2, participant);
    if (!st.executeStep()) return std::nullopt;
    Enrollment e;
    e.session = session;
    e.participant = participant;
    e.status = enrollment_status_from(st.getColumn(0).getString()).value_or(EnrollmentStatus::enrolled);
    e.arrival = st.getColumn(1).getInt64();
    return e;
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

EnrollmentCounts Store::enrollment_counts(Id session) const try {
    auto& st = impl_->stmt("SELECT status, count(*) FROM enrollments WHERE session_id = ? GROUP BY status");
    st.bind(1, session);
    EnrollmentCounts c;
    while (st.executeStep()) {
        auto status = enrollment_status_from(st.getColumn(0).getString());
        int n = st.getColumn(1).getInt();
        if (!status) continue;
        switch (*status) {
        case EnrollmentStatus::enrolled: c.enrolled = n; break;
        case EnrollmentStatus::waitlisted: c.waitlisted = n; break;
        case EnrollmentStatus::cancelled: c.cancelled = n; break;
        case EnrollmentStatus::walk_in: c.walk_in = n; break;
        }
    }
    return c;
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

Store::SeatState Store::seat_state(Id session, int limit) const try {
    // Both are index probes on enrollments_queue (session_id, status, ...): at most `limit` entries are read.
    auto& st = impl_->stmt(
        "SELECT (SELECT count(*) FROM (SELECT 1 FROM enrollments WHERE session_id = ?1 AND status = 'enrolled' "
        "LIMIT ?2)), EXISTS (SELECT 1 FROM enrollments WHERE session_id = ?1 AND status = 'waitlisted')");
    st.bind(1, session);
    st.bind(2, limit);
    st.executeStep();
    return {st.getColumn(0).getInt(), st.getColumn(1).getInt() != 0};
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

void Store::put_enrollment(Id session, Id participant, EnrollmentStatus status) {
    // The arrival number is the session's next one; taken inside the caller's write transaction, so two
    // processes can never draw the same number.
    put_enrollment_at(session, participant, status, next_arrival(session));
}

std::optional<Id> Store::first_waitlisted(Id session) const try {
    auto& st =
        impl_->stmt("SELECT participant_id FROM enrollments WHERE session_id = ? AND status = 'waitlisted' "
                    "ORDER BY arrival LIMIT 1");
    st.bind(1, session);
    if (!st.executeStep()) return std::nullopt;
    return st.getColumn(0).getInt64();
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

} // namespace asnbelajar::store
