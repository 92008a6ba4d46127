// The PostgreSQL backend (lib/src/store/postgres/), against a server: $ASNBELAJAR_TEST_PG names one (a URL, as
// tests/pg/cluster.sh sets it). Without it these cases pass without checking anything and say so once. Each
// case works in a schema of its own (the URL's search_path), dropped afterwards. Where the SQLite backend
// answers the same question, both answer it here and must agree.
#include "asnbelajar/error.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/store_copy.hpp"
#include "asnbelajar/store_retry.hpp"
#include "error_of.hpp"
#include "table_text.hpp"
#include "temp_dir.hpp"

#include "store/postgres/errors.hpp"
#include "store/postgres/open.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/pq.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iterator>
#include <malloc.h>
#include <map>
#include <signal.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <variant>
#include <vector>

using namespace asnbelajar;
namespace pq = asnbelajar::store::postgres::pq;

namespace {

const char* server() {
    const char* url = std::getenv("ASNBELAJAR_TEST_PG");
    static bool said = false;
    if ((!url || !*url) && !said) {
        said = true;
        MESSAGE("ASNBELAJAR_TEST_PG is not set: the PostgreSQL backend's unit tests check nothing");
    }
    return url && *url ? url : nullptr;
}

// `url` with the query parameter `param` ("key=value") added.
std::string with_param(const std::string& url, const std::string& param) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + param;
}

// A schema of its own on the test server, and a URL whose search_path is it.
struct Scratch {
    std::string base, schema, url;
    std::unique_ptr<pq::Connection> admin;
    Scratch() {
        static int n = 0;
        base = server();
        schema = fmt::format("unit_{}_{}", ::getpid(), ++n);
        admin = std::make_unique<pq::Connection>(base, "test server");
        // An identifier cannot be a parameter: the name is ours (letters, digits, _).
        exec("CREATE SCHEMA " + schema);
        url = with_param(base, "options=-csearch_path%3D" + schema);
    }
    ~Scratch() { exec_quietly("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); }
    // Makes the store's tables (a first write transaction, committed).
    void create_store() const {
        const auto db = store::open(url, store::Access::write);
        store::Store::Transaction tx(*db);
        db->audit("asnbelajar db migrate", 0);
        tx.commit();
    }
    // Runs `sql` in the scratch schema.
    void run(const char* sql) const {
        pq::Connection c(url, "test");
        c.exec(sql);
    }
    // Runs `sql` on the server as the administrator (a failure throws).
    void exec(const std::string& sql) { admin->exec(sql.c_str()); }
    // The same, a failure ignored: for destructors.
    void exec_quietly(const std::string& sql) {
        pq::lib().PQclear(pq::lib().PQexec(admin->raw(), sql.c_str()));
    }
    // The store's URL with its connections named `name`, so that end_connections(name) ends them and no other
    // test's.
    std::string named_url(const std::string& name) const { return url + "&application_name=" + name; }
    // Ends the server's connections named `name` (pg_terminate_backend, waiting up to 10 s for each): how many.
    std::string end_connections(const std::string& name) {
        // FILTER, not WHERE: only the named rows reach pg_terminate_backend (the order of WHERE's terms is the
        // planner's).
        const std::string sql = "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM "
                                "pg_stat_activity WHERE application_name = '" +
                                name + "'";
        return admin->exec(sql.c_str()).str(0, 0);
    }
    // One value of a query in the scratch schema.
    std::string value(const char* sql) {
        pq::Connection c(url, "test");
        return c.query(sql).str(0, 0);
    }
};

// The bytes of the heap in use (glibc), for the checks that something leaves nothing behind.
std::size_t heap_in_use() {
    return ::mallinfo2().uordblks;
}

// What a connection to `url` writes to its ASNBELAJAR_PG_TRACE file while `work` uses it, up to its closing.
std::string traced(const std::string& url, const std::function<void(pq::Connection&)>& work) {
    TempDir dir;
    const std::string trace = dir.file("trace");
    ::setenv("ASNBELAJAR_PG_TRACE", trace.c_str(), 1);
    {
        pq::Connection c(url, "test");
        ::unsetenv("ASNBELAJAR_PG_TRACE");
        work(c);
    }
    std::ifstream in(trace);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Ids a store returns in no order, sorted.
std::vector<Id> sorted(std::vector<Id> ids) {
    std::ranges::sort(ids);
    return ids;
}

// One row of the counters table, as a copy hands it to import_rows().
store::TableRows counter_row(const char* name, std::int64_t value) {
    store::TableRows row;
    row.reset(store::table_columns(store::Table::counters));
    row.set(0, 0, std::string_view(name));
    row.set(0, 1, value);
    row.rows = 1;
    return row;
}

Session a_session(const char* code) {
    Session x;
    x.code = code;
    x.title = "T";
    x.start = 1'700'000'000;
    x.tz = "Asia/Jakarta";
    x.minutes = 60;
    return x;
}

Participant person(const char* nip, const char* name, const char* email = "") {
    Participant p;
    p.nip = nip;
    p.name = name;
    p.email = email;
    return p;
}

} // namespace

TEST_CASE("postgres: a URL prints without its password") {
    using store::postgres::display_url;
    CHECK(display_url("postgresql://asnb:s3cret@db.example.go.id:5433/asnb?sslmode=require") ==
          "postgresql://asnb@db.example.go.id:5433/asnb");
    CHECK(display_url("postgres://asnb@/asnb?host=/tmp/x&port=56000&password=s3cret") ==
          "postgres://asnb@/asnb?host=/tmp/x&port=56000");
    CHECK(display_url("postgresql:///asnb?service=registry") == "postgresql:///asnb?service=registry");
    CHECK(store::printable_argument("--db=postgresql://asnb:s3cret@db/asnb?sslmode=require") ==
          "--db=postgresql://asnb@db/asnb?sslmode=require");
    CHECK(store::printable_argument("postgres://u:p@h/d?password=x&port=1") == "postgres://u@h/d?port=1");
    CHECK(store::printable_argument("postgres://u@h/d?port=1&password=x") == "postgres://u@h/d?port=1");
    CHECK(store::printable_argument("2022-03-03") == "2022-03-03");
    // No user name: the password begins right after the scheme.
    CHECK(store::printable_argument("postgresql://:s3cret@db/asnb") == "postgresql://@db/asnb");
    CHECK(store::printable_argument("postgres://:s3cret@db/asnb") == "postgres://@db/asnb");
    CHECK(store::printable_argument("user:pw@example") == "user:pw@example");
}

TEST_CASE(
    "postgres: an array parameter's text: elements quoted or bare, NULL, a comma before every one but the "
    "first") {
    pq::Array none;
    CHECK(none.empty());
    CHECK(none.done() == "{}");
    pq::Array text;
    text.add("a");
    text.add_or_null("");
    text.add("say \"hi\" \\ bye");
    CHECK_FALSE(text.empty());
    CHECK(text.done() == R"({"a",NULL,"say \"hi\" \\ bye"})");
    // A first element of one character (a one-digit number) is an element all the same.
    pq::Array numbers;
    numbers.add(std::int64_t{7});
    numbers.add_null();
    numbers.add(std::int64_t{-12});
    CHECK(numbers.done() == "{7,NULL,-12}");
    pq::Array mixed; // a text[] takes a bare 7 as the text "7"
    mixed.add(std::int64_t{7});
    mixed.add("x");
    CHECK(mixed.done() == R"({7,"x"})");
}

TEST_CASE("postgres: a COPY text field decoded: \\N is NULL, escapes undone, a backslash at the end kept") {
    std::string out = "left over";
    CHECK_FALSE(pq::copy_field("\\N", out));
    CHECK(out.empty());
    CHECK(pq::copy_field("", out));
    CHECK(out.empty());
    CHECK(pq::copy_field("a\\tb\\nc\\rd\\\\e\\bf\\fg\\vh\\Ni\\a", out));
    CHECK(out == "a\tb\nc\rd\\e\bf\fg\vhNia");
    // The server never ends a field with a lone backslash (it writes one as \\); were one there, it is kept.
    CHECK(pq::copy_field("ab\\", out));
    CHECK(out == "ab\\");
    CHECK(pq::copy_field("\\", out));
    CHECK(out == "\\");
}

TEST_CASE(
    "postgres: a failure is mapped by its SQLSTATE: the constraint it broke, the fault, whether a retry may "
    "cure it") {
    using store::Constraint;
    using store::Fault;
    using store::postgres::pg_constraint;
    using store::postgres::pg_fault;
    using store::postgres::unavailable;
    const auto failure = [](const char* state, const char* constraint = "", const char* message = "x") {
        return pq::Failure(message, state, constraint);
    };
    // A unique violation by the constraint's name; a foreign key whatever its name.
    CHECK(pg_constraint(failure("23505", "participants_nip")) == Constraint::participant_nip);
    CHECK(pg_constraint(failure("23505", "participants_email")) == Constraint::participant_email);
    CHECK(pg_constraint(failure("23505", "sessions_code")) == Constraint::session_code);
    CHECK(pg_constraint(failure("23505", "certificates_live")) == Constraint::certificate_live);
    CHECK(pg_constraint(failure("23505", "results_attempt")) == Constraint::result_attempt);
    CHECK(pg_constraint(failure("23503", "enrollments_session_id_fkey")) == Constraint::reference);
    CHECK_FALSE(pg_constraint(failure("23505", "some_other_index")));
    CHECK_FALSE(pg_constraint(failure("23514", "participants_nip"))); // a CHECK, not a unique violation
    CHECK_FALSE(pg_constraint(failure("22001")));

    const std::pair<const char*, Fault> faults[] = {
        {"55P03", Fault::locked},
        {"40P01", Fault::locked},
        {"40001", Fault::locked},
        {"25006", Fault::read_only},
        {"53100", Fault::full},
        {"53200", Fault::full},
        {"XX001", Fault::damaged},
        {"XX002", Fault::damaged},
        {"XX000", Fault::other},
        {"08001", Fault::cannot_open},
        {"08004", Fault::cannot_open},
        {"28000", Fault::cannot_open},
        {"28P01", Fault::cannot_open},
        {"3D000", Fault::cannot_open},
        {"08006", Fault::io},
        {"08003", Fault::io},
        {"", Fault::io},
        {"57P01", Fault::io},
        {"58030", Fault::io},
        {"55000", Fault::other},
        {"42P01", Fault::other},
        {"25P02", Fault::other},
        {"23505", Fault::other},
    };
    for (const auto& case_ : faults) {
        const auto& state = case_.first; // not a structured binding: CAPTURE's lambda cannot take one (clang)
        CAPTURE(state);
        CHECK(pg_fault(failure(state)) == case_.second);
    }

    // Connecting: retried unless the server answered and refused.
    CHECK(unavailable(failure("08001", "", "connection to server failed: Connection refused"), nullptr));
    CHECK(unavailable(failure("08001", "", "timeout expired"), nullptr));
    for (const char* refusal :
         {"FATAL:  password authentication failed for user \"asnb\"", "FATAL:  database \"x\" does not exist",
          "FATAL:  no pg_hba.conf entry for host", "fe_sendauth: no password supplied",
          "FATAL:  permission denied for database \"asnb\"", "FATAL:  sorry, too many connections already"}) {
        CAPTURE(refusal);
        CHECK_FALSE(unavailable(failure("08001", "", refusal), nullptr));
    }
    // A connection lost, a server shutting down or starting up, a standby now: retried.
    for (const char* state : {"08006", "08003", "57P01", "57P02", "57P03", "25006"}) {
        CAPTURE(state);
        CHECK(unavailable(failure(state), nullptr));
    }
    // The rest is the command's own failure; a client-side one only on a connection that is bad.
    for (const char* state : {"57P04", "57014", "40001", "55P03", "23505", "XX001", "25P02", ""}) {
        CAPTURE(state);
        CHECK_FALSE(unavailable(failure(state), nullptr));
    }
}

TEST_CASE("postgres: a broken constraint's value from the server's detail, when one value is named") {
    using store::Constraint;
    using store::postgres::translate;
    const auto said = [](const char* constraint, const char* detail, store::WrittenValues written = {}) {
        return std::string(
            translate(pq::Failure("duplicate key", "23505", constraint, detail), "db", written, 10).what());
    };
    CHECK(said("participants_nip", "Key (nip)=(198609262015051001) already exists.") ==
          "NIP 198609262015051001 already belongs to another participant");
    CHECK(said("sessions_code", "Key (code)=(S(1)=(2)) already exists.") ==
          "a session with code S(1)=(2) already exists");
    CHECK(said("sessions_code", "Key (code)=(A) already exists.") == "a session with code A already exists");
    // The value written wins over the detail; none, one of several columns, or an empty one: unnamed.
    CHECK(said("participants_email", "Key (email)=(a@x.id) already exists.",
               {{Constraint::participant_email, "A@x.id"}}) ==
          "e-mail A@x.id already belongs to another participant");
    CHECK(said("participants_nip", "") == "two participants would have the same NIP");
    CHECK(said("participants_nip", "Key (nip)=() already exists.") ==
          "two participants would have the same NIP");
    CHECK(said("participants_nip", "Key (nip)=(1) is wrong.") == "two participants would have the same NIP");
    CHECK(said("certificates_live", "Key (session_id, participant_id)=(1, 2) already exists.") ==
          "the participant holds a live certificate of this session already");
    CHECK(said("participants_nip", "Key (nip, email)=(1, a) already exists.") ==
          "two participants would have the same NIP");
    CHECK(
        std::string(
            translate(pq::Failure("canceling statement due to lock timeout", "55P03"), "db", {}, 7).what()) ==
        "the store db is locked by another process (the store is busy: another writer held a lock this command "
        "needs; waited 7 s (ASNBELAJAR_PG_LOCK_TIMEOUT)); try again");
    CHECK(std::string(translate(pq::Failure("no space left", "53100"), "db", {}, 7).what()) ==
          "cannot write the store db: disk full (no space left)");
}

TEST_CASE("postgres: ASNBELAJAR_PG_LOCK_TIMEOUT takes whole seconds from 1 to 3600") {
    // Read before connecting: a server that is not there says the value is wrong first.
    const std::string nowhere = "postgresql://asnb@/asnb?host=/nonexistent-dir&port=1&connect_timeout=2";
    const auto said = [&](const char* value) {
        ::setenv("ASNBELAJAR_PG_LOCK_TIMEOUT", value, 1);
        std::string what;
        try {
            store::open(nowhere, store::Access::write);
        } catch (const Error& e) {
            what = e.what();
        }
        ::unsetenv("ASNBELAJAR_PG_LOCK_TIMEOUT");
        return what.find("ASNBELAJAR_PG_LOCK_TIMEOUT must be a whole number of seconds from 1 to 3600") !=
               std::string::npos;
    };
    for (const char* wrong : {"0", "3601", "-1", "1.5", "10s", " 5"}) {
        CAPTURE(wrong);
        CHECK(said(wrong));
    }
    for (const char* right : {"1", "3600"}) {
        CAPTURE(right);
        CHECK_FALSE(said(right)); // on to connecting, which fails otherwise
    }
}

TEST_CASE("postgres: a server that cannot be reached is said by host and database, never the password") {
    try {
        store::open("postgresql://asnb:s3cret@/nosuchdb?host=/nonexistent-dir&port=1&connect_timeout=2",
                    store::Access::read);
        FAIL("opened");
    } catch (const store::Unavailable& e) { // no server there: a failure a retry may cure (store_retry.hpp)
        const std::string what = e.what();
        CHECK(
            what.find(
                "cannot connect to the PostgreSQL store postgresql://asnb@/nosuchdb?host=/nonexistent-dir") !=
            std::string::npos);
        CHECK(what.find("s3cret") == std::string::npos);
        CHECK_FALSE(e.commit_unknown());
    }
    // A server that answers and refuses (no such database) is not one to retry.
    if (!server()) return;
    try {
        store::open(with_param(server(), "dbname=asnb_no_such_db"), store::Access::read);
        FAIL("opened");
    } catch (const store::Unavailable&) {
        FAIL("a refusal taken for a server that is not there");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("does not exist") != std::string::npos);
    }
}

