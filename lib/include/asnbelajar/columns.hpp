// Header names of input files: the English and Indonesian aliases of each field we read (SPEC §4).
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar {

// The fields an input file can carry. Participant fields first, then attendance fields (platform exports), then
// those of results files (a survey's or post-test's responses).
enum class Field {
    nip,
    name,
    email,
    phone,
    agency,
    unit,
    position,
    grade,
    minutes,    // minutes present (plain attendance CSV), or a duration ("Time in Session", "1h 2m")
    join,       // join time (first join, first seen)
    leave,      // leave time (last leave, last seen)
    attended,   // Zoom's "Attended" yes/no
    role,       // Teams' "Role": organizer, presenter, attendee
    first_name, // exports that split the name (Zoom registration, Google Meet)
    last_name,
    score,     // a quiz score: "8 / 10", "80", "80%" (Google Forms' "Score", "Skor")
    timestamp, // when a form's row was submitted (Google Forms' "Timestamp", "Stempel waktu")
};
constexpr std::size_t field_count = 17;

// The contract key of a field: "nip", "name", …
std::string_view field_key(Field f);

// A header as people write it, reduced for matching: lower-case ASCII, text in parentheses or brackets
// dropped ("NIP (tanpa spasi)" → "nip"), punctuation and runs of spaces turned into one space, trimmed.
std::string normalize_header(std::string_view header);

// True when `words` occurs in `normalized` (a normalize_header result) as whole words: "in meeting" occurs
// in "3 in meeting activities", not in "joining meetings".
bool header_has_words(std::string_view normalized, std::string_view words);

// The field a header names, by its aliases: exact alias first ("nama lengkap", "no hp", "e-mail", "surel",
// "instansi", "pangkat/golongan"…), then a header that contains a distinctive alias as whole words
// ("Alamat Email", "No. HP/WhatsApp", "Unit Kerja / Perangkat Daerah"). nullopt when it names none.
std::optional<Field> field_for_header(std::string_view header);

// The aliases accepted for a field, for error messages ("nip, nip/ni pppk, nomor induk pegawai").
std::vector<std::string_view> field_aliases(Field f);

// Where each field is in a header row; -1 when absent. The first column naming a field wins; later ones are
// listed in `duplicates`. Columns naming no field are listed in `unknown` (as written), for one note on stderr.
struct HeaderMap {
    std::array<int, field_count> index;
    std::vector<std::string> unknown;
    std::vector<std::string> duplicates;

    HeaderMap() { index.fill(-1); }
    bool has(Field f) const { return index[static_cast<std::size_t>(f)] >= 0; }
    int at(Field f) const { return index[static_cast<std::size_t>(f)]; }
};
HeaderMap map_headers(const std::vector<std::string_view>& header);

// The cells of `header` (mapped as `map`), in their order, that an import reading the fields `read` does not
// use: names of no field, and first columns of fields not in `read`. Blank cells and later columns of a field
// (HeaderMap::duplicates) are not listed.
std::vector<std::string> unread_columns(const std::vector<std::string>& header, const HeaderMap& map,
                                        std::span<const Field> read);

} // namespace asnbelajar
