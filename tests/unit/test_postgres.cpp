// The PostgreSQL backend (lib/src/store/postgres/), against a server: $ASNBELAJAR_TEST_PG names one (a URL, as
// tests/pg/cluster.sh sets it). Without it these cases pass without checking anything and say so once. Each
// case works in a schema of its own (the URL's search_path), dropped afterwards. Where the SQLite backend
// answers the same question, both answer it here and must agree.
#include "asnbelajar/error.hpp"
#include "asnbelajar/store.hpp"
#include "error_of.hpp"
#include "temp_dir.hpp"

#include "store/postgres/open.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/pq.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <signal.h>
#include <string>
#include <unistd.h>
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
        std::string create = "CREATE SCHEMA " + schema;
        pq::lib().PQclear(pq::lib().PQexec(admin->raw(), create.c_str()));
        url = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
    }
    ~Scratch() {
        std::string drop = "DROP SCHEMA IF EXISTS " + schema + " CASCADE";
        pq::lib().PQclear(pq::lib().PQexec(admin->raw(), drop.c_str()));
    }
    // Runs `sql` on the server as the administrator.
    void exec(const std::string& sql) { pq::lib().PQclear(pq::lib().PQexec(admin->raw(), sql.c_str())); }
    // One value of a query in the scratch schema.
    std::string value(const char* sql) {
        pq::Connection c(url, "test");
        return c.query(sql).str(0, 0);
    }
};

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
    CHECK(store::printable_argument("user:pw@example") == "user:pw@example");
}

TEST_CASE("postgres: a server that cannot be reached is said by host and database, never the password") {
    try {
        store::open("postgresql://asnb:s3cret@/nosuchdb?host=/nonexistent-dir&port=1&connect_timeout=2",
                    store::Access::read);
        FAIL("opened");
    } catch (const Error& e) {
        const std::string what = e.what();
        CHECK(
            what.find(
                "cannot connect to the PostgreSQL store postgresql://asnb@/nosuchdb?host=/nonexistent-dir") !=
            std::string::npos);
        CHECK(what.find("s3cret") == std::string::npos);
    }
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
    }
    CHECK(s.value("SELECT to_regclass('participants') IS NULL") == "t");
    {
        const auto db = store::open(s.url, store::Access::write, store::DryRun::yes);
        store::Store::Transaction tx(*db);
        db->insert_participant(person("198609262015051001", "Dry"));
        tx.commit();
    }
    CHECK(s.value("SELECT to_regclass('participants') IS NULL") == "t");
    {
        const auto db = store::open(s.url, store::Access::write);
        store::Store::Transaction tx(*db);
        db->audit("asnbelajar db migrate", 0);
        tx.commit();
    }
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
    Session s;
    s.code = "2022-03-03";
    s.title = "T";
    s.start = 1646272800;
    s.tz = "Asia/Jakarta";
    s.minutes = 180;
    s.jp_tenths = 30;
    s.capacity = 2;
    s.id = db.insert_session(s);
    const std::vector<store::EnrollmentChange> changes = {
        {added[0].id, EnrollmentStatus::enrolled},   {added[1].id, EnrollmentStatus::enrolled},
        {added[2].id, EnrollmentStatus::waitlisted}, {added[0].id, EnrollmentStatus::cancelled},
        {added[3].id, EnrollmentStatus::cancelled},  {added[0].id, EnrollmentStatus::walk_in}};
    db.put_enrollments(s.id, changes);
    db.put_enrollment(s.id, added[2].id, EnrollmentStatus::enrolled);
    out += " | enrollments:";
    std::vector<Id> ids;
    for (const Participant& p : added)
        ids.push_back(p.id);
    auto es = db.enrollments_of(s.id, ids);
    std::sort(es.begin(), es.end(),
              [](const Enrollment& x, const Enrollment& y) { return x.participant < y.participant; });
    for (const Enrollment& e : es)
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
    db.put_summaries(s.id, std::vector<store::PersonSummary>{
                               {added[0].id, AttendanceSummary{70, false}, AttendanceOutcome::attended},
                               {added[1].id, AttendanceSummary{20, true}, AttendanceOutcome::partial},
                               {added[2].id, AttendanceSummary{5, false}, AttendanceOutcome::partial},
                               {added[2].id, std::nullopt}});
    for (const PersonMarks& pm : db.marks_of(s.id, ids)) {
        out += fmt::format(" marks {}:", pm.person);
        for (const AttendanceMark& x : pm.marks)
            out += fmt::format(" {} {} {} {} [{}] [{}]", to_string(x.kind), x.join, x.leave, x.seconds,
                               x.source, x.batch);
    }
    const std::int64_t seq = db.next_certificate_seq();
    db.insert_certificate(s.id, added[0].id, seq, "CERT/1");
    out += fmt::format(" | seq {}", seq);
    const store::SessionTotals t = db.session_totals(s);
    out += fmt::format(" | totals {} {} {} {} {} {} {} {}", t.enrolled, t.waitlisted, t.attended, t.partial,
                       t.absent, t.walk_ins, t.attended_enrolled, t.certificates);
    out += " | roster:";
    for (const store::RosterRow& r : db.session_roster(s.id))
        out += fmt::format(" {}:{}:{}:{}", r.person.name, r.enrollment ? to_string(*r.enrollment) : "-",
                           r.attendance ? r.attendance->minutes : -1, r.certificate);
    out += " | year:";
    for (const store::PersonYear& y : db.participation({s.id, s.id}))
        out += fmt::format(" {}:{}:{}", y.person.name, y.attended, y.jp_tenths);
    const std::vector<store::ParticipantKeys> keys = {
        {"", "", "+6281"}, {"", "budi@example.go.id", ""}, {"198609262015051001", "", ""}, {}};
    out += " | matching:";
    for (const auto& id : db.participants_matching(keys))
        out += fmt::format(" {}", id ? *id : 0);
    out += fmt::format(" | deleted batch: {}", db.delete_batch_marks(s.id, "b1").size());
    out += fmt::format(" | revoked: {}", db.revoke_certificate(s.id, added[0].id).value_or("-"));
    tx.commit();
    return out;
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
    CHECK(write_trips <= 4); // the advisory lock, the ids, COPY's start and end
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

