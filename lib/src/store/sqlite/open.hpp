// How the store's interface reaches the SQLite backend (store.cpp): opening a store file, and whether one exists.
#pragma once

#include "asnbelajar/store.hpp"

#include <memory>
#include <string>

namespace asnbelajar::store::sqlite {

// store::open() and store::exists() for a path (or "" and ":memory:", SQLite's private databases).
std::unique_ptr<Store> open(const std::string& path, Access access, DryRun dry_run);
bool exists(const std::string& path);

} // namespace asnbelajar::store::sqlite
