// The store's failures as the user's messages (errors.hpp says how). Each backend maps its own errors onto
// them (sqlite/errors.cpp).
#include "errors.hpp"

#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

namespace asnbelajar::store {
namespace {

// One row per Constraint, in its order.
constexpr ConstraintInfo constraints[] = {
    {Constraint::participant_nip, "participants_nip", "participants.nip",
     N_("NIP {} already belongs to another participant"), N_("two participants would have the same NIP")},
    {Constraint::participant_email, "participants_email", "participants.email",
     N_("e-mail {} already belongs to another participant"),
     N_("two participants would have the same e-mail")},
    {Constraint::session_code, "sessions_code", "sessions.code", N_("a session with code {} already exists"),
     N_("two sessions would have the same code")},
    {Constraint::certificate_seq, "certificates_seq", "certificates.seq",
     N_("certificate sequence number {} is taken already"),
     N_("two certificates would have the same sequence number")},
    {Constraint::certificate_number, "certificates_number", "certificates.number",
     N_("certificate number {} exists already; choose a template that keeps numbers apart"),
     N_("two certificates would have the same number")},
    {Constraint::certificate_live, "certificates_live",
     "certificates.session_id, certificates.participant_id",
     N_("the participant holds a live certificate of this session already"),
     N_("the participant holds a live certificate of this session already")},
    {Constraint::result_attempt, "results_attempt",
     "results.session_id, results.kind, results.participant_id, results.submitted_at",
     N_("the result of {} at that time is recorded already"), N_("the same attempt would be recorded twice")},
    // SQLite names no foreign key in its message ("FOREIGN KEY constraint failed"): one row for all of them.
    {Constraint::reference, "foreign key", "",
     N_("a row refers to a session or participant that is not in the store"),
     N_("a row refers to a session or participant that is not in the store")},
};

} // namespace

const ConstraintInfo& constraint_info(Constraint c) {
    for (const ConstraintInfo& info : constraints)
        if (info.constraint == c) return info;
    return constraints
        [0]; // unreachable: the table has a row for every Constraint (tests/unit/test_store.cpp)
}

std::string constraint_message(Constraint c, WrittenValues written) {
    const ConstraintInfo& info = constraint_info(c);
    for (const Written& w : written)
        if (w.constraint == c && !w.value.empty())
            return detail::vformat_translated(info.message, _(info.message), fmt::make_format_args(w.value));
    return _(info.unnamed);
}

std::string fault_message(Fault f, const std::string& path, const std::string& detail) {
    switch (f) {
    case Fault::locked: return tr("the store {} is locked by another process ({}); try again", path, detail);
    case Fault::read_only: return tr("the store {} cannot be written: read-only ({})", path, detail);
    case Fault::full: return tr("cannot write the store {}: disk full ({})", path, detail);
    case Fault::damaged: return tr("{} is not an asnbelajar store or is damaged ({})", path, detail);
    case Fault::cannot_open: return tr("cannot open store {}: {}", path, detail);
    case Fault::io: return tr("cannot read or write the store {}: {}", path, detail);
    case Fault::other: break;
    }
    return tr("store error in {}: {}", path, detail);
}

} // namespace asnbelajar::store
