// People's names as exports write them, reduced for matching by name (attend --match-names): letter case,
// spacing, word order, bracketed tags and the academic titles and honorifics of Indonesian names ignored. Pure
// functions; nothing here throws or prints.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace asnbelajar {

// The titles and honorifics a name key ignores, lower-case and without their dots ("spd" for S.Pd., "hj" for
// Hj.), in one list: academic degrees (S.Pd., S.Kom., M.M., M.Si., A.Md., Ph.D., ...), professional titles
// (Dr., dr., Drs., Ir., Ns., apt.), religious honorifics (H., Hj., KH.) and forms of address (Bpk., Sdr.).
std::span<const std::string_view> name_titles();

// The key two spellings of one person's name share: "Dr. Hj. Siti  Rahayu, S.Pd., M.Si." → "rahayu siti",
// "RAHAYU, Siti" → "rahayu siti". Steps:
//   - text in brackets or parentheses is dropped ("Adi Santoso (EXT)", "Budi - [NIP.1990...]");
//   - ASCII letters are lower-cased and the accented Latin letters of U+00C0..U+00FF lose their accent
//     ("André" → "andre"); other characters are kept byte for byte;
//   - words are split at blanks and commas; a word whose letters (dots removed) are a title of name_titles()
//     is dropped when it is written with a dot ("S.Pd.", "Dr."), stands after a comma ("Santoso, SE"), or is
//     one of Dr, Drs, Dra, Ir, Hj, Prof at the start of the name; words of punctuation only ("-") are dropped;
//   - the remaining words are sorted (surname-first exports: "Sinaga, Tiur" is "Tiur Sinaga") and joined
//     with one space.
// Returns "" when nothing remains (a name of titles only, or none).
std::string name_key(std::string_view name);

// The run of exactly 18 digits inside a name ("Nanda Putra - [NIP.199202022020121002]", "198609262015051001
// Siti"), not part of a longer run of digits; "" when there is none or more than one. The caller checks that
// it is a NIP.
std::string nip_in_name(std::string_view name);

} // namespace asnbelajar
