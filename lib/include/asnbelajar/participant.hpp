// Participants: validation of their fields and finding them by what users type.
#pragma once

#include "asnbelajar/model.hpp"
#include "asnbelajar/time.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar {

namespace store {
class Store;
}

struct FieldProblem {
    std::string column; // contract key: nip, name, email, phone, grade
    std::string value;  // as given
    std::string reason;
};

// Normalises `p` in place (NIP digits, e-mail lower-case, phone +62…, golongan III/a, trimmed text) and
// returns every problem found; `p` is only meaningful when none are returned. A person needs a name and a
// NIP or an e-mail. `today` is the current date in the user's zone (bounds for NIP dates).
std::vector<FieldProblem> normalize_participant(Participant& p, Date today);

// A golongan that does not fit the kind of identity, for a warning (the person is still accepted: the NIP or
// the golongan may be the mistake, and only the user can tell which). `p` has been normalised. Says why for
//   - a PPPK golongan (a Roman numeral alone, I-XVII) on a PNS NIP; a bare "III" gets its own hint: a PNS
//     golongan has a letter (III/a);
//   - a PNS golongan (III/a) on an NI PPPK.
// Empty when they fit, or when the NIP or the golongan is missing.
std::string grade_identity_warning(const Participant& p);

// Finds a participant by what a user typed: a NIP (spaces, dots and a leading apostrophe allowed) or an
// e-mail (any case). Throws Error naming the text when it is neither or nobody has it.
Participant resolve_person(const store::Store& store, std::string_view text);

// Resolves every text as by resolve_person, all before anything is done with them: one unknown person fails
// the whole command and changes nothing.
std::vector<Participant> resolve_people(const store::Store& store, const std::vector<std::string>& texts);

// "NIP 198609262015051001 (Siti Rahayu)" or "siti@example.id (Siti Rahayu)": for messages.
std::string describe(const Participant& p);

} // namespace asnbelajar