TEST_CASE(
    "postgres: a discarded new store is gone at once, not when it is closed: another writer creates it") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    REQUIRE(db->created());
    db->discard_created();
    ::setenv("ASNBELAJAR_PG_LOCK_TIMEOUT", "1", 1);
    {
        const auto other = store::open(s.url, store::Access::write); // its CREATE TABLEs wait for nothing
        ::unsetenv("ASNBELAJAR_PG_LOCK_TIMEOUT");
        store::Store::Transaction tx(*other);
        other->audit("asnbelajar db migrate", 0);
        tx.commit();
    }
    ::unsetenv("ASNBELAJAR_PG_LOCK_TIMEOUT");
    CHECK(s.value("SELECT count(*) FROM audit_log") == "1");
}

TEST_CASE(
    "postgres: a new store's first write that fails leaves the schema to the next write, as SQLite does") {
    if (!server()) return;
    Scratch s;
    {
        const auto db = store::open(s.url, store::Access::write);
        REQUIRE(db->created());
        {
            store::Store::Transaction tx(*db); // not committed: rolled back
            db->insert_participant(person("198609262015051001", "Gone"));
        }
        CHECK(db->created()); // still open()'s transaction, and the schema in it
        {
            store::Store::Transaction tx(*db);
            db->insert_participant(person("198609262015051002", "Kept"));
            tx.commit();
        }
        CHECK_FALSE(db->created());        // kept
        store::Store::Transaction tx(*db); // and a write after the commit is one of its own
        db->insert_participant(person("198609262015051003", "Then"));
        tx.commit();
    }
    CHECK(s.value("SELECT string_agg(name, ',' ORDER BY id) FROM participants") == "Kept,Then");
    // The command's first write failed and it gave the store up: nothing is left of it.
    Scratch t;
    {
        const auto db = store::open(t.url, store::Access::write);
        {
            store::Store::Transaction tx(*db);
            db->insert_participant(person("198609262015051001", "Gone"));
        }
        db->discard_created();
    }
    CHECK(t.value("SELECT to_regclass('participants') IS NULL") == "t");
}

TEST_CASE("postgres: opening, creating, the schema version and newer schemas") {
    if (!server()) return;
    Scratch s;
    CHECK_THROWS_WITH_AS(store::open(s.url, store::Access::read), doctest::Contains("no store at"), Error);
    {
        // A first write that fails leaves no schema behind.
        const auto db = store::open(s.url, store::Access::write);
        CHECK(db->created());
        db->discard_created();
        CHECK_FALSE(db->created()); // store.hpp: then false, and discard_created() does nothing
        db->discard_created();
    }
    CHECK(s.value("SELECT to_regclass('participants') IS NULL") == "t");
    {
        const auto db = store::open(s.url, store::Access::write, store::DryRun::yes);
        for (const char* name : {"Dry", "Run"}) { // each rehearsal rolled back to where it began
            store::Store::Transaction tx(*db);
            db->insert_participant(person("198609262015051001", name));
            tx.commit();
            CHECK(db->list_participants("", "").empty());
        }
    }
    CHECK(s.value("SELECT to_regclass('participants') IS NULL") == "t");
    s.create_store();
    const auto db = store::open(s.url, store::Access::read);
    const store::StoreCheck c = db->check();
    CHECK(c.integrity == "ok");
    CHECK(c.version == store::schema_version);
    CHECK(c.audit == 1);
    CHECK(s.value("SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND "
                  "data_type = 'text' AND collation_name IS DISTINCT FROM 'C'") == "0");
    {
        pq::Connection c2(s.url, "test");
        c2.exec("UPDATE asnbelajar_schema SET version = 99");
    }
    CHECK_THROWS_WITH_AS(store::open(s.url, store::Access::read),
                         doctest::Contains("newer than this asnbelajar understands"), Error);
    CHECK_THROWS_WITH_AS(store::open(s.url, store::Access::write),
                         doctest::Contains("newer than this asnbelajar understands"), Error);
}

