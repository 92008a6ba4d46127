// The SQLite backend: the certificates table and the global certificate counter.
#include "sqlite_store.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <ctime>

namespace asnbelajar::store::sqlite {

std::int64_t SqliteStore::next_certificate_seq() try {
    auto& bump = stmt("UPDATE counters SET value = value + 1 WHERE name = 'certificate'");
    if (bump.exec() != 1) throw Error(tr("store {} has no certificate counter", path_));
    return certificate_counter();
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::int64_t SqliteStore::highest_certificate_seq() const try {
    auto& st = stmt("SELECT coalesce(max(seq), 0) FROM certificates");
    st.executeStep();
    return st.getColumn(0).getInt64();
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::int64_t SqliteStore::certificate_counter() const try {
    auto& st = stmt("SELECT value FROM counters WHERE name = 'certificate'");
    if (!st.executeStep()) throw Error(tr("store {} has no certificate counter", path_));
    return st.getColumn(0).getInt64();
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::set_certificate_counter(std::int64_t last) try {
    auto& st = stmt("UPDATE counters SET value = ? WHERE name = 'certificate'");
    st.bind(1, last);
    if (st.exec() != 1) throw Error(tr("store {} has no certificate counter", path_));
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::insert_certificate(Id session, Id participant, std::int64_t seq,
                                     const std::string& number) try {
    auto& st = stmt("INSERT INTO certificates(seq, number, session_id, participant_id, issued) "
                    "VALUES (?, ?, ?, ?, ?)");
    st.bind(1, seq);
    st.bind(2, number);
    st.bind(3, session);
    st.bind(4, participant);
    st.bind(5, static_cast<std::int64_t>(std::time(nullptr)));
    st.exec();
} catch (const SQLite::Exception& e) {
    fail(e, {{Constraint::certificate_number, number}, {Constraint::certificate_seq, std::to_string(seq)}});
}

std::optional<std::string> SqliteStore::revoke_certificate(Id session, Id participant) try {
    auto& find = stmt("SELECT id, number FROM certificates "
                      "WHERE session_id = ? AND participant_id = ? AND revoked IS NULL");
    find.bind(1, session);
    find.bind(2, participant);
    if (!find.executeStep()) return std::nullopt;
    Id id = find.getColumn(0).getInt64();
    std::string number = find.getColumn(1).getString();
    find.reset();
    auto& st = stmt("UPDATE certificates SET revoked = ? WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(std::time(nullptr)));
    st.bind(2, id);
    st.exec();
    return number;
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::optional<CertificateRecord> SqliteStore::certificate_by_number(const std::string& number) const try {
    auto& st = stmt("SELECT session_id, participant_id, revoked IS NOT NULL FROM certificates "
                    "WHERE number = ?");
    st.bind(1, number);
    if (!st.executeStep()) return std::nullopt;
    const Id session = st.getColumn(0).getInt64();
    const Id person = st.getColumn(1).getInt64();
    CertificateRecord c;
    c.number = number;
    c.revoked = st.getColumn(2).getInt() != 0;
    st.reset();
    // Foreign keys hold both: a certificate's session and person exist.
    c.session = session_by_id(session).value_or(Session{});
    c.person = participant_by_id(person).value_or(Participant{});
    return c;
} catch (const SQLite::Exception& e) {
    fail(e);
}

} // namespace asnbelajar::store::sqlite
