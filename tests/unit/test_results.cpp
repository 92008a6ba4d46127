#include "asnbelajar/attendance.hpp"
#include "asnbelajar/certificates.hpp"
#include "asnbelajar/csv.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/reports.hpp"
#include "asnbelajar/results.hpp"
#include "asnbelajar/store.hpp"
#include "error_of.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <sstream>

using namespace asnbelajar;

namespace {

std::optional<int> score(std::string_view text) {
    return parse_score(text).score;
}

// A store with one session (2022-03-03 09:00 WIB, 180 minutes, 3 JP) and three people, of whom Siti and Budi
// attended.
struct Fixture {
    TempDir dir;
    std::unique_ptr<store::Store> db = store::open(dir.file("s.db"), store::Access::write);
    store::Store& store = *db;
    Session session;
    Participant siti, budi, tamu;
    Fixture() {
        session.code = "2022-03-03";
        session.title = "Webinar ASN Belajar";
        session.start = to_utc({{2022, 3, 3}, 9, 0, 0}, find_zone("Asia/Jakarta"));
        session.minutes = 180;
        session.jp_tenths = 30;
        session.requires_posttest = true;
        session.id = store.insert_session(session);
        siti = person("198609262015051001", "Siti Rahayu", "siti@example.go.id");
        budi = person("198503302010011002", "Budi Santoso", "budi@example.go.id");
        tamu = person("", "Tamu Umum", "tamu@example.com");
        store::Store::Transaction tx(store);
        for (const Participant* p : {&siti, &budi})
            mark_attendance(store, session, *p, 180);
        tx.commit();
    }
    Participant person(const std::string& nip, const std::string& name, const std::string& email) {
        Participant p;
        p.nip = nip;
        p.name = name;
        p.email = email;
        p.id = store.insert_participant(p);
        return p;
    }

    struct Run {
        ResultsImportResult result;
        std::vector<std::string> problems;
        std::string rejects, unmatched;
    };
    Run import(const std::string& csv, ResultKind kind = ResultKind::posttest) {
        std::istringstream in(csv);
        CsvReader reader(in, "r.csv");
        Run run;
        std::ostringstream rejects, unmatched;
        ResultsImportOptions options;
        options.kind = kind;
        options.today = Date{2025, 12, 31};
        options.zone = find_zone("Asia/Jakarta");
        options.rejects = &rejects;
        options.unmatched = &unmatched;
        options.on_reject = [&](std::size_t line, const std::vector<std::string_view>&,
                                const std::vector<RowProblem>& problems) {
            for (const RowProblem& p : problems)
                run.problems.push_back(format_problem("r.csv", line, p));
        };
        store::Store::Transaction tx(store);
        run.result = import_results(store, session, reader, options);
        tx.commit();
        run.rejects = rejects.str();
        run.unmatched = unmatched.str();
        return run;
    }
    const store::RosterRow& row_of(const Participant& p) {
        roster = store.session_roster(session.id);
        for (const store::RosterRow& r : roster)
            if (r.person.id == p.id) return r;
        FAIL("not in the roster");
        return roster.front();
    }
    std::vector<store::RosterRow> roster;
};

} // namespace

TEST_CASE("parse_score: points of a total and percentages, rounded down to a hundredth of a percent") {
    CHECK(score("8 / 10") == 8000);
    CHECK(score("8/10") == 8000);
    CHECK(score(" 10 / 10 ") == 10000);
    CHECK(score("0 / 10") == 0);
    CHECK(score("7 / 9") == 7777); // 77.777…: rounded down, never up past the pass score
    CHECK(score("2 / 3") == 6666);
    CHECK(score("7,5 / 10") == 7500); // Indonesian decimal comma
    CHECK(score("7.5 / 10") == 7500);
    CHECK(score("3 / 7.5") == 4000);
    CHECK(score("80") == 8000);
    CHECK(score("80%") == 8000);
    CHECK(score("80 %") == 8000);
    CHECK(score("80,5") == 8050);
    CHECK(score("77.777") == 7777);
    CHECK(score("100") == 10000);
    CHECK(score("0") == 0);
    CHECK(score("60") == 6000);

    CHECK_FALSE(score(""));
    CHECK(parse_score(" ").error == "no score: a post-test row needs one");
    CHECK(parse_score("-5").error == "a score cannot be negative");
    CHECK(parse_score("11 / 10").error == "more points than the total");
    CHECK(parse_score("1 / 0").error == "a total of 0 points is no score");
    CHECK(parse_score("101").error.starts_with("a percentage above 100"));
    for (const char* bad : {"lulus", "8 / ", "/ 10", "8 of 10", "8 / 10 / 10", "1e2", "80%%", "8.", ".8",
                            "1234567", "1.2345", "8 /10 poin"}) {
        CAPTURE(bad);
        CHECK_FALSE(score(bad));
        CHECK_FALSE(parse_score(bad).error.empty());
    }
}

