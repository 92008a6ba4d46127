// The PostgreSQL module (asnbelajar-pg.so, loaded by lib/src/store/postgres/libpq.cpp when a command opens a
// PostgreSQL store): libpq's functions in a table (module_api.hpp).
#include "module_api.hpp"

#ifndef ASNBELAJAR_VERSION
#define ASNBELAJAR_VERSION "dev"
#endif

namespace asnbelajar::pg {
namespace {

const LibpqApi api{
    ASNBELAJAR_VERSION, sizeof(LibpqApi),      &::PQconnectdbParams,    &::PQstatus,
    &::PQfinish,        &::PQerrorMessage,     &::PQsetNoticeProcessor, &::PQtransactionStatus,
    &::PQconninfo,      &::PQconninfoParse,    &::PQconninfoFree,       &::PQfreemem,
    &::PQexec,          &::PQprepare,          &::PQexecParams,         &::PQexecPrepared,
    &::PQresultStatus,  &::PQresultErrorField, &::PQresultErrorMessage, &::PQclear,
    &::PQntuples,       &::PQgetisnull,        &::PQgetvalue,           &::PQgetlength,
    &::PQcmdTuples,     &::PQputCopyData,      &::PQputCopyEnd,         &::PQgetCopyData,
    &::PQgetResult,
};

} // namespace
} // namespace asnbelajar::pg

extern "C" __attribute__((visibility("default"))) const asnbelajar::pg::LibpqApi* asnbelajar_pg_module() {
    return &asnbelajar::pg::api;
}
