// Writes retried across a failover, exactly once (asnbelajar/store_retry.hpp), on an SQLite store with the
// failures simulated; tests/cli/test_pg_failover.sh does it on a real formation and through a proxy that drops
// the connection during COMMIT.
#include "asnbelajar/error.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/store_retry.hpp"
#include "error_of.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace asnbelajar;

namespace {

std::int64_t sessions(store::Store& s) {
    return static_cast<std::int64_t>(s.session_totals(0, 4'000'000'000).size());
}

std::int64_t add_session(store::Store& s, const std::string& code) {
    Session x;
    x.code = code;
    x.title = "T";
    x.start = 1'646'272'800;
    x.tz = "Asia/Jakarta";
    x.minutes = 60;
    x.jp_tenths = 10;
    s.insert_session(x);
    return 1;
}

} // namespace

TEST_CASE("retry: target_session_attrs of a location") {
    using store::Access;
    using store::ReadFrom;
    CHECK(store::location_for("x.db", Access::write) == "x.db");
    CHECK(store::location_for("x.db", Access::read, ReadFrom::standby) == "x.db");
    CHECK(store::location_for("postgres://a:1,b:2/db", Access::write) ==
          "postgres://a:1,b:2/db?target_session_attrs=read-write");
    CHECK(store::location_for("postgres://a,b/db?sslmode=disable", Access::write) ==
          "postgres://a,b/db?sslmode=disable&target_session_attrs=read-write");
    CHECK(store::location_for("postgres://a,b/db?target_session_attrs=any&x=1", Access::write) ==
          "postgres://a,b/db?target_session_attrs=any&x=1"); // the user's own choice stays
    CHECK(store::location_for("postgresql://a,b/db?target_session_attrs=read-write&x=1", Access::read,
                              ReadFrom::standby) ==
          "postgresql://a,b/db?target_session_attrs=prefer-standby&x=1");
    CHECK(store::location_for("postgresql:///?service=registry", Access::read, ReadFrom::standby) ==
          "postgresql:///?service=registry&target_session_attrs=prefer-standby");
    CHECK(store::location_for("postgresql://a/db", Access::read) == "postgresql://a/db");
    // A parameter named like it without a value is not the user's choice; one after an empty parameter is.
    CHECK(store::location_for("postgres://a,b/db?target_session_attrs", Access::write) ==
          "postgres://a,b/db?target_session_attrs&target_session_attrs=read-write");
    CHECK(store::location_for("postgres://a,b/db?x=1&&target_session_attrs=any", Access::write) ==
          "postgres://a,b/db?x=1&&target_session_attrs=any");
}

TEST_CASE("retry: command ids are 32 hex digits and differ") {
    const std::string a = store::new_command_id(), b = store::new_command_id();
    CHECK(a.size() == 32);
    CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(a != b);
    // Without a random source there is no id: an Error, before anything is written.
    CHECK(error_of([] { store::new_command_id("no-such-source"); }) ==
          "cannot make a command id: the system has no random source");
}

TEST_CASE("retry: the command id is recorded with the write, once") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    const std::string id = store::new_command_id();
    CHECK(store::write_retrying(path, "asnbelajar session add", id, {},
                                [](store::Store& s) { return add_session(s, "a"); }) == 0);
    const auto db = store::open(path, store::Access::write);
    CHECK(db->command_committed(id));
    CHECK_FALSE(db->command_committed(store::new_command_id()));
    store::Store::Transaction tx(*db);
    CHECK_THROWS_AS(db->audit("again", 0, id), Error); // an id is recorded once
}

TEST_CASE("retry: a failure before the commit runs the command again, once") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    int runs = 0, reruns = 0, notices = 0;
    store::RetryPolicy policy;
    policy.on_retry = [&](const std::string& reason, int retry) {
        ++notices;
        CHECK(reason == "the server went away");
        CHECK(retry == notices);
    };
    policy.before_rerun = [&] { ++reruns; };
    const int retried =
        store::write_retrying(path, "cmd", store::new_command_id(), policy, [&](store::Store& s) {
            add_session(s, "a");
            if (++runs == 1) throw store::Unavailable("the server went away", false);
            return std::int64_t{1};
        });
    CHECK(retried == 1);
    CHECK(runs == 2);
    CHECK(reruns == 1);
    CHECK(notices == 1);
    const auto db = store::open(path, store::Access::read);
    CHECK(sessions(*db) == 1); // the failed attempt's session was rolled back
    CHECK(db->audit_log(10).size() == 1);
}

