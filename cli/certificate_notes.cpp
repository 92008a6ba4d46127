#include "certificate_notes.hpp"

#include <fmt/format.h>

namespace asnbelajar::cli {

void tell_certificates(const Context& ctx, const std::string& code, const CertificateCheck& check) {
    if (check.unqualified > 0) {
        ctx.warn(
            fmt::format("session {}: {} live certificate{} now {} who no longer attended; revoke {} (and "
                        "number any new attendee) with: {} certify {} --sync",
                        code, check.unqualified, check.unqualified == 1 ? "" : "s",
                        check.unqualified == 1 ? "belongs to a person" : "belong to people",
                        check.unqualified == 1 ? "it" : "them", ctx.command(), code));
    } else if (check.uncertified > 0) {
        ctx.note(fmt::format("session {}: {} attended {} no certificate yet: {} certify {} numbers {}", code,
                             check.uncertified, check.uncertified == 1 ? "person has" : "people have",
                             ctx.command(), code, check.uncertified == 1 ? "it" : "them"));
    }
}

} // namespace asnbelajar::cli
