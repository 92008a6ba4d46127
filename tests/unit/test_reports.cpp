#include "asnbelajar/attendance.hpp"
#include "asnbelajar/certificates.hpp"
#include "asnbelajar/enrollment.hpp"
#include "asnbelajar/reports.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/verification.hpp"
#include "temp_dir.hpp"
#include "webinar.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace asnbelajar;

TEST_CASE("yearly targets per type: PNS and people without a NIP --target, PPPK none unless --target-pppk") {
    const std::string pns = "198609262015051001", pppk = "199001012022241001";
    JpTargets t;
    CHECK(t.for_nip(pns) == 200); // PP 11/2017 Pasal 203: 20 JP a year, in tenths
    CHECK(t.for_nip("") == 200);  // the kind is unknown: measured like a PNS
    CHECK_FALSE(t.for_nip(pppk)); // 24 JP is a ceiling for PPPK, not a target
    t.pns = 240;
    t.pppk = 120;
    CHECK(t.for_nip(pns) == 240);
    CHECK(t.for_nip("") == 240);
    CHECK(t.for_nip(pppk) == 120);
    CHECK(pppk_jp_ceiling_tenths == 240);

    CHECK(person_type(pns) == NipKind::pns);
    CHECK(person_type(pppk) == NipKind::pppk);
    CHECK_FALSE(person_type(""));
    CHECK(std::string(type_name(NipKind::pns)) == "PNS");
    CHECK(std::string(type_name(NipKind::pppk)) == "PPPK");
}

TEST_CASE("participant_report: the per-year totals are the extra \"years\"") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    Participant p;
    p.nip = "198609262015051001";
    p.name = "Siti Rahayu";
    {
        store::Store::Transaction tx(*db);
        p.id = db->insert_participant(p);
        tx.commit();
    }
    const Report r = participant_report(*db, p, 2022, JpTargets{}, ReportContext{});
    REQUIRE(r.extras.size() == 1);
    CHECK(r.extras[0].key == "years");
    REQUIRE(r.extras[0].table.rows.size() == 1); // the year asked for, with nothing in it
    const Row& y = r.extras[0].table.rows[0];
    CHECK(y[0] == Cell{std::int64_t{2022}});
    CHECK(y[1] == Cell{std::int64_t{0}}); // no session attended
    CHECK(y[2] == Cell{std::int64_t{0}}); // no JP
}

TEST_CASE("weekly_report: the totals add up the waiting lists") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    {
        store::Store::Transaction tx(*db);
        const Session s = add_webinar(*db, 1); // one seat
        for (const Participant& p : add_people(*db, {"198609262015051001", "199001152014031002"}))
            enroll(*db, s, p.id);
        tx.commit();
    }
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    const Report r = weekly_report(*db, Period{{2022, 2, 28}, {2022, 3, 6}}, ctx);
    bool found = false;
    for (const Total& t : r.totals)
        if (t.column.key == "waitlisted") {
            found = true;
            CHECK(t.value == Cell{std::int64_t{1}});
        }
    CHECK(found);
}

TEST_CASE("session_list: each session's enrolled and attended people") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    {
        store::Store::Transaction tx(*db);
        const Session s = add_webinar(*db, 2); // two seats: the third person waits
        const std::vector<Participant> people =
            add_people(*db, {"198609262015051001", "199001152014031002", "198703212010122003"});
        for (const Participant& p : people)
            enroll(*db, s, p.id);
        db->put_attendance(s.id, people[0].id, {150, false}, AttendanceOutcome::attended);
        db->put_attendance(s.id, people[1].id, {20, false}, AttendanceOutcome::partial);
        tx.commit();
    }
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    const Report r = session_list(*db, Period{{2022, 2, 28}, {2022, 3, 6}}, ctx);
    REQUIRE(r.table.rows.size() == 1);
    REQUIRE(r.table.columns.size() == 10);
    CHECK(r.table.columns[8].key == "enrolled");
    CHECK(r.table.rows[0][8] == Cell{std::int64_t{2}});
    CHECK(r.table.columns[9].key == "attended");
    CHECK(r.table.rows[0][9] == Cell{std::int64_t{1}});
}

// The value of the total `key` of `r` (REQUIREd to be there).
static Cell total_of(const Report& r, const std::string& key) {
    for (const Total& t : r.totals)
        if (t.column.key == key) return t.value;
    FAIL("no total " << key);
    return Cell{};
}

