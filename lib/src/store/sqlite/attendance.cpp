// The SQLite backend: raw attendance marks and the per-person summaries computed from them.
#include "sqlite_store.hpp"

#include <ctime>
#include <vector>

namespace asnbelajar::store::sqlite {

namespace {

// Marks are inserted this many to a statement: one statement execution (and one pass of SQLite's VDBE over its
// program's prologue) for many rows.
constexpr int marks_per_insert = 32;
constexpr int mark_columns = 9;

// The statements inserting 1 and marks_per_insert marks.
#define MARK_INSERT                                                                                          \
    "INSERT INTO attendance_marks(session_id, participant_id, kind, join_at, leave_at, seconds, source, "    \
    "batch, created) VALUES "
#define MARK_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define MARK_ROWS_4 MARK_ROW ", " MARK_ROW ", " MARK_ROW ", " MARK_ROW
#define MARK_ROWS_16 MARK_ROWS_4 ", " MARK_ROWS_4 ", " MARK_ROWS_4 ", " MARK_ROWS_4
constexpr const char* marks_insert_one = MARK_INSERT MARK_ROW;
constexpr const char* marks_insert_many = MARK_INSERT MARK_ROWS_16 ", " MARK_ROWS_16;

// Binds one mark as row `row` (from 0) of a marks insert.
void bind_mark(SQLite::Statement& st, int row, Id session, Id person, const AttendanceMark& mark,
               std::int64_t now) {
    const int c = row * mark_columns;
    // Texts not copied: `mark` outlives the statement's execution, to_string() returns string literals
    // (NUL-terminated), and stmt() clears the bindings before reuse.
    st.bind(c + 1, session);
    st.bind(c + 2, person);
    st.bindNoCopy(c + 3, to_string(mark.kind).data());
    const bool has_times = mark.kind == MarkKind::interval || mark.kind == MarkKind::span;
    const bool has_seconds = mark.kind != MarkKind::interval && mark.kind != MarkKind::self;
    if (has_times) {
        st.bind(c + 4, mark.join);
        st.bind(c + 5, mark.leave);
    } else {
        st.bind(c + 4);
        st.bind(c + 5);
    }
    if (has_seconds)
        st.bind(c + 6, mark.seconds);
    else
        st.bind(c + 6);
    st.bindNoCopy(c + 7, mark.source);
    if (mark.batch.empty())
        st.bind(c + 8);
    else
        st.bindNoCopy(c + 8, mark.batch);
    st.bind(c + 9, now);
}

} // namespace

void SqliteStore::add_marks(Id session, std::span<const PersonMarks> people) try {
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    // The marks in order (person by person, each person's in theirs: ids, and so the order marks_of() reads
    // them back in, are as one statement each would give), marks_per_insert to a statement.
    struct Ref {
        Id person;
        const AttendanceMark* mark;
    };
    std::vector<Ref> all;
    for (const PersonMarks& person : people)
        for (const AttendanceMark& mark : person.marks)
            all.push_back({person.person, &mark});
    std::size_t i = 0;
    for (; i + marks_per_insert <= all.size(); i += marks_per_insert) {
        auto& st = stmt(marks_insert_many);
        for (int r = 0; r < marks_per_insert; ++r)
            bind_mark(st, r, session, all[i + static_cast<std::size_t>(r)].person,
                      *all[i + static_cast<std::size_t>(r)].mark, now);
        st.exec();
    }
    for (; i < all.size(); ++i) {
        auto& st = stmt(marks_insert_one);
        bind_mark(st, 0, session, all[i].person, *all[i].mark, now);
        st.exec();
    }
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::delete_marks(Id session, Id participant, MarkKind kind) try {
    auto& st = stmt("DELETE FROM attendance_marks WHERE session_id = ? AND participant_id = ? AND kind = ?");
    st.bind(1, session);
    st.bind(2, participant);
    st.bind(3, std::string(to_string(kind)));
    st.exec();
} catch (const SQLite::Exception& e) {
    fail(e);
}

namespace {

// A mark from the columns kind, join_at, leave_at, seconds, source, batch.
AttendanceMark read_mark(SQLite::Statement& st, int first) {
    AttendanceMark m;
    m.kind = mark_kind_from(text_view(st.getColumn(first))).value_or(MarkKind::manual);
    m.join = st.getColumn(first + 1).getInt64();
    m.leave = st.getColumn(first + 2).getInt64();
    m.seconds = st.getColumn(first + 3).getInt64();
    m.source = text_or_empty(st.getColumn(first + 4));
    m.batch = text_or_empty(st.getColumn(first + 5));
    return m;
}

} // namespace

std::vector<PersonMarks> SqliteStore::marks_of(Id session, std::span<const Id> participants) const try {
    auto& st = stmt("SELECT kind, join_at, leave_at, seconds, source, batch FROM attendance_marks "
                    "WHERE session_id = ? AND participant_id = ? ORDER BY id");
    std::vector<PersonMarks> out;
    out.reserve(participants.size());
    for (Id participant : participants) {
        st.tryReset();
        st.bind(1, session);
        st.bind(2, participant);
        PersonMarks& p = out.emplace_back();
        p.person = participant;
        while (st.executeStep())
            p.marks.push_back(read_mark(st, 0));
    }
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::vector<PersonMarks> SqliteStore::session_marks(Id session) const try {
    // By person (the index attendance_marks_person), each person's marks in the order they were added.
    auto& st =
        stmt("SELECT participant_id, kind, join_at, leave_at, seconds, source, batch FROM attendance_marks "
             "WHERE session_id = ? ORDER BY participant_id, id");
    st.bind(1, session);
    std::vector<PersonMarks> out;
    while (st.executeStep()) {
        const Id person = st.getColumn(0).getInt64();
        if (out.empty() || out.back().person != person) out.push_back({person, {}});
        out.back().marks.push_back(read_mark(st, 1));
    }
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::vector<Id> SqliteStore::participants_with_marks(Id session) const try {
    auto& st = stmt("SELECT DISTINCT participant_id FROM attendance_marks WHERE session_id = ?");
    st.bind(1, session);
    std::vector<Id> out;
    while (st.executeStep())
        out.push_back(st.getColumn(0).getInt64());
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::put_summaries(Id session, std::span<const PersonSummary> summaries) try {
    for (const PersonSummary& p : summaries) {
        if (!p.summary) {
            auto& st = stmt("DELETE FROM attendance WHERE session_id = ? AND participant_id = ?");
            st.bind(1, session);
            st.bind(2, p.participant);
            st.exec();
            continue;
        }
        auto& st =
            stmt("INSERT OR REPLACE INTO attendance(session_id, participant_id, minutes, self_declared, "
                 "outcome) VALUES (?, ?, ?, ?, ?)");
        st.bind(1, session);
        st.bind(2, p.participant);
        st.bind(3, p.summary->minutes);
        st.bind(4, p.summary->self_declared ? 1 : 0);
        st.bindNoCopy(5, to_string(p.outcome).data()); // a string literal
        st.exec();
    }
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::clear_session_attendance(Id session) try {
    auto& marks_st = stmt("DELETE FROM attendance_marks WHERE session_id = ?");
    marks_st.bind(1, session);
    marks_st.exec();
    auto& att_st = stmt("DELETE FROM attendance WHERE session_id = ?");
    att_st.bind(1, session);
    att_st.exec();
    // Walk-ins exist only through their attendance.
    auto& walk = stmt("DELETE FROM enrollments WHERE session_id = ? AND status = 'walk-in'");
    walk.bind(1, session);
    walk.exec();
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::note_attendance_import(Id session, std::int64_t at) try {
    auto& st = stmt("UPDATE sessions SET attendance_imported = ? WHERE id = ?");
    st.bind(1, at);
    st.bind(2, session);
    st.exec();
} catch (const SQLite::Exception& e) {
    fail(e);
}

// --- attendance import ---

std::vector<Id> SqliteStore::delete_batch_marks(Id session, const std::string& batch) try {
    auto& who =
        stmt("SELECT DISTINCT participant_id FROM attendance_marks WHERE session_id = ? AND batch = ?");
    who.bind(1, session);
    who.bind(2, batch);
    std::vector<Id> people;
    while (who.executeStep())
        people.push_back(who.getColumn(0).getInt64());
    if (people.empty()) return people;
    auto& del = stmt("DELETE FROM attendance_marks WHERE session_id = ? AND batch = ?");
    del.bind(1, session);
    del.bind(2, batch);
    del.exec();
    return people;
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::vector<std::optional<Id>> SqliteStore::participants_matching(std::span<const ParticipantKeys> keys) const
    try {
    // coalesce stops at the first lookup that finds someone; each is one index probe (no sorting).
    auto& st = stmt("SELECT coalesce((SELECT id FROM participants WHERE nip = ?1), "
                    "(SELECT id FROM participants WHERE email = ?2), "
                    "(SELECT id FROM participants WHERE phone = ?3 ORDER BY id LIMIT 1))");
    std::vector<std::optional<Id>> out;
    out.reserve(keys.size());
    for (const ParticipantKeys& k : keys) {
        st.tryReset();
        st.bindNoCopy(1, k.nip);
        st.bindNoCopy(2, k.email);
        st.bindNoCopy(3, k.phone);
        if (st.executeStep() && !st.getColumn(0).isNull())
            out.emplace_back(st.getColumn(0).getInt64());
        else
            out.emplace_back();
    }
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::vector<Enrollment> SqliteStore::session_enrollments(Id session) const try {
    auto& st = stmt("SELECT participant_id, status, arrival FROM enrollments WHERE session_id = ?");
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
    fail(e);
}

SqliteStore::OutcomeCounts SqliteStore::outcome_counts(Id session) const try {
    auto& st = stmt("SELECT outcome, count(*) FROM attendance WHERE session_id = ? GROUP BY outcome");
    st.bind(1, session);
    OutcomeCounts c;
    while (st.executeStep()) {
        const std::string outcome = st.getColumn(0).getString();
        (outcome == "attended" ? c.attended : c.partial) = st.getColumn(1).getInt();
    }
    return c;
} catch (const SQLite::Exception& e) {
    fail(e);
}

} // namespace asnbelajar::store::sqlite
