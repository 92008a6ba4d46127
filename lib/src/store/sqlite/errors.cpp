// The SQLite backend's errors mapped onto the store's constraints and faults (../errors.hpp).
#include "errors.hpp"

#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sqlite3.h>
#include <unistd.h>

namespace asnbelajar::store::sqlite {
namespace {

// The extended result code of `e` (its primary code when SQLite gave none; -1 for SQLiteCpp's own errors).
int extended_code(const SQLite::Exception& e) {
    const int extended = e.getExtendedErrorCode();
    return extended > 0 ? extended : e.getErrorCode();
}

} // namespace

std::optional<Constraint> sqlite_constraint(const SQLite::Exception& e) {
    const int code = extended_code(e);
    if (code == SQLITE_CONSTRAINT_FOREIGNKEY) return Constraint::reference;
    if (code != SQLITE_CONSTRAINT_UNIQUE && code != SQLITE_CONSTRAINT_PRIMARYKEY) return std::nullopt;
    // "UNIQUE constraint failed: participants.nip": the columns follow the first ": ".
    const std::string_view what = e.what();
    const std::size_t colon = what.find(": ");
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view columns = what.substr(colon + 2);
    for (Constraint c : all_constraints) {
        const ConstraintInfo& info = constraint_info(c);
        if (*info.sqlite && columns == info.sqlite) return c;
    }
    return std::nullopt;
}

Fault sqlite_fault(const SQLite::Exception& e) {
    switch (e.getErrorCode() & 0xff) { // the primary result code
    // SQLITE_LOCKED is not here: without a shared cache it is a conflict inside this connection (a statement
    // still stepping over a table being dropped), a bug of the store rather than another process.
    case SQLITE_BUSY: return Fault::locked;
    case SQLITE_READONLY: return Fault::read_only;
    case SQLITE_FULL: return Fault::full;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Fault::damaged;
    case SQLITE_CANTOPEN: return Fault::cannot_open;
    case SQLITE_IOERR: return Fault::io;
    default: return Fault::other;
    }
}

std::string sqlite_reason(const SQLite::Exception& e, const SQLite::Database* db, const std::string& path) {
    std::string why = e.what();
    const int code = e.getErrorCode() & 0xff;
    if (db && (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN ||
               code == SQLITE_READONLY || code == SQLITE_PERM))
        if (int os = sqlite3_system_errno(db->getHandle()); os != 0)
            why += fmt::format(" ({})", std::strerror(os));
    if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN) {
        const std::filesystem::path parent = std::filesystem::path(path).parent_path();
        const std::string dir = parent.empty() ? std::string(".") : parent.string();
        if (::access(dir.c_str(), W_OK) != 0)
            why += tr("; the directory {} is not writable ({}): a store needs its -wal and -shm files "
                      "beside it",
                      dir, std::strerror(errno));
    }
    return why;
}

Error translate(const SQLite::Exception& e, const std::string& path, const SQLite::Database* db,
                WrittenValues written) {
    if (std::optional<Constraint> c = sqlite_constraint(e)) return Error(constraint_message(*c, written));
    return Error(fault_message(sqlite_fault(e), path, sqlite_reason(e, db, path)));
}

} // namespace asnbelajar::store::sqlite
