#include "asnbelajar/error.hpp"
#include "asnbelajar/store.hpp"
#include "table_text.hpp"
#include "temp_dir.hpp"

#include "store/sqlite/errors.hpp"
#include "store/sqlite/open.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace asnbelajar;

namespace {

void raw_exec(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

// Another process commits a participant with `nip` to the store file at `path`: true when `db` then finds
// them, as it does when none of its reads is left open on an older snapshot.
bool sees_a_later_commit(store::Store& db, const std::string& path, const std::string& nip) {
    raw_exec(
        path,
        fmt::format("INSERT INTO participants(nip, name, created, updated) VALUES ('{}', 'Later', 0, 0)", nip)
            .c_str());
    return db.participant_by_nip(nip).has_value();
}

Participant person(const char* nip, const char* name) {
    Participant p;
    p.nip = nip;
    p.name = name;
    return p;
}

} // namespace

// How many indexes the participants table of the SQLite store at `path` has now (read by a connection of its own).
static int participant_indexes(const std::string& path) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(
                raw, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'participants'",
                -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    return n;
}

TEST_CASE("a new store is owner-only, in WAL mode, at the current schema") {
    TempDir dir;
    std::string path = dir.file("s.db");
    {
        const auto db = store::open(path, store::Access::write);
        store::Store& store = *db;
        CHECK(store.created());
        store::StoreCheck c = store.check();
        CHECK(c.integrity == "ok");
        CHECK(c.version == store::schema_version);
        CHECK(c.journal_mode == "wal");
    }
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_FALSE(store::open(path, store::Access::read)->created());
}

TEST_CASE("a new store made through a link to a file not there yet is that file, owner-only") {
    // /var/lib/asnbelajar/current.db -> store-2027.db, the year's store not made yet.
    TempDir dir;
    const std::string link = dir.file("current.db"), target = dir.file("store-2027.db");
    REQUIRE(::symlink("store-2027.db", link.c_str()) == 0);
    {
        const auto db = store::open(link, store::Access::write);
        CHECK(db->created());
        db->insert_participant(person("198609262015051001", "A"));
    }
    struct stat st {};
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK(S_ISREG(st.st_mode));
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(store::open(target, store::Access::read)->check().participants == 1);
}

TEST_CASE(
    "two programs upgrading one store at once: the second, having waited, finds it upgraded and goes on") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    store::open(path, store::Access::write);
    // A store of version 4 (before the command ids), made from today's.
    SQLite::Database first(path, SQLite::OPEN_READWRITE);
    first.exec("DROP INDEX audit_log_command; ALTER TABLE audit_log DROP COLUMN command_id; "
               "PRAGMA user_version = 4");
    // The first program upgrades under the write lock; the second reads version 4 and waits for the lock.
    first.exec("BEGIN IMMEDIATE");
    std::string second;
    std::thread t([&] {
        try {
            store::open(path, store::Access::write);
            second = "opened";
        } catch (const Error& e) {
            second = e.what();
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(500)); // (had it not read yet, it would read 5)
    first.exec("ALTER TABLE audit_log ADD COLUMN command_id TEXT; CREATE UNIQUE INDEX audit_log_command ON "
               "audit_log(command_id) WHERE command_id IS NOT NULL; PRAGMA user_version = 5");
    first.exec("COMMIT");
    t.join();
    CHECK(second == "opened");
    CHECK(store::open(path, store::Access::read)->check().version == store::schema_version);
}

TEST_CASE("a new store's first transaction runs with a rollback journal; the store is in WAL mode after it") {
    TempDir dir;
    for (const bool commit : {true, false}) {
        const std::string path = dir.file(commit ? "committed.db" : "rolled-back.db");
        const auto db = store::open(path, store::Access::write);
        {
            store::Store::Transaction tx(*db);
            CHECK(db->check().journal_mode == "delete");
            db->insert_participant(person("198609262015051001", "A"));
            if (commit) tx.commit();
        }
        CHECK(db->check().journal_mode == "wal");
        CHECK(db->check().participants == (commit ? 1 : 0));
        store::Store::Transaction tx(*db); // only the first one
        CHECK(db->check().journal_mode == "wal");
    }
    // A store that existed already: WAL mode from the start.
    const auto db = store::open(dir.file("committed.db"), store::Access::write);
    store::Store::Transaction tx(*db);
    CHECK(db->check().journal_mode == "wal");
}

TEST_CASE("a readable store opens whatever errno an earlier call left behind") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    store::open(path, store::Access::write);
    // The permission check asks errno only when access() failed: an EACCES of some earlier call is no reason.
    for (store::Access access : {store::Access::read, store::Access::write}) {
        errno = EACCES;
        CHECK_NOTHROW(store::open(path, access));
    }
}

TEST_CASE("a new store is made when standard input is closed and its file gets descriptor 0") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    const int saved = ::dup(0);
    REQUIRE(saved >= 0);
    ::close(0); // a job started without standard input: the next file opened is descriptor 0
    std::string error;
    try {
        store::open(path, store::Access::write);
    } catch (const Error& e) {
        error = e.what();
    }
    REQUIRE(::dup2(saved, 0) == 0);
    ::close(saved);
    CHECK(error == "");
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(store::open(path, store::Access::read)->check().integrity == "ok");
}

TEST_CASE("a store opened again keeps its references: a row referring to a missing session is refused") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    Id a = 0;
    {
        const auto db = store::open(path, store::Access::write);
        a = db->insert_participant(person("198609262015051001", "A"));
    }
    const auto db = store::open(path, store::Access::write); // at the current schema: no migration
    CHECK_FALSE(db->created());
    CHECK_THROWS_WITH_AS(db->put_enrollment(99, a, EnrollmentStatus::enrolled),
                         "a row refers to a session or participant that is not in the store", Error);
}

TEST_CASE("opening refuses what is not ours") {
    TempDir dir;
    CHECK_THROWS_WITH_AS(store::open(dir.file("missing.db"), store::Access::read),
                         doctest::Contains("no store at"), Error);
    CHECK_THROWS_AS(store::open(dir.file("no/such/dir/s.db"), store::Access::write), Error);
    const std::string folder =
        "cannot open store " + dir.path.string() + ": it is a directory (--db names the store file)";
    for (store::Access access : {store::Access::read, store::Access::write})
        CHECK_THROWS_WITH_AS(store::open(dir.path.string(), access), folder.c_str(), Error);

    std::string newer = dir.file("newer.db");
    store::open(newer, store::Access::write);
    raw_exec(newer, "PRAGMA user_version = 99");
    CHECK_THROWS_WITH_AS(store::open(newer, store::Access::write), doctest::Contains("newer"), Error);

    std::string other = dir.file("other.db");
    raw_exec(other, "CREATE TABLE t(x)");
    CHECK_THROWS_WITH_AS(store::open(other, store::Access::write),
                         doctest::Contains("not an asnbelajar store"), Error);

    std::string text = dir.file("text.db");
    std::ofstream(text) << "hello, this is not a database at all, but it is long enough to look like one....";
    CHECK_THROWS_AS(store::open(text, store::Access::write), Error);
}

TEST_CASE("a transaction not committed leaves nothing") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    store::Store& store = *db;
    {
        store::Store::Transaction tx(store);
        store.insert_participant(person("198609262015051001", "A"));
    }
    CHECK_FALSE(store.participant_by_nip("198609262015051001"));
    {
        store::Store::Transaction tx(store);
        store.insert_participant(person("198609262015051001", "A"));
        tx.commit();
    }
    CHECK(store.participant_by_nip("198609262015051001"));
}

TEST_CASE("participants: unique NIP and e-mail, lookups") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    store::Store& store = *db;
    Participant a = person("198609262015051001", "A");
    a.email = "a@example.go.id";
    a.phone = "+628123456789";
    a.id = store.insert_participant(a);
    CHECK(store.participant_by_email("a@example.go.id")->id == a.id);
    CHECK(store.participant_by_phone("+628123456789")->id == a.id);
    CHECK_THROWS_WITH_AS(store.insert_participant(person("198609262015051001", "B")),
                         doctest::Contains("already belongs"), Error);
    Participant b = person("", "B");
    b.email = "a@example.go.id";
    CHECK_THROWS_AS(store.insert_participant(b), Error);
    CHECK(store.list_participants("", "a@").size() == 1);
    CHECK(store.list_participants("", "%").empty()); // search text is data, not a pattern
}

TEST_CASE("the audit log keeps every write") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    store::Store& store = *db;
    const auto before = static_cast<std::int64_t>(std::time(nullptr));
    store.audit("asnbelajar enroll X Y", 2);
    const auto after = static_cast<std::int64_t>(std::time(nullptr));
    auto log = store.audit_log(10);
    REQUIRE(log.size() == 1);
    CHECK(log[0].command == "asnbelajar enroll X Y");
    CHECK(log[0].rows == 2);
    CHECK_FALSE(log[0].user.empty());
    CHECK(log[0].at >= before); // when it was written
    CHECK(log[0].at <= after);
}

