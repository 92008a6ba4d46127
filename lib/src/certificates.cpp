#include "asnbelajar/certificates.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/text.hpp"
#include "asnbelajar/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <utility>

namespace asnbelajar {

CertificateFields certificate_fields(const Session& session, std::int64_t seq) {
    Date d = local_start_date(session);
    return {seq, session.series, session.code, d.year, d.month};
}

CertificateTemplate::CertificateTemplate(std::string_view text) : text_(text) {
    auto fail = [&](const std::string& why) { throw Error(tr("certificate template '{}': {}", text, why)); };
    std::string literal;
    auto flush = [&] {
        if (!literal.empty()) parts_.push_back({Field::literal, std::exchange(literal, {}), 0});
    };
    bool has_seq = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) fail(_("control characters are not allowed"));
        if (c == '}') {
            if (i + 1 < text.size() && text[i + 1] == '}') {
                literal += '}';
                ++i;
                continue;
            }
            fail(tr("'}}' at position {} closes nothing (write '}}}}' for a literal brace)", i + 1));
        }
        if (c != '{') {
            literal += c;
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '{') {
            literal += '{';
            ++i;
            continue;
        }
        std::size_t close = text.find('}', i + 1);
        std::size_t reopen = text.find('{', i + 1);
        if (close == std::string_view::npos || reopen < close)
            fail(tr("'{{' at position {} is not closed", i + 1));
        std::string_view inside = text.substr(i + 1, close - i - 1);
        std::string_view name = inside.substr(0, inside.find(':'));
        static constexpr std::pair<std::string_view, Field> known[] = {
            {"seq", Field::seq},   {"series", Field::series}, {"session", Field::session},
            {"year", Field::year}, {"month", Field::month},   {"month_roman", Field::month_roman}};
        Part part;
        auto found =
            std::find_if(std::begin(known), std::end(known), [&](const auto& k) { return k.first == name; });
        if (found == std::end(known))
            fail(tr("unknown field {{{}}} (known: seq, series, session, year, month, month_roman)", name));
        part.field = found->second;
        if (name.size() < inside.size()) {
            std::string_view spec = inside.substr(name.size() + 1);
            bool numeric = part.field != Field::session && part.field != Field::month_roman;
            if (!numeric) fail(tr("{{{}}} takes no width", name));
            // "06": zero-padded to 6 digits, the only width form a certificate number needs.
            const bool digits =
                spec.size() >= 2 && spec.size() <= 3 && spec[0] == '0' && text::all_digits(spec);
            int width = digits ? std::stoi(std::string(spec.substr(1))) : 0;
            if (width < 1 || width > 20)
                fail(tr("width '{}' in {{{}}} is not a zero-padded width like 06 (1 to 20)", spec, inside));
            part.width = width;
        }
        has_seq = has_seq || part.field == Field::seq;
        flush();
        parts_.push_back(std::move(part));
        i = close;
    }
    flush();
    if (!has_seq) fail(_("it must contain {seq}, or numbers would repeat"));
}

bool CertificateTemplate::uses_series() const {
    for (const Part& p : parts_)
        if (p.field == Field::series) return true;
    return false;
}

std::string CertificateTemplate::format(const CertificateFields& f) const {
    std::string out;
    auto number = [&](std::int64_t v, int width) { out += fmt::format("{:0{}}", v, width); };
    for (const Part& p : parts_) {
        switch (p.field) {
        case Field::literal: out += p.literal; break;
        case Field::seq: number(f.seq, p.width); break;
        case Field::series:
            if (!f.series)
                throw Error(tr("session {} has no series number, but the certificate template '{}' "
                               "uses {{series}}",
                               f.session, text_));
            number(*f.series, p.width);
            break;
        case Field::session: out += f.session; break;
        case Field::year: number(f.year, p.width); break;
        case Field::month: number(f.month, p.width); break;
        case Field::month_roman: out += roman_month(f.month); break;
        }
    }
    return out;
}

GateCheck check_gates(const Session& session, const store::RosterRow& row) {
    GateCheck g;
    g.survey_missing = session.requires_survey && !row.survey;
    if (session.requires_posttest) {
        g.posttest_missing = !row.posttest;
        g.posttest_failed = row.posttest && *row.posttest < session.pass_score * 100;
    }
    return g;
}

namespace {

// Throws unless the session may give certificates numbered by this template: not cancelled, and the template
// fits the session (checked before any number is drawn or any certificate changes).
void require_certifiable(const Session& session, const CertificateTemplate& tmpl) {
    if (session.status == SessionStatus::cancelled)
        throw Error(tr("session {} is cancelled: it gives no certificates", session.code));
    tmpl.format(certificate_fields(session, 1));
}

} // namespace

CertifyResult certify_session(store::Store& store, const Session& session, const CertificateTemplate& tmpl) {
    require_certifiable(session, tmpl);
    CertifyResult result;
    // The session report's order, so that numbering is deterministic.
    for (const store::RosterRow& row : store.session_roster(session.id)) {
        if (row.outcome != AttendanceOutcome::attended) continue;
        if (!row.certificate.empty()) {
            ++result.already;
            continue;
        }
        if (const GateCheck gates = check_gates(session, row); !gates.met()) {
            ++result.withheld;
            result.survey_missing += gates.survey_missing;
            result.posttest_missing += gates.posttest_missing;
            result.posttest_failed += gates.posttest_failed;
            continue;
        }
        std::int64_t seq = store.next_certificate_seq();
        std::string number = tmpl.format(certificate_fields(session, seq));
        store.insert_certificate(session.id, row.person.id, seq, number);
        result.issued.push_back({row.person, std::move(number)});
    }
    return result;
}

