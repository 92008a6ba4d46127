// Which PostgreSQL failures a retry on a new connection may cure (unavailable.hpp).
#include "unavailable.hpp"

#include <string_view>

namespace asnbelajar::store::postgres {

bool unavailable(const pq::Failure& e, PGconn* conn) {
    const std::string_view s = e.sqlstate;
    const std::string_view what = e.what();
    if (s == "08001") { // connecting failed: retry unless the server answered and refused us
        for (std::string_view refusal : {"authentication failed", "does not exist", "no pg_hba.conf entry",
                                         "password", "permission denied", "too many connections"})
            if (what.find(refusal) != std::string_view::npos) return false;
        return true;
    }
    if (s.starts_with("08")) return true;
    if (s == "57P01" || s == "57P02" || s == "57P03") return true; // admin / crash shutdown, starting up
    if (s == "25006") return true;                                 // read-only: the node is a standby now
    return s.empty() && conn && PQstatus(conn) == CONNECTION_BAD;
}

} // namespace asnbelajar::store::postgres
