// Store: the certificates table and the global certificate counter.
#include "store_impl.hpp"

#include "asnbelajar/error.hpp"

#include <fmt/format.h>

#include <ctime>

namespace asnbelajar::store {

std::int64_t Store::next_certificate_seq() try {
    auto& bump = impl_->stmt("UPDATE counters SET value = value + 1 WHERE name = 'certificate'");
    if (bump.exec() != 1) throw Error(fmt::format("store {} has no certificate counter", impl_->path));
    auto& read = impl_->stmt("SELECT value FROM counters WHERE name = 'certificate'");
    read.executeStep();
    return read.getColumn(0).getInt64();
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

void Store::insert_certificate(Id session, Id participant, std::int64_t seq, const std::string& number) try {
    auto& st = impl_->stmt("INSERT INTO certificates(seq, number, session_id, participant_id, issued) "
                           "VALUES (?, ?, ?, ?, ?)");
    st.bind(1, seq);
    st.bind(2, number);
    st.bind(3, session);
    st.bind(4, participant);
    st.bind(5, static_cast<std::int64_t>(std::time(nullptr)));
    st.exec();
} catch (const SQLite::Exception& e) {
    impl_->fail(
        e, {{Constraint::certificate_number, number}, {Constraint::certificate_seq, std::to_string(seq)}});
}

std::optional<std::string> Store::revoke_certificate(Id session, Id participant) try {
    auto& find = impl_->stmt("SELECT id, number FROM certificates "
                             "WHERE session_id = ? AND participant_id = ? AND revoked IS NULL");
    find.bind(1, session);
    find.bind(2, participant);
    if (!find.executeStep()) return std::nullopt;
    Id id = find.getColumn(0).getInt64();
    std::string number = find.getColumn(1).getString();
    find.reset();
    auto& st = impl_->stmt("UPDATE certificates SET revoked = ? WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(std::time(nullptr)));
    st.bind(2, id);
    st.exec();
    return number;
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

} // namespace asnbelajar::store