TEST_CASE("format_score") {
    CHECK(format_score(8000) == "80");
    CHECK(format_score(7777) == "77.77");
    CHECK(format_score(8050) == "80.5");
    CHECK(format_score(5) == "0.05");
    CHECK(format_score(10000) == "100");
    for (int s : {0, 1, 99, 100, 6666, 7500, 9999, 10000})
        CHECK(score(format_score(s)) == s);
}

TEST_CASE("results import: a Google Forms quiz sheet, by NIP or e-mail") {
    Fixture f;
    auto run = f.import("Timestamp,Email Address,Score,NIP,Nama Lengkap\n"
                        "3/3/2022 12:01:02,siti.pribadi@gmail.com,8 / 10,198609262015051001,Siti Rahayu\n"
                        "3/3/2022 12:05:00,BUDI@example.go.id,5 / 10,,Budi Santoso\n"
                        "3/3/2022 12:07:00,orang@lain.id,9 / 10,199001152014031002,Orang Lain\n");
    CHECK(run.problems.empty());
    CHECK(run.result.rows == 3);
    CHECK(run.result.added == 2);
    CHECK(run.result.unknown == 1);
    CHECK(run.result.people == 2);
    CHECK(run.result.below_pass == 1); // Budi, 50 < 60
    CHECK(run.result.required);
    CHECK(f.row_of(f.siti).posttest == 8000);
    CHECK(f.row_of(f.budi).posttest == 5000);
    // The unknown row, as a results file again.
    CHECK(run.unmatched == "line,nip,email,name,score,timestamp,reason\n"
                           "4,199001152014031002,orang@lain.id,Orang Lain,90,2022-03-03T12:07:00+07:00,"
                           "nobody in the store has this NIP or e-mail\n");
}

TEST_CASE("results import: attempts, the best score, and idempotent re-import") {
    Fixture f;
    const std::string csv = "Stempel waktu,NIP,Skor\n"
                            "03/03/2022 10:00:00,198609262015051001,4 / 10\n"
                            "03/03/2022 10:30:00,198609262015051001,7 / 10\n"
                            "03/03/2022 10:31:00,198503302010011002,6 / 10\n";
    auto first = f.import(csv);
    CHECK(first.result.added == 3);
    CHECK(f.row_of(f.siti).posttest == 7000); // the best of two attempts
    auto again = f.import(csv);
    CHECK(again.result.added == 0);
    CHECK(again.result.unchanged == 3);
    CHECK(again.result.touched() == 0);
    // A corrected export: the same attempt with another score replaces it; a new attempt adds one.
    auto corrected = f.import("Stempel waktu,NIP,Skor\n"
                              "03/03/2022 10:30:00,198609262015051001,5 / 10\n"
                              "03/03/2022 11:00:00,198503302010011002,9 / 10\n");
    CHECK(corrected.result.replaced == 1);
    CHECK(corrected.result.added == 1);
    CHECK(f.row_of(f.siti).posttest == 5000);
    CHECK(f.row_of(f.budi).posttest == 9000);
    CHECK(f.store.check().results == 4);
}

TEST_CASE("results import: a file without timestamps is one attempt per person") {
    Fixture f;
    auto run = f.import("nip,score\n198609262015051001,40\n198609262015051001,75\n");
    CHECK(run.result.added == 1);
    CHECK(run.result.repeated == 1);
    CHECK(f.row_of(f.siti).posttest == 7500); // the best of the file's rows
    auto later = f.import("nip,score\n198609262015051001,65\n");
    CHECK(later.result.replaced == 1);
    CHECK(f.row_of(f.siti).posttest == 6500); // a later file replaces the untimed attempt
}

TEST_CASE("results import: a survey is completed or not, its scores not kept") {
    Fixture f;
    auto run = f.import("Timestamp,Email,Skor Kepuasan\n3/3/2022 12:00:00,siti@example.go.id,5\n",
                        ResultKind::survey);
    CHECK(run.result.added == 1);
    CHECK_FALSE(run.result.required); // the fixture's session requires a post-test only
    CHECK(run.result.ignored_columns == std::vector<std::string>{"Skor Kepuasan"});
    CHECK(f.row_of(f.siti).survey);
    CHECK_FALSE(f.row_of(f.siti).posttest);
    CHECK_FALSE(f.row_of(f.budi).survey);
}

TEST_CASE("results import: invalid rows are rejected with their line and column") {
    Fixture f;
    auto run = f.import("Timestamp,NIP,Email,Score\n"
                        "3/3/2022 12:00:00,19860926201505100,,8 / 10\n"
                        "3/3/2022 12:00:00,198609262015051001,,delapan\n"
                        "kemarin,198503302010011002,,8 / 10\n"
                        "3/3/2022 12:00:00,,,8 / 10\n"
                        "3/3/2022 12:00:00,,bukan-email,8 / 10\n"
                        "3/3/2022 12:00:00,198503302010011002\n");
    CHECK(run.result.rejected == 6);
    CHECK(run.result.added == 0);
    REQUIRE(run.problems.size() == 6);
    CHECK(run.problems[0].starts_with("r.csv:2: NIP: 19860926201505100: "));
    CHECK(run.problems[1].starts_with("r.csv:3: Score: delapan: not a score (expected points of a total"));
    CHECK(run.problems[2].starts_with("r.csv:4: Timestamp: kemarin: not a date and time"));
    CHECK(run.problems[3] == "r.csv:5: NIP: (empty): a NIP or an e-mail address is needed to know whose "
                             "result this is");
    CHECK(run.problems[4].starts_with("r.csv:6: Email: bukan-email: "));
    CHECK(run.problems[5].starts_with("r.csv:7: the row has 2 fields but the header has 4"));
    CHECK(run.rejects.starts_with("line,error,Timestamp,NIP,Email,Score\n2,"));
}

