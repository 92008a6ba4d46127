// The PostgreSQL backend: the sessions table and the per-session counts.
#include "postgres_store.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <ctime>

namespace asnbelajar::store::postgres {
namespace {

#define PG_SESSION_COLUMNS                                                                                   \
    "s.id, s.code, s.series, s.title, s.start, s.tz, s.minutes, s.jp_tenths, s.speaker, s.capacity, "        \
    "s.min_attendance, s.status, s.requires_survey, s.requires_posttest, s.pass_score"

Session read_session(const pq::Result& r, int row) {
    Session s;
    s.id = r.int64(row, 0);
    s.code = r.str(row, 1);
    if (!r.null(row, 2)) s.series = r.int32(row, 2);
    s.title = r.str(row, 3);
    s.start = r.int64(row, 4);
    s.tz = r.str(row, 5);
    s.minutes = r.int32(row, 6);
    s.jp_tenths = r.int32(row, 7);
    s.speaker = r.str(row, 8);
    if (!r.null(row, 9)) s.capacity = r.int32(row, 9);
    s.min_attendance = r.int32(row, 10);
    s.status = r.text(row, 11) == "cancelled" ? SessionStatus::cancelled : SessionStatus::scheduled;
    s.requires_survey = r.int32(row, 12) != 0;
    s.requires_posttest = r.int32(row, 13) != 0;
    s.pass_score = r.int32(row, 14);
    return s;
}

pq::Params session_params(const Session& s) {
    pq::Params p;
    p.add(s.code).add(s.series).add(s.title).add(s.start).add(s.tz).add(s.minutes).add(s.jp_tenths);
    p.add_or_null(s.speaker).add(s.capacity).add(s.min_attendance).add(std::string(to_string(s.status)));
    p.add(s.requires_survey ? 1 : 0).add(s.requires_posttest ? 1 : 0).add(s.pass_score);
    return p;
}

std::optional<Session> one(const pq::Result& r) {
    if (r.rows() == 0) return std::nullopt;
    return read_session(r, 0);
}

} // namespace

// The counts of every session of `out` in one statement: per session, its enrollments and attendance rows
// joined on the person (a full join: attendance without an enrollment counts as attended/partial too), as
// the SQLite backend counts them. Walk-ins are people present without a seat (status walk-in); absent are
// enrolled people with no attendance row.
void PostgresStore::count_sessions(std::vector<SessionTotals>& out, bool certificates) const {
    if (out.empty()) return;
    std::vector<Id> ids;
    ids.reserve(out.size());
    for (const SessionTotals& t : out)
        ids.push_back(t.session.id);
    const pq::Result r = db_->query(
        "SELECT k.id, c.* FROM unnest($1::bigint[]) WITH ORDINALITY k(id, n) CROSS JOIN LATERAL ("
        "SELECT count(*) FILTER (WHERE e.status = 'enrolled'), count(*) FILTER (WHERE e.status = 'waitlisted'), "
        "count(*) FILTER (WHERE a.outcome = 'attended'), count(*) FILTER (WHERE a.outcome = 'partial'), "
        "count(*) FILTER (WHERE e.status = 'enrolled' AND a.outcome IS NULL), "
        "count(*) FILTER (WHERE e.status = 'walk-in'), "
        "count(*) FILTER (WHERE e.status = 'enrolled' AND a.outcome = 'attended'), "
        "CASE WHEN $2 THEN (SELECT count(*) FROM certificates x WHERE x.session_id = k.id AND x.revoked IS NULL) "
        "ELSE 0 END, "
        "count(a.outcome) > 0 OR (SELECT attendance_imported IS NOT NULL FROM sessions x WHERE x.id = k.id) "
        "FROM (SELECT participant_id, status FROM enrollments WHERE session_id = k.id) e "
        "FULL JOIN (SELECT participant_id, outcome FROM attendance WHERE session_id = k.id) a "
        "ON a.participant_id = e.participant_id) c ORDER BY k.n",
        pq::Params().add(id_array(ids)).add(certificates ? "true" : "false"));
    for (int i = 0; i < r.rows(); ++i) {
        SessionTotals& t = out[static_cast<std::size_t>(i)];
        t.enrolled = r.int32(i, 1);
        t.waitlisted = r.int32(i, 2);
        t.attended = r.int32(i, 3);
        t.partial = r.int32(i, 4);
        t.absent = r.int32(i, 5);
        t.walk_ins = r.int32(i, 6);
        t.attended_enrolled = r.int32(i, 7);
        t.certificates = r.int32(i, 8);
        t.recorded = r.boolean(i, 9);
    }
}

std::optional<Session> PostgresStore::session_by_id(Id id) const try {
    // Inside a write transaction the session's row is locked as it is read (lock_session()).
    if (writing() && !locked_sessions_.contains(id)) {
        locked_sessions_.insert(id);
        return one(db_->query("SELECT " PG_SESSION_COLUMNS " FROM sessions s WHERE s.id = $1 FOR UPDATE",
                              pq::Params().add(id)));
    }
    return one(
        db_->query("SELECT " PG_SESSION_COLUMNS " FROM sessions s WHERE s.id = $1", pq::Params().add(id)));
} catch (const pq::Failure& e) {
    fail(e);
}

std::optional<Session> PostgresStore::session_by_code(const std::string& code) const try {
    if (writing()) {
        std::optional<Session> s =
            one(db_->query("SELECT " PG_SESSION_COLUMNS " FROM sessions s WHERE s.code = $1 FOR UPDATE",
                           pq::Params().add(code)));
        if (s) locked_sessions_.insert(s->id);
        return s;
    }
    return one(db_->query("SELECT " PG_SESSION_COLUMNS " FROM sessions s WHERE s.code = $1",
                          pq::Params().add(code)));
} catch (const pq::Failure& e) {
    fail(e);
}

bool PostgresStore::session_code_exists(const std::string& code) const try {
    return db_->query("SELECT 1 FROM sessions WHERE code = $1", pq::Params().add(code)).rows() > 0;
} catch (const pq::Failure& e) {
    fail(e);
}

Id PostgresStore::insert_session(const Session& s) try {
    pq::Params p = session_params(s);
    p.add(static_cast<std::int64_t>(std::time(nullptr)));
    const pq::Result r = db_->query(
        "INSERT INTO sessions(code, series, title, start, tz, minutes, jp_tenths, speaker, capacity, "
        "min_attendance, status, requires_survey, requires_posttest, pass_score, created) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        p);
    const Id id = r.int64(0, 0);
    locked_sessions_.insert(id); // a new row is this transaction's alone
    return id;
} catch (const pq::Failure& e) {
    fail(e, {{Constraint::session_code, s.code}});
}

void PostgresStore::update_session(const Session& s) try {
    pq::Params p = session_params(s);
    p.add(s.id);
    db_->query("UPDATE sessions SET code = $1, series = $2, title = $3, start = $4, tz = $5, minutes = $6, "
               "jp_tenths = $7, speaker = $8, capacity = $9, min_attendance = $10, status = $11, "
               "requires_survey = $12, requires_posttest = $13, pass_score = $14 WHERE id = $15",
               p);
    locked_sessions_.insert(s.id);
} catch (const pq::Failure& e) {
    fail(e, {{Constraint::session_code, s.code}});
}

std::vector<Session> PostgresStore::sessions_at(std::int64_t start, const std::string& title) const try {
    const pq::Result r = db_->query("SELECT " PG_SESSION_COLUMNS " FROM sessions s WHERE s.start = $1 AND "
                                    "s.title = $2 ORDER BY s.id",
                                    pq::Params().add(start).add(title));
    std::vector<Session> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(read_session(r, i));
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

Store::SessionHoldings PostgresStore::session_holdings(Id session) const try {
    lock_session(session);
    const pq::Result r =
        db_->query("SELECT (SELECT count(*) FROM enrollments WHERE session_id = $1), "
                   "(SELECT count(*) FROM (SELECT participant_id FROM attendance_marks WHERE session_id = $1 "
                   "UNION SELECT participant_id FROM attendance WHERE session_id = $1) x), "
                   "(SELECT count(*) FROM certificates WHERE session_id = $1)",
                   pq::Params().add(session));
    return {r.int32(0, 0), r.int32(0, 1), r.int32(0, 2)};
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::delete_session(Id session) try {
    lock_session(session);
    db_->query("DELETE FROM enrollments WHERE session_id = $1", pq::Params().add(session));
    db_->query("DELETE FROM sessions WHERE id = $1", pq::Params().add(session));
    locked_sessions_.erase(session);
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<SessionTotals> PostgresStore::session_totals(std::int64_t from, std::int64_t to) const try {
    const pq::Result r = db_->query("SELECT " PG_SESSION_COLUMNS " FROM sessions s WHERE s.start >= $1 AND "
                                    "s.start < $2 ORDER BY s.start, s.id",
                                    pq::Params().add(from).add(to));
    std::vector<SessionTotals> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({read_session(r, i)});
    count_sessions(out);
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

SessionTotals PostgresStore::session_totals(const Session& s) const try {
    std::vector<SessionTotals> out{{session_by_id(s.id).value_or(Session{})}};
    if (out[0].session.id != s.id) throw Error(tr("session {} vanished", s.code));
    count_sessions(out);
    return out[0];
} catch (const pq::Failure& e) {
    fail(e);
}

} // namespace asnbelajar::store::postgres
