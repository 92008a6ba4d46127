// The SQLite backend: opening a store file, transactions, the audit log, the integrity check and backups.
#include "open.hpp"
#include "sqlite_store.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <SQLiteCpp/Backup.h>
#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <pwd.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace asnbelajar::store::sqlite {
namespace {

bool file_exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

// "owner budi, mode 0600": who may open the file at `path`, for messages about permissions.
std::string owner_and_mode(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return _("unknown owner and mode");
    const passwd* pw = ::getpwuid(st.st_uid);
    return tr("owner {}, mode {}", pw && pw->pw_name ? std::string(pw->pw_name) : std::to_string(st.st_uid),
              fmt::format("{:04o}", st.st_mode & 07777));
}

// The folder a file is in ("." for a bare name).
std::string folder_of(const std::string& path) {
    const std::string dir = std::filesystem::path(path).parent_path().string();
    return dir.empty() ? "." : dir;
}

// New stores hold personal data: create the file ourselves, owner-only, before SQLite opens it. SQLite gives
// the -wal and -shm files the same mode. Without O_EXCL: a path that is a link to a file not there yet makes
// that file, owner-only (O_EXCL refused the link, and SQLite could not open it); a store another program made
// in the meantime is opened and closed untouched (no O_TRUNC). Returns 0, or the errno of the failure.
int create_private_file(const std::string& path) {
    int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) return errno;
    ::close(fd);
    return 0;
}

// Removes a store file this process created, with the files SQLite keeps beside it.
void remove_store_files(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        ::unlink((path + suffix).c_str());
}

std::string os_user() {
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) return pw->pw_name;
    if (const char* u = std::getenv("USER"); u && *u) return u;
    return fmt::format("uid {}", ::geteuid());
}

} // namespace

