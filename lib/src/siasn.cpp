#include "asnbelajar/siasn.hpp"

#include <array>

namespace asnbelajar {
namespace {

// SIASN's jenis-diklat reference as found in black-coffee04/ws-siasn-php, src/Data/Referensi/jenisDiklat.json.gz
// (read at 9cb35485, 2025-05-09): names spelt as there, codes from its `jenisKursusSetifikat`.
constexpr std::array<JenisDiklat, 25> reference = {{
    {1, "Diklat Struktural", 'T'},
    {2, "Diklat Fungsional", 'F'},
    {3, "Diklat Teknis", 'T'},
    {4, "Workshop", 'P'},
    {5, "Pelatihan Manajerial", 'T'},
    {6, "Pelatihan Sosial Kultural", 'T'},
    {7, "Sosialisasi", 'P'},
    {8, "Bimbingan Teknis", 'T'},
    {9, "Seminar", 'P'},
    {10, "Magang", 'T'},
    {11, "Kursus", 'T'},
    {12, "Penataran", 'T'},
    {13, "Pengembangan Kompetensi Dalam Bentuk Pelatihan klasikal lainnya", 'T'},
    {14, "Coaching", 'T'},
    {15, "Mentoring", 'T'},
    {16, "E-Learning", 'T'},
    {17, "Pelatihan Jarak Jauh", 'T'},
    {18, "Detasering (Secondment)", 'T'},
    {19, "Pembelajaran Alam Terbuka (Outbond)", 'T'},
    {20, "Patok Banding (Benchmarking)", 'T'},
    {21, "Pertukaran Antara Pns Dengan Pegawai Swasta/Badan Usaha Milik Negara/ Badan Usaha Milik Daerah",
     'T'},
    {22, "Belajar Mandiri (Self Development)", 'T'},
    {23, "Komunitas Belajar (Community Of Practices)", 'T'},
    {24, "Bimbingan Di Tempat Kerja", 'T'},
    {25, "Pengembangan Kompetensi Dalam Bentuk Pelatihan Nonklasikal Lainnya", 'T'},
}};

} // namespace

std::span<const JenisDiklat> jenis_diklat_reference() {
    return reference;
}

const JenisDiklat* find_jenis_diklat(int id) {
    for (const JenisDiklat& d : reference)
        if (d.id == id) return &d;
    return nullptr;
}

std::optional<std::int64_t> whole_hours(std::int64_t tenths, JpRounding rounding) {
    const std::int64_t whole = tenths / 10, rest = tenths % 10;
    if (rest == 0) return whole;
    switch (rounding) {
    case JpRounding::refuse: return std::nullopt;
    case JpRounding::down: return whole;
    case JpRounding::nearest: return rest >= 5 ? whole + 1 : whole;
    case JpRounding::up: return whole + 1;
    }
    return std::nullopt;
}

} // namespace asnbelajar