// --- SQLite's failures reach the caller as asnbelajar::Error (lib/src/store/errors.hpp) ---
namespace {

// The message of the asnbelajar::Error that `f` threw, or "" when it threw nothing. Any other exception (an
// SQLite::Exception escaping the store) fails the test.
template <class F> std::string error_from(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    } catch (const std::exception& e) {
        FAIL_CHECK("not an asnbelajar::Error: " << std::string(e.what()));
        return "not an asnbelajar::Error";
    }
    return "";
}

Session session(const char* code) {
    Session s;
    s.code = code;
    s.title = "Webinar";
    s.start = 1646272800;
    s.minutes = 120;
    s.jp_tenths = 20;
    return s;
}

// Overwrites the root page of every table and index of the closed store at `path` whose table is not in `keep`
// with garbage; page 1 (the schema) is left alone, so the store still opens. Returns how many pages it damaged.
std::size_t damage(const std::string& path, const std::vector<std::string>& keep = {}) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    std::vector<std::int64_t> pages;
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT rootpage, tbl_name FROM sqlite_master WHERE rootpage > 1", -1, &st,
                               nullptr) == SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        if (std::find(keep.begin(), keep.end(), reinterpret_cast<const char*>(sqlite3_column_text(st, 1))) ==
            keep.end())
            pages.push_back(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const std::int64_t page_size = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    const std::string garbage(static_cast<std::size_t>(page_size), '\xa5');
    for (std::int64_t page : pages) {
        f.seekp((page - 1) * page_size);
        f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    REQUIRE(f.good());
    return pages.size();
}

} // namespace

TEST_CASE("store errors: a broken constraint is said by its value, not by SQLite's text") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    store::Store& store = *db;
    Participant a = person("198609262015051001", "A");
    a.email = "a@example.go.id";
    a.id = store.insert_participant(a);
    Participant b = person("199001152014031002", "B");
    b.id = store.insert_participant(b);

    CHECK(error_from([&] { store.insert_participant(person("198609262015051001", "C")); }) ==
          "NIP 198609262015051001 already belongs to another participant");
    Participant c = person("", "C");
    c.email = "a@example.go.id";
    CHECK(error_from([&] { store.insert_participant(c); }) ==
          "e-mail a@example.go.id already belongs to another participant");
    b.nip = a.nip;
    CHECK(error_from([&] { store.update_participant(b); }) ==
          "NIP 198609262015051001 already belongs to another participant");

    Session s = session("w9");
    s.id = store.insert_session(s);
    CHECK(error_from([&] { store.insert_session(session("w9")); }) ==
          "a session with code w9 already exists");

    store.insert_certificate(s.id, a.id, 1, "000001/W9");
    CHECK(error_from([&] { store.insert_certificate(s.id, b.id, 2, "000001/W9"); }) ==
          "certificate number 000001/W9 exists already; choose a template that keeps numbers apart");
    CHECK(error_from([&] { store.insert_certificate(s.id, b.id, 1, "000002/W9"); }) ==
          "certificate sequence number 1 is taken already");
    CHECK(error_from([&] { store.insert_certificate(s.id, a.id, 3, "000003/W9"); }) ==
          "the participant holds a live certificate of this session already");

    // A foreign key: SQLite does not say which.
    CHECK(error_from([&] { store.put_enrollment(s.id + 100, a.id, EnrollmentStatus::enrolled); }) ==
          "a row refers to a session or participant that is not in the store");

    // A duplicate that slipped past a bulk load's caller, found when the indexes come back: no value.
    dynamic_cast<store::sqlite::SqliteStore&>(store).append_after = 0; // append mode at once: indexes dropped
    store::Store::Transaction tx(store);
    store.begin_bulk_load(1);
    Participant d = person("199001152014031002", "D");
    store.write_participants({}, {&d, 1});
    CHECK(error_from([&] { store.end_bulk_load(); }) == "two participants would have the same NIP");
}

TEST_CASE(
    "a bulk load left unfinished ends with its transaction: rolled back or committed, never without indexes") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    const auto db = store::open(path, store::Access::write);
    store::Store& store = *db;
    auto& sqlite = dynamic_cast<store::sqlite::SqliteStore&>(store);
    sqlite.append_after = 0; // append mode at once: indexes dropped
    const auto indexes = [&] { return participant_indexes(path); };
    std::vector<Participant> rows = {person("198609262015051001", "A")};
    {
        store::Store::Transaction tx(store);
        store.begin_bulk_load(1);
        store.write_participants({}, rows);
    } // an exception would leave like this: rolled back
    CHECK_FALSE(store.participant_by_nip("198609262015051001"));
    CHECK(indexes() == 3);
    {
        store::Store::Transaction tx(store);
        store.begin_bulk_load(1);
        store.write_participants({}, rows);
        tx.commit(); // without end_bulk_load(): the commit builds the indexes first
    }
    CHECK(store.participant_by_nip("198609262015051001"));
    CHECK(indexes() == 3);
    // A duplicate found by the commit's index build: nothing is kept.
    {
        store::Store::Transaction tx(store);
        store.begin_bulk_load(1);
        std::vector<Participant> again = {person("198609262015051001", "B")};
        store.write_participants({}, again);
        CHECK(error_from([&] { tx.commit(); }) == "two participants would have the same NIP");
    }
    CHECK(store.participant_by_nip("198609262015051001")->name == "A");
    CHECK(indexes() == 3);
    // A second bulk load ends the first (one at a time): the first one's indexes come back, though the second
    // keeps them (it is not to use append mode).
    {
        store::Store::Transaction tx(store);
        store.begin_bulk_load(1);
        std::vector<Participant> more = {person("199001152014031002", "C")};
        store.write_participants({}, more);
        sqlite.append_after = store::sqlite::SqliteStore::never_append;
        store.begin_bulk_load(1);
        store.end_bulk_load();
        tx.commit();
        sqlite.append_after = 0;
    }
    CHECK(store.participant_by_nip("199001152014031002"));
    CHECK(indexes() == 3);
}

TEST_CASE("store errors: every constraint has its row, its name and its messages") {
    using store::Constraint;
    for (Constraint c : {Constraint::participant_nip, Constraint::participant_email, Constraint::session_code,
                         Constraint::certificate_seq, Constraint::certificate_number,
                         Constraint::certificate_live, Constraint::result_attempt, Constraint::reference}) {
        const store::ConstraintInfo& info = store::constraint_info(c);
        CAPTURE(info.name);
        CHECK(info.constraint == c);
        CHECK(*info.name);
        CHECK(*info.message);
        CHECK(*info.unnamed);
    }
    // The value is the one written under that constraint; without it, the message has none.
    CHECK(store::constraint_message(
              Constraint::participant_email,
              {{Constraint::participant_nip, "1"}, {Constraint::participant_email, "x@y.id"}}) ==
          "e-mail x@y.id already belongs to another participant");
    CHECK(store::constraint_message(Constraint::participant_email, {}) ==
          "two participants would have the same e-mail");
}

TEST_CASE("store errors: SQLite's unique violation is named by its columns, every constraint of the schema") {
    using store::Constraint;
    TempDir dir;
    const std::string path = dir.file("s.db");
    store::open(path, store::Access::write)->insert_participant(person("198609262015051001", "A"));
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    const auto broken = [&](const char* sql) -> std::optional<Constraint> {
        try {
            raw.exec(sql);
        } catch (const SQLite::Exception& e) {
            return store::sqlite::sqlite_constraint(e);
        }
        FAIL("no constraint broken: ", sql);
        return std::nullopt;
    };
    const char* const session = "INSERT INTO sessions(code, title, start, tz, minutes, jp_tenths, created) "
                                "VALUES ('S', 'S', 0, 'Asia/Jakarta', 60, 10, 0)";
    const char* const result =
        "INSERT INTO results(session_id, participant_id, kind, score, submitted_at, batch, "
        "created) SELECT 1, id, 'posttest', 8000, 100, 'b', 0 FROM participants";
    raw.exec(session);
    raw.exec(result);
    CHECK(broken(result) == Constraint::result_attempt);
    CHECK(broken(session) == Constraint::session_code);
    CHECK(
        broken(
            "INSERT INTO participants(nip, name, created, updated) VALUES ('198609262015051001', 'B', 0, 0)") ==
        Constraint::participant_nip);
    // Other failures name their columns the same way ("NOT NULL constraint failed: sessions.code"): no
    // duplicate, whatever the columns.
    CHECK(broken("INSERT INTO sessions(code, title, start, tz, minutes, jp_tenths, created) "
                 "VALUES (NULL, 'S', 0, 'Asia/Jakarta', 60, 10, 0)") == std::nullopt);
}

