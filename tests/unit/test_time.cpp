#include "asnbelajar/error.hpp"
#include "asnbelajar/time.hpp"
#include "error_of.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using namespace asnbelajar;

namespace {

const Zone wib = find_zone("Asia/Jakarta");
const Zone wita = find_zone("Asia/Makassar");
const Zone wit = find_zone("Asia/Jayapura");
const Zone utc = find_zone("UTC");

// 2022-03-03 09:00 WIB, the sample webinar's start.
constexpr UnixSeconds webinar_start = 1646272800;

UnixSeconds wib_at(int y, int mo, int d, int h, int mi, int s = 0) {
    return to_utc(LocalDateTime{Date{y, mo, d}, h, mi, s}, wib);
}

// The Error message `fn` throws, or "" when it throws none.
std::optional<UnixSeconds> export_time(std::string_view s, DayOrder order = DayOrder::mdy) {
    return parse_export_time(s, wib, order);
}

} // namespace

TEST_CASE("days_from_civil: fixed points and the 1900/2000/2100 leap rules") {
    CHECK(days_from_civil({1970, 1, 1}) == 0);
    CHECK(days_from_civil({1969, 12, 31}) == -1);
    CHECK(days_from_civil({1900, 1, 1}) == -25567);
    CHECK(days_from_civil({2000, 2, 29}) == 951782400 / 86400);
    CHECK(days_from_civil({1, 1, 1}) == -719162);
    CHECK(days_from_civil({9999, 12, 31}) == 2932896);

    CHECK(is_leap_year(2000));
    CHECK_FALSE(is_leap_year(1900));
    CHECK_FALSE(is_leap_year(2100));
    CHECK(is_leap_year(2024));
    CHECK(is_leap_year(-4));
    CHECK(is_valid_date(2000, 2, 29));
    CHECK_FALSE(is_valid_date(1900, 2, 29));
    CHECK_FALSE(is_valid_date(2100, 2, 29));
    CHECK_FALSE(is_valid_date(2022, 2, 29));
    CHECK_FALSE(is_valid_date(2022, 4, 31));
    CHECK_FALSE(is_valid_date(2022, 13, 1));
    CHECK_FALSE(is_valid_date(2022, 0, 1));
    CHECK_FALSE(is_valid_date(2022, 1, 0));
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(2023, 2) == 28);
    CHECK(days_in_month(2023, 13) == 0);

    CHECK(days_from_civil({1900, 3, 1}) - days_from_civil({1900, 2, 28}) == 1);
    CHECK(days_from_civil({2000, 3, 1}) - days_from_civil({2000, 2, 28}) == 2);
    CHECK(days_from_civil({2100, 3, 1}) - days_from_civil({2100, 2, 28}) == 1);
    CHECK(days_from_civil({2001, 1, 1}) - days_from_civil({2000, 1, 1}) == 366);
    CHECK(days_from_civil({1901, 1, 1}) - days_from_civil({1900, 1, 1}) == 365);
}

TEST_CASE("civil_from_days inverts days_from_civil, day by day, over ±2700 years") {
    Date expected = civil_from_days(-1'000'000);
    CHECK(expected == Date{-768, 2, 4});
    bool all_ok = true;
    for (std::int64_t n = -1'000'000; n <= 1'000'000 && all_ok; ++n) {
        const Date d = civil_from_days(n);
        all_ok = d == expected && days_from_civil(d) == n && is_valid_date(d.year, d.month, d.day);
        if (!all_ok)
            FAIL_CHECK("mismatch at day " << n << ": " << format_date(d) << " vs " << format_date(expected));
        // The next expected date, by hand.
        expected.day += 1;
        if (!is_valid_date(expected.year, expected.month, expected.day)) {
            expected.day = 1;
            if (++expected.month > 12) {
                expected.month = 1;
                ++expected.year;
            }
        }
    }
    CHECK(all_ok);
    for (int year : {-1'000'000, -401, -400, -1, 0, 1, 1600, 1900, 2000, 2100, 2400, 1'000'000}) {
        for (Date d : {Date{year, 1, 1}, Date{year, 2, 28}, Date{year, 3, 1}, Date{year, 12, 31}})
            CHECK(civil_from_days(days_from_civil(d)) == d);
    }
}

TEST_CASE("weekday and add_days") {
    CHECK(weekday({2022, 3, 3}) == 4); // Thursday
    CHECK(weekday({1970, 1, 1}) == 4);
    CHECK(weekday({2000, 1, 1}) == 6);
    CHECK(weekday({1900, 1, 1}) == 1);
    CHECK(weekday({1969, 12, 28}) == 7);
    CHECK(weekday({2022, 3, 6}) == 7);
    CHECK(add_days({2022, 2, 28}, 1) == Date{2022, 3, 1});
    CHECK(add_days({2024, 2, 28}, 1) == Date{2024, 2, 29});
    CHECK(add_days({2025, 12, 31}, 1) == Date{2026, 1, 1});
    CHECK(add_days({2022, 3, 1}, -1) == Date{2022, 2, 28});
    CHECK(add_days({2022, 3, 3}, 0) == Date{2022, 3, 3});
}

