// The SQLite backend: schema v1 and the forward migrations, switched on PRAGMA user_version.
#include "sqlite_store.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

namespace asnbelajar::store::sqlite {
namespace {

// Times are UTC seconds; JP is kept in tenths so that sums stay exact. CHECKs list more than two values with OR:
// SQLite evaluates `x IN (a, b, c)` by building a temporary index on every row written.
constexpr const char* schema_v1 = R"sql(
CREATE TABLE participants (
    id        INTEGER PRIMARY KEY,
    nip       TEXT UNIQUE,
    email     TEXT UNIQUE,
    phone     TEXT,
    name      TEXT NOT NULL,
    agency    TEXT,
    unit      TEXT,
    position  TEXT,
    grade     TEXT,
    created   INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    CHECK (nip IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX participants_phone ON participants(phone) WHERE phone IS NOT NULL;
CREATE INDEX participants_agency ON participants(agency);

CREATE TABLE sessions (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    series          INTEGER,
    title           TEXT NOT NULL,
    start           INTEGER NOT NULL,
    tz              TEXT NOT NULL,
    minutes         INTEGER NOT NULL CHECK (minutes > 0),
    jp_tenths       INTEGER NOT NULL CHECK (jp_tenths >= 0),
    speaker         TEXT,
    capacity        INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    min_attendance  INTEGER NOT NULL DEFAULT 70 CHECK (min_attendance BETWEEN 0 AND 100),
    status          TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    created         INTEGER NOT NULL
);
CREATE INDEX sessions_start ON sessions(start);

CREATE TABLE enrollments (
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    status          TEXT NOT NULL CHECK (status = 'enrolled' OR status = 'waitlisted' OR status = 'cancelled'
                                         OR status = 'walk-in'),
    arrival         INTEGER NOT NULL,
    created         INTEGER NOT NULL,
    updated         INTEGER NOT NULL,
    PRIMARY KEY (session_id, participant_id)
) WITHOUT ROWID;
CREATE INDEX enrollments_participant ON enrollments(participant_id);
CREATE INDEX enrollments_queue ON enrollments(session_id, status, arrival);
-- The next arrival number (max(arrival) of the session) in one step, not a scan of the session's enrollments.
CREATE INDEX enrollments_arrival ON enrollments(session_id, arrival);

-- Raw marks as they arrived (joins, durations, spans, manual and self-declared marks), kept so that outcomes can
-- be recomputed when a session's window or threshold changes. `batch` names the platform export a mark came
-- from (a digest of its attendee rows): importing the same export again replaces its marks instead of adding
-- them twice. (No index on batch: it would cost on each of an import's 30,000 inserts, to save one scan of the
-- session's marks per import.)
CREATE TABLE attendance_marks (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    kind            TEXT NOT NULL CHECK (kind = 'interval' OR kind = 'duration' OR kind = 'span' OR kind = 'manual'
                                       OR kind = 'self'),
    join_at         INTEGER,
    leave_at        INTEGER,
    seconds         INTEGER,
    source          TEXT NOT NULL,
    batch           TEXT,
    created         INTEGER NOT NULL
);
CREATE INDEX attendance_marks_person ON attendance_marks(session_id, participant_id);

-- One row per person present in a session: the marks summed up, and the outcome under the session's rule.
CREATE TABLE attendance (
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    minutes         INTEGER NOT NULL,
    self_declared   INTEGER NOT NULL DEFAULT 0,
    outcome         TEXT NOT NULL CHECK (outcome IN ('attended', 'partial')),
    PRIMARY KEY (session_id, participant_id)
) WITHOUT ROWID;
CREATE INDEX attendance_participant ON attendance(participant_id);

CREATE TABLE certificates (
    id              INTEGER PRIMARY KEY,
    seq             INTEGER NOT NULL UNIQUE,
    number          TEXT NOT NULL UNIQUE,
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    issued          INTEGER NOT NULL,
    revoked         INTEGER
);
CREATE UNIQUE INDEX certificates_live ON certificates(session_id, participant_id) WHERE revoked IS NULL;
CREATE INDEX certificates_participant ON certificates(participant_id);

CREATE TABLE counters (
    name   TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters(name, value) VALUES ('certificate', 0);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    os_user  TEXT NOT NULL,
    command  TEXT NOT NULL,
    rows     INTEGER NOT NULL
);
)sql";

// v2: the participants' unique keys as named indexes instead of column constraints. SQLite cannot drop the
// automatic index of a UNIQUE column, and a bulk import drops and rebuilds these indexes (sorting once instead
// of inserting a million random NIPs into a B-tree one by one). The table is rebuilt as SQLite's ALTER TABLE
// procedure prescribes; ids (and so every reference to them) are kept. v1's index on agency goes: no query
// used it (`participant list --agency` scans, the reports group in memory), and it cost a sort of every
// participant's agency text on each bulk import.
constexpr const char* schema_v2 = R"sql(
CREATE TABLE participants_v2 (
    id        INTEGER PRIMARY KEY,
    nip       TEXT,
    email     TEXT,
    phone     TEXT,
    name      TEXT NOT NULL,
    agency    TEXT,
    unit      TEXT,
    position  TEXT,
    grade     TEXT,
    created   INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    CHECK (nip IS NOT NULL OR email IS NOT NULL)
);
INSERT INTO participants_v2(id, nip, email, phone, name, agency, unit, position, grade, created, updated)
    SELECT id, nip, email, phone, name, agency, unit, position, grade, created, updated FROM participants;
DROP TABLE participants;
ALTER TABLE participants_v2 RENAME TO participants;
)sql";

// v3: when a session's attendance was last imported from a platform export (attend --file), UTC seconds. With
// the attendance rows it tells a session whose attendance was recorded (an export with nobody in it, accepted
// with --allow-empty, included) from one whose attendance was never imported: reports must not show the
// latter as 0 %.
constexpr const char* schema_v3 = R"sql(
ALTER TABLE sessions ADD COLUMN attendance_imported INTEGER;
)sql";

// v4: certificate gates (issue 17). A session may require a completed survey and a post-test score of at least
// pass_score percent; `results` holds each attempt of a person at either, as the results files gave it. An
// attempt is (session, kind, person, submitted_at): importing it again replaces it. Several timed attempts may
// stand side by side (the best score counts); a person's attempts without a time are one (NULLs are distinct to
// a unique index, so the store's writer keeps that one by looking it up: SqliteStore::put_results).
constexpr const char* schema_v4 = R"sql(
ALTER TABLE sessions ADD COLUMN requires_survey INTEGER NOT NULL DEFAULT 0 CHECK (requires_survey IN (0, 1));
ALTER TABLE sessions ADD COLUMN requires_posttest INTEGER NOT NULL DEFAULT 0 CHECK (requires_posttest IN (0, 1));
ALTER TABLE sessions ADD COLUMN pass_score INTEGER NOT NULL DEFAULT 60 CHECK (pass_score BETWEEN 0 AND 100);

CREATE TABLE results (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    kind            TEXT NOT NULL CHECK (kind = 'survey' OR kind = 'posttest'),
    score           INTEGER CHECK (score BETWEEN 0 AND 10000),  -- hundredths of a percent; NULL for a survey
    submitted_at    INTEGER,                                    -- UTC seconds; NULL: the file had no times
    batch           TEXT NOT NULL,
    created         INTEGER NOT NULL
);
CREATE UNIQUE INDEX results_attempt ON results(session_id, kind, participant_id, submitted_at);
CREATE INDEX results_participant ON results(participant_id);
)sql";

// v5: every writing command's unique id in the audit log (asnbelajar/store_retry.hpp), recorded in the
// command's transaction, so that a retry after a commit of unknown outcome can tell whether it committed.
// Older rows have none.
constexpr const char* schema_v5 = R"sql(
ALTER TABLE audit_log ADD COLUMN command_id TEXT;
CREATE UNIQUE INDEX audit_log_command ON audit_log(command_id) WHERE command_id IS NOT NULL;
)sql";

} // namespace

