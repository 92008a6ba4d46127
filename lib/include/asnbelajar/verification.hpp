// Verification codes of certificates: an Ed25519 signature (libsodium) over what a certificate says, so that
// anyone holding the agency's public key can tell a real certificate from an edited one, offline.
//
// A code is one line of text, printed as the certificate's QR code (or behind a link the agency serves):
//
//     ASNB1|KEYID|NUMBER|PERSON|SESSION|DATE|JP|SIGNATURE
//
// ASNB1 names this format; KEYID the signing key (16 hex digits: the start of the SHA-256 of its public half);
// NUMBER the certificate number; PERSON the NIP, or the e-mail address of someone without one; SESSION the
// session code; DATE the session's local start date (ISO 8601); JP its lesson hours ("3", "2.5"); SIGNATURE the
// Ed25519 signature (64 bytes, base64url without padding) of everything before its own "|". In the fields,
// '%' and '|' are written %25 and %7C.
//
// The signing key is a file (mode 0600) beside a store file, never a row of it: whoever can only read or
// write the database cannot sign. A PostgreSQL registry keeps it in its table signing_key instead, which only
// the role that owns the store may read (docs/certificates.md); the CLI reads it through store::Store. The library never prints; everything here throws asnbelajar::Error.
#pragma once

#include "asnbelajar/model.hpp"

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar {

// The version tag that starts every code.
inline constexpr std::string_view code_tag = "ASNB1";

// What a code vouches for.
struct SignedFields {
    std::string number;  // the certificate number
    std::string person;  // the NIP, or the e-mail address of someone without one
    std::string session; // the session code
    std::string date;    // the session's local start date, "2022-03-03"
    std::string jp;      // the session's JP, "3", "2.5"
    bool operator==(const SignedFields&) const = default;
};

// The fields of certificate `number` of `person` in `session`.
SignedFields signed_fields(const Session& session, const Participant& person, const std::string& number);

// The public half of a signing key: what verifiers need.
class PublicKey {
  public:
    explicit PublicKey(const std::array<unsigned char, 32>& bytes);

    // A key as `text()` writes it ("asnbelajar-ed25519 KEYID KEY"), or KEY alone (43 characters of base64url);
    // surrounding blanks ignored. nullopt for anything else, and for a KEYID that is not this key's.
    static std::optional<PublicKey> parse(std::string_view text);

    std::string id() const;     // 16 hex digits
    std::string base64() const; // the 32 bytes, base64url without padding
    std::string text() const;   // "asnbelajar-ed25519 KEYID KEY"
    // True when `signature` (64 bytes) is this key's signature of `message`.
    bool verify(std::string_view message, std::string_view signature) const;
    bool operator==(const PublicKey&) const = default;

  private:
    std::array<unsigned char, 32> bytes_;
};

// The agency's signing key, read from its file.
class SigningKey {
  public:
    // Reads the key file at `path`. Throws Error when there is none (saying how to make one), when it cannot be
    // read, when others than its owner may read or write it (mode 0600 is needed: "chmod 600 PATH"), and when
    // it is not a key file or is damaged.
    static SigningKey load(const std::string& path);
    // Loads the key at `path`, or makes a new one there when there is none: written beside it and linked into
    // place with mode 0600, so that a key file is whole or absent and two processes that make one at once end
    // up with the same key. A missing directory is made with mode 0700. `created` (when given) says whether
    // this call made it.
    static SigningKey load_or_create(const std::string& path, bool* created = nullptr);
    // The key in `text`, the contents of a key file (a key kept in a PostgreSQL registry is kept as this
    // text); `where` names it in errors. Throws Error as load() does for a damaged file. Wipes `text`.
    static SigningKey from_text(std::string text, const std::string& where);
    // The text of a key file holding a new key (random; load_or_create() writes the same).
    static std::string new_key_text();

    SigningKey(const SigningKey&) = default;
    SigningKey& operator=(const SigningKey&) = default;
    ~SigningKey(); // wipes the secret from memory

    const PublicKey& public_key() const { return public_; }
    // The Ed25519 signature of `message`: 64 bytes.
    std::string sign(std::string_view message) const;

  private:
    SigningKey(const std::array<unsigned char, 32>& seed);
    std::array<unsigned char, 64> secret_{}; // libsodium's secret key: the seed, then the public key
    PublicKey public_;
};

// The public key in the file at `path`: a signing key file (its public half), or a file holding a public key
// as PublicKey::parse reads it. Throws Error as SigningKey::load does for a key file, and for a file that
// holds no key.
PublicKey read_public_key(const std::string& path);

// The code of `fields`, signed with `key`.
std::string verification_code(const SignedFields& fields, const SigningKey& key);

// A code as read back: its fields decoded, and what its signature is checked against.
struct ParsedCode {
    std::string text;      // the code itself (taken out of a URL when it came in one)
    std::string key_id;    // 16 hex digits
    SignedFields fields;   // decoded
    std::string signature; // 64 bytes
    std::string message;   // the signed text rebuilt from the fields
};

// Finds a code in `text`: the code itself, or a URL that carries it percent-encoded (certify --verify-url);
// surrounding blanks ignored. nullopt when `text` holds none (no "ASNB1|", nor "ASNB1%7C"). Throws Error for a
// code that is malformed: not eight fields, a key id that is not 16 hex digits, a signature that is not 64
// bytes of base64url, a bad %-escape.
std::optional<ParsedCode> parse_verification_code(std::string_view text);

// What a verifier concludes. See docs/certificates.md.
//   valid   the signature matches the fields under one of the keys, and, when the store was at hand, the
//           store has that certificate number, live, for that person and session;
//   revoked the signature matches, and the store has the certificate, revoked;
//   altered the code names one of the keys, but the signature does not match its fields: one was changed;
//   unknown not a code of ours: no code at all, one signed by a key we were not given, or (store at hand) a
//           number the store does not have for that person and session.
enum class CodeStatus { valid, revoked, altered, unknown };
std::string_view to_string(CodeStatus s);

// The signature check alone: unknown when no key in `keys` has the code's key id, altered when that key did
// not sign the fields, valid otherwise.
CodeStatus check_signature(const ParsedCode& code, std::span<const PublicKey> keys);

// Where a store file's signing key lives by default: beside it, as STORE.key. (A PostgreSQL registry keeps
// its key in the registry: store::Store::signing_key.) For a postgres:// or postgresql:// URL this is
// $XDG_CONFIG_HOME/asnbelajar/registry.key (XDG_CONFIG_HOME unset or empty: $HOME/.config), used only by
// callers that want a file. Throws Error when neither XDG_CONFIG_HOME nor HOME is set for a registry.
std::string default_key_path(const std::string& store);

} // namespace asnbelajar
