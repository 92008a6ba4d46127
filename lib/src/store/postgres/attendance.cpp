// The PostgreSQL backend: raw attendance marks (added with one COPY per batch, so that their ids keep the
// order given) and the per-person summaries computed from them (one set-based statement per batch).
#include "postgres_store.hpp"

#include <algorithm>
#include <ctime>
#include <unordered_map>

namespace asnbelajar::store::postgres {
namespace {

// A mark from the columns kind, join_at, leave_at, seconds, source, batch.
AttendanceMark read_mark(const pq::Result& r, int row, int first) {
    AttendanceMark m;
    m.kind = mark_kind_from(r.text(row, first)).value_or(MarkKind::manual);
    m.join = r.int64(row, first + 1);
    m.leave = r.int64(row, first + 2);
    m.seconds = r.int64(row, first + 3);
    m.source = r.str(row, first + 4);
    m.batch = r.str(row, first + 5);
    return m;
}

} // namespace

void PostgresStore::add_marks(Id session, std::span<const PersonMarks> people) try {
    lock_session(session);
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    pq::CopyRows rows;
    for (const PersonMarks& person : people)
        for (const AttendanceMark& mark : person.marks) {
            const bool has_times = mark.kind == MarkKind::interval || mark.kind == MarkKind::span;
            const bool has_seconds = mark.kind != MarkKind::interval && mark.kind != MarkKind::self;
            rows.field(static_cast<std::int64_t>(session))
                .field(static_cast<std::int64_t>(person.person))
                .field(to_string(mark.kind));
            if (has_times)
                rows.field(mark.join).field(mark.leave);
            else
                rows.null().null();
            if (has_seconds)
                rows.field(mark.seconds);
            else
                rows.null();
            rows.field(mark.source).field_or_null(mark.batch).field(now).end_row();
        }
    if (rows.rows() == 0) return;
    db_->copy_in(
        "COPY attendance_marks(session_id, participant_id, kind, join_at, leave_at, seconds, source, "
        "batch, created) FROM STDIN",
        rows);
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::delete_marks(Id session, Id participant, MarkKind kind) try {
    lock_session(session);
    db_->query("DELETE FROM attendance_marks WHERE session_id = $1 AND participant_id = $2 AND kind = $3",
               pq::Params().add(session).add(participant).add(to_string(kind)));
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<PersonMarks> PostgresStore::marks_of(Id session, std::span<const Id> participants) const try {
    std::vector<PersonMarks> out(participants.size());
    for (std::size_t i = 0; i < participants.size(); ++i)
        out[i].person = participants[i];
    if (participants.empty()) return out;
    lock_session(session);
    const pq::Result r = db_->query(
        "SELECT participant_id, kind, join_at, leave_at, seconds, source, batch FROM attendance_marks "
        "WHERE session_id = $1 AND participant_id = ANY($2::bigint[]) ORDER BY participant_id, id",
        pq::Params().add(session).add(id_array(participants)));
    std::unordered_multimap<Id, std::size_t> slots; // a person named twice gets the marks twice
    for (std::size_t i = 0; i < participants.size(); ++i)
        slots.emplace(participants[i], i);
    for (int i = 0; i < r.rows(); ++i) {
        const Id person = r.int64(i, 0);
        const AttendanceMark m = read_mark(r, i, 1);
        const auto [from, to] = slots.equal_range(person);
        for (auto it = from; it != to; ++it)
            out[it->second].marks.push_back(m);
    }
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<PersonMarks> PostgresStore::session_marks(Id session) const try {
    lock_session(session);
    const pq::Result r = db_->query(
        "SELECT participant_id, kind, join_at, leave_at, seconds, source, batch FROM attendance_marks "
        "WHERE session_id = $1 ORDER BY participant_id, id",
        pq::Params().add(session));
    std::vector<PersonMarks> out;
    for (int i = 0; i < r.rows(); ++i) {
        const Id person = r.int64(i, 0);
        if (out.empty() || out.back().person != person) out.push_back({person, {}});
        out.back().marks.push_back(read_mark(r, i, 1));
    }
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<Id> PostgresStore::participants_with_marks(Id session) const try {
    lock_session(session);
    const pq::Result r =
        db_->query("SELECT DISTINCT participant_id FROM attendance_marks WHERE session_id = $1",
                   pq::Params().add(session));
    std::vector<Id> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(r.int64(i, 0));
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::put_summaries(Id session, std::span<const PersonSummary> summaries) try {
    if (summaries.empty()) return;
    lock_session(session);
    // Each person's last summary in the batch counts: none removes the row, one replaces it.
    std::unordered_map<Id, std::size_t> last;
    for (std::size_t i = 0; i < summaries.size(); ++i)
        last[summaries[i].participant] = i;
    pq::Array gone, ids, minutes, self, outcomes;
    for (std::size_t i = 0; i < summaries.size(); ++i) {
        const PersonSummary& p = summaries[i];
        if (last[p.participant] != i) continue;
        if (!p.summary) {
            gone.add(static_cast<std::int64_t>(p.participant));
            continue;
        }
        ids.add(static_cast<std::int64_t>(p.participant));
        minutes.add(static_cast<std::int64_t>(p.summary->minutes));
        self.add(static_cast<std::int64_t>(p.summary->self_declared ? 1 : 0));
        outcomes.add(to_string(p.outcome));
    }
    // The two sets name different people: one statement does both.
    db_->query(
        "WITH gone AS (DELETE FROM attendance WHERE session_id = $1 AND participant_id = ANY($2::bigint[])) "
        "INSERT INTO attendance(session_id, participant_id, minutes, self_declared, outcome) "
        "SELECT $1, k.id, k.minutes, k.self, k.outcome "
        "FROM unnest($3::bigint[], $4::integer[], $5::integer[], $6::text[]) k(id, minutes, self, outcome) "
        "ON CONFLICT (session_id, participant_id) DO UPDATE SET minutes = excluded.minutes, "
        "self_declared = excluded.self_declared, outcome = excluded.outcome",
        pq::Params()
            .add(session)
            .add(gone.done())
            .add(ids.done())
            .add(minutes.done())
            .add(self.done())
            .add(outcomes.done()));
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::clear_session_attendance(Id session) try {
    lock_session(session);
    // Walk-ins exist only through their attendance.
    db_->query("WITH m AS (DELETE FROM attendance_marks WHERE session_id = $1), "
               "a AS (DELETE FROM attendance WHERE session_id = $1) "
               "DELETE FROM enrollments WHERE session_id = $1 AND status = 'walk-in'",
               pq::Params().add(session));
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::note_attendance_import(Id session, std::int64_t at) try {
    lock_session(session);
    db_->query("UPDATE sessions SET attendance_imported = $1 WHERE id = $2",
               pq::Params().add(at).add(session));
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<Id> PostgresStore::delete_batch_marks(Id session, const std::string& batch) try {
    lock_session(session);
    const pq::Result r =
        db_->query("WITH d AS (DELETE FROM attendance_marks WHERE session_id = $1 AND batch = $2 "
                   "RETURNING participant_id) SELECT DISTINCT participant_id FROM d",
                   pq::Params().add(session).add(batch));
    std::vector<Id> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(r.int64(i, 0));
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

PostgresStore::OutcomeCounts PostgresStore::outcome_counts(Id session) const try {
    lock_session(session);
    const pq::Result r = db_->query(
        "SELECT count(*) FILTER (WHERE outcome = 'attended'), count(*) FILTER (WHERE outcome = 'partial') "
        "FROM attendance WHERE session_id = $1",
        pq::Params().add(session));
    return {r.int32(0, 0), r.int32(0, 1)};
} catch (const pq::Failure& e) {
    fail(e);
}

} // namespace asnbelajar::store::postgres
