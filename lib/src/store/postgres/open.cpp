// The PostgreSQL backend: connecting, the schema version on opening, transactions and locks, the audit log,
// the check and backups.
#include "open.hpp"
#include "postgres_store.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/store_retry.hpp"

#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace asnbelajar::store::postgres {
namespace {

std::string os_user() {
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) return pw->pw_name;
    if (const char* u = std::getenv("USER"); u && *u) return u;
    return fmt::format("uid {}", ::geteuid());
}

// Seconds a statement waits for a lock: $ASNBELAJAR_PG_LOCK_TIMEOUT (a whole number of seconds, 1-3600),
// else 10.
int lock_timeout_seconds() {
    const char* v = std::getenv("ASNBELAJAR_PG_LOCK_TIMEOUT");
    if (!v || !*v) return 10;
    int s = 0;
    const auto [end, ec] = std::from_chars(v, v + std::strlen(v), s);
    if (ec != std::errc() || *end || s < 1 || s > 3600)
        throw Error(tr("ASNBELAJAR_PG_LOCK_TIMEOUT must be a whole number of seconds from 1 to 3600, "
                       "not \"{}\"",
                       v));
    return s;
}

struct ConninfoFree {
    void operator()(PQconninfoOption* o) const { pq::lib().PQconninfoFree(o); }
};

} // namespace

std::string display_url(const std::string& url) {
    char* err = nullptr;
    std::unique_ptr<PQconninfoOption, ConninfoFree> opts(pq::lib().PQconninfoParse(url.c_str(), &err));
    if (err) pq::lib().PQfreemem(err);
    const std::string scheme = url.starts_with("postgres://") ? "postgres://" : "postgresql://";
    if (!opts) return scheme + "(unreadable URL)";
    std::string user, host, port, dbname, service;
    for (PQconninfoOption* o = opts.get(); o->keyword; ++o) {
        if (!o->val) continue;
        const std::string_view k = o->keyword;
        if (k == "user") user = o->val;
        if (k == "host") host = o->val;
        if (k == "port") port = o->val;
        if (k == "dbname") dbname = o->val;
        if (k == "service") service = o->val;
    }
    // A socket directory (or several hosts) goes in the query, as libpq reads it.
    const bool host_in_query = !host.empty() && (host.front() == '/' || host.find(',') != std::string::npos);
    std::string out = scheme;
    if (!user.empty()) out += user + "@";
    if (!host_in_query) out += host;
    if (!port.empty() && !host_in_query) out += ":" + port;
    out += "/" + dbname;
    std::string query;
    const auto param = [&query](const char* k, const std::string& v) {
        if (v.empty()) return;
        query += (query.empty() ? "?" : "&");
        query += k;
        query += "=" + v;
    };
    if (host_in_query) {
        param("host", host);
        param("port", port);
    }
    param("service", service);
    return out + query;
}

std::unique_ptr<Store> open(const std::string& url, Access access, DryRun dry_run) {
    return std::make_unique<PostgresStore>(url, access, dry_run);
}

std::string id_array(std::span<const Id> ids) {
    pq::Array a;
    for (Id id : ids)
        a.add(static_cast<std::int64_t>(id));
    return a.done();
}

void PostgresStore::fail(const pq::Failure& e, WrittenValues written) const {
    // A failover or a restart: the caller may retry on a new connection (store_retry.hpp).
    if (unavailable(e, db_ ? db_->raw() : nullptr))
        throw Unavailable(translate(e, display_, written, lock_timeout_s_), committing_);
    throw translate(e, display_, written, lock_timeout_s_);
}

PostgresStore::PostgresStore(const std::string& url, Access access, DryRun dry_run)
    : display_(display_url(url)), dry_run_(dry_run == DryRun::yes), lock_timeout_s_(lock_timeout_seconds()) {
    try {
        db_ = std::make_unique<pq::Connection>(url, display_);
    } catch (const pq::Failure& e) {
        // libpq's words name the host and the reason; the password is never in them.
        if (unavailable(e, nullptr))
            throw Unavailable(tr("cannot connect to the PostgreSQL store {}: {}", display_, reason(e)),
                              false);
        throw Error(tr("cannot connect to the PostgreSQL store {}: {}", display_, reason(e)));
    }
    try {
        db_->query("SELECT set_config('lock_timeout', $1, false)",
                   pq::Params().add(fmt::format("{}s", lock_timeout_s_)));
        const int version = stored_version(*db_, display_);
        if (version > schema_version)
            throw Error(tr("store {} has schema version {}, newer than this asnbelajar understands "
                           "({}); use a newer asnbelajar",
                           display_, version, schema_version));
        if (access == Access::read) {
            if (version == 0)
                throw Error(tr("no store at {} (the database holds no asnbelajar tables; the first "
                               "command that writes, or `asnbelajar db migrate`, creates them)",
                               display_));
            if (version < schema_version)
                throw Error(tr("store {} has schema version {}, from an older asnbelajar; run "
                               "`asnbelajar db migrate` (or any writing command) once to bring it to "
                               "version {}",
                               display_, version, schema_version));
            return;
        }
        if (version == schema_version && !dry_run_) return;
        // Creating the schema (or rehearsing on it) happens in a transaction that the first write transaction
        // continues: a failed first command, or a dry run, leaves the database as it was.
        db_->exec("BEGIN");
        outer_open_ = true;
        if (version != schema_version) {
            migrate(*db_, display_);
            created_ = version == 0 && !dry_run_;
            if (!created_ && !dry_run_) { // an upgrade is kept at once, as on SQLite
                db_->exec("COMMIT");
                outer_open_ = false;
            }
        }
    } catch (const pq::Failure& e) {
        fail(e);
    }
}

