// How the store's interface reaches the PostgreSQL backend (store.cpp).
#pragma once

#include "asnbelajar/store.hpp"

#include <memory>
#include <string>

namespace asnbelajar::store::postgres {

// store::open() for a postgresql:// or postgres:// URL.
std::unique_ptr<Store> open(const std::string& url, Access access, DryRun dry_run);
// The URL as it may be printed: scheme, user, host, port, database and the socket directory or service, never
// the password (libpq's PQconninfoParse reads it; an unreadable URL prints as "postgresql://(unreadable URL)").
std::string display_url(const std::string& url);

} // namespace asnbelajar::store::postgres