TEST_CASE("local time <-> UTC in WIB, WITA and WIT, across midnight") {
    CHECK(to_utc({{2022, 3, 3}, 9, 0, 0}, wib) == webinar_start);
    CHECK(to_utc({{2022, 3, 3}, 10, 0, 0}, wita) == webinar_start);
    CHECK(to_utc({{2022, 3, 3}, 11, 0, 0}, wit) == webinar_start);
    CHECK(to_utc({{2022, 3, 3}, 2, 0, 0}, utc) == webinar_start);

    // Just after local midnight is the previous day in UTC.
    const UnixSeconds t = to_utc({{2022, 3, 3}, 0, 30, 15}, wib);
    CHECK(to_local(t, utc) == LocalDateTime{{2022, 3, 2}, 17, 30, 15});
    CHECK(to_local(t, wib) == LocalDateTime{{2022, 3, 3}, 0, 30, 15});
    CHECK(to_local(t, wita) == LocalDateTime{{2022, 3, 3}, 1, 30, 15});
    // 23:30 WIB is already the next day in WIT.
    const UnixSeconds late = to_utc({{2022, 12, 31}, 23, 30, 0}, wib);
    CHECK(to_local(late, wit) == LocalDateTime{{2023, 1, 1}, 1, 30, 0});
    CHECK(to_local(late, wita) == LocalDateTime{{2023, 1, 1}, 0, 30, 0});
    CHECK(to_utc({{2023, 1, 1}, 1, 30, 0}, wit) == late);
    // Before 1970 too.
    CHECK(to_local(-1, utc) == LocalDateTime{{1969, 12, 31}, 23, 59, 59});
    CHECK(to_utc({{1969, 12, 31}, 23, 59, 59}, utc) == -1);
}

TEST_CASE("find_zone") {
    CHECK(wib == Zone{"Asia/Jakarta", 420, "WIB"});
    CHECK(wita == Zone{"Asia/Makassar", 480, "WITA"});
    CHECK(wit == Zone{"Asia/Jayapura", 540, "WIT"});
    CHECK(utc == Zone{"UTC", 0, "UTC"});
    CHECK(find_zone("Asia/Pontianak") == Zone{"Asia/Pontianak", 420, "WIB"});
    CHECK(find_zone("asia/jakarta") == wib);
    CHECK(find_zone(" ASIA/MAKASSAR ") == wita);
    CHECK(find_zone("WIB") == wib);
    CHECK(find_zone("wita") == wita);
    CHECK(find_zone("WIT") == wit);
    CHECK(find_zone("Z") == utc);
    CHECK(find_zone("utc") == utc);
    CHECK(find_zone("Etc/UTC") == utc);
    CHECK(find_zone("+00:00") == utc);

    CHECK(find_zone("+07:00") == Zone{"+07:00", 420, "UTC+7"});
    CHECK(find_zone("+0700") == Zone{"+07:00", 420, "UTC+7"});
    CHECK(find_zone("UTC+7") == Zone{"+07:00", 420, "UTC+7"});
    CHECK(find_zone("utc+08:00") == Zone{"+08:00", 480, "UTC+8"});
    CHECK(find_zone("+05:30") == Zone{"+05:30", 330, "UTC+5:30"});
    CHECK(find_zone("-01:05") == Zone{"-01:05", -65, "UTC-1:05"}); // minutes in two digits
    CHECK(find_zone("-03:00") == Zone{"-03:00", -180, "UTC-3"});
    CHECK(find_zone("+13:59") == Zone{"+13:59", 839, "UTC+13:59"}); // hours are whole sixties of minutes
    // A fixed zone's name finds it again (the store keeps names).
    CHECK(find_zone(find_zone("UTC+5:30").name) == find_zone("+05:30"));

    for (const char* bad : {"", "Europe/Paris", "Asia", "+15:00", "+07:60", "UTC+", "WIBB", "7", "+7:0"}) {
        CAPTURE(bad);
        const std::string msg = error_of([&] { find_zone(bad); });
        CHECK(msg.find("unknown time zone '" + std::string(bad) + "'") != std::string::npos);
        CHECK(msg.find("Asia/Makassar") != std::string::npos);
        CHECK(msg.find("+07:00") != std::string::npos);
    }
}

TEST_CASE("parse_date and parse_local_datetime are strict") {
    CHECK(parse_date("2022-03-03") == Date{2022, 3, 3});
    CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
    for (const char* bad :
         {"", "2022-3-3", "2022-02-29", "2022-13-01", "2022-00-10", "03/03/2022", " 2022-03-03",
          "2022-03-03 ", "2022-03-03T09:00", "22-03-03", "2022-03-3x", "20220303",
          // each field at exactly its width: one digit short of the day, of the month, of the year
          "2022-03-3", "2022-3-03", "202-03-03", "2022-03-003", "2022-003-03", "20222-03-03"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_date(bad));
    }

    CHECK(parse_local_datetime("2022-03-03 09:00") == LocalDateTime{{2022, 3, 3}, 9, 0, 0});
    CHECK(parse_local_datetime("2022-03-03T09:00") == LocalDateTime{{2022, 3, 3}, 9, 0, 0});
    CHECK(parse_local_datetime("2022-03-03T23:59:59") == LocalDateTime{{2022, 3, 3}, 23, 59, 59});
    CHECK(parse_local_datetime("2022-03-03 00:00:30") == LocalDateTime{{2022, 3, 3}, 0, 0, 30});
    CHECK_FALSE(parse_local_datetime("2022-03-03 09:000"));
    CHECK_FALSE(parse_local_datetime("2022-03-03 09:00:000"));
    CHECK_FALSE(parse_local_datetime("2022-03-03 009:00")); // the hour too has exactly two digits
    for (const char* bad : {"2022-03-03", "2022-03-03 9:00", "2022-03-03 24:00", "2022-03-03 09:60",
                            "2022-03-03 09:00:60", "2022-02-30 09:00", "2022-03-03  09:00",
                            "2022-03-03 09:00Z", "2022-03-03T09", "2022-03-03 09:00:", "2022-03-03x09:00",
                            "2022-03-3 09:00", "2022-03-03 09:0", "2022-03-03 09:00:5"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_local_datetime(bad));
    }
}

