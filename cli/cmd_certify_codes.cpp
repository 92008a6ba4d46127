// asnbelajar certify codes SESSION [--key FILE]
#include "signing.hpp"

#include "asnbelajar/i18n.hpp"
#include "asnbelajar/reports.hpp"
#include "asnbelajar/session.hpp"

#include <memory>

namespace asnbelajar::cli {
namespace {

struct CodesOptions {
    std::string session;
    std::string key;
};

} // namespace

void setup_certify_codes(CLI::App& certify, Context& ctx) {
    auto o = std::make_shared<CodesOptions>();
    auto* cmd = certify.add_subcommand(
        "codes",
        _("The verification code of each live certificate of a session (for mail merges and portals)"));
    cmd->add_option("SESSION", o->session, _("Session code or id"))->required();
    cmd->add_option("--key", o->key,
                    _("The signing key file (default: beside the store; made on first use)"));
    cmd->footer(examples({"asnbelajar certify codes 2022-03-03 --format csv -o kode-2022-03-03.csv"}));
    cmd->callback([&ctx, o] {
        const auto opened = ctx.read_store();
        const store::Store& store = *opened;
        const Session session = resolve_session(store, o->session);
        const SigningKey key = signing_key(ctx, o->key);
        ctx.emit(certificate_codes_report(store, session, key, ctx.report_context()));
    });
}

} // namespace asnbelajar::cli
