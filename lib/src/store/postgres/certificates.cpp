// The PostgreSQL backend: the certificates table and the global certificate counter, whose row the UPDATE
// locks until the commit: two processes never take the same number.
#include "postgres_store.hpp"

#include "asnbelajar/error.hpp"

#include <fmt/format.h>

#include <ctime>

namespace asnbelajar::store::postgres {

std::int64_t PostgresStore::next_certificate_seq() try {
    const pq::Result r =
        db_->query("UPDATE counters SET value = value + 1 WHERE name = 'certificate' RETURNING value");
    if (r.rows() != 1) throw Error(fmt::format("store {} has no certificate counter", display_));
    return r.int64(0, 0);
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

} // namespace asnbelajar::store::postgres