TEST_CASE("ISO output") {
    CHECK(format_date({2022, 3, 3}) == "2022-03-03");
    CHECK(format_date({987, 12, 1}) == "0987-12-01");
    CHECK(format_date({12345, 1, 1}) == "12345-01-01");
    CHECK(format_date({-1, 1, 1}) == "-0001-01-01");
    CHECK(format_date_dmy({2022, 3, 3}) == "03-03-2022");
    CHECK(format_date_dmy({987, 6, 5}) == "05-06-0987"); // four digits of year, as format_date writes them
    CHECK(format_datetime_offset(webinar_start, wib) == "2022-03-03T09:00:00+07:00");
    CHECK(format_datetime_offset(webinar_start, wit) == "2022-03-03T11:00:00+09:00");
    CHECK(format_datetime_offset(webinar_start, utc) == "2022-03-03T02:00:00+00:00");
    CHECK(format_datetime_offset(webinar_start + 59, find_zone("-03:30")) == "2022-03-02T22:30:59-03:30");
    // Any fixed offset up to 14:00 is written as given, its hours and its minutes.
    CHECK(format_datetime_offset(webinar_start, find_zone("+13:50")) == "2022-03-03T15:50:00+13:50");
}

TEST_CASE("week_of, last_complete_week and period bounds") {
    const Period week9{{2022, 2, 28}, {2022, 3, 6}};
    CHECK(week_of({2022, 3, 6}) == week9);  // a Sunday
    CHECK(week_of({2022, 2, 28}) == week9); // a Monday
    CHECK(week_of({2022, 3, 3}) == week9);
    CHECK(week_of({2026, 1, 1}) == Period{{2025, 12, 29}, {2026, 1, 4}});

    CHECK(last_complete_week({2022, 3, 7}) == week9); // Monday: the week just ended
    CHECK(last_complete_week({2022, 3, 6}) == Period{{2022, 2, 21}, {2022, 2, 27}}); // Sunday: not yet ended
    CHECK(last_complete_week({2022, 3, 10}) == week9);

    const auto [from, to] = period_bounds_utc(week9, wib);
    CHECK(from == wib_at(2022, 2, 28, 0, 0));
    CHECK(to == wib_at(2022, 3, 7, 0, 0));
    CHECK(to - from == 7 * 86400);
    CHECK(format_datetime_offset(from, utc) == "2022-02-27T17:00:00+00:00");
}

TEST_CASE("ISO week input") {
    CHECK(parse_iso_week("2022-W09") == Period{{2022, 2, 28}, {2022, 3, 6}});
    CHECK(parse_iso_week("2022W09") == Period{{2022, 2, 28}, {2022, 3, 6}});
    CHECK(parse_iso_week("2022-w09") == Period{{2022, 2, 28}, {2022, 3, 6}});
    CHECK(parse_iso_week("2020-W53") == Period{{2020, 12, 28}, {2021, 1, 3}});
    CHECK_FALSE(parse_iso_week("2021-W53"));
    CHECK(parse_iso_week("2026-W01") == Period{{2025, 12, 29}, {2026, 1, 4}});
    CHECK(parse_iso_week("2015-W53"));
    CHECK(iso_weeks_in_year(2020) == 53);
    CHECK(iso_weeks_in_year(2021) == 52);
    CHECK(iso_weeks_in_year(2026) == 53);
    CHECK(iso_weeks_in_year(2004) == 53);
    for (const char* bad : {"", "2022-W00", "2022-W54", "2022-W9", "2022-09", "2022-W09-1", "22-W09", "W09",
                            "202-W09", "20221-W09", "2022-W009"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_iso_week(bad));
    }
}

TEST_CASE("Indonesian and English names and human formatting") {
    CHECK(day_name(1, Lang::id) == "Senin");
    CHECK(day_name(5, Lang::id) == "Jumat");
    CHECK(day_name(7, Lang::id) == "Minggu");
    CHECK(day_name(7, Lang::en) == "Sunday");
    CHECK(month_name(1, Lang::id) == "Januari");
    CHECK(month_name(8, Lang::id) == "Agustus");
    CHECK(month_name(12, Lang::id) == "Desember");
    CHECK(month_name(5, Lang::en) == "May");
    CHECK_THROWS_AS(day_name(0, Lang::id), std::out_of_range);
    CHECK_THROWS_AS(day_name(8, Lang::en), std::out_of_range);
    CHECK_THROWS_AS(month_name(13, Lang::en), std::out_of_range);
    CHECK_THROWS_AS(month_name(0, Lang::en), std::out_of_range);

    CHECK(human_date({2022, 3, 3}, Lang::id) == "Kamis, 3 Maret 2022");
    CHECK(human_date({2022, 3, 3}, Lang::en) == "Thursday, 3 March 2022");
    CHECK(human_time(9, 0, wib, Lang::id) == "pukul 09.00 WIB");
    CHECK(human_time(14, 5, wita, Lang::id) == "pukul 14.05 WITA");
    CHECK(human_time(9, 0, wib, Lang::en) == "09:00 WIB");
    CHECK(human_time(9, 0, find_zone("+05:30"), Lang::en) == "09:00 UTC+5:30");
    CHECK_THROWS_AS(human_time(24, 0, wib, Lang::id), std::out_of_range);
    // The limits of a time of day: 00:00 to 23:59.
    CHECK(human_time(0, 0, wib, Lang::en) == "00:00 WIB");
    CHECK(human_time(23, 59, wib, Lang::en) == "23:59 WIB");
    CHECK_THROWS_AS(human_time(9, 60, wib, Lang::en), std::out_of_range);
    CHECK_THROWS_AS(human_time(-1, 0, wib, Lang::en), std::out_of_range);

    CHECK(human_period({{2022, 2, 28}, {2022, 3, 6}}, Lang::id) == "28 Februari\u20136 Maret 2022");
    CHECK(human_period({{2022, 3, 1}, {2022, 3, 7}}, Lang::id) == "1\u20137 Maret 2022");
    CHECK(human_period({{2025, 12, 29}, {2026, 1, 4}}, Lang::id) == "29 Desember 2025\u20134 Januari 2026");
    CHECK(human_period({{2022, 2, 28}, {2022, 3, 6}}, Lang::en) == "28 February\u20136 March 2022");
    CHECK(human_period({{2022, 3, 3}, {2022, 3, 3}}, Lang::id) == "3 Maret 2022");

    CHECK(roman_month(1) == "I");
    CHECK(roman_month(4) == "IV");
    CHECK(roman_month(9) == "IX");
    CHECK(roman_month(12) == "XII");
    CHECK_THROWS_AS(roman_month(0), std::out_of_range);
    CHECK_THROWS_AS(roman_month(13), std::out_of_range);
}

