// Validating NIP (Nomor Induk Pegawai, the 18-digit identifier of a PNS) and NI PPPK (the 18-digit identifier
// of a government employee on contract). Pure functions: they never throw on bad input and never print.
#pragma once

#include "asnbelajar/time.hpp"

#include <string>
#include <string_view>

namespace asnbelajar {

enum class NipKind { pns, pppk };

// The first year PPPK were appointed (PP 49/2018): an NI PPPK's appointment year is this or later.
inline constexpr int pppk_first_year = 2019;
// Digits 13-14: the month of appointment in a PNS NIP; "2" and a digit 1-9 in an NI PPPK (see docs/domain.md
// for the sources). Every other value is neither.
inline constexpr int pns_month_first = 1;
inline constexpr int pns_month_last = 12;
inline constexpr int pppk_code_first = 21;
inline constexpr int pppk_code_last = 29;
// The earliest plausible birth year in a NIP.
inline constexpr int nip_min_birth_year = 1940;
// The minimum age, in years, at the month of first appointment.
inline constexpr int nip_min_appointment_age = 18;

struct NipCheck {
    bool ok = false;
    std::string nip; // the 18 digits when ok (spaces, dots, dashes, a leading apostrophe, blanks removed)
    NipKind kind = NipKind::pns;
    // True when the value looks spreadsheet-mangled: scientific notation like 1.98609E+17 or 1,98609E+17,
    // or 17 digits (a lost leading digit).
    bool mangled = false;
    // When !ok: a short user-facing English reason, e.g. "NIP must have 18 digits, found 16", "birth date
    // 19861332 is not a real date", "looks mangled by a spreadsheet ...".
    std::string error;
};

// Validates a PNS NIP (YYYYMMDD YYYYMM G NNN) or an NI PPPK (YYYYMMDD YYYY 2F G NNN).
//
// Surrounding blanks and one leading apostrophe are removed, then spaces, dots and dashes between digits.
// What remains must be 18 digits:
//   - digits 1-8 a real birth date (leap years included) with a year from nip_min_birth_year to
//     today.year - 18;
//   - digits 13-14 decide the kind:
//       01..12: a PNS NIP; digits 9-14 are the year and month of appointment (TMT), which must not be before
//               the month the person turned 18 nor after today's month;
//       21..29: an NI PPPK; digits 9-12 are the appointment year, from pppk_first_year and from the birth
//               year + 18, and not after today.year;
//       anything else (00, 13..20, 30..99): refused, with a message saying what the digits should be;
//   - digit 15 is the gender, 1 or 2;
//   - digits 16-18 are a serial number other than 000.
// On failure `error` names the first problem found. Empty input, old 9-digit NIPs, non-digit characters
// (named, with their position) and wrong lengths get their own messages. Scientific notation ("1.98609E+17")
// and 17 digits set `mangled` and say that a spreadsheet damaged the value. `today` is the current date in
// the user's zone (only its year and month are used). `nip` is set only when ok.
NipCheck check_nip(std::string_view text, Date today);

// The kind of an 18-digit NIP that check_nip accepted: PPPK when digits 13-14 are 21..29, else PNS. Any other
// text (another length, no digits at 13-14) is PNS.
NipKind nip_kind(std::string_view nip);

// Strips separators only: surrounding blanks, one leading apostrophe, and spaces, dots and dashes anywhere.
// Returns the digits that remain, or "" if anything else remains (or nothing does). Does not check the length.
std::string nip_digits(std::string_view text);

} // namespace asnbelajar
