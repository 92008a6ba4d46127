// The SQLite backend's errors as the store's (../errors.hpp): the one place that reads SQLite's codes and
// messages. Private to the SQLite backend.
#pragma once

#include "../errors.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>

namespace asnbelajar::store::sqlite {

// The constraint an SQLite error reports as broken, if it is one of the table's.
std::optional<Constraint> sqlite_constraint(const SQLite::Exception& e);
// The fault an SQLite error (other than a broken constraint) is.
Fault sqlite_fault(const SQLite::Exception& e);
// SQLite's message, with the operating system's reason when a file operation failed ("disk I/O error" alone
// does not tell an admin that the disk is full), and, when a file could not be opened or written, whether its
// directory may be written (a WAL store needs its -wal and -shm files beside it). `db` may be null.
std::string sqlite_reason(const SQLite::Exception& e, const SQLite::Database* db, const std::string& path);
// The Error that `e`, raised by the store at `path` (its connection `db`, or null), means for the user.
Error translate(const SQLite::Exception& e, const std::string& path, const SQLite::Database* db,
                WrittenValues written = {});

} // namespace asnbelajar::store::sqlite