TEST_CASE("weekly_report: a week without sessions counts zero attended, not 'attendance not recorded'") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    const Report r = weekly_report(*db, Period{{2022, 2, 28}, {2022, 3, 6}}, ctx);
    CHECK(r.table.rows.empty());
    CHECK(total_of(r, "sessions") == Cell{std::int64_t{0}});
    CHECK(total_of(r, "attended") == Cell{std::int64_t{0}});
    CHECK(total_of(r, "absent") == Cell{std::int64_t{0}});
}

TEST_CASE("weekly_report: when no session of the period has attendance recorded, the attendance totals are "
          "not known, not zero") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    {
        store::Store::Transaction tx(*db);
        const Session s = add_webinar(*db, std::nullopt);
        for (const Participant& p : add_people(*db, {"198609262015051001", "199001152014031002"}))
            enroll(*db, s, p.id); // enrolled; no attendance imported or marked
        tx.commit();
    }
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    const Report r = weekly_report(*db, Period{{2022, 2, 28}, {2022, 3, 6}}, ctx);
    REQUIRE(r.table.rows.size() == 1);
    CHECK(total_of(r, "sessions") == Cell{std::int64_t{1}});
    CHECK(total_of(r, "enrolled") == Cell{std::int64_t{2}});
    CHECK(total_of(r, "not_recorded") == Cell{std::int64_t{1}});
    for (const char* key : {"attended", "partial", "absent", "walk_ins", "attendance_rate"}) {
        CAPTURE(key);
        const Cell c = total_of(r, key);
        REQUIRE(std::holds_alternative<Marked>(c));
        CHECK(std::get<Marked>(c).value.empty()); // no number: "attendance not recorded"
    }
}

// One-hour "Webinar" sessions of 1 JP, one at each (UTC start, zone), committed.
static void add_hour_webinars(store::Store& db,
                              const std::vector<std::pair<std::int64_t, std::string>>& starts) {
    store::Store::Transaction tx(db);
    Session base;
    base.title = "Webinar";
    base.minutes = 60;
    base.jp_tenths = 10;
    for (const auto& [start, tz] : starts) {
        base.start = start;
        base.tz = tz;
        add_sessions(db, base, "", {});
    }
    tx.commit();
}

TEST_CASE("weekly_report: a session on the period's first or last day is in it, one a day outside is not") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    // 09:00 WIB on Sunday 27 February, Monday 28 February, Sunday 6 and Monday 7 March 2022.
    add_hour_webinars(*db, {{1645927200, "Asia/Jakarta"},
                            {1646013600, "Asia/Jakarta"},
                            {1646532000, "Asia/Jakarta"},
                            {1646618400, "Asia/Jakarta"}});
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    const Report r = weekly_report(*db, Period{{2022, 2, 28}, {2022, 3, 6}}, ctx);
    REQUIRE(r.table.rows.size() == 2);
    CHECK(r.table.rows[0][0] == Cell{std::string("2022-02-28")});
    CHECK(r.table.rows[1][0] == Cell{std::string("2022-03-06")});
}

TEST_CASE("weekly_report: a session in a zone 26 hours from the report's is in the week of its own date") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    add_hour_webinars(*db,
                      {{1646650800, "-12:00"},   // Sunday 6 March 2022, 23:00 (Tuesday 01:00 at UTC+14)
                       {1645957800, "+14:00"}}); // Monday 28 February 2022, 00:30 (Saturday 22:30 at UTC-12)
    // The two zones furthest apart: each session lies a day and more beyond the week's bounds in the other.
    for (const char* zone : {"+14:00", "-12:00"}) {
        CAPTURE(zone);
        ReportContext ctx;
        ctx.zone = find_zone(zone);
        const Report r = weekly_report(*db, Period{{2022, 2, 28}, {2022, 3, 6}}, ctx);
        REQUIRE(r.table.rows.size() == 2);
        CHECK(r.table.rows[0][0] == Cell{std::string("2022-02-28")});
        CHECK(r.table.rows[1][0] == Cell{std::string("2022-03-06")});
    }
}