TEST_CASE("export timestamps: Zoom month-name formats") {
    CHECK(export_time("Mar 03, 2022 09:00:00") == webinar_start);
    CHECK(export_time("\"Mar 03, 2022 09:00:00\"") == std::nullopt); // quotes are the CSV reader's business
    CHECK(export_time("  Mar 03, 2022 09:00:00  ") == webinar_start);
    CHECK(export_time("March 3, 2022 09:00:00") == webinar_start);
    CHECK(export_time("mar 3, 2022 9:00") == webinar_start);
    CHECK(export_time("Mar 03, 2022 09:00:00 AM") == webinar_start);
    CHECK(export_time("Thursday, March 3, 2022 9:00 AM") == webinar_start);
    CHECK(export_time("May 03, 2022 09:00:00") == wib_at(2022, 5, 3, 9, 0));
    CHECK(export_time("Mei 03, 2022 09:00:00") == wib_at(2022, 5, 3, 9, 0));
    CHECK(export_time("Agu 17, 2022 09:00:00") == wib_at(2022, 8, 17, 9, 0));
    CHECK(export_time("Agt 17, 2022 09:00:00") == wib_at(2022, 8, 17, 9, 0));
    CHECK(export_time("Okt 28, 2022 09:00:00") == wib_at(2022, 10, 28, 9, 0));
    CHECK(export_time("Des 01, 2022 23:59:59") == wib_at(2022, 12, 1, 23, 59, 59));
    CHECK(export_time("September 1, 2022 13:00") == wib_at(2022, 9, 1, 13, 0));
    CHECK(export_time("Sept 1, 2022 13:00") == wib_at(2022, 9, 1, 13, 0));
    CHECK(export_time("Mar. 03, 2022 09:00:00") == webinar_start); // a short month with its point
    CHECK(export_time("Mar 03, 2022 9:5") == std::nullopt);        // minutes have two digits
    CHECK(export_time("Mar 03, 2022 09:000") == std::nullopt);
    CHECK(export_time("Mar 03, 2022 100:00") == std::nullopt); // hours have one or two
    CHECK(export_time("Mar 03, 2022 :30") == std::nullopt);
    CHECK(export_time("Mar 003, 2022 09:00") == std::nullopt);
    CHECK(export_time("Mar 03, 2022 09:00:000") == std::nullopt);
    CHECK(export_time("3 Mar. 2022 09:00") == webinar_start); // the day first, a short month with its point
    CHECK(export_time("03-Mar-2022T09:00") == std::nullopt);  // "T" after a year-first date only
    CHECK(export_time("Mar 03, 2022T09:00") == std::nullopt);
    CHECK(export_time("03/03/2 09:00") == std::nullopt); // a year of two or four digits
    CHECK(export_time("20222-03-03 09:00") == std::nullopt);
    CHECK(export_time("/03/2022 09:00") == std::nullopt);            // no day
    CHECK(export_time("2022-03-03T09:00:00+07000") == std::nullopt); // an offset of five digits
    CHECK(export_time("Mar , 2022 09:00") == std::nullopt);          // no day
    CHECK(export_time("2022-3-3 9:00") == webinar_start);            // year first: one digit will do
    CHECK(export_time("Thu, Mar. 3, 2022 09:00") == webinar_start);
    // After a weekday, a month word, January too; a word that is no month makes no timestamp.
    CHECK(export_time("Monday, January 3, 2022 09:00") == wib_at(2022, 1, 3, 9, 0));
    CHECK(export_time("Thursday, Marsh 3, 2022 09:00") == std::nullopt);
    // Day before the month name, as Indonesian writes it.
    CHECK(export_time("3 Maret 2022 09.00") == webinar_start);
    CHECK(export_time("03 Mar 2022 09:00:00") == webinar_start);
    CHECK(export_time("Kamis, 3 Maret 2022 pukul 09.00 WIB") == webinar_start);
    CHECK(export_time("03-Mar-2022 09:00") == webinar_start);
    CHECK(export_time("3-Mar-22 9:00 AM") == webinar_start);
    // Month names need no day order.
    CHECK(parse_export_time("Mar 04, 2022 09:00:00", wib, DayOrder::unknown) == wib_at(2022, 3, 4, 9, 0));
}

