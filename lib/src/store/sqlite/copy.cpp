// The SQLite backend: whole tables read and written as they are (db copy, Store::export_tables/import_rows).
#include "sqlite_store.hpp"

#include <sqlite3.h>

namespace asnbelajar::store::sqlite {
namespace {

// Every column of a table in the order Table lists them, in key order.
const char* select_sql(Table table) {
    switch (table) {
    case Table::participants:
        return "SELECT id, nip, email, phone, name, agency, unit, position, grade, created, updated "
               "FROM participants ORDER BY id";
    case Table::sessions:
        return "SELECT id, code, series, title, start, tz, minutes, jp_tenths, speaker, capacity, "
               "min_attendance, status, created, attendance_imported, requires_survey, requires_posttest, "
               "pass_score FROM sessions ORDER BY id";
    case Table::enrollments:
        return "SELECT session_id, participant_id, status, arrival, created, updated FROM enrollments "
               "ORDER BY session_id, participant_id";
    case Table::attendance_marks:
        return "SELECT id, session_id, participant_id, kind, join_at, leave_at, seconds, source, batch, created "
               "FROM attendance_marks ORDER BY id";
    case Table::attendance:
        return "SELECT session_id, participant_id, minutes, self_declared, outcome FROM attendance "
               "ORDER BY session_id, participant_id";
    case Table::certificates:
        return "SELECT id, seq, number, session_id, participant_id, issued, revoked FROM certificates "
               "ORDER BY id";
    case Table::results:
        return "SELECT id, session_id, participant_id, kind, score, submitted_at, batch, created FROM results "
               "ORDER BY id";
    case Table::counters: return "SELECT name, value FROM counters ORDER BY name";
    case Table::audit_log:
        return "SELECT id, at, os_user, command, rows, command_id FROM audit_log ORDER BY id";
    }
    return "SELECT 1 WHERE 0";
}

const char* insert_sql(Table table) {
    switch (table) {
    case Table::participants:
        return "INSERT INTO participants(id, nip, email, phone, name, agency, unit, position, grade, created, "
               "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    case Table::sessions:
        return "INSERT INTO sessions(id, code, series, title, start, tz, minutes, jp_tenths, speaker, capacity, "
               "min_attendance, status, created, attendance_imported, requires_survey, requires_posttest, "
               "pass_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    case Table::enrollments:
        return "INSERT INTO enrollments(session_id, participant_id, status, arrival, created, updated) "
               "VALUES (?, ?, ?, ?, ?, ?)";
    case Table::attendance_marks:
        return "INSERT INTO attendance_marks(id, session_id, participant_id, kind, join_at, leave_at, seconds, "
               "source, batch, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    case Table::attendance:
        return "INSERT INTO attendance(session_id, participant_id, minutes, self_declared, outcome) "
               "VALUES (?, ?, ?, ?, ?)";
    case Table::certificates:
        return "INSERT INTO certificates(id, seq, number, session_id, participant_id, issued, revoked) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)";
    case Table::results:
        return "INSERT INTO results(id, session_id, participant_id, kind, score, submitted_at, batch, created) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    case Table::counters:
        return "INSERT INTO counters(name, value) VALUES (?, ?) "
               "ON CONFLICT(name) DO UPDATE SET value = excluded.value";
    case Table::audit_log:
        return "INSERT INTO audit_log(id, at, os_user, command, rows, command_id) VALUES (?, ?, ?, ?, ?, ?)";
    }
    return "SELECT 1 WHERE 0";
}

const char* count_sql(Table table) {
    switch (table) {
    case Table::participants: return "SELECT count(*) FROM participants";
    case Table::sessions: return "SELECT count(*) FROM sessions";
    case Table::enrollments: return "SELECT count(*) FROM enrollments";
    case Table::attendance_marks: return "SELECT count(*) FROM attendance_marks";
    case Table::attendance: return "SELECT count(*) FROM attendance";
    case Table::certificates: return "SELECT count(*) FROM certificates";
    case Table::results: return "SELECT count(*) FROM results";
    case Table::counters: return "SELECT count(*) FROM counters";
    case Table::audit_log: return "SELECT count(*) FROM audit_log";
    }
    return "SELECT 0";
}

} // namespace

void SqliteStore::export_tables(TableSink& sink) const try {
    // One read transaction: every table from the same snapshot while others write (WAL).
    const bool own = !in_transaction_;
    if (own) db_.exec("BEGIN");
    try {
        std::array<std::int64_t, all_tables.size()> counts{};
        for (Table t : all_tables) {
            const char* sql = count_sql(t);
            counts[static_cast<std::size_t>(t)] = db_.execAndGet(sql).getInt64();
        }
        sink.counted(counts);
        TableRows batch;
        const std::size_t per_batch = 4096;
        for (Table t : all_tables) {
            const std::size_t cols = table_columns(t);
            batch.reset(cols);
            const char* sql = select_sql(t);
            SQLite::Statement st(db_, sql);
            while (st.executeStep()) {
                const std::size_t r = batch.rows;
                for (std::size_t c = 0; c < cols; ++c) {
                    const SQLite::Column col = st.getColumn(static_cast<int>(c));
                    switch (col.getType()) {
                    case SQLITE_NULL: batch.set_null(r, c); break;
                    case SQLITE_INTEGER: batch.set(r, c, col.getInt64()); break;
                    default: batch.set(r, c, text_view(col)); break;
                    }
                }
                if (++batch.rows == per_batch) {
                    sink.rows(t, batch);
                    batch.reset(cols);
                }
            }
            if (batch.rows > 0) sink.rows(t, batch);
        }
    } catch (...) {
        if (own) {
            try {
                db_.exec("ROLLBACK");
            } catch (...) {
            }
        }
        throw;
    }
    if (own) db_.exec("COMMIT");
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::import_rows(Table table, const TableRows& rows) try {
    const char* sql = insert_sql(table);
    auto& st = stmt(sql);
    for (std::size_t r = 0; r < rows.rows; ++r) {
        for (std::size_t c = 0; c < rows.columns; ++c) {
            const int index = static_cast<int>(c) + 1;
            const Value& v = rows.at(r, c);
            if (const auto* i = std::get_if<std::int64_t>(&v))
                st.bind(index, *i);
            else if (const auto* s = std::get_if<std::string>(&v))
                st.bind(index, *s);
            else
                st.bind(index);
        }
        st.exec();
        st.reset();
    }
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::end_import() try {
    // SQLite gives a new row the id after the highest one: nothing to move on. The query planner's statistics
    // are brought up to date for the tables the import filled.
    db_.exec("PRAGMA optimize");
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::int64_t SqliteStore::count_rows(Table table) const try {
    const char* sql = count_sql(table);
    return db_.execAndGet(sql).getInt64();
} catch (const SQLite::Exception& e) {
    fail(e);
}

} // namespace asnbelajar::store::sqlite
