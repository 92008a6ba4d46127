// Normalising the free-text organisation fields of registration forms and rosters: golongan, phone number,
// e-mail and plain text. Every function here is pure, never throws on bad input and never prints: a problem
// comes back as a short English reason the caller can show next to the line and column.
#pragma once

#include <string>
#include <string_view>

namespace asnbelajar {

// The outcome of normalising one field. When ok, `value` is the canonical form (empty when the input was
// blank); when not ok, `value` is empty and `error` says what is wrong in a short user-facing sentence.
struct Normalized {
    bool ok = false;
    std::string value;
    std::string error;
};

// Golongan (grade). Returns the canonical form:
//   PNS  "I/a".."IV/e": Roman numeral, a slash, a lower-case letter (I..III take a..d, IV takes a..e);
//   PPPK "I".."XVII":   a Roman numeral alone.
// Accepts any letter case and separator ("III/a", "III/A", "IIIa", "III a", "III-a", "III / a"), a pangkat
// name with or without the code ("Penata Muda (III/a)", "Penata Muda Tk. I, III/b", "Pengatur Tingkat I
// (II/d)", "Penata Muda"), the filler words "Golongan", "Gol.", "Ruang", "Pangkat", and PPPK forms ("IX",
// "Golongan IX"). "Tingkat I" may be written "Tingkat I", "Tk. I", "Tk I", "Tkt. I" or with "1" for "I".
// Refuses (not ok): codes that do not exist ("V/a", "III/e", "XVIII"), Arabic numerals ("3a"), a pangkat name
// that contradicts the code ("Penata (III/a)"), two different codes, and any word that is neither a pangkat
// nor a code. Blank input, or input of punctuation only (such as "-"), is ok with an empty value.
Normalized normalize_grade(std::string_view text);

// Phone number. Returns an Indonesian number in E.164 form "+62" followed by 8..13 digits whose first digit
// is 8 (mobile) or 2..9 (landline area code). Accepts "0812-3456-7890", "081234567890", "62812…", "0062812…",
// "+62 812 …", "+62 (0) 812…", "(0812) 345…", a leading apostrophe, and a number whose leading 0 was lost
// ("812345…", "31…"). Refuses numbers mangled into scientific notation by a spreadsheet ("8.12346E+11": the
// digits are lost), other country codes, and characters other than digits, blanks, '-', '.', brackets and a
// leading '+'. Blank input is ok with an empty value.
Normalized normalize_phone(std::string_view text);

// E-mail address. Returns the address trimmed and lower-cased (ASCII). Checks: exactly one '@'; a local part
// of 1..64 characters from letters, digits and !#$%&'*+/=?^_`{|}~.- without a leading, trailing or doubled
// dot; a domain of at least two dot-separated labels of letters, digits and '-' (no label empty, longer than
// 63 or starting or ending with '-') whose last label is at least two letters (or an "xn--" label); at most
// 254 characters in all; no blanks inside. Blank input is ok with an empty value.
Normalized normalize_email(std::string_view text);

// Collapses every run of blanks (text::blank_length: ASCII white space and the no-break spaces U+00A0,
// U+2007, U+202F) into one ASCII space and trims both ends; drops zero-width spaces (U+200B) and byte-order
// marks (U+FEFF). Everything else is kept byte for byte. Used for names, agencies, units and positions.
std::string clean_text(std::string_view text);
// The same, rewriting `text` where it is (it only ever shrinks): no allocation, for imports of many rows.
void clean_text_in_place(std::string& text);

// Helpers shared with nip.hpp.

// `text` without its surrounding blanks (text::trim_blanks) and one leading apostrophe, the mark a
// spreadsheet keeps before digits it must not turn into a number ("'198609262015051001", "' 0812…"). Never
// allocates.
std::string_view strip_text_mark(std::string_view text);

// True when `text` (already trimmed) is a number in spreadsheet scientific notation such as "1.98609E+17",
// "1,98609E+17", "8.12346e+11" or "2E17": digits, optionally a '.' or ',' and more digits, then 'E' or 'e',
// an optional sign and digits.
bool is_scientific_notation(std::string_view text);

} // namespace asnbelajar
