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
// True for the failures a retry on a new connection may cure (a failover, a restart): the store then throws
// store::Unavailable (asnbelajar/store_retry.hpp) instead of a plain Error. That is: no server reached
// (connection refused, timed out, no primary among the URL's hosts; not a refused password, a missing role or
// database), a connection lost (libpq's error on a connection now bad, SQLSTATE class 08), the server shutting
// down or starting up (57P01-57P03), and a write refused by a server that is a standby now (25006). `conn`: the
// connection the failure came on, or nullptr (connecting).
bool unavailable(const pq::Failure& e, PGconn* conn);
// The Error for the user: a broken constraint by its value (from `written`, else from the server's detail
// "Key (nip)=(…) already exists."), a fault by the store's location `display` (never with a password).
// `lock_timeout_s`: the lock wait, said when a lock was not granted.
Error translate(const pq::Failure& e, const std::string& display, WrittenValues written, int lock_timeout_s);

} // namespace asnbelajar::store::postgres
