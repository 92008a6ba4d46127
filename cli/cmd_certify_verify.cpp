// asnbelajar certify verify [TEXT...] [--qr-image FILE.png...] [--public-key FILE|TEXT...] [--offline]
#include "signing.hpp"

#include "asnbelajar/certificates.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/qr_image.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

namespace asnbelajar::cli {
namespace {

struct VerifyOptions {
    std::vector<std::string> texts, images, public_keys;
    bool offline = false;
};

// --public-key values: a file (a key file, or what `certify key --public` printed), else the key's text;
// without any, the signing key beside the store.
std::vector<PublicKey> verification_keys(const Context& ctx, const VerifyOptions& o) {
    std::vector<PublicKey> keys;
    for (const std::string& value : o.public_keys) {
        std::error_code ec;
        if (std::filesystem::exists(value, ec)) {
            keys.push_back(read_public_key(value));
        } else if (auto key = PublicKey::parse(value)) {
            keys.push_back(*key);
        } else {
            throw UsageError(tr("--public-key '{}': no such file, and not a public key (expected FILE, "
                                "or what 'asnbelajar certify key --public' prints: asnbelajar-ed25519 "
                                "KEYID KEY)",
                                value));
        }
    }
    if (!keys.empty()) return keys;
    const std::string path = key_path(ctx, "");
    if (key_in_registry(ctx, "")) {
        const auto store = ctx.read_store();
        std::optional<std::string> text = store->signing_key();
        if (!text)
            throw Error(tr("no key to check codes against: there is no signing key in {}; give the "
                           "agency's public key with --public-key FILE|TEXT (what 'asnbelajar certify key "
                           "--public' prints)",
                           path));
        keys.push_back(SigningKey::from_text(std::move(*text), path).public_key());
        return keys;
    }
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(tr("no key to check codes against: there is no signing key at {}; give the "
                       "agency's public key with --public-key FILE|TEXT (what 'asnbelajar certify key "
                       "--public' prints)",
                       path));
    keys.push_back(read_public_key(path));
    return keys;
}

void run_verify(Context& ctx, const VerifyOptions& o) {
    if (o.texts.empty() && o.images.empty())
        throw UsageError(_("certify verify needs a code (TEXT) or --qr-image FILE.png"));
    const std::vector<PublicKey> keys = verification_keys(ctx, o);
    // The codes, before the store is opened: an unreadable image fails first.
    std::vector<std::string> codes = o.texts;
    for (const std::string& image : o.images) {
        std::vector<std::string> found = read_qr_codes_png(image);
        if (found.empty())
            throw Error(tr("no QR code found in {} (a page rendered at 150 dpi or more reads best)", image));
        codes.insert(codes.end(), found.begin(), found.end());
    }
    // The store is at hand when it was named (--db, $ASNBELAJAR_DB) or the default one exists.
    std::unique_ptr<store::Store> store;
    const std::string path = ctx.store_path();
    const char* env = std::getenv("ASNBELAJAR_DB");
    std::error_code ec;
    if (o.offline) {
        ctx.note(_("--offline: revocation not checked"));
    } else if (!ctx.globals.db.empty() || (env && *env) || std::filesystem::exists(path, ec)) {
        store = store::open(path, store::Access::read);
    } else {
        ctx.note(tr("no store at {}: signatures checked, revocation not checked", path));
    }
    std::vector<CodeVerdict> verdicts;
    for (const std::string& text : codes) {
        verdicts.push_back(verify_code(text, keys, store.get()));
        const CodeVerdict& v = verdicts.back();
        ctx.note(fmt::format("{}: {}", to_string(v.status), v.reason));
        if (v.status != CodeStatus::valid) ctx.exit_code = 1;
    }
    ctx.emit(verification_report(verdicts, ctx.report_context()));
}

} // namespace

void setup_certify_verify(CLI::App& certify, Context& ctx) {
    auto o = std::make_shared<VerifyOptions>();
    auto* cmd =
        certify.add_subcommand("verify", _("Check certificate verification codes: valid, revoked, altered "
                                           "or unknown (exit 0 only when every one is valid)"));
    cmd->add_option("TEXT", o->texts,
                    _("A code (ASNB1|...), or a link carrying one, as the QR code holds it"));
    cmd->add_option("--qr-image", o->images,
                    _("Read the codes from the QR codes of a PNG image (a scan, a photo, "
                      "a page rendered with pdftoppm -png)"));
    cmd->add_option(
        "--public-key", o->public_keys,
        _("The agency's public key: FILE, or its text (default: the signing key beside the store)"));
    cmd->add_flag("--offline", o->offline,
                  _("Check the signature only; do not look in the store for revocation"));
    cmd->footer(footer(
        _("valid: signed by the key, and (with a store) a live certificate of that person and session;\n"
          "revoked: signed, but revoked; altered: a field was changed after signing; unknown: not our code,\n"
          "another key's, or a number the store does not have for that person and session."),
        {"asnbelajar certify verify 'ASNB1|3f0c9e1a2b4d5c6e|1/BPSDM-ASNB/III/2022|198609262015051001|...'",
         "asnbelajar certify verify --qr-image halaman-1.png --public-key bpsdm-jatim.pub --format json"}));
    cmd->callback([&ctx, o] { run_verify(ctx, *o); });
}

} // namespace asnbelajar::cli
