// Store: the sessions table.
#include "store_impl.hpp"

#include "asnbelajar/error.hpp"

#include <fmt/format.h>

#include <ctime>

namespace asnbelajar {
namespace {

#define SESSION_COLUMNS                                                                                          \
    "s.id, s.code, s.series, s.title, s.start, s.tz, s.minutes, s.jp_tenths, s.speaker, s.capacity, "            \
    "s.min_attendance, s.status"

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
    s.status = st.getColumn(11).getString() == "cancelled" ? SessionStatus::cancelled : SessionStatus::scheduled;
    return s;
}

void bind_session(SQLite::Statement& st, const Session& s) {
    st.bind(1, s.code);
    if (s.series)
        st.bind(2, *s.series);
    else
        st.bind(2);
    st.bind(3, s.title);
    st.bind(4, s.start);
    st.bind(5, s.tz);
    st.bind(6, s.minutes);
    st.bind(7, s.jp_tenths);
    bind_text_or_null(st, 8, s.speaker);
    if (s.capacity)
        st.bind(9, *s.capacity);
    else
        st.bind(9);
    st.bind(10, s.min_attendance);
    st.bind(11, std::string(to_string(s.status)));
}

// Runs an insert or update of `s`, turning a taken code into a clear message.
void exec_session_write(SQLite::Statement& st, const Session& s) {
    try {
        st.exec();
    } catch (const SQLite::Exception& e) {
        if (std::string(e.what()).find("sessions.code") != std::string::npos)
            throw Error(fmt::format("a session with code {} already exists", s.code));
        throw Error(fmt::format("cannot save session {}: {}", s.code, e.what()));
    }
}

// Counts per session, from enrollments and attendance. Walk-ins are people present without an enrollment
// (status walk-in); absent are enrolled people with no attendance row.
#define TOTALS_SELECT                                                                                            \
    "SELECT " SESSION_COLUMNS ", "                                                                               \
    "(SELECT count(*) FROM enrollments e WHERE e.session_id = s.id AND e.status = 'enrolled'), "                 \
    "(SELECT count(*) FROM enrollments e WHERE e.session_id = s.id AND e.status = 'waitlisted'), "               \
    "(SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.outcome = 'attended'), "                 \
    "(SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.outcome = 'partial'), "                  \
    "(SELECT count(*) FROM enrollments e WHERE e.session_id = s.id AND e.status = 'enrolled' AND NOT EXISTS "    \
    "  (SELECT 1 FROM attendance a WHERE a.session_id = e.session_id AND a.participant_id = e.participant_id)), " \
    "(SELECT count(*) FROM enrollments e WHERE e.session_id = s.id AND e.status = 'walk-in'), "                  \
    "(SELECT count(*) FROM enrollments e JOIN attendance a ON a.session_id = e.session_id AND "                  \
    "  a.participant_id = e.participant_id WHERE e.session_id = s.id AND e.status = 'enrolled' AND "             \
    "  a.outcome = 'attended'), "                                                                                \
    "(SELECT count(*) FROM certificates c WHERE c.session_id = s.id AND c.revoked IS NULL) "                     \
    "FROM sessions s "

SessionTotals read_totals(SQLite::Statement& st) {
    SessionTotals t;
    t.session = read_session(st);
    t.enrolled = st.getColumn(12).getInt();
    t.waitlisted = st.getColumn(13).getInt();
    t.attended = st.getColumn(14).getInt();
    t.partial = st.getColumn(15).getInt();
    t.absent = st.getColumn(16).getInt();
    t.walk_ins = st.getColumn(17).getInt();
    t.attended_enrolled = st.getColumn(18).getInt();
    t.certificates = st.getColumn(19).getInt();
    return t;
}

} // namespace

std::optional<Session> Store::session_by_id(Id id) const {
    auto& st = impl_->stmt("SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.id = ?");
    st.bind(1, id);
    if (!st.executeStep()) return std::nullopt;
    return read_session(st);
}

std::optional<Session> Store::session_by_code(const std::string& code) const {
    auto& st = impl_->stmt("SELECT " SESSION_COLUMNS " FROM sessions s WHERE s.code = ?");
    st.bind(1, code);
    if (!st.executeStep()) return std::nullopt;
    return read_session(st);
}

bool Store::session_code_exists(const std::string& code) const {
    auto& st = impl_->stmt("SELECT 1 FROM sessions WHERE code = ?");
    st.bind(1, code);
    return st.executeStep();
}

Id Store::insert_session(const Session& s) {
    auto& st = impl_->stmt("INSERT INTO sessions(code, series, title, start, tz, minutes, jp_tenths, speaker, "
                           "capacity, min_attendance, status, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_session(st, s);
    st.bind(12, static_cast<std::int64_t>(std::time(nullptr)));
    exec_session_write(st, s);
    return impl_->db.getLastInsertRowid();
}

void Store::update_session(const Session& s) {
    auto& st = impl_->stmt("UPDATE sessions SET code = ?, series = ?, title = ?, start = ?, tz = ?, minutes = ?, "
                           "jp_tenths = ?, speaker = ?, capacity = ?, min_attendance = ?, status = ? WHERE id = ?");
    bind_session(st, s);
    st.bind(12, s.id);
    exec_session_write(st, s);
}

std::vector<SessionTotals> Store::session_totals(std::int64_t from, std::int64_t to) const {
    auto& st = impl_->stmt(TOTALS_SELECT "WHERE s.start >= ? AND s.start < ? ORDER BY s.start, s.id");
    st.bind(1, from);
    st.bind(2, to);
    std::vector<SessionTotals> out;
    while (st.executeStep()) out.push_back(read_totals(st));
    return out;
}

SessionTotals Store::session_totals(const Session& s) const {
    auto& st = impl_->stmt(TOTALS_SELECT "WHERE s.id = ?");
    st.bind(1, s.id);
    if (!st.executeStep()) throw Error(fmt::format("session {} vanished", s.code));
    return read_totals(st);
}

} // namespace asnbelajar
