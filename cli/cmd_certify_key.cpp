// asnbelajar certify key --init | --public [--key FILE]
#include "signing.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>

namespace asnbelajar::cli {

bool key_in_registry(const Context& ctx, const std::string& key_option) {
    if (!key_option.empty()) return false;
    return store::keeps_signing_key(ctx.store_path());
}

std::string key_path(const Context& ctx, const std::string& key_option) {
    if (key_in_registry(ctx, key_option))
        return tr("{} (table signing_key)", store::printable_argument(ctx.store_path()));
    return key_option.empty() ? default_key_path(ctx.store_path()) : key_option;
}

namespace {

// The registry's key; made (inside a transaction of its own) when there is none and `create`.
std::optional<SigningKey> registry_key(const Context& ctx, bool create) {
    const std::string where = key_path(ctx, "");
    if (!create) {
        const auto store = ctx.read_store();
        std::optional<std::string> text = store->signing_key();
        if (!text) return std::nullopt;
        return SigningKey::from_text(std::move(*text), where);
    }
    const auto store = store::open(ctx.store_path(), store::Access::write);
    if (std::optional<std::string> text = store->signing_key())
        return SigningKey::from_text(std::move(*text), where);
    ctx.check_writable();
    std::string made = SigningKey::new_key_text();
    std::string text;
    {
        store::Store::Transaction tx(*store);
        text = store->put_signing_key(made);
        tx.commit();
    }
    const bool created = text == made;
    SigningKey key = SigningKey::from_text(std::move(text), where);
    if (created)
        ctx.note(
            tr("made a new signing key in {} (key id {}): only the role that owns the store can read it; "
               "back the registry up (pg_dump), and keep the key secret: whoever holds it can sign this "
               "agency's certificates",
               where, key.public_key().id()));
    return key;
}

} // namespace

SigningKey signing_key(const Context& ctx, const std::string& key_option) {
    if (key_in_registry(ctx, key_option)) return *registry_key(ctx, true);
    const std::string path = key_path(ctx, key_option);
    bool created = false;
    SigningKey key = SigningKey::load_or_create(path, &created);
    if (created)
        ctx.note(tr("made a new signing key {} (key id {}): back it up apart from the store, and keep it "
                    "secret: whoever holds it can sign this agency's certificates",
                    path, key.public_key().id()));
    return key;
}

SigningKey existing_signing_key(const Context& ctx, const std::string& key_option) {
    if (!key_in_registry(ctx, key_option)) return SigningKey::load(key_path(ctx, key_option));
    if (std::optional<SigningKey> key = registry_key(ctx, false)) return *key;
    throw Error(tr("no signing key in {}: 'asnbelajar certify key --init' makes one (give another with --key "
                   "FILE)",
                   key_path(ctx, "")));
}

namespace {

struct KeyOptions {
    bool init = false, show_public = false;
    std::string key;
};

void run_key(Context& ctx, const KeyOptions& o) {
    if (!o.init && !o.show_public) throw UsageError(_("certify key needs --init or --public (or both)"));
    const std::string path = key_path(ctx, o.key);
    const SigningKey key = o.init ? signing_key(ctx, o.key) : existing_signing_key(ctx, o.key);
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
    cmd->add_option(
        "--key", o->key,
        _("The signing key file (default: beside the store, STORE.key; a PostgreSQL registry keeps "
          "its key in its table signing_key)"));
    cmd->footer(footer(
        _("The signing key of a store file is a file (mode 0600), never a row of the store: back it up with "
          "the store. A PostgreSQL registry keeps it in its table signing_key, which only the role that owns "
          "the store may read."),
        {"asnbelajar certify key --init", "asnbelajar certify key --public > bpsdm-jatim.pub"}));
    cmd->callback([&ctx, o] { run_key(ctx, *o); });
}

} // namespace asnbelajar::cli
