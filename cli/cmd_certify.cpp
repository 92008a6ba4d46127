// asnbelajar certify SESSION [--template T] | --sync [--template T] | --revoke PERSON...
#include "app.hpp"
#include "certificate_notes.hpp"

#include "asnbelajar/certificates.hpp"
#include "asnbelajar/participant.hpp"
#include "asnbelajar/session.hpp"

#include <fmt/format.h>

#include <memory>

namespace asnbelajar::cli {
namespace {

struct CertifyOptions {
    std::string session;
    std::string templ{default_certificate_template};
    std::vector<std::string> revoke;
    bool sync = false;
};

// " (N)" or " (FIRST … LAST)": the numbers of `issued`.
std::string number_range(const std::vector<IssuedCertificate>& issued) {
    if (issued.empty()) return {};
    if (issued.size() == 1) return fmt::format(" ({})", issued.front().number);
    return fmt::format(" ({} … {})", issued.front().number, issued.back().number);
}

void run_certify(Context& ctx, const CertifyOptions& o) {
    CertificateTemplate tmpl(o.templ); // a bad template fails before the store is opened
    CertifyResult result;
    CertificateCheck after;
    std::string code;
    ctx.write([&](store::Store& store) {
        Session session = resolve_session(store, o.session);
        code = session.code;
        result = certify_session(store, session, tmpl);
        after = check_certificates(store, session);
        return static_cast<std::int64_t>(result.issued.size());
    });
    ctx.note(fmt::format("{}: certified {}{}; {} already had one", code, result.issued.size(),
                         number_range(result.issued), result.already));
    tell_certificates(ctx, code, after);
}

// certify --sync: revoke what no longer qualifies, number the new attendees, in one transaction.
void run_sync(Context& ctx, const CertifyOptions& o) {
    CertificateTemplate tmpl(o.templ);
    SyncResult result;
    std::string code;
    ctx.write([&](store::Store& store) {
        Session session = resolve_session(store, o.session);
        code = session.code;
        result = sync_certificates(store, session, tmpl);
        return static_cast<std::int64_t>(result.revoked.size() + result.certified.issued.size());
    });
    for (const RevokeResult& r : result.revoked)
        ctx.note(fmt::format("{}: {}: revoked {} (no longer attended)", code, describe(r.person),
                             r.number.value_or("")));
    ctx.note(fmt::format("{}: revoked {}, certified {}{}; {} already had one", code, result.revoked.size(),
                         result.certified.issued.size(), number_range(result.certified.issued),
                         result.certified.already));
}

void run_revoke(Context& ctx, const CertifyOptions& o) {
    std::vector<RevokeResult> results;
    std::string code;
    ctx.write([&](store::Store& store) {
        Session session = resolve_session(store, o.session);
        code = session.code;
        results = revoke_certificates(store, session, resolve_people(store, o.revoke));
        std::int64_t rows = 0;
        for (const RevokeResult& r : results)
            rows += r.number.has_value();
        return rows;
    });
    for (const RevokeResult& r : results)
        ctx.note(r.number ? fmt::format("{}: {}: revoked {}", code, describe(r.person), *r.number)
                          : fmt::format("{}: {}: has no certificate to revoke", code, describe(r.person)));
}

} // namespace

void setup_certify(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<CertifyOptions>();
    auto* cmd = app.add_subcommand("certify", "Number certificates for a session's attended participants");
    cmd->add_option("SESSION", o->session, "Session code or id")->required();
    auto* templ =
        cmd->add_option("--template", o->templ,
                        "Number template; fields {seq} ({seq:06} pads), {series}, {session}, {year}, "
                        "{month}, {month_roman}")
            ->capture_default_str();
    auto* revoke = cmd->add_option("--revoke", o->revoke,
                                   "Revoke these people's certificates (NIP or e-mail); numbers are "
                                   "never reused")
                       ->excludes(templ);
    cmd->add_flag("--sync", o->sync,
                  "Revoke the certificates of people who no longer attended, then number the new attendees")
        ->excludes(revoke);
    cmd->footer(
        "Numbers come from one global counter: re-running certifies only the new attendees. After a\n"
        "correction (session edit, attend) commands say when certificates no longer qualify: --sync settles\n"
        "them in one transaction.\n"
        "Examples:\n"
        "  asnbelajar certify 2022-03-03 --template \"{seq:06}/BPSDM-ASNB/205.3/{month_roman}/{year}\"\n"
        "  asnbelajar certify 2022-03-03 --sync\n"
        "  asnbelajar certify 2022-03-03 --revoke 198609262015051001");
    cmd->callback([&ctx, cmd, o] {
        if (cmd->count("--revoke"))
            run_revoke(ctx, *o);
        else if (o->sync)
            run_sync(ctx, *o);
        else
            run_certify(ctx, *o);
    });
}

} // namespace asnbelajar::cli