TEST_CASE("store errors: the database's faults have their own messages") {
    TempDir dir; // a writable directory: no word on it in the messages
    const std::string path = dir.file("s.db");
    const auto said = [&](int code, const char* sqlite_message) -> std::string {
        return store::sqlite::translate(SQLite::Exception(sqlite_message, code), path, nullptr).what();
    };
    CHECK(said(SQLITE_BUSY, "database is locked") ==
          "the store " + path + " is locked by another process (database is locked); try again");
    CHECK(said(SQLITE_READONLY, "attempt to write a readonly database") ==
          "the store " + path + " cannot be written: read-only (attempt to write a readonly database)");
    CHECK(said(SQLITE_FULL, "database or disk is full") ==
          "cannot write the store " + path + ": disk full (database or disk is full)");
    CHECK(said(SQLITE_CORRUPT, "database disk image is malformed") ==
          path + " is not an asnbelajar store or is damaged (database disk image is malformed)");
    CHECK(said(SQLITE_NOTADB, "file is not a database") ==
          path + " is not an asnbelajar store or is damaged (file is not a database)");
    CHECK(said(SQLITE_CANTOPEN, "unable to open database file") ==
          "cannot open store " + path + ": unable to open database file");
    // Without a shared cache, SQLITE_LOCKED is a conflict inside the connection, not another process.
    CHECK(said(SQLITE_LOCKED, "database table is locked") ==
          "store error in " + path + ": database table is locked");
    CHECK(said(SQLITE_IOERR_WRITE, "disk I/O error") ==
          "cannot read or write the store " + path + ": disk I/O error");
    CHECK(said(SQLITE_TOOBIG, "string or blob too big") ==
          "store error in " + path + ": string or blob too big");
    CHECK(said(SQLITE_CONSTRAINT_CHECK, "CHECK constraint failed: minutes > 0") ==
          "store error in " + path + ": CHECK constraint failed: minutes > 0");
    // SQLiteCpp's own errors carry no SQLite code.
    CHECK(said(-1, "Column index out of range") == "store error in " + path + ": Column index out of range");
}

TEST_CASE("store errors: a file that is not a store is said to be one or damaged") {
    TempDir dir;
    std::string text = dir.file("roster.db");
    std::ofstream(text) << "nip,name\n198609262015051001,Siti Rahayu\n" << std::string(200, '-') << '\n';
    for (store::Access access : {store::Access::read, store::Access::write})
        CHECK(error_from([&] { store::open(text, access); }) ==
              text + " is not an asnbelajar store or is damaged (file is not a database)");
}

TEST_CASE("store errors: a store another process wrote meanwhile is said to be locked, without waiting") {
    TempDir dir;
    std::string path = dir.file("s.db");
    const auto db = store::open(path, store::Access::write);
    store::Store& store = *db;
    store.insert_participant(person("198609262015051001", "A"));
    store.insert_participant(person("199001152014031002", "B"));
    // While each_participant_key steps, this connection reads one snapshot. Another process commits; a write
    // from the old snapshot cannot wait its way forward, and SQLite says SQLITE_BUSY at once.
    std::string message;
    dynamic_cast<store::sqlite::SqliteStore&>(store).each_participant_key([&](Id, std::string_view,
                                                                              std::string_view) {
        if (!message.empty()) return;
        raw_exec(path, "INSERT INTO audit_log(at, os_user, command, rows) VALUES (0, 'other', 'other', 0)");
        message = error_from([&] { store.audit("asnbelajar enroll w9 A", 1); });
    });
    CHECK(message == "the store " + path + " is locked by another process (database is locked); try again");
}

TEST_CASE("store errors: no SQLite::Exception escapes a Store method on a damaged store") {
    TempDir dir;
    std::string path = dir.file("s.db");
    Id a = 0, s = 0;
    {
        const auto db = store::open(path, store::Access::write);
        store::Store& store = *db;
        Participant p = person("198609262015051001", "A");
        p.email = "a@example.go.id";
        p.phone = "+628123456789";
        a = store.insert_participant(p);
        s = store.insert_session(session("w9"));
        store.put_enrollment(s, a, EnrollmentStatus::enrolled);
        AttendanceMark m;
        m.kind = MarkKind::manual;
        m.seconds = 3600;
        m.source = "manual";
        store.add_mark(s, a, m);
        store.put_attendance(s, a, {60, false}, AttendanceOutcome::attended);
        store.insert_certificate(s, a, store.next_certificate_seq(), "000001/W9");
        store.audit("asnbelajar setup", 1);
    } // closed: the WAL is checkpointed into the file
    // Every table's and index's root page overwritten; page 1 (the schema) left alone, so the store opens.
    REQUIRE(damage(path) > 10);
    const auto db = store::open(path, store::Access::write);
    store::Store& store = *db;
    auto& sqlite_store = dynamic_cast<store::sqlite::SqliteStore&>(store);
    Participant p = person("199001152014031002", "B");
    p.id = a;
    Session w9 = session("w9");
    w9.id = s;
    AttendanceMark mark;
    mark.kind = MarkKind::manual;
    mark.source = "manual";
    std::vector<Participant> rows = {p};
    store::ParticipantMatches matches;
    const std::vector<store::ParticipantKeys> keys = {{p.nip, "", ""}};
    const std::vector<Id> people = {a};
    const std::vector<store::EnrollmentChange> seats = {{a, EnrollmentStatus::enrolled}};
    const std::vector<PersonMarks> marks = {{a, {mark}}};
    const std::vector<store::PersonSummary> summaries = {{a, AttendanceSummary{60, false}}};
    store::Tallies tallies(a);
    tallies.add(a);
    struct Sink : store::TableSink {
        void counted(const std::array<std::int64_t, store::all_tables.size()>&) override {}
        void rows(store::Table, const store::TableRows&) override {}
    } sink;
    store::TableRows counter;
    counter.reset(2);
    counter.set(0, 0, std::string_view("certificate_seq"));
    counter.set(0, 1, std::int64_t{5});
    counter.rows = 1;
    const std::vector<std::pair<const char*, std::function<void()>>> calls = {
        {"participant_by_id", [&] { store.participant_by_id(a); }},
        {"participant_by_nip", [&] { store.participant_by_nip(p.nip); }},
        {"participant_by_email", [&] { store.participant_by_email("a@example.go.id"); }},
        {"participant_by_phone", [&] { store.participant_by_phone("+628123456789"); }},
        {"insert_participant", [&] { store.insert_participant(person("197512302000031001", "C")); }},
        {"update_participant", [&] { store.update_participant(p); }},
        {"list_participants", [&] { store.list_participants("", ""); }},
        {"each_participant_name", [&] { store.each_participant_name([](Id, auto, auto, auto) {}); }},
        {"find_participants", [&] { store.find_participants(rows, matches); }},
        {"write_participants", [&] { store.write_participants(rows, {}); }},
        {"participants_matching", [&] { store.participants_matching(keys); }},
        {"max_participant_id", [&] { sqlite_store.max_participant_id(); }},
        {"each_participant_key", [&] { sqlite_store.each_participant_key([](Id, auto, auto) {}); }},
        {"begin_bulk_load", [&] { store.begin_bulk_load(1000); }},
        {"end_bulk_load", [&] { store.end_bulk_load(); }},
        {"enrollments_of", [&] { store.enrollments_of(s, people); }},
        {"put_enrollments", [&] { store.put_enrollments(s, seats); }},
        {"put_enrollment", [&] { store.put_enrollment(s, a, EnrollmentStatus::cancelled); }},
        {"session_by_id", [&] { store.session_by_id(s); }},
        {"session_by_code", [&] { store.session_by_code("w9"); }},
        {"session_code_exists", [&] { store.session_code_exists("w9"); }},
        {"insert_session", [&] { store.insert_session(session("w10")); }},
        {"update_session", [&] { store.update_session(w9); }},
        {"sessions_at", [&] { store.sessions_at(w9.start, w9.title); }},
        {"session_holdings", [&] { store.session_holdings(s); }},
        {"delete_session", [&] { store.delete_session(s); }},
        {"session_totals(from, to)", [&] { store.session_totals(0, 2000000000); }},
        {"session_totals(session)", [&] { store.session_totals(w9); }},
        {"enrollment", [&] { store.enrollment(s, a); }},
        {"enrollment_counts", [&] { store.enrollment_counts(s); }},
        {"seat_state", [&] { store.seat_state(s, 10); }},
        {"first_waitlisted", [&] { store.first_waitlisted(s); }},
        {"add_marks", [&] { store.add_marks(s, marks); }},
        {"add_mark", [&] { store.add_mark(s, a, mark); }},
        {"delete_marks", [&] { store.delete_marks(s, a, MarkKind::manual); }},
        {"marks_of", [&] { store.marks_of(s, people); }},
        {"marks", [&] { store.marks(s, a); }},
        {"session_marks", [&] { store.session_marks(s); }},
        {"participants_with_marks", [&] { store.participants_with_marks(s); }},
        {"put_summaries", [&] { store.put_summaries(s, summaries); }},
        {"put_attendance",
         [&] {
             store.put_attendance(s, a, {60, false}, AttendanceOutcome::attended);
         }},
        {"clear_session_attendance", [&] { store.clear_session_attendance(s); }},
        {"note_attendance_import", [&] { store.note_attendance_import(s, 1646290800); }},
        {"delete_batch_marks", [&] { store.delete_batch_marks(s, "batch"); }},
        {"session_enrollments", [&] { store.session_enrollments(s); }},
        {"outcome_counts", [&] { store.outcome_counts(s); }},
        {"session_roster", [&] { store.session_roster(s); }},
        {"agency_attendance", [&] { store.agency_attendance(s); }},
        {"next_certificate_seq", [&] { store.next_certificate_seq(); }},
        {"highest_certificate_seq", [&] { store.highest_certificate_seq(); }},
        {"certificate_counter", [&] { store.certificate_counter(); }},
        {"set_certificate_counter", [&] { store.set_certificate_counter(41); }},
        {"insert_certificate", [&] { store.insert_certificate(s, a, 7, "000007/W9"); }},
        {"revoke_certificate", [&] { store.revoke_certificate(s, a); }},
        {"live_certificates", [&] { store.live_certificates({s}); }},
        {"put_results",
         [&] {
             const ResultAttempt r{s, a, ResultKind::posttest, 8000, 1646290800, "t"};
             store.put_results({&r, 1});
         }},
        {"certificate_by_number", [&] { store.certificate_by_number("000001/W9"); }},
        {"session_times", [&] { store.session_times(0, 2000000000); }},
        {"attendance_rates", [&] { store.attendance_rates({s}); }},
        {"participant_history", [&] { store.participant_history(a); }},
        {"tally_participation", [&] { store.tally_participation({s}); }},
        {"participation", [&] { store.participation({s}); }},
        {"each_person_year(report)",
         [&] { store.each_person_year(tallies, store::PersonDetail::report, [](store::PersonYear&) {}); }},
        {"each_person_year(agency)",
         [&] { store.each_person_year(tallies, store::PersonDetail::agency, [](store::PersonYear&) {}); }},
        {"audit", [&] { store.audit("asnbelajar x", 1); }},
        {"command_committed", [&] { store.command_committed("0123456789abcdef0123456789abcdef"); }},
        {"audit_log", [&] { store.audit_log(10); }},
        {"check", [&] { store.check(); }},
        {"backup_to",
         [&] {
             std::ofstream(dir.file("backup.db")).close(); // made by the caller
             store.backup_to(dir.file("backup.db"), "backup.db");
         }},
        {"export_tables", [&] { store.export_tables(sink); }},
        {"import_rows", [&] { store.import_rows(store::Table::counters, counter); }},
        {"end_import", [&] { store.end_import(); }},
        {"count_rows", [&] { store.count_rows(store::Table::participants); }},
        {"transaction",
         [&] {
             store::Store::Transaction tx(store);
             store.insert_participant(person("197512302000031001", "C"));
             tx.commit();
         }},
    };
    // What reads no damaged page succeeds: a bulk load's start and end outside a transaction (a page cache
    // size) and a backup (a copy of the pages as they are).
    const std::set<std::string> undamaged = {"begin_bulk_load", "end_bulk_load", "backup_to"};
    for (const auto& [call_name, call] : calls) {
        const std::string name = call_name;
        CAPTURE(name);
        const std::string message = error_from(call);
        if (undamaged.contains(name))
            CHECK(message == "");
        else
            CHECK(
                message.find("is not an asnbelajar store or is damaged (database disk image is malformed)") !=
                std::string::npos);
    }
}