TEST_CASE("export timestamps: every day name that may lead a date") {
    for (const char* day : {"Mon",    "Monday", "Tue",      "Tues", "Tuesday", "Wed", "Wednesday", "Thu",
                            "Thur",   "Thurs",  "Thursday", "Fri",  "Friday",  "Sat", "Saturday",  "Sun",
                            "Sunday", "Sen",    "Senin",    "Sel",  "Selasa",  "Rab", "Rabu",      "Kam",
                            "Kamis",  "Jum",    "Jumat",    "Sab",  "Sabtu",   "Min", "Minggu"}) {
        CAPTURE(day);
        // Never checked against the date: a Monday's name before a Thursday is still read.
        CHECK(export_time(std::string(day) + ", March 3, 2022 09:00") == webinar_start);
        CHECK(export_time(std::string(day) + ", 3 Maret 2022 09.00") == webinar_start);
    }
}

TEST_CASE("export timestamps: every month word, English and Indonesian, full and short") {
    const std::pair<const char*, int> words[] = {
        {"Jan", 1},      {"January", 1},   {"Januari", 1},   {"Feb", 2},       {"February", 2},
        {"Februari", 2}, {"Mar", 3},       {"March", 3},     {"Maret", 3},     {"Apr", 4},
        {"April", 4},    {"May", 5},       {"Mei", 5},       {"Jun", 6},       {"June", 6},
        {"Juni", 6},     {"Jul", 7},       {"July", 7},      {"Juli", 7},      {"Aug", 8},
        {"August", 8},   {"Agu", 8},       {"Agt", 8},       {"Agustus", 8},   {"Sep", 9},
        {"Sept", 9},     {"September", 9}, {"Oct", 10},      {"October", 10},  {"Okt", 10},
        {"Oktober", 10}, {"Nov", 11},      {"Nop", 11},      {"November", 11}, {"Nopember", 11},
        {"Dec", 12},     {"Des", 12},      {"December", 12}, {"Desember", 12},
    };
    for (const auto& [word, month] : words) {
        const auto shown = word; // clang 14 cannot capture a structured binding in CAPTURE's lambda
        CAPTURE(shown);
        CHECK(export_time(std::string(word) + " 03, 2022 09:00:00") == wib_at(2022, month, 3, 9, 0));
        CHECK(export_time("3 " + std::string(word) + " 2022 09.00") == wib_at(2022, month, 3, 9, 0));
    }
    CHECK(export_time("Dez 03, 2022 09:00:00") == std::nullopt); // not a month of ours
    // A month word with a letter more in front is no month ("a" must count as a letter, not as nothing).
    CHECK(export_time("Ajan 03, 2022 09:00:00") == std::nullopt);
    CHECK(export_time("3 Amei 2022 09.00") == std::nullopt);
}

TEST_CASE("export timestamps: numeric dates, 12- and 24-hour clocks") {
    CHECK(export_time("03/03/2022 09:00:00 AM") == webinar_start);
    CHECK(export_time("03/03/2022 03:00:00 PM") == wib_at(2022, 3, 3, 15, 0));
    CHECK(export_time("3/3/2022 9:00 AM") == webinar_start);
    CHECK(export_time("3/3/22, 9:00:12 AM") == webinar_start + 12);
    CHECK(export_time("3/3/22, 12:08:00 PM") == wib_at(2022, 3, 3, 12, 8));
    CHECK(export_time("3/3/22, 12:08:00 AM") == wib_at(2022, 3, 3, 0, 8));
    CHECK(export_time("3/3/2022 9:00 a.m.") == webinar_start);
    CHECK(export_time("3/3/2022 9:00 p.m.") == wib_at(2022, 3, 3, 21, 0));
    CHECK(export_time("3/3/2022 9:00pm") == wib_at(2022, 3, 3, 21, 0));
    CHECK(export_time("3/3/2022 9:00\u202FAM") == webinar_start); // narrow no-break space (newer locales)
    CHECK(export_time("3/3/2022\u00A09:00 AM") == webinar_start);
    CHECK(export_time("03/03/2022 09:00:00") == webinar_start);
    CHECK(export_time("03/03/2022 21:15:00") == wib_at(2022, 3, 3, 21, 15));
    CHECK(export_time("03-03-2022 09:00") == webinar_start);
    CHECK(export_time("03.03.2022 09:00") == webinar_start);
    CHECK(export_time("03.03.2022 09.00.00") == webinar_start);
    CHECK(export_time("2/28/2022 07:13:54") == wib_at(2022, 2, 28, 7, 13, 54)); // Google Forms
    CHECK(export_time("2/28/22 7:13") == wib_at(2022, 2, 28, 7, 13));

    // The order decides what 04/03 means.
    CHECK(parse_export_time("04/03/2022 09:00", wib, DayOrder::dmy) == wib_at(2022, 3, 4, 9, 0));
    CHECK(parse_export_time("04/03/2022 09:00", wib, DayOrder::mdy) == wib_at(2022, 4, 3, 9, 0));
    CHECK(parse_export_time("28.02.2022 09:00", wib, DayOrder::dmy) == wib_at(2022, 2, 28, 9, 0));
    CHECK(parse_export_time("28-02-22 09:00", wib, DayOrder::dmy) == wib_at(2022, 2, 28, 9, 0));
    CHECK(parse_export_time("13/04/2021 \xC3\xA0 09:01:31", wib, DayOrder::dmy) ==
          wib_at(2021, 4, 13, 9, 1, 31)); // "à" (French)
}

