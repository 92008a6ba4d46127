// The text of a certificate and what its QR code carries: plain strings, no drawing (the drawing is the PDF
// module's, lib/src/pdf/).
#include "asnbelajar/certificate_pdf.hpp"

#include "asnbelajar/session.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/time.hpp"
#include "asnbelajar/verification.hpp"

#include <fmt/format.h>

#include <cctype>

namespace asnbelajar {

CertificateText certificate_text(const Session& session, const store::CertificateRow& row, Lang lang) {
    CertificateText t;
    t.name = row.person.name;
    t.nip = row.person.nip;
    t.email = row.person.email;
    t.agency = row.person.agency;
    t.unit = row.person.unit;
    t.title = session.title;
    t.session = session.code;
    const Date d = local_start_date(session);
    t.date = format_date(d);
    t.date_text = human_date(d, lang);
    t.jp = format_jp(session.jp_tenths);
    t.number = row.number;
    t.series = session.series ? std::to_string(*session.series) : "";
    return t;
}

std::string certificate_payload(const CertificateText& t, const SigningKey& key) {
    // The fields as signed_fields() takes them from the session and person: certificate_text() formats the date
    // and JP the same way.
    return verification_code({t.number, t.nip.empty() ? t.email : t.nip, t.session, t.date, t.jp}, key);
}

std::string percent_encode(std::string_view s) {
    std::string out;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) && u < 0x80)
            out += c;
        else if (c == '-' || c == '.' || c == '_' || c == '~')
            out += c;
        else
            out += fmt::format("%{:02X}", u);
    }
    return out;
}

std::string qr_content(const CertificateText& t) {
    return t.verification_url.empty() ? t.verification : t.verification_url + percent_encode(t.verification);
}

const std::string& field_value(const CertificateText& t, CertificateField f) {
    switch (f) {
    case CertificateField::name: return t.name;
    case CertificateField::nip: return t.nip;
    case CertificateField::email: return t.email;
    case CertificateField::agency: return t.agency;
    case CertificateField::unit: return t.unit;
    case CertificateField::title: return t.title;
    case CertificateField::session: return t.session;
    case CertificateField::date: return t.date_text;
    case CertificateField::jp: return t.jp;
    case CertificateField::number: return t.number;
    case CertificateField::series: return t.series;
    }
    return t.name;
}

} // namespace asnbelajar
