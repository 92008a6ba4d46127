// E-certificates as PDF: the text each certificate prints, what its QR code carries, and the writer that draws
// them on a layout (certificate_layout.hpp) with cairo (PDF), pango (text shaping, embedded font subsets) and
// libqrencode (the QR code).
#pragma once

#include "asnbelajar/certificate_layout.hpp"
#include "asnbelajar/model.hpp"
#include "asnbelajar/progress.hpp"

#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace asnbelajar {

namespace store {
struct CertificateRow;
}
class SigningKey;

// Everything one certificate prints: plain text, formatted already. The writer adds nothing of its own.
struct CertificateText {
    std::string name; // with academic titles, as stored: "Dr. Siti Rahayu, S.Pd., M.M."
    std::string nip;  // 18 digits, or empty
    std::string email;
    std::string agency, unit;
    std::string title;     // the session's title
    std::string session;   // the session's code
    std::string date;      // ISO 8601 local start date of the session: "2022-03-03"
    std::string date_text; // in the layout's language: "Kamis, 3 Maret 2022" ({date} on the page)
    std::string jp;        // "3", "2.5"
    std::string number;    // the certificate number
    std::string series;    // the session's series number, or empty
    // What the QR code carries, opaque to the writer (certificate_payload() makes it: the signed code).
    std::string verification;
    // When not empty, the QR code carries this URL followed by `verification` percent-encoded (qr_content()),
    // and the QR code is a link in the PDF.
    std::string verification_url;
};

// The text of `row`'s certificate of `session`, its date written in `lang`; `verification` left empty.
CertificateText certificate_text(const Session& session, const store::CertificateRow& row, Lang lang);

// What the QR code of a certificate carries: its verification code (verification.hpp), signed with `key`:
// "ASNB1|KEYID|NUMBER|NIP-or-e-mail|SESSION|DATE|JP|SIGNATURE".
std::string certificate_payload(const CertificateText& text, const SigningKey& key);

// The QR code's content: `verification`, or `verification_url` followed by `verification` percent-encoded
// (RFC 3986: every byte but A-Z a-z 0-9 - . _ ~ as %XX).
std::string qr_content(const CertificateText& text);

// "%2F"-style encoding of every byte of `s` but the unreserved ones (A-Z a-z 0-9 - . _ ~).
std::string percent_encode(std::string_view s);

// Variable text of `field` for `text` ({date} is date_text).
const std::string& field_value(const CertificateText& text, CertificateField field);

// Draws certificates on a layout. Making one checks what the layout needs from the system, so that a run
// fails before it writes anything; then write() can be called any number of times.
//
// A writer is used by one thread at a time; threads that write in parallel each make their own (they share
// nothing: each has its own font map and its own copy of the background). Call prepare_certificate_fonts()
// once before starting such threads.
class CertificatePdfWriter {
  public:
    // Throws Error "SOURCE:LINE:COLUMN: ..." for a font family fontconfig does not have (generic names such as
    // "sans-serif" are accepted), and for a background that is missing, unreadable, or neither PNG nor JPEG.
    explicit CertificatePdfWriter(const CertificateLayout& layout);
    ~CertificatePdfWriter();
    CertificatePdfWriter(const CertificatePdfWriter&) = delete;
    CertificatePdfWriter& operator=(const CertificatePdfWriter&) = delete;

    // Writes one PDF with a page per certificate of `pages` to `out`, titled `title` in its metadata. Text
    // longer than its room is shrunk (and wrapped, where the layout allows lines > 1) to fit. A text item whose
    // fields are all empty (the NIP line of someone without a NIP) is left out. Throws Error when a QR code
    // cannot hold its content or `out` fails. `progress`, when given, hears of every page drawn (in
    // "certificates").
    void write(std::span<const CertificateText> pages, std::ostream& out, std::string_view title,
               const ProgressFn& progress = {});

    // True when the background is an image the PDF must compress again in every file (a PNG); a JPEG is
    // embedded as it is.
    bool background_recompressed() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Initialises fontconfig and loads its configuration, once per process (cheap when done already).
void prepare_certificate_fonts();

} // namespace asnbelajar