namespace {

// The same work on both backends; what each answers, as text.
std::string scenario(store::Store& db) {
    std::string out;
    store::Store::Transaction tx(db);
    std::vector<Participant> added = {person("198609262015051001", "Siti ÄMINAH", "siti@example.go.id"),
                                      person("199001152014031002", "budi", "budi@example.go.id"),
                                      person("", "_z", "z@example.go.id"), person("198703212010122003", "B")};
    db.write_participants({}, added);
    for (const Participant& p : added)
        out += fmt::format("id {} ", p.id);
    // A NIP passes from the first changed person to the second within one batch.
    Participant a = added[0], b = added[1];
    b.nip = a.nip;
    a.nip = "197512302000031001";
    std::vector<Participant> changed = {a, b};
    std::vector<Participant> none;
    db.write_participants(changed, none);
    std::vector<Participant> rows = {person("198609262015051001", "x", "budi@example.go.id"),
                                     person("197512302000031001", "y", "budi@example.go.id"),
                                     person("", "z", "nobody@example.go.id"),
                                     person("198703212010122003", "")};
    store::ParticipantMatches m;
    db.find_participants(rows, m);
    out += fmt::format("| found {}:", m.found);
    for (std::size_t i = 0; i < rows.size(); ++i)
        out += fmt::format(" {}/{}", m.by_nip[i] < 0 ? 0 : m.people[m.by_nip[i]].id,
                           m.by_email[i] < 0 ? 0 : m.people[m.by_email[i]].id);
    out += " | list:";
    for (const Participant& p : db.list_participants("", ""))
        out += " " + p.name;
    out += " | search:";
    for (const Participant& p : db.list_participants("", "äminah"))
        out += " " + p.name;
    for (const Participant& p : db.list_participants("", "SITI"))
        out += " " + p.name;
    out += " | names:"; // in id order (the walk gives none): a NIP or e-mail the store lacks is ""
    std::map<Id, std::string> walked;
    db.each_participant_name([&](Id id, std::string_view name, std::string_view nip, std::string_view email) {
        walked[id] = fmt::format("{}/{}/{}", name, nip, email);
    });
    for (const auto& [id, named] : walked)
        out += fmt::format(" {}={}", id, named);
    Session s;
    s.code = "2022-03-03";
    s.title = "T";
    s.start = 1646272800;
    s.tz = "Asia/Makassar"; // not the default zone
    s.minutes = 180;
    s.jp_tenths = 30;
    s.capacity = 2;
    s.id = db.insert_session(s);
    const std::vector<store::EnrollmentChange> changes = {
        {added[0].id, EnrollmentStatus::enrolled},   {added[1].id, EnrollmentStatus::enrolled},
        {added[2].id, EnrollmentStatus::waitlisted}, {added[0].id, EnrollmentStatus::cancelled},
        {added[3].id, EnrollmentStatus::cancelled},  {added[0].id, EnrollmentStatus::walk_in}};
    db.put_enrollments(s.id, changes);
    for (int limit : {0, 5}) { // the seats taken, counted up to the limit; someone waits
        const store::Store::SeatState seats = db.seat_state(s.id, limit);
        out += fmt::format("| seats {} {} ", seats.enrolled, seats.waitlisted);
    }
    db.put_enrollment(s.id, added[2].id, EnrollmentStatus::enrolled);
    out += fmt::format("| seats {} ", db.seat_state(s.id, 5).waitlisted); // nobody waits now
    db.put_enrollment(s.id, added[1].id, EnrollmentStatus::cancelled);    // a stored row: keeps its number
    db.put_enrollment(s.id, added[2].id, EnrollmentStatus::cancelled);    // one whose number is not its id
    // Enrollments come in no order: sorted by person.
    const auto by_person = [](std::vector<Enrollment> v) {
        std::sort(v.begin(), v.end(),
                  [](const Enrollment& x, const Enrollment& y) { return x.participant < y.participant; });
        return v;
    };
    out += "| session enrollments:";
    for (const Enrollment& e : by_person(db.session_enrollments(s.id)))
        out += fmt::format(" {}:{}:{}:{}", e.session == s.id, e.participant, to_string(e.status), e.arrival);
    out += " | enrollments:";
    std::vector<Id> ids;
    for (const Participant& p : added)
        ids.push_back(p.id);
    for (const Enrollment& e : by_person(db.enrollments_of(s.id, ids)))
        out += fmt::format(" {}:{}:{}", e.participant, to_string(e.status), e.arrival);
    AttendanceMark mk;
    mk.kind = MarkKind::interval;
    mk.join = 1646272800;
    mk.leave = 1646272800 + 3600;
    mk.source = "zoom\ttab\\back\nline";
    mk.batch = "b1";
    AttendanceMark m2 = mk;
    m2.kind = MarkKind::manual;
    m2.seconds = 600;
    m2.batch = "";
    const std::vector<PersonMarks> marks = {{added[0].id, {mk, m2}}, {added[1].id, {mk}}};
    db.add_marks(s.id, marks);
    // A stored summary that the next batch's last word for the person (none) removes.
    db.put_summaries(s.id, std::vector<store::PersonSummary>{
                               {added[2].id, AttendanceSummary{50, false}, AttendanceOutcome::partial}});
    db.put_summaries(s.id, std::vector<store::PersonSummary>{
                               {added[0].id, AttendanceSummary{70, false}, AttendanceOutcome::attended},
                               {added[1].id, AttendanceSummary{20, true}, AttendanceOutcome::partial},
                               {added[2].id, AttendanceSummary{5, false}, AttendanceOutcome::partial},
                               {added[2].id, std::nullopt}});
    out += fmt::format(" | with marks: {}", fmt::join(sorted(db.participants_with_marks(s.id)), " "));
    out += " | session marks:";
    for (const PersonMarks& pm : db.session_marks(s.id))
        out += fmt::format(" {}:{}", pm.person, pm.marks.size());
    for (const PersonMarks& pm : db.marks_of(s.id, ids)) {
        out += fmt::format(" marks {}:", pm.person);
        for (const AttendanceMark& x : pm.marks)
            out += fmt::format(" {} {} {} {} [{}] [{}]", to_string(x.kind), x.join, x.leave, x.seconds,
                               x.source, x.batch);
    }
    // What `session delete` weighs: enrollments, people with attendance, certificates (none yet, then some).
    const auto holds = [&db, &s] {
        const store::Store::SessionHoldings held = db.session_holdings(s.id);
        return fmt::format(" | holds {} {} {}", held.enrollments, held.attendance, held.certificates);
    };
    out += holds();
    const std::int64_t seq = db.next_certificate_seq();
    db.insert_certificate(s.id, added[0].id, seq, "CERT/1");
    out += fmt::format(" | seq {}", seq);
    // The counter and the highest number issued are two things: `db renumber` sets the one from the other.
    db.set_certificate_counter(41);
    out += fmt::format(" highest {} counter {}", db.highest_certificate_seq(), db.certificate_counter());
    out += fmt::format(" next {}", db.next_certificate_seq());
    // An attempt again: the same score is unchanged, another replaces it; another time is another attempt.
    const std::vector<ResultAttempt> first = {
        {s.id, added[0].id, ResultKind::posttest, 8000, 1646280000, "r1"},
        {s.id, added[1].id, ResultKind::survey, std::nullopt, std::nullopt, "r1"}};
    const std::vector<ResultAttempt> again = {
        {s.id, added[0].id, ResultKind::posttest, 9000, 1646280000, "r2"},
        {s.id, added[1].id, ResultKind::survey, std::nullopt, std::nullopt, "r2"},
        {s.id, added[0].id, ResultKind::posttest, 5000, std::nullopt, "r2"}};
    for (const auto* attempts : {&first, &again}) {
        const store::ResultCounts c = db.put_results(*attempts);
        out += fmt::format(" | results added {} replaced {} unchanged {}", c.added, c.replaced, c.unchanged);
    }
    db.audit("asnbelajar x", 1, "cmd-1");
    out += fmt::format(" | committed {} {}", db.command_committed("cmd-1"), db.command_committed("cmd-2"));
    const store::SessionTotals t = db.session_totals(s);
    out += fmt::format(" | totals {} {} {} {} {} {} {} {}", t.enrolled, t.waitlisted, t.attended, t.partial,
                       t.absent, t.walk_ins, t.attended_enrolled, t.certificates);
    out += " | roster:";
    for (const store::RosterRow& r : db.session_roster(s.id))
        out += fmt::format(" {}:{}:{}:{}", r.person.name, r.enrollment ? to_string(*r.enrollment) : "-",
                           r.attendance ? r.attendance->minutes : -1, r.certificate);
    out += " | year:";
    for (const store::PersonYear& y : db.participation({s.id, s.id + 1000, s.id})) // named twice, apart
        out += fmt::format(" {}:{}:{}", y.person.name, y.attended, y.jp_tenths);
    std::vector<store::AgencyCount> agencies = db.agency_attendance(s.id); // in no order
    std::ranges::sort(agencies, {}, &store::AgencyCount::agency);
    out += " | agencies:";
    for (const store::AgencyCount& a : agencies)
        out += fmt::format(" [{}]:{}", a.agency, a.attended);
    const std::optional<Session> read_back = db.session_by_id(s.id);
    out += fmt::format(" | session: {} {} {}", read_back->code, read_back->start, read_back->tz);
    out += " | history:";
    for (const Participant& p : added)
        for (const store::HistoryRow& h : db.participant_history(p.id))
            out += fmt::format(" {}:{}:{}:{}:{}:[{}]", p.id, h.session == s.id,
                               h.enrollment ? to_string(*h.enrollment) : "-",
                               h.attendance ? h.attendance->minutes : -1,
                               h.outcome ? to_string(*h.outcome) : "-", h.certificate);
    const store::Tallies tallies = db.tally_participation({s.id});
    out += fmt::format(" | tallied {}:", tallies.people());
    tallies.each(
        [&out](Id id, int attended, std::int64_t jp) { out += fmt::format(" {}:{}:{}", id, attended, jp); });
    const std::vector<store::ParticipantKeys> keys = {
        {"", "", "+6281"}, {"", "budi@example.go.id", ""}, {"198609262015051001", "", ""}, {}};
    out += " | matching:";
    for (const auto& id : db.participants_matching(keys))
        out += fmt::format(" {}", id ? *id : 0);
    out += fmt::format(" | deleted batch: {}", fmt::join(sorted(db.delete_batch_marks(s.id, "b1")), " "));
    // A certificate by its number (certify verify): its holder, its session and whether it was revoked.
    const auto by_number = [&db](const char* number) {
        const std::optional<store::CertificateRecord> c = db.certificate_by_number(number);
        return c ? fmt::format("{} {} {} {}", c->number, c->person.name, c->session.code, c->revoked) : "-";
    };
    db.insert_certificate(s.id, added[3].id, db.next_certificate_seq(),
                          "CERT/B"); // ids of session and holder differ
    out += fmt::format(" | by number: {}; {}; {}", by_number("CERT/1"), by_number("CERT/B"),
                       by_number("CERT/2"));
    out += holds();
    // The live certificates (the weekly report's and certify's list): numbers that do not begin with their
    // sequence number.
    out += " | live:";
    for (const store::CertificateRow& c : db.live_certificates({s.id}))
        out += fmt::format(" {} {} {} {} {}", c.number, c.seq, c.session == s.id, c.person.name, c.attended);
    out += fmt::format(" | revoked: {}", db.revoke_certificate(s.id, added[0].id).value_or("-"));
    out += fmt::format(", then {}", by_number("CERT/1"));
    tx.commit();
    // The results as stored (all but their time of writing).
    TableText results(store::Table::results, 7), attendance(store::Table::attendance);
    db.export_tables(results);
    db.export_tables(attendance);
    return out + " | results:" + results.out + " | attendance:" + attendance.out;
}

} // namespace

TEST_CASE("postgres: the same operations answer as on SQLite (batches, queue, marks, collation, reports)") {
    if (!server()) return;
    TempDir dir;
    std::string on_sqlite, on_postgres;
    {
        const auto db = store::open(dir.file("s.db"), store::Access::write);
        on_sqlite = scenario(*db);
    }
    Scratch s;
    {
        const auto db = store::open(s.url, store::Access::write);
        on_postgres = scenario(*db);
    }
    CHECK(on_postgres == on_sqlite);
    MESSAGE(on_postgres);
}

TEST_CASE("postgres: a broken constraint is said by its value, in a batch too") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    store::Store::Transaction tx(*db);
    db->insert_participant(person("198609262015051001", "A", "a@example.go.id"));
    CHECK_THROWS_WITH_AS(db->insert_participant(person("198609262015051001", "B")),
                         "NIP 198609262015051001 already belongs to another participant", Error);
}

TEST_CASE("postgres: a batch's duplicate is named from the server's detail") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    store::Store::Transaction tx(*db);
    std::vector<Participant> added = {person("198609262015051001", "A", "a@example.go.id"),
                                      person("199001152014031002", "B", "a@example.go.id")};
    CHECK_THROWS_WITH_AS(db->write_participants({}, added),
                         "e-mail a@example.go.id already belongs to another participant", Error);
}

TEST_CASE("postgres: a batch costs a few round trips whatever its size") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    auto& pg = dynamic_cast<store::postgres::PostgresStore&>(*db);
    store::Store::Transaction tx(*db);
    std::vector<Participant> added;
    for (int i = 0; i < 20000; ++i)
        added.push_back(
            person("", fmt::format("P{}", i).c_str(), fmt::format("p{}@example.go.id", i).c_str()));
    std::uint64_t before = pg.round_trips();
    db->write_participants({}, added);
    const std::uint64_t write_trips = pg.round_trips() - before;
    CHECK(write_trips == 4); // the advisory lock, the ids, COPY's start and end
    before = pg.round_trips();
    store::ParticipantMatches m;
    db->find_participants(added, m);
    CHECK(pg.round_trips() - before == 1);
    CHECK(m.found == added.size());
    before = pg.round_trips();
    db->write_participants(added, {});
    CHECK(pg.round_trips() - before == 1);
    tx.commit();
    CHECK(s.value("SELECT count(*) FROM participants") == "20000");
}