TEST_CASE("store errors: a readable session whose counts are damaged, a year over damaged tables") {
    TempDir dir;
    std::string path = dir.file("s.db");
    Session w9 = session("w9");
    {
        const auto db = store::open(path, store::Access::write);
        const Id a = db->insert_participant(person("198609262015051001", "A"));
        w9.id = db->insert_session(w9);
        db->put_enrollment(w9.id, a, EnrollmentStatus::enrolled);
        db->put_attendance(w9.id, a, {60, false}, AttendanceOutcome::attended);
    }
    // The session and its people can be read; what is counted over them cannot.
    REQUIRE(damage(path, {"participants", "sessions"}) > 3);
    const auto db = store::open(path, store::Access::read);
    REQUIRE(db->session_by_id(w9.id));
    const std::string damaged =
        path + " is not an asnbelajar store or is damaged (database disk image is malformed)";
    CHECK(error_from([&] { db->session_totals(w9); }) == damaged);
    CHECK(error_from([&] { db->tally_participation({w9.id}); }) == damaged);
}

TEST_CASE("store errors: a bulk load on a store that lost one of its indexes says so") {
    TempDir dir;
    std::string path = dir.file("s.db");
    store::open(path, store::Access::write)->insert_participant(person("198609262015051001", "A"));
    raw_exec(path, "DROP INDEX participants_phone");
    const auto db = store::open(path, store::Access::write);
    auto& sqlite_store = dynamic_cast<store::sqlite::SqliteStore&>(*db);
    const std::string missing = "store error in " + path + ": no such index: participants_phone";
    {
        // Into append mode at once: the indexes are dropped when the load begins.
        sqlite_store.append_after = 0;
        store::Store::Transaction tx(*db);
        CHECK(error_from([&] { db->begin_bulk_load(10); }) == missing);
    }
    {
        // Into append mode after the first new person: the indexes are dropped by that write.
        sqlite_store.append_after = 1;
        store::Store::Transaction tx(*db);
        db->begin_bulk_load(10);
        std::vector<Participant> added = {person("199001152014031002", "B")};
        CHECK(error_from([&] { db->write_participants({}, added); }) == missing);
    }
    CHECK_FALSE(db->participant_by_nip("199001152014031002"));
}

TEST_CASE("store errors: a transaction inside a transaction of the same store is refused") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    const auto db = store::open(path, store::Access::write);
    store::Store::Transaction outer(*db);
    db->insert_participant(person("198609262015051001", "A"));
    CHECK(error_from([&] { store::Store::Transaction inner(*db); }) ==
          "store error in " + path + ": cannot start a transaction within a transaction");
    outer.commit(); // the outer one is intact
    CHECK(db->participant_by_nip("198609262015051001"));
}

TEST_CASE("store errors: a path SQLite cannot open at all is an Error, and the file made for it goes again") {
    TempDir dir;
    // SQLite's names are at most 512 bytes; the system takes longer ones.
    std::string folder = dir.path.string();
    for (int i = 0; i < 3; ++i) {
        folder += "/" + std::string(200, static_cast<char>('a' + i));
        REQUIRE(std::filesystem::create_directory(folder));
    }
    const std::string path = folder + "/s.db";
    CHECK(error_from([&] { store::open(path, store::Access::write); }) ==
          "cannot open store " + path + ": unable to open database file");
    CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("a store in a folder whose name holds URI characters opens by its file: URI") {
    TempDir dir;
    // What a URI would read as the query, the fragment, an escape or a separator: each must stay in the name.
    const std::string folder = dir.file("Laporan #3 ? 50% & lain");
    REQUIRE(std::filesystem::create_directory(folder));
    const std::string path = folder + "/s.db";
    store::open(path, store::Access::write)->insert_participant(person("198609262015051001", "A"));
    // How a store that may not be written is read: immutable, by its URI.
    SQLite::Database db(store::sqlite::file_uri(path, "immutable=1"),
                        SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    CHECK(db.execAndGet("SELECT nip FROM participants").getString() == "198609262015051001");
    CHECK(sqlite3_db_filename(db.getHandle(), "main") == path);
}

namespace {

// The ids of every row of the audit log a store exports, in the order the sink gets them.
struct AuditIds : store::TableSink {
    std::int64_t counted_rows = -1;
    std::vector<std::int64_t> ids;
    void counted(const std::array<std::int64_t, store::all_tables.size()>& rows) override {
        counted_rows = rows[static_cast<std::size_t>(store::Table::audit_log)];
    }
    void rows(store::Table table, const store::TableRows& batch) override {
        if (table != store::Table::audit_log) return;
        for (std::size_t r = 0; r < batch.rows; ++r)
            ids.push_back(std::get<std::int64_t>(batch.at(r, 0)));
    }
};

// A sink that records the size of each batch, by table.
struct BatchSizes : store::TableSink {
    std::map<store::Table, std::vector<std::size_t>> sizes;
    void counted(const std::array<std::int64_t, store::all_tables.size()>&) override {}
    void rows(store::Table table, const store::TableRows& batch) override {
        sizes[table].push_back(batch.rows);
    }
};

// A sink that cannot take rows (a full disk under the copy).
struct FailingSink : store::TableSink {
    void counted(const std::array<std::int64_t, store::all_tables.size()>&) override {}
    void rows(store::Table, const store::TableRows&) override { throw Error("the copy's disk is full"); }
};

} // namespace

TEST_CASE("export: a table of more rows than one batch reaches the sink whole, each row once, in key order") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    const int n = 4096 + 5; // a batch holds 4,096 rows
    {
        store::Store::Transaction tx(*db);
        for (int i = 0; i < n; ++i)
            db->audit("asnbelajar x", i);
        tx.commit();
    }
    AuditIds sink;
    db->export_tables(sink);
    CHECK(sink.counted_rows == n);
    REQUIRE(sink.ids.size() == static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        CHECK(sink.ids[static_cast<std::size_t>(i)] == i + 1);
}

TEST_CASE("export: a sink's failure reaches the caller and ends the export's snapshot, not the caller's") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    const auto db = store::open(path, store::Access::write);
    db->insert_participant(person("198609262015051001", "A"));
    FailingSink sink;
    // Its own read transaction: rolled back, so that the store sees (and may write after) what others commit.
    CHECK(error_from([&] { db->export_tables(sink); }) == "the copy's disk is full");
    raw_exec(path, "INSERT INTO audit_log(at, os_user, command, rows) VALUES (0, 'other', 'other', 0)");
    CHECK(error_from([&] { db->audit("asnbelajar after", 1); }) == "");
    CHECK(db->audit_log(10).size() == 2);
    // Inside the caller's transaction: the transaction stays the caller's, to commit.
    {
        store::Store::Transaction tx(*db);
        db->audit("asnbelajar inside", 1);
        CHECK(error_from([&] { db->export_tables(sink); }) == "the copy's disk is full");
        CHECK(error_from([&] { tx.commit(); }) == "");
    }
    CHECK(db->audit_log(10).size() == 3);
}

TEST_CASE("session totals: attendance rows without an enrollment row count as attended or partial") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    std::vector<Id> p;
    const char* nips[] = {"198609262015051001", "199001152014031002", "197512302000031001",
                          "198812122010012001", "199203032019032003", "196505051990031004"};
    for (const char* nip : nips)
        p.push_back(db->insert_participant(person(nip, "X")));
    Session w9 = session("w9");
    w9.id = db->insert_session(w9);
    // Enrolled: p[1] (attended) and p[3] (absent). Without an enrollment row (written by no command of today,
    // but kept by older stores): p[0] and p[4] partial, p[2] and p[5] attended, before, between and after the
    // enrolled people.
    db->put_enrollment(w9.id, p[1], EnrollmentStatus::enrolled);
    db->put_enrollment(w9.id, p[3], EnrollmentStatus::enrolled);
    db->put_attendance(w9.id, p[0], {30, false}, AttendanceOutcome::partial);
    db->put_attendance(w9.id, p[1], {120, false}, AttendanceOutcome::attended);
    db->put_attendance(w9.id, p[2], {110, false}, AttendanceOutcome::attended);
    db->put_attendance(w9.id, p[4], {20, false}, AttendanceOutcome::partial);
    db->put_attendance(w9.id, p[5], {100, false}, AttendanceOutcome::attended);
    const store::SessionTotals t = db->session_totals(w9);
    CHECK(t.enrolled == 2);
    CHECK(t.absent == 1);
    CHECK(t.attended_enrolled == 1);
    CHECK(t.attended == 3);
    CHECK(t.partial == 2);
    CHECK(t.walk_ins == 0);
    CHECK(t.recorded);
}

