// How the store's interface reaches the SQLite backend (store.cpp): opening a store file, and whether one exists.
#pragma once

#include "asnbelajar/store.hpp"

#include <memory>
#include <string>

namespace asnbelajar::store::sqlite {

// store::open() and store::exists() for a path (or "" and ":memory:", SQLite's private databases).
std::unique_ptr<Store> open(const std::string& path, Access access, DryRun dry_run);
bool exists(const std::string& path);
// A file: URI naming `path` (made absolute) for sqlite3_open_v2 with SQLITE_OPEN_URI, with `query`
// ("immutable=1"): every byte but letters, digits and "/-._~" percent-encoded, so that no name can end the path
// early ("?", "#") or be read as an escape ("%").
std::string file_uri(const std::string& path, const char* query);

} // namespace asnbelajar::store::sqlite
