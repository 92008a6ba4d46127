#include "asnbelajar/error.hpp"
#include "asnbelajar/sources.hpp"
#include "sources/source_impl.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <sys/stat.h>

using namespace asnbelajar;

namespace {

constexpr UnixSeconds nine_wib = 1646272800; // 2022-03-03 09:00 WIB

// 2022-03-03 hh:mm WIB as UTC seconds.
UnixSeconds at(int hour, int minute) {
    return nine_wib + (hour - 9) * 3600 + minute * 60;
}

sources::ReadOptions session_options() {
    sources::ReadOptions o;
    o.session_date = Date{2022, 3, 3};
    return o;
}

// `source`: a layout's name in the registry ("zoom-webinar").
sources::ExportData read(const std::string& text, std::string_view source,
                         const sources::ReadOptions& o = session_options()) {
    std::istringstream in(text);
    return sources::read_export(in, "x.csv", *sources::find_source(source), o);
}

// The name of the layout detected.
std::string_view detect(const std::string& text) {
    std::istringstream in(text);
    return sources::detect_export(in, "x.csv").name;
}

// ASCII text as Teams writes it: UTF-16LE with a byte-order mark, CRLF.
std::string utf16le(const std::string& ascii) {
    std::string out = "\xFF\xFE";
    for (char c : ascii) {
        if (c == '\n') out += std::string("\r\0", 2);
        out += c;
        out += '\0';
    }
    return out;
}

const char* const webinar =
    "Attendee Report\n"
    "Report Generated:,03/03/2022 03:00 PM\n"
    "Topic,Webinar ID,Actual Start Time,Actual Duration (minutes)\n"
    "Webinar ASN Belajar,812 3456 7890,\"Mar 03, 2022 09:00:00\",180\n"
    "\n"
    "Host Details\n"
    "Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes)\n"
    "Yes,BPSDM JATIM,webinar@bpsdm.go.id,\"Mar 03, 2022 08:30:00\",\"Mar 03, 2022 12:00:00\",210\n"
    "\n"
    "Panelist Details\n"
    "Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes)\n"
    "Yes,Narasumber,nara@unair.ac.id,\"Mar 03, 2022 09:00:00\",\"Mar 03, 2022 12:00:00\",180\n"
    "\n"
    "Attendee Details\n"
    "Attended,User Name (Original Name),First Name,Last Name,Email,Phone,Join Time,Leave Time,"
    "Time in Session (minutes),NIP (tanpa spasi)\n"
    "Yes,SURABAYA SITI (Siti Rahayu),Siti,\"Rahayu, S.Pd.\",siti@example.go.id,,\"Mar 03, 2022 08:52:00\","
    "\"Mar 03, 2022 10:31:00\",99,19771204 199908 2 005\n"
    "Yes,\"MALANG EKO (Eko Pratama, A.Md.)\",,,EKO@EXAMPLE.GO.ID,0812-3456-7890,\"Mar 03, 2022 09:12:00\","
    "\"Mar 03, 2022 11:19:00\",127,\n"
    "Yes,SURABAYA SITI (Siti Rahayu),Siti,\"Rahayu, S.Pd.\",siti@example.go.id,,\"Mar 03, 2022 10:40:00\","
    "\"Mar 03, 2022 12:01:00\",81,19771204 199908 2 005\n"
    "No,Ayu Wijaya,Ayu,Wijaya,ayu@example.go.id,,--,--,--,197207012001022001\n";

} // namespace

TEST_CASE("detect_export: each layout by its signs") {
    CHECK(detect(webinar) == "zoom-webinar");
    CHECK(detect("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
                 "Siti (Siti),siti@x.go.id,03/03/2022 09:00:00 AM,03/03/2022 10:00:00 AM,60,No\n") ==
          "zoom-meeting");
    CHECK(detect("Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
                 "81234567890,Webinar,03/03/2022 08:53:00 AM,03/03/2022 12:08:00 PM,host@x.go.id,195,12\n\n"
                 "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n") ==
          "zoom-meeting");
    CHECK(detect(utf16le("1. Summary\nMeeting title\tWebinar\n\n2. Participants\nName\tFirst Join\n")) ==
          "teams");
    CHECK(detect("Name,Email,First seen,Last seen,Time in call\n") == "meet");
    CHECK(detect("First name,Last name,Email,Duration,Time joined,Time exited\n") == "meet");
    CHECK(detect("Time in call,Full Name\n") == "meet"); // Meet's column first: index 0 is found
    // Zoom's own columns first, without "(Original Name)".
    CHECK(detect("Guest,Name,User Email,Join Time,Leave Time,Duration (Minutes)\n") == "zoom-meeting");
    CHECK(detect("In Waiting Room,Name,User Email,Join Time,Leave Time,Duration (Minutes)\n") ==
          "zoom-meeting");
    CHECK(detect("NIP;Nama;Menit\n198609262015051001;Siti;150\n") == "csv");
    CHECK(detect("email\nsiti@x.go.id\n") == "csv");
    CHECK(detect("Daftar hadir webinar\nNo HP,Nama\n08123456789,Siti\n") == "csv");
}

TEST_CASE("detect_export: a Zoom webinar export known by its Webinar ID column, wherever it is") {
    CHECK(detect("Webinar ID,Topic,Actual Start Time\n812 3456 7890,Webinar,\"Mar 03, 2022 09:00:00\"\n") ==
          "zoom-webinar");
    CHECK(detect("Topic,Webinar ID,Actual Start Time\nWebinar,812 3456 7890,\"Mar 03, 2022 09:00:00\"\n") ==
          "zoom-webinar");
}

TEST_CASE("Teams section titles: one or two digits, a point, then a name") {
    const sources::ExportSource* teams = sources::find_source("teams");
    REQUIRE(teams);
    const sources::Fields row{"x"};
    const sources::HeaderRow header(row);
    for (const char* title : {"1. Summary", "2. Participants", "3. In-Meeting Activities", "2.Peserta",
                              "10. Participants", "1. Ringkasan", "4. Something else"}) {
        const std::string text = title;
        CAPTURE(text);
        CHECK(teams->detect(title, header));
    }
    for (const char* title : {"Participants", "A. Participants", ". Participants", "2 Participants",
                              "100. Participants", "2.", "2. ", "x2. Participants"}) {
        const std::string text = title;
        CAPTURE(text);
        CHECK_FALSE(teams->detect(title, header));
    }
}

TEST_CASE("detect_export: an unknown shape is refused with what was found and what is expected") {
    CHECK_THROWS_WITH_AS(detect("Timestamp,Pertanyaan,Jawaban\n2022-03-03,Apa,Ya\n"),
                         doctest::Contains("not a recognised attendance export (first line: "
                                           "'Timestamp,Pertanyaan,Jawaban'"),
                         Error);
    CHECK_THROWS_WITH_AS(detect("Timestamp,Pertanyaan\n"), doctest::Contains("Zoom webinar attendee report"),
                         Error);
    // FILE:LINE of the first line that is not blank.
    CHECK_THROWS_WITH_AS(detect("\n\nTimestamp,Pertanyaan\n"), doctest::Contains("x.csv:3: not a recognised"),
                         Error);
    CHECK_THROWS_WITH_AS(detect("Daftar Hadir\nNo,Nama,Waktu\n"),
                         doctest::Contains("(first line: 'Daftar Hadir'; first header: 'No, Nama, Waktu')"),
                         Error);
    // A header of two columns is a header too.
    CHECK_THROWS_WITH_AS(detect("Daftar Hadir\nNama,Waktu\n"),
                         doctest::Contains("(first line: 'Daftar Hadir'; first header: 'Nama, Waktu')"),
                         Error);
    CHECK_THROWS_WITH_AS(detect(""), "x.csv is empty", Error);
    CHECK_THROWS_WITH_AS(detect("\n\n"), "x.csv is empty", Error);
}

TEST_CASE("Zoom webinar: attendees only, one row per join, no-shows, registration questions") {
    sources::ExportData d = read(webinar, "zoom-webinar");
    CHECK(d.source->name == "zoom-webinar");
    CHECK(d.rows == 6);
    CHECK(d.staff_rows == 2);
    CHECK(d.no_shows == 1);
    REQUIRE(d.records.size() == 3);
    const sources::ExportRecord& siti = d.records[0];
    CHECK(siti.name == "Siti Rahayu, S.Pd."); // first and last name from the registration
    CHECK(siti.nip == "19771204 199908 2 005");
    CHECK(siti.email == "siti@example.go.id");
    CHECK(siti.join == at(8, 52));
    CHECK(siti.leave == at(10, 31));
    CHECK_FALSE(siti.seconds); // per-join rows: the interval says it all
    CHECK(siti.line == 16);
    const sources::ExportRecord& eko = d.records[1];
    CHECK(eko.name == "Eko Pratama, A.Md."); // the original name inside the brackets
    CHECK(eko.email == "EKO@EXAMPLE.GO.ID");
    CHECK(eko.phone == "0812-3456-7890");
    CHECK(eko.nip.empty());
    CHECK(d.records[2].join == at(10, 40));
}