// A new store with two people, A and B, and a session.
struct TwoPeople {
    TempDir dir;
    std::unique_ptr<store::Store> db = store::open(dir.file("s.db"), store::Access::write);
    Id a = db->insert_participant(person("198609262015051001", "A"));
    Id b = db->insert_participant(person("199001152014031002", "B"));
    Id s = db->insert_session(session("w9"));
};

TEST_CASE_FIXTURE(TwoPeople, "attendance: a summary deleted is gone, the others stay") {
    db->put_attendance(s, a, {60, false}, AttendanceOutcome::attended);
    db->put_attendance(s, b, {20, false}, AttendanceOutcome::partial);
    const store::PersonSummary none{a, std::nullopt};
    db->put_summaries(s, {&none, 1});
    const store::Store::OutcomeCounts counts = db->outcome_counts(s);
    CHECK(counts.attended == 0);
    CHECK(counts.partial == 1);
}

TEST_CASE_FIXTURE(TwoPeople,
                  "attendance: a summary is stored as given: minutes, self-declared as 1 or 0, the outcome") {
    db->put_attendance(s, a, {95, false}, AttendanceOutcome::attended);
    db->put_attendance(s, b, {0, true}, AttendanceOutcome::attended); // a self-declared mark: no minutes
    TableText attendance(store::Table::attendance);
    db->export_tables(attendance);
    CHECK(attendance.out == fmt::format(" [{0},{1},95,0,attended,] [{0},{2},0,1,attended,]", s, a, b));
}

TEST_CASE_FIXTURE(
    TwoPeople,
    "session_enrollments: every enrollment of the session, whatever its status, and no other session's") {
    const Id c = db->insert_participant(person("197512302000031001", "C"));
    Session later = session("w10");
    later.start += 7 * 86400;
    const Id other = db->insert_session(later);
    db->put_enrollment(other, a, EnrollmentStatus::enrolled);
    db->put_enrollment(s, c, EnrollmentStatus::waitlisted);
    db->put_enrollment(s, a, EnrollmentStatus::enrolled);
    db->put_enrollment(s, b, EnrollmentStatus::cancelled);
    std::vector<Enrollment> es = db->session_enrollments(s);
    std::sort(es.begin(), es.end(),
              [](const Enrollment& x, const Enrollment& y) { return x.arrival < y.arrival; });
    std::string got;
    for (const Enrollment& e : es)
        got += fmt::format(" {}:{}:{}", e.session == s ? "s" : "?", e.participant, to_string(e.status));
    CHECK(got == fmt::format(" s:{}:waitlisted s:{}:enrolled s:{}:cancelled", c, a, b));
    // First come, first numbered: the arrivals are those of the session's queue (enrollments_of() reads the same).
    REQUIRE(es.size() == 3);
    CHECK(es[0].arrival > 0);
    CHECK(es[0].arrival < es[1].arrival);
    CHECK(es[1].arrival < es[2].arrival);
    const std::vector<Id> people = {c, a, b};
    for (const Enrollment& e : db->enrollments_of(s, people))
        CHECK(std::find_if(es.begin(), es.end(), [&](const Enrollment& x) {
                  return x.participant == e.participant && x.arrival == e.arrival;
              }) != es.end());
}

TEST_CASE_FIXTURE(TwoPeople, "put_enrollments: a batch numbers its people in order; a cancellation keeps a "
                             "stored number, and one without an enrollment takes the next") {
    const Id c = db->insert_participant(person("197512302000031001", "C"));
    const Id d = db->insert_participant(person("198503302010012003", "D"));
    db->put_enrollment(s, a, EnrollmentStatus::enrolled); // 1
    const std::vector<store::EnrollmentChange> batch = {{b, EnrollmentStatus::enrolled},
                                                        {c, EnrollmentStatus::waitlisted},
                                                        {a, EnrollmentStatus::cancelled},
                                                        {d, EnrollmentStatus::cancelled}};
    db->put_enrollments(s, batch);
    std::vector<Enrollment> es = db->session_enrollments(s);
    std::sort(es.begin(), es.end(),
              [](const Enrollment& x, const Enrollment& y) { return x.participant < y.participant; });
    std::string got;
    for (const Enrollment& e : es)
        got += fmt::format(" {}:{}:{}", e.participant, to_string(e.status), e.arrival);
    CHECK(got == fmt::format(" {}:cancelled:1 {}:enrolled:2 {}:waitlisted:3 {}:cancelled:4", a, b, c, d));
}

TEST_CASE("a year's people: looked up one by one when they are few of the roster, in no order") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    const auto db = store::open(path, store::Access::write);
    std::vector<Id> ids;
    for (int i = 0; i < 20; ++i) {
        Participant x = person(fmt::format("1986092620150510{:02}", i).c_str(), "X");
        x.agency = fmt::format("Instansi {}", i);
        ids.push_back(db->insert_participant(x));
    }
    const Id s = db->insert_session(session("w9"));
    db->put_enrollment(s, ids[3], EnrollmentStatus::enrolled);
    db->put_attendance(s, ids[3], {120, false}, AttendanceOutcome::attended);
    db->put_enrollment(s, ids[16], EnrollmentStatus::enrolled);
    const store::Tallies people = db->tally_participation({s});
    REQUIRE(people.people() * 8 < ids.size()); // few: one lookup each, not a pass over the table
    std::vector<std::string> seen;             // each person once
    db->each_person_year(people, store::PersonDetail::agency, [&](store::PersonYear& y) {
        seen.push_back(fmt::format("{} {} {} {} {}", y.person.id, y.person.agency, y.person.nip, y.attended,
                                   y.jp_tenths));
    });
    std::sort(seen.begin(), seen.end());
    CHECK(seen == std::vector<std::string>{fmt::format("{} Instansi 16 198609262015051016 0 0", ids[16]),
                                           fmt::format("{} Instansi 3 198609262015051003 1 20", ids[3])});
    // The walk's reads are over when it returns: what another process commits afterwards is seen (a store
    // that nothing else has read from).
    const auto reader = store::open(path, store::Access::read);
    reader->each_person_year(reader->tally_participation({s}), store::PersonDetail::agency,
                             [](store::PersonYear&) {});
    CHECK(sees_a_later_commit(*reader, path, "199001152014031002"));
}

TEST_CASE("a year's people: what the row callback throws ends the walk and reaches the caller") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    Id a = 0, b = 0;
    {
        const auto db = store::open(path, store::Access::write);
        a = db->insert_participant(person("198609262015051001", "A"));
        b = db->insert_participant(person("199001152014031002", "B"));
    }
    const auto db = store::open(path, store::Access::read); // nothing read from it yet
    store::Tallies people(b);
    people.add(a);
    people.add(b);
    int rows = 0;
    CHECK(error_from([&] {
              db->each_person_year(people, store::PersonDetail::report, [&](store::PersonYear&) {
                  ++rows;
                  throw Error("cannot write the report");
              });
          }) == "cannot write the report");
    CHECK(rows == 1);
    // The walk's read is over: what another process commits now is seen.
    CHECK(sees_a_later_commit(*db, path, "197512302000031001"));
}

