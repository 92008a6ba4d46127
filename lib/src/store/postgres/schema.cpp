// The PostgreSQL backend: the schema (the same tables as the SQLite backend's version 5, and the signing key)
// and its version,
// kept in the table asnbelajar_schema in place of SQLite's user_version.
//
// Every text column is COLLATE "C": text compares, sorts and folds case (lower()) by its bytes, as SQLite's
// BINARY collation does, whatever the server's default locale, so that listings and reports are byte-identical
// on both backends. Times are UTC seconds (bigint), JP in tenths.
//
// Written to run distributed on Citus as well (docs/architecture.md): the tables of a session's rows
// (enrollments, attendance_marks, attendance, certificates) have keys that begin with session_id, the
// distribution column; participants, sessions, counters and the audit log are reference tables.
#include "postgres_store.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

namespace asnbelajar::store::postgres {
namespace {

// The participants' NIP and e-mail are unique constraints checked at the end of each statement (DEFERRABLE
// INITIALLY IMMEDIATE): a batch of changed people is one UPDATE, in which a NIP may pass from one person to
// another.
constexpr const char* schema_v2 = R"sql(
CREATE TABLE asnbelajar_schema (
    version   integer NOT NULL
);
INSERT INTO asnbelajar_schema(version) VALUES (2);

CREATE TABLE participants (
    id        bigserial PRIMARY KEY,
    nip       text COLLATE "C",
    email     text COLLATE "C",
    phone     text COLLATE "C",
    name      text COLLATE "C" NOT NULL,
    agency    text COLLATE "C",
    unit      text COLLATE "C",
    position  text COLLATE "C",
    grade     text COLLATE "C",
    created   bigint NOT NULL,
    updated   bigint NOT NULL,
    CONSTRAINT participants_nip UNIQUE (nip) DEFERRABLE INITIALLY IMMEDIATE,
    CONSTRAINT participants_email UNIQUE (email) DEFERRABLE INITIALLY IMMEDIATE,
    CHECK (nip IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX participants_phone ON participants(phone) WHERE phone IS NOT NULL;

CREATE TABLE sessions (
    id              bigserial PRIMARY KEY,
    code            text COLLATE "C" NOT NULL CONSTRAINT sessions_code UNIQUE,
    series          integer,
    title           text COLLATE "C" NOT NULL,
    start           bigint NOT NULL,
    tz              text COLLATE "C" NOT NULL,
    minutes         integer NOT NULL CHECK (minutes > 0),
    jp_tenths       integer NOT NULL CHECK (jp_tenths >= 0),
    speaker         text COLLATE "C",
    capacity        integer CHECK (capacity IS NULL OR capacity >= 0),
    min_attendance  integer NOT NULL DEFAULT 70 CHECK (min_attendance BETWEEN 0 AND 100),
    status          text COLLATE "C" NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    created         bigint NOT NULL
);
CREATE INDEX sessions_start ON sessions(start);

CREATE TABLE enrollments (
    session_id      bigint NOT NULL REFERENCES sessions(id),
    participant_id  bigint NOT NULL REFERENCES participants(id),
    status          text COLLATE "C" NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'cancelled', 'walk-in')),
    arrival         bigint NOT NULL,
    created         bigint NOT NULL,
    updated         bigint NOT NULL,
    PRIMARY KEY (session_id, participant_id)
);
CREATE INDEX enrollments_participant ON enrollments(participant_id);
CREATE INDEX enrollments_queue ON enrollments(session_id, status, arrival);
CREATE INDEX enrollments_arrival ON enrollments(session_id, arrival);

CREATE TABLE attendance_marks (
    id              bigserial,
    session_id      bigint NOT NULL REFERENCES sessions(id),
    participant_id  bigint NOT NULL REFERENCES participants(id),
    kind            text COLLATE "C" NOT NULL CHECK (kind IN ('interval', 'duration', 'span', 'manual', 'self')),
    join_at         bigint,
    leave_at        bigint,
    seconds         bigint,
    source          text COLLATE "C" NOT NULL,
    batch           text COLLATE "C",
    created         bigint NOT NULL,
    PRIMARY KEY (session_id, id)
);
CREATE INDEX attendance_marks_person ON attendance_marks(session_id, participant_id);

CREATE TABLE attendance (
    session_id      bigint NOT NULL REFERENCES sessions(id),
    participant_id  bigint NOT NULL REFERENCES participants(id),
    minutes         integer NOT NULL,
    self_declared   integer NOT NULL DEFAULT 0 CHECK (self_declared IN (0, 1)),
    outcome         text COLLATE "C" NOT NULL CHECK (outcome IN ('attended', 'partial')),
    PRIMARY KEY (session_id, participant_id)
);
CREATE INDEX attendance_participant ON attendance(participant_id);

CREATE TABLE certificates (
    id              bigserial PRIMARY KEY,
    seq             bigint NOT NULL CONSTRAINT certificates_seq UNIQUE,
    number          text COLLATE "C" NOT NULL CONSTRAINT certificates_number UNIQUE,
    session_id      bigint NOT NULL REFERENCES sessions(id),
    participant_id  bigint NOT NULL REFERENCES participants(id),
    issued          bigint NOT NULL,
    revoked         bigint
);
CREATE UNIQUE INDEX certificates_live ON certificates(session_id, participant_id) WHERE revoked IS NULL;
CREATE INDEX certificates_participant ON certificates(participant_id);

CREATE TABLE counters (
    name   text COLLATE "C" PRIMARY KEY,
    value  bigint NOT NULL
);
INSERT INTO counters(name, value) VALUES ('certificate', 0);

CREATE TABLE audit_log (
    id       bigserial PRIMARY KEY,
    at       bigint NOT NULL,
    os_user  text COLLATE "C" NOT NULL,
    command  text COLLATE "C" NOT NULL,
    rows     bigint NOT NULL
);
)sql";

// v3: when a session's attendance was last imported from a platform export (as SQLite's v3).
constexpr const char* schema_v3 = R"sql(
ALTER TABLE sessions ADD COLUMN attendance_imported bigint;
)sql";