TEST_CASE("Zoom webinar: Indonesian headers and titles, day-first dates decided by the session's date") {
    const std::string report =
        "Laporan Peserta\n"
        "Detail Tuan Rumah\n"
        "Hadir,Nama Pengguna (Nama Asli),Email,Waktu Bergabung,Waktu Keluar\n"
        "Ya,BPSDM,host@x.go.id,10/03/2022 08:30:00,10/03/2022 12:00:00\n"
        "Detail Peserta\n"
        "Hadir,Nama Pengguna (Nama Asli),Email,Waktu Bergabung,Waktu Keluar,Waktu dalam Sesi "
        "(menit),NIP\n"
        "Ya,Siti,siti@x.go.id,10/03/2022 09:00:00,10/03/2022 10:00:00,60,198609262015051001\n"
        "Tidak,Budi,budi@x.go.id,--,--,--,\n";
    sources::ReadOptions o;
    o.session_date = Date{2022, 3, 10};
    sources::ExportData d = read(report, "zoom-webinar", o);
    CHECK(d.order == DayOrder::dmy);
    CHECK(d.staff_rows == 1);
    CHECK(d.no_shows == 1);
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].join == nine_wib + 7 * 86400);
    CHECK(d.records[0].nip == "198609262015051001");
    REQUIRE_FALSE(d.notes.empty());
    CHECK(d.notes[0].find("day first") != std::string::npos);

    o.session_date = Date{2022, 10, 3}; // now the other reading fits
    CHECK(read(report, "zoom-webinar", o).order == DayOrder::mdy);

    o.session_date = Date{2022, 3, 17};
    CHECK_THROWS_WITH_AS(
        read(report, "zoom-webinar", o),
        doctest::Contains("'10/03/2022 09:00:00' is 10 March or 3 October, and neither puts the "
                          "joins on the session's date 2022-03-17; pass --date-order dmy"),
        Error);
    o.order = DayOrder::dmy;
    CHECK(read(report, "zoom-webinar", o).records[0].join == nine_wib + 7 * 86400);
}

TEST_CASE("Zoom webinar: a file without an attendee section says which sections it had") {
    sources::ExportData d =
        read("Attendee Report\nHost Details\nAttended,User Name,Email,Join Time,Leave Time\n"
             "Yes,Host,h@x.go.id,\"Mar 03, 2022 09:00:00\",\"Mar 03, 2022 12:00:00\"\n",
             "zoom-webinar");
    CHECK(d.records.empty());
    CHECK(d.staff_rows == 1);
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0] == "no attendee section (sections found: Host Details)");
    CHECK_THROWS_WITH_AS(
        read("Attendee Details\nAttended,User Name,Email\nYes,A,a@x.go.id\n", "zoom-webinar"),
        doctest::Contains("x.csv: line 2: the header of section 'Attendee Details' has no join and leave "
                          "time columns (columns: Attended, User Name, Email)"),
        Error);
}

TEST_CASE("Zoom meeting export: meeting preamble, original names, waiting room, month-first dates") {
    const std::string flat =
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
        "81234567890,Webinar,03/03/2022 08:53:00 AM,03/03/2022 12:08:00 PM,host@x.go.id,195,3\n"
        "\n"
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,In Waiting Room\n"
        "SURABAYA SITI (Siti Rahayu),siti@x.go.id,03/03/2022 08:50:00 AM,03/03/2022 09:00:00 AM,10,No,Yes\n"
        "SURABAYA SITI (Siti Rahayu),siti@x.go.id,03/03/2022 09:00:00 AM,03/03/2022 12:13:00 PM,193,No,No\n"
        "Budi Santoso,budi@x.go.id,03/03/2022 01:05:00 PM,03/03/2022 01:10:00 PM,5,Yes,No\n";
    sources::ExportData d = read(flat, "zoom-meeting");
    CHECK(d.rows == 3);
    REQUIRE(d.records.size() == 2);
    CHECK(d.records[0].name == "Siti Rahayu");
    CHECK(d.records[0].join == at(9, 0));
    CHECK(d.records[0].leave == at(12, 13));
    CHECK_FALSE(d.records[0].seconds);
    CHECK(d.records[1].name == "Budi Santoso");
    CHECK(d.records[1].join == at(13, 5));
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0] == "1 row with 'in waiting room' = yes passed over");
}

TEST_CASE("Teams: UTF-16 sections, per-join activities, organizers and presenters left out") {
    const std::string report =
        utf16le("1. Summary\n"
                "Meeting title\tWebinar\n"
                "Start time\t3/3/22, 8:50:00 AM\n"
                "\n"
                "2. Participants\n"
                "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\n"
                "Host\t3/3/22, 8:50:00 AM\t3/3/22, 12:00:00 PM\t3h 10m\th@x.go.id\tOrganizer\n"
                "Nara\t3/3/22, 8:55:00 AM\t3/3/22, 12:00:00 PM\t3h 5m\tn@x.go.id\tPresenter\n"
                "Siti\t3/3/22, 9:00:00 AM\t3/3/22, 11:30:00 AM\t2h 10m\ts@x.go.id\tAttendee\n"
                "\n"
                "3. In-Meeting Activities\n"
                "Name\tJoin Time\tLeave Time\tDuration\tEmail\n"
                "Host\t3/3/22, 8:50:00 AM\t3/3/22, 12:00:00 PM\t3h 10m\th@x.go.id\n"
                "Nara\t3/3/22, 8:55:00 AM\t3/3/22, 12:00:00 PM\t3h 5m\tn@x.go.id\n"
                "Siti\t3/3/22, 9:00:00 AM\t3/3/22, 10:00:00 AM\t1h\ts@x.go.id\n"
                "Siti\t3/3/22, 10:20:00 AM\t3/3/22, 11:30:00 AM\t1h 10m\ts@x.go.id\n");
    sources::ExportData d = read(report, "teams");
    CHECK(d.rows == 4);
    CHECK(d.staff_rows == 2); // roles from the participants section, matched by e-mail
    REQUIRE(d.records.size() == 2);
    CHECK(d.records[0].email == "s@x.go.id");
    CHECK(d.records[0].join == at(9, 0));
    CHECK(d.records[0].leave == at(10, 0));
    CHECK_FALSE(d.records[0].seconds);
    CHECK(d.records[1].join == at(10, 20));
    CHECK(d.notes.empty());
}

TEST_CASE("Teams: without activities, each participant is a span; presenters count when nobody attends") {
    const std::string report =
        utf16le("2. Participants\n"
                "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\n"
                "Host\t3/3/22, 8:50:00 AM\t3/3/22, 12:00:00 PM\t3h 10m\th@x.go.id\tOrganizer\n"
                "Siti\t3/3/22, 9:00:00 AM\t3/3/22, 11:30:00 AM\t2h 10m 30s\ts@x.go.id\t"
                "Presenter\n");
    sources::ExportData d = read(report, "teams");
    CHECK(d.staff_rows == 1);
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].join == at(9, 0));
    CHECK(d.records[0].leave == at(11, 30));
    CHECK(d.records[0].seconds == 2 * 3600 + 10 * 60 + 30);
    REQUIRE(d.notes.size() == 2);
    CHECK(d.notes[1] == "no participant has the attendee role: 1 presenter counted as an attendee");
    CHECK_THROWS_WITH_AS(read(utf16le("1. Summary\nMeeting title\tX\n"), "teams"),
                         "x.csv: no '2. Participants' or '3. In-Meeting Activities' section found", Error);
    // A section's header without join and leave times is refused, naming the section.
    CHECK_THROWS_WITH_AS(
        read(utf16le("2. Participants\nName\tEmail\tRole\n"), "teams"),
        doctest::Contains("line 2: the participants header has no join and leave time columns"), Error);
    CHECK_THROWS_WITH_AS(
        read(utf16le("3. In-Meeting Activities\nName\tJoin Time\tEmail\n"), "teams"),
        doctest::Contains("line 2: the in-meeting activities header has no join and leave time columns"),
        Error);
}