TEST_CASE("postgres: a session another writer holds is said to be busy after the lock timeout") {
    if (!server()) return;
    Scratch s;
    Id session = 0;
    {
        const auto db = store::open(s.url, store::Access::write);
        store::Store::Transaction tx(*db);
        Session x;
        x.code = "S";
        x.title = "T";
        x.start = 1;
        x.tz = "Asia/Jakarta";
        x.minutes = 60;
        session = db->insert_session(x);
        db->insert_participant(person("198609262015051001", "A"));
        tx.commit();
    }
    const auto holder = store::open(s.url, store::Access::write);
    store::Store::Transaction held(*holder);
    CHECK(holder->seat_state(session, 10).enrolled == 0); // takes the session's lock
    ::setenv("ASNBELAJAR_PG_LOCK_TIMEOUT", "1", 1);
    const auto waiter = store::open(s.url, store::Access::write);
    ::unsetenv("ASNBELAJAR_PG_LOCK_TIMEOUT");
    store::Store::Transaction tx(*waiter);
    CHECK_THROWS_WITH_AS(waiter->seat_state(session, 10), doctest::Contains("waited 1 s"), Error);
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
    Session x;
    x.code = "S";
    x.title = "T";
    x.start = 1'700'000'000;
    x.tz = "Asia/Jakarta";
    x.minutes = 60;
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
    store::TableRows counter;
    counter.reset(store::table_columns(store::Table::counters));
    counter.at(0, 0) = std::string("certificate");
    counter.at(0, 1) = std::int64_t{5};
    counter.rows = 1;
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

// A connection the server ends (a restart, an administrator's pg_terminate_backend) is said at the next
// statement: opening a transaction, committing one (nothing is kept) and checking the store each fail.
TEST_CASE(
    "postgres: a connection the server ended is said at BEGIN, at COMMIT and by check(), nothing kept") {
    if (!server()) return;
    Scratch s;
    Session x;
    x.code = "S";
    x.title = "T";
    x.start = 1'700'000'000;
    x.tz = "Asia/Jakarta";
    x.minutes = 60;
    { // the schema made, with no transaction left open by the creation
        const auto db = store::open(s.url, store::Access::write);
        store::Store::Transaction tx(*db);
        db->audit("asnbelajar db migrate", 0);
        tx.commit();
    }
    // The store's connection, named so that the administrator ends it and no other test's.
    const std::string name = s.schema + "_ended";
    const std::string url = s.url + "&application_name=" + name;
    const auto end_connection = [&] {
        REQUIRE(s.value(("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + name + "'")
                            .c_str()) == "1");
        s.exec("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = '" +
               name + "'");
    };
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

TEST_CASE("postgres: the certificate counter: read, set, taken, the highest number, and a store without it") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    store::Store& store = *db;
    {
        store::Store::Transaction tx(store);
        CHECK(store.certificate_counter() == 0); // a new store
        store.set_certificate_counter(41);
        CHECK(store.certificate_counter() == 41);
        CHECK(store.next_certificate_seq() == 42);
        CHECK(store.certificate_counter() == 42);
        CHECK(store.highest_certificate_seq() == 0);
        Session w9;
        w9.code = "w9";
        w9.title = "Webinar";
        w9.start = 1646272800;
        w9.tz = "Asia/Jakarta";
        w9.minutes = 120;
        const Id w = store.insert_session(w9);
        const Id a = store.insert_participant(person("198609262015051001", "A"));
        const Id b = store.insert_participant(person("199001152014031002", "B"));
        store.insert_certificate(w, a, 17, "W9-17");
        store.insert_certificate(w, b, 5, "W9-5");
        CHECK(store.highest_certificate_seq() == 17);
        tx.commit();
    }
    {
        pq::Connection c(s.url, "test");
        c.query("DELETE FROM counters WHERE name = 'certificate'");
    }
    store::Store::Transaction tx(store);
    for (const auto& [name, call] : std::vector<std::pair<const char*, std::function<void()>>>{
             {"certificate_counter", [&] { store.certificate_counter(); }},
             {"set_certificate_counter", [&] { store.set_certificate_counter(3); }},
             {"next_certificate_seq", [&] { store.next_certificate_seq(); }}}) {
        CAPTURE(name);
        CHECK(error_of(call).find("has no certificate counter") != std::string::npos);
    }
}

TEST_CASE(
    "postgres: results: an attempt added, the same again unchanged, a new score for it replaces the old") {
    if (!server()) return;
    Scratch s;
    const auto db = store::open(s.url, store::Access::write);
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    Session w9;
    w9.code = "w9";
    w9.title = "Webinar";
    w9.start = 1646272800;
    w9.tz = "Asia/Jakarta";
    w9.minutes = 120;
    const Id w = store.insert_session(w9);
    const Id a = store.insert_participant(person("198609262015051001", "A"));
    const auto put = [&](int score, const char* batch) {
        const ResultAttempt r{w, a, ResultKind::posttest, score, 1646290800, batch};
        return store.put_results({&r, 1});
    };
    store::ResultCounts c = put(7000, "first");
    CHECK(c.added == 1);
    c = put(7000, "again");
    CHECK(c.unchanged == 1);
    CHECK(c.added == 0);
    c = put(8000, "corrected");
    CHECK(c.replaced == 1);
    CHECK(c.added == 0);
    CHECK(c.unchanged == 0);
    tx.commit();
    CHECK(s.value("SELECT count(*) FROM results") == "1");
    CHECK(s.value("SELECT score || ' ' || batch FROM results") == "8000 corrected");
}
