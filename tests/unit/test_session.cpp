#include "asnbelajar/attendance.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/store.hpp"
#include "error_of.hpp"
#include "temp_dir.hpp"
#include "webinar.hpp"

#include <doctest/doctest.h>

using namespace asnbelajar;

TEST_CASE("series_dates: weekly, twice-weekly and single sessions") {
    Date thu{2022, 3, 3};
    CHECK(series_dates(thu, {}) == std::vector<Date>{thu});
    SeriesPlan weekly{Repeat::weekly, 3, {}};
    CHECK(series_dates(thu, weekly) == std::vector<Date>{{2022, 3, 3}, {2022, 3, 10}, {2022, 3, 17}});
    SeriesPlan twice{Repeat::twice_weekly, 4, {2, 4}};
    CHECK(series_dates(thu, twice) ==
          std::vector<Date>{{2022, 3, 3}, {2022, 3, 8}, {2022, 3, 10}, {2022, 3, 15}});
    SeriesPlan across_year{Repeat::weekly, 2, {}};
    CHECK(series_dates({2025, 12, 25}, across_year) == std::vector<Date>{{2025, 12, 25}, {2026, 1, 1}});
    // Weekly on a day given: from the first such day on or after the start.
    SeriesPlan fridays{Repeat::weekly, 2, {5}};
    CHECK(series_dates(thu, fridays) == std::vector<Date>{{2022, 3, 4}, {2022, 3, 11}});
    CHECK(error_of([&] {
              series_dates(thu, {Repeat::weekly, 2, {2, 4}});
          }) == "--repeat weekly needs one day in --days, got 2 (use --repeat twice-weekly for two)");
    CHECK_THROWS_AS(series_dates(thu, {Repeat::weekly, 0, {}}), Error);
    CHECK(series_dates(thu, {Repeat::weekly, 520, {}}).size() == 520); // ten years of Thursdays
    CHECK(error_of([&] { series_dates(thu, {Repeat::weekly, 521, {}}); }) == "--count 521 is outside 1..520");
    CHECK_THROWS_AS(series_dates(thu, {Repeat::twice_weekly, 2, {4}}), Error);
    CHECK_THROWS_AS(series_dates(thu, {Repeat::none, 2, {}}), Error);
}

TEST_CASE("parse_weekdays takes English and Indonesian names") {
    CHECK(parse_weekdays("thu,tue") == std::vector<int>{2, 4});
    CHECK(parse_weekdays("Selasa, Kamis") == std::vector<int>{2, 4});
    CHECK(parse_weekdays("monday") == std::vector<int>{1});
    CHECK_THROWS_AS(parse_weekdays("thu,funday"), Error);
    CHECK(parse_weekdays("sen, rab ,jum") == std::vector<int>{1, 3, 5}); // a word between two commas
    CHECK(parse_weekdays("minggu,sunday,sat") == std::vector<int>{6, 7});
    // An empty word, after a last comma or alone, is no day.
    for (const char* text : {"thu,", ""}) {
        CAPTURE(text);
        CHECK(error_of([&] { parse_weekdays(text); }) ==
              "--days: '' is not a day of the week (expected e.g. tue,thu or selasa,kamis)");
    }
}

TEST_CASE("parse_jp keeps one decimal exactly") {
    CHECK(parse_jp("3") == 30);
    CHECK(parse_jp("2.5") == 25);
    CHECK(parse_jp("2,5") == 25);
    CHECK(parse_jp("0") == 0);
    CHECK_FALSE(parse_jp("2.25"));
    CHECK_FALSE(parse_jp("-1"));
    CHECK_FALSE(parse_jp("x"));
    CHECK_FALSE(parse_jp("3."));
    CHECK_FALSE(parse_jp(""));
    CHECK(parse_jp("0100") == 1000); // up to four digits: too many for a session, said by validate_session
    CHECK_FALSE(parse_jp("10000"));
}

TEST_CASE("parse_repeat") {
    CHECK(parse_repeat("weekly") == Repeat::weekly);
    CHECK(parse_repeat("Twice-Weekly") == Repeat::twice_weekly);
    CHECK_FALSE(parse_repeat("monthly"));
}