TEST_CASE(
    "Google Meet: first seen..last seen spans with the time in call; times of day on the session's date") {
    sources::ExportData d =
        read("Name,Email,First seen,Last seen,Time in call\n"
             "Siti Rahayu,siti@x.go.id,\"Mar 3, 2022, 8:45:00 AM\",\"Mar 3, 2022, 11:50:00 AM\","
             "2 hr 20 min\n",
             "meet");
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].join == at(8, 45));
    CHECK(d.records[0].leave == at(11, 50));
    CHECK(d.records[0].seconds == 140 * 60);

    d = read("First name,Last name,Email,Duration,Time joined,Time exited\n"
             "Agus,\"Salim, S.Kom.\",agus@x.go.id,1:45:00,9:30 AM,11:30 AM\n"
             "Late,Owl,owl@x.go.id,25 min,11:50 PM,12:15 AM\n",
             "meet");
    REQUIRE(d.records.size() == 2);
    CHECK(d.records[0].name == "Agus Salim, S.Kom.");
    CHECK(d.records[0].join == at(9, 30));
    CHECK(d.records[0].seconds == 105 * 60);
    CHECK(d.records[1].leave == at(24, 15)); // past midnight: the next day
    sources::ReadOptions no_date;
    CHECK_THROWS_WITH_AS(
        read("Name,Email,Time joined,Time exited\nA,a@x.go.id,9:30 AM,10:00 AM\n", "meet", no_date),
        doctest::Contains("x.csv:2: Time joined: '9:30 AM' is not a date and time"), Error);
}

TEST_CASE("plain CSV: self-declared, minutes, join and leave") {
    sources::ExportData d = read("email,nama\nsiti@x.go.id,Siti\nbudi@x.go.id,Budi\n", "csv");
    REQUIRE(d.records.size() == 2);
    CHECK_FALSE(d.records[0].join);
    CHECK_FALSE(d.records[0].seconds); // nothing: self-declared

    d = read("NIP;No HP;Menit\n198609262015051001;;150\n;0812345678;1h 30m\n199001152014031002;;\n", "csv");
    REQUIRE(d.records.size() == 2);
    CHECK(d.records[0].seconds == 150 * 60);
    CHECK(d.records[1].phone == "0812345678");
    CHECK(d.records[1].seconds == 90 * 60);
    CHECK(d.no_shows == 1); // a row without minutes in a file that has them

    d = read("nip,join,leave\n198609262015051001,2022-03-03T09:00:00+07:00,2022-03-03T03:30:00Z\n", "csv");
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].join == at(9, 0));
    CHECK(d.records[0].leave == at(10, 30));
    CHECK_FALSE(d.records[0].seconds);

    CHECK_THROWS_WITH_AS(read("nip,join\n1,2022-03-03 09:00\n", "csv"),
                         doctest::Contains("line 1: a join column without a leave column"), Error);
    CHECK_THROWS_WITH_AS(read("nama,menit\nSiti,10\n", "csv"),
                         doctest::Contains("no CSV with a NIP, e-mail or phone column header found"), Error);
}

TEST_CASE("rows that cannot be read are listed with their lines") {
    CHECK_THROWS_WITH_AS(
        read("email,join,leave\na@x.go.id,2022-03-03 09:00,2022-03-03 08:00\n", "csv"),
        "x.csv:2: leave: leave time '2022-03-03 08:00' is before join time '2022-03-03 09:00'", Error);
    std::string bad = "email,join,leave,minutes\n"
                      "a@x.go.id,2022-03-03 09:00,,\n"
                      "b@x.go.id,Mar 33 2022 09:00,2022-03-03 10:00,\n"
                      "c@x.go.id,,,a while\n";
    CHECK_THROWS_WITH_AS(read(bad, "csv"),
                         "x.csv: 3 problems:\n"
                         "x.csv:2: leave: a join time without a leave time\n"
                         "x.csv:3: join: invalid timestamp 'Mar 33 2022 09:00': March 2022 has no day 33\n"
                         "x.csv:4: minutes: 'a while' is not a duration",
                         Error);
    std::string many = "email,minutes\n";
    for (int i = 0; i < 25; ++i)
        many += "a@x.go.id,soon\n";
    CHECK_THROWS_WITH_AS(read(many, "csv"), doctest::Contains("… and 5 more"), Error);
    // A date that reads both ways makes the reader read the file again, day first: its problems count once
    // (a value that is no date at all is a problem in both readings).
    CHECK_THROWS_WITH_AS(read("email,join,leave\n"
                              "a@x.go.id,03/04/2022 09:00,03/04/2022 10:00\n"
                              "b@x.go.id,later,03/04/2022 10:00\n",
                              "csv"),
                         "x.csv:3: join: 'later' is not a date and time", Error);
    CHECK_THROWS_WITH_AS(
        read("Attendee Details\nAttended,Email,Join Time,Leave Time\nMaybe,a@x.go.id,,\n", "zoom-webinar"),
        "x.csv:3: Attended: 'Maybe' is neither yes nor no", Error);
}

TEST_CASE("the day/month order is one per file") {
    // 25/03 can only be day first: so 03/04 on another row is 3 April, not 4 March.
    sources::ReadOptions o;
    sources::ExportData d = read("email,join,leave\n"
                                 "a@x.go.id,25/03/2022 09:00,25/03/2022 10:00\n"
                                 "b@x.go.id,03/04/2022 09:00,03/04/2022 10:00\n",
                                 "csv", o);
    CHECK(d.order == DayOrder::dmy);
    CHECK(to_local(*d.records[1].join, o.zone).date == Date{2022, 4, 3});
    CHECK_THROWS_WITH_AS(read("email,join,leave\n"
                              "a@x.go.id,25/03/2022 09:00,25/03/2022 10:00\n"
                              "b@x.go.id,03/25/2022 09:00,03/25/2022 10:00\n",
                              "csv", o),
                         doctest::Contains("dates mix day/month orders"), Error);
    // The message names the lines of the two timestamps that disagree (the second as FILE:LINE).
    CHECK_THROWS_WITH_AS(read("email,join,leave\n"
                              "a@x.go.id,25/03/2022 09:00,25/03/2022 10:00\n"
                              "c@x.go.id,,\n"
                              "b@x.go.id,03/25/2022 09:00,03/25/2022 10:00\n",
                              "csv", o),
                         doctest::Contains("x.csv:4: dates mix day/month orders: '25/03/2022 09:00' and "
                                           "'03/25/2022 09:00' (the first on line 2, the second on line 4)"),
                         Error);
    // Undecidable, and no session to decide by: FILE:LINE of the first date that reads both ways.
    CHECK_THROWS_WITH_AS(read("email,join,leave\na@x.go.id,03/04/2022 09:00,03/04/2022 10:00\n", "csv", o),
                         doctest::Contains("x.csv:2: the day/month order of the dates cannot be decided"),
                         Error);
    CHECK_THROWS_WITH_AS(
        read("email,join,leave\na@x.go.id,03/04/2022 09:00,03/04/2022 10:00\n", "csv", o),
        doctest::Contains("pass --date-order dmy (day first) or --date-order mdy (month first)"), Error);
    o.order = DayOrder::mdy;
    d = read("email,join,leave\na@x.go.id,03/04/2022 09:00,03/04/2022 10:00\n", "csv", o);
    CHECK(to_local(*d.records[0].join, o.zone).date == Date{2022, 3, 4});
    // Same day and month: nothing to decide.
    d = read("email,join,leave\na@x.go.id,03/03/2022 09:00,03/03/2022 10:00\n", "csv",
             sources::ReadOptions{});
    CHECK(d.order == DayOrder::unknown);
    CHECK(d.records[0].join == at(9, 0));
}

TEST_CASE("Teams: the summary's start and end times have a say in the day/month order") {
    // Everyone left before midnight of the 12th (12/3 reads both ways); the meeting ended on the 13th.
    const std::string report = utf16le("1. Summary\n"
                                       "Meeting title\tWebinar\n"
                                       "Start time\t12/3/22, 10:00:00 PM\n"
                                       "End time\t13/3/22, 12:30:00 AM\n"
                                       "\n"
                                       "2. Participants\n"
                                       "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\n"
                                       "Siti\t12/3/22, 10:00:00 PM\t12/3/22, 11:30:00 PM\t1h 30m\ts@x.go.id\t"
                                       "Attendee\n");
    sources::ReadOptions no_date; // nothing else to decide by
    sources::ExportData d = read(report, "teams", no_date);
    CHECK(d.order == DayOrder::dmy);
    REQUIRE(d.records.size() == 1);
    CHECK(to_local(*d.records[0].join, no_date.zone).date == Date{2022, 3, 12});
    // A summary that contradicts the rows is refused.
    const std::string contradiction =
        utf16le("1. Summary\n"
                "Start time\t13/3/22, 9:00:00 AM\n"
                "\n"
                "2. Participants\n"
                "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\n"
                "Siti\t3/13/22, 9:00:00 AM\t3/13/22, 11:30:00 AM\t2h 30m\t"
                "s@x.go.id\tAttendee\n");
    CHECK_THROWS_WITH_AS(read(contradiction, "teams", no_date),
                         doctest::Contains("dates mix day/month orders"), Error);
}