TEST_CASE("a write transaction begun after reads waits for the newest state, not refused as locked") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    store::open(path, store::Access::write)->insert_session(session("w9"));
    const auto db = store::open(path, store::Access::write);
    REQUIRE(db->session_by_code("w9")); // a read, as a command makes before it writes
    // Another process commits in between: the transaction starts from its state.
    raw_exec(path, "INSERT INTO audit_log(at, os_user, command, rows) VALUES (0, 'other', 'other', 0)");
    CHECK(error_from([&] {
              store::Store::Transaction tx(*db);
              db->audit("asnbelajar mine", 1);
              tx.commit();
          }) == "");
    CHECK(db->audit_log(10).size() == 2);
}

TEST_CASE("a year's people: the same whichever way they are read") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    const Id a = db->insert_participant(person("198609262015051001", "Budi"));
    const Id b = db->insert_participant(person("199001152014031002", "Ani"));
    const Id s = db->insert_session(session("w9"));
    db->put_enrollment(s, a, EnrollmentStatus::enrolled);
    db->put_enrollment(s, b, EnrollmentStatus::enrolled);
    db->put_attendance(s, a, {120, false}, AttendanceOutcome::attended);
    const std::vector<store::PersonYear> year = db->participation({s});
    REQUIRE(year.size() == 2);
    CHECK(year[0].person.name == "Ani"); // by agency (none for both), then name
    CHECK(year[0].attended == 0);
    CHECK(year[1].person.name == "Budi");
    CHECK(year[1].attended == 1);
    CHECK(year[1].jp_tenths == 20);
}

TEST_CASE("an SQLite store keeps no signing key: asking it for one is an Error") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    const auto db = store::open(path, store::Access::write);
    CHECK_FALSE(db->keeps_signing_key());
    const std::string none = "the store " + path + " keeps no signing key: its key is a file beside it";
    CHECK(error_from([&] { db->signing_key(); }) == none);
    CHECK(error_from([&] { db->put_signing_key("key"); }) == none);
}

TEST_CASE(
    "printable arguments: a word \"postgres\" that starts no URL is left alone, and the rest still read") {
    // Its own text is not a URL's user-info; a URL after it still loses its password.
    CHECK(store::printable_argument("akun postgres:rahasia@db1") == "akun postgres:rahasia@db1");
    CHECK(store::printable_argument("/srv/postgres?password=x.db") == "/srv/postgres?password=x.db");
    CHECK(store::printable_argument("postgres -> postgresql://asnb:s3cret@db/asnb") ==
          "postgres -> postgresql://asnb@db/asnb");
    CHECK(store::printable_argument("postgrespostgresql://asnb:s3cret@db/asnb") ==
          "postgrespostgresql://asnb@db/asnb");
}

TEST_CASE("store errors: a file SQLite cannot open beside the store names the system's reason") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    store::open(path, store::Access::write)->insert_participant(person("198609262015051001", "A"));
    // A directory where the store's write-ahead log goes: SQLite cannot open it, and the system says why.
    REQUIRE(std::filesystem::create_directory(path + "-wal"));
    CHECK(error_from([&] { store::open(path, store::Access::write); }) ==
          "cannot open store " + path + ": unable to open database file (" + std::strerror(EISDIR) + ")");
}

TEST_CASE("store errors: the system's reason is added to file errors only, and only when there is one") {
    TempDir dir; // a writable directory: no word on it in the reasons
    const std::string path = dir.file("s.db");
    SQLite::Database db(":memory:");
    const auto reason = [&](int code) {
        return store::sqlite::sqlite_reason(SQLite::Exception("m", code), &db, path);
    };
    // No file operation has failed on this connection yet: nothing to add, not "(Success)".
    REQUIRE(sqlite3_system_errno(db.getHandle()) == 0);
    for (const int code : {SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM}) {
        CAPTURE(code);
        CHECK(reason(code) == "m");
    }
    // A file SQLite could not open: the connection keeps the system's error number.
    CHECK_THROWS(db.exec("ATTACH DATABASE '" + dir.file("missing/x.db") + "' AS x"));
    REQUIRE(sqlite3_system_errno(db.getHandle()) == ENOENT);
    const std::string why = std::string("m (") + std::strerror(ENOENT) + ")";
    for (const int code :
         {SQLITE_IOERR, SQLITE_IOERR_WRITE, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM}) {
        CAPTURE(code);
        CHECK(reason(code) == why);
    }
    // Other errors are no file operation's: the number left from the failed one would mislead.
    for (const int code :
         {SQLITE_CONSTRAINT, SQLITE_CONSTRAINT_UNIQUE, SQLITE_BUSY, SQLITE_CORRUPT, SQLITE_ERROR}) {
        CAPTURE(code);
        CHECK(reason(code) == "m");
    }
}

// A store with A and B, and sessions w9 and w10 a week apart.
struct TwoWeeks {
    TempDir dir;
    std::unique_ptr<store::Store> db = store::open(dir.file("s.db"), store::Access::write);
    Id a = db->insert_participant(person("198609262015051001", "A"));
    Id b = db->insert_participant(person("199001152014031002", "B"));
    Session w9 = session("w9"), w10 = next_week(session("w10"));
    TwoWeeks() {
        w9.id = db->insert_session(w9);
        w10.id = db->insert_session(w10);
    }
    static Session next_week(Session s) {
        s.start += 7 * 86400;
        return s;
    }
};

TEST_CASE("live certificates: number, sequence number, session, holder and attendance of each") {
    TwoWeeks t;
    const auto& db = t.db;
    const Id a = t.a, b = t.b;
    const Session &w9 = t.w9, &w10 = t.w10;
    db->put_attendance(w9.id, a, {120, false}, AttendanceOutcome::attended);
    // Sequence numbers unlike the session ids and the numbers' digits, one revoked certificate.
    db->insert_certificate(w10.id, a, 17, "W10-17");
    db->insert_certificate(w9.id, a, 13, "W9-13");
    CHECK(db->revoke_certificate(w9.id, a) == "W9-13");
    db->insert_certificate(w9.id, b, 12, "W9-12");
    db->insert_certificate(w9.id, a, 11, "W9-11");
    const auto rows = db->live_certificates({w10.id, w9.id});
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].number == "W9-11"); // by session start, then sequence number
    CHECK(rows[0].seq == 11);
    CHECK(rows[0].session == w9.id);
    CHECK(rows[0].person.nip == "198609262015051001");
    CHECK(rows[0].attended);
    CHECK(rows[1].number == "W9-12");
    CHECK(rows[1].seq == 12);
    CHECK(rows[1].person.id == b);
    CHECK_FALSE(rows[1].attended);
    CHECK(rows[2].number == "W10-17");
    CHECK(rows[2].seq == 17);
    CHECK(rows[2].session == w10.id);
    CHECK_FALSE(rows[2].attended);
}

TEST_CASE("a year's people: a session named twice counts once") {
    TwoWeeks t;
    const auto& db = t.db;
    const Id a = t.a;
    const Session &w9 = t.w9, &w10 = t.w10;
    db->put_attendance(w9.id, a, {120, false}, AttendanceOutcome::attended);
    db->put_attendance(w10.id, a, {120, false}, AttendanceOutcome::attended);
    for (const auto& sessions :
         {std::vector<Id>{w9.id, w10.id, w9.id}, std::vector<Id>{w10.id, w9.id, w10.id}}) {
        const std::vector<store::PersonYear> year = db->participation(sessions);
        REQUIRE(year.size() == 1);
        CHECK(year[0].attended == 2);
        CHECK(year[0].jp_tenths == 40);
    }
}

TEST_CASE("a year's people by name, read again while a lookup's read is still open") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    const Id a = db->insert_participant(person("198609262015051001", "A"));
    Session w9 = session("w9");
    w9.id = db->insert_session(w9);
    db->put_attendance(w9.id, a, {120, false}, AttendanceOutcome::attended);
    CHECK(db->participation({w9.id}).size() == 1);
    // A one-row lookup leaves its statement on its row (stmt() resets it at its next use): the report's
    // filter function, registered with the first walk, is not registered again (SQLite refuses to replace a
    // function while a statement is under way).
    CHECK(db->participant_by_nip("198609262015051001"));
    const std::vector<store::PersonYear> again = db->participation({w9.id});
    REQUIRE(again.size() == 1);
    CHECK(again[0].person.name == "A");
    CHECK(again[0].attended == 1);
}

TEST_CASE("db check: live certificates whose holder did not attend, counted and named by session") {
    TwoWeeks t;
    const auto& db = t.db;
    const Id a = t.a, b = t.b;
    const Session &w9 = t.w9, &w10 = t.w10;
    // w9: a attended and b partial, both certified; w10: a certified with no attendance at all.
    db->put_attendance(w9.id, a, {120, false}, AttendanceOutcome::attended);
    db->put_attendance(w9.id, b, {20, false}, AttendanceOutcome::partial);
    db->insert_certificate(w9.id, a, 1, "000001/W9");
    db->insert_certificate(w9.id, b, 2, "000002/W9");
    db->insert_certificate(w10.id, a, 3, "000003/W10");
    const store::StoreCheck c = db->check();
    CHECK(c.certificates_not_qualifying == 2);
    CHECK(c.sessions_with_unqualified_certificates == std::vector<std::string>{"w9", "w10"});
}

