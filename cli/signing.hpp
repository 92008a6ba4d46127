// certify's signing key and its subcommands `certify key`, `certify verify` and `certify codes`.
#pragma once

#include "app.hpp"

#include "asnbelajar/verification.hpp"

#include <string>

namespace asnbelajar::cli {

// True when the signing key is the registry's: no --key FILE, and the store is a PostgreSQL registry, which
// keeps its key in its table signing_key (store::Store::signing_key) instead of a file.
bool key_in_registry(const Context& ctx, const std::string& key_option);

// The signing key's file: --key FILE when given, else the default beside the store (default_key_path). For a
// key in the registry: the registry's location and table, for messages.
std::string key_path(const Context& ctx, const std::string& key_option);

// The signing key, made on first use: a note on stderr then says where it is and that it needs a backup.
SigningKey signing_key(const Context& ctx, const std::string& key_option);

// The signing key as it is: throws Error when there is none (saying how to make one).
SigningKey existing_signing_key(const Context& ctx, const std::string& key_option);

// `certify key`, `certify verify`, `certify codes`: added to the `certify` command.
void setup_certify_key(CLI::App& certify, Context& ctx);
void setup_certify_verify(CLI::App& certify, Context& ctx);
void setup_certify_codes(CLI::App& certify, Context& ctx);

} // namespace asnbelajar::cli