TEST_CASE("Teams: a summary row's first cell is its label, which never votes on the day/month order") {
    const std::string report = utf16le("1. Summary\n"
                                       "13/3/22, 9:00:00 AM\tWebinar\n"
                                       "\n"
                                       "2. Participants\n"
                                       "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\n"
                                       "Siti\t3/13/22, 9:00:00 AM\t3/13/22, 11:30:00 AM\t2h 30m\ts@x.go.id\t"
                                       "Attendee\n");
    sources::ReadOptions no_date;
    sources::ExportData d = read(report, "teams", no_date);
    CHECK(d.order == DayOrder::mdy);
    REQUIRE(d.records.size() == 1);
}

TEST_CASE("times are read in the zone given, unless they carry their own") {
    sources::ReadOptions o = session_options();
    o.zone = find_zone("Asia/Makassar");
    sources::ExportData d =
        read("email,join,leave\na@x.go.id,2022-03-03 10:00,2022-03-03 11:00+07:00\n", "csv", o);
    CHECK(d.records[0].join == at(9, 0));   // 10:00 WITA
    CHECK(d.records[0].leave == at(11, 0)); // its own offset
}

TEST_CASE("read_export_file: --source must agree with the file") {
    TempDir dir;
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir.file(name), std::ios::binary) << text;
        return dir.file(name);
    };
    std::string w = write("w.csv", webinar);
    std::string flat = write("m.csv", "Name,Email,Join Time,Leave Time\nSiti,s@x.go.id,2022-03-03 09:00,"
                                      "2022-03-03 10:00\n");
    sources::ReadOptions o = session_options();
    CHECK(sources::read_export_file(w, "auto", o).source->name == "zoom-webinar");
    CHECK(sources::read_export_file(w, "zoom", o).source->name == "zoom-webinar");
    CHECK_THROWS_WITH_AS(
        sources::read_export_file(w, "teams", o),
        doctest::Contains("is a Zoom webinar attendee report, not what --source teams reads"), Error);
    CHECK_THROWS_AS(sources::read_export_file(w, "csv", o), Error);
    // A flat table reads with any flat reader.
    CHECK(sources::read_export_file(flat, "auto", o).source->name == "csv");
    CHECK(sources::read_export_file(flat, "zoom", o).source->name == "zoom-meeting");
    CHECK(sources::read_export_file(flat, "meet", o).source->name == "meet");
    // ...but not with the Teams reader, nor a sectioned report with a flat one.
    CHECK_THROWS_WITH_AS(sources::read_export_file(flat, "teams", o),
                         doctest::Contains("not what --source teams reads"), Error);
    CHECK_THROWS_WITH_AS(sources::read_export_file(w, "meet", o),
                         doctest::Contains("not what --source meet reads"), Error);
    CHECK_THROWS_WITH_AS(sources::read_export_file(dir.file("none.csv"), "auto", o),
                         doctest::Contains("cannot open"), Error);
    CHECK(sources::source_choices() == std::vector<std::string_view>{"auto", "zoom", "teams", "meet", "csv"});
    CHECK_THROWS_WITH_AS(sources::read_export_file(w, "webex", o), "unknown source 'webex'", Error);
}

TEST_CASE("export_sources: one complete row per layout, as the build lists them for the fuzz targets") {
    std::string names;
    for (const sources::ExportSource& s : sources::export_sources()) {
        CHECK_FALSE(s.name.empty());
        CHECK_FALSE(s.family.empty());
        CHECK_FALSE(s.label.empty());
        CHECK(s.expected.find(s.family == "csv" ? "CSV" : s.label) != std::string_view::npos);
        const bool functions = s.detect != nullptr && s.read != nullptr;
        CHECK(functions);
        CHECK(sources::find_source(s.name) == &s); // names are unique
        names += (names.empty() ? "" : ",") + std::string(s.name);
    }
    // tests/CMakeLists.txt reads the rows' names out of registry.cpp to make one fuzz target per layout.
    CHECK(names == ASNB_CMAKE_EXPORT_SOURCES);
    CHECK(names == "zoom-webinar,zoom-meeting,teams,teams-2021,teams-list,meet,csv");
    CHECK(sources::find_source("webex") == nullptr);
}

TEST_CASE("detect_export: the layouts of issue 13") {
    CHECK(detect("Attendee Report,,,,,\nReport Generated:,\"Mar 23, 2025 6:26 PM\",,,,\n") == "zoom-webinar");
    CHECK(detect("Name (Original Name),User Email,Total Duration (Minutes),Guest\nA,a@x.go.id,10,No\n") ==
          "zoom-meeting");
    CHECK(detect("Name (Original Name),User Email,Total Duration (Minutes)\nA,a@x.go.id,10\n") ==
          "zoom-meeting");
    CHECK(detect(utf16le("Meeting Summary\t\t\t\nTotal Number of Participants\t5\t\t\n")) == "teams-2021");
    CHECK(detect(utf16le("Full Name\tUser Action\tTimestamp\nA\tJoined\t9/3/2020, 2:41:55 PM\n")) ==
          "teams-list");
    CHECK(detect("\xEF\xBB\xBFMeet\nMeeting code: abc-defg-hij\nCreated on 2022-03-03 08:55:10\n"
                 "Ended on 2022-03-03 12:05:41\nFull Name,First Seen,Time in Call\n") == "meet");
}

TEST_CASE("Zoom webinar: Other Attended is read, unknown sections are passed over by name, padded titles") {
    const std::string report =
        "Attendee Report,,,,,\n"
        "Attendee Details,,,,,\n"
        "Attended,User Name,Email,Join Time,Leave Time,Time in Session (minutes)\n"
        "Yes,Siti,siti@x.go.id,\"Mar 03, 2022 09:00:00\",\"Mar 03, 2022 10:00:00\",60\n"
        "Other Attended,,,,,\n"
        "User Name,Join Time,Leave Time,Time in Session (minutes),Country/Region Name,\n"
        "Gilang Ramadhan,\"Mar 3, 2022 9:20 AM\",\"Mar 3, 2022 11:21 AM\",121,Indonesia,\n"
        "Poll Results,,,,,\n"
        "Attended,Question,Answer,,,\n"
        "Maybe,Which?,That,,,\n";
    sources::ExportData d = read(report, "zoom-webinar");
    REQUIRE(d.records.size() == 2);
    CHECK(d.records[1].name == "Gilang Ramadhan");
    CHECK(d.records[1].email.empty());
    CHECK(d.records[1].join == at(9, 20));
    CHECK(d.records[1].leave == at(11, 21));
    CHECK(d.records[1].line == 7);
    CHECK(d.rows == 3);
    CHECK_FALSE(d.names_only); // the attendees have e-mails
    REQUIRE(d.notes.size() == 2);
    CHECK(d.notes[0] == "section 'Poll Results' is not one this reader knows: its 1 row was passed over");
    CHECK(d.notes[1].find("'Other Attended': 1 row of a person who joined without registering") !=
          std::string::npos);
    // A lone "Yes" in the attendee section is a row without times (a no-show), not a title.
    d = read("Attendee Details\nAttended,Email,Join Time,Leave Time\nYes,,,\n", "zoom-webinar");
    CHECK(d.no_shows == 1);
    CHECK(d.notes.empty());
}

TEST_CASE("Zoom meeting, unique users: minutes per row, never the meeting line, with or without preamble") {
    const std::string body = "Name (Original Name),User Email,Total Duration (Minutes),Guest,\n"
                             "Teguh Prakoso,teguh@x.go.id,6,No,\n"
                             "Teguh,teguh@x.go.id,41,No,\n"
                             "Nur Aini,,10,Yes,\n";
    const std::string preamble =
        "\xEF\xBB\xBFMeeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),"
        "Participants,\n"
        "94758381041,\"Latsar, Kelas A\",09/01/2020 09:03:16 AM,09/01/2020 10:13:23 AM,"
        "host@x.go.id,71,50,\n"
        "\n";
    for (const std::string& text : {body, preamble + body}) {
        for (std::string_view source : {"zoom-meeting", "csv"}) {
            sources::ExportData d = read(text, source);
            REQUIRE(d.records.size() == 3);
            CHECK(d.records[0].email == "teguh@x.go.id");
            CHECK(d.records[0].seconds == 6 * 60);
            CHECK_FALSE(d.records[0].join);
            CHECK(d.records[1].seconds == 41 * 60);
            CHECK(d.records[2].name == "Nur Aini");
            for (const sources::ExportRecord& r : d.records)
                CHECK(r.email != "host@x.go.id");
        }
    }
}

