#include "asnbelajar/error.hpp"
#include "asnbelajar/store.hpp"
#include "temp_dir.hpp"

#include "store/sqlite/errors.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <fstream>
#include <functional>
#include <sys/stat.h>
#include <vector>

using namespace asnbelajar;

namespace {

void raw_exec(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

Participant person(const char* nip, const char* name) {
    Participant p;
    p.nip = nip;
    p.name = name;
    return p;
}

} // namespace

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

TEST_CASE("opening refuses what is not ours") {
    TempDir dir;
    CHECK_THROWS_WITH_AS(store::open(dir.file("missing.db"), store::Access::read),
                         doctest::Contains("no store at"), Error);
    CHECK_THROWS_AS(store::open(dir.file("no/such/dir/s.db"), store::Access::write), Error);

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
    store.audit("asnbelajar enroll X Y", 2);
    auto log = store.audit_log(10);
    REQUIRE(log.size() == 1);
    CHECK(log[0].command == "asnbelajar enroll X Y");
    CHECK(log[0].rows == 2);
    CHECK_FALSE(log[0].user.empty());
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

// The root pages of the store's tables and indexes, and its page size.
std::vector<std::int64_t> root_pages(const std::string& path, std::int64_t& page_size) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    std::vector<std::int64_t> pages;
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT rootpage FROM sqlite_master WHERE rootpage > 1", -1, &st,
                               nullptr) == SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        pages.push_back(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    page_size = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return pages;
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
    dynamic_cast<store::sqlite::SqliteStore&>(store).append_after = 0; // append mode at once: indexes dropped
    const auto indexes = [&] {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(raw,
                                   "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                                   "tbl_name = 'participants'",
                                   -1, &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        const int n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(raw);
        return n;
    };
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
    std::int64_t page_size = 0;
    const std::vector<std::int64_t> pages = root_pages(path, page_size);
    REQUIRE(pages.size() > 10);
    {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        const std::string garbage(static_cast<std::size_t>(page_size), '\xa5');
        for (std::int64_t page : pages) {
            f.seekp((page - 1) * page_size);
            f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
        }
    }
    const auto db = store::open(path, store::Access::write);
    store::Store& store = *db;
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
    const std::vector<std::function<void()>> calls = {
        [&] { store.participant_by_id(a); },
        [&] { store.participant_by_nip(p.nip); },
        [&] { store.participant_by_email("a@example.go.id"); },
        [&] { store.participant_by_phone("+628123456789"); },
        [&] { store.insert_participant(person("197512302000031001", "C")); },
        [&] { store.update_participant(p); },
        [&] { store.list_participants("", ""); },
        [&] { store.find_participants(rows, matches); },
        [&] { store.write_participants(rows, {}); },
        [&] { store.participants_matching(keys); },
        [&] { store.begin_bulk_load(1000); },
        [&] { store.end_bulk_load(); },
        [&] { store.enrollments_of(s, people); },
        [&] { store.put_enrollments(s, seats); },
        [&] { store.put_enrollment(s, a, EnrollmentStatus::cancelled); },
        [&] { store.session_by_id(s); },
        [&] { store.session_by_code("w9"); },
        [&] { store.session_code_exists("w9"); },
        [&] { store.insert_session(session("w10")); },
        [&] { store.update_session(w9); },
        [&] { store.session_totals(0, 2000000000); },
        [&] { store.session_totals(w9); },
        [&] { store.enrollment(s, a); },
        [&] { store.enrollment_counts(s); },
        [&] { store.seat_state(s, 10); },
        [&] { store.first_waitlisted(s); },
        [&] { store.add_marks(s, marks); },
        [&] { store.add_mark(s, a, mark); },
        [&] { store.delete_marks(s, a, MarkKind::manual); },
        [&] { store.marks_of(s, people); },
        [&] { store.marks(s, a); },
        [&] { store.session_marks(s); },
        [&] { store.participants_with_marks(s); },
        [&] { store.put_summaries(s, summaries); },
        [&] {
            store.put_attendance(s, a, {60, false}, AttendanceOutcome::attended);
        },
        [&] { store.delete_attendance(s, a); },
        [&] { store.clear_session_attendance(s); },
        [&] { store.delete_batch_marks(s, "batch"); },
        [&] { store.session_enrollments(s); },
        [&] { store.outcome_counts(s); },
        [&] { store.session_roster(s); },
        [&] { store.agency_attendance(s); },
        [&] { store.next_certificate_seq(); },
        [&] { store.highest_certificate_seq(); },
        [&] { store.certificate_counter(); },
        [&] { store.set_certificate_counter(41); },
        [&] { store.insert_certificate(s, a, 7, "000007/W9"); },
        [&] { store.revoke_certificate(s, a); },
        [&] { store.live_certificates({s}); },
        [&] {
            const ResultAttempt r{s, a, ResultKind::posttest, 8000, 1646290800, "t"};
            store.put_results({&r, 1});
        },
        [&] { store.certificate_by_number("000001/W9"); },
        [&] { store.session_times(0, 2000000000); },
        [&] { store.attendance_rates({s}); },
        [&] { store.participant_history(a); },
        [&] { store.participation({s}); },
        [&] { store.audit("asnbelajar x", 1); },
        [&] { store.audit_log(10); },
        [&] { store.check(); },
        [&] { store.backup_to(dir.file("backup.db"), "backup.db"); },
        [&] {
            store::Store::Transaction tx(store);
            store.insert_participant(person("197512302000031001", "C"));
            tx.commit();
        },
    };
    int damaged = 0;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        CAPTURE(i);
        const std::string message = error_from(calls[i]);
        if (message.find("is not an asnbelajar store or is damaged (database disk image is malformed)") !=
            std::string::npos)
            ++damaged;
    }
    // Most calls read a damaged page; the rest (a bulk load's start and end, reads the damage does not reach)
    // succeed.
    MESSAGE(damaged << " of " << calls.size() << " calls said the store is damaged");
    CHECK(damaged > 40);
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