TEST_CASE("export timestamps: year-first and ISO 8601 with offsets") {
    CHECK(export_time("2022-03-03 09:00:00") == webinar_start);
    CHECK(export_time("2022-03-03 09:00") == webinar_start);
    CHECK(export_time("2022/03/03 09:00") == webinar_start);
    CHECK(export_time("2022-03-03T09:00:00") == webinar_start);
    CHECK(export_time("2022-03-03T09:00") == webinar_start);
    CHECK(export_time("2022-03-03T09:00:00.250") == webinar_start);
    CHECK(export_time("2022-03-03T09:00:00.5") == webinar_start); // a fraction of one digit
    CHECK(export_time("03/03/2022 09.00.00,5") == webinar_start);
    CHECK(export_time("2022-03-03T02:00:00Z") == webinar_start);
    CHECK(export_time("2022-03-03T02:00:00.000Z") == webinar_start);
    CHECK(export_time("2022-03-03T10:00:00+08:00") == webinar_start);
    CHECK(export_time("2022-03-03T10:00:00+0800") == webinar_start);
    CHECK(export_time("2022-03-03T10:00:00+08") == webinar_start);
    CHECK(export_time("2022-03-02T21:00:00-05:00") == webinar_start);
    CHECK(export_time("2022-03-03 02:00:00 UTC") == webinar_start);
    CHECK(export_time("2022-03-03 10:00 GMT+8") == webinar_start);
    CHECK(export_time("03/03/2022 11:00 WIT") == webinar_start);
    CHECK(export_time("Mar 03, 2022 10:00:00 WITA") == webinar_start);
    // A 12-hour clock with a zone after its AM/PM, the two apart or together.
    CHECK(export_time("03/03/2022 2:00 AM UTC") == webinar_start);
    CHECK(export_time("03/03/2022 11:00 AM WIT") == webinar_start);
    CHECK(export_time("03/03/2022 10:00 AM +08:00") == webinar_start);
    CHECK(export_time("03/03/2022 10:00 AM+08:00") == webinar_start);
    // An explicit offset wins over the zone given; without one the zone applies.
    CHECK(parse_export_time("2022-03-03T09:00:00+07:00", wit, DayOrder::unknown) == webinar_start);
    CHECK(parse_export_time("2022-03-03T11:00:00", wit, DayOrder::unknown) == webinar_start);
    CHECK(parse_export_time("2022-03-03 02:00:00", utc, DayOrder::unknown) == webinar_start);
}

TEST_CASE("export timestamps: the sample files' values") {
    // Zoom webinar attendee report (mdy account, month names), meeting export, Teams and Google Forms.
    CHECK(export_time("Mar 03, 2022 08:53:00") == wib_at(2022, 3, 3, 8, 53));
    CHECK(export_time("03/03/2022 12:02:00 PM") == wib_at(2022, 3, 3, 12, 2));
    CHECK(export_time("3/3/22, 11:38:00 AM") == wib_at(2022, 3, 3, 11, 38));
    CHECK(export_time("03/03/2022 03:00 PM") == wib_at(2022, 3, 3, 15, 0));
    CHECK(export_time("--") == std::nullopt); // a registered no-show
}

TEST_CASE("export timestamps: text that is no timestamp") {
    for (const char* text :
         {"", "  ", "--", "-", "176", "Yes", "hello", "2022-03-03", "03/03/2022", "Mar 03, 2022", "09:00",
          "03/03/2022 09:00 xyz", "Foo 03, 2022 09:00", "03/03/2022 9", "03/03 09:00", "2022-03-03T",
          "03/03/2022T09:00", "03/03/022 09:00", "003/03/2022 09:00", "03/03-2022 09:00",
          "2022-03-03 09:00 PST", "2022-03-03 09:00:0", "199404022015072003",
          // a field with no digits, or too many
          "2022--03 09:00", "2022-03- 09:00", "2022-003-03 09:00", "2022-03-003 09:00", "03//2022 09:00",
          "03/003/2022 09:00", "03/03/ 09:00",
          // a word before the date that is no day of the week
          "Foo, March 3, 2022 09:00", "Hari, 3 Maret 2022 09.00", "Mars, 3 Maret 2022 09.00",
          // between date and time only "pukul", "at" or "à" (French exports), not a word ending in "à"
          "13/04/2021 voil\xC3\xA0 09:01:31", "13/04/2021 at\xC3\xA0 09:01:31"}) {
        CAPTURE(text);
        CHECK(export_time(text, DayOrder::unknown) == std::nullopt);
    }
}

TEST_CASE("export timestamps: impossible fields throw, quoting the value") {
    const auto message = [](const char* text, DayOrder order = DayOrder::dmy) {
        return error_of([&] { parse_export_time(text, wib, order); });
    };
    CHECK(message("2022-13-03 09:00") == "invalid timestamp '2022-13-03 09:00': there is no month 13");
    // The reason alone, for callers that quote the value themselves (in any language: no text is cut).
    try {
        parse_export_time("2022-13-03 09:00", wib, DayOrder::dmy);
        FAIL("no exception");
    } catch (const TimestampError& e) {
        CHECK(e.reason() == "there is no month 13");
    }
    CHECK(message("03/13/2022 09:00") == "invalid timestamp '03/13/2022 09:00': there is no month 13");
    CHECK(message("2022-00-03 09:00") == "invalid timestamp '2022-00-03 09:00': there is no month 0");
    CHECK(message("03/00/2022 09:00") == "invalid timestamp '03/00/2022 09:00': there is no month 0");
    CHECK(message("13/13/2022 09:00", DayOrder::unknown).find("'13/13/2022 09:00'") != std::string::npos);
    // Day and month differ, and neither order makes a real date (not February 30, not month 30).
    CHECK(
        message("30/02/2022 09:00", DayOrder::unknown) ==
        "invalid timestamp '30/02/2022 09:00': not a real date with the day first nor with the month first");
    CHECK(message("Feb 30, 2022 09:00:00") ==
          "invalid timestamp 'Feb 30, 2022 09:00:00': February 2022 has no day 30");
    CHECK(message("29/02/2022 09:00") == "invalid timestamp '29/02/2022 09:00': February 2022 has no day 29");
    CHECK(message("00/03/2022 09:00").find("has no day 0") != std::string::npos);
    CHECK(message("03/03/2022 25:00") ==
          "invalid timestamp '03/03/2022 25:00': hour 25 is not a time of day");
    CHECK(message("03/03/2022 24:00").find("hour 24") != std::string::npos);
    CHECK(message("03/03/2022 09:60").find("minute 60") != std::string::npos);
    CHECK(message("03/03/2022 09:00:60").find("second 60") != std::string::npos);
    CHECK(message("03/03/2022 13:00 PM").find("hour 13") != std::string::npos);
    CHECK(message("03/03/2022 0:30 AM").find("hour 0") != std::string::npos);
    CHECK(message("2022-03-03T09:00:00+15:00").find("UTC offset") != std::string::npos);
    CHECK(message("2022-03-03T09:00:00+07:75").find("UTC offset") != std::string::npos);
    // At most 14:00 either way, minutes included.
    CHECK(message("2022-03-03T09:00:00+14:10").find("UTC offset") != std::string::npos);
    CHECK(message("2022-03-03T09:00:00-14:01").find("UTC offset") != std::string::npos);
    CHECK(export_time("2022-03-03T09:00:00+14:00") == webinar_start - 7 * 3600);
    CHECK(export_time("2022-03-03T09:00:00-14:00") == webinar_start + 21 * 3600);
    CHECK(export_time("2022-03-03T09:00:00+00:59") == webinar_start + 7 * 3600 - 59 * 60);
    CHECK(export_time("2022-03-03T09:00:00+0530") == webinar_start + 90 * 60); // HHMM
    CHECK(export_time("2022-03-03T09:00:00+07:000") == std::nullopt);
    CHECK(export_time("2024-02-29 09:00") == wib_at(2024, 2, 29, 9, 0));
}

