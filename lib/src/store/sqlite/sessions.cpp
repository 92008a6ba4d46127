// The SQLite backend: the sessions table.
#include "sqlite_store.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <ctime>

namespace asnbelajar::store::sqlite {
namespace {

#define SESSION_COLUMNS                                                                                      \
    "s.id, s.code, s.series, s.title, s.start, s.tz, s.minutes, s.jp_tenths, s.speaker, s.capacity, "        \
    "s.min_attendance, s.status, s.requires_survey, s.requires_posttest, s.pass_score"

Session read_session(SQLite::Statement& st) {
    Session s;
    s.id = st.getColumn(0).getInt64();
    s.code = st.getColumn(1).getString();
    if (!st.getColumn(2).isNull()) s.series = st.getColumn(2).getInt();
    s.title = st.getColumn(3).getString();
    s.start = st.getColumn(4).getInt64();
    s.tz = st.getColumn(5).getString();
    s.minutes = st.getColumn(6).getInt();
    s.jp_tenths = st.getColumn(7).getInt();
    s.speaker = text_or_empty(st.getColumn(8));
    if (!st.getColumn(9).isNull()) s.capacity = st.getColumn(9).getInt();
    s.min_attendance = st.getColumn(10).getInt();
    s.status =
        st.getColumn(11).getString() == "cancelled" ? SessionStatus::cancelled : SessionStatus::scheduled;
    s.requires_survey = st.getColumn(12).getInt() != 0;
    s.requires_posttest = st.getColumn(13).getInt() != 0;
    s.pass_score = st.getColumn(14).getInt();
    return s;
}

void bind_session(SQLite::Statement& st, const Session& s) {
    st.bind(1, s.code);
    bind_or_null(st, 2, s.series);
    st.bind(3, s.title);
    st.bind(4, s.start);
    st.bind(5, s.tz);
    st.bind(6, s.minutes);
    st.bind(7, s.jp_tenths);
    bind_text_or_null(st, 8, s.speaker);
    bind_or_null(st, 9, s.capacity);
    st.bind(10, s.min_attendance);
    st.bind(11, std::string(to_string(s.status)));
    st.bind(12, s.requires_survey ? 1 : 0);
    st.bind(13, s.requires_posttest ? 1 : 0);
    st.bind(14, s.pass_score);
}

} // namespace

// The counts of one session. Enrollments and attendance are both keyed by (session_id, participant_id): the
// session's rows of each are read once, in participant order, and merged here, instead of looking every
// enrolled person up in attendance (twice: for "absent" and for the rate's numerator) and reading each table
// once per count. Walk-ins are people present without a seat (status walk-in); absent are enrolled people
// with no attendance row; attended and partial count every attendance row.
void SqliteStore::count_session(SessionTotals& t, bool certificates) const {
    const Id session = t.session.id;
    // NOT INDEXED: the primary key, which holds the rows in participant order (no sort).
    auto& e = stmt("SELECT participant_id, status FROM enrollments NOT INDEXED WHERE session_id = ? "
                   "ORDER BY participant_id");
    auto& a = stmt("SELECT participant_id, outcome = 'attended' FROM attendance NOT INDEXED "
                   "WHERE session_id = ? ORDER BY participant_id");
    e.bind(1, session);
    a.bind(1, session);
    bool a_row = a.executeStep();
    t.recorded = a_row;
    if (!t.recorded) {
        auto& imported = stmt("SELECT attendance_imported IS NOT NULL FROM sessions WHERE id = ?");
        imported.bind(1, session);
        t.recorded = imported.executeStep() && imported.getColumn(0).getInt() != 0;
    }
    while (e.executeStep()) {
        const Id person = e.getColumn(0).getInt64();
        const std::string_view status = e.getColumn(1).getText();
        // Attendance rows of people without an enrollment row (none are written) count as attended/partial.
        while (a_row && a.getColumn(0).getInt64() < person) {
            (a.getColumn(1).getInt() ? t.attended : t.partial)++;
            a_row = a.executeStep();
        }
        const bool present = a_row && a.getColumn(0).getInt64() == person;
        const bool attended = present && a.getColumn(1).getInt();
        if (status == "enrolled") {
            ++t.enrolled;
            if (!present) ++t.absent;
            if (attended) ++t.attended_enrolled;
        } else if (status == "waitlisted") {
            ++t.waitlisted;
        } else if (status == "walk-in") {
            ++t.walk_ins;
        }
        if (present) {
            (attended ? t.attended : t.partial)++;
            a_row = a.executeStep();
        }
    }
    for (; a_row; a_row = a.executeStep())
        (a.getColumn(1).getInt() ? t.attended : t.partial)++;
    if (!certificates) return;
    auto& c = stmt("SELECT count(*) FROM certificates WHERE session_id = ? AND revoked IS NULL");
    c.bind(1, session);
    c.executeStep();
    t.certificates = c.getColumn(0).getInt();
}

std::optional<Session> SqliteStore::session_by_id(Id id) const try {
    auto& st = stmt("SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.id = ?");
    st.bind(1, id);
    if (!st.executeStep()) return std::nullopt;
    return read_session(st);
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::optional<Session> SqliteStore::session_by_code(const std::string& code) const try {
    auto& st = stmt("SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.code = ?");
    st.bind(1, code);
    if (!st.executeStep()) return std::nullopt;
    return read_session(st);
} catch (const SQLite::Exception& e) {
    fail(e);
}

bool SqliteStore::session_code_exists(const std::string& code) const try {
    auto& st = stmt("SELECT 1 FROM sessions WHERE code = ?");
    st.bind(1, code);
    return st.executeStep();
} catch (const SQLite::Exception& e) {
    fail(e);
}

Id SqliteStore::insert_session(const Session& s) try {
    auto& st =
        stmt("INSERT INTO sessions(code, series, title, start, tz, minutes, jp_tenths, speaker, "
             "capacity, min_attendance, status, requires_survey, requires_posttest, pass_score, created) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_session(st, s);
    st.bind(15, static_cast<std::int64_t>(std::time(nullptr)));
    st.exec();
    return db_.getLastInsertRowid();
} catch (const SQLite::Exception& e) {
    fail(e, {{Constraint::session_code, s.code}});
}

void SqliteStore::update_session(const Session& s) try {
    auto& st = stmt("UPDATE sessions SET code = ?, series = ?, title = ?, start = ?, tz = ?, minutes = ?, "
                    "jp_tenths = ?, speaker = ?, capacity = ?, min_attendance = ?, status = ?, "
                    "requires_survey = ?, requires_posttest = ?, pass_score = ? WHERE id = ?");
    bind_session(st, s);
    st.bind(15, s.id);
    st.exec();
} catch (const SQLite::Exception& e) {
    fail(e, {{Constraint::session_code, s.code}});
}

std::vector<Session> SqliteStore::sessions_at(std::int64_t start, const std::string& title) const try {
    auto& st = stmt("SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.start = ? AND s.title = ? "
                    "ORDER BY s.id");
    st.bind(1, start);
    st.bind(2, title);
    std::vector<Session> out;
    while (st.executeStep())
        out.push_back(read_session(st));
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

Store::SessionHoldings SqliteStore::session_holdings(Id session) const try {
    auto& st =
        stmt("SELECT (SELECT count(*) FROM enrollments WHERE session_id = ?1), "
             "(SELECT count(*) FROM (SELECT participant_id FROM attendance_marks WHERE session_id = ?1 "
             "UNION SELECT participant_id FROM attendance WHERE session_id = ?1)), "
             "(SELECT count(*) FROM certificates WHERE session_id = ?1)");
    st.bind(1, session);
    st.executeStep();
    return {st.getColumn(0).getInt(), st.getColumn(1).getInt(), st.getColumn(2).getInt()};
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::delete_session(Id session) try {
    auto& enrollments = stmt("DELETE FROM enrollments WHERE session_id = ?");
    enrollments.bind(1, session);
    enrollments.exec();
    auto& st = stmt("DELETE FROM sessions WHERE id = ?");
    st.bind(1, session);
    st.exec();
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::vector<SessionTotals> SqliteStore::session_totals(std::int64_t from, std::int64_t to) const try {
    auto& st = stmt("SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.start >= ? AND s.start < ? "
                    "ORDER BY s.start, s.id");
    st.bind(1, from);
    st.bind(2, to);
    std::vector<SessionTotals> out;
    while (st.executeStep())
        out.push_back({read_session(st)});
    for (SessionTotals& t : out)
        count_session(t);
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

SessionTotals SqliteStore::session_totals(const Session& s) const try {
    SessionTotals t{session_by_id(s.id).value_or(Session{})};
    if (t.session.id != s.id) throw Error(tr("session {} vanished", s.code));
    count_session(t);
    return t;
} catch (const SQLite::Exception& e) {
    fail(e);
}

} // namespace asnbelajar::store::sqlite