TEST_CASE("Teams attendance list: joins to leaves per person, open joins end at the session's end") {
    const std::string list = "Full Name\tUser Action\tTimestamp\n"
                             "Siti Rahayu\tJoined\t3/3/2022, 9:05:00 AM\n"
                             "Budi  Santoso\tJoined before\t3/3/2022, 9:05:00 AM\n"
                             "Budi Santoso\tLeft\t3/3/2022, 9:30:00 AM\n"
                             "Ahmad Fauzi\tLeft\t3/3/2022, 9:40:00 AM\n"
                             "Siti Rahayu\tLeft\t3/3/2022, 10:00:00 AM\n"
                             "Budi Santoso\tJoined\t3/3/2022, 10:30:00 AM\n"
                             "Siti Rahayu\tJoined\t3/3/2022, 9:50:00 AM\n"; // a second device, out of order
    sources::ReadOptions o = session_options();
    o.session_start = at(9, 0);
    o.session_end = at(12, 0);
    sources::ExportData d = read(utf16le(list), "teams-list", o);
    CHECK(d.names_only);
    CHECK(d.rows == 7);
    REQUIRE(d.records.size() == 5);
    // In order of the line that opened each interval.
    CHECK(d.records[0].name == "Siti Rahayu");
    CHECK(d.records[0].join == at(9, 5));
    CHECK(d.records[0].leave == at(10, 0));
    CHECK(d.records[0].line == 2);
    CHECK(d.records[1].name == "Budi Santoso"); // blanks collapsed: one person
    CHECK(d.records[1].leave == at(9, 30));
    CHECK(d.records[2].name == "Ahmad Fauzi"); // a leave without a join: in since the list's first time
    CHECK(d.records[2].join == at(9, 5));
    CHECK(d.records[2].leave == at(9, 40));
    CHECK(d.records[3].join == at(10, 30)); // still in at the end: to the session's end
    CHECK(d.records[3].leave == at(12, 0));
    CHECK(d.records[4].join == at(9, 50)); // Siti's second device
    CHECK(d.records[4].leave == at(12, 0));
    for (const sources::ExportRecord& r : d.records)
        CHECK_FALSE(r.seconds);

    // Without the session's end, an open join lasts to the list's last time.
    d = read(utf16le(list), "teams-list");
    CHECK(d.records[3].leave == at(10, 30));
    // Portuguese, day first, no comma.
    d = read(utf16le("Nome Completo\tAtividade\tData e hora\nAndré\tEntrou\t03/03/2022 09:00:07\n"
                     "André\tSaiu\t03/03/2022 09:20:00\n"),
             "teams-list");
    REQUIRE(d.records.size() == 1);
    CHECK(*d.records[0].leave - *d.records[0].join == 20 * 60 - 7);
    CHECK_THROWS_WITH_AS(
        read("Full Name\tUser Action\tTimestamp\nA\tJoined\t3/3/2022, 9:05:00 AM\nA\tWaved\t3/3/2022, "
             "9:06:00 AM\nB\tLeft\t3/3/2022, 9:75:00 AM\n\tLeft\t3/3/2022, 9:07:00 AM\n",
             "teams-list"),
        "x.csv: 3 problems:\n"
        "x.csv:3: User Action: 'Waved' is not an action of the list ('Joined', 'Joined before' or 'Left')\n"
        "x.csv:4: Timestamp: invalid timestamp '3/3/2022, 9:75:00 AM': minute 75 is not a time of day\n"
        "x.csv:5: Full Name: no name",
        Error);
}

TEST_CASE("Teams attendance list: its columns found by name, the action or the time first") {
    // A list re-saved from a spreadsheet with its columns moved: each found by its heading, wherever it is.
    for (const std::string list : {"User Action\tFull Name\tTimestamp\nJoined\tSiti\t3/3/2022, 9:05:00 AM\n"
                                   "Left\tSiti\t3/3/2022, 9:35:00 AM\n",
                                   "Timestamp\tUser Action\tFull Name\n3/3/2022, 9:05:00 AM\tJoined\tSiti\n"
                                   "3/3/2022, 9:35:00 AM\tLeft\tSiti\n"}) {
        CAPTURE(list);
        CHECK(detect(utf16le(list)) == "teams-list");
        const sources::ExportData d = read(utf16le(list), "teams-list");
        REQUIRE(d.records.size() == 1);
        CHECK(d.records[0].name == "Siti");
        CHECK(d.records[0].join == at(9, 5));
        CHECK(d.records[0].leave == at(9, 35));
    }
}

TEST_CASE("Teams 2021 report: Meeting Summary, padded lines, quoted times, French") {
    const std::string en = "Meeting Summary\t\t\t\t\n"
                           "Total Number of Participants\t2\t\t\t\n"
                           "Meeting Start Time\t\"3/3/2022, 8:50:01 AM\"\t\t\t\n"
                           "\t\t\t\t\n"
                           "Full Name\tJoin Time\tLeave Time\tDuration\tEmail\n"
                           "Siti\t\"3/3/2022, 9:00:00 AM\"\t\"3/3/2022, 9:24:12 AM\"\t24m 12s\tsiti@x.go.id\n"
                           "Budi\t\"3/3/2022, 9:10:00 AM\"\t\"3/3/2022, 9:20:00 AM\"\t10m\tbudi@x.go.id\n";
    sources::ExportData d = read(utf16le(en), "teams-2021");
    REQUIRE(d.records.size() == 2);
    CHECK(d.records[0].email == "siti@x.go.id");
    CHECK(d.records[0].leave == at(9, 24) + 12);
    CHECK(d.records[0].line == 6);
    const std::string fr =
        "R\xC3\xA9sum\xC3\xA9 de la r\xC3\xA9union\n"
        "Nombre total de participants\t2\n"
        "Heure de d\xC3\xA9"
        "but de la r\xC3\xA9union\t03/03/2022 \xC3\xA0 09:00:00\n"
        "\n"
        "Nom complet\tHeure d'arriv\xC3\xA9\x65\tHeure de d\xC3\xA9part\tDur\xC3\xA9\x65\tE-mail\t"
        "R\xC3\xB4le\n"
        "Vincent\t03/03/2022 \xC3\xA0 09:00:00\t03/03/2022 \xC3\xA0 11:44:00\t2\xC2\xA0h "
        "44\xC2\xA0m\tv@x.fr\tOrganisateur\n"
        "Wulan\t03/03/2022 \xC3\xA0 09:01:00\t03/03/2022 \xC3\xA0 09:01:11\t11\xC2\xA0s\tw@x.fr\t"
        "Pr\xC3\xA9sentateur\n";
    d = read(fr, "teams-2021"); // UTF-8 here: utf16le() takes ASCII only
    CHECK(d.staff_rows == 1);   // the organizer
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].email == "w@x.fr");
    CHECK(d.records[0].join == at(9, 1));
    CHECK(d.records[0].leave == at(9, 1) + 11);
}

TEST_CASE("Google Meet: Full Name, First Seen, Time in Call after a preamble: intervals, names only") {
    sources::ExportData d = read("\xEF\xBB\xBFMeet\r\nMeeting code: abc-defg-hij\r\nCreated on 2022-03-03 "
                                 "08:55:10\r\nEnded on 2022-03-03 12:05:41\r\nFull Name,First Seen,Time in "
                                 "Call\r\nDewi Lestari,2022-03-03 09:30:00,02:30:00\r\n",
                                 "meet");
    CHECK(d.names_only);
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].join == at(9, 30));
    CHECK(d.records[0].leave == at(12, 0));
    CHECK_FALSE(d.records[0].seconds);
    CHECK(d.records[0].line == 6);
    CHECK_THROWS_WITH_AS(read("Full Name,First Seen,Time in Call\nDewi,2022-03-03 09:30:00,\n", "meet"),
                         "x.csv:2: Time in Call: a join time without a duration (Time in Call is empty)",
                         Error);
    CHECK_FALSE(read("Name,Email,Duration,Time joined,Time exited\n", "meet", session_options()).names_only);
}

