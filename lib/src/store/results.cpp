// Store: the results table (survey and post-test attempts) and finding a certificate by its number.
#include "store_impl.hpp"

#include <ctime>

namespace asnbelajar::store {

Store::ResultCounts Store::put_results(std::span<const ResultAttempt> attempts) try {
    ResultCounts counts;
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    for (const ResultAttempt& r : attempts) {
        const std::string kind(to_string(r.kind));
        // `IS` compares NULL with NULL as equal: a person's attempts without a time are one attempt.
        auto& find = impl_->stmt("SELECT id, score FROM results WHERE session_id = ? AND kind = ? "
                                 "AND participant_id = ? AND submitted_at IS ?");
        find.bind(1, r.session);
        find.bind(2, kind);
        find.bind(3, r.participant);
        if (r.submitted_at)
            find.bind(4, *r.submitted_at);
        else
            find.bind(4);
        std::optional<Id> existing;
        std::optional<int> old_score;
        if (find.executeStep()) {
            existing = find.getColumn(0).getInt64();
            if (!find.getColumn(1).isNull()) old_score = find.getColumn(1).getInt();
        }
        find.reset();
        if (existing && old_score == r.score) {
            ++counts.unchanged;
            continue;
        }
        if (existing) {
            auto& st = impl_->stmt("UPDATE results SET score = ?, batch = ?, created = ? WHERE id = ?");
            if (r.score)
                st.bind(1, *r.score);
            else
                st.bind(1);
            st.bind(2, r.batch);
            st.bind(3, now);
            st.bind(4, *existing);
            st.exec();
            ++counts.replaced;
            continue;
        }
        auto& st =
            impl_->stmt("INSERT INTO results(session_id, participant_id, kind, score, submitted_at, batch, "
                        "created) VALUES (?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, r.session);
        st.bind(2, r.participant);
        st.bind(3, kind);
        if (r.score)
            st.bind(4, *r.score);
        else
            st.bind(4);
        if (r.submitted_at)
            st.bind(5, *r.submitted_at);
        else
            st.bind(5);
        st.bind(6, r.batch);
        st.bind(7, now);
        st.exec();
        ++counts.added;
    }
    return counts;
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

std::optional<Store::CertificateRecord> Store::certificate_by_number(const std::string& number) const try {
    auto& st = impl_->stmt("SELECT session_id, participant_id, revoked IS NOT NULL FROM certificates "
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
    impl_->fail(e);
}

} // namespace asnbelajar::store