void create_participant_indexes(SQLite::Database& db) {
    db.exec("CREATE UNIQUE INDEX participants_nip ON participants(nip);"
            "CREATE UNIQUE INDEX participants_email ON participants(email);"
            "CREATE INDEX participants_phone ON participants(phone) WHERE phone IS NOT NULL;");
}

void drop_participant_indexes(SQLite::Database& db) {
    db.exec("DROP INDEX participants_nip; DROP INDEX participants_email; DROP INDEX participants_phone;");
}

void migrate(SQLite::Database& db) {
    int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version == schema_version) return;
    if (version > schema_version)
        throw Error(
            tr("store {} has schema version {}, newer than this asnbelajar understands ({}); use a newer "
               "asnbelajar",
               db.getFilename(), version, schema_version));
    // Rebuilding a table that others reference needs foreign keys off (DROP TABLE would delete through them);
    // the PRAGMA is ignored inside a transaction, so it goes first, and the references are checked before
    // the commit instead.
    db.exec("PRAGMA foreign_keys = OFF");
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Re-read under the write lock: another process may have migrated meanwhile.
    version = db.execAndGet("PRAGMA user_version").getInt();
    if (version == 0) {
        db.exec(schema_v1);
        version = 1;
    }
    if (version == 1) {
        db.exec(schema_v2);
        create_participant_indexes(db);
        version = 2;
    }
    if (version == 2) {
        db.exec(schema_v3);
        version = 3;
    }
    if (version == 3) {
        db.exec(schema_v4);
        version = 4;
    }
    if (version == 4) {
        db.exec(schema_v5);
        version = 5;
    }
    // Later versions: `if (version == 5) { ...; version = 6; }`
    if (SQLite::Statement fk(db, "PRAGMA foreign_key_check"); fk.executeStep())
        throw Error(tr("cannot migrate store {}: a {} row refers to a missing row", db.getFilename(),
                       fk.getColumn(0).getString()));
    set_pragma(db, "user_version", version);
    tx.commit();
    db.exec("PRAGMA foreign_keys = ON");
}

} // namespace asnbelajar::store::sqlite