TEST_CASE("plain CSV under --source auto: a presence column or a presence form, never a roster") {
    sources::ReadOptions o = session_options();
    o.session_start = at(9, 0);
    o.session_end = at(12, 0);
    o.require_presence_evidence = true;
    CHECK_THROWS_WITH_AS(
        read("NIP,Nama,Instansi,Jabatan\n198609262015051001,Siti,BPSDM,Analis\n", "csv", o),
        doctest::Contains("this looks like a roster, not an attendance list: it names people "
                          "(NIP, Nama, Instansi, Jabatan)"),
        Error);
    CHECK_THROWS_WITH_AS(
        read("Timestamp,Email,Instansi,Jabatan\n3/1/2022 10:00:00,a@x.go.id,BPSDM,Analis\n"
             "2/28/2022 10:00:00,b@x.go.id,BPSDM,Analis\n",
             "csv", o),
        doctest::Contains("this looks like a registration export, not a presence list (columns "
                          "Timestamp, Instansi, Jabatan): every Timestamp"),
        Error);
    CHECK_THROWS_WITH_AS(read("Timestamp,Email\n3/3/2022 13:00:00,a@x.go.id\n", "csv", o),
                         doctest::Contains("none of whose Timestamp values"), Error);
    CHECK_THROWS_WITH_AS(read("Timestamp,Email\n3/3/2022 12:61:00,a@x.go.id\n", "csv", o),
                         doctest::Contains("x.csv:2: Timestamp: invalid timestamp"), Error);
    sources::ExportData d =
        read("Stempel waktu,Email\n3/3/2022 8:59:00,a@x.go.id\n3/3/2022 9:10:00,b@x.go.id\n"
             "3/3/2022 12:00:00,c@x.go.id\n",
             "csv", o);
    REQUIRE(d.records.size() == 2); // 8:59 left out
    CHECK(d.records[0].email == "b@x.go.id");
    CHECK(d.records[0].stamped == at(9, 10));
    CHECK_FALSE(d.records[0].seconds);
    CHECK_FALSE(d.records[0].join);
    CHECK(d.notes.back() == "1 row stamped outside the session's window (2022-03-03T09:00:00+07:00 to "
                            "2022-03-03T12:00:00+07:00) left out");
    // Submissions at the session's very start are inside it: all kept.
    d = read("Timestamp,Email\n3/3/2022 9:00:00,a@x.go.id\n3/3/2022 9:00:00,b@x.go.id\n", "csv", o);
    CHECK(d.records.size() == 2);
    // A presence column: yes, no, excused, a check-in time.
    d = read("Email,Presensi\na@x.go.id,Hadir\nb@x.go.id,Izin\nc@x.go.id,sakit\n", "csv", o);
    REQUIRE(d.records.size() == 1);
    CHECK(d.no_shows == 2);
    d = read("Email,Check-in\na@x.go.id,09:05\nb@x.go.id,tidak\n", "csv", o);
    CHECK(d.records.size() == 1);
    // Explicit --source csv: every row, as before.
    o.require_presence_evidence = false;
    CHECK(read("NIP,Nama,Instansi\n198609262015051001,Siti,BPSDM\n", "csv", o).records.size() == 1);
    CHECK(read("Timestamp,Email\n2/28/2022 10:00:00,a@x.go.id\n", "csv", o).records.size() == 1);
}

TEST_CASE("export times: French 'à' between date and time") {
    CHECK(parse_export_time("13/04/2021 \xC3\xA0 09:01:31", find_zone("UTC"), DayOrder::dmy) ==
          parse_export_time("13/04/2021 09:01:31", find_zone("UTC"), DayOrder::dmy));
    CHECK_FALSE(parse_export_time("13/04/2021 \xC3\xA0", find_zone("UTC"), DayOrder::dmy));
    CHECK(parse_duration_seconds("2\xC2\xA0h 44\xC2\xA0m") == 2 * 3600 + 44 * 60);
}

TEST_CASE("Teams section titles: a number alone is no title") {
    const sources::ExportSource* teams = sources::find_source("teams");
    REQUIRE(teams);
    const sources::Fields row{"x"};
    const sources::HeaderRow header(row);
    for (const char* title : {"2", "12"}) {
        const std::string text = title;
        CAPTURE(text);
        CHECK_FALSE(teams->detect(title, header));
    }
}

TEST_CASE("Zoom webinar: with no attendee section, the note names the preamble's other title lines") {
    sources::ExportData d = read(
        "Attendee Report\nWebinar ASN Belajar\nHost Details\nAttended,User Name,Email,Join Time,Leave Time\n"
        "Yes,Host,h@x.go.id,\"Mar 03, 2022 09:00:00\",\"Mar 03, 2022 12:00:00\"\n",
        "zoom-webinar");
    CHECK(d.staff_rows == 1);
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0] ==
          "no attendee section (sections found: Host Details; other title lines: Webinar ASN Belajar)");
}

TEST_CASE("flat layouts: the header must come within the preamble's few lines") {
    // Google Meet allows five lines before its header (a title, the meeting code, its start and end).
    const std::string preamble = "Meet\nMeeting code: abc-defg-hij\nCreated on 2022-03-03 08:55:10\n"
                                 "Ended on 2022-03-03 12:05:41\nNotes\n";
    const std::string table =
        "Full Name,First Seen,Time in Call\nDewi Lestari,2022-03-03 09:30:00,02:30:00\n";
    CHECK(read(preamble + table, "meet").records.size() == 1);
    CHECK_THROWS_WITH_AS(
        read(preamble + "One line too many\n" + table, "meet"),
        "x.csv: no Google Meet attendance ('Name', 'Email', 'First seen', 'Last seen', 'Time in "
        "call') header found (first line: 'Meet')",
        Error);
    // A Zoom participants export with meeting data: the meeting's header and its values (the blank line after
    // them is no line of the preamble); one line more, and the participants' header is not looked for.
    const std::string meeting =
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
        "94758381041,Latsar,09/01/2020 09:03:16 AM,09/01/2020 10:13:23 AM,host@x.go.id,71,"
        "50\n\n";
    const std::string zoom = "Name (Original Name),User Email,Total Duration (Minutes),Guest\n"
                             "Teguh Prakoso,teguh@x.go.id,6,No\n";
    CHECK(read(meeting + zoom, "zoom-meeting").records.size() == 1);
    CHECK_THROWS_WITH_AS(read(meeting + "Catatan\n" + zoom, "zoom-meeting"),
                         doctest::Contains("x.csv: no Zoom participants ("), Error);
}

TEST_CASE("a leave time without a join time, or a join time without a leave time, is a problem of its row") {
    CHECK_THROWS_WITH_AS(read("Email,Join Time,Leave Time\na@x.go.id,,3/3/2022 10:00\n", "csv"),
                         "x.csv:2: Join Time: a leave time without a join time", Error);
    CHECK_THROWS_WITH_AS(read("Email,Join Time,Leave Time\na@x.go.id,3/3/2022 10:00,\n", "csv"),
                         "x.csv:2: Leave Time: a join time without a leave time", Error);
}

TEST_CASE("the day/month order undecided on a leave time names that leave time") {
    // The join reads the same both ways (3 March); the leave is 3 April or 4 March; no session date decides.
    CHECK_THROWS_WITH_AS(read("Email,Join Time,Leave Time\na@x.go.id,3/3/2022 09:00,3/4/2022 10:00\n", "csv",
                              sources::ReadOptions{}),
                         doctest::Contains("x.csv:2: the day/month order of the dates cannot be decided: "
                                           "'3/4/2022 10:00' is 3 April or 4 March; pass --date-order"),
                         Error);
}

TEST_CASE("Teams attendance list: a line without a timestamp is a problem, not an event") {
    CHECK_THROWS_WITH_AS(
        read(utf16le("Full Name\tUser Action\tTimestamp\nSiti\tJoined\t3/3/2022, 9:05:00 AM\n"
                     "Budi\tJoined\t\n"),
             "teams-list"),
        "x.csv:3: Timestamp: no time", Error);
    // Zoom's and Teams' "--" for no value: the same one problem, never also a time that does not read.
    CHECK_THROWS_WITH_AS(
        read(utf16le("Full Name\tUser Action\tTimestamp\nSiti\tJoined\t3/3/2022, 9:05:00 AM\n"
                     "Budi\tJoined\t--\n"),
             "teams-list"),
        "x.csv:3: Timestamp: no time", Error);
}

TEST_CASE(
    "Teams attendance list: the header needs a timestamp column, and a wrong one is quoted to 200 bytes") {
    CHECK_THROWS_WITH_AS(
        read(utf16le("Full Name\tUser Action\nSiti\tJoined\n"), "teams-list"),
        "x.csv: line 1: no attendance list header ('Full Name', 'User Action', 'Timestamp') but "
        "'Full Name\tUser Action'",
        Error);
    const std::string wide = "Nama\t" + std::string(250, 'x');
    CHECK_THROWS_WITH_AS(
        read(utf16le(wide + "\n"), "teams-list"),
        ("x.csv: line 1: no attendance list header ('Full Name', 'User Action', 'Timestamp') "
         "but '" +
         wide.substr(0, 200) + "'")
            .c_str(),
        Error);
}

