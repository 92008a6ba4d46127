// The SQLite backend: the results table (survey and post-test attempts, the certificate gates).
#include "sqlite_store.hpp"

#include <ctime>

namespace asnbelajar::store::sqlite {

ResultCounts SqliteStore::put_results(std::span<const ResultAttempt> attempts) try {
    ResultCounts counts;
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    for (const ResultAttempt& r : attempts) {
        const std::string kind(to_string(r.kind));
        // `IS` compares NULL with NULL as equal: a person's attempts without a time are one attempt.
        auto& find = stmt("SELECT id, score FROM results WHERE session_id = ? AND kind = ? "
                          "AND participant_id = ? AND submitted_at IS ?");
        find.bind(1, r.session);
        find.bind(2, kind);
        find.bind(3, r.participant);
        bind_or_null(find, 4, r.submitted_at);
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
            auto& st = stmt("UPDATE results SET score = ?, batch = ?, created = ? WHERE id = ?");
            bind_or_null(st, 1, r.score);
            st.bind(2, r.batch);
            st.bind(3, now);
            st.bind(4, *existing);
            st.exec();
            ++counts.replaced;
            continue;
        }
        auto& st = stmt("INSERT INTO results(session_id, participant_id, kind, score, submitted_at, batch, "
                        "created) VALUES (?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, r.session);
        st.bind(2, r.participant);
        st.bind(3, kind);
        bind_or_null(st, 4, r.score);
        bind_or_null(st, 5, r.submitted_at);
        st.bind(6, r.batch);
        st.bind(7, now);
        st.exec();
        ++counts.added;
    }
    return counts;
} catch (const SQLite::Exception& e) {
    fail(e);
}

} // namespace asnbelajar::store::sqlite