TEST_CASE("postgres: a statement is prepared at its second use; each round trip is counted and traced") {
    if (!server()) return;
    Scratch s;
    std::vector<std::uint64_t> costs;
    const std::string text = traced(s.url, [&](pq::Connection& c) {
        static const char* const sql = "SELECT $1::integer + 1";
        for (int i = 0; i < 3; ++i) {
            const std::uint64_t before = c.round_trips();
            CHECK(c.query(sql, pq::Params().add(i)).int64(0, 0) == i + 1);
            costs.push_back(c.round_trips() - before);
        }
    });
    // Used once: sent with its parameters; twice: PREPARE, then EXECUTE; then EXECUTE alone.
    CHECK(costs == std::vector<std::uint64_t>{1, 2, 1});
    CHECK(text == "rt connect\nrt query: SELECT $1::integer + 1\nrt prepare: SELECT $1::integer + 1\n"
                  "rt query: SELECT $1::integer + 1\nrt query: SELECT $1::integer + 1\nround_trips 5\n");
}

TEST_CASE(
    "postgres: a session another writer holds is busy for a write, and read once the write is rolled back") {
    if (!server()) return;
    Scratch s;
    Id session = 0;
    {
        const auto db = store::open(s.url, store::Access::write);
        store::Store::Transaction tx(*db);
        session = db->insert_session(a_session("S"));
        db->insert_participant(person("198609262015051001", "A"));
        tx.commit();
    }
    const auto holder = store::open(s.url, store::Access::write);
    store::Store::Transaction held(*holder);
    CHECK(holder->seat_state(session, 10).enrolled == 0); // takes the session's lock
    ::setenv("ASNBELAJAR_PG_LOCK_TIMEOUT", "1", 1);
    const auto waiter = store::open(s.url, store::Access::write);
    ::unsetenv("ASNBELAJAR_PG_LOCK_TIMEOUT");
    {
        store::Store::Transaction tx(*waiter); // rolled back
        CHECK_THROWS_WITH_AS(waiter->seat_state(session, 10), doctest::Contains("waited 1 s"), Error);
    }
    // Outside a transaction a session is read, not locked (a lock would wait for the holder, and fail at 1 s).
    CHECK(waiter->session_by_id(session));
    CHECK(waiter->session_by_code("S"));
}

TEST_CASE(
    "postgres: a copy that failed leaves the keys as they were, and a second copy into the same store works") {
    if (!server()) return;
    TempDir dir;
    {
        const auto db = store::open(dir.file("s.db"), store::Access::write);
        store::Store::Transaction tx(*db);
        (void)db->insert_session(a_session("S"));
        db->insert_participant(person("198609262015051001", "A"));
        tx.commit();
    }
    const auto from = store::open(dir.file("s.db"), store::Access::read);
    Scratch s;
    const auto to = store::open(s.url, store::Access::write);
    {
        // The copy drops the target's keys and indexes to build them at its end (import_rows()); it fails
        // after its first batch, and the rollback brings them back.
        store::Store::Transaction tx(*to);
        CHECK_THROWS_WITH_AS(copy_store(*from, *to,
                                        [](const Progress& p) {
                                            if (p.done > 0) throw Error("stopped"); // after a batch written
                                        }),
                             "stopped", Error);
    }
    {
        store::Store::Transaction tx(*to);
        const CopyCounts counts = copy_store(*from, *to, {});
        CHECK(counts.total() > 0);
        tx.commit();
    }
    CHECK(s.value("SELECT count(*) FROM participants") == "1");
    const char* foreign_keys =
        "SELECT count(*) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND contype = 'f'";
    CHECK(s.value(foreign_keys) != "0");
    // After a copy that ended well, another import on the same connection drops the keys again and builds them
    // back at its end (the list of what to build again went with the first one).
    {
        store::Store::Transaction tx(*to);
        to->import_rows(store::Table::counters, counter_row("certificate_seq", 7));
        to->end_import();
        tx.commit();
    }
    CHECK(s.value("SELECT value FROM counters WHERE name = 'certificate_seq'") == "7");
    CHECK(s.value(foreign_keys) != "0");
}

namespace {
struct NoSink : store::TableSink {
    void counted(const std::array<std::int64_t, store::all_tables.size()>&) override {}
    void rows(store::Table, const store::TableRows&) override {}
};
} // namespace

// Every operation hands the server's refusal on as an Error: none may swallow it and go on as if it had worked
// (a write that silently wrote nothing, a read that answers "nobody"). The store's tables are taken away under
// it (an administrator's mistake, another program's migration), so that each statement fails on the server.
TEST_CASE("postgres: every operation says when the server refuses it, none goes on as if it had worked") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    Session x = a_session("S");
    Id session = 0, id = 0;
    {
        store::Store::Transaction tx(*db);
        x.id = session = db->insert_session(x);
        id = db->insert_participant(person("198609262015051001", "A", "a@example.go.id"));
        const store::EnrollmentChange enrolled{id, EnrollmentStatus::enrolled};
        db->put_enrollments(session, {&enrolled, 1});
        tx.commit();
    }
    const store::Tallies tallies = db->tally_participation({session});
    REQUIRE(tallies.contains(id));
    // A session's totals read the session, then count its rows: the count refused.
    s.exec("DROP TABLE " + s.schema + ".enrollments CASCADE");
    CHECK_THROWS_AS(db->session_totals(x), Error);
    s.exec("DROP SCHEMA " + s.schema + " CASCADE; CREATE SCHEMA " + s.schema);
    REQUIRE(s.value("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()") == "0");

    std::vector<Participant> rows = {person("198609262015051001", "A", "a@example.go.id")};
    const std::vector<store::ParticipantKeys> keys = {{"198609262015051001", "", ""}};
    const std::vector<Id> ids = {id};
    const std::vector<PersonMarks> marks = {{id, {AttendanceMark{}}}};
    const std::vector<store::PersonSummary> summaries = {{id, std::nullopt, AttendanceOutcome::attended}};
    const std::vector<ResultAttempt> attempts = {
        {session, id, ResultKind::survey, std::nullopt, std::nullopt, "b"}};
    const store::EnrollmentChange waitlisted{id, EnrollmentStatus::waitlisted};
    const store::TableRows counter = counter_row("certificate", 5);
    NoSink sink;
    store::ParticipantMatches matches;
    const auto refused = [&](const char* what, const std::function<void()>& op, bool write) {
        INFO(what);
        if (write) {
            store::Store::Transaction tx(*db);
            CHECK_THROWS_AS(op(), Error);
        } else {
            CHECK_THROWS_AS(op(), Error);
        }
    };
    const auto read = [&](const char* what, const std::function<void()>& op) { refused(what, op, false); };
    const auto write = [&](const char* what, const std::function<void()>& op) { refused(what, op, true); };

    read("command_committed", [&] { (void)db->command_committed("c1"); });
    read("audit_log", [&] { (void)db->audit_log(10); });
    read("participant_by_id", [&] { (void)db->participant_by_id(id); });
    read("participant_by_nip", [&] { (void)db->participant_by_nip("198609262015051001"); });
    read("participant_by_email", [&] { (void)db->participant_by_email("a@example.go.id"); });
    read("participant_by_phone", [&] { (void)db->participant_by_phone("+6281234567890"); });
    read("list_participants", [&] { (void)db->list_participants("", ""); });
    read("each_participant_name", [&] { db->each_participant_name([](Id, auto, auto, auto) {}); });
    read("find_participants", [&] { db->find_participants(rows, matches); });
    read("participants_matching", [&] { (void)db->participants_matching(keys); });
    read("session_by_id", [&] { (void)db->session_by_id(session); });
    read("session_by_code", [&] { (void)db->session_by_code("S"); });
    read("session_code_exists", [&] { (void)db->session_code_exists("S"); });
    read("sessions_at", [&] { (void)db->sessions_at(x.start, "T"); });
    read("session_holdings", [&] { (void)db->session_holdings(session); });
    read("session_totals of a time", [&] { (void)db->session_totals(0, x.start + 1); });
    read("session_totals of a session", [&] { (void)db->session_totals(x); });
    read("enrollments_of", [&] { (void)db->enrollments_of(session, ids); });
    read("enrollment_counts", [&] { (void)db->enrollment_counts(session); });
    read("seat_state", [&] { (void)db->seat_state(session, 10); });
    read("first_waitlisted", [&] { (void)db->first_waitlisted(session); });
    read("session_enrollments", [&] { (void)db->session_enrollments(session); });
    read("marks_of", [&] { (void)db->marks_of(session, ids); });
    read("session_marks", [&] { (void)db->session_marks(session); });
    read("participants_with_marks", [&] { (void)db->participants_with_marks(session); });
    read("outcome_counts", [&] { (void)db->outcome_counts(session); });
    read("session_roster", [&] { (void)db->session_roster(session); });
    read("agency_attendance", [&] { (void)db->agency_attendance(session); });
    read("highest_certificate_seq", [&] { (void)db->highest_certificate_seq(); });
    read("certificate_counter", [&] { (void)db->certificate_counter(); });
    read("live_certificates", [&] { (void)db->live_certificates({session}); });
    read("session_times", [&] { (void)db->session_times(0, x.start + 1); });
    read("attendance_rates", [&] { (void)db->attendance_rates({session}); });
    read("participant_history", [&] { (void)db->participant_history(id); });
    read("tally_participation", [&] { (void)db->tally_participation({session}); });
    read("each_person_year",
         [&] { db->each_person_year(tallies, store::PersonDetail::report, [](store::PersonYear&) {}); });
    read("each_person_year by agency",
         [&] { db->each_person_year(tallies, store::PersonDetail::agency, [](store::PersonYear&) {}); });
    read("certificate_by_number", [&] { (void)db->certificate_by_number("X-1"); });
    read("signing_key", [&] { (void)db->signing_key(); });
    read("export_tables", [&] { db->export_tables(sink); });
    read("count_rows", [&] { (void)db->count_rows(store::Table::participants); });

    write("audit", [&] { db->audit("asnbelajar x", 1, "c2"); });
    write("write_participants: added", [&] { db->write_participants({}, rows); });
    write("write_participants: changed", [&] {
        rows[0].id = id;
        db->write_participants(rows, {});
    });
    write("insert_session", [&] { (void)db->insert_session(x); });
    write("update_session", [&] { db->update_session(x); });
    write("delete_session", [&] { db->delete_session(session); });
    write("put_enrollments", [&] { db->put_enrollments(session, {&waitlisted, 1}); });
    write("add_marks", [&] { db->add_marks(session, marks); });
    write("delete_marks", [&] { db->delete_marks(session, id, MarkKind::manual); });
    write("put_summaries", [&] { db->put_summaries(session, summaries); });
    write("clear_session_attendance", [&] { db->clear_session_attendance(session); });
    write("note_attendance_import", [&] { db->note_attendance_import(session, x.start); });
    write("delete_batch_marks", [&] { (void)db->delete_batch_marks(session, "b"); });
    write("next_certificate_seq", [&] { (void)db->next_certificate_seq(); });
    write("set_certificate_counter", [&] { db->set_certificate_counter(5); });
    write("insert_certificate", [&] { db->insert_certificate(session, id, 1, "X-1"); });
    write("revoke_certificate", [&] { (void)db->revoke_certificate(session, id); });
    write("put_results", [&] { (void)db->put_results(attempts); });
    write("import_rows", [&] { db->import_rows(store::Table::counters, counter); });
    write("end_import", [&] { db->end_import(); });
    write("put_signing_key", [&] { (void)db->put_signing_key("key"); });
}

