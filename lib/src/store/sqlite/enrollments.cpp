// The SQLite backend: the enrollments table (statuses and the first-come queue).
#include "sqlite_store.hpp"

#include <ctime>

namespace asnbelajar::store::sqlite {

std::vector<Enrollment> SqliteStore::enrollments_of(Id session, std::span<const Id> participants) const try {
    auto& st = stmt("SELECT status, arrival FROM enrollments WHERE session_id = ? AND participant_id = ?");
    std::vector<Enrollment> out;
    for (Id participant : participants) {
        st.tryReset();
        st.bind(1, session);
        st.bind(2, participant);
        if (!st.executeStep()) continue;
        Enrollment e;
        e.session = session;
        e.participant = participant;
        e.status = enrollment_status_from(st.getColumn(0).getString()).value_or(EnrollmentStatus::enrolled);
        e.arrival = st.getColumn(1).getInt64();
        out.push_back(e);
    }
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

EnrollmentCounts SqliteStore::enrollment_counts(Id session) const try {
    auto& st = stmt("SELECT status, count(*) FROM enrollments WHERE session_id = ? GROUP BY status");
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
    fail(e);
}

SqliteStore::SeatState SqliteStore::seat_state(Id session, int limit) const try {
    // Both are index probes on enrollments_queue (session_id, status, ...): at most `limit` entries are read.
    auto& st = stmt(
        "SELECT (SELECT count(*) FROM (SELECT 1 FROM enrollments WHERE session_id = ?1 AND status = 'enrolled' "
        "LIMIT ?2)), EXISTS (SELECT 1 FROM enrollments WHERE session_id = ?1 AND status = 'waitlisted')");
    st.bind(1, session);
    st.bind(2, limit);
    st.executeStep();
    return {st.getColumn(0).getInt(), st.getColumn(1).getInt() != 0};
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::put_enrollments(Id session, std::span<const EnrollmentChange> changes) try {
    if (changes.empty()) return;
    // The arrival numbers continue the session's (one more than the highest so far), read inside the caller's
    // write transaction, so two processes can never draw the same number.
    auto& next = stmt("SELECT coalesce(max(arrival), 0) + 1 FROM enrollments WHERE session_id = ?");
    const auto next_arrival = [&] {
        next.tryReset();
        next.bind(1, session);
        next.executeStep();
        return next.getColumn(0).getInt64();
    };
    std::int64_t arrival = next_arrival();
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    for (const EnrollmentChange& c : changes) {
        auto& st =
            stmt("INSERT INTO enrollments(session_id, participant_id, status, arrival, created, updated) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?5) "
                 "ON CONFLICT(session_id, participant_id) DO UPDATE SET status = excluded.status, "
                 "arrival = CASE WHEN excluded.status = 'cancelled' THEN arrival ELSE excluded.arrival END, "
                 "updated = excluded.updated");
        st.bind(1, session);
        st.bind(2, c.participant);
        st.bindNoCopy(3, to_string(c.status).data()); // a string literal
        st.bind(4, arrival);
        st.bind(5, now);
        st.exec();
        // A cancellation keeps its number (or, for someone without an enrollment, takes this one).
        arrival = c.status == EnrollmentStatus::cancelled ? next_arrival() : arrival + 1;
    }
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::optional<Id> SqliteStore::first_waitlisted(Id session) const try {
    auto& st = stmt("SELECT participant_id FROM enrollments WHERE session_id = ? AND status = 'waitlisted' "
                    "ORDER BY arrival LIMIT 1");
    st.bind(1, session);
    if (!st.executeStep()) return std::nullopt;
    return st.getColumn(0).getInt64();
} catch (const SQLite::Exception& e) {
    fail(e);
}

} // namespace asnbelajar::store::sqlite
