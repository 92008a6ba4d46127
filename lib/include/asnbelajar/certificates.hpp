// Certificates: number templates and the numbering of a session's attended participants.
#pragma once

#include "asnbelajar/model.hpp"
#include "asnbelajar/verification.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar {

namespace store {
class Store;
struct CertificateRow;
struct RosterRow;
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

// What a session requires of an attended person besides attendance (session add|edit --requires), and what
// one person lacks.
struct GateCheck {
    bool survey_missing = false;   // the survey is required and no attempt is recorded
    bool posttest_missing = false; // the post-test is required and no attempt is recorded
    bool posttest_failed = false;  // the post-test is required and the best score is below the pass score
    bool met() const { return !survey_missing && !posttest_missing && !posttest_failed; }
};

// The one statement of the gates: `row`'s results against `session`'s requirements (attendance is not looked
// at here). A post-test passes at a best score of at least pass_score percent.
GateCheck check_gates(const Session& session, const store::RosterRow& row);

struct IssuedCertificate {
    Participant person;
    std::string number;
};

struct CertifyResult {
    std::vector<IssuedCertificate> issued; // in numbering order
    int already = 0;                       // attended people who had a live certificate before
    // Attended people without a certificate who do not meet the session's requirements: how many, and how
    // many of them lack each (one person may lack two things).
    int withheld = 0;
    int survey_missing = 0, posttest_missing = 0, posttest_failed = 0;
};

// Numbers a certificate for every attended participant of `session` (walk-ins included) who has no live one
// and meets its requirements (check_gates), in the session report's order (enrolled people by arrival, then walk-ins, then the rest), each taking the
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

// One verification code checked (certify verify).
struct CodeVerdict {
    CodeStatus status = CodeStatus::unknown;
    std::optional<ParsedCode> code; // none: the text held no code of ours
    bool store_checked = false;     // the store was at hand and was asked
    std::string name, title;        // the person's name and the session's title, from the store
    std::string reason;             // why, in one sentence for stderr
};

// Checks the code in `text` (a code, or a link carrying one: parse_verification_code) against `keys` and,
// when `store` is given, against the store's certificates (see CodeStatus for what each verdict means). A
// valid code whose session's date or JP the store now gives otherwise stays valid, with the difference in
// `reason`. Throws Error for a malformed code.
CodeVerdict verify_code(std::string_view text, std::span<const PublicKey> keys, const store::Store* store);

// The live certificates of `session` that no longer qualify: their holder's outcome is not "attended" (any
// more), after a correction of the session or of its attendance. In number order.
std::vector<store::CertificateRow> unqualified_certificates(const store::Store& store,
                                                            const Session& session);

// Where a session's certificates stand against its attendance now.
struct CertificateCheck {
    int live = 0;        // live certificates
    int unqualified = 0; // of them, held by people who did not attend (unqualified_certificates)
    int uncertified = 0; // attended people who meet the session's requirements (check_gates) but hold no live
                         // certificate (counted once the session has any)
};
CertificateCheck check_certificates(const store::Store& store, const Session& session);
// The live and unqualified counts of `live` (a session's live certificates); uncertified stays 0: for use right
// after certify_session/sync_certificates, which leave nobody who qualifies without one.
CertificateCheck count_live_certificates(std::span<const store::CertificateRow> live);

struct SyncResult {
    std::vector<RevokeResult> revoked; // the unqualified certificates, revoked
    CertifyResult certified;           // then every attended person without one, numbered
};

// Brings the session's certificates in line with its attendance, inside the caller's write transaction:
// revokes the certificates that no longer qualify (their numbers stay used), then numbers a certificate for
// every attended person without one who meets the session's requirements, as certify_session does (the
// others are counted as withheld in `certified`). Throws Error as certify_session.
SyncResult sync_certificates(store::Store& store, const Session& session, const CertificateTemplate& tmpl);

} // namespace asnbelajar