TEST_CASE("plain CSV under --source auto: a form with no session window") {
    sources::ReadOptions o = session_options(); // a date, but no start and end
    o.require_presence_evidence = true;
    CHECK_THROWS_WITH_AS(
        read("Timestamp,Email\n3/3/2022 10:00:00,a@x.go.id\n", "csv", o),
        doctest::Contains("x.csv: a form export (Timestamp) whose Timestamp cannot be compared "
                          "with the session's time"),
        Error);
    // No rows: nothing to compare, left to the caller (an empty export is refused later unless allowed).
    CHECK(read("Timestamp,Email\n", "csv", o).records.empty());
}

TEST_CASE("plain CSV: join, leave and minutes are one span with the minutes present inside it; a title of up "
          "to two lines") {
    const std::string table = "NIP,Jam Masuk,Jam Keluar,Menit\n"
                              "198609262015051001,3/3/2022 9:00:00,3/3/2022 12:00:00,150\n";
    sources::ExportData d = read(table, "csv");
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].join == at(9, 0));
    CHECK(d.records[0].leave == at(12, 0));
    CHECK(d.records[0].seconds == 150 * 60); // away for half an hour in between
    // Above the header: a title line, or a Zoom meeting header and its values; a third line is no title.
    CHECK(read("Daftar hadir\nWebinar ASN Belajar\n" + table, "csv").records.size() == 1);
    CHECK_THROWS_AS(read("Daftar hadir\nWebinar ASN Belajar\nKamis\n" + table, "csv"), Error);
}

TEST_CASE("Builder: event lines beside attendee rows keep the attendee rows as they are") {
    const sources::ExportSource& source = *sources::find_source("teams-list");
    sources::Builder b(source, "x.csv", session_options());
    const sources::Fields header{"Name", "Join Time", "Leave Time"};
    const sources::HeaderRow table(header);
    const sources::Fields row{"Siti", "3/3/2022 09:00", "3/3/2022 10:00"};
    CHECK(b.attendee(table, row, 2, sources::Times::span));
    sources::ExportRecord budi;
    budi.name = "Budi";
    budi.line = 3;
    b.event(std::move(budi), sources::Event::join, "3/3/2022 09:30", "Timestamp");
    budi = sources::ExportRecord{};
    budi.name = "Budi";
    budi.line = 4;
    b.event(std::move(budi), sources::Event::leave, "3/3/2022 09:45", "Timestamp");
    sources::ExportData d = b.finish();
    REQUIRE(d.records.size() == 2);
    CHECK(d.records[0].name == "Siti");
    CHECK(d.records[0].join == at(9, 0));
    CHECK(d.records[0].leave == at(10, 0));
    CHECK(d.records[1].name == "Budi");
    CHECK(d.records[1].join == at(9, 30));
    CHECK(d.records[1].leave == at(9, 45));
}

TEST_CASE("read_export_file: a file that cannot be measured (a pipe) is read to its end") {
    TempDir dir;
    const std::string fifo = dir.file("export.csv");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << webinar; });
    sources::ExportData d;
    try {
        d = sources::read_export_file(fifo, "auto", session_options());
    } catch (...) {
        writer.join();
        throw;
    }
    writer.join();
    CHECK(d.source->name == "zoom-webinar");
    CHECK(d.records.size() == 3);
}

TEST_CASE("the day/month order undecided on a form's submission time names that time") {
    sources::ReadOptions o; // no session to decide by
    o.require_presence_evidence = true;
    CHECK_THROWS_WITH_AS(read("Timestamp,Email\n03/04/2022 10:00:00,a@x.go.id\n", "csv", o),
                         doctest::Contains("x.csv:2: the day/month order of the dates cannot be decided: "
                                           "'03/04/2022 10:00:00' is 3 April or 4 March; pass --date-order"),
                         Error);
}

TEST_CASE("the session's date decides the day/month order within a day either side") {
    // 03/04/2022: 3 April or 4 March, a day after the session's 3 March: month first.
    sources::ExportData d =
        read("Email,Join Time,Leave Time\na@x.go.id,03/04/2022 09:00,03/04/2022 10:00\n", "csv");
    CHECK(d.order == DayOrder::mdy);
    // 03/05/2022: 3 May or 5 March, two days after: neither reading is near enough.
    CHECK_THROWS_WITH_AS(
        read("Email,Join Time,Leave Time\na@x.go.id,03/05/2022 09:00,03/05/2022 10:00\n", "csv"),
        doctest::Contains("and neither puts the joins on the session's date 2022-03-03"), Error);
}

TEST_CASE(
    "Teams attendance list: a leave without a join starts at the list's first time, that of its first line") {
    const std::string list = "Full Name\tUser Action\tTimestamp\n"
                             "Siti Rahayu\tJoined\t3/3/2022, 9:00:00 AM\n"
                             "Budi Santoso\tLeft\t3/3/2022, 9:30:00 AM\n";
    sources::ExportData d = read(utf16le(list), "teams-list");
    REQUIRE(d.records.size() == 2);
    CHECK(d.records[1].name == "Budi Santoso");
    CHECK(d.records[1].join == at(9, 0));
    CHECK(d.records[1].leave == at(9, 30));
}

TEST_CASE("Zoom meeting export: a name that is all in brackets is the name as written") {
    sources::ExportData d =
        read("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
             "(Dian Pratama),d@x.go.id,03/03/2022 09:00:00 AM,03/03/2022 10:00:00 AM,60\n"
             "A (Eko Saputra),e@x.go.id,03/03/2022 09:00:00 AM,03/03/2022 10:00:00 AM,60\n",
             "zoom-meeting");
    REQUIRE(d.records.size() == 2);
    CHECK(d.records[0].name == "(Dian Pratama)");
    CHECK(d.records[1].name == "Eko Saputra");
}

TEST_CASE("Zoom meeting export: the meeting's line is known with its Topic column first") {
    sources::ExportData d =
        read("Topic,Meeting ID,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
             "Webinar,81234567890,03/03/2022 08:53:00 AM,03/03/2022 12:08:00 PM,host@x.go.id,195,3\n"
             "\n"
             "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
             "Siti Rahayu,siti@x.go.id,03/03/2022 09:00:00 AM,03/03/2022 10:00:00 AM,60\n",
             "zoom-meeting");
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].email == "siti@x.go.id");
}

TEST_CASE("the day/month order undecided: a row's problem is listed once, not once for each reading") {
    CHECK_THROWS_WITH_AS(read("Email,Join Time,Leave Time\na@x.go.id,03/04/2022 09:00,03/04/2022 10:00\n"
                              "b@x.go.id,yesterday,03/04/2022 10:00\n",
                              "csv", sources::ReadOptions{}),
                         "x.csv:3: Join Time: 'yesterday' is not a date and time", Error);
    CHECK_THROWS_WITH_AS(read("Email,Join Time,Leave Time\na@x.go.id,03/04/2022 09:00,03/04/2022 10:00\n"
                              "b@x.go.id,yesterday,03/04/2022 10:00\nc@x.go.id,today,03/04/2022 10:00\n",
                              "csv", sources::ReadOptions{}),
                         "x.csv: 2 problems:\n"
                         "x.csv:3: Join Time: 'yesterday' is not a date and time\n"
                         "x.csv:4: Join Time: 'today' is not a date and time",
                         Error);
}

TEST_CASE("Zoom meeting export: the waiting room's rows are left out, whichever its column") {
    sources::ExportData d =
        read("In Waiting Room,Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
             "Yes,Siti Rahayu,siti@x.go.id,03/03/2022 08:50:00 AM,03/03/2022 09:00:00 AM,10\n"
             "No,Siti Rahayu,siti@x.go.id,03/03/2022 09:00:00 AM,03/03/2022 10:00:00 AM,60\n",
             "zoom-meeting");
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].join == at(9, 0));
}

TEST_CASE("flat layouts: a file without a header quotes its first line to 200 bytes") {
    const std::string wide(250, 'x');
    CHECK_THROWS_WITH_AS(read(wide + "\n", "csv"),
                         ("x.csv: no CSV with a NIP, e-mail or phone column header found (first line: '" +
                          wide.substr(0, 200) + "')")
                             .c_str(),
                         Error);
}

