#include "asnbelajar/error.hpp"
#include "asnbelajar/store.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <fstream>
#include <sys/stat.h>

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
        store::Store store(path, store::Access::write);
        CHECK(store.created());
        store::StoreCheck c = store.check();
        CHECK(c.integrity == "ok");
        CHECK(c.version == store::schema_version);
        CHECK(c.journal_mode == "wal");
    }
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    store::Store again(path, store::Access::read);
    CHECK_FALSE(again.created());
}

TEST_CASE("opening refuses what is not ours") {
    TempDir dir;
    CHECK_THROWS_WITH_AS(store::Store(dir.file("missing.db"), store::Access::read),
                         doctest::Contains("no store at"), Error);
    CHECK_THROWS_AS(store::Store(dir.file("no/such/dir/s.db"), store::Access::write), Error);

    std::string newer = dir.file("newer.db");
    { store::Store s(newer, store::Access::write); }
    raw_exec(newer, "PRAGMA user_version = 99");
    CHECK_THROWS_WITH_AS(store::Store(newer, store::Access::write), doctest::Contains("newer"), Error);

    std::string other = dir.file("other.db");
    raw_exec(other, "CREATE TABLE t(x)");
    CHECK_THROWS_WITH_AS(store::Store(other, store::Access::write),
                         doctest::Contains("not an asnbelajar store"), Error);

    std::string text = dir.file("text.db");
    std::ofstream(text) << "hello, this is not a database at all, but it is long enough to look like one....";
    CHECK_THROWS_AS(store::Store(text, store::Access::write), Error);
}

TEST_CASE("a transaction not committed leaves nothing") {
    TempDir dir;
    store::Store store(dir.file("s.db"), store::Access::write);
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
    store::Store store(dir.file("s.db"), store::Access::write);
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
    store::Store store(dir.file("s.db"), store::Access::write);
    store.audit("asnbelajar enroll X Y", 2);
    auto log = store.audit_log(10);
    REQUIRE(log.size() == 1);
    CHECK(log[0].command == "asnbelajar enroll X Y");
    CHECK(log[0].rows == 2);
    CHECK_FALSE(log[0].user.empty());
}
