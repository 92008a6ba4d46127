// libpq from the PostgreSQL module (pq.hpp's lib(); pg/module_api.hpp).
#include "pq.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "modules.hpp"

#include <string>
#include <string_view>

#ifndef ASNBELAJAR_VERSION
#define ASNBELAJAR_VERSION "dev"
#endif

namespace asnbelajar::store::postgres::pq {
namespace {

const pg::LibpqApi& load() {
    std::string reasons;
    const pg::LibpqApi* found = load_module_table<pg::LibpqApi>(
        "ASNBELAJAR_PG_MODULE", pg::module_file, pg::module_entry, ASNBELAJAR_VERSION, reasons);
    if (!found)
        throw Error(tr("PostgreSQL stores need asnbelajar's PostgreSQL module ({}), which could not be "
                       "loaded{} (reinstall asnbelajar)",
                       pg::module_file, reasons));
    return *found;
}

} // namespace

const pg::LibpqApi& lib() {
    // A failed load throws out of the initialisation, so that the next call tries again (and says why again).
    static const pg::LibpqApi& api = load();
    return api;
}

} // namespace asnbelajar::store::postgres::pq
