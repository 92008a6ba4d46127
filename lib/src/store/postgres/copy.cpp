// The PostgreSQL backend: whole tables read and written as they are (db copy, Store::export_tables/import_rows),
// through COPY: a table costs two round trips out and two per batch in, whatever its rows.
#include "postgres_store.hpp"

#include <string>
#include <string_view>

namespace asnbelajar::store::postgres {
namespace {

// Every column of a table in the order Table lists them, in key order (self_declared as 0/1, as everywhere).
const char* copy_out_sql(Table table) {
    switch (table) {
    case Table::participants:
        return "COPY (SELECT id, nip, email, phone, name, agency, unit, position, grade, created, updated "
               "FROM participants ORDER BY id) TO STDOUT";
    case Table::sessions:
        return "COPY (SELECT id, code, series, title, start, tz, minutes, jp_tenths, speaker, capacity, "
               "min_attendance, status, created, attendance_imported, requires_survey, requires_posttest, "
               "pass_score FROM sessions ORDER BY id) TO STDOUT";
    case Table::enrollments:
        return "COPY (SELECT session_id, participant_id, status, arrival, created, updated FROM enrollments "
               "ORDER BY session_id, participant_id) TO STDOUT";
    case Table::attendance_marks:
        return "COPY (SELECT id, session_id, participant_id, kind, join_at, leave_at, seconds, source, batch, "
               "created FROM attendance_marks ORDER BY id) TO STDOUT";
    case Table::attendance:
        return "COPY (SELECT session_id, participant_id, minutes, self_declared::integer, outcome FROM attendance "
               "ORDER BY session_id, participant_id) TO STDOUT";
    case Table::certificates:
        return "COPY (SELECT id, seq, number, session_id, participant_id, issued, revoked FROM certificates "
               "ORDER BY id) TO STDOUT";
    case Table::results:
        return "COPY (SELECT id, session_id, participant_id, kind, score, submitted_at, batch, created "
               "FROM results ORDER BY id) TO STDOUT";
    case Table::counters: return "COPY (SELECT name, value FROM counters ORDER BY name) TO STDOUT";
    case Table::audit_log:
        return "COPY (SELECT id, at, os_user, command, rows, command_id FROM audit_log ORDER BY id) TO STDOUT";
    }
    return "COPY (SELECT 1 WHERE false) TO STDOUT";
}

// COPY … FROM STDIN of a table's columns (counters: see import_rows()). A boolean takes 0 and 1.
const char* copy_in_sql(Table table) {
    switch (table) {
    case Table::participants:
        return "COPY participants(id, nip, email, phone, name, agency, unit, position, grade, created, updated) "
               "FROM STDIN";
    case Table::sessions:
        return "COPY sessions(id, code, series, title, start, tz, minutes, jp_tenths, speaker, capacity, "
               "min_attendance, status, created, attendance_imported, requires_survey, requires_posttest, "
               "pass_score) FROM STDIN";
    case Table::enrollments:
        return "COPY enrollments(session_id, participant_id, status, arrival, created, updated) FROM STDIN";
    case Table::attendance_marks:
        return "COPY attendance_marks(id, session_id, participant_id, kind, join_at, leave_at, seconds, source, "
               "batch, created) FROM STDIN";
    case Table::attendance:
        return "COPY attendance(session_id, participant_id, minutes, self_declared, outcome) FROM STDIN";
    case Table::certificates:
        return "COPY certificates(id, seq, number, session_id, participant_id, issued, revoked) FROM STDIN";
    case Table::results:
        return "COPY results(id, session_id, participant_id, kind, score, submitted_at, batch, created) "
               "FROM STDIN";
    case Table::counters: return "COPY counters(name, value) FROM STDIN";
    case Table::audit_log: return "COPY audit_log(id, at, os_user, command, rows, command_id) FROM STDIN";
    }
    return "COPY counters(name, value) FROM STDIN";
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

// Which columns of a table are integers ('i') and which text ('t'), in Table's order.
std::string_view column_types(Table table) {
    switch (table) {
    case Table::participants: return "ittttttttii";
    case Table::sessions: return "itititiitiitiiiii";
    case Table::enrollments: return "iitiii";
    case Table::attendance_marks: return "iiitiiitti";
    case Table::attendance: return "iiiit";
    case Table::certificates: return "iitiiii";
    case Table::results: return "iiitiiti";
    case Table::counters: return "ti";
    case Table::audit_log: return "iittit";
    }
    return "";
}

} // namespace

void PostgresStore::export_tables(TableSink& sink) const try {
    // One snapshot for every table, safe while others write: a read-only REPEATABLE READ transaction.
    const bool own = !db_->in_transaction();
    if (own) db_->exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
        const pq::Result n = db_->query(
            "SELECT (SELECT count(*) FROM participants), (SELECT count(*) FROM sessions), "
            "(SELECT count(*) FROM enrollments), (SELECT count(*) FROM attendance_marks), "
            "(SELECT count(*) FROM attendance), (SELECT count(*) FROM certificates), "
            "(SELECT count(*) FROM results), (SELECT count(*) FROM counters), (SELECT count(*) FROM audit_log)");
        std::array<std::int64_t, all_tables.size()> counts{};
        for (std::size_t i = 0; i < counts.size(); ++i)
            counts[i] = n.int64(0, static_cast<int>(i));
        sink.counted(counts);
        TableRows batch;
        std::string value;
        const std::size_t per_batch = batch_rows();
        for (Table t : all_tables) {
            const std::string_view types = column_types(t);
            batch.reset(types.size());
            const char* sql = copy_out_sql(t);
            db_->copy_out(sql, [&](std::string_view line) {
                const std::size_t r = batch.rows;
                std::size_t from = 0;
                for (std::size_t c = 0; c < types.size(); ++c) {
                    std::size_t to = line.find('\t', from);
                    if (to == std::string_view::npos) to = line.size();
                    const std::string_view raw = line.substr(from, to - from);
                    from = to + 1;
                    if (!pq::copy_field(raw, value))
                        batch.set_null(r, c);
                    else if (types[c] == 'i')
                        batch.set(r, c, static_cast<std::int64_t>(std::stoll(value)));
                    else
                        batch.set(r, c, std::string_view(value));
                }
                if (++batch.rows == per_batch) {
                    sink.rows(t, batch);
                    batch.reset(types.size());
                }
            });
            if (batch.rows > 0) sink.rows(t, batch);
        }
    } catch (...) {
        if (own) {
            try {
                db_->exec("ROLLBACK");
            } catch (...) {
            }
        }
        throw;
    }
    if (own) db_->exec("COMMIT");
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::import_rows(Table table, const TableRows& rows) try {
    if (!keys_deferred_ && db_->in_transaction()) {
        // A whole store into an empty one, in one transaction: its keys, foreign keys and indexes are dropped
        // first and built again by end_import(), as pg_restore does. Checking a foreign key row by row costs two
        // queries per row (a million attendance rows: two million); building it afterwards is one join, and an
        // index is built by one sort rather than a million insertions. (Not counters': import_rows() upserts
        // it.) Their definitions, as the catalog
        // gives them, wait in a temporary table; a failed copy rolls all of it back.
        db_->exec(
            "CREATE TEMP TABLE asnbelajar_deferred ON COMMIT DROP AS "
            "SELECT CASE c.contype WHEN 'f' THEN 0 ELSE 1 END AS drop_step, "
            "CASE c.contype WHEN 'f' THEN 2 ELSE 0 END AS build_step, "
            "format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS undo, "
            "format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, "
            "pg_get_constraintdef(c.oid)) AS redo "
            "FROM pg_constraint c WHERE c.connamespace = current_schema()::regnamespace "
            "AND c.contype IN ('f', 'p', 'u', 'x') AND c.conrelid <> 'counters'::regclass "
            "UNION ALL SELECT 1, 1, format('DROP INDEX %s', i.indexrelid::regclass), "
            "pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> 'counters' AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')); "
            "DO $$ DECLARE s text; BEGIN "
            "FOR s IN SELECT undo FROM asnbelajar_deferred ORDER BY drop_step LOOP EXECUTE s; END LOOP; END $$");
        keys_deferred_ = true;
    }
    if (table == Table::counters) {
        // A new store holds the certificate counter already: the copied value replaces it.
        for (std::size_t r = 0; r < rows.rows; ++r) {
            pq::Params p;
            const Value& name = rows.at(r, 0);
            const Value& value = rows.at(r, 1);
            p.add(std::get_if<std::string>(&name) ? std::string_view(std::get<std::string>(name))
                                                  : std::string_view());
            p.add(std::get_if<std::int64_t>(&value) ? *std::get_if<std::int64_t>(&value) : std::int64_t{0});
            db_->query("INSERT INTO counters(name, value) VALUES ($1, $2) "
                       "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
                       p);
        }
        return;
    }
    pq::CopyRows data;
    for (std::size_t r = 0; r < rows.rows; ++r) {
        for (std::size_t c = 0; c < rows.columns; ++c) {
            const Value& v = rows.at(r, c);
            if (const auto* i = std::get_if<std::int64_t>(&v))
                data.field(*i);
            else if (const auto* s = std::get_if<std::string>(&v))
                data.field(std::string_view(*s));
            else
                data.null();
        }
        data.end_row();
    }
    const char* sql = copy_in_sql(table);
    db_->copy_in(sql, data);
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::end_import() try {
    if (keys_deferred_) {
        // The keys and indexes import_rows() dropped: unique keys first, then the other indexes, then the foreign
        // keys (each checked by one join).
        db_->exec(
            "DO $$ DECLARE s text; BEGIN "
            "FOR s IN SELECT redo FROM asnbelajar_deferred ORDER BY build_step LOOP EXECUTE s; END LOOP; "
            "END $$; DROP TABLE asnbelajar_deferred");
        keys_deferred_ = false;
    }
    // The id sequences go on after the highest imported id (COPY wrote the ids and left them where they were).
    db_->exec(
        "SELECT setval(pg_get_serial_sequence('participants', 'id'), coalesce(max(id), 0) + 1, false) "
        "FROM participants; "
        "SELECT setval(pg_get_serial_sequence('sessions', 'id'), coalesce(max(id), 0) + 1, false) "
        "FROM sessions; "
        "SELECT setval(pg_get_serial_sequence('attendance_marks', 'id'), coalesce(max(id), 0) + 1, false) "
        "FROM attendance_marks; "
        "SELECT setval(pg_get_serial_sequence('certificates', 'id'), coalesce(max(id), 0) + 1, false) "
        "FROM certificates; "
        "SELECT setval(pg_get_serial_sequence('results', 'id'), coalesce(max(id), 0) + 1, false) "
        "FROM results; "
        "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), coalesce(max(id), 0) + 1, false) "
        "FROM audit_log; "
        "ANALYZE participants, sessions, enrollments, attendance_marks, attendance, certificates, results");
} catch (const pq::Failure& e) {
    fail(e);
}

std::int64_t PostgresStore::count_rows(Table table) const try {
    const char* sql = count_sql(table);
    return db_->query(sql).int64(0, 0);
} catch (const pq::Failure& e) {
    fail(e);
}

} // namespace asnbelajar::store::postgres
