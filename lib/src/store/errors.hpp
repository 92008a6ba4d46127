// How the store's failures reach its callers: always as asnbelajar::Error with a user's message, never as the
// database library's exception. Private to the store layer.
//
// Two kinds of failure, each said once for every backend:
//  - a broken constraint of the schema: `Constraint`, one row per named constraint in errors.cpp's table, with
//    the user's message (naming the value the write was storing, when the caller says which);
//  - a fault of the database or the machine: `Fault` (locked, read-only, disk full, damaged, cannot open...),
//    with the store's path and the backend's own words.
// A backend maps its errors onto these once. SQLite (sqlite/errors.hpp) reads the extended result code and, for
// UNIQUE and PRIMARY KEY failures, the columns its message names ("UNIQUE constraint failed:
// participants.nip"; SQLite reports no constraint name), which the table lists per constraint. A PostgreSQL
// backend would map the SQLSTATE (23505 unique, 23503 foreign key, 55P03 locked, 53100 disk full, ...) and
// look the constraint up by the `name` the table gives it (PG_DIAG_CONSTRAINT_NAME).
//
// Every operation of a backend that touches the database runs its body in a function-try-block whose handler
// is the backend's one translation point (SQLite: SqliteStore::fail(); tests/cli/test_security.sh checks that
// none is missed).
#pragma once

#include "asnbelajar/error.hpp"

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace asnbelajar::store {

// The schema's constraints that a write of the store can break.
enum class Constraint {
    participant_nip,    // a NIP belongs to one participant
    participant_email,  // an e-mail address belongs to one participant
    session_code,       // a session code names one session
    certificate_seq,    // a certificate sequence number is taken once
    certificate_number, // a certificate number is issued once
    certificate_live,   // a person holds at most one live certificate per session
    result_attempt,     // an attempt at a survey or post-test is recorded once
    reference,          // every reference to a session or participant is to one in the store
};
// Every Constraint, in its order: each backend looks a broken constraint up here.
constexpr Constraint all_constraints[] = {Constraint::participant_nip,    Constraint::participant_email,
                                          Constraint::session_code,       Constraint::certificate_seq,
                                          Constraint::certificate_number, Constraint::certificate_live,
                                          Constraint::result_attempt,     Constraint::reference};
static_assert(
    [] {
        for (std::size_t i = 0; i < std::size(all_constraints); ++i)
            if (all_constraints[i] != static_cast<Constraint>(i)) return false;
        return std::size(all_constraints) == static_cast<std::size_t>(Constraint::reference) + 1;
    }(),
    "all_constraints lists every Constraint once, in order");

// The database's and the machine's failures, each with its own message.
enum class Fault {
    locked,      // another process held the store beyond the busy timeout
    read_only,   // the store (its file, directory or file system) cannot be written
    full,        // the disk (or the file-size limit) is full
    damaged,     // the file is not a store or is corrupt
    cannot_open, // the file cannot be opened
    io,          // another input/output error
    other,       // anything else
};

struct ConstraintInfo {
    Constraint constraint;
    const char* name;    // its name in the schema (the index's name, where SQLite has one)
    const char* sqlite;  // the columns SQLite's message names for it ("table.column, ..."), or "" for none
    const char* message; // the user's message; "{}" is the value the write was storing
    const char* unnamed; // the user's message when the value is not known
};

// The row of `c` in the table.
const ConstraintInfo& constraint_info(Constraint c);

// A value a write was storing under a constraint it may break, for that constraint's message.
struct Written {
    Constraint constraint;
    std::string_view value;
};
using WrittenValues = std::initializer_list<Written>;

// The user's message for a broken constraint / a fault of the store at `path`; `detail` is the backend's words.
std::string constraint_message(Constraint c, WrittenValues written);
std::string fault_message(Fault f, const std::string& path, const std::string& detail);

} // namespace asnbelajar::store