PostgresStore::~PostgresStore() = default; // closing the connection rolls back what was not committed

void PostgresStore::discard_created() {
    if (!created_) return;
    created_ = false;
    if (!outer_open_) return;
    outer_open_ = false;
    try {
        db_->exec("ROLLBACK"); // the schema was never committed
    } catch (const pq::Failure&) {
        // The connection is gone: the server rolled back.
    }
}

void PostgresStore::begin_transaction() try {
    if (outer_open_)
        db_->exec("SAVEPOINT asnbelajar_write");
    else
        db_->exec("BEGIN");
    in_transaction_ = true;
    participants_locked_ = false;
    locked_sessions_.clear();
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::rollback_transaction() noexcept {
    const bool was = in_transaction_;
    in_transaction_ = false;
    keys_deferred_ = false; // the keys import_rows() dropped are back, with everything else
    if (!was) return;
    try {
        // Inside open()'s transaction (a rehearsal, or the schema just made, which stays for the next write or
        // for discard_created(), as a new SQLite store's file does) only the write goes.
        if (outer_open_)
            db_->exec("ROLLBACK TO SAVEPOINT asnbelajar_write");
        else
            db_->exec("ROLLBACK");
    } catch (...) {
        // Nothing more can be done while unwinding; the server rolls back when the connection closes.
    }
}

void PostgresStore::commit_transaction() try {
    if (dry_run_) return rollback_transaction(); // a rehearsal keeps nothing
    in_transaction_ = false;                     // a COMMIT that fails ends the transaction too
    outer_open_ = false;
    committing_ = true; // until COMMIT answers, a lost connection leaves its outcome unknown
    db_->exec("COMMIT");
    committing_ = false;
    created_ = false; // kept: nothing to discard any more
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::lock_session(Id session) const {
    if (!in_transaction_ || !locked_sessions_.insert(session).second) return;
    db_->query("SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE", pq::Params().add(session));
}

void PostgresStore::lock_participants() const {
    if (!in_transaction_ || participants_locked_) return;
    db_->query("SELECT pg_advisory_xact_lock(hashtext('asnbelajar participants'))");
    participants_locked_ = true;
}

void PostgresStore::audit(const std::string& command, std::int64_t rows, const std::string& command_id) try {
    db_->query("INSERT INTO audit_log(at, os_user, command, rows, command_id) VALUES ($1, $2, $3, $4, "
               "nullif($5, ''))",
               pq::Params()
                   .add(static_cast<std::int64_t>(std::time(nullptr)))
                   .add(os_user())
                   .add(command)
                   .add(rows)
                   .add(command_id));
} catch (const pq::Failure& e) {
    fail(e);
}

bool PostgresStore::command_committed(const std::string& command_id) const try {
    // A primary that crashed while its COMMIT waited for the synchronous standby comes back from its WAL with
    // the transaction committed, and visible, though the standby may never have had it: a failover then loses
    // it. So the answer comes only once the standby has everything up to here: a transactional logical message
    // (a WAL record, no table touched; txid_current() alone would write none) makes this statement a
    // transaction whose commit waits for the synchronous standby like any write's. Without one configured it
    // waits for nothing, as the first COMMIT did not; if the wait ends with the connection, Unavailable says
    // so and the caller tries again.
    return db_->query("SELECT pg_logical_emit_message(true, 'asnbelajar', 'command_committed'), "
                      "(SELECT count(*) FROM audit_log WHERE command_id = $1)",
                      pq::Params().add(command_id))
               .int64(0, 1) > 0;
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<AuditEntry> PostgresStore::audit_log(int limit) const try {
    const pq::Result r = db_->query("SELECT at, os_user, command, rows FROM "
                                    "(SELECT * FROM audit_log ORDER BY id DESC LIMIT $1) l ORDER BY id",
                                    pq::Params().add(limit));
    std::vector<AuditEntry> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.int64(i, 0), r.str(i, 1), r.str(i, 2), r.int64(i, 3)});
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

StoreCheck PostgresStore::check() const try {
    StoreCheck c;
    std::vector<std::string> problems;
    // amcheck verifies every B-tree index of the store against its table; creating the extension may need
    // rights the user lacks: then the check says so and goes on.
    std::string amcheck = "no amcheck";
    bool have_amcheck =
        db_->query("SELECT count(*) FROM pg_extension WHERE extname = 'amcheck'").int64(0, 0) > 0;
    if (!have_amcheck) {
        try {
            db_->exec("CREATE EXTENSION IF NOT EXISTS amcheck");
            have_amcheck = true;
        } catch (const pq::Failure&) {
            // Not installed, or not ours to create: said as "no amcheck".
        }
    }
    if (have_amcheck) {
        try {
            const pq::Result r = db_->query(
                "SELECT count(bt_index_check(i.indexrelid, true)) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                "WHERE a.amname = 'btree' AND i.indrelid IN ('participants'::regclass, 'sessions'::regclass, "
                "'enrollments'::regclass, 'attendance_marks'::regclass, 'attendance'::regclass, "
                "'certificates'::regclass, 'results'::regclass, 'counters'::regclass, 'audit_log'::regclass, "
                "'signing_key'::regclass)");
            amcheck = fmt::format("amcheck: {} indexes", r.int64(0, 0));
        } catch (const pq::Failure& e) {
            if (pg_fault(e) == Fault::damaged)
                problems.push_back(reason(e));
            else
                amcheck = "no amcheck"; // not installed, or not ours to create
        }
    }
    // Every reference resolves (the foreign keys are enforced; this finds constraints left NOT VALID).
    const pq::Result fk = db_->query(
        "SELECT (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated "
        "        AND conrelid IN ('enrollments'::regclass, 'attendance_marks'::regclass, 'attendance'::regclass, "
        "                         'certificates'::regclass, 'results'::regclass)), "
        "(SELECT count(*) FROM enrollments e WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.id = "
        "e.participant_id) OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = e.session_id)) + "
        "(SELECT count(*) FROM attendance a WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.id = "
        "a.participant_id) OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = a.session_id)) + "
        "(SELECT count(*) FROM certificates x WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.id = "
        "x.participant_id) OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = x.session_id)) + "
        "(SELECT count(*) FROM results x WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.id = "
        "x.participant_id) OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = x.session_id))");
    if (fk.int64(0, 0) > 0) problems.push_back("foreign keys not validated");
    if (fk.int64(0, 1) > 0) problems.push_back("foreign key violations found");
    c.integrity = "ok";
    if (!problems.empty()) {
        c.integrity.clear();
        for (const std::string& p : problems)
            c.integrity += (c.integrity.empty() ? "" : "; ") + p;
    }
    const pq::Result n = db_->query(
        "SELECT (SELECT max(version) FROM asnbelajar_schema), (SELECT count(*) FROM participants), "
        "(SELECT count(*) FROM sessions), (SELECT count(*) FROM enrollments), (SELECT count(*) FROM attendance), "
        "(SELECT count(*) FROM attendance_marks), (SELECT count(*) FROM certificates), "
        "(SELECT count(*) FROM audit_log), split_part(current_setting('server_version'), ' ', 1), "
        "(SELECT count(*) FROM results)");
    c.version = n.int32(0, 0);
    c.participants = n.int64(0, 1);
    c.sessions = n.int64(0, 2);
    c.enrollments = n.int64(0, 3);
    c.attendance = n.int64(0, 4);
    c.marks = n.int64(0, 5);
    c.certificates = n.int64(0, 6);
    c.audit = n.int64(0, 7);
    c.results = n.int64(0, 9);
    // Live certificates whose holder's outcome is not "attended" (any more), per session.
    const pq::Result unqualified =
        db_->query("SELECT s.code, count(*) FROM certificates c JOIN sessions s ON s.id = c.session_id "
                   "WHERE c.revoked IS NULL AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = "
                   "c.session_id AND a.participant_id = c.participant_id AND a.outcome = 'attended') "
                   "GROUP BY s.id, s.code, s.start ORDER BY s.start, s.id");
    for (int i = 0; i < unqualified.rows(); ++i) {
        c.sessions_with_unqualified_certificates.push_back(unqualified.str(i, 0));
        c.certificates_not_qualifying += unqualified.int64(i, 1);
    }
    // The report's "journal" line: what keeps the store durable here, and what was checked.
    c.journal_mode = fmt::format("postgresql {} ({})", n.text(0, 8), amcheck);
    return c;
} catch (const pq::Failure& e) {
    fail(e);
}

} // namespace asnbelajar::store::postgres
