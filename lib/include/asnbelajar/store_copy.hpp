// Copying a whole store into another, whatever their backends (db copy): SQLite to PostgreSQL to move an
// agency into a shared registry, PostgreSQL to SQLite for an offline copy, or between two of one kind.
#pragma once

#include "asnbelajar/progress.hpp"
#include "asnbelajar/store.hpp"

#include <array>
#include <cstdint>

namespace asnbelajar {

// The rows copied, per table (indexed by store::Table).
struct CopyCounts {
    std::array<std::int64_t, store::all_tables.size()> rows{};
    std::int64_t total() const;
};

// Copies every row of every table of `from` (read as one snapshot) into `to`, as it is: ids, arrival numbers,
// certificate numbers and the certificate counter, and the audit log. Runs inside the caller's write
// transaction on `to`, so that the copy is kept whole or not at all. `to` must hold no rows (a new store, or
// one that was only migrated); otherwise throws Error saying what it holds and what to do. After the copy, checks
// that `to` holds as many rows of each table as `from` had, and throws Error naming the first table that
// differs. `progress` (may be empty) hears the rows copied of the total, in "rows".
CopyCounts copy_store(const store::Store& from, store::Store& to, const ProgressFn& progress);

} // namespace asnbelajar
