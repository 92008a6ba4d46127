#include "asnbelajar/error.hpp"
#include "asnbelajar/session.hpp"

#include "error_of.hpp"

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
