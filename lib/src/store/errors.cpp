// The store's failures as the user's messages (errors.hpp says how), and the SQLite backend's mapping to them.
#include "errors.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sqlite3.h>
#include <unistd.h>

namespace asnbelajar::store {
namespace {

// One row per Constraint, in its order.
constexpr ConstraintInfo constraints[] = {
    {Constraint::participant_nip, "participants_nip", "participants.nip",
     "NIP {} already belongs to another participant", "two participants would have the same NIP"},
    {Constraint::participant_email, "participants_email", "participants.email",
     "e-mail {} already belongs to another participant", "two participants would have the same e-mail"},
    {Constraint::session_code, "sessions_code", "sessions.code", "a session with code {} already exists",
     "two sessions would have the same code"},
    {Constraint::certificate_seq, "certificates_seq", "certificates.seq",
     "certificate sequence number {} is taken already",
     "two certificates would have the same sequence number"},
    {Constraint::certificate_number, "certificates_number", "certificates.number",
     "certificate number {} exists already; choose a template that keeps numbers apart",
     "two certificates would have the same number"},
    {Constraint::certificate_live, "certificates_live",
     "certificates.session_id, certificates.participant_id",
     "the participant holds a live certificate of this session already",
     "the participant holds a live certificate of this session already"},
    {Constraint::result_attempt, "results_attempt",
     "results.session_id, results.kind, results.participant_id, results.submitted_at",
     "the result of {} at that time is recorded already", "the same attempt would be recorded twice"},
    // SQLite names no foreign key in its message ("FOREIGN KEY constraint failed"): one row for all of them.
    {Constraint::reference, "foreign key", "",
     "a row refers to a session or participant that is not in the store",
     "a row refers to a session or participant that is not in the store"},
};

// The extended result code of `e` (its primary code when SQLite gave none; -1 for SQLiteCpp's own errors).
int extended_code(const SQLite::Exception& e) {
    const int extended = e.getExtendedErrorCode();
    return extended > 0 ? extended : e.getErrorCode();
}

} // namespace

const ConstraintInfo& constraint_info(Constraint c) {
    for (const ConstraintInfo& info : constraints)
        if (info.constraint == c) return info;
    return constraints
        [0]; // unreachable: the table has a row for every Constraint (tests/unit/test_store.cpp)
}

std::string constraint_message(Constraint c, WrittenValues written) {
    const ConstraintInfo& info = constraint_info(c);
    for (const Written& w : written)
        if (w.constraint == c && !w.value.empty()) return fmt::format(fmt::runtime(info.message), w.value);
    return info.unnamed;
}

std::string fault_message(Fault f, const std::string& path, const std::string& detail) {
    switch (f) {
    case Fault::locked:
        return fmt::format("the store {} is locked by another process ({}); try again", path, detail);
    case Fault::read_only: return fmt::format("the store {} cannot be written: read-only ({})", path, detail);
    case Fault::full: return fmt::format("cannot write the store {}: disk full ({})", path, detail);
    case Fault::damaged: return fmt::format("{} is not an asnbelajar store or is damaged ({})", path, detail);
    case Fault::cannot_open: return fmt::format("cannot open store {}: {}", path, detail);
    case Fault::io: return fmt::format("cannot read or write the store {}: {}", path, detail);
    case Fault::other: break;
    }
    return fmt::format("store error in {}: {}", path, detail);
}

std::optional<Constraint> sqlite_constraint(const SQLite::Exception& e) {
    const int code = extended_code(e);
    if (code == SQLITE_CONSTRAINT_FOREIGNKEY) return Constraint::reference;
    if (code != SQLITE_CONSTRAINT_UNIQUE && code != SQLITE_CONSTRAINT_PRIMARYKEY) return std::nullopt;
    // "UNIQUE constraint failed: participants.nip": the columns follow the first ": ".
    const std::string_view what = e.what();
    const std::size_t colon = what.find(": ");
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view columns = what.substr(colon + 2);
    for (const ConstraintInfo& info : constraints)
        if (*info.sqlite && columns == info.sqlite) return info.constraint;
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
            why +=
                fmt::format("; the directory {} is not writable ({}): a store needs its -wal and -shm files "
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

} // namespace asnbelajar::store
