// Store: raw attendance marks and the per-person summaries computed from them.
#include "store_impl.hpp"

#include <ctime>

namespace asnbelajar::store {

void Store::add_mark(Id session, Id participant, const AttendanceMark& mark) try {
    auto& st =
        impl_->stmt("INSERT INTO attendance_marks(session_id, participant_id, kind, join_at, leave_at, "
                    "seconds, source, batch, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    // Texts not copied (an import adds 30,000 marks): `mark` outlives the statement's execution, to_string()
    // returns string literals (NUL-terminated), and Impl::stmt() clears the bindings before reuse.
    st.bind(1, session);
    st.bind(2, participant);
    st.bindNoCopy(3, to_string(mark.kind).data());
    const bool has_times = mark.kind == MarkKind::interval || mark.kind == MarkKind::span;
    const bool has_seconds = mark.kind != MarkKind::interval && mark.kind != MarkKind::self;
    if (has_times) {
        st.bind(4, mark.join);
        st.bind(5, mark.leave);
    } else {
        st.bind(4);
        st.bind(5);
    }
    if (has_seconds)
        st.bind(6, mark.seconds);
    else
        st.bind(6);
    st.bindNoCopy(7, mark.source);
    if (mark.batch.empty())
        st.bind(8);
    else
        st.bindNoCopy(8, mark.batch);
    st.bind(9, static_cast<std::int64_t>(std::time(nullptr)));
    st.exec();
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

void Store::delete_marks(Id session, Id participant, MarkKind kind) try {
    auto& st =
        impl_->stmt("DELETE FROM attendance_marks WHERE session_id = ? AND participant_id = ? AND kind = ?");
    st.bind(1, session);
    st.bind(2, participant);
    st.bind(3, std::string(to_string(kind)));
    st.exec();
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

std::vector<AttendanceMark> Store::marks(Id session, Id participant) const try {
    auto& st = impl_->stmt("SELECT kind, join_at, leave_at, seconds, source, batch FROM attendance_marks "
                           "WHERE session_id = ? AND participant_id = ? ORDER BY id");
    st.bind(1, session);
    st.bind(2, participant);
    std::vector<AttendanceMark> out;
    while (st.executeStep()) {
        AttendanceMark m;
        m.kind = mark_kind_from(st.getColumn(0).getString()).value_or(MarkKind::manual);
        m.join = st.getColumn(1).getInt64();
        m.leave = st.getColumn(2).getInt64();
        m.seconds = st.getColumn(3).getInt64();
        m.source = st.getColumn(4).getString();
        m.batch = text_or_empty(st.getColumn(5));
        out.push_back(std::move(m));
    }
    return out;
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

std::vector<Id> Store::participants_with_marks(Id session) const try {
    auto& st = impl_->stmt("SELECT DISTINCT participant_id FROM attendance_marks WHERE session_id = ?");
    st.bind(1, session);
    std::vector<Id> out;
    while (st.executeStep())
        out.push_back(st.getColumn(0).getInt64());
    return out;
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

void Store::put_attendance(Id session, Id participant, const AttendanceSummary& summary,
                           AttendanceOutcome outcome) try {
    auto& st =
        impl_->stmt("INSERT OR REPLACE INTO attendance(session_id, participant_id, minutes, self_declared, "
                    "outcome) VALUES (?, ?, ?, ?, ?)");
    st.bind(1, session);
    st.bind(2, participant);
    st.bind(3, summary.minutes);
    st.bind(4, summary.self_declared ? 1 : 0);
    st.bindNoCopy(5, to_string(outcome).data()); // a string literal
    st.exec();
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

void Store::delete_attendance(Id session, Id participant) try {
    auto& st = impl_->stmt("DELETE FROM attendance WHERE session_id = ? AND participant_id = ?");
    st.bind(1, session);
    st.bind(2, participant);
    st.exec();
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

void Store::clear_session_attendance(Id session) try {
    auto& marks_st = impl_->stmt("DELETE FROM attendance_marks WHERE session_id = ?");
    marks_st.bind(1, session);
    marks_st.exec();
    auto& att_st = impl_->stmt("DELETE FROM attendance WHERE session_id = ?");
    att_st.bind(1, session);
    att_st.exec();
    // Walk-ins exist only through their attendance.
    auto& walk = impl_->stmt("DELETE FROM enrollments WHERE session_id = ? AND status = 'walk-in'");
    walk.bind(1, session);
    walk.exec();
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

// --- attendance import ---

std::vector<Id> Store::delete_batch_marks(Id session, const std::string& batch) try {
    auto& who = impl_->stmt(
        "SELECT DISTINCT participant_id FROM attendance_marks WHERE session_id = ? AND batch = ?");
    who.bind(1, session);
    who.bind(2, batch);
    std::vector<Id> people;
    while (who.executeStep())
        people.push_back(who.getColumn(0).getInt64());
    if (people.empty()) return people;
    auto& del = impl_->stmt("DELETE FROM attendance_marks WHERE session_id = ? AND batch = ?");
    del.bind(1, session);
    del.bind(2, batch);
    del.exec();
    return people;
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

std::optional<Id> Store::participant_matching(const std::string& nip, const std::string& email,
                                              const std::string& phone) const try {
    // coalesce stops at the first lookup that finds someone; each is one index probe (no sorting).
    auto& st = impl_->stmt("SELECT coalesce((SELECT id FROM participants WHERE nip = ?1), "
                           "(SELECT id FROM participants WHERE email = ?2), "
                           "(SELECT id FROM participants WHERE phone = ?3 ORDER BY id LIMIT 1))");
    st.bind(1, nip);
    st.bind(2, email);
    st.bind(3, phone);
    if (!st.executeStep() || st.getColumn(0).isNull()) return std::nullopt;
    return st.getColumn(0).getInt64();
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

std::vector<Enrollment> Store::session_enrollments(Id session) const try {
    auto& st = impl_->stmt("SELECT participant_id, status, arrival FROM enrollments WHERE session_id = ?");
    st.bind(1, session);
    std::vector<Enrollment> out;
    while (st.executeStep()) {
        Enrollment e;
        e.session = session;
        e.participant = st.getColumn(0).getInt64();
        e.status = enrollment_status_from(st.getColumn(1).getString()).value_or(EnrollmentStatus::enrolled);
        e.arrival = st.getColumn(2).getInt64();
        out.push_back(e);
    }
    return out;
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

Store::OutcomeCounts Store::outcome_counts(Id session) const try {
    auto& st = impl_->stmt("SELECT outcome, count(*) FROM attendance WHERE session_id = ? GROUP BY outcome");
    st.bind(1, session);
    OutcomeCounts c;
    while (st.executeStep()) {
        const std::string outcome = st.getColumn(0).getString();
        (outcome == "attended" ? c.attended : c.partial) = st.getColumn(1).getInt();
    }
    return c;
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

} // namespace asnbelajar::store