TEST_CASE("a created store discarded is not created any more, and a second discard removes nothing") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    const auto first = store::open(path, store::Access::write);
    REQUIRE(first->created());
    first->discard_created();
    CHECK_FALSE(first->created());
    CHECK_FALSE(std::filesystem::exists(path));
    // Another store made at the same path since is not the first one's to remove.
    store::open(path, store::Access::write)->insert_participant(person("198609262015051001", "A"));
    first->discard_created();
    CHECK(std::filesystem::exists(path));
    CHECK(store::open(path, store::Access::read)->participant_by_nip("198609262015051001"));
}

TEST_CASE(
    "results: an attempt imported again is unchanged, a survey's missing score included; replaced when it "
    "differs") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    const auto db = store::open(path, store::Access::write);
    const Id a = db->insert_participant(person("198609262015051001", "A"));
    const Id s = db->insert_session(session("w9"));
    const ResultAttempt survey{s, a, ResultKind::survey, std::nullopt, 1646290800, "b1"};
    CHECK(db->put_results({&survey, 1}).added == 1);
    const store::ResultCounts again = db->put_results({&survey, 1});
    CHECK(again.unchanged == 1);
    CHECK(again.replaced == 0);
    ResultAttempt posttest{s, a, ResultKind::posttest, 7000, 1646290800, "b1"};
    CHECK(db->put_results({&posttest, 1}).added == 1);
    posttest.score = 8000;
    {
        store::Store::Transaction tx(*db);
        CHECK(db->put_results({&posttest, 1}).replaced == 1);
        tx.commit();
    }
    // Its reads are over: what another process commits afterwards is seen.
    CHECK(sees_a_later_commit(*db, path, "199001152014031002"));
}

TEST_CASE("attendance: marks written 32 to a statement and the rest one by one are all kept, in order") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    const Id s = db->insert_session(session("w9"));
    std::vector<PersonMarks> people;
    std::vector<Id> ids;
    const char* nips[] = {"198609262015051001", "199001152014031002", "197512302000031001"};
    const int counts[] = {20, 15, 2}; // 37 marks: one statement of 32, then 5 alone
    for (int i = 0; i < 3; ++i) {
        PersonMarks pm{db->insert_participant(person(nips[i], "X")), {}};
        for (int k = 0; k < counts[i]; ++k) {
            AttendanceMark m;
            m.kind = MarkKind::interval;
            m.join = 1646272800 + 60 * k;
            m.leave = m.join + 30;
            m.source = "zoom-webinar";
            m.batch = "b1";
            pm.marks.push_back(m);
        }
        ids.push_back(pm.person);
        people.push_back(std::move(pm));
    }
    db->add_marks(s, people);
    const std::vector<PersonMarks> stored = db->marks_of(s, ids);
    REQUIRE(stored.size() == 3);
    for (int i = 0; i < 3; ++i) {
        CAPTURE(i);
        CHECK(stored[static_cast<std::size_t>(i)].person == ids[static_cast<std::size_t>(i)]);
        REQUIRE(stored[static_cast<std::size_t>(i)].marks.size() == static_cast<std::size_t>(counts[i]));
        for (int k = 0; k < counts[i]; ++k)
            CHECK(stored[static_cast<std::size_t>(i)].marks[static_cast<std::size_t>(k)].join ==
                  1646272800 + 60 * k);
    }
}

TEST_CASE("bulk load in append mode: a key a stored person takes is found by the load's later rows") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    Participant a = person("198609262015051001", "A");
    a.email = "a@example.go.id";
    a.id = db->insert_participant(a);
    dynamic_cast<store::sqlite::SqliteStore&>(*db).append_after = 0; // append mode at once: keys in memory
    store::Store::Transaction tx(*db);
    db->begin_bulk_load(10);
    a.email = "siti@example.go.id"; // changed by an earlier row of the load
    a.nip = "198609262015052001";
    db->write_participants({&a, 1}, {});
    Participant by_email = person("", "A");
    by_email.email = "siti@example.go.id";
    Participant by_nip = person("198609262015052001", "A");
    const std::vector<Participant> rows = {by_email, by_nip};
    store::ParticipantMatches found;
    db->find_participants(rows, found);
    REQUIRE(found.by_email[0] >= 0);
    CHECK(found.people[static_cast<std::size_t>(found.by_email[0])].id == a.id);
    REQUIRE(found.by_nip[1] >= 0);
    CHECK(found.people[static_cast<std::size_t>(found.by_nip[1])].id == a.id);
}

TEST_CASE(
    "bulk load in append mode: a key passing from one stored person to another is found as the new one's") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    Participant a = person("198609262015051001", "A");
    a.id = db->insert_participant(a);
    Participant b = person("199001152014031002", "B");
    b.email = "siti@example.go.id";
    b.id = db->insert_participant(b);
    dynamic_cast<store::sqlite::SqliteStore&>(*db).append_after = 0; // append mode at once: keys in memory
    store::Store::Transaction tx(*db);
    db->begin_bulk_load(10);
    // Earlier rows of the load: B's address changes, then A takes B's old one (B's entry for it stays in the
    // load's table of e-mail addresses, stale).
    b.email = "b@example.go.id";
    a.email = "siti@example.go.id";
    const std::vector<Participant> changed = {b, a};
    db->write_participants(changed, {});
    Participant row = person("", "A");
    row.email = "siti@example.go.id";
    store::ParticipantMatches found;
    db->find_participants({&row, 1}, found);
    REQUIRE(found.by_email[0] >= 0);
    CHECK(found.people[static_cast<std::size_t>(found.by_email[0])].id == a.id);
}

TEST_CASE("bulk load outside a transaction: the participants' indexes are never dropped") {
    // Nor once a transaction has come and gone, committed or rolled back.
    for (const std::string_view before : {"none", "committed", "rolled back"}) {
        CAPTURE(before);
        TempDir dir;
        const std::string path = dir.file("s.db");
        const auto db =
            store::open(path, store::Access::write); // empty: inside a transaction, append mode at once
        if (before != "none") {
            store::Store::Transaction tx(*db);
            if (before == "committed") tx.commit();
        }
        const auto indexes = [&] { return participant_indexes(path); };
        db->begin_bulk_load(2000);
        CHECK(indexes() == 3);
        // 1,000 new people of a job of 2,000: projected beyond any threshold, still no append mode.
        std::vector<Participant> rows;
        for (int i = 0; i < 1000; ++i)
            rows.push_back(person(fmt::format("1986092620150{:05}", i).c_str(), "X"));
        store::ParticipantMatches found;
        db->find_participants(rows, found);
        db->write_participants({}, rows);
        CHECK(indexes() == 3);
        db->end_bulk_load();
        CHECK(indexes() == 3);
    }
}

TEST_CASE("find participants: one person holding a row's NIP and e-mail is found once, named by both") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    Participant a = person("198609262015051001", "A");
    a.email = "a@example.go.id";
    a.id = db->insert_participant(a);
    const std::vector<Participant> rows = {a};
    store::ParticipantMatches found;
    db->find_participants(rows, found);
    CHECK(found.found == 1);
    CHECK(found.by_nip[0] == 0);
    CHECK(found.by_email[0] == 0);
    CHECK(found.people[0].id == a.id);
    // Nobody, and a row without the key: -1 (store.hpp), in both modes of a bulk load.
    Participant none = person("199001152014031002", "B");
    none.email = "b@example.go.id";
    const std::vector<Participant> others = {none, person("", "C")};
    for (const bool append : {false, true}) {
        CAPTURE(append);
        store::Store::Transaction tx(*db);
        dynamic_cast<store::sqlite::SqliteStore&>(*db).append_after =
            append ? 0 : store::sqlite::SqliteStore::never_append;
        db->begin_bulk_load(2);
        db->find_participants(others, found);
        CHECK(found.found == 0);
        CHECK(found.by_nip == std::vector<int>{-1, -1});
        CHECK(found.by_email == std::vector<int>{-1, -1});
        db->find_participants(rows, found); // A found (in append mode: read by id, the read left on its row)
        CHECK(found.found == 1);
        db->end_bulk_load(); // the indexes built again beside that read
        tx.commit();
        CHECK(db->participant_by_nip(a.nip)->id == a.id);
    }
}

