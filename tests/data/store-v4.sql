-- A store as asnbelajar wrote it at schema version 4 (issue 17: the certificate gates; session 2022-03-03 requires
-- a post-test), before the command ids of issue 19: the migration test (test_foundation.sh) opens it. It is
-- store-v3.sql migrated by asnbelajar at version 4, plus that session edit: its audit rows have no command id.
PRAGMA user_version = 4;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
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
, attendance_imported INTEGER, requires_survey INTEGER NOT NULL DEFAULT 0 CHECK (requires_survey IN (0, 1)), requires_posttest INTEGER NOT NULL DEFAULT 0 CHECK (requires_posttest IN (0, 1)), pass_score INTEGER NOT NULL DEFAULT 60 CHECK (pass_score BETWEEN 0 AND 100));
INSERT INTO sessions VALUES(1,'2022-03-03',9,'Webinar ASN Belajar Seri 9 | 2022',1646272800,'Asia/Jakarta',180,30,NULL,NULL,70,'scheduled',1795988750,NULL,0,1,60);
INSERT INTO sessions VALUES(2,'2022-03-10',NULL,'Kelas kosong',1646877600,'Asia/Jakarta',60,10,NULL,NULL,70,'scheduled',1795988750,1795988751,0,0,60);
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
INSERT INTO enrollments VALUES(1,1,'enrolled',1,1795988751,1795988751);
INSERT INTO enrollments VALUES(1,2,'enrolled',2,1795988751,1795988751);
INSERT INTO enrollments VALUES(1,3,'enrolled',3,1795988751,1795988751);
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
INSERT INTO attendance_marks VALUES(1,1,1,'manual',NULL,NULL,10800,'manual',NULL,1795988751);
INSERT INTO attendance_marks VALUES(2,1,2,'manual',NULL,NULL,3600,'manual',NULL,1795988751);
CREATE TABLE attendance (
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    minutes         INTEGER NOT NULL,
    self_declared   INTEGER NOT NULL DEFAULT 0,
    outcome         TEXT NOT NULL CHECK (outcome IN ('attended', 'partial')),
    PRIMARY KEY (session_id, participant_id)
) WITHOUT ROWID;
INSERT INTO attendance VALUES(1,1,180,0,'attended');
INSERT INTO attendance VALUES(1,2,60,0,'partial');
CREATE TABLE certificates (
    id              INTEGER PRIMARY KEY,
    seq             INTEGER NOT NULL UNIQUE,
    number          TEXT NOT NULL UNIQUE,
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    participant_id  INTEGER NOT NULL REFERENCES participants(id),
    issued          INTEGER NOT NULL,
    revoked         INTEGER
);
INSERT INTO certificates VALUES(1,1,'1/BPSDM-ASNB/III/2022',1,1,1795988751,NULL);
CREATE TABLE counters (
    name   TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters VALUES('certificate',1);
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    os_user  TEXT NOT NULL,
    command  TEXT NOT NULL,
    rows     INTEGER NOT NULL
);
INSERT INTO audit_log VALUES(1,1795988750,'root','asnbelajar --tz Asia/Jakarta session add --title Webinar ASN Belajar Seri 9 | 2022 --start 2022-03-03 09:00 --minutes 180 --jp 3 --series 9',1);
INSERT INTO audit_log VALUES(2,1795988750,'root','asnbelajar --tz Asia/Jakarta session add --title Kelas kosong --start 2022-03-10 09:00 --minutes 60 --jp 1',1);
INSERT INTO audit_log VALUES(3,1795988750,'root','asnbelajar participant add --nip 198609262015051001 --name Andi Wijaya --email andi@example.go.id --agency Pemerintah Kota Malang',1);
INSERT INTO audit_log VALUES(4,1795988750,'root','asnbelajar participant add --nip 199001152014031002 --name Budi Santoso --email budi@example.go.id --agency Pemerintah Kota Malang',1);
INSERT INTO audit_log VALUES(5,1795988750,'root','asnbelajar participant add --nip 198703212010122003 --name Citra Lestari --email citra@example.go.id',1);
INSERT INTO audit_log VALUES(6,1795988751,'root','asnbelajar enroll 2022-03-03 198609262015051001 199001152014031002 198703212010122003',3);
INSERT INTO audit_log VALUES(7,1795988751,'root','asnbelajar attend 2022-03-03 198609262015051001 --minutes 180',1);
INSERT INTO audit_log VALUES(8,1795988751,'root','asnbelajar attend 2022-03-03 199001152014031002 --minutes 60',1);
INSERT INTO audit_log VALUES(9,1795988751,'root','asnbelajar attend 2022-03-10 --file empty.csv --allow-empty --source csv',0);
INSERT INTO audit_log VALUES(10,1795988751,'root','asnbelajar certify 2022-03-03',1);
INSERT INTO audit_log VALUES(11,1796007430,'root','asnbelajar --db v4.db db migrate',0);
INSERT INTO audit_log VALUES(12,1796007433,'root','asnbelajar --db v4.db session edit 2022-03-03 --requires posttest',1);
CREATE TABLE IF NOT EXISTS "participants" (
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
INSERT INTO participants VALUES(1,'198609262015051001','andi@example.go.id',NULL,'Andi Wijaya','Pemerintah Kota Malang',NULL,NULL,NULL,1795988750,1795988750);
INSERT INTO participants VALUES(2,'199001152014031002','budi@example.go.id',NULL,'Budi Santoso','Pemerintah Kota Malang',NULL,NULL,NULL,1795988750,1795988750);
INSERT INTO participants VALUES(3,'198703212010122003','citra@example.go.id',NULL,'Citra Lestari',NULL,NULL,NULL,NULL,1795988750,1795988750);
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
CREATE INDEX sessions_start ON sessions(start);
CREATE INDEX enrollments_participant ON enrollments(participant_id);
CREATE INDEX enrollments_queue ON enrollments(session_id, status, arrival);
CREATE INDEX enrollments_arrival ON enrollments(session_id, arrival);
CREATE INDEX attendance_marks_person ON attendance_marks(session_id, participant_id);
CREATE INDEX attendance_participant ON attendance(participant_id);
CREATE UNIQUE INDEX certificates_live ON certificates(session_id, participant_id) WHERE revoked IS NULL;
CREATE INDEX certificates_participant ON certificates(participant_id);
CREATE UNIQUE INDEX participants_nip ON participants(nip);
CREATE UNIQUE INDEX participants_email ON participants(email);
CREATE INDEX participants_phone ON participants(phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX results_attempt ON results(session_id, kind, participant_id, submitted_at);
CREATE INDEX results_participant ON results(participant_id);
COMMIT;
