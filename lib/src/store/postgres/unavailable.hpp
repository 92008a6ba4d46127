// Which PostgreSQL failures a retry on a new connection may cure (a failover, a restart): the store then throws
// store::Unavailable (asnbelajar/store_retry.hpp) instead of a plain Error.
#pragma once

#include "pq.hpp"

namespace asnbelajar::store::postgres {

// True for: no server reached (connection refused, timed out, no primary among the URL's hosts; not a refused
// password, a missing role or database), a connection lost (libpq's error on a connection now bad, SQLSTATE
// class 08), the server shutting down or starting up (57P01-57P03), and a write refused by a server that is a
// standby now (25006). `conn`: the connection the failure came on, or nullptr (connecting).
bool unavailable(const pq::Failure& e, PGconn* conn);

} // namespace asnbelajar::store::postgres