std::string file_uri(const std::string& path, const char* query) {
    std::string out = "file:";
    for (unsigned char c : std::filesystem::absolute(path).string()) {
        if (std::isalnum(c) || std::strchr("/-._~", c) != nullptr)
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out + "?" + query;
}

void bind_text_or_null(SQLite::Statement& st, int index, const std::string& value) {
    if (value.empty())
        st.bind(index);
    else
        st.bind(index, value);
}

void set_pragma(SQLite::Database& db, const char* name, std::int64_t value) {
    db.exec(fmt::format("PRAGMA {} = {}", name, value)); // sql-lint: integer only
}

SQLite::Statement& SqliteStore::stmt(const char* sql) const {
    auto& slot = statements_[sql];
    if (!slot) {
        slot = std::make_unique<SQLite::Statement>(db_, sql);
    } else {
        slot->tryReset(); // reset() would rethrow the error of a previous failed step
        slot->clearBindings();
    }
    return *slot;
}

void SqliteStore::reset_statements() const {
    for (auto& entry : statements_)
        entry.second->tryReset();
}

void SqliteStore::fail(const SQLite::Exception& e, WrittenValues written) const {
    throw translate(e, path_, &db_, written);
}

std::unique_ptr<Store> open(const std::string& path, Access access, DryRun dry_run) {
    // A dry run of a store that does not exist yet rehearses on a private temporary database: like ":memory:",
    // but pages beyond the cache spill to a file that is already deleted, so a dry run of a million rows does
    // not hold the whole store in memory.
    const std::string target = dry_run == DryRun::yes && !file_exists(path) ? std::string() : path;
    // SQLite's private databases, ":memory:" and "" (a temporary file deleted as soon as it is opened): there
    // is no file of that name to make or remove.
    const bool scratch = target == ":memory:" || target.empty();
    const bool exists = !scratch && file_exists(target);
    if (exists && std::filesystem::is_directory(target))
        throw Error(tr("cannot open store {}: it is a directory (--db names the store file)", target));
    if (!exists && access == Access::read)
        throw Error(
            tr("no store at {} (the first command that writes creates it; choose another with --db or "
               "ASNBELAJAR_DB)",
               target));
    if (exists && ::access(target.c_str(), R_OK) != 0 && errno == EACCES)
        throw Error(
            tr("cannot open store {}: permission denied ({}); ask its owner for read access, or run as a "
               "user who may read it",
               target, owner_and_mode(target)));
    if (!exists && !scratch)
        if (int err = create_private_file(target))
            throw Error(tr("cannot create store {}: {}", target, std::strerror(err)));
    try {
        return std::make_unique<SqliteStore>(target, access, dry_run, !exists && !scratch);
    } catch (const Error&) {
        if (!exists && !scratch) remove_store_files(target);
        throw;
    }
}

bool exists(const std::string& path) {
    return file_exists(path);
}

// How a store is opened for reading. A store this process may not write (the file or its folder is read-only:
// an auditor's copy, a read-only mount) cannot get the -shm file SQLite's WAL mode keeps beside it: without a
// -wal file all of its data is in the file itself, which is then opened immutable (no locks, nothing beside it
// written); with one, SQLite reads both read-only.
std::string read_name(const std::string& path, Access access) {
    if (access != Access::read || path.empty() || path == ":memory:") return path;
    const bool writable = ::access(path.c_str(), W_OK) == 0 && ::access(folder_of(path).c_str(), W_OK) == 0;
    if (writable || file_exists(path + "-wal")) return path;
    return file_uri(path, "immutable=1");
}

SqliteStore::SqliteStore(const std::string& path, Access access, DryRun dry_run, bool created) try
    // NOMUTEX: a store and its statements belong to one thread; SQLite need not lock around each call.
    : db_(read_name(path, access),
          (access == Access::write ? SQLite::OPEN_READWRITE : SQLite::OPEN_READONLY) | SQLite::OPEN_NOMUTEX |
              SQLite::OPEN_URI),
      path_(path), created_(created), dry_run_(dry_run == DryRun::yes) {
    try {
        db_.setBusyTimeout(30000);
        db_.exec("PRAGMA foreign_keys = ON");
        // SQLite opens a file it may not write read-only without a word; say so before any work is done.
        if (access == Access::write && sqlite3_db_readonly(db_.getHandle(), "main") == 1)
            throw Error(tr(
                "cannot write to store {}: {} ({}; folder {}); reports can still read it, or ask its owner",
                path,
                ::access(path.c_str(), W_OK) != 0 || ::access(folder_of(path).c_str(), W_OK) != 0
                    ? std::strerror(errno)
                    : _("it is read-only"),
                owner_and_mode(path), owner_and_mode(folder_of(path))));
        int version = db_.execAndGet("PRAGMA user_version").getInt();
        if (version == 0 && db_.execAndGet("SELECT count(*) FROM sqlite_master").getInt() > 0)
            throw Error(tr("{} is an SQLite database but not an asnbelajar store", path));
        if (access == Access::read && version < schema_version)
            throw Error(tr("store {} has schema version {}, from an older asnbelajar; run `asnbelajar db "
                           "migrate` (or any writing command) once to bring it to version {}",
                           path, version, schema_version));
        // A store is kept in WAL mode (readers never wait for a writer); a store found out of it (its first
        // transaction was killed, see begin_transaction) is switched by the next writer.
        if (access == Access::write && !path.empty() && path != ":memory:" &&
            db_.execAndGet("PRAGMA journal_mode").getString() != "wal")
            db_.exec("PRAGMA journal_mode = WAL");
        first_transaction_pending_ = created;
        if (version != schema_version) migrate(db_);
    } catch (const SQLite::Exception& e) {
        throw translate(e, path, &db_); // while the connection can still tell the system's reason
    }
} catch (const SQLite::Exception& e) {
    throw translate(e, path, nullptr); // the file could not be opened at all
}

SqliteStore::~SqliteStore() = default;

void SqliteStore::switch_to_wal() noexcept {
    wal_pending_ = false;
    try {
        db_.exec("PRAGMA journal_mode = WAL");
    } catch (...) {
        // Left in rollback mode (still a whole, consistent store): the next writer switches it.
    }
}

void SqliteStore::discard_created() {
    if (!created_) return;
    statements_.clear();
    { SQLite::Database closing = std::move(db_); } // closed here: SQLite is done with its files
    remove_store_files(path_);
    created_ = false;
    wal_pending_ = false;
}

void SqliteStore::begin_transaction() try {
    // The first transaction of a store this process has just made (a first roster import of a million rows)
    // runs with a rollback journal: its pages are written once, into the file, and the journal holds only the
    // few pages the empty store had, where WAL mode writes them into the WAL and again into the file at the
    // checkpoint. Nobody else reads a store that has no data yet (if another connection is open, the switch
    // does not happen and the transaction runs in WAL mode). The commit or the rollback switches back to WAL;
    // a crash leaves a hot journal that rolls the file back to the empty store, and the next writer switches
    // it (the constructor).
    if (first_transaction_pending_) {
        first_transaction_pending_ = false;
        try {
            wal_pending_ = db_.execAndGet("PRAGMA journal_mode = DELETE").getString() == "delete";
        } catch (const SQLite::Exception&) {
            wal_pending_ = false; // another connection holds the store: this transaction runs in WAL mode
        }
    }
    // A statement still stepping (a read that returned its one row: stmt() resets statements at their next use)
    // keeps the connection in a read transaction on the snapshot of that read; if another process has
    // committed since, BEGIN IMMEDIATE could not move to the newest one and would fail at once with
    // SQLITE_BUSY_SNAPSHOT instead of waiting for the lock. None of them is needed any more: every read is
    // done (no Store method is under way when a transaction begins).
    reset_statements();
    db_.exec("BEGIN IMMEDIATE");
    in_transaction_ = true;
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::rollback_transaction() noexcept {
    in_transaction_ = false;
    bulk_.reset(); // the rollback brings back what a bulk load dropped
    try {
        db_.exec("ROLLBACK");
    } catch (...) {
        // Nothing more can be done while unwinding; SQLite rolls back on close anyway.
    }
    if (wal_pending_) switch_to_wal();
}

void SqliteStore::commit_transaction() try {
    if (dry_run_) return rollback_transaction(); // a rehearsal keeps nothing
    if (bulk_) end_bulk_load();                  // never a store without its indexes
    db_.exec("COMMIT");
    in_transaction_ = false;
    if (wal_pending_) switch_to_wal();
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::audit(const std::string& command, std::int64_t rows, const std::string& command_id) try {
    auto& st = stmt("INSERT INTO audit_log(at, os_user, command, rows, command_id) VALUES (?, ?, ?, ?, ?)");
    st.bind(1, static_cast<std::int64_t>(std::time(nullptr)));
    st.bind(2, os_user());
    st.bind(3, command);
    st.bind(4, rows);
    bind_text_or_null(st, 5, command_id);
    st.exec();
} catch (const SQLite::Exception& e) {
    fail(e);
}

bool SqliteStore::command_committed(const std::string& command_id) const try {
    auto& st = stmt("SELECT count(*) FROM audit_log WHERE command_id = ?");
    st.bind(1, command_id);
    st.executeStep();
    return st.getColumn(0).getInt64() > 0;
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::vector<AuditEntry> SqliteStore::audit_log(int limit) const try {
    auto& st = stmt("SELECT at, os_user, command, rows FROM "
                    "(SELECT * FROM audit_log ORDER BY id DESC LIMIT ?) ORDER BY id");
    st.bind(1, limit);
    std::vector<AuditEntry> out;
    while (st.executeStep())
        out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                       st.getColumn(3).getInt64()});
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::string SqliteStore::backup_to(const std::string& file, const std::string& shown) const {
    std::unique_ptr<SQLite::Database> dest;
    try {
        dest = std::make_unique<SQLite::Database>(file, SQLite::OPEN_READWRITE);
        SQLite::Backup backup(*dest, db_);
        backup.executeStep(-1); // all pages in one step: one consistent snapshot under a read lock
        dest.reset();           // closed: every page is in the file
    } catch (const SQLite::Exception& e) {
        // Said as the backup's failure (a full disk, a read-only directory are the copy's), with the reason.
        std::string why = sqlite_reason(e, dest.get(), file);
        throw Error(tr("cannot back up to {}: {}", shown, why));
    }
    return _("an SQLite file");
}

StoreCheck SqliteStore::check() const try {
    auto& db = db_;
    StoreCheck c;
    SQLite::Statement integrity(db, "PRAGMA integrity_check");
    std::string problems;
    while (integrity.executeStep()) {
        if (!problems.empty()) problems += "; ";
        problems += integrity.getColumn(0).getString();
    }
    c.integrity = problems;
    SQLite::Statement fk(db, "PRAGMA foreign_key_check");
    if (fk.executeStep()) c.integrity += _("; foreign key violations found");
    c.version = db.execAndGet("PRAGMA user_version").getInt();
    c.journal_mode = db.execAndGet("PRAGMA journal_mode").getString();
    auto count = [&](const char* sql) { return db.execAndGet(sql).getInt64(); };
    c.participants = count("SELECT count(*) FROM participants");
    c.sessions = count("SELECT count(*) FROM sessions");
    c.enrollments = count("SELECT count(*) FROM enrollments");
    c.attendance = count("SELECT count(*) FROM attendance");
    c.marks = count("SELECT count(*) FROM attendance_marks");
    c.certificates = count("SELECT count(*) FROM certificates");
    c.results = count("SELECT count(*) FROM results");
    c.audit = count("SELECT count(*) FROM audit_log");
    // Live certificates whose holder's outcome is not "attended" (any more), per session.
    SQLite::Statement unqualified(
        db, "SELECT s.code, count(*) FROM certificates c JOIN sessions s ON s.id = c.session_id "
            "WHERE c.revoked IS NULL AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = "
            "c.session_id AND a.participant_id = c.participant_id AND a.outcome = 'attended') "
            "GROUP BY s.id ORDER BY s.start, s.id");
    while (unqualified.executeStep()) {
        c.sessions_with_unqualified_certificates.push_back(unqualified.getColumn(0).getString());
        c.certificates_not_qualifying += unqualified.getColumn(1).getInt64();
    }
    return c;
} catch (const SQLite::Exception& e) {
    fail(e);
}

} // namespace asnbelajar::store::sqlite
