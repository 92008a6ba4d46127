#include "certificate_notes.hpp"

#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

namespace asnbelajar::cli {

void tell_certificates(const Context& ctx, const std::string& code, const CertificateCheck& check) {
    if (check.unqualified > 0) {
        ctx.warn(
            trn("session {0}: {1} live certificate now belongs to a person who no longer attended; revoke it "
                "(and number any new attendee) with: {2} certify {0} --sync",
                "session {0}: {1} live certificates now belong to people who no longer attended; revoke "
                "them (and number any new attendee) with: {2} certify {0} --sync",
                static_cast<unsigned long>(check.unqualified), code, check.unqualified, ctx.command()));
    } else if (check.uncertified > 0) {
        ctx.note(trn("session {0}: {1} attended person has no certificate yet: {2} certify {0} numbers it",
                     "session {0}: {1} attended people have no certificate yet: {2} certify {0} numbers them",
                     static_cast<unsigned long>(check.uncertified), code, check.uncertified, ctx.command()));
    }
}

} // namespace asnbelajar::cli
