-- A store as asnbelajar 0.1 (schema version 1) wrote it: the migration test (test_foundation.sh) opens it.
PRAGMA user_version = 1;
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
INSERT INTO participants(id, nip, email, phone, name, agency, unit, position, grade, created, updated) VALUES
 (1, '198503302010011002', 'budi@example.go.id', '+6281234567890', 'Budi Santoso', 'Pemerintah Kota Surabaya', 'Dinas Pendidikan', 'Guru Ahli Muda', 'III/b', 1646000000, 1646000000),
 (2, '199001012015032001', 'siti@example.go.id', NULL, 'Siti Rahayu', 'Pemerintah Kabupaten Jember', NULL, NULL, 'III/a', 1646000000, 1646000000),
 (5, NULL, 'tamu@example.com', NULL, 'Tamu Umum', NULL, NULL, NULL, NULL, 1646000000, 1646000000);
INSERT INTO sessions(id, code, series, title, start, tz, minutes, jp_tenths, speaker, capacity, min_attendance, status, created) VALUES
 (1, '2022-03-03', 9, 'Webinar ASN Belajar Seri 9', 1646272800, 'Asia/Jakarta', 180, 30, NULL, NULL, 70, 'scheduled', 1646000000);
INSERT INTO enrollments(session_id, participant_id, status, arrival, created, updated) VALUES
 (1, 1, 'enrolled', 1, 1646000000, 1646000000), (1, 2, 'enrolled', 2, 1646000000, 1646000000),
 (1, 5, 'walk-in', 3, 1646300000, 1646300000);
INSERT INTO attendance_marks(id, session_id, participant_id, kind, join_at, leave_at, seconds, source, batch, created) VALUES
 (1, 1, 1, 'manual', NULL, NULL, 10800, 'manual', NULL, 1646300000),
 (2, 1, 5, 'manual', NULL, NULL, 3600, 'manual', NULL, 1646300000);
INSERT INTO attendance(session_id, participant_id, minutes, self_declared, outcome) VALUES
 (1, 1, 180, 0, 'attended'), (1, 5, 60, 0, 'partial');
INSERT INTO certificates(id, seq, number, session_id, participant_id, issued, revoked) VALUES
 (1, 1, 'ASNB/2022/III/000001', 1, 1, 1646400000, NULL);
UPDATE counters SET value = 1 WHERE name = 'certificate';
INSERT INTO audit_log(id, at, os_user, command, rows) VALUES (1, 1646400000, 'admin', 'certify 2022-03-03', 1);