TEST_CASE("a session's local start date is taken in its own zone") {
    Session s;
    s.start =
        to_utc({{2022, 3, 2}, 23, 30, 0}, find_zone("UTC")); // Thursday 06:30 in Jakarta, 08:30 in Jayapura
    s.tz = "Asia/Jakarta";
    CHECK(local_start_date(s) == Date{2022, 3, 3});
    CHECK(local_start(s) == LocalDateTime{{2022, 3, 3}, 6, 30, 0});
    s.tz = "UTC";
    CHECK(local_start_date(s) == Date{2022, 3, 2});
    CHECK(local_start_date(s.start, "Asia/Jayapura") == Date{2022, 3, 3});
    s.tz = "Mars/Olympus";
    CHECK_THROWS_AS(local_start_date(s), Error);
}

TEST_CASE("JP counts only when attended") {
    CHECK(jp_earned_tenths(AttendanceOutcome::attended, 30) == 30);
    CHECK(jp_earned_tenths(AttendanceOutcome::partial, 30) == 0);
    CHECK(jp_earned_tenths(AttendanceOutcome::absent, 25) == 0);
}

namespace {
Session valid_session() {
    Session s;
    s.code = "2022-03-03";
    s.title = "Webinar ASN Belajar";
    s.minutes = 180;
    s.jp_tenths = 30;
    return s;
}
// The message validate_session throws for `s`, or "" when it accepts it.
std::string refusal(const Session& s) {
    try {
        validate_session(s);
        return "";
    } catch (const Error& e) {
        return e.what();
    }
}
} // namespace

TEST_CASE("validate_session: every field at its bounds, the last value accepted and the first refused") {
    CHECK(refusal(valid_session()).empty());
    auto with = [](auto change) {
        Session s = valid_session();
        change(s);
        return refusal(s);
    };
    CHECK(with([](Session& s) { s.title.clear(); }) == "--title must not be empty");
    CHECK(with([](Session& s) { s.minutes = 1; }).empty());
    CHECK(with([](Session& s) { s.minutes = 1440; }).empty());
    CHECK(with([](Session& s) { s.minutes = 0; }) == "--minutes 0 is outside 1..1440");
    CHECK(with([](Session& s) { s.minutes = 1441; }) == "--minutes 1441 is outside 1..1440");
    CHECK(with([](Session& s) { s.jp_tenths = 0; }).empty());
    CHECK(with([](Session& s) { s.jp_tenths = 1000; }).empty());
    CHECK(with([](Session& s) { s.jp_tenths = -1; }) == "--jp must be between 0 and 100");
    CHECK(with([](Session& s) { s.jp_tenths = 1001; }) == "--jp must be between 0 and 100");
    CHECK(with([](Session& s) { s.min_attendance = 0; }).empty());
    CHECK(with([](Session& s) { s.min_attendance = 100; }).empty());
    CHECK(with([](Session& s) { s.min_attendance = -1; }) == "--min-attendance -1 is outside 0..100");
    CHECK(with([](Session& s) { s.min_attendance = 101; }) == "--min-attendance 101 is outside 0..100");
    CHECK(with([](Session& s) { s.capacity = 0; }).empty());
    CHECK(with([](Session& s) { s.capacity = -1; }) == "--capacity must not be negative");
    CHECK(with([](Session& s) { s.pass_score = 0; }).empty());
    CHECK(with([](Session& s) { s.pass_score = 100; }).empty());
    CHECK(with([](Session& s) { s.pass_score = -1; }) == "--pass-score -1 is outside 0..100");
    CHECK(with([](Session& s) { s.pass_score = 101; }) == "--pass-score 101 is outside 0..100");
    CHECK(with([](Session& s) { s.series = 0; }).empty());
    CHECK(with([](Session& s) { s.series = -1; }) == "--series must not be negative");
    CHECK(with([](Session& s) { s.code.clear(); }) == "--code must not be empty");
    CHECK(with([](Session& s) { s.code = "seri 9"; }) == "--code 'seri 9' must not contain spaces");
    CHECK(with([](Session& s) { s.code = "seri\t9"; }) == "--code 'seri\t9' must not contain spaces");
    CHECK(with([](Session& s) { s.code = "2022"; }) ==
          "--code '2022' must not be all digits (ids are numbers)");
    CHECK(with([](Session& s) { s.code = "2022a"; }).empty());
}

