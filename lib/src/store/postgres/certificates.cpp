// The PostgreSQL backend: the certificates table and the global certificate counter, whose row the UPDATE
// locks until the commit: two processes never take the same number.
#include "postgres_store.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

namespace asnbelajar::store::postgres {

std::int64_t PostgresStore::next_certificate_seq() try {
    const pq::Result r =
        db_->query("UPDATE counters SET value = value + 1 WHERE name = 'certificate' RETURNING value");
    if (r.rows() != 1) throw Error(tr("store {} has no certificate counter", display_));
    return r.int64(0, 0);
} catch (const pq::Failure& e) {
    fail(e);
}

std::int64_t PostgresStore::highest_certificate_seq() const try {
    return db_->query("SELECT coalesce(max(seq), 0) FROM certificates").int64(0, 0);
} catch (const pq::Failure& e) {
    fail(e);
}

std::int64_t PostgresStore::certificate_counter() const try {
    const pq::Result r = db_->query("SELECT value FROM counters WHERE name = 'certificate'");
    if (r.rows() != 1) throw Error(tr("store {} has no certificate counter", display_));
    return r.int64(0, 0);
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::set_certificate_counter(std::int64_t last) try {
    const pq::Result r = db_->query(
        "UPDATE counters SET value = $1 WHERE name = 'certificate' RETURNING value", pq::Params().add(last));
    if (r.rows() != 1) throw Error(tr("store {} has no certificate counter", display_));
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::insert_certificate(Id session, Id participant, std::int64_t seq,
                                       const std::string& number) try {
    lock_session(session);
    db_->query("INSERT INTO certificates(seq, number, session_id, participant_id, issued) "
               "VALUES ($1, $2, $3, $4, $5)",
               pq::Params()
                   .add(seq)
                   .add(number)
                   .add(session)
                   .add(participant)
                   .add(static_cast<std::int64_t>(std::time(nullptr))));
} catch (const pq::Failure& e) {
    fail(e, {{Constraint::certificate_number, number}, {Constraint::certificate_seq, std::to_string(seq)}});
}

std::optional<std::string> PostgresStore::revoke_certificate(Id session, Id participant) try {
    lock_session(session);
    const pq::Result r = db_->query(
        "UPDATE certificates SET revoked = $3 WHERE session_id = $1 AND "
        "participant_id = $2 AND revoked IS NULL RETURNING number",
        pq::Params().add(session).add(participant).add(static_cast<std::int64_t>(std::time(nullptr))));
    if (r.rows() == 0) return std::nullopt;
    return r.str(0, 0);
} catch (const pq::Failure& e) {
    fail(e);
}

std::optional<CertificateRecord> PostgresStore::certificate_by_number(const std::string& number) const try {
    const pq::Result r =
        db_->query("SELECT session_id, participant_id, revoked IS NOT NULL FROM certificates "
                   "WHERE number = $1",
                   pq::Params().add(number));
    if (r.rows() == 0) return std::nullopt;
    CertificateRecord c;
    c.number = number;
    c.revoked = r.boolean(0, 2);
    // Foreign keys hold both: a certificate's session and person exist.
    c.session = session_by_id(r.int64(0, 0)).value_or(Session{});
    c.person = participant_by_id(r.int64(0, 1)).value_or(Participant{});
    return c;
} catch (const pq::Failure& e) {
    fail(e);
}

std::optional<std::string> PostgresStore::signing_key() const try {
    // Asked first, so that a role without the right gets the reason, not the server's "permission denied".
    if (!db_->query("SELECT has_table_privilege('signing_key', 'SELECT')").boolean(0, 0))
        throw Error(tr("cannot read the signing key of {}: only the role that owns the store may read it "
                       "(table signing_key; see docs/certificates.md)",
                       display_));
    const pq::Result r = db_->query("SELECT seed FROM signing_key WHERE id = 1");
    if (r.rows() == 0) return std::nullopt;
    return r.str(0, 0);
} catch (const pq::Failure& e) {
    fail(e);
}

std::string PostgresStore::put_signing_key(const std::string& text) try {
    if (!db_->query("SELECT has_table_privilege('signing_key', 'INSERT')").boolean(0, 0))
        throw Error(tr("cannot store the signing key of {}: only the role that owns the store may write it "
                       "(table signing_key; see docs/certificates.md)",
                       display_));
    // ON CONFLICT DO NOTHING waits for a concurrent insert of the row, then keeps that one.
    db_->query("INSERT INTO signing_key(id, seed, created) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING",
               pq::Params().add(text).add(static_cast<std::int64_t>(std::time(nullptr))));
    return signing_key().value_or(text);
} catch (const pq::Failure& e) {
    fail(e);
}

ResultCounts PostgresStore::put_results(std::span<const ResultAttempt> attempts) try {
    // One statement for a whole file: the attempts as arrays, matched with the stored ones on (session, kind,
    // person, submitted_at), NULL times equal (IS NOT DISTINCT FROM). Within the file a later attempt with
    // the same key replaces an earlier one, as the SQLite backend's row-by-row writes do.
    ResultCounts counts;
    if (attempts.empty()) return counts;
    std::vector<Id> sessions;
    for (const ResultAttempt& a : attempts)
        if (std::find(sessions.begin(), sessions.end(), a.session) == sessions.end())
            sessions.push_back(a.session);
    for (Id s : sessions)
        lock_session(s);
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    for (const ResultAttempt& r : attempts) {
        const std::string kind(to_string(r.kind));
        pq::Params find;
        find.add(r.session).add(kind).add(r.participant);
        if (r.submitted_at)
            find.add(*r.submitted_at);
        else
            find.add_null();
        const pq::Result f = db_->query("SELECT id, score FROM results WHERE session_id = $1 AND kind = $2 "
                                        "AND participant_id = $3 AND submitted_at IS NOT DISTINCT FROM $4",
                                        find);
        std::optional<Id> existing;
        std::optional<int> old_score;
        if (f.rows() > 0) {
            existing = f.int64(0, 0);
            if (!f.null(0, 1)) old_score = f.int32(0, 1);
        }
        if (existing && old_score == r.score) {
            ++counts.unchanged;
            continue;
        }
        pq::Params p;
        if (r.score)
            p.add(*r.score);
        else
            p.add_null();
        if (existing) {
            p.add(r.batch).add(now).add(r.session).add(*existing);
            db_->query(
                "UPDATE results SET score = $1, batch = $2, created = $3 WHERE session_id = $4 AND id = $5",
                p);
            ++counts.replaced;
            continue;
        }
        p.add(r.session).add(r.participant).add(kind);
        if (r.submitted_at)
            p.add(*r.submitted_at);
        else
            p.add_null();
        p.add(r.batch).add(now);
        db_->query(
            "INSERT INTO results(score, session_id, participant_id, kind, submitted_at, batch, created) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            p);
        ++counts.added;
    }
    return counts;
} catch (const pq::Failure& e) {
    fail(e);
}

} // namespace asnbelajar::store::postgres