std::int64_t start_certificate_counter(store::Store& store, std::int64_t first) {
    if (first < 1) throw Error(tr("the first certificate number must be 1 or more, not {}", first));
    const std::int64_t highest = store.highest_certificate_seq();
    if (first <= highest)
        throw Error(tr("the certificate counter cannot start at {}: number {} has been issued already "
                       "(numbers are never reused); start above it, at {} or more",
                       first, highest, highest + 1));
    const std::int64_t was = store.certificate_counter() + 1;
    store.set_certificate_counter(first - 1);
    return was;
}

std::vector<RevokeResult> revoke_certificates(store::Store& store, const Session& session,
                                              const std::vector<Participant>& people) {
    std::vector<RevokeResult> out;
    for (const Participant& p : people)
        out.push_back({p, store.revoke_certificate(session.id, p.id)});
    return out;
}

CodeVerdict verify_code(std::string_view text, std::span<const PublicKey> keys, const store::Store* store) {
    CodeVerdict v;
    v.code = parse_verification_code(text);
    if (!v.code) {
        v.reason = _("not an asnbelajar verification code (it has no ASNB1|... in it)");
        return v;
    }
    const ParsedCode& c = *v.code;
    const SignedFields& f = c.fields;
    v.status = check_signature(c, keys);
    if (v.status == CodeStatus::unknown) {
        std::string ids;
        for (const PublicKey& k : keys)
            ids += (ids.empty() ? "" : ", ") + k.id();
        v.reason = trn("signed by key {}, not by the key given ({}): not a certificate of this agency, or "
                       "signed with a key it no longer uses",
                       "signed by key {}, not by the keys given ({}): not a certificate of this agency, or "
                       "signed with a key it no longer uses",
                       keys.size(), c.key_id, ids);
        return v;
    }
    if (v.status == CodeStatus::altered) {
        v.reason = tr("the signature of key {} does not match the fields: the number, NIP or e-mail, "
                      "session, date or JP was changed",
                      c.key_id);
        return v;
    }
    if (!store) {
        v.reason = tr("signed by key {}; revocation not checked (no store at hand)", c.key_id);
        return v;
    }
    v.store_checked = true;
    const auto record = store->certificate_by_number(f.number);
    const bool same_person =
        record && !f.person.empty() && (record->person.nip == f.person || record->person.email == f.person);
    if (!record || !same_person || record->session.code != f.session) {
        v.status = CodeStatus::unknown;
        v.reason = !record ? tr("signed by key {}, but the store has no certificate {}", c.key_id, f.number)
                           : tr("signed by key {}, but the store's certificate {} belongs to another "
                                "person or session",
                                c.key_id, f.number);
        return v;
    }
    v.name = record->person.name;
    v.title = record->session.title;
    if (record->revoked) {
        v.status = CodeStatus::revoked;
        v.reason = tr("certificate {} was revoked", f.number);
        return v;
    }
    v.reason = tr("signed by key {}; certificate {} is live in the store", c.key_id, f.number);
    const SignedFields now = signed_fields(record->session, record->person, record->number);
    if (now.date != f.date || now.jp != f.jp)
        v.reason += tr(" (the session was changed after it was issued: the store now says {}, {} JP)",
                       now.date, now.jp);
    return v;
}

std::vector<store::CertificateRow> unqualified_certificates(const store::Store& store,
                                                            const Session& session) {
    std::vector<store::CertificateRow> out;
    for (store::CertificateRow& c : store.live_certificates({session.id}))
        if (!c.attended) out.push_back(std::move(c));
    return out;
}

CertificateCheck count_live_certificates(std::span<const store::CertificateRow> live) {
    CertificateCheck c;
    for (const store::CertificateRow& row : live) {
        ++c.live;
        c.unqualified += !row.attended;
    }
    return c;
}

CertificateCheck check_certificates(const store::Store& store, const Session& session) {
    CertificateCheck c = count_live_certificates(store.live_certificates({session.id}));
    if (c.live == 0) return c; // never certified: nobody is missing one yet
    // Only people certify would number: attended and meeting the session's requirements (check_gates).
    for (const store::RosterRow& row : store.session_roster(session.id))
        c.uncertified += row.outcome == AttendanceOutcome::attended && row.certificate.empty() &&
                         check_gates(session, row).met();
    return c;
}

SyncResult sync_certificates(store::Store& store, const Session& session, const CertificateTemplate& tmpl) {
    require_certifiable(session, tmpl);
    SyncResult r;
    for (const store::CertificateRow& c : unqualified_certificates(store, session))
        r.revoked.push_back({c.person, store.revoke_certificate(session.id, c.person.id)});
    r.certified = certify_session(store, session, tmpl);
    return r;
}

} // namespace asnbelajar