TEST_CASE("Teams attendance list: events at the same time are taken in file order") {
    // Ahmad left at 9:05 (in since the list began at 9:00) and joined again at 9:05: two intervals.
    const std::string list = "Full Name\tUser Action\tTimestamp\n"
                             "Budi Santoso\tJoined\t3/3/2022, 9:00:00 AM\n"
                             "Ahmad Fauzi\tLeft\t3/3/2022, 9:05:00 AM\n"
                             "Ahmad Fauzi\tJoined\t3/3/2022, 9:05:00 AM\n";
    sources::ReadOptions o = session_options();
    o.session_end = at(12, 0);
    sources::ExportData d = read(utf16le(list), "teams-list", o);
    REQUIRE(d.records.size() == 3);
    CHECK(d.records[1].join == at(9, 0));
    CHECK(d.records[1].leave == at(9, 5));
    CHECK(d.records[2].join == at(9, 5));
    CHECK(d.records[2].leave == at(12, 0));
}

TEST_CASE("Zoom meeting export: a name with a closing bracket but no opening one is the name as written") {
    sources::ExportData d = read("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
                                 "Budi Santoso),b@x.go.id,03/03/2022 09:00:00 AM,03/03/2022 10:00:00 AM,60\n",
                                 "zoom-meeting");
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].name == "Budi Santoso)");
}

TEST_CASE("the day/month order: a leave time alone can decide it, and so can a host's times") {
    // 03/12 23:30 reads both ways; 03/13 00:30 only month first.
    sources::ExportData d = read("Email,Join Time,Leave Time\na@x.go.id,03/12/2022 23:30,03/13/2022 00:30\n",
                                 "csv", sources::ReadOptions{});
    CHECK(d.order == DayOrder::mdy);
    // A webinar's attendee rows read both ways; the host's join, or the host's leave, is day first.
    for (const char* host : {"25/03/2022 08:30:00,--", "--,25/03/2022 12:00:00"}) {
        const std::string text = host;
        CAPTURE(text);
        d = read("Host Details\nAttended,User Name,Email,Join Time,Leave Time\nYes,Host,h@x.go.id," + text +
                     "\n\nAttendee Details\nAttended,User Name,Email,Join Time,Leave Time\n"
                     "Yes,Siti,s@x.go.id,04/03/2022 09:00:00,04/03/2022 10:00:00\n",
                 "zoom-webinar", sources::ReadOptions{});
        CHECK(d.order == DayOrder::dmy);
        REQUIRE(d.records.size() == 1);
        CHECK(to_local(*d.records[0].join, find_zone("Asia/Jakarta")).date == Date{2022, 3, 4});
    }
}

TEST_CASE("times without a date: a leave equal to its join is the same moment, not a day later") {
    sources::ExportData d = read("Name,Email,Time joined,Time exited\nDewi,d@x.go.id,09:00,09:00\n", "meet");
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].join == at(9, 0));
    CHECK(d.records[0].leave == at(9, 0));
}

TEST_CASE("two problems on one line are listed in the order found") {
    CHECK_THROWS_WITH_AS(read("Email,Join Time,Leave Time\na@x.go.id,yesterday,today\n", "csv"),
                         "x.csv: 2 problems:\n"
                         "x.csv:2: Join Time: 'yesterday' is not a date and time\n"
                         "x.csv:2: Leave Time: 'today' is not a date and time",
                         Error);
}

TEST_CASE("detect_export: the header is looked for in the first 40 records, and no further") {
    // 39 one-column lines of a preamble, then a Zoom meeting report's header: the 40th record is looked at.
    std::string preamble;
    for (int i = 1; i <= 39; ++i)
        preamble += "Catatan " + std::to_string(i) + "\n";
    const std::string header =
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n";
    CHECK(detect(preamble + header) == "zoom-meeting");
    // One more line of preamble puts the header 41st: the detection gives up before it.
    CHECK_THROWS_WITH_AS(
        detect(preamble + "Catatan 40\n" + header),
        doctest::Contains("x.csv:1: not a recognised attendance export (first line: 'Catatan 1'); "
                          "expected a Zoom webinar"),
        Error);
}

TEST_CASE("detect_export: the first line is quoted in the refusal up to its first 200 bytes") {
    const std::string line(250, 'A');
    const std::string quoted = "(first line: '" + std::string(200, 'A') + "'); expected";
    CHECK_THROWS_WITH_AS(detect(line + "\n"), doctest::Contains(quoted.c_str()), Error);
}

TEST_CASE("read_export_file: a file of one byte is read, not taken for a file that cannot be measured") {
    TempDir dir;
    const std::string path = dir.file("x.csv");
    std::ofstream(path, std::ios::binary) << "X";
    CHECK_THROWS_WITH_AS(sources::read_export_file(path, "auto", session_options()),
                         doctest::Contains("x.csv:1: not a recognised attendance export (first line: 'X')"),
                         Error);
}

TEST_CASE("read_export_file: a file whose size reads as 0 is read to its end all the same") {
    // Files of /proc/sys say they end at 0 (seeking to their end gives 0) and hold text: they cannot be measured.
    const std::string path = "/proc/sys/kernel/ostype";
    std::ifstream probe(path, std::ios::binary);
    if (!probe || !probe.seekg(0, std::ios::end) || probe.tellg() != 0) {
        MESSAGE("no /proc/sys/kernel/ostype that reads as size 0 here: not checked");
        return;
    }
    CHECK_THROWS_WITH_AS(
        sources::read_export_file(path, "auto", session_options()),
        doctest::Contains("ostype:1: not a recognised attendance export (first line: 'Linux')"), Error);
}

TEST_CASE("read_export_file: a pipe's last block of one byte is read too") {
    TempDir dir;
    const std::string fifo = dir.file("export.csv");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << "X"; });
    std::string message;
    try {
        sources::read_export_file(fifo, "auto", session_options());
    } catch (const Error& e) {
        message = e.what();
    }
    writer.join();
    CHECK(message.find("export.csv:1: not a recognised attendance export (first line: 'X')") !=
          std::string::npos);
}

TEST_CASE("read_export_file: --source teams on a file of no known layout reads it as a Teams report") {
    // The Teams family has no flat layout: its first layout, the sectioned report, reads the file and says
    // what it did not find.
    TempDir dir;
    const std::string path = dir.file("x.csv");
    std::ofstream(path, std::ios::binary) << "Timestamp,Pertanyaan\n2022-03-03,Apa\n";
    CHECK_THROWS_WITH_AS(
        sources::read_export_file(path, "teams", session_options()),
        doctest::Contains("x.csv: no '2. Participants' or '3. In-Meeting Activities' section "
                          "found"),
        Error);
}

TEST_CASE("Teams 2021 report: a copy without its title line, the summary's times decide the day/month order, "
          "names only without e-mail") {
    // The summary block's first key alone tells the layout (its title line lost), in English and French.
    CHECK(detect("Total Number of Participants\t5\nMeeting Start Time\t3/3/2022, 9:00:00 AM\n") ==
          "teams-2021");
    CHECK(detect("Nombre total de participants\t2\n") == "teams-2021");
    const std::string table = "Full Name\tJoin Time\tLeave Time\tDuration\tEmail\n"
                              "Siti\t3/4/2022, 9:00:00 AM\t3/4/2022, 9:30:00 AM\t30m\tsiti@x.go.id\n";
    sources::ReadOptions o; // no session to decide by: only the file's own times
    // The meeting's start time (3/13: month first) decides the attendees' 3/4.
    sources::ExportData d =
        read("Meeting Summary\nTotal Number of Participants\t1\nMeeting Start Time\t3/13/2022, "
             "9:00:00 AM\n\n" +
                 table,
             "teams-2021", o);
    CHECK(d.order == DayOrder::mdy);
    // A summary line's key and the table's header are no times: they decide nothing.
    CHECK_THROWS_WITH_AS(
        read("Meeting Summary\n\"13/3/2022, 9:00:00 AM\"\tcatatan\n\n" + table, "teams-2021", o),
        doctest::Contains("cannot be decided"), Error);
    CHECK_THROWS_WITH_AS(read("Meeting Summary\nTotal Number of Participants\t1\n\n"
                              "Full Name\tJoin Time\tLeave Time\tDuration\tEmail\t\"13/3/2022, 9:00:00 AM\"\n"
                              "Siti\t3/4/2022, 9:00:00 AM\t3/4/2022, 9:30:00 AM\t30m\tsiti@x.go.id\tx\n",
                              "teams-2021", o),
                         doctest::Contains("cannot be decided"), Error);
    // Without an e-mail column the people are known by name only.
    d = read("Meeting Summary\n\nFull Name\tJoin Time\tLeave Time\tDuration\n"
             "Siti\t3/3/2022, 9:00:00 AM\t3/3/2022, 9:30:00 AM\t30m\n",
             "teams-2021");
    CHECK(d.names_only);
    CHECK_FALSE(read("Meeting Summary\n\n" + table, "teams-2021", session_options()).names_only);
}