TEST_CASE("export timestamps: an unknown day/month order") {
    // Undecidable: both readings are real dates.
    const std::string msg = error_of([] { parse_export_time("03/04/2022 09:00", wib, DayOrder::unknown); });
    CHECK(msg.find("'03/04/2022 09:00'") != std::string::npos);
    CHECK(msg.find("cannot be decided") != std::string::npos);
    CHECK(msg.find("--date-order dmy") != std::string::npos);
    CHECK(msg.find("mdy") != std::string::npos);
    // Day equal to month: the order does not matter.
    CHECK(parse_export_time("03/03/2022 09:00", wib, DayOrder::unknown) == webinar_start);
    CHECK(parse_export_time("3/3/22, 9:00 AM", wib, DayOrder::unknown) == webinar_start);
    // Only one reading is real: it is used.
    CHECK(parse_export_time("25/03/2022 09:00", wib, DayOrder::unknown) == wib_at(2022, 3, 25, 9, 0));
    CHECK(parse_export_time("03/25/2022 09:00", wib, DayOrder::unknown) == wib_at(2022, 3, 25, 9, 0));
    // Year-first dates never depend on the order.
    CHECK(parse_export_time("2022-04-03 09:00", wib, DayOrder::unknown) == wib_at(2022, 4, 3, 9, 0));
}

TEST_CASE("detect_day_order") {
    using V = std::vector<std::string_view>;
    CHECK(detect_day_order({}) == DayOrder::unknown);
    CHECK(detect_day_order(V{"03/03/2022 09:00", "13/03/2022 09:00", "04/03/2022 10:00"}) == DayOrder::dmy);
    CHECK(detect_day_order(V{"2/28/2022 07:13:54", "3/1/2022 06:07:17"}) == DayOrder::mdy);
    CHECK(detect_day_order(V{"03/03/2022 09:00:00 AM", "03/03/2022 12:02:00 PM"}) == DayOrder::unknown);
    CHECK(detect_day_order(V{"04/03/2022 09:00", "03/04/2022 09:00"}) == DayOrder::unknown);
    CHECK(detect_day_order(V{"28.02.2022 09:00", "--", ""}) == DayOrder::dmy);
    CHECK(detect_day_order(V{"28-02-22 09:00"}) == DayOrder::dmy);
    // Month names and year-first dates do not vote.
    CHECK(detect_day_order(V{"Mar 13, 2022 09:00:00", "13 Mar 2022 09:00"}) == DayOrder::unknown);
    CHECK(detect_day_order(V{"2022-03-13 09:00", "2022-13-03 09:00"}) == DayOrder::unknown);
    CHECK(detect_day_order(V{"Mar 13, 2022 09:00:00", "3/13/2022 9:00 AM"}) == DayOrder::mdy);
    // Not timestamps, or impossible both ways: no vote.
    CHECK(detect_day_order(V{"13/13", "13/2022", "31/31/2022 09:00"}) == DayOrder::unknown);
    // A day with a month of 13 is no day-first date: it does not vote against a month-first one.
    CHECK(detect_day_order(V{"25/13/2022 09:00", "03/25/2022 09:00"}) == DayOrder::mdy);
    // Nor is a month of 13 with a day of 25 a month-first one: it does not vote against a day-first one.
    CHECK(detect_day_order(V{"13/25/2022 09:00", "25/03/2022 09:00"}) == DayOrder::dmy);
    // Each field at its limits: a day is 1..31, a month 1..12; a field beyond both decides nothing.
    CHECK(detect_day_order(V{"31/12/2022 09:00"}) == DayOrder::dmy);
    CHECK(detect_day_order(V{"12/31/2022 09:00"}) == DayOrder::mdy);
    CHECK(detect_day_order(V{"13/1/2022 09:00"}) == DayOrder::dmy);
    CHECK(detect_day_order(V{"12/1/2022 09:00", "1/12/2022 09:00"}) == DayOrder::unknown);
    CHECK(detect_day_order(V{"1/13/2022 09:00"}) == DayOrder::mdy);
    for (const char* neither :
         {"32/01/2022 09:00", "01/32/2022 09:00", "13/00/2022 09:00", "00/13/2022 09:00", "32/13/2022 09:00",
          "13/32/2022 09:00", "13/25/2022 09:00"}) {
        CAPTURE(neither);
        CHECK(detect_day_order(V{neither}) == DayOrder::unknown);
    }

    CHECK(error_of([] {
              detect_day_order(V{"01/02/2022 09:00", "13/03/2022 09:00", "03/13/2022 09:00"});
          }) == "dates mix day/month orders: '13/03/2022 09:00' and '03/13/2022 09:00'");
    CHECK(error_of([] {
              detect_day_order(V{"3/13/2022 9:00 AM", " 13/3/2022 9:00 AM"});
          }) == "dates mix day/month orders: '3/13/2022 9:00 AM' and '13/3/2022 9:00 AM'");
}