// v4: certificate gates (as SQLite's v4): what a session requires, and each attempt at its survey or
// post-test, keyed by session (a distributed table on Citus). An attempt is (session, kind, person,
// submitted_at) with NULL times equal: NULLS NOT DISTINCT (PostgreSQL 15) makes the unique index say so.
// And the agency's certificate signing key (issue 17), kept in the registry instead of a file beside it: one
// row, readable by the role that owns the store (it created the tables with db migrate) and by no other role
// granted rights on the store's tables, unless the owner grants it (docs/certificates.md).
constexpr const char* schema_v4 = R"sql(
ALTER TABLE sessions ADD COLUMN requires_survey integer NOT NULL DEFAULT 0 CHECK (requires_survey IN (0, 1));
ALTER TABLE sessions ADD COLUMN requires_posttest integer NOT NULL DEFAULT 0 CHECK (requires_posttest IN (0, 1));
ALTER TABLE sessions ADD COLUMN pass_score integer NOT NULL DEFAULT 60 CHECK (pass_score BETWEEN 0 AND 100);

CREATE TABLE results (
    id              bigserial,
    session_id      bigint NOT NULL REFERENCES sessions(id),
    participant_id  bigint NOT NULL REFERENCES participants(id),
    kind            text COLLATE "C" NOT NULL CHECK (kind IN ('survey', 'posttest')),
    score           integer CHECK (score BETWEEN 0 AND 10000),
    submitted_at    bigint,
    batch           text COLLATE "C" NOT NULL,
    created         bigint NOT NULL,
    PRIMARY KEY (session_id, id)
);
CREATE UNIQUE INDEX results_attempt ON results(session_id, kind, participant_id, submitted_at) NULLS NOT DISTINCT;
CREATE INDEX results_participant ON results(participant_id);

CREATE TABLE signing_key (
    id       integer PRIMARY KEY CHECK (id = 1),
    seed     text COLLATE "C" NOT NULL,
    created  bigint NOT NULL
);
REVOKE ALL ON signing_key FROM PUBLIC;
)sql";

// v5: every writing command's unique id in the audit log (asnbelajar/store_retry.hpp), recorded in the
// command's transaction, so that a retry after a commit of unknown outcome can tell whether it committed.
constexpr const char* schema_v5 = R"sql(
ALTER TABLE audit_log ADD COLUMN command_id text COLLATE "C";
CREATE UNIQUE INDEX audit_log_command ON audit_log(command_id) WHERE command_id IS NOT NULL;
)sql";

} // namespace

int stored_version(pq::Connection& db, const std::string& display) {
    // to_regclass() follows the search_path, as the statements do; the store is its first schema, which must
    // hold nothing else when it holds no store (as an SQLite file with other tables is not a store).
    const pq::Result r = db.query(
        "SELECT to_regclass('asnbelajar_schema') IS NOT NULL, (SELECT count(*) FROM pg_class c "
        "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')), "
        "coalesce(current_schema(), '')");
    if (!r.boolean(0, 0)) {
        if (r.int64(0, 1) > 0)
            throw Error(
                tr("{} is a PostgreSQL database but not an asnbelajar store (its schema {} holds other "
                   "tables; give the store a database or schema of its own)",
                   display, r.text(0, 2)));
        return 0;
    }
    const pq::Result v = db.query("SELECT max(version) FROM asnbelajar_schema");
    return v.int32(0, 0);
}

void migrate(pq::Connection& db, const std::string& display) {
    // One migrating process at a time (the lock ends with the transaction); the version is read again under it.
    db.query("SELECT pg_advisory_xact_lock(hashtext('asnbelajar schema'))");
    int version = stored_version(db, display);
    if (version > schema_version)
        throw Error(
            tr("store {} has schema version {}, newer than this asnbelajar understands ({}); use a newer "
               "asnbelajar",
               display, version, schema_version));
    const int was = version;
    if (version == 0) {
        db.exec(schema_v2);
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
    // Later versions: `if (version == 5) { db.exec(schema_v6); version = 6; }`.
    if (version != schema_version)
        throw Error(tr("cannot migrate store {} from version {}", display, version));
    if (version != was) db.query("UPDATE asnbelajar_schema SET version = $1", pq::Params().add(version));
}

} // namespace asnbelajar::store::postgres