TEST_CASE("weekly_report: a session without attendance is warned of from its end, not before") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    Session s;
    {
        store::Store::Transaction tx(*db);
        s = add_webinar(*db, std::nullopt); // 09:00 WIB for 180 minutes
        tx.commit();
    }
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    const Period week{{2022, 2, 28}, {2022, 3, 6}};
    ctx.now = s.start + 180 * 60 - 60; // its last minute: still under way
    CHECK(weekly_report(*db, week, ctx).warnings.empty());
    ctx.now = s.start + 180 * 60; // over
    CHECK(weekly_report(*db, week, ctx).warnings.size() == 1);
}

TEST_CASE("the yearly reports cover their year: Report::period") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    const Period year{{2022, 1, 1}, {2022, 12, 31}};
    CHECK(agency_report(*db, 2022, JpTargets{}, std::nullopt, ReportContext{}).period == year);
    CHECK(jp_report(*db, 2022, JpTargets{}, std::nullopt, std::nullopt, ReportContext{}).period == year);
}

TEST_CASE(
    "weekly_report: the attendance rate's total counts the enrolled of the sessions whose attendance is "
    "recorded only") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    {
        store::Store::Transaction tx(*db);
        const Session recorded = add_webinar(*db, std::nullopt); // Thursday 3 March 2022
        Session base;
        base.title = "Webinar";
        base.start = recorded.start + 86400; // Friday 4 March: people enrolled, no attendance imported
        base.minutes = 180;
        base.jp_tenths = 30;
        const Session later = add_sessions(*db, base, "", {}).front();
        const std::vector<Participant> people =
            add_people(*db, {"198609262015051001", "199001152014031002", "198703212010122003"});
        for (const Participant& p : people) {
            enroll(*db, recorded, p.id);
            enroll(*db, later, p.id);
        }
        mark_attendance(*db, recorded, people[0], 180); // attended; the two others absent
        tx.commit();
    }
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    const Report r = weekly_report(*db, Period{{2022, 2, 28}, {2022, 3, 6}}, ctx);
    REQUIRE(r.table.rows.size() == 2);
    CHECK(total_of(r, "enrolled") == Cell{std::int64_t{6}});
    CHECK(total_of(r, "attended") == Cell{std::int64_t{1}});
    CHECK(total_of(r, "absent") == Cell{std::int64_t{2}});
    CHECK(total_of(r, "attendance_rate") == Cell{1.0 / 3}); // 1 of the 3 enrolled in the recorded session
    CHECK(total_of(r, "not_recorded") == Cell{std::int64_t{1}});
}

TEST_CASE("session and certificates reports: the warning counts the certificates whose holders no longer "
          "attended, not the others") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    Session s;
    {
        store::Store::Transaction tx(*db);
        s = add_webinar(*db, std::nullopt); // 180 minutes, attended from 80 %
        const std::vector<Participant> people =
            add_people(*db, {"198609262015051001", "199001152014031002", "198703212010122003"});
        for (const Participant& p : people) {
            enroll(*db, s, p.id);
            mark_attendance(*db, s, p, 180);
        }
        REQUIRE(certify_session(*db, s, CertificateTemplate{default_certificate_template}).issued.size() ==
                3);
        mark_attendance(*db, s, people[2], 60); // a correction: the third holder no longer attended
        tx.commit();
    }
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    ctx.lang = Lang::en;
    const std::string warning = "1 live certificate of session 2022-03-03 belongs to a person who no longer "
                                "attended; settle it with: asnbelajar certify 2022-03-03 --sync";
    const Report session = session_report(*db, s, ctx);
    REQUIRE(session.warnings.size() == 1);
    CHECK(session.warnings[0] == warning);
    const Report certificates = certificates_report(*db, s, ctx);
    REQUIRE(certificates.warnings.size() == 1);
    CHECK(certificates.warnings[0] == warning);
}

TEST_CASE("jp and agency reports: the type filter is said in the report's language") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    auto has_line = [](const Report& r, const std::string& line) {
        return std::find(r.subtitle.begin(), r.subtitle.end(), line) != r.subtitle.end();
    };
    ReportContext ctx;
    ctx.lang = Lang::en;
    CHECK(has_line(jp_report(*db, 2022, JpTargets{}, NipKind::pns, std::nullopt, ctx), "Only PNS"));
    CHECK(has_line(agency_report(*db, 2022, JpTargets{}, NipKind::pppk, ctx), "Only PPPK"));
    ctx.lang = Lang::id;
    CHECK(has_line(jp_report(*db, 2022, JpTargets{}, NipKind::pns, std::nullopt, ctx), "Hanya PNS"));
    CHECK(has_line(agency_report(*db, 2022, JpTargets{}, NipKind::pppk, ctx), "Hanya PPPK"));
}