// Inside a write transaction every operation on a session first takes the session's row lock, FOR UPDATE
// (postgres/enrollments.cpp): what it counts or draws (seats, the queue, arrival numbers, marks) stays true until
// the commit, because no other writer can take that lock meanwhile.
TEST_CASE("postgres: every operation on a session takes the session's row lock inside a write transaction") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    Id session = 0, id = 0;
    {
        store::Store::Transaction tx(*db);
        session = db->insert_session(a_session("S"));
        id = db->insert_participant(person("198609262015051001", "A", "a@example.go.id"));
        const store::EnrollmentChange enrolled{id, EnrollmentStatus::enrolled};
        db->put_enrollments(session, {&enrolled, 1});
        tx.commit();
    }
    const std::string lock =
        fmt::format("SELECT 1 FROM {}.sessions WHERE id = {} FOR KEY SHARE NOWAIT", s.schema, session);
    s.exec(lock); // free now
    const std::vector<Id> ids = {id};
    const std::vector<PersonMarks> marks = {{id, {AttendanceMark{}}}};
    const std::vector<store::PersonSummary> summaries = {{id, std::nullopt, AttendanceOutcome::attended}};
    const std::vector<ResultAttempt> attempts = {
        {session, id, ResultKind::survey, std::nullopt, std::nullopt, "b"}};
    const store::EnrollmentChange waitlisted{id, EnrollmentStatus::waitlisted};
    const std::pair<const char*, std::function<void()>> ops[] = {
        {"session_by_id", [&] { (void)db->session_by_id(session); }},
        {"session_holdings", [&] { (void)db->session_holdings(session); }},
        {"enrollments_of", [&] { (void)db->enrollments_of(session, ids); }},
        {"enrollment_counts", [&] { (void)db->enrollment_counts(session); }},
        {"seat_state", [&] { (void)db->seat_state(session, 10); }},
        {"first_waitlisted", [&] { (void)db->first_waitlisted(session); }},
        {"session_enrollments", [&] { (void)db->session_enrollments(session); }},
        {"put_enrollments",
         [&] {
             db->put_enrollments(session, {&waitlisted, 1});
         }},
        {"marks_of", [&] { (void)db->marks_of(session, ids); }},
        {"session_marks", [&] { (void)db->session_marks(session); }},
        {"participants_with_marks", [&] { (void)db->participants_with_marks(session); }},
        {"outcome_counts", [&] { (void)db->outcome_counts(session); }},
        {"add_marks", [&] { db->add_marks(session, marks); }},
        {"delete_marks", [&] { db->delete_marks(session, id, MarkKind::manual); }},
        {"put_summaries", [&] { db->put_summaries(session, summaries); }},
        {"clear_session_attendance", [&] { db->clear_session_attendance(session); }},
        {"note_attendance_import", [&] { db->note_attendance_import(session, 1646272800); }},
        {"delete_batch_marks", [&] { (void)db->delete_batch_marks(session, "b"); }},
        {"insert_certificate", [&] { db->insert_certificate(session, id, 1, "X-1"); }},
        {"revoke_certificate", [&] { (void)db->revoke_certificate(session, id); }},
        {"put_results", [&] { (void)db->put_results(attempts); }},
        {"delete_session", [&] { db->delete_session(session); }},
    };
    for (const auto& entry : ops) {
        const auto& what = entry.first; // not a structured binding: INFO's lambda cannot take one (clang)
        INFO(what);
        store::Store::Transaction tx(*db);
        entry.second();
        // FOR KEY SHARE: what an insert referring to the session takes, refused only by FOR UPDATE (not by the
        // operation's own UPDATE of the session's row, or its inserts' references).
        CHECK_THROWS_AS(s.exec(lock), pq::Failure); // "could not obtain lock on row"
    }
    s.exec(lock); // each transaction rolled back: free again
}

TEST_CASE("postgres: a store whose certificate counter is gone says so, and numbers nothing") {
    if (!server()) return;
    Scratch s;
    s.create_store();
    s.run("DELETE FROM counters WHERE name = 'certificate'");
    const auto db = store::open(s.url, store::Access::write);
    const std::string gone = "store " + store::postgres::display_url(s.url) + " has no certificate counter";
    CHECK_THROWS_WITH_AS((void)db->certificate_counter(), gone.c_str(), Error);
    store::Store::Transaction tx(*db);
    CHECK_THROWS_WITH_AS((void)db->next_certificate_seq(), gone.c_str(), Error);
    CHECK_THROWS_WITH_AS(db->set_certificate_counter(5), gone.c_str(), Error);
    CHECK(db->highest_certificate_seq() == 0);
}

namespace {

// A role of its own on the test server (not a superuser: the server hides from it what a superuser sees), with
// the rights on the scratch schema that a store's clerk has; a URL that connects as it.
struct Clerk {
    Scratch& s;
    std::string role, url;
    explicit Clerk(Scratch& scratch) : s(scratch), role(scratch.schema + "_clerk") {
        const std::string grants =
            fmt::format("CREATE ROLE {0} LOGIN; GRANT USAGE ON SCHEMA {1} TO {0}; "
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {1} TO {0}; "
                        "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {1} TO {0}",
                        role, s.schema);
        s.exec(grants);
        url = s.url;
        const std::size_t at = url.find('@');
        REQUIRE(at != std::string::npos);
        url.replace(url.find("://") + 3, at - url.find("://") - 3, role);
    }
    ~Clerk() {
        const std::string drop = fmt::format("DROP OWNED BY {0}; DROP ROLE {0}", role);
        s.exec_quietly(drop);
    }
};

} // namespace

TEST_CASE("postgres: a changed participant who takes another's NIP is named by the value, in a batch too") {
    if (!server()) return;
    Scratch s;
    std::vector<Participant> added = {person("198609262015051001", "A", "a@example.go.id"),
                                      person("199001152014031002", "B", "b@example.go.id"),
                                      person("198703212010122003", "C", "c@example.go.id")};
    {
        const auto db = store::open(s.url, store::Access::write);
        store::Store::Transaction tx(*db);
        db->write_participants({}, added);
        tx.commit();
    }
    {
        // Two changed, the second takes A's NIP: the message names A's NIP (the server's detail says which),
        // not the first changed person's.
        const auto db = store::open(s.url, store::Access::write);
        store::Store::Transaction tx(*db);
        Participant b = added[1], c = added[2];
        b.name = "B2";
        c.nip = added[0].nip;
        const std::vector<Participant> changed = {b, c};
        CHECK_THROWS_WITH_AS(db->write_participants(changed, {}),
                             "NIP 198609262015051001 already belongs to another participant", Error);
    }
    // Under row-level security the server shows no key to a clerk: one changed person is still named by the
    // value written.
    s.exec(fmt::format("ALTER TABLE {0}.participants ENABLE ROW LEVEL SECURITY; "
                       "CREATE POLICY clerk ON {0}.participants USING (true) WITH CHECK (true)",
                       s.schema));
    Clerk clerk(s);
    const auto db = store::open(clerk.url, store::Access::write);
    {
        store::Store::Transaction tx(*db);
        Participant c = added[2];
        c.nip = added[0].nip;
        CHECK_THROWS_WITH_AS(db->write_participants({&c, 1}, {}),
                             "NIP 198609262015051001 already belongs to another participant", Error);
    }
    {
        store::Store::Transaction tx(*db);
        Participant c = added[2];
        c.email = added[1].email;
        CHECK_THROWS_WITH_AS(db->write_participants({&c, 1}, {}),
                             "e-mail b@example.go.id already belongs to another participant", Error);
    }
    {
        // Two changed: no single value to name, and the server names none.
        store::Store::Transaction tx(*db);
        Participant b = added[1], c = added[2];
        b.name = "B2";
        c.nip = added[0].nip;
        const std::vector<Participant> changed = {b, c};
        CHECK_THROWS_WITH_AS(db->write_participants(changed, {}), "two participants would have the same NIP",
                             Error);
    }
}

TEST_CASE(
    "postgres: a new participant who takes another's NIP or e-mail is named by the value written, when the "
    "server names no key too") {
    if (!server()) return;
    Scratch s;
    const Participant a = person("198609262015051001", "A", "a@example.go.id");
    {
        const auto db = store::open(s.url, store::Access::write);
        store::Store::Transaction tx(*db);
        db->insert_participant(a);
        tx.commit();
    }
    // A clerk who may not read the NIP and e-mail columns (COPY needs only INSERT): the server's detail of a
    // unique violation shows no key to it.
    Clerk clerk(s);
    s.exec(fmt::format("REVOKE SELECT ON {0}.participants FROM {1}; "
                       "GRANT SELECT (id, phone, name, agency, unit, position, grade, created, updated) "
                       "ON {0}.participants TO {1}",
                       s.schema, clerk.role));
    const auto db = store::open(clerk.url, store::Access::write);
    {
        store::Store::Transaction tx(*db);
        CHECK_THROWS_WITH_AS(db->insert_participant(person(a.nip.c_str(), "B")),
                             "NIP 198609262015051001 already belongs to another participant", Error);
    }
    {
        store::Store::Transaction tx(*db);
        CHECK_THROWS_WITH_AS(db->insert_participant(person("199001152014031002", "B", "a@example.go.id")),
                             "e-mail a@example.go.id already belongs to another participant", Error);
    }
    {
        // Two new people: no single value to name, and the server names none.
        store::Store::Transaction tx(*db);
        std::vector<Participant> two = {person("199001152014031002", "B"), person(a.nip.c_str(), "C")};
        CHECK_THROWS_WITH_AS(db->write_participants({}, two), "two participants would have the same NIP",
                             Error);
    }
}

TEST_CASE("postgres: a changed participant is stored with every field, alone and in a batch") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    store::Store::Transaction tx(*db);
    std::vector<Participant> people = {person("198609262015051001", "A", "a@example.go.id"),
                                       person("199001152014031002", "B", "b@example.go.id")};
    db->write_participants({}, people);
    auto change = [](Participant& p, const std::string& tag) {
        p.nip = tag == "1" ? "197512302000031001" : tag == "2" ? "198703212010122003" : "199205052019032004";
        p.name = "Name " + tag;
        p.email = tag + "@example.go.id";
        p.phone = "+62812345678" + tag;
        p.agency = "Agency " + tag;
        p.unit = "Unit " + tag;
        p.position = "Position " + tag;
        p.grade = tag == "1" ? "III/b" : "IX";
    };
    auto stored_as_written = [&](const Participant& p) {
        CAPTURE(p.name);
        const std::optional<Participant> got = db->participant_by_id(p.id);
        REQUIRE(got);
        CHECK(got->nip == p.nip);
        CHECK(got->name == p.name);
        CHECK(got->email == p.email);
        CHECK(got->phone == p.phone);
        CHECK(got->agency == p.agency);
        CHECK(got->unit == p.unit);
        CHECK(got->position == p.position);
        CHECK(got->grade == p.grade);
    };
    change(people[0], "1");
    db->update_participant(people[0]);
    stored_as_written(people[0]);
    change(people[0], "2");
    change(people[1], "3");
    db->write_participants(people, {});
    stored_as_written(people[0]);
    stored_as_written(people[1]);
}

