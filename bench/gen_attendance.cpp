// Benchmark data for `attend --file`: a store with one three-hour session and its registered participants, and a
// Zoom webinar attendee report of the size one Thursday produces.
//
//   gen_attendance STORE REPORT.csv [ROWS]      (ROWS: attendee rows, default 30000)
//
// The report is realistic: preamble, host and panelist sections, then one row per join: 60 % of the people
// join once, 30 % rejoin, 10 % also join on a second device (overlapping), early joiners and late leavers;
// 5 % are registered no-shows (Attended = No), 3 % are not in the store, 2 % of the rows have the e-mail in
// upper case, and the NIP registration question is left empty on a tenth of the rows. The store holds every
// known person with a valid NIP, 90 % of them enrolled. Deterministic: the same arguments give the same files.
#include "asnbelajar/model.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <unordered_set>

using namespace asnbelajar;

namespace {

struct Random {
    std::uint64_t state = 0x9e3779b97f4a7c15ULL;
    std::uint32_t next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state >> 33);
    }
    int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint32_t>(hi - lo + 1)); }
    bool chance(int percent) { return between(1, 100) <= percent; }
};

// A valid PNS NIP, unique among those already handed out.
std::string make_nip(Random& rnd, std::unordered_set<std::string>& taken) {
    for (;;) {
        Date birth{rnd.between(1965, 1999), rnd.between(1, 12), rnd.between(1, 28)};
        int year = std::min(birth.year + rnd.between(19, 30), 2021);
        std::string nip = fmt::format("{:04}{:02}{:02}{:04}{:02}{}{:03}", birth.year, birth.month, birth.day, year,
                                      rnd.between(1, 12), rnd.between(1, 2), rnd.between(1, 999));
        if (taken.insert(nip).second) return nip;
    }
}

std::string zoom_time(UnixSeconds t, const Zone& z) {
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    LocalDateTime l = to_local(t, z);
    return fmt::format("\"{} {:02}, {} {:02}:{:02}:{:02}\"", months[l.date.month - 1], l.date.day, l.date.year, l.hour,
                       l.minute, l.second);
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: gen_attendance STORE REPORT.csv [ROWS]\n";
        return 2;
    }
    const std::string store_path = argv[1], report_path = argv[2];
    const long rows_wanted = argc > 3 ? std::stol(argv[3]) : 30000;
    const Zone wib = find_zone("Asia/Jakarta");
    const UnixSeconds start = to_utc({{2022, 3, 3}, 9, 0, 0}, wib);
    Random rnd;
    std::unordered_set<std::string> taken;

    std::ofstream out(report_path, std::ios::binary | std::ios::trunc);
    out << "Attendee Report\r\nReport Generated:,03/03/2022 03:00 PM\r\n"
           "Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,# Cancelled,Unique Viewers,"
           "Total Users,Max Concurrent Views\r\n"
           "Webinar ASN Belajar Seri 9 | 2022,812 3456 7890,\"Mar 03, 2022 08:58:00\",185,0,0,0,0,0\r\n\r\n"
           "Host Details\r\nAttended,User Name (Original Name),Email,Join Time,Leave Time,"
           "Time in Session (minutes),Is Guest,Country/Region Name\r\n"
           "Yes,BPSDM JATIM,webinar@bpsdm.jatimprov.go.id,\"Mar 03, 2022 08:30:00\",\"Mar 03, 2022 12:05:00\",215,No,"
           "Indonesia\r\n\r\nPanelist Details\r\nAttended,User Name (Original Name),Email,Join Time,Leave Time,"
           "Time in Session (minutes),Is Guest,Country/Region Name\r\n"
           "Yes,Narasumber,narasumber@unair.ac.id,\"Mar 03, 2022 08:50:00\",\"Mar 03, 2022 12:00:00\",190,Yes,"
           "Indonesia\r\n\r\nAttendee Details\r\n"
           "Attended,User Name (Original Name),First Name,Last Name,Email,Phone,Registration Time,Approval Status,"
           "Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name,NIP\r\n";

    Store store(store_path, Access::write);
    Store::Transaction tx(store);
    Session base;
    base.title = "Webinar ASN Belajar Seri 9 | 2022";
    base.start = start;
    base.minutes = 180;
    base.jp_tenths = 30;
    const Session session = add_sessions(store, base, "", {}).front();

    long rows = 0, people = 0, known = 0;
    auto row = [&](bool attended, const std::string& name, const std::string& email, const std::string& nip,
                   UnixSeconds join, UnixSeconds leave) {
        if (attended)
            out << fmt::format("Yes,{0},,,{1},,\"Mar 01, 2022 10:00:00\",approved,{2},{3},{4},No,"
                               "Indonesia,{5}\r\n",
                               name, email, zoom_time(join, wib), zoom_time(leave, wib), (leave - join + 59) / 60,
                               nip);
        else
            out << fmt::format("No,{0},,,{1},,\"Mar 01, 2022 10:00:00\",approved,--,--,--,--,Indonesia,"
                               "{2}\r\n",
                               name, email, nip);
        ++rows;
    };
    while (rows < rows_wanted) {
        ++people;
        const std::string name = fmt::format("Peserta {}", people);
        const std::string email = fmt::format("peserta{}@example.go.id", people);
        const std::string nip = make_nip(rnd, taken);
        if (!rnd.chance(3)) { // known to the store
            Participant p;
            p.nip = nip;
            p.name = name;
            p.email = email;
            p.id = store.insert_participant(p);
            if (rnd.chance(90)) store.put_enrollment(session.id, p.id, EnrollmentStatus::enrolled);
            ++known;
        }
        const std::string nip_cell = rnd.chance(10) ? std::string() : nip;
        if (rnd.chance(5)) {
            row(false, name, email, nip_cell, 0, 0);
            continue;
        }
        UnixSeconds join = start + rnd.between(-20, 40) * 60 + rnd.between(0, 59);
        UnixSeconds leave = std::min(join + rnd.between(30, 200) * 60, start + 190 * 60);
        const int kind = rnd.between(1, 10);
        auto cased = [&] { return rnd.chance(2) ? upper(email) : email; };
        if (kind <= 6) {
            row(true, name, cased(), nip_cell, join, leave);
        } else {
            // A rejoin after a break; one in three also on a second, overlapping device.
            UnixSeconds back = leave + rnd.between(2, 20) * 60;
            row(true, name, cased(), nip_cell, join, leave);
            row(true, name, cased(), nip_cell, back, std::max(back + 60, start + rnd.between(120, 185) * 60));
            if (kind == 10) row(true, name, cased(), nip_cell, join + 300, join + rnd.between(20, 90) * 60);
        }
    }
    tx.commit();
    out.flush();
    if (!out) {
        std::cerr << "gen_attendance: cannot write " << report_path << "\n";
        return 1;
    }
    std::cerr << fmt::format("gen_attendance: {} attendee rows of {} people ({} in the store) in {}; session {} in {}\n",
                             rows, people, known, report_path, session.code, store_path);
    return 0;
}