TEST_CASE("verification_report: its title in both languages") {
    ReportContext ctx;
    ctx.lang = Lang::en;
    CHECK(verification_report({}, ctx).title == "Certificate Verification");
    ctx.lang = Lang::id;
    CHECK(verification_report({}, ctx).title == "Verifikasi Sertifikat");
}

// A store with one certified attendee of a 180-minute session starting at `hour`:`minute` WIB on 3 March 2022.
static void certified_session_at(store::Store& db, int hour, int minute) {
    store::Store::Transaction tx(db);
    Session base;
    base.title = "Webinar malam";
    base.start = to_utc({{2022, 3, 3}, hour, minute, 0}, find_zone("Asia/Jakarta"));
    base.minutes = 180;
    base.jp_tenths = 30;
    const Session s = add_sessions(db, base, "", {}).front();
    const Participant p = add_people(db, {"198609262015051001"}).front();
    enroll(db, s, p.id);
    mark_attendance(db, s, p, 180);
    REQUIRE(certify_session(db, s, CertificateTemplate{default_certificate_template}).issued.size() == 1);
    tx.commit();
}

TEST_CASE("siasn_report: a session that runs past midnight ends on the next day's date") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    certified_session_at(*db, 21, 2); // 21:02 to 00:02 WIB
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    const Report r = siasn_report(*db, 2022, SiasnOptions{}, ctx);
    REQUIRE(r.table.rows.size() == 1);
    CHECK(r.table.rows[0][8] == Cell{std::string("03-03-2022")}); // tanggal_kursus
    CHECK(r.table.rows[0][9] == Cell{std::string("04-03-2022")}); // tanggal_selesai_kursus
}

TEST_CASE("weekly_report: the top agencies, most attendees first and ties in the agencies' name order; the "
          "extras titled in the report's language") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    {
        store::Store::Transaction tx(*db);
        const Session s = add_webinar(*db, std::nullopt);
        // Kota A 1, Kota B 2, Kota C 1, Kota D 1 attended people.
        const std::vector<Participant> people =
            add_people(*db, {"198609262015051001", "199001152014031002", "198703212010122003",
                             "198806102011011004", "199102172015021005"});
        const char* agencies[] = {"Kota B", "Kota A", "Kota C", "Kota B", "Kota D"};
        for (std::size_t i = 0; i < people.size(); ++i) {
            Participant p = people[i];
            p.agency = agencies[i];
            db->update_participant(p);
            enroll(*db, s, p.id);
            mark_attendance(*db, s, p, 180);
        }
        tx.commit();
    }
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    ctx.lang = Lang::en;
    const Report r = weekly_report(*db, Period{{2022, 2, 28}, {2022, 3, 6}}, ctx);
    REQUIRE(r.extras.size() == 2);
    const Report::Extra& top = r.extras[0];
    CHECK(top.key == "top_agencies");
    CHECK(top.title == "Agencies with the most attendees");
    REQUIRE(top.table.rows.size() == 4);
    const std::pair<const char*, std::int64_t> expected[] = {
        {"Kota B", 2}, {"Kota A", 1}, {"Kota C", 1}, {"Kota D", 1}};
    for (std::size_t i = 0; i < 4; ++i) {
        CAPTURE(i);
        CHECK(top.table.rows[i][0] == Cell{std::string(expected[i].first)});
        CHECK(top.table.rows[i][1] == Cell{expected[i].second});
    }
    CHECK(r.extras[1].key == "trend");
    CHECK(r.extras[1].title == "Attendance-rate trend, 12 weeks");
    ctx.lang = Lang::id;
    const Report id = weekly_report(*db, Period{{2022, 2, 28}, {2022, 3, 6}}, ctx);
    REQUIRE(id.extras.size() == 2);
    CHECK(id.extras[0].title == "Instansi dengan kehadiran terbanyak");
    CHECK(id.extras[1].title == "Tren tingkat kehadiran 12 minggu");
}

