// Private to the store layer: the open database and its prepared statements.
#pragma once

#include "asnbelajar/store.hpp"
#include "errors.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace asnbelajar::store {

struct Store::Impl {
    SQLite::Database db; // declared first: destroyed last, after the statements
    std::string path;
    bool created = false;
    std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements;

    Impl(const std::string& p, int flags);

    // A statement prepared once per Store and reset before reuse. `sql` must be a string literal: the cache is
    // keyed by its address.
    SQLite::Statement& stmt(const char* sql);
    // Resets every prepared statement: SQLite refuses to drop or create an index ("database table is locked")
    // while a statement of the connection is still stepping.
    void reset_statements();
    // Throws the Error that `e` means for the user (errors.hpp): the handler of every public method's
    // function-try-block. `written`: the values a failed write was storing, for a broken constraint's message.
    [[noreturn]] void fail(const SQLite::Exception& e, WrittenValues written = {}) const;
};

// Column helpers shared by the table-group files.
inline std::string text_or_empty(const SQLite::Column& c) {
    return c.isNull() ? std::string() : c.getString();
}
void bind_text_or_null(SQLite::Statement& st, int index, const std::string& value);
// A participant from columns 0..8 in the order id, nip, name, email, phone, agency, unit, position, grade.
Participant read_participant(SQLite::Statement& st);

// Enrollment status, attendance summary, outcome and certificate from columns first..first+5 (status, minutes,
// self_declared, outcome, certificate number), into any row type with those members.
template <class Row> void read_presence(SQLite::Statement& st, int first, Row& r) {
    if (!st.getColumn(first).isNull()) r.enrollment = enrollment_status_from(st.getColumn(first).getString());
    if (!st.getColumn(first + 1).isNull()) {
        r.attendance =
            AttendanceSummary{st.getColumn(first + 1).getInt(), st.getColumn(first + 2).getInt() != 0};
        r.outcome = st.getColumn(first + 3).getString() == "attended" ? AttendanceOutcome::attended
                                                                      : AttendanceOutcome::partial;
    }
    r.certificate = text_or_empty(st.getColumn(first + 4));
}
// Binds nip, name, email, phone, agency, unit, position, grade to parameters 1..8 (empty text as NULL).
void bind_participant_fields(SQLite::Statement& st, const Participant& p);

// Sets an integer PRAGMA (PRAGMAs take no bound parameters). The one statement built at run time: `name` must
// be a string literal; the value is an integer, never text.
void set_pragma(SQLite::Database& db, const char* name, std::int64_t value);

// Fills the counts of t.session (t.session.id) from its enrollments, attendance and, when `certificates`, its
// live certificates (sessions.cpp).
void count_session(Store::Impl& impl, SessionTotals& t, bool certificates = true);

// The schema and its migrations (schema.cpp).
void migrate(SQLite::Database& db);
// The indexes of the participants table (NIP and e-mail unique, phone), dropped and created in the caller's
// transaction by bulk imports.
void create_participant_indexes(SQLite::Database& db);
void drop_participant_indexes(SQLite::Database& db);

} // namespace asnbelajar::store
