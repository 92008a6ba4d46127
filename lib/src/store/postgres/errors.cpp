// The PostgreSQL backend's errors mapped onto the store's constraints and faults (errors.hpp).
#include "errors.hpp"

#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <string_view>

namespace asnbelajar::store::postgres {

std::optional<Constraint> pg_constraint(const pq::Failure& e) {
    if (e.sqlstate == "23503") return Constraint::reference; // foreign_key_violation
    if (e.sqlstate != "23505") return std::nullopt;          // unique_violation
    for (Constraint c : all_constraints)
        if (e.constraint == constraint_info(c).name) return c;
    return std::nullopt;
}

Fault pg_fault(const pq::Failure& e) {
    const std::string_view s = e.sqlstate;
    if (s == "55P03" || s == "40P01" || s == "40001")
        return Fault::locked;                                // lock timeout, deadlock, serialisation
    if (s == "25006") return Fault::read_only;               // read-only transaction (a standby)
    if (s.starts_with("53")) return Fault::full;             // disk full, out of memory, ...
    if (s == "XX001" || s == "XX002") return Fault::damaged; // data or index corrupted
    if (s == "08001" || s == "08004" || s == "28000" || s == "28P01" || s == "3D000")
        return Fault::cannot_open;
    if (s.empty() || s.starts_with("08") || s.starts_with("57P") || s.starts_with("58")) return Fault::io;
    return Fault::other;
}

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
    return s.empty() && conn && pq::lib().PQstatus(conn) == CONNECTION_BAD;
}

std::string reason(const pq::Failure& e) {
    return e.what();
}

std::string reason(const Error& e) {
    return e.what();
}

Error translate(const pq::Failure& e, const std::string& display, WrittenValues written, int lock_timeout_s) {
    if (std::optional<Constraint> c = pg_constraint(e)) {
        // A batch names no single value: the server's detail does ("Key (nip)=(1987…) already exists.").
        std::string from_detail;
        if (const std::size_t eq = e.detail.find(")=("); eq != std::string::npos) {
            const std::size_t end = e.detail.rfind(") already exists");
            if (end != std::string::npos && end > eq + 3 && e.detail.find(", ", 0) > eq)
                from_detail = e.detail.substr(eq + 3, end - eq - 3);
        }
        for (const Written& w : written)
            if (w.constraint == *c && !w.value.empty()) return Error(constraint_message(*c, written));
        if (!from_detail.empty() && *c != Constraint::certificate_live && *c != Constraint::reference)
            return Error(constraint_message(*c, {{*c, from_detail}}));
        return Error(constraint_message(*c, written));
    }
    const Fault f = pg_fault(e);
    std::string detail = reason(e);
    if (e.sqlstate == "55P03")
        detail = tr("the store is busy: another writer held a lock this command needs; waited {} s "
                    "(ASNBELAJAR_PG_LOCK_TIMEOUT)",
                    lock_timeout_s);
    return Error(fault_message(f, display, detail));
}

} // namespace asnbelajar::store::postgres
