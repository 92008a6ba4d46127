// Validating NIP (Nomor Induk Pegawai, the 18-digit identifier of a PNS) and NI PPPK (the 18-digit identifier
// of a government employee on contract). Pure functions: they never throw on bad input and never print.
#pragma once

#include <string>
#include <string_view>

namespace asnbelajar {

enum class NipKind { pns, pppk };

// The first year PPPK were appointed (PP 49/2018): an NI PPPK's appointment year is this or later.
inline constexpr int pppk_first_year = 2019;
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

// Validates a PNS NIP (YYYYMMDD YYYYMM G NNN) or an NI PPPK (YYYYMMDD YYYY CC G NNN).
//
// Surrounding blanks and one leading apostrophe are removed, then spaces, dots and dashes between digits.
// What remains must be 18 digits:
//   - digits 1-8 a real birth date (leap years included) with a year from nip_min_birth_year to
//     today_year - 18;
//   - if digits 9-14 are a year-month (month 01..12) the number is a PNS NIP: that month must not be before
//     the month the person turned 18 and its year not after today_year;
//     otherwise it is an NI PPPK: digits 9-12 are an appointment year from pppk_first_year (and from the
//     birth year + 18) to today_year, digits 13-14 are anything;
//   - digit 15 is the gender, 1 or 2;
//   - digits 16-18 are a serial number other than 000.
// On failure `error` names the first problem found. Empty input, old 9-digit NIPs, non-digit characters
// (named, with their position) and wrong lengths get their own messages. Scientific notation ("1.98609E+17")
// and 17 digits set `mangled` and say that a spreadsheet damaged the value. `today_year` is the current year.
// `nip` is set only when ok.
NipCheck check_nip(std::string_view text, int today_year);

// Strips separators only: surrounding blanks, one leading apostrophe, and spaces, dots and dashes anywhere.
// Returns the digits that remain, or "" if anything else remains (or nothing does). Does not check the length.
std::string nip_digits(std::string_view text);

} // namespace asnbelajar
