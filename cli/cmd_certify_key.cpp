// asnbelajar certify key --init | --public [--key FILE]
#include "signing.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <memory>

namespace asnbelajar::cli {

std::string key_path(const Context& ctx, const std::string& key_option) {
    return key_option.empty() ? default_key_path(ctx.store_path()) : key_option;
}

SigningKey signing_key(const Context& ctx, const std::string& key_option) {
    const std::string path = key_path(ctx, key_option);
    bool created = false;
    SigningKey key = SigningKey::load_or_create(path, &created);
    if (created)
        ctx.note(tr("made a new signing key {} (key id {}): back it up apart from the store, and keep it "
                    "secret: whoever holds it can sign this agency's certificates",
                    path, key.public_key().id()));
    return key;
}

namespace {

struct KeyOptions {
    bool init = false, show_public = false;
    std::string key;
};

void run_key(Context& ctx, const KeyOptions& o) {
    if (!o.init && !o.show_public) throw UsageError(_("certify key needs --init or --public (or both)"));
    const std::string path = key_path(ctx, o.key);
    const SigningKey key = o.init ? signing_key(ctx, o.key) : SigningKey::load(path);
    if (o.init) ctx.note(tr("signing key {}: key id {}", path, key.public_key().id()));
    if (!o.show_public) return;
    const PublicKey& pub = key.public_key();
    if (ctx.globals.format.empty() || ctx.globals.format == "table") {
        // One line, as --public-key and read_public_key() take it back: `... key --public > bpsdm.pub`.
        ctx.out << pub.text() << '\n';
        return;
    }
    ctx.emit(public_key_report(pub, ctx.report_context()));
}

} // namespace

void setup_certify_key(CLI::App& certify, Context& ctx) {
    auto o = std::make_shared<KeyOptions>();
    auto* cmd =
        certify.add_subcommand("key", _("Make the signing key, or print its public half for verifiers"));
    cmd->add_flag("--init", o->init, _("Make the signing key if there is none (else say which it is)"));
    cmd->add_flag("--public", o->show_public,
                  _("Print the public key verifiers need: asnbelajar-ed25519 KEYID KEY"));
    cmd->add_option("--key", o->key, _("The signing key file (default: beside the store, STORE.key)"));
    cmd->footer(footer(
        _("The signing key is a file (mode 0600), never a row of the store: back it up with the store."),
        {"asnbelajar certify key --init", "asnbelajar certify key --public > bpsdm-jatim.pub"}));
    cmd->callback([&ctx, o] { run_key(ctx, *o); });
}

} // namespace asnbelajar::cli
