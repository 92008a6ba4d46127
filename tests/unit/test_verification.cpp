#include "asnbelajar/certificates.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/verification.hpp"
#include "error_of.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sys/stat.h>

using namespace asnbelajar;

namespace {

const SignedFields siti{"1/BPSDM-ASNB/III/2022", "198609262015051001", "2022-03-03", "2022-03-03", "3"};

std::string file_text(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
}

// `code` with its field `index` (0 = the tag) replaced by `value`.
std::string with_field(const std::string& code, std::size_t index, const std::string& value) {
    std::vector<std::string> parts;
    std::size_t from = 0;
    for (std::size_t bar; (bar = code.find('|', from)) != std::string::npos; from = bar + 1)
        parts.push_back(code.substr(from, bar - from));
    parts.push_back(code.substr(from));
    parts.at(index) = value;
    std::string out;
    for (const std::string& p : parts)
        out += (out.empty() ? "" : "|") + p;
    return out;
}

} // namespace

TEST_CASE("signing key: made once, mode 0600, read back the same") {
    TempDir dir;
    const std::string path = dir.file("store.db.key");
    bool created = false;
    SigningKey key = SigningKey::load_or_create(path, &created);
    CHECK(created);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    SigningKey again = SigningKey::load_or_create(path, &created);
    CHECK_FALSE(created);
    CHECK(again.public_key() == key.public_key());
    CHECK(SigningKey::load(path).public_key() == key.public_key());
    CHECK(key.public_key().id().size() == 16);
    CHECK(file_text(path).find("key-id: " + key.public_key().id() + "\n") != std::string::npos);
    // Another key is another key.
    CHECK_FALSE(SigningKey::load_or_create(dir.file("other.key")).public_key() == key.public_key());
    // A missing directory is made, its owner's alone.
    SigningKey::load_or_create(dir.file("config/asnbelajar/registry.key"));
    REQUIRE(::stat(dir.file("config/asnbelajar").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
}

TEST_CASE("signing key: refused when others may read it, missing, or damaged") {
    TempDir dir;
    const std::string path = dir.file("k.key");
    CHECK(error_of([&] { SigningKey::load(path); }).starts_with("no signing key at " + path));
    SigningKey::load_or_create(path);
    ::chmod(path.c_str(), 0644);
    CHECK(error_of([&] { SigningKey::load(path); }) ==
          "the signing key " + path +
              " can be read or written by others (mode 644); a signing key must be its "
              "owner's alone: chmod 600 " +
              path);
    ::chmod(path.c_str(), 0600);
    std::string text = file_text(path);
    const std::size_t at = text.find("secret: ") + 8;
    text[at] = text[at] == 'A' ? 'B' : 'A'; // another secret under the same key-id line
    std::ofstream(path) << text;
    CHECK(error_of([&] { SigningKey::load(path); }) ==
          path + " is not a usable signing key: its key-id does not belong to its secret");
    std::ofstream(path) << "hello\n";
    CHECK(error_of([&] { SigningKey::load(path); }) ==
          path + " is not a usable signing key: it has no 'secret:' line");
}

TEST_CASE("public key: its text reads back; a key file gives its public half") {
    TempDir dir;
    const SigningKey key = SigningKey::load_or_create(dir.file("k.key"));
    const PublicKey& pub = key.public_key();
    CHECK(pub.text() == "asnbelajar-ed25519 " + pub.id() + " " + pub.base64());
    CHECK(PublicKey::parse(pub.text()) == pub);
    CHECK(PublicKey::parse("  " + pub.base64() + "\n") == pub);
    CHECK_FALSE(PublicKey::parse("asnbelajar-ed25519 0000000000000000 " + pub.base64())); // another id
    CHECK_FALSE(PublicKey::parse("not a key"));
    CHECK_FALSE(PublicKey::parse(pub.base64().substr(1)));
    CHECK(read_public_key(dir.file("k.key")) == pub);
    std::ofstream(dir.file("k.pub")) << "# BPSDM Jawa Timur\n" << pub.text() << "\n";
    CHECK(read_public_key(dir.file("k.pub")) == pub);
    std::ofstream(dir.file("empty.pub")) << "\n";
    CHECK(error_of([&] { read_public_key(dir.file("empty.pub")); }).find("holds no public key") !=
          std::string::npos);
}

TEST_CASE("verification code: the signed fields, and every change to them is caught") {
    TempDir dir;
    const SigningKey key = SigningKey::load_or_create(dir.file("k.key"));
    const std::vector<PublicKey> keys{key.public_key()};
    const std::string code = verification_code(siti, key);
    CHECK(code.starts_with("ASNB1|" + key.public_key().id() +
                           "|1/BPSDM-ASNB/III/2022|198609262015051001|2022-03-03|2022-03-03|3|"));
    const auto parsed = parse_verification_code(code);
    REQUIRE(parsed);
    CHECK(parsed->fields == siti);
    CHECK(parsed->text == code);
    CHECK(check_signature(*parsed, keys) == CodeStatus::valid);
    // Ed25519 is deterministic: the same certificate always gets the same code.
    CHECK(verification_code(siti, key) == code);

    // Each field changed: the signature no longer matches.
    for (auto [index, value] : std::vector<std::pair<std::size_t, std::string>>{{2, "2/BPSDM-ASNB/III/2022"},
                                                                                {3, "198609262015051002"},
                                                                                {4, "2022-03-10"},
                                                                                {5, "2022-03-04"},
                                                                                {6, "30"}}) {
        const auto shown = index; // clang 14 cannot capture a structured binding in CAPTURE's lambda
        CAPTURE(shown);
        auto altered = parse_verification_code(with_field(code, index, value));
        REQUIRE(altered);
        CHECK(check_signature(*altered, keys) == CodeStatus::altered);
    }
    // Another key's code is not ours; a code naming our key with another key's signature is altered.
    const SigningKey other = SigningKey::load_or_create(dir.file("other.key"));
    const std::string foreign = verification_code(siti, other);
    CHECK(check_signature(*parse_verification_code(foreign), keys) == CodeStatus::unknown);
    CHECK(check_signature(*parse_verification_code(foreign),
                          std::vector<PublicKey>{other.public_key(), key.public_key()}) == CodeStatus::valid);
    const std::string forged = with_field(foreign, 1, key.public_key().id());
    CHECK(check_signature(*parse_verification_code(forged), keys) == CodeStatus::altered);
}

TEST_CASE("verification code: separators in the fields, links, and what is not a code") {
    TempDir dir;
    const SigningKey key = SigningKey::load_or_create(dir.file("k.key"));
    const std::vector<PublicKey> keys{key.public_key()};
    const SignedFields odd{"7|ASNB 100%/III", "tamu@example.com", "2022-03-03-2", "2022-03-03", "2.5"};
    const std::string code = verification_code(odd, key);
    CHECK(code.find("|7%7CASNB 100%25/III|tamu@example.com|") != std::string::npos);
    const auto parsed = parse_verification_code(code);
    REQUIRE(parsed);
    CHECK(parsed->fields == odd);
    CHECK(check_signature(*parsed, keys) == CodeStatus::valid);

    // A link made with --verify-url: the code percent-encoded at its end.
    std::string encoded;
    for (unsigned char c : code) {
        const bool keep = std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
        encoded += keep ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
    }
    const auto from_link = parse_verification_code("https://bpsdm.jatimprov.go.id/verifikasi?c=" + encoded);
    REQUIRE(from_link);
    CHECK(from_link->text == code);
    CHECK(check_signature(*from_link, keys) == CodeStatus::valid);
    CHECK(parse_verification_code("  " + code + "\n")->text == code); // zbarimg's line end
    // The tag of a link is found in any case; the code read from it spells it ASNB1 and reads back the same
    // (found by fuzz_code: "ASNb1%7C…" gave a text that was no code).
    const auto other_case = parse_verification_code("https://x.go.id/v?c=ASNb1" + encoded.substr(5));
    REQUIRE(other_case);
    CHECK(other_case->text == code);
    const auto again = parse_verification_code(other_case->text);
    REQUIRE(again);
    CHECK(again->fields == odd);
    CHECK(check_signature(*again, keys) == CodeStatus::valid);

    CHECK_FALSE(parse_verification_code("https://example.com/"));
    CHECK_FALSE(parse_verification_code(""));
    CHECK(error_of([&] {
              parse_verification_code("ASNB1|abc|1|2");
          }).starts_with("malformed verification code: 4 fields separated by '|', expected 8"));
    CHECK(error_of([&] { parse_verification_code(with_field(code, 1, "XYZ")); }) ==
          "malformed verification code: the key id 'XYZ' is not 16 hex digits");
    CHECK(error_of([&] { parse_verification_code(code.substr(0, code.size() - 2)); }) ==
          "malformed verification code: the signature is not 64 bytes of base64url");
    CHECK(error_of([&] { parse_verification_code(with_field(code, 2, "7%7")); }) ==
          "malformed verification code: a bad %-escape in the number field");
}

TEST_CASE("default key path: beside an SQLite store; under XDG_CONFIG_HOME for a registry") {
    CHECK(default_key_path("/var/lib/asnbelajar/asnbelajar.db") == "/var/lib/asnbelajar/asnbelajar.db.key");
    CHECK(default_key_path("asnbelajar.db") == "asnbelajar.db.key");
    const char* was = std::getenv("XDG_CONFIG_HOME");
    const std::string saved = was ? was : "";
    ::setenv("XDG_CONFIG_HOME", "/etc/xdg-test", 1);
    CHECK(default_key_path("postgresql://bpsdm@db/asnbelajar") == "/etc/xdg-test/asnbelajar/registry.key");
    ::setenv("XDG_CONFIG_HOME", "", 1); // empty: as if unset
    CHECK(default_key_path("postgres://db/x").ends_with("/.config/asnbelajar/registry.key"));
    if (was)
        ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
    else
        ::unsetenv("XDG_CONFIG_HOME");
}
