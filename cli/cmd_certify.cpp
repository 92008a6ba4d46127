// asnbelajar certify SESSION [--sync] [--template T] [--first-number N] [--pdf DIR|FILE.pdf ...]
//                   | --revoke PERSON...; certify key|verify|codes (signing.hpp)
#include "app.hpp"
#include "certificate_notes.hpp"
#include "certificate_pdfs.hpp"
#include "signing.hpp"

#include "asnbelajar/certificates.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/participant.hpp"
#include "asnbelajar/session.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>

namespace asnbelajar::cli {
namespace {

struct CertifyOptions {
    std::string session;
    std::string templ{default_certificate_template};
    std::optional<std::int64_t> first_number;
    std::vector<std::string> revoke;
    PdfOptions pdf;
    bool sync = false;
};

// " (N)" or " (FIRST … LAST)": the numbers of `issued`.
std::string number_range(const std::vector<IssuedCertificate>& issued) {
    if (issued.empty()) return {};
    if (issued.size() == 1) return fmt::format(" ({})", issued.front().number);
    return fmt::format(" ({} … {})", issued.front().number, issued.back().number);
}

// The certificates a PDF may be printed for: live ones whose holder attended (a certificate that no longer
// qualifies is never presented as valid).
std::vector<store::CertificateRow> printable(std::vector<store::CertificateRow> live) {
    std::erase_if(live, [](const store::CertificateRow& c) { return !c.attended; });
    return live;
}

// certify, and certify --sync: first revoke what no longer qualifies; then number the new attendees; in one
// transaction.
void run_certify(Context& ctx, const CertifyOptions& o) {
    CertificateTemplate tmpl(o.templ); // a bad template fails before the store is opened
    std::optional<PdfRun> pdf;         // so do a bad layout, a missing font and an unwritable --pdf DIR
    if (!o.pdf.target.empty()) pdf.emplace(ctx, o.pdf);
    SyncResult result;
    CertificateCheck after;
    std::string code;
    std::optional<std::int64_t> was; // the counter's next number before --first-number
    Session session;
    std::vector<store::CertificateRow> live;
    ctx.write([&](store::Store& store) {
        session = resolve_session(store, o.session);
        code = session.code;
        if (o.first_number) was = start_certificate_counter(store, *o.first_number);
        if (o.sync)
            result = sync_certificates(store, session, tmpl);
        else
            result.certified = certify_session(store, session, tmpl);
        // One read of the live certificates gives both the counts and the PDFs' list.
        std::vector<store::CertificateRow> rows = store.live_certificates({session.id});
        after = count_live_certificates(rows);
        if (pdf) live = printable(std::move(rows));
        return static_cast<std::int64_t>(result.revoked.size() + result.certified.issued.size());
    });
    for (const RevokeResult& r : result.revoked)
        ctx.note(
            tr("{}: {}: revoked {} (no longer attended)", code, describe(r.person), r.number.value_or("")));
    if (was)
        ctx.note(
            tr("certificate numbers continue from {} (the next would have been {})", *o.first_number, *was));
    if (o.sync)
        ctx.note(tr("{}: revoked {}, certified {}{}; {} already had one", code, result.revoked.size(),
                    result.certified.issued.size(), number_range(result.certified.issued),
                    result.certified.already));
    else
        ctx.note(tr("{}: certified {}{}; {} already had one", code, result.certified.issued.size(),
                    number_range(result.certified.issued), result.certified.already));
    if (const CertifyResult& c = result.certified; c.withheld > 0) {
        std::vector<std::string> lacking;
        if (c.survey_missing) lacking.push_back(tr("{} without the survey", c.survey_missing));
        if (c.posttest_missing) lacking.push_back(tr("{} without the post-test", c.posttest_missing));
        if (c.posttest_failed)
            lacking.push_back(tr("{} below the pass score {}", c.posttest_failed, session.pass_score));
        ctx.note(
            trn("{}: {} attended but does not meet the requirements yet: {} (results import, then certify "
                "again)",
                "{}: {} attended but do not meet the requirements yet: {} (results import, then certify "
                "again)",
                c.withheld, code, c.withheld, fmt::format("{}", fmt::join(lacking, ", "))));
    }
    tell_certificates(ctx, code, after);
    if (pdf) pdf->write(session, live);
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
        ctx.note(r.number ? tr("{}: {}: revoked {}", code, describe(r.person), *r.number)
                          : tr("{}: {}: has no certificate to revoke", code, describe(r.person)));
}

} // namespace

void setup_certify(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<CertifyOptions>();
    auto* cmd =
        app.add_subcommand("certify", _("Number certificates for a session's attended participants who "
                                        "meet its requirements; sign and verify them"));
    // Not required by CLI11: `certify key|verify|codes` take none (checked in the callback).
    cmd->add_option("SESSION", o->session, _("Session code or id"));
    auto* templ =
        cmd->add_option("--template", o->templ,
                        _("Number template; fields {seq} ({seq:06} pads), {series}, {session}, {year}, "
                          "{month}, {month_roman}"))
            ->capture_default_str();
    auto* first =
        cmd->add_option("--first-number", o->first_number,
                        _("Continue an existing series: the first new certificate takes number N (N must be "
                          "above every number issued)"))
            ->type_name("N")
            ->check(CLI::PositiveNumber);
    cmd->add_option("--revoke", o->revoke,
                    _("Revoke these people's certificates (NIP or e-mail); numbers are never reused"))
        ->excludes(templ)
        ->excludes(first);
    cmd->add_flag("--sync", o->sync,
                  _("First revoke the certificates of people who no longer attended, then number the new "
                    "attendees"))
        ->excludes("--revoke");
    add_pdf_options(*cmd, o->pdf);
    cmd->get_option("--revoke")->excludes("--pdf");
    setup_certify_key(*cmd, ctx);
    setup_certify_verify(*cmd, ctx);
    setup_certify_codes(*cmd, ctx);
    cmd->footer(footer(
        _("Numbers come from one global counter: re-running certifies only the new attendees. A session with\n"
          "requirements (session add|edit --requires) certifies only those whose results meet them. After a\n"
          "correction (session edit, attend) commands say when certificates no longer qualify: --sync settles\n"
          "them in one transaction.\n"
          "--first-number continues an agency's existing series; it is refused unless N is above every number\n"
          "issued, and the audit log ('db log') keeps the command.\n"
          "With --pdf, the session's live certificates (new and earlier ones) are also written as PDF, each QR\n"
          "code a verification code signed with the signing key (--key; made on first use); the layout, its\n"
          "fonts and background, the key and the directory are checked before anything is written."),
        {"asnbelajar certify 2022-03-03 --template \"{seq:06}/BPSDM-ASNB/205.3/{month_roman}/{year}\"",
         "asnbelajar certify 2022-03-03 --sync", "asnbelajar certify 2025-02-20 --first-number 229472",
         "asnbelajar certify 2022-03-03 --pdf sertifikat/2022-03-03",
         "asnbelajar certify 2022-03-03 --pdf cetak.pdf --single-file --layout bpsdm.layout",
         "asnbelajar certify 2022-03-03 --revoke 198609262015051001"}));
    cmd->callback([&ctx, cmd, o] {
        if (!cmd->get_subcommands().empty()) return; // key, verify or codes ran
        if (o->session.empty())
            throw UsageError(
                _("certify needs a SESSION (or one of: certify key, certify verify, certify codes)"));
        if (cmd->count("--revoke"))
            run_revoke(ctx, *o);
        else
            run_certify(ctx, *o);
    });
}

} // namespace asnbelajar::cli
