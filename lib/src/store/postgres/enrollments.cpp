// The PostgreSQL backend: the enrollments table (statuses and the first-come queue). Inside a write
// transaction every operation on a session first takes the session's row lock (lock_session()), so that the
// seats counted, the queue read and the arrival numbers drawn stay true until the commit.
#include "postgres_store.hpp"

#include <ctime>
#include <unordered_map>

namespace asnbelajar::store::postgres {
namespace {

Enrollment read_enrollment(const pq::Result& r, int row, Id session) {
    Enrollment e;
    e.session = session;
    e.participant = r.int64(row, 0);
    e.status = enrollment_status_from(r.text(row, 1)).value_or(EnrollmentStatus::enrolled);
    e.arrival = r.int64(row, 2);
    return e;
}

} // namespace

std::vector<Enrollment> PostgresStore::enrollments_of(Id session, std::span<const Id> participants) const
    try {
    std::vector<Enrollment> out;
    if (participants.empty()) return out;
    lock_session(session);
    const pq::Result r = db_->query("SELECT participant_id, status, arrival FROM enrollments "
                                    "WHERE session_id = $1 AND participant_id = ANY($2::bigint[])",
                                    pq::Params().add(session).add(id_array(participants)));
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(read_enrollment(r, i, session));
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

EnrollmentCounts PostgresStore::enrollment_counts(Id session) const try {
    lock_session(session);
    const pq::Result r =
        db_->query("SELECT status, count(*) FROM enrollments WHERE session_id = $1 GROUP BY status",
                   pq::Params().add(session));
    EnrollmentCounts c;
    for (int i = 0; i < r.rows(); ++i) {
        const auto status = enrollment_status_from(r.text(i, 0));
        const int n = r.int32(i, 1);
        if (!status) continue;
        switch (*status) {
        case EnrollmentStatus::enrolled: c.enrolled = n; break;
        case EnrollmentStatus::waitlisted: c.waitlisted = n; break;
        case EnrollmentStatus::cancelled: c.cancelled = n; break;
        case EnrollmentStatus::walk_in: c.walk_in = n; break;
        }
    }
    return c;
} catch (const pq::Failure& e) {
    fail(e);
}

PostgresStore::SeatState PostgresStore::seat_state(Id session, int limit) const try {
    lock_session(session);
    const pq::Result r = db_->query(
        "SELECT (SELECT count(*) FROM (SELECT 1 FROM enrollments WHERE session_id = $1 AND status = 'enrolled' "
        "LIMIT $2) x), EXISTS (SELECT 1 FROM enrollments WHERE session_id = $1 AND status = 'waitlisted')",
        pq::Params().add(session).add(limit));
    return {r.int32(0, 0), r.boolean(0, 1)};
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::put_enrollments(Id session, std::span<const EnrollmentChange> changes) try {
    if (changes.empty()) return;
    lock_session(session); // two writers never draw the same arrival number
    // What the batch's people hold now, and the session's next arrival number, in one round trip.
    std::vector<Id> people;
    people.reserve(changes.size());
    for (const EnrollmentChange& c : changes)
        people.push_back(c.participant);
    const pq::Result r = db_->query(
        "SELECT participant_id, arrival FROM enrollments WHERE session_id = $1 AND participant_id = ANY($2::bigint[]) "
        "UNION ALL SELECT NULL, coalesce(max(arrival), 0) + 1 FROM enrollments WHERE session_id = $1",
        pq::Params().add(session).add(id_array(people)));
    struct State {
        EnrollmentStatus status;
        std::int64_t arrival;
        std::size_t last; // the change that set it
    };
    std::unordered_map<Id, State> state; // the batch's people: those with a row, and what the batch did
    std::int64_t next = 1;
    for (int i = 0; i < r.rows(); ++i) {
        if (r.null(i, 0))
            next = r.int64(i, 1);
        else
            state[r.int64(i, 0)] = {EnrollmentStatus::enrolled, r.int64(i, 1), changes.size()};
    }
    // In order, as the SQLite backend writes them one by one: a seat, a place on the waiting list or a walk-in
    // takes the next number; a cancellation keeps its number, or takes the next when the person had no row.
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const EnrollmentChange& c = changes[i];
        const auto it = state.find(c.participant);
        if (c.status == EnrollmentStatus::cancelled && it != state.end()) {
            it->second.status = c.status;
            it->second.last = i;
        } else {
            state[c.participant] = {c.status, next++, i};
        }
    }
    pq::Array ids, statuses, arrivals;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const State& s = state.at(changes[i].participant);
        if (s.last != i) continue; // the person's last change
        ids.add(static_cast<std::int64_t>(changes[i].participant));
        statuses.add(to_string(s.status));
        arrivals.add(s.arrival);
    }
    db_->query(
        "INSERT INTO enrollments(session_id, participant_id, status, arrival, created, updated) "
        "SELECT $1, k.id, k.status, k.arrival, $5, $5 FROM unnest($2::bigint[], $3::text[], $4::bigint[]) "
        "k(id, status, arrival) "
        "ON CONFLICT (session_id, participant_id) DO UPDATE SET status = excluded.status, "
        "arrival = excluded.arrival, updated = excluded.updated",
        pq::Params()
            .add(session)
            .add(ids.done())
            .add(statuses.done())
            .add(arrivals.done())
            .add(static_cast<std::int64_t>(std::time(nullptr))));
} catch (const pq::Failure& e) {
    fail(e);
}

std::optional<Id> PostgresStore::first_waitlisted(Id session) const try {
    lock_session(session);
    const pq::Result r = db_->query("SELECT participant_id FROM enrollments WHERE session_id = $1 AND "
                                    "status = 'waitlisted' ORDER BY arrival LIMIT 1",
                                    pq::Params().add(session));
    if (r.rows() == 0) return std::nullopt;
    return r.int64(0, 0);
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<Enrollment> PostgresStore::session_enrollments(Id session) const try {
    lock_session(session);
    const pq::Result r =
        db_->query("SELECT participant_id, status, arrival FROM enrollments WHERE session_id = $1",
                   pq::Params().add(session));
    std::vector<Enrollment> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(read_enrollment(r, i, session));
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

} // namespace asnbelajar::store::postgres