TEST_CASE("sessions in a store: a series' codes, duplicates, lookups by id, edits, deletion") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    Session base;
    base.title = "Webinar ASN Belajar";
    base.start = 1646272800; // Thursday 3 March 2022, 09:00 WIB
    base.minutes = 180;
    base.jp_tenths = 30;
    base.series = 9;

    // A code given to a series: each session has it with its number, from 1; series numbers count on.
    const std::vector<Session> series = add_sessions(store, base, "SERI", {Repeat::weekly, 3, {}});
    REQUIRE(series.size() == 3);
    CHECK(series[0].code == "SERI-1");
    CHECK(series[1].code == "SERI-2");
    CHECK(series[2].code == "SERI-3");
    CHECK(series[2].series == 11);
    // The same start and title again: refused, the message in the number of sessions being added.
    CHECK(error_of([&] {
              add_sessions(store, base, "", {});
          }).ends_with("\nNothing was added; give --allow-duplicate to add it anyway"));
    CHECK(error_of([&] {
              add_sessions(store, base, "", {Repeat::weekly, 2, {}});
          }).ends_with("\nNothing was added; give --allow-duplicate to add them anyway"));

    // Each session is checked before it is stored: none of a series that fails is stored.
    Session bad = base;
    bad.title = "Tanpa durasi";
    bad.minutes = 0;
    CHECK(error_of([&] {
              add_sessions(store, bad, "", {Repeat::weekly, 2, {}});
          }) == "--minutes 0 is outside 1..1440");
    CHECK(store.sessions_at(base.start, "Tanpa durasi").empty());
    // Without a code, a series' sessions are named by their dates, with -2 and on for a date taken.
    Session other = base;
    other.title = "Webinar lain";
    const std::vector<Session> dated = add_sessions(store, other, "", {Repeat::weekly, 2, {}});
    REQUIRE(dated.size() == 2);
    CHECK(dated[0].code == "2022-03-03");
    CHECK(dated[1].code == "2022-03-10");
    other.title = "Webinar ketiga";
    CHECK(add_sessions(store, other, "", {Repeat::weekly, 2, {}}).back().code == "2022-03-10-2");

    // Found by code or by id.
    const Session first = series[0];
    CHECK(resolve_session(store, std::to_string(first.id)).code == "SERI-1");
    CHECK(resolve_session(store, " SERI-2 ").id == series[1].id);
    CHECK(error_of([&] { resolve_session(store, "999"); }) ==
          "no session '999' (give a session code or id; 'asnbelajar session list' shows them)");

    // An edit is checked as a new session is.
    SessionEdit zero;
    zero.minutes = 0;
    CHECK(error_of([&] { edit_session(store, first, zero, first.start); }) ==
          "--minutes 0 is outside 1..1440");
    CHECK(store.session_by_id(first.id)->minutes == 180);

    // A longer session: outcomes are recomputed (150 of 180 minutes attended; of 360, partial).
    const Participant p = add_people(store, {"198609262015051001"}).front();
    mark_attendance(store, first, p, 150);
    REQUIRE(store.session_roster(first.id).front().outcome == AttendanceOutcome::attended);
    SessionEdit longer;
    longer.minutes = 360;
    const EditResult e = edit_session(store, first, longer, first.start);
    CHECK(e.recomputed);
    CHECK(store.session_roster(first.id).front().outcome == AttendanceOutcome::partial);
    SessionEdit retitled;
    retitled.title = "Judul baru";
    CHECK_FALSE(edit_session(store, e.session, retitled, first.start).recomputed);

    // The pass score changes what a certificate needs only while a post-test is required.
    SessionEdit score;
    score.pass_score = 70;
    CHECK_FALSE(edit_session(store, e.session, score, first.start).requirements_changed);
    SessionEdit posttest;
    posttest.requires_posttest = true;
    const EditResult tested = edit_session(store, e.session, posttest, first.start);
    CHECK(tested.requirements_changed);
    score.pass_score = tested.session.pass_score + 10;
    const EditResult raised = edit_session(store, tested.session, score, first.start);
    CHECK(raised.requirements_changed);
    CHECK_FALSE(
        edit_session(store, raised.session, score, first.start).requirements_changed); // the same again

    // Deleting: refused while the attendance of even one person is recorded.
    CHECK(error_of([&] {
              delete_session(store, first);
          }).starts_with("session SERI-1 has attendance of 1 person: only a session without attendance"));
    store.insert_certificate(series[1].id, p.id, 1,
                             "1/X"); // a certificate whose attendance was corrected away
    CHECK(error_of([&] {
              delete_session(store, series[1]);
          }).starts_with("session SERI-2 has 1 certificate: only a session without attendance"));
    CHECK(delete_session(store, series[2]) == 0);
    CHECK_FALSE(store.session_by_id(series[2].id));
}