TEST_CASE("durations") {
    CHECK(parse_duration_seconds("1h 2m 3s") == 3723);
    CHECK(parse_duration_seconds("2h 56m") == 10560);
    CHECK(parse_duration_seconds("57m") == 3420);
    CHECK(parse_duration_seconds("45s") == 45);
    CHECK(parse_duration_seconds("3h 15m") == 11700);
    CHECK(parse_duration_seconds("1h2m3s") == 3723);
    CHECK(parse_duration_seconds("2 hr 5 min") == 7500);
    CHECK(parse_duration_seconds("2 hrs. 5 mins.") == 7500); // units abbreviated with a point
    CHECK(parse_duration_seconds("1 jam 30 menit") == 5400);
    CHECK(parse_duration_seconds("1 hour 1 second") == 3601);
    CHECK(parse_duration_seconds("1:02:03") == 3723);
    CHECK(parse_duration_seconds("0:00:45") == 45);
    // Minutes and seconds of a clock run 00 to 59.
    CHECK(parse_duration_seconds("1:59:59") == 7199);
    CHECK(parse_duration_seconds("0:00:59") == 59);
    CHECK(parse_duration_seconds("0:59:00") == 3540);
    CHECK(parse_duration_seconds("176") == 10560);
    CHECK(parse_duration_seconds(" 176 ") == 10560);
    CHECK(parse_duration_seconds("0") == 0);
    CHECK(parse_duration_seconds("176.5") == 10590);
    CHECK(parse_duration_seconds("176,5") == 10590);
    CHECK(parse_duration_seconds("0.01") == 1);   // 0.6 s rounds to 1
    CHECK(parse_duration_seconds("1.9") == 114);  // 54 s: a tenth of a minute is 6 s
    CHECK(parse_duration_seconds("2.75") == 165); // 45 s
    for (const char* bad : {"",         "--",         "-5",     "abc",    "2:56",        "1:2:3",
                            "1:60:00",  "1h 2h",      "2m 1h",  "5 days", "1.5h",        "176.",
                            ".5",       "1h 2m 3s 4", "h",      "1 2",    "12345678901", "1:002:03",
                            "1:02:003", "1:2:03",     "1:02:3", ":02:03", "0:00:60",     "0:60:00"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_duration_seconds(bad));
    }
}

TEST_CASE("durations: every unit word") {
    const std::pair<const char*, int> units[] = {
        {"h", 3600}, {"hr", 3600}, {"hrs", 3600},  {"hour", 3600},  {"hours", 3600}, {"jam", 3600}, {"m", 60},
        {"min", 60}, {"mins", 60}, {"minute", 60}, {"minutes", 60}, {"menit", 60},   {"mnt", 60},   {"s", 1},
        {"sec", 1},  {"secs", 1},  {"second", 1},  {"seconds", 1},  {"detik", 1},    {"dtk", 1},
    };
    for (const auto& [word, seconds] : units) {
        const auto shown = word;
        CAPTURE(shown);
        CHECK(parse_duration_seconds(std::string("7 ") + word) == 7 * seconds);
        CHECK(parse_duration_seconds(std::string("7") + word) == 7 * seconds);
    }
    CHECK(parse_duration_seconds("1 jam 2 mnt 3 dtk") == 3723);
    CHECK_FALSE(parse_duration_seconds("7 days"));
    CHECK_FALSE(parse_duration_seconds("7 hari"));
    CHECK_FALSE(parse_duration_seconds("7 amin")); // a unit word with a letter more in front
    CHECK_FALSE(parse_duration_seconds("7 ajam"));
}

TEST_CASE("durations: every number has at most nine digits") {
    CHECK(parse_duration_seconds("999999999") == std::int64_t{999999999} * 60);
    CHECK(parse_duration_seconds("1.123456789") == 67); // 0.123456789 minutes is 7.4 s
    CHECK(parse_duration_seconds("999999999:00:00") == std::int64_t{999999999} * 3600);
    CHECK(parse_duration_seconds("999999999s") == 999999999);
    CHECK(parse_duration_seconds("999999999 jam 59 menit") == std::int64_t{999999999} * 3600 + 59 * 60);
    for (const char* ten :
         {"1000000000", "1.1234567890", "1000000000:00:00", "1000000000s", "1h 1000000000s"}) {
        CAPTURE(ten);
        CHECK_FALSE(parse_duration_seconds(ten));
    }
}

TEST_CASE("today_in uses the system clock") {
    const Date today = today_in(wib);
    CHECK(is_valid_date(today.year, today.month, today.day));
    CHECK(today.year >= 2024);
    const std::int64_t apart = days_from_civil(today_in(wit)) - days_from_civil(today_in(utc));
    CHECK((apart == 0 || apart == 1));
}