TEST_CASE(
    "postgres: find participants: one person holding a row's NIP and e-mail is found once, named by both; "
    "nobody is -1; each batch counted on its own") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    Participant a = person("198609262015051001", "A", "a@example.go.id");
    {
        store::Store::Transaction tx(*db);
        a.id = db->insert_participant(a);
        tx.commit();
    }
    store::Store::Transaction tx(*db);
    const std::vector<Participant> rows = {a};
    const std::vector<Participant> others = {person("199001152014031002", "B", "b@example.go.id"),
                                             person("", "C")};
    // Inside a write transaction a lookup takes the participants' lock, which the writes take too: what it
    // answers stays true until the commit (no other import adds the same NIP meanwhile).
    const auto locked = [&] {
        return s.value("SELECT NOT pg_try_advisory_xact_lock(hashtext('asnbelajar participants'))") == "t";
    };
    CHECK_FALSE(locked());
    store::ParticipantMatches found; // reused from batch to batch, as an import does
    db->find_participants(others, found);
    CHECK(locked());
    tx.commit();
    CHECK_FALSE(locked());
    store::Store::Transaction next(*db); // every transaction takes it anew
    db->find_participants(others, found);
    CHECK(locked());
    for (int round = 0; round < 2; ++round) {
        CAPTURE(round);
        db->find_participants(rows, found);
        CHECK(found.found == 1);
        CHECK(found.by_nip == std::vector<int>{0});
        CHECK(found.by_email == std::vector<int>{0});
        CHECK(found.people[0].id == a.id);
        db->find_participants(others, found);
        CHECK(found.found == 0);
        CHECK(found.by_nip == std::vector<int>{-1, -1});
        CHECK(found.by_email == std::vector<int>{-1, -1});
    }
}

TEST_CASE("postgres: db check's journal line: the server's version and how many indexes amcheck checked") {
    if (!server()) return;
    Scratch s;
    s.create_store();
    {
        // Two marks of one person and no summary yet: the counts of the two tables differ.
        const auto db = store::open(s.url, store::Access::write);
        store::Store::Transaction tx(*db);
        const Id session = db->insert_session(a_session("S"));
        const Id id = db->insert_participant(person("198609262015051001", "A"));
        AttendanceMark first, second;
        first.join = 1646272800;
        first.leave = first.join + 600;
        second.join = first.leave + 60;
        second.leave = second.join + 600;
        const std::vector<PersonMarks> marks = {{id, {first, second}}};
        db->add_marks(session, marks);
        tx.commit();
    }
    const auto db = store::open(s.url, store::Access::read);
    const store::StoreCheck check = db->check();
    CHECK(check.marks == 2);
    CHECK(check.attendance == 0);
    const std::string line = check.journal_mode;
    const std::string version = s.value("SELECT split_part(current_setting('server_version'), ' ', 1)");
    CHECK(line.starts_with("postgresql " + version + " ("));
    // Every table checked has a primary key at least: ten tables, ten indexes or more (or no amcheck at all).
    if (line.find("no amcheck") == std::string::npos) {
        const std::size_t at = line.find("amcheck: ");
        REQUIRE(at != std::string::npos);
        CHECK(std::stoi(line.substr(at + 9)) >= 10);
    }
}

TEST_CASE("postgres: a statement waits 10 s for a lock unless ASNBELAJAR_PG_LOCK_TIMEOUT says otherwise") {
    if (!server()) return;
    Scratch s;
    s.create_store();
    // A trigger answers the store's next write from inside its session: first with the session's lock_timeout,
    // then with a lock not granted (55P03) at once, instead of after the wait.
    const auto answer = [&](const char* raise) {
        s.exec(fmt::format("CREATE OR REPLACE FUNCTION {0}.answer() RETURNS trigger LANGUAGE plpgsql AS $$ "
                           "BEGIN {1}; END $$; "
                           "CREATE OR REPLACE TRIGGER answer BEFORE INSERT ON {0}.audit_log "
                           "FOR EACH ROW EXECUTE FUNCTION {0}.answer()",
                           s.schema, raise));
    };
    ::unsetenv("ASNBELAJAR_PG_LOCK_TIMEOUT");
    const auto db = store::open(s.url, store::Access::write);
    answer("RAISE EXCEPTION 'lock_timeout %', current_setting('lock_timeout')");
    {
        store::Store::Transaction tx(*db);
        CHECK_THROWS_WITH_AS(db->audit("asnbelajar x", 0), doctest::Contains("lock_timeout 10s"), Error);
    }
    answer("RAISE EXCEPTION 'canceling statement due to lock timeout' USING ERRCODE = '55P03'");
    {
        store::Store::Transaction tx(*db);
        CHECK_THROWS_WITH_AS(db->audit("asnbelajar x", 0), doctest::Contains("waited 10 s"), Error);
    }
}

TEST_CASE(
    "postgres: after a commit the store reads without locking: another writer's lock does not stop it") {
    if (!server()) return;
    Scratch s;
    ::setenv("ASNBELAJAR_PG_LOCK_TIMEOUT", "1", 1);
    const auto db = store::open(s.url, store::Access::write);
    ::unsetenv("ASNBELAJAR_PG_LOCK_TIMEOUT");
    Id session = 0;
    {
        store::Store::Transaction tx(*db);
        session = db->insert_session(a_session("S"));
        tx.commit();
    }
    {
        store::Store::Transaction tx(
            *db); // a write that locks nothing (the new session was its first's alone)
        db->audit("asnbelajar x", 0);
        tx.commit();
    }
    pq::Connection other(s.url, "test");
    other.exec("BEGIN");
    const std::string lock = fmt::format("SELECT 1 FROM sessions WHERE id = {} FOR UPDATE", session);
    other.exec(lock.c_str());
    CHECK(db->session_by_id(session)); // a plain read: no lock to wait for
    CHECK(db->enrollment_counts(session).enrolled == 0);
    other.exec("ROLLBACK");
}

TEST_CASE("postgres: a walk of the year that its caller ends by throwing leaves the store fit for the next") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    Id session = 0;
    {
        store::Store::Transaction tx(*db);
        session = db->insert_session(a_session("S"));
        for (const Participant& p : {person("198609262015051001", "A"), person("199001152014031002", "B")}) {
            const store::EnrollmentChange enrolled{db->insert_participant(p), EnrollmentStatus::enrolled};
            db->put_enrollments(session, {&enrolled, 1});
        }
        tx.commit();
    }
    const store::Tallies tallies = db->tally_participation({session});
    const auto walk = [&] {
        std::string names;
        db->each_person_year(tallies, store::PersonDetail::report,
                             [&](store::PersonYear& y) { names += y.person.name; });
        return names;
    };
    const auto stopped = [&] {
        db->each_person_year(tallies, store::PersonDetail::report,
                             [](store::PersonYear&) { throw Error("the report's disk is full"); });
    };
    // In a transaction of its own: it ends, and the next walk begins another.
    CHECK_THROWS_WITH_AS(stopped(), "the report's disk is full", Error);
    CHECK(walk() == "AB");
    CHECK_THROWS_WITH_AS(stopped(), "the report's disk is full", Error);
    // In the caller's transaction: the walk's cursor is closed, the transaction goes on and commits.
    {
        store::Store::Transaction tx(*db);
        CHECK_THROWS_WITH_AS(stopped(), "the report's disk is full", Error);
        CHECK(walk() == "AB");
        db->insert_participant(person("198703212010122003", "C"));
        tx.commit();
    }
    CHECK(s.value("SELECT count(*) FROM participants") == "3");
}

TEST_CASE(
    "postgres: every participant's name is walked once, in batches, in the caller's transaction or not") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    std::vector<Participant> added;
    for (int i = 0; i < 10001; ++i) // one more than a FETCH takes
        added.push_back(
            person("", fmt::format("P{}", i).c_str(), fmt::format("p{}@example.go.id", i).c_str()));
    {
        store::Store::Transaction tx(*db);
        db->write_participants({}, added);
        tx.commit();
    }
    const auto walk = [&] {
        std::map<Id, std::string> seen;
        std::size_t calls = 0;
        db->each_participant_name(
            [&](Id id, std::string_view name, std::string_view, std::string_view email) {
                ++calls;
                seen[id] = fmt::format("{} {}", name, email);
            });
        CHECK(calls == added.size());
        REQUIRE(seen.size() == added.size());
        for (const Participant& p : added)
            CHECK(seen[p.id] == p.name + " " + p.email);
    };
    walk(); // in a read-only transaction of its own
    {
        store::Store::Transaction tx(*db);
        walk();
        walk(); // the first walk's cursor is closed: a second may follow
        CHECK_THROWS_WITH_AS(
            db->each_participant_name([](Id, auto, auto, auto) { throw Error("stopped by the caller"); }),
            "stopped by the caller", Error);
        walk(); // after a walk its caller ended, too
        db->insert_participant(person("198703212010122003", "C"));
        tx.commit();
    }
    CHECK(s.value("SELECT count(*) FROM participants") == "10002");
}

namespace {
// The participants' batches of an export: their sizes and ids; `stop` throws at the first batch.
struct ParticipantBatches : store::TableSink {
    std::vector<std::size_t> sizes;
    std::vector<std::int64_t> ids;
    bool stop = false;
    void counted(const std::array<std::int64_t, store::all_tables.size()>&) override {}
    void rows(store::Table t, const store::TableRows& batch) override {
        if (t != store::Table::participants) return;
        if (stop) throw Error("the export's disk is full");
        sizes.push_back(batch.rows);
        for (std::size_t r = 0; r < batch.rows; ++r)
            ids.push_back(std::get<std::int64_t>(batch.at(r, 0)));
    }
};
} // namespace

TEST_CASE("postgres: export: batches of batch_rows() rows, two round trips a table; a failed export ends its "
          "snapshot") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    auto& pg = dynamic_cast<store::postgres::PostgresStore&>(*db);
    const std::size_t n = 2 * db->batch_rows() + 7;
    {
        std::vector<Participant> added;
        for (std::size_t i = 0; i < n; ++i)
            added.push_back(
                person("", fmt::format("P{}", i).c_str(), fmt::format("p{}@example.go.id", i).c_str()));
        store::Store::Transaction tx(*db);
        db->write_participants({}, added);
        tx.commit();
    }
    ParticipantBatches sink;
    const std::uint64_t before = pg.round_trips();
    db->export_tables(sink);
    // BEGIN, the counts, each table's COPY (its start and its end), COMMIT: not one more for more rows.
    CHECK(pg.round_trips() - before == 3 + 2 * store::all_tables.size());
    CHECK(sink.sizes == std::vector<std::size_t>{db->batch_rows(), db->batch_rows(), 7});
    REQUIRE(sink.ids.size() == n);
    for (std::size_t i = 1; i < n; ++i)
        CHECK(sink.ids[i] == sink.ids[i - 1] + 1); // each row once, in key order
    // Each row libpq hands over is freed when the next is read: the heap does not grow with the rows (about 100
    // bytes each, 1.6 MB if they stayed). (glibc's count; under a sanitizer it may stay 0.)
    NoSink none;
    const std::size_t heap = heap_in_use();
    db->export_tables(none);
    CHECK(heap_in_use() <= heap + 512 * 1024);
    // A sink that fails ends the export's read-only snapshot: a write follows.
    ParticipantBatches failing;
    failing.stop = true;
    CHECK_THROWS_WITH_AS(db->export_tables(failing), "the export's disk is full", Error);
    {
        store::Store::Transaction tx(*db);
        db->insert_participant(person("198609262015051001", "A"));
        tx.commit();
    }
    // In the caller's transaction the export leaves it alone: it goes on.
    {
        store::Store::Transaction tx(*db);
        CHECK_THROWS_WITH_AS(db->export_tables(failing), "the export's disk is full", Error);
        db->insert_participant(person("199001152014031002", "B"));
        tx.commit();
    }
    CHECK(s.value("SELECT count(*) FROM participants") == std::to_string(n + 2));
}