TEST_CASE("results import: what a file must have") {
    Fixture f;
    CHECK(error_of([&] { f.import(""); }) ==
          "r.csv:1: the file is empty: expected a header row and result rows");
    CHECK(error_of([&] { f.import("nip,score\n"); }) == "r.csv:1: the file has a header but no result rows");
    CHECK(
        error_of([&] { f.import("nama,score\nSiti,80\n"); }).starts_with("r.csv:1: no NIP or e-mail column"));
    CHECK(error_of([&] {
              f.import("nip,nama\n198609262015051001,Siti\n");
          }).starts_with("r.csv:1: no score column: a post-test file needs one"));
    // A survey needs no score.
    CHECK(error_of([&] { f.import("nip,nama\n198609262015051001,Siti\n", ResultKind::survey); }).empty());
}

TEST_CASE("results import: the day/month order of the timestamps") {
    Fixture f;
    // 03/04/2022 reads as 3 April or 4 March; only 4 March lies near the session (3 March 2022).
    auto run = f.import("Timestamp,NIP,Score\n03/04/2022 10:00:00,198609262015051001,80\n");
    CHECK(run.result.added == 1);
    CHECK(run.result.order_note.starts_with("timestamps read month first"));
    // A day above 12 decides it for the whole file.
    auto dmy = f.import("Timestamp,NIP,Score\n04/03/2022 10:00:00,198503302010011002,80\n"
                        "25/03/2022 10:00:00,198503302010011002,90\n");
    CHECK(dmy.result.added == 2);
    CHECK(dmy.result.order_note.empty());
}

TEST_CASE("gates: attendance plus each required result") {
    Fixture f;
    f.session.requires_survey = true;
    f.store.update_session(f.session);
    const CertificateTemplate tmpl{std::string(default_certificate_template)};
    const auto certify = [&] {
        store::Store::Transaction tx(f.store);
        CertifyResult r = certify_session(f.store, f.session, tmpl);
        tx.commit();
        return r;
    };
    CertifyResult none = certify();
    CHECK(none.issued.empty());
    CHECK(none.withheld == 2);
    CHECK(none.survey_missing == 2);
    CHECK(none.posttest_missing == 2);

    f.import("nip\n198609262015051001\n198503302010011002\n", ResultKind::survey);
    f.import("nip,score\n198609262015051001,60\n198503302010011002,59.99\n");
    CertifyResult some = certify();
    REQUIRE(some.issued.size() == 1); // Siti: exactly the pass score
    CHECK(some.issued[0].person.id == f.siti.id);
    CHECK(some.withheld == 1);
    CHECK(some.posttest_failed == 1);
    CHECK(some.survey_missing == 0);
    CHECK(check_gates(f.session, f.row_of(f.budi)).posttest_failed);
    CHECK_FALSE(check_gates(f.session, f.row_of(f.siti)).posttest_failed);
    // The session report's total of those who passed: Siti (60) and not Budi (59.99).
    const Report report = session_report(f.store, f.session, ReportContext{});
    bool found = false;
    for (const Total& t : report.totals)
        if (t.column.key == "posttests_passed") {
            found = true;
            CHECK(t.value == Cell{std::int64_t{1}});
        }
    CHECK(found);

    // Re-running certifies nobody twice.
    CertifyResult again = certify();
    CHECK(again.issued.empty());
    CHECK(again.already == 1);
}

TEST_CASE("SIASN: a session that ends after midnight ends on the next day") {
    Fixture f;
    Session late;
    late.code = "2022-03-03-malam";
    late.title = "Webinar Malam";
    late.start = to_utc({{2022, 3, 3}, 22, 0, 0}, find_zone("Asia/Jakarta"));
    late.minutes = 180; // to 01:00 on the 4th
    late.jp_tenths = 30;
    late.id = f.store.insert_session(late);
    store::Store::Transaction tx(f.store);
    mark_attendance(f.store, late, f.siti, 180);
    certify_session(f.store, late, CertificateTemplate{std::string(default_certificate_template)});
    tx.commit();
    const Report r = siasn_report(f.store, 2022, SiasnOptions{}, ReportContext{});
    REQUIRE(r.table.rows.size() == 1);
    CHECK(r.table.rows[0][r.table.rows[0].size() - 2] == Cell{std::string("03-03-2022")}); // tanggal_kursus
    CHECK(r.table.rows[0].back() == Cell{std::string("04-03-2022")}); // tanggal_selesai_kursus
}
