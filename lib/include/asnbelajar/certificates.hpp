// Certificates: number templates and the numbering of a session's attended participants.
#pragma once

#include "asnbelajar/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar {

namespace store {
class Store;
struct CertificateRow;
} // namespace store

// The number ASN Belajar certificates carry by default: "229472/BPSDM-ASNB/II/2025".
constexpr std::string_view default_certificate_template = "{seq}/BPSDM-ASNB/{month_roman}/{year}";

// What a template may use. Month and year are those of the session's local start date.
struct CertificateFields {
    std::int64_t seq = 0;      // the global running number
    std::optional<int> series; // the session's series number, if it has one
    std::string session;       // the session code
    int year = 0, month = 0;
};

// The fields of a certificate numbered `seq` for `session`.
CertificateFields certificate_fields(const Session& session, std::int64_t seq);

// A parsed certificate-number template. Fields are written in braces: {seq}, {series}, {session}, {year},
// {month}, {month_roman}; numeric fields (seq, series, year, month) take a zero-padded width as in {seq:06}.
// "{{" and "}}" stand for literal braces.
class CertificateTemplate {
  public:
    // Throws Error for malformed braces, an unknown field, a width on a text field or outside 1..20, control
    // characters, or a template without {seq} (numbers would not be unique).
    explicit CertificateTemplate(std::string_view text);

    // The number for `fields`. Throws Error when the template uses {series} and fields.series is empty.
    std::string format(const CertificateFields& fields) const;
    bool uses_series() const;
    const std::string& text() const { return text_; }

  private:
    enum class Field { literal, seq, series, session, year, month, month_roman };
    struct Part {
        Field field = Field::literal;
        std::string literal; // Field::literal only
        int width = 0;       // zero-padding width, 0 = none
    };
    std::string text_;
    std::vector<Part> parts_;
};

struct IssuedCertificate {
    Participant person;
    std::string number;
};

struct CertifyResult {
    std::vector<IssuedCertificate> issued; // in numbering order
    int already = 0;                       // attended people who had a live certificate before
};

// Numbers a certificate for every attended participant of `session` (walk-ins included) who has no live one,
// in the session report's order (enrolled people by arrival, then walk-ins, then the rest), each taking the
// next number of the store's global counter. Re-running certifies only the new ones. Must run inside a write
// transaction. Throws Error for a cancelled session, a template that needs a series the session lacks, or a
// number that exists already.
CertifyResult certify_session(store::Store& store, const Session& session, const CertificateTemplate& tmpl);

// Continues an existing series (an agency whose numbers are past 229,000): the next certificate takes number
// `first`. Must run inside a write transaction. Throws Error when `first` is below 1, or not above every number
// issued (revoked ones included: numbers are never reused), saying the highest issued. Returns the number the
// next certificate would have taken before.
std::int64_t start_certificate_counter(store::Store& store, std::int64_t first);

struct RevokeResult {
    Participant person;
    std::optional<std::string> number; // the revoked number; none when the person had no live certificate
};

// Revokes the live certificates of `people` in `session`. Revoked numbers are never reused: a later certify
// gives the person a new number. Must run inside a write transaction.
std::vector<RevokeResult> revoke_certificates(store::Store& store, const Session& session,
                                              const std::vector<Participant>& people);

// The live certificates of `session` that no longer qualify: their holder's outcome is not "attended" (any
// more), after a correction of the session or of its attendance. In number order.
std::vector<store::CertificateRow> unqualified_certificates(const store::Store& store,
                                                            const Session& session);

// Where a session's certificates stand against its attendance now.
struct CertificateCheck {
    int live = 0;        // live certificates
    int unqualified = 0; // of them, held by people who did not attend (unqualified_certificates)
    int uncertified = 0; // attended people without a live certificate (counted once the session has any)
};
CertificateCheck check_certificates(const store::Store& store, const Session& session);

struct SyncResult {
    std::vector<RevokeResult> revoked; // the unqualified certificates, revoked
    CertifyResult certified;           // then every attended person without one, numbered
};

// Brings the session's certificates in line with its attendance, inside the caller's write transaction:
// revokes the certificates that no longer qualify (their numbers stay used), then numbers a certificate for
// every attended person without one, as certify_session does. Throws Error as certify_session.
SyncResult sync_certificates(store::Store& store, const Session& session, const CertificateTemplate& tmpl);

} // namespace asnbelajar