TEST_CASE("tallies: dense and sparse ids, counted once, walked in id order") {
    store::Tallies t(10);
    CHECK(t.people() == 0);
    CHECK_FALSE(t.contains(3));
    t.add(3);            // enrolled only
    t.add(3, true, 30);  // attended one session
    t.add(3, false, 0);  // partial in another
    t.add(12, true, 25); // beyond the dense part
    t.add(-4, true, 10); // any id
    t.add(3, true, 30);
    CHECK(t.people() == 3);
    CHECK(t.contains(3));
    CHECK(t.contains(12));
    CHECK_FALSE(t.contains(4));
    CHECK(t.get(3) == std::pair<int, std::int64_t>{2, 60});
    CHECK(t.get(12) == std::pair<int, std::int64_t>{1, 25});
    CHECK(t.get(5) == std::pair<int, std::int64_t>{0, 0});
    std::vector<Id> order;
    t.each([&](Id id, int, std::int64_t) { order.push_back(id); });
    CHECK(order == std::vector<Id>{-4, 3, 12});
    // A tally too large for its 4-byte slot moves to the map, exactly.
    store::Tallies big(5);
    for (int i = 0; i < 200; ++i)
        big.add(2, true, 100000);
    big.add(4, true, 30);
    CHECK(big.get(2) == std::pair<int, std::int64_t>{200, 20000000});
    CHECK(big.get(4) == std::pair<int, std::int64_t>{1, 30});
    CHECK(big.people() == 2);
    std::vector<Id> big_order;
    big.each([&](Id id, int, std::int64_t) { big_order.push_back(id); });
    CHECK(big_order == std::vector<Id>{2, 4});
    store::Tallies none; // no dense part: every id in the map
    none.add(1, true, 5);
    CHECK(none.get(1) == std::pair<int, std::int64_t>{1, 5});
}

TEST_CASE_FIXTURE(
    TwoPeople,
    "certificates: one found by its number carries that number, its session and person, and its revocation") {
    db->insert_certificate(s, a, 1, "000001/W9");
    db->insert_certificate(s, b, 2, "000002/W9");
    REQUIRE(db->revoke_certificate(s, b) == "000002/W9");
    const auto live = db->certificate_by_number("000001/W9");
    REQUIRE(live);
    CHECK(live->number == "000001/W9");
    CHECK(live->session.code == "w9");
    CHECK(live->person.nip == "198609262015051001");
    CHECK_FALSE(live->revoked);
    const auto revoked = db->certificate_by_number("000002/W9");
    REQUIRE(revoked);
    CHECK(revoked->number == "000002/W9");
    CHECK(revoked->person.nip == "199001152014031002");
    CHECK(revoked->revoked);
    CHECK_FALSE(db->certificate_by_number("000003/W9"));
}

TEST_CASE("certificates: a lookup by number leaves no read of its own open") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    {
        const auto w = store::open(path, store::Access::write);
        const Id a = w->insert_participant(person("198609262015051001", "A"));
        w->insert_certificate(w->insert_session(session("w9")), a, 1, "000001/W9");
    }
    const auto db = store::open(path, store::Access::read);
    REQUIRE(db->certificate_by_number("000001/W9"));
    // The reads of its session and person by id end at their next use, like every one-row read: one that finds
    // nothing ends there. The certificate's own read is over already, so the connection reads no snapshot.
    CHECK_FALSE(db->session_by_id(999));
    CHECK_FALSE(db->participant_by_id(999));
    CHECK(sees_a_later_commit(*db, path, "199001152014031002"));
}

TEST_CASE(
    "sessions: what a session holds, each kind counted apart; deleting one takes its enrollments along") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    std::vector<Id> p;
    for (const char* nip : {"198609262015051001", "199001152014031002", "197512302000031001"})
        p.push_back(db->insert_participant(person(nip, "X")));
    const Id held = db->insert_session(session("w9"));
    for (const Id id : p)
        db->put_enrollment(held, id, EnrollmentStatus::enrolled);
    db->put_attendance(held, p[0], {120, false}, AttendanceOutcome::attended);
    AttendanceMark mark;
    mark.kind = MarkKind::manual;
    mark.seconds = 3600;
    mark.source = "manual";
    db->add_mark(held, p[1], mark);
    db->insert_certificate(held, p[0], 1, "000001/W9");
    const store::Store::SessionHoldings h = db->session_holdings(held);
    CHECK(h.enrollments == 3);
    CHECK(h.attendance == 2);
    CHECK(h.certificates == 1);

    Session other = session("w10");
    other.start += 7 * 86400;
    const Id empty = db->insert_session(other);
    db->put_enrollment(empty, p[0], EnrollmentStatus::enrolled);
    db->put_enrollment(empty, p[2], EnrollmentStatus::waitlisted);
    const store::Store::SessionHoldings e = db->session_holdings(empty);
    CHECK(e.enrollments == 2);
    CHECK(e.attendance == 0);
    CHECK(e.certificates == 0);
    db->delete_session(empty);
    CHECK_FALSE(db->session_by_id(empty));
    CHECK_FALSE(db->session_by_code("w10"));
    CHECK(db->session_holdings(empty).enrollments == 0);
    // The other session keeps everything.
    CHECK(db->session_by_id(held));
    CHECK(db->session_holdings(held).enrollments == 3);
}

TEST_CASE(
    "tallies: id 0 and the first id past the dense part, a sparse person who did not attend, ids never seen") {
    store::Tallies t(5); // dense slots for ids 0..5
    t.add(0, true, 20);
    t.add(6, true, 10);  // the first id past the dense part
    t.add(6, false, 0);  // partial: counted in, attended once
    t.add(-2, false, 0); // enrolled only
    CHECK(t.contains(0));
    CHECK(t.get(0) == std::pair<int, std::int64_t>{1, 20});
    CHECK(t.contains(6));
    CHECK(t.get(6) == std::pair<int, std::int64_t>{1, 10});
    CHECK(t.contains(-2));
    CHECK(t.get(-2) == std::pair<int, std::int64_t>{0, 0});
    CHECK(t.people() == 3);
    // Never counted in, below, inside and above the dense part: nothing attended, no JP.
    CHECK_FALSE(t.contains(-1));
    CHECK(t.get(-1) == std::pair<int, std::int64_t>{0, 0});
    CHECK_FALSE(t.contains(3));
    CHECK(t.get(3) == std::pair<int, std::int64_t>{0, 0});
    CHECK_FALSE(t.contains(7));
    CHECK(t.get(7) == std::pair<int, std::int64_t>{0, 0});
    std::vector<Id> order;
    t.each([&](Id id, int, std::int64_t) { order.push_back(id); });
    CHECK(order == std::vector<Id>{-2, 0, 6});
    // Without a dense part, id 0 is walked once, between the negative ids and the others.
    store::Tallies map_only;
    map_only.add(1, true, 10);
    map_only.add(0, true, 10);
    map_only.add(-1, true, 10);
    std::vector<Id> map_order;
    map_only.each([&](Id id, int, std::int64_t) { map_order.push_back(id); });
    CHECK(map_order == std::vector<Id>{-1, 0, 1});
    // A largest id beyond the dense part's bound (a store's ids can be anything): no slots, the map only.
    store::Tallies huge(std::numeric_limits<Id>::max());
    huge.add(5, true, 10);
    CHECK(huge.get(5) == std::pair<int, std::int64_t>{1, 10});
    CHECK(huge.people() == 1);
}

TEST_CASE("printable arguments: an '@' after the host is no user-info: a port and the query stay") {
    CHECK(store::printable_argument("postgresql://db1:5432/asnb?application_name=me@home") ==
          "postgresql://db1:5432/asnb?application_name=me@home");
    CHECK(store::printable_argument("--db=postgres://asnb:s3cret@db1:5432/asnb?options=a@b") ==
          "--db=postgres://asnb@db1:5432/asnb?options=a@b");
    // A password parameter ended by a space goes with its '?', and the space stays.
    CHECK(store::printable_argument("postgresql://db1/asnb?password=x -> db2") ==
          "postgresql://db1/asnb -> db2");
}

TEST_CASE("a committed transaction, ended after another began, leaves the other alone") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    auto first = std::make_unique<store::Store::Transaction>(*db);
    db->insert_participant(person("198609262015051001", "A"));
    first->commit();
    store::Store::Transaction second(*db);
    db->insert_participant(person("199001152014031002", "B"));
    first.reset();
    CHECK(error_from([&] { second.commit(); }) == "");
    CHECK(db->participant_by_nip("198609262015051001"));
    CHECK(db->participant_by_nip("199001152014031002"));
}

TEST_CASE(
    "export: batches of batch_rows() rows or more, none empty; the export's snapshot is over after it") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    const int n = 3 * 4096 + 7;
    {
        store::Store::Transaction tx(*db);
        for (int i = 0; i < n; ++i)
            db->audit("asnbelajar x", i);
        tx.commit();
    }
    BatchSizes sink;
    db->export_tables(sink);
    // Empty tables (participants, sessions, ...) get no batch at all.
    CHECK_FALSE(sink.sizes.contains(store::Table::participants));
    CHECK_FALSE(sink.sizes.contains(store::Table::results));
    const std::vector<std::size_t>& audit = sink.sizes[store::Table::audit_log];
    REQUIRE(audit.size() >= 2);
    std::size_t total = 0;
    for (std::size_t i = 0; i < audit.size(); ++i) {
        CAPTURE(i);
        CHECK(audit[i] > 0);
        if (i + 1 < audit.size()) CHECK(audit[i] >= db->batch_rows());
        total += audit[i];
    }
    CHECK(total == static_cast<std::size_t>(n));
    // A write transaction begins and commits after it.
    CHECK(error_from([&] {
              store::Store::Transaction tx(*db);
              db->insert_participant(person("198609262015051001", "A"));
              tx.commit();
          }) == "");
    CHECK(db->participant_by_nip("198609262015051001"));
}
