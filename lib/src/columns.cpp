#include "asnbelajar/columns.hpp"

#include "asnbelajar/text.hpp"

#include <algorithm>

namespace asnbelajar {
namespace {

struct Aliases {
    Field field;
    std::string_view key;
    std::vector<std::string_view> exact;     // whole normalised header
    std::vector<std::string_view> contained; // whole words inside a longer header
};

// Normalised forms (see normalize_header): lower-case, punctuation as single spaces.
const std::vector<Aliases>& table() {
    static const std::vector<Aliases> t = {
        {Field::nip,
         "nip",
         {"nip", "nip ni pppk", "nip nipppk", "ni pppk", "nip pppk", "nomor induk pegawai", "nip nik",
          "nip baru", "no induk pegawai"},
         {"nip", "ni pppk"}},
        {Field::name,
         "name",
         {"name", "nama", "nama lengkap", "full name", "nama peserta", "user name", "participant name",
          "nama dan gelar", "nama lengkap dan gelar", "nama beserta gelar", "nama lengkap beserta gelar",
          "nama pengguna", "nom complet", "nome completo"},
         {"nama lengkap", "nama peserta", "full name"}},
        {Field::email,
         "email",
         {"email", "e mail", "surel", "alamat email", "alamat e mail", "email address", "user email",
          "alamat surel", "surat elektronik"},
         {"email", "e mail", "surel"}},
        {Field::phone,
         "phone",
         {"phone",
          "no hp",
          "nomor hp",
          "no telp",
          "nomor telepon",
          "telepon",
          "hp",
          "whatsapp",
          "no wa",
          "nomor whatsapp",
          "no hp whatsapp",
          "no hp wa",
          "phone number",
          "mobile",
          "handphone",
          "no handphone",
          "telp",
          "no telepon",
          "no telp hp",
          "nomor telepon hp",
          "wa",
          "nomor wa",
          "nomor telp"},
         {"whatsapp", "no hp", "nomor hp", "handphone", "no wa", "nomor wa", "phone", "no telp", "nomor telp",
          "no telepon", "nomor telepon"}},
        {Field::agency,
         "agency",
         {"agency", "instansi", "nama instansi", "asal instansi", "organization", "organisasi",
          "instansi induk", "lembaga", "asal lembaga"},
         {"instansi"}},
        {Field::unit,
         "unit",
         {"unit", "unit kerja", "perangkat daerah", "opd", "satuan kerja", "satker", "unit organisasi",
          "unit kerja perangkat daerah", "department", "nama opd", "skpd"},
         {"unit kerja", "perangkat daerah", "opd", "satuan kerja", "skpd"}},
        {Field::position, "position", {"position", "jabatan", "nama jabatan", "job title"}, {"jabatan"}},
        {Field::grade,
         "grade",
         {"grade", "golongan", "pangkat golongan", "gol", "pangkat gol", "golongan ruang",
          "pangkat golongan ruang", "pangkat", "gol ruang", "pangkat gol ruang"},
         {"golongan", "gol ruang"}},
        {Field::minutes,
         "minutes",
         {"minutes",
          "menit",
          "durasi",
          "duration",
          "duration minutes",
          "durasi menit",
          "time in session",
          "time in session minutes",
          "total minutes",
          "jumlah menit",
          "lama hadir",
          "in meeting duration",
          "time in call",
          "total time in call",
          "duration in call",
          "waktu dalam sesi",
          "durasi dalam rapat",
          "lama di rapat",
          "total duration",
          "durée",
          "duração"},
         {}},
        {Field::join,
         "join",
         {"join", "join time", "waktu masuk", "masuk", "first join", "first seen", "jam masuk", "time joined",
          "joined", "joined at", "waktu bergabung", "bergabung", "pertama bergabung", "pertama terlihat",
          "heure d arrivée"},
         {}},
        {Field::leave,
         "leave",
         {"leave", "leave time", "waktu keluar", "keluar", "last leave", "last seen", "jam keluar",
          "time exited", "exited", "exited at", "left at", "time left", "waktu meninggalkan",
          "terakhir keluar", "terakhir terlihat", "heure de départ"},
         {}},
        // Presence columns: a presence list names them (see sources/plain_csv.cpp). A bare "Status" is not
        // one: rosters use it for PNS / PPPK.
        {Field::attended,
         "attended",
         {"attended", "hadir", "kehadiran", "status kehadiran", "status hadir", "presensi", "status presensi",
          "absen", "absensi", "check in", "checkin", "presence", "present"},
         {}},
        {Field::role, "role", {"role", "peran", "participant role", "peran peserta", "rôle", "função"}, {}},
        {Field::first_name, "first_name", {"first name", "nama depan", "given name"}, {}},
        {Field::last_name, "last_name", {"last name", "nama belakang", "surname", "family name"}, {}},
        // Results files. Not "nilai" as a contained word: survey questions ask for one ("Berikan nilai ...").
        {Field::score,
         "score",
         {"score", "skor", "nilai", "total score", "total skor", "total nilai", "nilai akhir", "skor akhir",
          "nilai post test", "nilai posttest", "skor post test", "skor posttest", "hasil post test"},
         {"score", "skor"}},
        // A form's submission time: presence forms (sources/plain_csv.cpp) and registration exports
        // (roster_import.cpp: arrival order).
        {Field::timestamp,
         "timestamp",
         {"timestamp", "time stamp", "stempel waktu", "cap waktu", "submitted at", "submission time",
          "waktu pengisian", "waktu submit", "tanggal pengisian", "waktu pendaftaran", "waktu daftar",
          "tanggal pendaftaran", "waktu"},
         {}},
    };
    return t;
}

} // namespace

bool header_has_words(std::string_view text, std::string_view words) {
    for (std::size_t pos = text.find(words); pos != std::string_view::npos; pos = text.find(words, pos + 1)) {
        bool start_ok = pos == 0 || text[pos - 1] == ' ';
        std::size_t end = pos + words.size();
        bool end_ok = end == text.size() || text[end] == ' ';
        if (start_ok && end_ok) return true;
    }
    return false;
}

std::string_view field_key(Field f) {
    return table()[static_cast<std::size_t>(f)].key;
}

std::string normalize_header(std::string_view header) {
    std::string out;
    out.reserve(header.size());
    int depth = 0;
    bool space = false;
    for (std::size_t i = 0; i < header.size(); ++i) {
        auto c = static_cast<unsigned char>(header[i]);
        if (c == 0xEF && i + 2 < header.size() && static_cast<unsigned char>(header[i + 1]) == 0xBB &&
            static_cast<unsigned char>(header[i + 2]) == 0xBF) { // a stray BOM
            i += 2;
            continue;
        }
        if (c == '(' || c == '[') {
            ++depth;
            continue;
        }
        if ((c == ')' || c == ']') && depth > 0) {
            --depth;
            continue;
        }
        if (depth > 0) continue;
        if (text::is_alnum(header[i]) || c >= 0x80) {
            if (space && !out.empty()) out += ' ';
            space = false;
            out += text::to_lower(header[i]);
        } else {
            space = true;
        }
    }
    return out;
}

std::optional<Field> field_for_header(std::string_view header) {
    std::string h = normalize_header(header);
    if (h.empty()) return std::nullopt;
    for (const Aliases& a : table())
        if (std::find(a.exact.begin(), a.exact.end(), h) != a.exact.end()) return a.field;
    for (const Aliases& a : table())
        for (std::string_view w : a.contained)
            if (header_has_words(h, w)) return a.field;
    return std::nullopt;
}

std::vector<std::string_view> field_aliases(Field f) {
    return table()[static_cast<std::size_t>(f)].exact;
}

std::vector<std::string> unread_columns(const std::vector<std::string>& header, const HeaderMap& map,
                                        std::span<const Field> read) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i].empty()) continue;
        const std::optional<Field> f = field_for_header(header[i]);
        if (f && map.at(*f) != static_cast<int>(i)) continue; // a later column of a field: a duplicate
        if (!f || std::find(read.begin(), read.end(), *f) == read.end()) out.push_back(header[i]);
    }
    return out;
}

HeaderMap map_headers(const std::vector<std::string_view>& header) {
    HeaderMap m;
    for (std::size_t i = 0; i < header.size(); ++i) {
        auto f = field_for_header(header[i]);
        if (!f) {
            if (!header[i].empty()) m.unknown.emplace_back(header[i]);
            continue;
        }
        auto& slot = m.index[static_cast<std::size_t>(*f)];
        if (slot >= 0)
            m.duplicates.emplace_back(header[i]);
        else
            slot = static_cast<int>(i);
    }
    return m;
}

} // namespace asnbelajar
