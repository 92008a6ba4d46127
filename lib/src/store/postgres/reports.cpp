// The PostgreSQL backend: the read-only queries behind the reports. Each is one statement; the server joins,
// groups and sorts (text by its bytes: every column is COLLATE "C").
#include "postgres_store.hpp"

namespace asnbelajar::store::postgres {

std::vector<RosterRow> PostgresStore::session_roster(Id session) const try {
    // Everyone with an enrollment row, plus anyone present without one.
    const pq::Result r = db_->query(
        "SELECT " PG_PARTICIPANT_COLUMNS ", e.status, a.minutes, a.self_declared, a.outcome, c.number, "
        "r.survey, r.posttest "
        "FROM (SELECT participant_id FROM enrollments WHERE session_id = $1 "
        "      UNION SELECT participant_id FROM attendance WHERE session_id = $1) k "
        "JOIN participants p ON p.id = k.participant_id "
        "LEFT JOIN enrollments e ON e.session_id = $1 AND e.participant_id = p.id "
        "LEFT JOIN attendance a ON a.session_id = $1 AND a.participant_id = p.id "
        "LEFT JOIN certificates c ON c.session_id = $1 AND c.participant_id = p.id AND c.revoked IS NULL "
        // Each person's results: whether any survey attempt is recorded, and the best post-test score.
        "LEFT JOIN (SELECT participant_id, max(CASE WHEN kind = 'survey' THEN 1 ELSE 0 END) AS survey, "
        "                  max(CASE WHEN kind = 'posttest' THEN score END) AS posttest "
        "           FROM results WHERE session_id = $1 GROUP BY participant_id) r ON r.participant_id = p.id "
        "ORDER BY CASE e.status WHEN 'enrolled' THEN 0 WHEN 'walk-in' THEN 1 WHEN 'waitlisted' THEN 2 ELSE 3 END, "
        "e.arrival NULLS FIRST, p.id",
        pq::Params().add(session));
    std::vector<RosterRow> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        RosterRow row;
        row.person = read_participant(r, i);
        read_presence(r, i, 9, row);
        row.survey = !r.null(i, 14) && r.int32(i, 14) != 0;
        if (!r.null(i, 15)) row.posttest = r.int32(i, 15);
        out.push_back(std::move(row));
    }
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<AgencyCount> PostgresStore::agency_attendance(Id session) const try {
    const pq::Result r = db_->query("SELECT coalesce(p.agency, ''), count(*) FROM attendance a "
                                    "JOIN participants p ON p.id = a.participant_id "
                                    "WHERE a.session_id = $1 AND a.outcome = 'attended' GROUP BY 1",
                                    pq::Params().add(session));
    std::vector<AgencyCount> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.str(i, 0), r.int32(i, 1)});
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<CertificateRow> PostgresStore::live_certificates(const std::vector<Id>& sessions) const try {
    const pq::Result r = db_->query("SELECT c.number, c.seq, c.session_id, " PG_PARTICIPANT_COLUMNS ", "
                                    "EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = c.session_id "
                                    "AND a.participant_id = c.participant_id AND a.outcome = 'attended') "
                                    "FROM sessions s "
                                    "JOIN certificates c ON c.session_id = s.id AND c.revoked IS NULL "
                                    "JOIN participants p ON p.id = c.participant_id "
                                    "WHERE s.id = ANY($1::bigint[]) ORDER BY s.start, s.id, c.seq",
                                    pq::Params().add(id_array(sessions)));
    std::vector<CertificateRow> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(
            {r.str(i, 0), r.int64(i, 1), r.int64(i, 2), read_participant(r, i, 3), r.boolean(i, 12)});
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<SessionTime> PostgresStore::session_times(std::int64_t from, std::int64_t to) const try {
    const pq::Result r =
        db_->query("SELECT id, start, tz, status FROM sessions WHERE start >= $1 AND start < $2 "
                   "ORDER BY start, id",
                   pq::Params().add(from).add(to));
    std::vector<SessionTime> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.int64(i, 0), r.int64(i, 1), r.str(i, 2),
                       r.text(i, 3) == "cancelled" ? SessionStatus::cancelled : SessionStatus::scheduled});
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<SessionRate> PostgresStore::attendance_rates(const std::vector<Id>& sessions) const try {
    std::vector<SessionTotals> totals(sessions.size());
    for (std::size_t i = 0; i < sessions.size(); ++i)
        totals[i].session.id = sessions[i];
    count_sessions(totals, false);
    std::vector<SessionRate> out;
    out.reserve(totals.size());
    for (const SessionTotals& t : totals)
        out.push_back({t.session.id, t.enrolled, t.attended_enrolled, t.recorded});
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<HistoryRow> PostgresStore::participant_history(Id participant) const try {
    const pq::Result r = db_->query(
        "SELECT s.id, e.status, a.minutes, a.self_declared, a.outcome, c.number "
        "FROM (SELECT session_id FROM enrollments WHERE participant_id = $1 "
        "      UNION SELECT session_id FROM attendance WHERE participant_id = $1) k "
        "JOIN sessions s ON s.id = k.session_id "
        "LEFT JOIN enrollments e ON e.session_id = s.id AND e.participant_id = $1 "
        "LEFT JOIN attendance a ON a.session_id = s.id AND a.participant_id = $1 "
        "LEFT JOIN certificates c ON c.session_id = s.id AND c.participant_id = $1 AND c.revoked IS NULL "
        "ORDER BY s.start, s.id",
        pq::Params().add(participant));
    std::vector<HistoryRow> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        HistoryRow row;
        row.session = r.int64(i, 0);
        read_presence(r, i, 1, row);
        out.push_back(std::move(row));
    }
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

Tallies PostgresStore::tally_participation(const std::vector<Id>& sessions) const try {
    // As on SQLite: each session's enrollment and attendance rows read once and tallied here (one session's
    // rows in memory at a time), by model.hpp's JP rule. Participant ids are dense from 1 (bigserial).
    const pq::Result top = db_->query("SELECT coalesce(max(id), -1) FROM participants", pq::Params());
    Tallies tallies(top.int64(0, 0));
    std::vector<Id> chosen = sessions;
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    for (Id session : chosen) {
        const pq::Result s =
            db_->query("SELECT jp_tenths FROM sessions WHERE id = $1", pq::Params().add(session));
        if (s.rows() == 0) continue;
        const std::int64_t jp = s.int64(0, 0);
        const pq::Result e = db_->query("SELECT participant_id FROM enrollments WHERE session_id = $1",
                                        pq::Params().add(session));
        for (int i = 0; i < e.rows(); ++i)
            tallies.add(e.int64(i, 0));
        const pq::Result a = db_->query("SELECT participant_id, (outcome = 'attended')::int FROM attendance "
                                        "WHERE session_id = $1",
                                        pq::Params().add(session));
        for (int i = 0; i < a.rows(); ++i) {
            const bool attended = a.int32(i, 1) != 0;
            tallies.add(
                a.int64(i, 0), attended,
                jp_earned_tenths(attended ? AttendanceOutcome::attended : AttendanceOutcome::partial, jp));
        }
    }
    return tallies;
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::walk(const char* declare, const pq::Params& params,
                         const std::function<void(const pq::Result&)>& batch) const {
    const bool own = !db_->in_transaction(); // a cursor lives in a transaction
    if (own) db_->exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
        db_->query(declare, params);
        for (;;) {
            const pq::Result r = db_->exec("FETCH FORWARD 10000 FROM asnb_walk");
            if (r.rows() == 0) break;
            batch(r);
        }
        db_->exec("CLOSE asnb_walk");
        if (own) db_->exec("COMMIT");
    } catch (...) {
        // A failed statement (or the caller's batch) leaves the transaction to end: a read-only one loses nothing.
        if (own && db_->in_transaction()) {
            try {
                db_->exec("ROLLBACK");
            } catch (const pq::Failure&) { // the connection is gone: so is the transaction
            }
        } else if (!own) {
            try {
                db_->exec("CLOSE asnb_walk"); // the caller's transaction goes on: a second walk may follow
            } catch (const pq::Failure&) {    // an aborted transaction: the cursor goes with it
            }
        }
        throw;
    }
}

void PostgresStore::each_person_year(const Tallies& people, PersonDetail detail,
                                     const std::function<void(PersonYear&)>& row) const try {
    // The people's rows, ordered by the server for the report (agency, none as "", then name, then id, by their
    // bytes: COLLATE "C"), read through a cursor a batch at a time: libpq holds one batch, never the whole
    // year, and the server's sort spills to disk beyond work_mem. What grows with the people is their ids (8
    // bytes each, sent once as the cursor's parameter).
    const bool full = detail == PersonDetail::report;
    std::vector<Id> ids;
    ids.reserve(people.people());
    people.each([&ids](Id id, int, std::int64_t) { ids.push_back(id); });
    const pq::Params params = pq::Params().add(id_array(ids));
    ids = {};
    PersonYear y;
    walk(full ? "DECLARE asnb_walk NO SCROLL CURSOR FOR "
                "SELECT id, agency, nip, name, unit FROM participants "
                "WHERE id = ANY($1::bigint[]) ORDER BY coalesce(agency, ''), name, id"
              : "DECLARE asnb_walk NO SCROLL CURSOR FOR "
                "SELECT id, agency, nip FROM participants WHERE id = ANY($1::bigint[])",
         params, [&](const pq::Result& r) {
             for (int i = 0; i < r.rows(); ++i) {
                 y.person.id = r.int64(i, 0);
                 y.person.agency = r.str(i, 1);
                 y.person.nip = r.str(i, 2);
                 if (full) {
                     y.person.name = r.str(i, 3);
                     y.person.unit = r.str(i, 4);
                 }
                 std::tie(y.attended, y.jp_tenths) = people.get(y.person.id);
                 row(y);
             }
         });
} catch (const pq::Failure& e) {
    fail(e);
}

} // namespace asnbelajar::store::postgres