TEST_CASE("retry: after a COMMIT of unknown outcome that committed, the command is not run again") {
    TempDir dir;
    const std::string path = dir.file("s.db");
    const std::string id = store::new_command_id();
    // The first attempt's transaction committed (its audit row carries the id), then the connection dropped.
    store::write_retrying(path, "cmd", id, {}, [](store::Store& s) { return add_session(s, "a"); });
    int runs = 0;
    bool first = true;
    // The same command id again: its first attempt "loses the connection during COMMIT" (the work throws what
    // the backend throws then); the retry must find the id and not run the work.
    const int retried = store::write_retrying(path, "cmd", id, {}, [&](store::Store&) -> std::int64_t {
        ++runs;
        if (first) {
            first = false;
            throw store::Unavailable("server closed the connection unexpectedly", true);
        }
        return 0;
    });
    CHECK(retried == 1);
    CHECK(runs == 1);
    const auto db = store::open(path, store::Access::read);
    CHECK(sessions(*db) == 1);
    CHECK(db->audit_log(10).size() == 1);
}

TEST_CASE("retry: gives up after --retry-for with the last failure") {
    TempDir dir;
    store::RetryPolicy policy;
    policy.retry_for = std::chrono::milliseconds{500};
    int runs = 0;
    std::string message;
    try {
        store::write_retrying(dir.file("s.db"), "cmd", store::new_command_id(), policy,
                              [&](store::Store&) -> std::int64_t {
                                  ++runs;
                                  throw store::Unavailable("no primary", false);
                              });
    } catch (const Error& e) {
        message = e.what();
    }
    CHECK(runs >= 2);
    CHECK(message.starts_with("no primary\ngave up after retrying for "));
    policy.retry_for = std::chrono::milliseconds{0};
    runs = 0;
    CHECK_THROWS_WITH(store::write_retrying(dir.file("t.db"), "cmd", store::new_command_id(), policy,
                                            [&](store::Store&) -> std::int64_t {
                                                ++runs;
                                                throw store::Unavailable("no primary", false);
                                            }),
                      "no primary");
    CHECK(runs == 1);
}

TEST_CASE("retry: giving up says for how long and after how many attempts") {
    TempDir dir;
    store::RetryPolicy policy;
    const auto unavailable = [](store::Store&) -> std::int64_t {
        throw store::Unavailable("no primary", false);
    };
    // Less than the first pause (200 ms): the first failure gives up at once.
    policy.retry_for = std::chrono::milliseconds{100};
    CHECK(error_of([&] {
              store::write_retrying(dir.file("s.db"), "cmd", store::new_command_id(), policy, unavailable);
          }) == "no primary\ngave up after retrying for 0.0 s (1 attempt; --retry-for SECONDS waits longer)");
    // Exactly the first pause (200 ms): one retry, whose pause ends when --retry-for does; the second failure
    // gives up.
    policy.retry_for = std::chrono::milliseconds{200};
    int runs = 0;
    const std::string once = error_of([&] {
        store::write_retrying(dir.file("u.db"), "cmd", store::new_command_id(), policy,
                              [&](store::Store& s) -> std::int64_t {
                                  ++runs;
                                  return unavailable(s);
                              });
    });
    CHECK(runs == 2);
    CHECK(once.find("(2 attempts; --retry-for SECONDS waits longer)") != std::string::npos);
    // Time for one pause: at least 0.2 s waited, and never more than the call took.
    policy.retry_for = std::chrono::milliseconds{500};
    const auto started = std::chrono::steady_clock::now();
    const std::string message = error_of([&] {
        store::write_retrying(dir.file("t.db"), "cmd", store::new_command_id(), policy, unavailable);
    });
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    double waited = -1;
    int attempts = 0;
    char tail[64] = {};
    REQUIRE(std::sscanf(message.c_str(), "no primary\ngave up after retrying for %lf s (%d %63[^;]", &waited,
                        &attempts, tail) == 3);
    CHECK(attempts >= 2);
    CHECK(std::string(tail) == "attempts");
    CHECK(waited >= 0.2);
    CHECK(waited <= took + 0.05);
}

TEST_CASE("retry: the pauses between attempts start at 0.2 s and double up to 1 s") {
    TempDir dir;
    store::RetryPolicy policy;
    std::vector<long> pauses;
    policy.sleep = [&](std::chrono::milliseconds pause) {
        pauses.push_back(static_cast<long>(pause.count()));
    };
    int runs = 0;
    const int retried =
        store::write_retrying(dir.file("s.db"), "cmd", store::new_command_id(), policy, [&](store::Store& s) {
            if (++runs <= 5) throw store::Unavailable("no primary", false);
            return add_session(s, "a");
        });
    CHECK(retried == 5);
    CHECK(pauses == std::vector<long>{200, 400, 800, 1000, 1000});
}
