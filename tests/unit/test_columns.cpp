#include "asnbelajar/columns.hpp"

#include <doctest/doctest.h>

using namespace asnbelajar;

TEST_CASE("normalize_header") {
    CHECK(normalize_header("  NIP (18 digit, tanpa spasi) ") == "nip");
    CHECK(normalize_header("No. HP/WhatsApp") == "no hp whatsapp");
    CHECK(normalize_header("\xEF\xBB\xBFNama Lengkap") == "nama lengkap");
    CHECK(normalize_header("E-mail") == "e mail");
}

TEST_CASE("headers of real exports map to fields") {
    CHECK(field_for_header("NIP") == Field::nip);
    CHECK(field_for_header("NIP/NI PPPK") == Field::nip);
    CHECK(field_for_header("NIP (18 digit, tanpa spasi)") == Field::nip);
    CHECK(field_for_header("Nama Lengkap (beserta gelar)") == Field::name);
    CHECK(field_for_header("nama") == Field::name);
    CHECK(field_for_header("Alamat Email") == Field::email);
    CHECK(field_for_header("SUREL") == Field::email);
    CHECK(field_for_header("User Email") == Field::email);
    CHECK(field_for_header("No. HP/WhatsApp") == Field::phone);
    CHECK(field_for_header("no hp") == Field::phone);
    CHECK(field_for_header("Instansi") == Field::agency);
    CHECK(field_for_header("Unit Kerja / Perangkat Daerah") == Field::unit);
    CHECK(field_for_header("OPD") == Field::unit);
    CHECK(field_for_header("Jabatan") == Field::position);
    CHECK(field_for_header("Pangkat/Golongan") == Field::grade);
    CHECK(field_for_header("Join Time") == Field::join);
    CHECK(field_for_header("Duration (Minutes)") == Field::minutes);
    // Further spellings seen in registration forms.
    CHECK(field_for_header("No. Induk Pegawai") == Field::nip);
    CHECK(field_for_header("No. Telp/HP") == Field::phone);
    CHECK(field_for_header("Nomor Telepon/HP") == Field::phone);
    CHECK(field_for_header("Telp") == Field::phone);
    CHECK(field_for_header("WA") == Field::phone);
    CHECK(field_for_header("Nomor WA aktif") == Field::phone);
    CHECK(field_for_header("Lembaga") == Field::agency);
    CHECK(field_for_header("SKPD") == Field::unit);
    CHECK(field_for_header("Pangkat / Gol. Ruang") == Field::grade);
    CHECK(field_for_header("Gol/Ruang") == Field::grade);
    CHECK_FALSE(field_for_header("Nama Panggilan"));
    CHECK_FALSE(field_for_header("NIK"));
    CHECK(field_for_header("Timestamp") == Field::timestamp); // results files read it
    CHECK(field_for_header("Stempel waktu") == Field::timestamp);
    CHECK(field_for_header("Skor") == Field::score);
    CHECK(field_for_header("Total score") == Field::score);
    CHECK_FALSE(field_for_header("Bagaimana penilaian Anda terhadap narasumber?")); // not a score
    CHECK_FALSE(field_for_header("Jenis Kelamin"));
    CHECK_FALSE(field_for_header(""));
}

TEST_CASE("map_headers: first column wins, unknown columns listed") {
    HeaderMap m = map_headers({"Timestamp", "NIP", "Nama", "Email", "Alamat Email", "Kabupaten/Kota"});
    CHECK(m.at(Field::nip) == 1);
    CHECK(m.at(Field::name) == 2);
    CHECK(m.at(Field::email) == 3);
    CHECK_FALSE(m.has(Field::phone));
    CHECK(m.at(Field::timestamp) == 0);
    CHECK(m.unknown == std::vector<std::string>{"Kabupaten/Kota"});
    CHECK(m.duplicates == std::vector<std::string>{"Alamat Email"});
    // What an import of names and e-mails leaves unread, in the header's order (not the duplicate).
    const std::vector<std::string> header{"Timestamp", "NIP",          "Nama",
                                          "Email",     "Alamat Email", "Kabupaten/Kota"};
    const Field read[] = {Field::name, Field::email};
    CHECK(unread_columns(header, m, read) == std::vector<std::string>{"Timestamp", "NIP", "Kabupaten/Kota"});
}

TEST_CASE("the submission time of form exports") {
    for (const char* h : {"Timestamp", "Stempel waktu", "Cap waktu", "Waktu", "Submitted at",
                          "Waktu pendaftaran", "Tanggal pengisian", "TIMESTAMP"})
        CHECK(field_for_header(h) == Field::timestamp);
    CHECK(field_key(Field::timestamp) == "timestamp");
    CHECK(field_for_header("Waktu masuk") == Field::join); // not a submission time
}

TEST_CASE("headers of platform attendance exports") {
    // Zoom webinar attendee report and meeting participants export
    CHECK(field_for_header("Attended") == Field::attended);
    CHECK(field_for_header("User Name (Original Name)") == Field::name);
    CHECK(field_for_header("Name (Original Name)") == Field::name);
    CHECK(field_for_header("First Name") == Field::first_name);
    CHECK(field_for_header("Last Name") == Field::last_name);
    CHECK(field_for_header("Leave Time") == Field::leave);
    CHECK(field_for_header("Time in Session (minutes)") == Field::minutes);
    CHECK(field_for_header("NIP (tanpa spasi)") == Field::nip);
    CHECK_FALSE(field_for_header("Registration Time"));
    CHECK_FALSE(field_for_header("Country/Region Name"));
    CHECK_FALSE(field_for_header("Is Guest"));
    // the same report with Indonesian headers
    CHECK(field_for_header("Hadir") == Field::attended);
    CHECK(field_for_header("Nama Pengguna (Nama Asli)") == Field::name);
    CHECK(field_for_header("Waktu Bergabung") == Field::join);
    CHECK(field_for_header("Waktu Keluar") == Field::leave);
    CHECK(field_for_header("Waktu dalam Sesi (menit)") == Field::minutes);
    // Microsoft Teams
    CHECK(field_for_header("First Join") == Field::join);
    CHECK(field_for_header("Last Leave") == Field::leave);
    CHECK(field_for_header("In-Meeting Duration") == Field::minutes);
    CHECK(field_for_header("Role") == Field::role);
    CHECK_FALSE(field_for_header("Participant ID (UPN)"));
    // Google Meet
    CHECK(field_for_header("First seen") == Field::join);
    CHECK(field_for_header("Last seen") == Field::leave);
    CHECK(field_for_header("Time in call") == Field::minutes);
    CHECK(field_for_header("Time joined") == Field::join);
    CHECK(field_for_header("Time exited") == Field::leave);
    CHECK(field_key(Field::first_name) == "first_name");
}
