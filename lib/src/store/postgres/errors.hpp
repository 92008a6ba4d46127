// The PostgreSQL backend's errors mapped onto the store's constraints and faults (../errors.hpp): by SQLSTATE
// and, for a broken constraint, by its name (PG_DIAG_CONSTRAINT_NAME), which the schema gives as errors.cpp's
// table does.
#pragma once

#include "../errors.hpp"
#include "pq.hpp"

#include <optional>
#include <string>

namespace asnbelajar::store::postgres {

// The constraint a failure broke, if it is one of the table's.
std::optional<Constraint> pg_constraint(const pq::Failure& e);
Fault pg_fault(const pq::Failure& e);
// The server's (or libpq's) own words for a failure; the message of an Error.
std::string reason(const pq::Failure& e);
std::string reason(const Error& e);
// The Error for the user: a broken constraint by its value (from `written`, else from the server's detail
// "Key (nip)=(…) already exists."), a fault by the store's location `display` (never with a password).
// `lock_timeout_s`: the lock wait, said when a lock was not granted.
Error translate(const pq::Failure& e, const std::string& display, WrittenValues written, int lock_timeout_s);

} // namespace asnbelajar::store::postgres
