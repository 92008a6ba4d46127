#include "asnbelajar/verification.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/text.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace asnbelajar {
namespace {

constexpr std::string_view key_text_tag = "asnbelajar-ed25519";
constexpr std::size_t max_key_file = 64 * 1024;

void init_sodium() {
    // Thread-safe and cheap after the first call; fails only when the system has no source of randomness.
    if (sodium_init() < 0) throw Error(_("cannot initialise libsodium (no source of randomness?)"));
}

std::string base64url(const unsigned char* data, std::size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::strlen(out.c_str()));
    return out;
}

// Exactly `size` bytes of base64url without padding, or nothing.
std::optional<std::string> from_base64url(std::string_view text, std::size_t size) {
    std::string out(size, '\0');
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                          nullptr, &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        len != size || end != text.data() + text.size())
        return std::nullopt;
    return out;
}

// '%' and '|' as %25 and %7C: a field never contains the separator.
std::string escape(std::string_view field) {
    std::string out;
    out.reserve(field.size());
    for (char c : field) {
        if (c == '%')
            out += "%25";
        else if (c == '|')
            out += "%7C";
        else
            out += c;
    }
    return out;
}

int hex_value(char c) {
    if (text::is_digit(c)) return c - '0';
    const char l = text::to_lower(c);
    return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
}

// Every %XX of `s` as its byte; nothing for a '%' without two hex digits.
std::optional<std::string> unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (i + 2 >= s.size()) return std::nullopt;
        const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

// The signed text: everything of the code but its signature.
std::string signed_message(std::string_view key_id, const SignedFields& f) {
    return fmt::format("{}|{}|{}|{}|{}|{}|{}", code_tag, key_id, escape(f.number), escape(f.person),
                       escape(f.session), escape(f.date), escape(f.jp));
}

std::string key_id_of(const std::array<unsigned char, 32>& key) {
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, key.data(), key.size());
    std::string out;
    for (int i = 0; i < 8; ++i)
        out += fmt::format("{:02x}", hash[i]);
    return out;
}

bool is_key_id(std::string_view s) {
    if (s.size() != 16) return false;
    for (char c : s)
        if (!text::is_digit(c) && !(c >= 'a' && c <= 'f')) return false;
    return true;
}

// The text of a key file, read through one descriptor (so that the mode checked is that of the file read).
// Throws Error for a missing, unreadable or oversized file, and, when `secret`, for one others may read.
std::string read_key_file(const std::string& path, bool secret) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            throw Error(tr("no signing key at {}: 'asnbelajar certify key --init' makes one (give "
                           "another with --key FILE)",
                           path));
        throw Error(tr("cannot read the key {}: {}", path, std::strerror(errno)));
    }
    struct stat st {};
    std::string out;
    try {
        if (::fstat(fd, &st) != 0) throw Error(tr("cannot read the key {}: {}", path, std::strerror(errno)));
        if (!S_ISREG(st.st_mode)) throw Error(tr("cannot read the key {}: not a regular file", path));
        if (static_cast<std::uint64_t>(st.st_size) > max_key_file)
            throw Error(tr("{} is not a key file (it is {} bytes long)", path, st.st_size));
        if (secret && (st.st_mode & 077) != 0)
            throw Error(tr("the signing key {} can be read or written by others (mode {:o}); a signing "
                           "key must be its owner's alone: chmod 600 {}",
                           path, st.st_mode & 0777, path));
        char buf[4096];
        for (;;) {
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw Error(tr("cannot read the key {}: {}", path, std::strerror(errno)));
            if (n == 0) break;
            out.append(buf, static_cast<std::size_t>(n));
            if (out.size() > max_key_file) throw Error(tr("{} is not a key file (too long)", path));
        }
    } catch (...) {
        ::close(fd);
        sodium_memzero(out.data(), out.size());
        throw;
    }
    ::close(fd);
    return out;
}