TEST_CASE("postgres: a connection the server ends is said to be unavailable: a retry may cure it") {
    if (!server()) return;
    Scratch s;
    const std::string url = s.named_url(s.schema);
    const auto db = store::open(url, store::Access::write);
    {
        store::Store::Transaction tx(*db);
        db->insert_participant(person("198609262015051001", "A"));
        tx.commit();
    }
    CHECK(s.end_connections(s.schema) == "1");
    CHECK_THROWS_AS((void)db->participant_by_nip("198609262015051001"), store::Unavailable);
    // Asked again, libpq sends nothing (it gives no result at all): the error says so in libpq's words, on
    // one line.
    const std::string again = error_of([&] { (void)db->participant_by_nip("198609262015051001"); });
    CHECK(again.ends_with(": no connection to the server"));
    CHECK_THROWS_AS((void)db->participant_by_nip("198609262015051001"), store::Unavailable);
}

TEST_CASE(
    "postgres: a retry is told its command committed only once the synchronous standby has the commit") {
    if (!server()) return;
    Scratch s;
    s.create_store();
    // The store's connections with synchronous_commit set (the test cluster runs with it off).
    const auto with_commit = [&](const char* mode) { return s.url + "%20-csynchronous_commit%3D" + mode; };
    // A commit only the primary has: what a primary that crashed while its COMMIT waited for the standby comes
    // back from its WAL with (written here with synchronous_commit=local, which does not wait).
    {
        const auto db = store::open(with_commit("local"), store::Access::write);
        store::Store::Transaction tx(*db);
        db->audit("asnbelajar participant add", 1, "cmd-local");
        tx.commit();
    }
    // A synchronous standby that never comes: every commit that waits for one waits. Sessions of the other tests
    // have synchronous_commit off and do not.
    struct Standby {
        Scratch& s;
        explicit Standby(Scratch& scratch) : s(scratch) {
            set("SET synchronous_standby_names = 'asnb_no_standby'");
        }
        ~Standby() { reset(); }
        void reset() { set("RESET synchronous_standby_names"); }
        void set(const std::string& what) {
            s.exec_quietly("ALTER SYSTEM " + what);
            s.exec_quietly("SELECT pg_reload_conf()");
        }
    } standby(s);
    const std::string name = s.schema + "_retry";
    const auto db = store::open(with_commit("on") + "&application_name=" + name, store::Access::write);
    std::future<bool> answer =
        std::async(std::launch::async, [&] { return db->command_committed("cmd-local"); });
    // It waits for the standby (pg_stat_activity: SyncRep) instead of saying yes at once.
    bool waits = false;
    for (int i = 0; i < 300 && !waits; ++i) {
        if (answer.wait_for(std::chrono::milliseconds(100)) == std::future_status::ready) break;
        waits = s.admin
                    ->exec(("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep' AND "
                            "application_name = '" +
                            name + "'")
                               .c_str())
                    .str(0, 0) == "1";
    }
    CHECK(waits);
    standby.reset(); // no standby to wait for: the waiting commit goes on
    CHECK(answer.get());
}

namespace {
// Makes a store of the current version one of version 4 (without the audit log's command ids).
const char* const version_4 = "DROP INDEX audit_log_command; ALTER TABLE audit_log DROP COLUMN command_id; "
                              "UPDATE asnbelajar_schema SET version = 4";
// The store's version and whether the audit log has its command ids: "5,1" once upgraded.
const char* const upgraded = "SELECT max(version) || ',' || (SELECT count(*) FROM information_schema.columns "
                             "WHERE table_schema = current_schema() AND column_name = 'command_id') "
                             "FROM asnbelajar_schema";
} // namespace

TEST_CASE("postgres: a store of the previous version is upgraded at once, whatever its first write does; a "
          "rehearsal upgrades nothing") {
    if (!server()) return;
    Scratch s;
    s.create_store();
    s.run(version_4);
    const auto started = static_cast<std::int64_t>(std::time(nullptr));
    {
        const auto db = store::open(s.url, store::Access::write, store::DryRun::yes);
        store::Store::Transaction tx(*db);
        db->audit("rehearsed", 0, "c-0");
        tx.commit();
    }
    CHECK(s.value(upgraded) == "4,0");
    {
        const auto db = store::open(s.url, store::Access::write);
        CHECK_FALSE(db->created());
        CHECK(s.value(upgraded) == "5,1"); // kept before any write, as on SQLite
        {
            store::Store::Transaction tx(*db); // a first write that fails
            db->audit("failed", 0, "c-1");
        }
        store::Store::Transaction tx(*db); // the next one writes
        db->audit("kept", 0, "c-2");
        tx.commit();
    }
    CHECK(s.value(upgraded) == "5,1");
    CHECK(s.value("SELECT string_agg(command || ':' || coalesce(command_id, '-'), ',' ORDER BY id) FROM "
                  "audit_log") == "asnbelajar db migrate:-,kept:c-2");
    // audit_log() reads the entries back, each with its time (seconds since the epoch, this very run's).
    const std::vector<store::AuditEntry> log = store::open(s.url, store::Access::read)->audit_log(10);
    REQUIRE(log.size() == 2);
    CHECK(log[1].command == "kept");
    CHECK(log[1].at >= started);
    CHECK(log[1].at <= static_cast<std::int64_t>(std::time(nullptr)));
}

TEST_CASE("postgres: two programs upgrading one store at once: the second finds it upgraded and goes on") {
    if (!server()) return;
    Scratch s;
    s.create_store();
    s.run(version_4);
    // Another program is upgrading the store: it holds the migration's lock.
    pq::Connection other(s.url, "test");
    other.exec("BEGIN");
    other.exec("SELECT pg_advisory_xact_lock(hashtext('asnbelajar schema'))");
    std::string error = "not opened";
    std::thread second([&] {
        try {
            const auto db = store::open(s.url, store::Access::write); // reads version 4, then waits
            error.clear();
        } catch (const std::exception& e) {
            error = e.what();
        }
    });
    // Once the second waits for the lock, the first upgrades (taking its own lock again) and commits.
    const char* waiting =
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = "
        "(hashtext('asnbelajar schema')::bigint & 4294967295)::oid";
    for (int i = 0; i < 1000 && s.value(waiting) == "0"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(s.value(waiting) == "1");
    store::postgres::migrate(other, "the first");
    other.exec("COMMIT");
    second.join();
    CHECK(error.empty());
    CHECK(s.value(upgraded) == "5,1");
}

TEST_CASE("postgres: a store of a version no migration starts from is refused, not opened") {
    if (!server()) return;
    Scratch s;
    s.create_store();
    s.run("UPDATE asnbelajar_schema SET version = 1");
    const std::string refused =
        "cannot migrate store " + store::postgres::display_url(s.url) + " from version 1";
    CHECK_THROWS_WITH_AS(store::open(s.url, store::Access::write), refused.c_str(), Error);
}

TEST_CASE(
    "postgres: db check names each problem: references unchecked or broken, amcheck refused is no problem") {
    if (!server()) return;
    Scratch s;
    {
        const auto db = store::open(s.url, store::Access::write);
        store::Store::Transaction tx(*db);
        const Id session = db->insert_session(a_session("S"));
        const store::EnrollmentChange enrolled{db->insert_participant(person("198609262015051001", "A")),
                                               EnrollmentStatus::enrolled};
        db->put_enrollments(session, {&enrolled, 1});
        tx.commit();
    }
    const store::StoreCheck owner = store::open(s.url, store::Access::read)->check();
    CHECK(owner.integrity == "ok");
    // The owner's check ran amcheck over the store's B-tree indexes (the schema has a dozen or more).
    CHECK(owner.journal_mode.find("(amcheck: ") != std::string::npos);
    CHECK(owner.journal_mode.ends_with(" indexes)"));
    {
        // A clerk may not run amcheck's functions (only their owner may): the check goes on without them.
        Clerk clerk(s);
        const store::StoreCheck c = store::open(clerk.url, store::Access::read)->check();
        CHECK(c.integrity == "ok");
        CHECK(c.journal_mode.ends_with(" (no amcheck)"));
    }
    {
        pq::Connection c(s.url, "test");
        c.exec(
            "SET session_replication_role = replica; DELETE FROM participants; RESET session_replication_role");
    }
    CHECK(store::open(s.url, store::Access::read)->check().integrity == "foreign key violations found");
    {
        pq::Connection c(s.url, "test");
        c.exec(
            "ALTER TABLE results ADD CONSTRAINT unit_unchecked FOREIGN KEY (session_id) REFERENCES sessions(id) "
            "NOT VALID");
    }
    CHECK(store::open(s.url, store::Access::read)->check().integrity ==
          "foreign keys not validated; foreign key violations found");
    {
        // An index whose first page is overwritten on disk (a new index's pages are written past the server's
        // buffers), on the table no query of the check plans on (planning reads an index's first page):
        // amcheck's complaint comes first.
        pq::Connection c(s.url, "test");
        c.exec("CREATE INDEX unit_damaged ON signing_key(created)");
        const std::string file =
            c.query("SELECT current_setting('data_directory') || '/' || pg_relation_filepath('unit_damaged')")
                .str(0, 0);
        c.exec(("COPY (SELECT repeat('x', 8191)) TO '" + file + "'").c_str());
    }
    const std::string damaged = store::open(s.url, store::Access::read)->check().integrity;
    CHECK(damaged.starts_with("invalid page in block 0 of relation "));
    CHECK(damaged.ends_with("; foreign keys not validated; foreign key violations found"));
}

TEST_CASE("postgres: a session read in a write transaction is locked once") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    auto& pg = dynamic_cast<store::postgres::PostgresStore&>(*db);
    Id session = 0;
    {
        store::Store::Transaction tx(*db);
        session = db->insert_session(a_session("S"));
        tx.commit();
    }
    store::Store::Transaction tx(*db);
    const std::uint64_t before = pg.round_trips();
    CHECK(db->session_by_id(session)->code == "S"); // read and locked
    CHECK(db->session_by_id(session)->code == "S"); // read
    CHECK(pg.round_trips() - before == 2);
}

TEST_CASE("postgres: a schema holding another program's tables is no store, and the message names it") {
    if (!server()) return;
    Scratch s;
    s.run("CREATE TABLE other_program(x int)");
    for (const store::Access access : {store::Access::read, store::Access::write}) {
        const std::string error = error_of([&] { (void)store::open(s.url, access); });
        CHECK(error.find(" is a PostgreSQL database but not an asnbelajar store (its schema " + s.schema +
                         " holds other tables; give the store a database or schema of its own)") !=
              std::string::npos);
    }
    CHECK(s.value("SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND "
                  "relkind = 'r'") == "1"); // nothing made beside it
}