TEST_CASE("session_report: a session's certificate requirements are a line under its title") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    Session plain, gated;
    {
        store::Store::Transaction tx(*db);
        plain = add_webinar(*db, std::nullopt);
        Session base = plain;
        base.start += 86400;
        base.requires_survey = true;
        base.requires_posttest = true;
        base.pass_score = 70;
        gated = add_sessions(*db, base, "", {}).front();
        tx.commit();
    }
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    ctx.lang = Lang::en;
    const std::string line = "Certificate requires: attendance, the survey, a post-test score ≥ 70 %";
    const Report r = session_report(*db, gated, ctx);
    CHECK(std::find(r.subtitle.begin(), r.subtitle.end(), line) != r.subtitle.end());
    const Report p = session_report(*db, plain, ctx);
    CHECK(std::none_of(p.subtitle.begin(), p.subtitle.end(),
                       [](const std::string& l) { return l.starts_with("Certificate requires"); }));
}

TEST_CASE("jp_report: the table's size counts the rows it streams") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    {
        store::Store::Transaction tx(*db);
        const Session s = add_webinar(*db, std::nullopt);
        for (const Participant& p : add_people(*db, {"198609262015051001", "199001152014031002"})) {
            enroll(*db, s, p.id);
            mark_attendance(*db, s, p, 180);
        }
        tx.commit();
    }
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    const Report r = jp_report(*db, 2022, JpTargets{}, std::nullopt, std::nullopt, ctx);
    std::size_t streamed = 0;
    r.table.each_row([&](const Row&) { ++streamed; });
    CHECK(streamed == 2);
    CHECK(r.table.size() == 2); // what the human formats ask before they write: "(no rows)" or the table
    CHECK_FALSE(r.table.empty());
}

TEST_CASE("public_key_report: its title in both languages") {
    const PublicKey key(std::array<unsigned char, 32>{});
    ReportContext ctx;
    ctx.lang = Lang::en;
    CHECK(public_key_report(key, ctx).title == "Certificate Verification Public Key");
    ctx.lang = Lang::id;
    CHECK(public_key_report(key, ctx).title == "Kunci Publik Verifikasi Sertifikat");
}

TEST_CASE("verification_report: a text that held no code has a row of its status, empty fields and "
          "store_checked") {
    CodeVerdict v;
    v.status = CodeStatus::unknown;
    v.store_checked = true;
    const Report r = verification_report({v}, ReportContext{});
    REQUIRE(r.table.rows.size() == 1);
    const Row& row = r.table.rows[0];
    REQUIRE(row.size() == r.table.columns.size());
    CHECK(row[0] == Cell{std::string("unknown")});
    for (std::size_t i = 1; i + 1 < row.size(); ++i) {
        CAPTURE(i);
        CHECK(std::holds_alternative<std::monostate>(row[i]));
    }
    CHECK(r.table.columns.back().key == "store_checked");
    CHECK(row.back() == Cell{std::string("true")});
}

TEST_CASE("siasn_report: a session that ends before midnight ends on its own date") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    certified_session_at(*db, 20, 58); // 20:58 to 23:58 WIB
    ReportContext ctx;
    ctx.zone = find_zone("Asia/Jakarta");
    const Report r = siasn_report(*db, 2022, SiasnOptions{}, ctx);
    REQUIRE(r.table.rows.size() == 1);
    CHECK(r.table.rows[0][8] == Cell{std::string("03-03-2022")}); // tanggal_kursus
    CHECK(r.table.rows[0][9] == Cell{std::string("03-03-2022")}); // tanggal_selesai_kursus
}

TEST_CASE("the SIASN reports cover their year: Report::period") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    const Period year{{2022, 1, 1}, {2022, 12, 31}};
    CHECK(siasn_report(*db, 2022, SiasnOptions{}, ReportContext{}).period == year);
    CHECK(siasn_api_report(*db, 2022, SiasnOptions{}, ReportContext{}).period == year);
}

TEST_CASE("store_check_report: no warning while every live certificate qualifies") {
    store::StoreCheck c;
    c.integrity = "ok";
    ReportContext ctx;
    ctx.lang = Lang::en;
    CHECK(store_check_report(c, "s.db", ctx).warnings.empty());
    c.certificates_not_qualifying = 1;
    c.sessions_with_unqualified_certificates = {"2022-03-03"};
    const Report r = store_check_report(c, "s.db", ctx);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].starts_with("1 live certificate belongs to a person who no longer attended (session "
                                    "2022-03-03)"));
}