// The value of the line "NAME: value" of a key file, or nothing.
std::optional<std::string_view> key_file_value(std::string_view file, std::string_view name) {
    std::size_t pos = 0;
    while (pos < file.size()) {
        std::size_t end = file.find('\n', pos);
        if (end == std::string_view::npos) end = file.size();
        const std::string_view line = text::trim_blanks(file.substr(pos, end - pos));
        pos = end + 1;
        if (line.size() > name.size() && line.starts_with(name) && line[name.size()] == ':')
            return text::trim_blanks(line.substr(name.size() + 1));
    }
    return std::nullopt;
}

std::string key_file_text(const PublicKey& pub, const std::array<unsigned char, 32>& seed) {
    return fmt::format(
        "# asnbelajar certificate signing key (Ed25519). Keep it secret, keep a backup: whoever\n"
        "# holds this file can sign this agency's certificates. See docs/certificates.md.\n"
        "key-id: {}\n"
        "public: {}\n"
        "secret: {}\n",
        pub.id(), pub.base64(), base64url(seed.data(), seed.size()));
}

// Writes all of `data` to `fd`; false on failure (errno set).
bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

} // namespace

SignedFields signed_fields(const Session& session, const Participant& person, const std::string& number) {
    return {number, person.nip.empty() ? person.email : person.nip, session.code,
            format_date(local_start_date(session)), format_jp(session.jp_tenths)};
}

// ---- PublicKey

PublicKey::PublicKey(const std::array<unsigned char, 32>& bytes) : bytes_(bytes) {}

std::optional<PublicKey> PublicKey::parse(std::string_view text) {
    init_sodium();
    std::string_view t = text::trim_blanks(text);
    std::string_view id;
    if (t.starts_with(key_text_tag)) {
        t = text::trim_blanks(t.substr(key_text_tag.size()));
        const std::size_t space = t.find(' ');
        if (space == std::string_view::npos) return std::nullopt;
        id = t.substr(0, space);
        t = text::trim_blanks(t.substr(space + 1));
    }
    const auto bytes = from_base64url(t, 32);
    if (!bytes) return std::nullopt;
    std::array<unsigned char, 32> key{};
    std::memcpy(key.data(), bytes->data(), key.size());
    PublicKey pub(key);
    if (!id.empty() && id != pub.id()) return std::nullopt;
    return pub;
}

std::string PublicKey::id() const {
    return key_id_of(bytes_);
}

std::string PublicKey::base64() const {
    return base64url(bytes_.data(), bytes_.size());
}

std::string PublicKey::text() const {
    return fmt::format("{} {} {}", key_text_tag, id(), base64());
}

bool PublicKey::verify(std::string_view message, std::string_view signature) const {
    init_sodium();
    if (signature.size() != crypto_sign_BYTES) return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                       bytes_.data()) == 0;
}

// ---- SigningKey

namespace {
std::array<unsigned char, 32> public_of_seed(const std::array<unsigned char, 32>& seed,
                                             std::array<unsigned char, 64>& secret) {
    init_sodium();
    std::array<unsigned char, 32> pub{};
    crypto_sign_seed_keypair(pub.data(), secret.data(), seed.data());
    return pub;
}
} // namespace

SigningKey::SigningKey(const std::array<unsigned char, 32>& seed) : public_(public_of_seed(seed, secret_)) {}

SigningKey::~SigningKey() {
    sodium_memzero(secret_.data(), secret_.size());
}

SigningKey SigningKey::load(const std::string& path) {
    return from_text(read_key_file(path, true), path);
}

std::string SigningKey::new_key_text() {
    init_sodium();
    std::array<unsigned char, 32> seed{};
    randombytes_buf(seed.data(), seed.size());
    SigningKey key(seed);
    std::string content = key_file_text(key.public_, seed);
    sodium_memzero(seed.data(), seed.size());
    return content;
}

