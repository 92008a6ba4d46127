// The seam between the program and its PostgreSQL module (asnbelajar-pg.so): libpq and the 20-odd shared
// libraries it brings (Kerberos, LDAP, SASL, GnuTLS, …) are loaded with dlopen() only when a command opens a
// PostgreSQL store, so that every SQLite command starts without them (issue 18: they doubled the start-up of
// `asnbelajar --version`).
//
// The module holds no code of ours: it is linked with libpq and hands the program a table of the libpq
// functions the backend calls (lib/src/store/postgres/pq.hpp calls them through pq::lib()). The backend itself
// stays in the library, so that nothing crosses the seam but libpq's own C interface: no exceptions, no C++
// types. Both sides are built from one source tree in one build; a module from another build is refused.
#pragma once

#include <libpq-fe.h>

#include <cstddef>

namespace asnbelajar::pg {

// The libpq functions the PostgreSQL backend (and its tests) call, under libpq's own names and types.
struct LibpqApi {
    // The program's version and the size of this table: a module from another build is refused.
    const char* version;
    std::size_t size;
    decltype(&::PQconnectdbParams) PQconnectdbParams;
    decltype(&::PQstatus) PQstatus;
    decltype(&::PQfinish) PQfinish;
    decltype(&::PQerrorMessage) PQerrorMessage;
    decltype(&::PQsetNoticeProcessor) PQsetNoticeProcessor;
    decltype(&::PQtransactionStatus) PQtransactionStatus;
    decltype(&::PQconninfo) PQconninfo;
    decltype(&::PQconninfoParse) PQconninfoParse;
    decltype(&::PQconninfoFree) PQconninfoFree;
    decltype(&::PQfreemem) PQfreemem;
    decltype(&::PQexec) PQexec;
    decltype(&::PQprepare) PQprepare;
    decltype(&::PQexecParams) PQexecParams;
    decltype(&::PQexecPrepared) PQexecPrepared;
    decltype(&::PQresultStatus) PQresultStatus;
    decltype(&::PQresultErrorField) PQresultErrorField;
    decltype(&::PQresultErrorMessage) PQresultErrorMessage;
    decltype(&::PQclear) PQclear;
    decltype(&::PQntuples) PQntuples;
    decltype(&::PQgetisnull) PQgetisnull;
    decltype(&::PQgetvalue) PQgetvalue;
    decltype(&::PQgetlength) PQgetlength;
    decltype(&::PQcmdTuples) PQcmdTuples;
    decltype(&::PQputCopyData) PQputCopyData;
    decltype(&::PQputCopyEnd) PQputCopyEnd;
    decltype(&::PQgetCopyData) PQgetCopyData;
    decltype(&::PQgetResult) PQgetResult;
};

// The module's one exported symbol: `extern "C" const LibpqApi* asnbelajar_pg_module()`.
constexpr const char* module_entry = "asnbelajar_pg_module";
using ModuleEntry = const LibpqApi* (*)();
// Its file name, looked for as the PDF module is (modules.hpp).
constexpr const char* module_file = "asnbelajar-pg.so";

} // namespace asnbelajar::pg