TEST_CASE("postgres: a row COPY refuses is said with the server's words") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    store::Store::Transaction tx(*db);
    store::TableRows rows;
    rows.reset(store::table_columns(store::Table::sessions));
    rows.set(0, 0, std::int64_t{1});
    for (std::size_t c = 1; c < rows.columns; ++c)
        rows.set_null(0, c);
    rows.rows = 1;
    CHECK_THROWS_WITH_AS(db->import_rows(store::Table::sessions, rows),
                         doctest::Contains("violates not-null"), Error);
}

TEST_CASE("postgres: a refusal is said by the server's primary message; a failed connection in one line") {
    if (!server()) return;
    pq::Connection c(server(), "test");
    try {
        c.exec("SELECT 1 / 0");
        FAIL("divided by zero");
    } catch (const pq::Failure& e) {
        CHECK(std::string(e.what()) == "division by zero");
        CHECK(e.sqlstate == "22012");
    }
    // The refused statement's result is freed: a thousand refusals leave nothing behind (2 kB each if they
    // stayed).
    const std::size_t heap = heap_in_use();
    for (int i = 0; i < 1000; ++i)
        CHECK_THROWS_AS(c.exec("SELECT 1 / 0"), pq::Failure);
    CHECK(heap_in_use() <= heap + 256 * 1024);
    // A failed connection: libpq's message (its wording, and its language, are libpq's), its lines joined into
    // one, the hint's indent dropped, the last newline trimmed.
    const char* lost = "postgresql://asnb@/asnb?host=/nonexistent-dir&port=1";
    const char* keys[] = {"dbname", nullptr};
    const char* values[] = {lost, nullptr};
    PGconn* raw = pq::lib().PQconnectdbParams(keys, values, 1);
    std::string said = pq::lib().PQerrorMessage(raw);
    pq::lib().PQfinish(raw);
    REQUIRE(said.find("\n\t") != std::string::npos); // a hint on a line of its own, indented
    while (!said.empty() && (said.back() == '\n' || said.back() == ' '))
        said.pop_back();
    std::string one_line;
    for (std::size_t i = 0; i < said.size(); ++i) {
        one_line += said[i] == '\n' ? ' ' : said[i];
        if (said[i] == '\n' && i + 1 < said.size() && said[i + 1] == '\t') ++i;
    }
    try {
        pq::Connection c2(lost, "test");
        FAIL("connected");
    } catch (const pq::Failure& e) {
        CHECK(std::string(e.what()) == one_line);
        CHECK(one_line.find_first_of("\n\t") == std::string::npos);
        CHECK(e.sqlstate == "08001");
    }
}

TEST_CASE("postgres: a connection that fails leaves nothing behind") {
    if (!server()) return; // libpq may be missing too
    const auto attempt = [] {
        try {
            pq::Connection lost("postgresql://asnb@/asnb?host=/nonexistent-dir&port=1", "test");
        } catch (const pq::Failure&) {
        }
    };
    attempt(); // libpq's setup, once per process
    const std::size_t heap = heap_in_use();
    for (int i = 0; i < 100; ++i)
        attempt();
    // libpq's connection holds two 16 kB buffers: 100 left behind would be 3 MB.
    CHECK(heap_in_use() <= heap + 256 * 1024);
}

TEST_CASE(
    "postgres: ASNBELAJAR_PG_TRACE: a line per round trip with the statement's first line, then the count") {
    if (!server()) return;
    const std::string text = traced(server(), [](pq::Connection& c) {
        // An odd number of blanks before the statement: all of them go, one at a time.
        c.exec(
            " \n SELECT 1 AS a_column_whose_name_takes_the_statement_past_sixty_characters, 2\nWHERE true");
        c.query("SELECT 2\nWHERE true");
    });
    CHECK(text == "rt connect\n"
                  "rt exec: SELECT 1 AS a_column_whose_name_takes_the_statement_past_six\n"
                  "rt query: SELECT 2\n"
                  "round_trips 3\n");
}

TEST_CASE(
    "postgres: what libpq hands back is freed, each COPY's own result too, out of the store and into it") {
    if (!server()) return;
    Scratch s;
    s.create_store(); // with a row in the audit log
    const auto db = store::open(s.url, store::Access::write);
    NoSink sink;
    db->export_tables(sink);
    // 300 exports, 9 COPYs each: 2,700 results, some 700 kB if they stayed.
    std::size_t heap = heap_in_use();
    for (int i = 0; i < 300; ++i)
        db->export_tables(sink);
    CHECK(heap_in_use() <= heap + 256 * 1024);
    // 2,000 people added one by one, a COPY each: 2,000 results of COPY, some 450 kB if they stayed.
    store::Store::Transaction tx(*db);
    std::vector<Participant> one = {person("", "P", "p@example.go.id")};
    db->write_participants({}, one);
    heap = heap_in_use();
    for (int i = 0; i < 2000; ++i) {
        one[0].email = fmt::format("p{}@example.go.id", i);
        db->write_participants({}, one);
    }
    CHECK(heap_in_use() <= heap + 256 * 1024);
    tx.commit();
}

TEST_CASE("postgres: export: a table whose reading fails part-way fails the export, in the server's words") {
    if (!server()) return;
    Scratch s;
    s.create_store(); // with a row in the audit log
    const auto db = store::open(s.url, store::Access::write);
    {
        // The audit log made a view whose rows fail as they are read (the count does not read them): the COPY
        // has begun when the server refuses.
        pq::Connection c(s.url, "test");
        c.exec("ALTER TABLE audit_log RENAME TO audit_log_kept; "
               "CREATE VIEW audit_log AS SELECT id, at, os_user, command, rows / (rows - rows) AS rows, "
               "command_id FROM audit_log_kept");
    }
    NoSink sink;
    CHECK_THROWS_WITH_AS(db->export_tables(sink), doctest::Contains("division by zero"), Error);
}

// A connection the server ends (a restart, an administrator's pg_terminate_backend) is said at the next
// statement: opening a transaction, committing one (nothing is kept) and checking the store each fail.
TEST_CASE(
    "postgres: a connection the server ended is said at BEGIN, at COMMIT and by check(), nothing kept") {
    if (!server()) return;
    Scratch s;
    Session x = a_session("S");
    s.create_store(); // with no transaction left open by the creation
    // The store's connection, named so that the administrator ends it and no other test's.
    const std::string name = s.schema + "_ended";
    const std::string url = s.named_url(name);
    const auto end_connection = [&] { REQUIRE(s.end_connections(name) == "1"); };
    {
        const auto db = store::open(url, store::Access::write);
        end_connection();
        CHECK_THROWS_AS(store::Store::Transaction{*db}, Error);
    }
    {
        const auto db = store::open(url, store::Access::write);
        store::Store::Transaction tx(*db);
        (void)db->insert_session(x);
        end_connection();
        CHECK_THROWS_AS(tx.commit(), Error);
    }
    // Lost at COMMIT, a connection leaves the outcome unknown (a retry asks the audit log first); before it,
    // nothing was committed.
    const auto commit_unknown = [&](bool at_commit) {
        const auto db = store::open(url, store::Access::write);
        store::Store::Transaction tx(*db);
        (void)db->session_code_exists("S");
        end_connection();
        try {
            if (at_commit)
                tx.commit();
            else
                (void)db->session_code_exists("S");
        } catch (const store::Unavailable& e) {
            return e.commit_unknown();
        }
        FAIL("no store::Unavailable");
        return false;
    };
    CHECK(commit_unknown(true));
    CHECK_FALSE(commit_unknown(false));
    {
        // A COMMIT that answered leaves nothing unknown: a connection lost after it is lost outside any commit.
        const auto db = store::open(url, store::Access::write);
        {
            store::Store::Transaction tx(*db);
            (void)db->session_code_exists("S");
            tx.commit();
        }
        end_connection();
        try {
            (void)db->session_code_exists("S");
            FAIL("no store::Unavailable");
        } catch (const store::Unavailable& e) {
            CHECK_FALSE(e.commit_unknown());
        }
    }
    {
        const auto db = store::open(url, store::Access::read);
        end_connection();
        CHECK_THROWS_AS((void)db->check(), Error);
    }
    CHECK(s.value("SELECT count(*) FROM sessions") == "0");
}

// Opening a store whose schema table is not asnbelajar's (another program's, or damaged) fails with the
// server's reason; it does not open a store that every statement would then fail on.
TEST_CASE("postgres: a damaged schema table is refused when the store opens") {
    if (!server()) return;
    Scratch s;
    s.exec("CREATE TABLE " + s.schema + ".asnbelajar_schema (x integer)");
    CHECK_THROWS_WITH_AS(store::open(s.url, store::Access::read), doctest::Contains("version"), Error);
    CHECK_THROWS_WITH_AS(store::open(s.url, store::Access::write), doctest::Contains("version"), Error);
}

TEST_CASE(
    "postgres: a backup judges pg_dump by its exit status even where SIGCHLD is ignored, and leaves it so") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    TempDir dir;
    // A pg_dump that fails, found first on the PATH.
    const std::string bin = dir.file("bin");
    std::filesystem::create_directory(bin);
    std::ofstream(bin + "/pg_dump") << "#!/bin/sh\necho 'pg_dump: error: the server went away' >&2\nexit 1\n";
    std::filesystem::permissions(bin + "/pg_dump", std::filesystem::perms::owner_all);
    const std::string path = std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin";
    ::setenv("PATH", (bin + ":" + path).c_str(), 1);
    // Started by a process that ignores SIGCHLD: the system would reap pg_dump before its status is read.
    struct sigaction ignore {
    }, before{}, after{};
    ignore.sa_handler = SIG_IGN;
    ::sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGCHLD, &ignore, &before);
    std::ofstream(dir.file("b.dump.tmp")); // the empty file the caller makes (cli/output_file.cpp)
    std::string error;
    try {
        db->backup_to(dir.file("b.dump.tmp"), dir.file("b.dump"));
    } catch (const Error& e) {
        error = e.what();
    }
    ::sigaction(SIGCHLD, &before, &after);
    CHECK(error == "cannot back up to " + dir.file("b.dump") +
                       ": pg_dump failed: pg_dump: error: the server went away");
    const bool ignored_again = after.sa_handler == SIG_IGN;
    CHECK(ignored_again); // as the caller had it

    // Without standard input the message file is pg_dump's descriptor 0 before it becomes its 1 and 2: still
    // its messages.
    const int saved = ::dup(0);
    REQUIRE(saved >= 0);
    ::close(0);
    error = error_of([&] { db->backup_to(dir.file("b.dump.tmp"), dir.file("b.dump")); });
    REQUIRE(::dup2(saved, 0) == 0);
    ::close(saved);
    ::setenv("PATH", path.c_str(), 1);
    CHECK(error == "cannot back up to " + dir.file("b.dump") +
                       ": pg_dump failed: pg_dump: error: the server went away");
}

TEST_CASE("postgres: a backup to an SQLite file that cannot be written is an Error naming the file") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    TempDir dir;
    CHECK(error_of([&] {
              db->backup_to(dir.file("no/such/folder/b.db"), "b.db");
          }).rfind("cannot back up to b.db: ", 0) == 0);
}