SigningKey SigningKey::from_text(std::string file, const std::string& path) {
    init_sodium();
    const auto damaged = [&](const char* why) {
        sodium_memzero(file.data(), file.size());
        return Error(tr("{} is not a usable signing key: {}", path, why));
    };
    const auto secret = key_file_value(file, "secret");
    if (!secret) throw damaged(_("it has no 'secret:' line"));
    auto seed_bytes = from_base64url(*secret, 32);
    if (!seed_bytes) throw damaged(_("its secret is not 32 bytes of base64url"));
    std::array<unsigned char, 32> seed{};
    std::memcpy(seed.data(), seed_bytes->data(), seed.size());
    sodium_memzero(seed_bytes->data(), seed_bytes->size());
    SigningKey key(seed);
    sodium_memzero(seed.data(), seed.size());
    // The lines beside the secret say what it is; a file whose lines disagree has been damaged or edited.
    if (const auto id = key_file_value(file, "key-id"); id && *id != key.public_.id())
        throw damaged(_("its key-id does not belong to its secret"));
    if (const auto pub = key_file_value(file, "public"); pub && *pub != key.public_.base64())
        throw damaged(_("its public key does not belong to its secret"));
    sodium_memzero(file.data(), file.size());
    return key;
}

SigningKey SigningKey::load_or_create(const std::string& path, bool* created) {
    if (created) *created = false;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0 || errno != ENOENT) return load(path);
    init_sodium();
    namespace fs = std::filesystem;
    const fs::path parent = fs::path(path).parent_path();
    const std::string dir = parent.empty() ? std::string(".") : parent.string();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec) throw Error(tr("cannot make the directory {} for the signing key: {}", dir, ec.message()));
        fs::permissions(dir, fs::perms::owner_all, ec); // a directory of keys: its owner's alone
    }
    std::array<unsigned char, 32> seed{};
    randombytes_buf(seed.data(), seed.size());
    SigningKey key(seed);
    std::string content = key_file_text(key.public_, seed);
    sodium_memzero(seed.data(), seed.size());
    // mkstemp makes the file with mode 0600; link() puts it in place only if no key is there yet.
    std::string tmp = (fs::path(dir) / ".asnbelajar-key-XXXXXX").string();
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) {
        sodium_memzero(content.data(), content.size());
        throw Error(tr("cannot write the signing key {}: {}", path, std::strerror(errno)));
    }
    const bool written = ::fchmod(fd, 0600) == 0 && write_all(fd, content) && ::fsync(fd) == 0;
    const int write_error = errno;
    sodium_memzero(content.data(), content.size());
    ::close(fd);
    if (!written) {
        ::unlink(tmp.c_str());
        throw Error(tr("cannot write the signing key {}: {}", path, std::strerror(write_error)));
    }
    const int linked = ::link(tmp.c_str(), path.c_str());
    const int link_error = errno;
    ::unlink(tmp.c_str());
    if (linked != 0 && link_error == EEXIST) return load(path); // another process made one meanwhile
    if (linked != 0) throw Error(tr("cannot write the signing key {}: {}", path, std::strerror(link_error)));
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd); // the new name survives a crash
        ::close(dfd);
    }
    if (created) *created = true;
    return key;
}

std::string SigningKey::sign(std::string_view message) const {
    std::string sig(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         secret_.data());
    return sig;
}

PublicKey read_public_key(const std::string& path) {
    std::string file = read_key_file(path, false);
    if (key_file_value(file, "secret")) {
        sodium_memzero(file.data(), file.size());
        return SigningKey::load(path).public_key(); // checks its mode, and that its lines agree
    }
    if (const auto pub = key_file_value(file, "public"))
        if (auto key = PublicKey::parse(*pub)) return *key;
    // A file of `certify key --public`: its first line that is not a comment.
    std::size_t pos = 0;
    while (pos < file.size()) {
        std::size_t end = file.find('\n', pos);
        if (end == std::string::npos) end = file.size();
        const std::string_view line = text::trim_blanks(std::string_view(file).substr(pos, end - pos));
        pos = end + 1;
        if (line.empty() || line.front() == '#') continue;
        if (auto key = PublicKey::parse(line)) return *key;
        break;
    }
    throw Error(tr("{} holds no public key (expected what 'asnbelajar certify key --public' prints: "
                   "{} KEYID KEY)",
                   path, key_text_tag));
}

// ---- codes

std::string verification_code(const SignedFields& fields, const SigningKey& key) {
    const std::string message = signed_message(key.public_key().id(), fields);
    const std::string sig = key.sign(message);
    return message + "|" + base64url(reinterpret_cast<const unsigned char*>(sig.data()), sig.size());
}

