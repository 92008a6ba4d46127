// What the commands that change attendance outcomes (session edit, attend) tell about the session's
// certificates afterwards: a certificate must not outlive a correction unnoticed.
#pragma once

#include "app.hpp"

#include "asnbelajar/certificates.hpp"

#include <string>

namespace asnbelajar::cli {

// Warns (also under --quiet) when live certificates of session `code` belong to people who no longer attended,
// naming the command that settles them (certify CODE --sync); else notes attended people still without one.
void tell_certificates(const Context& ctx, const std::string& code, const CertificateCheck& check);

} // namespace asnbelajar::cli
