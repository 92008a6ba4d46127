// SIASN (BKN's national civil-service information system): what a course-history (riwayat kursus) record needs
// that is not a report's own data — the reference table of kinds of training (jenis diklat) with their
// certificate codes, and whole hours from JP. Pure data and functions: nothing here throws or prints.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace asnbelajar {

// One row of SIASN's "jenis diklat" reference: the `jenisDiklatId` a course-history record carries, its name
// as SIASN spells it, and the certificate code (`jenisKursusSertipikat`) the reference gives it: P for
// Workshop, Sosialisasi and Seminar (4, 7, 9), F for Diklat Fungsional (2), T for every other id.
struct JenisDiklat {
    int id = 0;
    std::string_view name;
    char certificate_code = 'T';
};

// The whole reference, ids 1 to 25 in order: the one copy of it in the program. Sources (docs/domain.md): the
// snapshot of SIASN's reference in black-coffee04/ws-siasn-php (src/Data/Referensi/jenisDiklat.json.gz),
// with the same ids and names in rezaridwansyahh/dikbudhr; one seeder (ridhalfajri/back-office-v2) disagrees
// on the codes of ids 1, 5, 6, 8 and 10.
std::span<const JenisDiklat> jenis_diklat_reference();

// The reference row with this id, or nullptr.
const JenisDiklat* find_jenis_diklat(int id);

// A webinar is a seminar-type activity: jenis diklat 9, Seminar (code P).
inline constexpr int default_jenis_diklat_id = 9;

// How fractional JP become SIASN's whole hours (`jumlahJam` is an integer).
enum class JpRounding {
    refuse,  // a fractional JP is an error: the caller says which sessions
    down,    // 2.5 → 2
    nearest, // half up: 2.4 → 2, 2.5 → 3
    up,      // 2.1 → 3
};

// The whole hours of `tenths` (tenths of a JP, ≥ 0) under `rounding`; none when it is fractional and rounding
// is refuse.
std::optional<std::int64_t> whole_hours(std::int64_t tenths, JpRounding rounding);

} // namespace asnbelajar