std::optional<ParsedCode> parse_verification_code(std::string_view text) {
    init_sodium();
    const std::string_view t = text::trim_blanks(text);
    const std::string plain = std::string(code_tag) + "|";
    std::string code;
    if (const std::size_t at = t.find(plain); at != std::string_view::npos) {
        code = t.substr(at);
    } else {
        // A link (certify --verify-url): the code follows, percent-encoded, to the end of the URL's query.
        const std::string encoded = text::to_lower(code_tag) + "%7c";
        const std::string lower = text::to_lower(t);
        const std::size_t from = lower.find(encoded);
        if (from == std::string::npos) return std::nullopt;
        std::string_view rest = t.substr(from);
        rest = rest.substr(0, rest.find_first_of("&# \t\r\n"));
        auto decoded = unescape(rest);
        if (!decoded) throw Error(_("malformed verification code: a bad %-escape in the link"));
        code = std::move(*decoded);
        // The tag was found in any case (asnb1%7c): the code's text (ParsedCode::text) spells it ASNB1, so that
        // reading that text again gives the same code.
        code.replace(0, code_tag.size(), code_tag);
    }
    std::vector<std::string_view> parts;
    std::string_view rest = code;
    for (std::size_t bar; (bar = rest.find('|')) != std::string_view::npos; rest.remove_prefix(bar + 1))
        parts.push_back(rest.substr(0, bar));
    parts.push_back(rest);
    if (parts.size() != 8)
        throw Error(tr("malformed verification code: {} fields separated by '|', expected 8 "
                       "(ASNB1|KEYID|NUMBER|NIP-OR-E-MAIL|SESSION|DATE|JP|SIGNATURE)",
                       parts.size()));
    ParsedCode p;
    p.text = code;
    p.key_id = std::string(parts[1]);
    if (!is_key_id(p.key_id))
        throw Error(tr("malformed verification code: the key id '{}' is not 16 hex digits", p.key_id));
    const auto sig = from_base64url(parts[7], crypto_sign_BYTES);
    if (!sig) throw Error(_("malformed verification code: the signature is not 64 bytes of base64url"));
    p.signature = *sig;
    std::string* fields[] = {&p.fields.number, &p.fields.person, &p.fields.session, &p.fields.date,
                             &p.fields.jp};
    static constexpr const char* names[] = {N_("number"), N_("NIP or e-mail"), N_("session"), N_("date"),
                                            "JP"};
    for (std::size_t i = 0; i < 5; ++i) {
        auto value = unescape(parts[i + 2]);
        if (!value)
            throw Error(tr("malformed verification code: a bad %-escape in the {} field", _(names[i])));
        *fields[i] = std::move(*value);
    }
    p.message = signed_message(p.key_id, p.fields);
    return p;
}

std::string_view to_string(CodeStatus s) {
    switch (s) {
    case CodeStatus::valid: return "valid";
    case CodeStatus::revoked: return "revoked";
    case CodeStatus::altered: return "altered";
    case CodeStatus::unknown: return "unknown";
    }
    return "unknown";
}

CodeStatus check_signature(const ParsedCode& code, std::span<const PublicKey> keys) {
    for (const PublicKey& key : keys)
        if (key.id() == code.key_id)
            return key.verify(code.message, code.signature) ? CodeStatus::valid : CodeStatus::altered;
    return CodeStatus::unknown;
}

std::string default_key_path(const std::string& store) {
    if (!store.starts_with("postgresql://") && !store.starts_with("postgres://")) return store + ".key";
    const char* config = std::getenv("XDG_CONFIG_HOME");
    if (config && *config) return (std::filesystem::path(config) / "asnbelajar" / "registry.key").string();
    const char* home = std::getenv("HOME");
    if (!home || !*home)
        throw Error("no place for the registry's signing key: neither XDG_CONFIG_HOME nor HOME is set (give "
                    "--key FILE)");
    return (std::filesystem::path(home) / ".config" / "asnbelajar" / "registry.key").string();
}

} // namespace asnbelajar
