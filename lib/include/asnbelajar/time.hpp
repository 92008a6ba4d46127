// Calendar dates, Indonesian time zones, ISO and human (Indonesian/English) formatting, and the timestamps
// and durations found in platform attendance exports (Zoom, Teams, Google Meet, generic CSV).
//
// Pure functions over a proleptic Gregorian calendar. Indonesia has kept no daylight saving since 1964, so
// every zone is a fixed UTC offset and conversions are plain arithmetic: no tz database, no TZ variable, no
// global state. Nothing here prints. Functions throw asnbelajar::Error only where their comment says so.
#pragma once

#include "asnbelajar/error.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace asnbelajar {

using UnixSeconds = std::int64_t; // UTC seconds since 1970-01-01T00:00:00Z

struct Date {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const Date&) const = default;
};

struct LocalDateTime {
    Date date;
    int hour = 0, minute = 0, second = 0;
    auto operator<=>(const LocalDateTime&) const = default;
};

// A fixed-offset zone. `name` is what find_zone() accepts back (store it), `abbrev` is what people read.
struct Zone {
    std::string name;       // "Asia/Jakarta", "UTC", or a fixed offset "+05:30"
    int offset_minutes = 0; // east of UTC
    std::string abbrev;     // "WIB", "WITA", "WIT", "UTC", or "UTC+5:30" for a fixed offset
    bool operator==(const Zone&) const = default;
};

// ---- Zones

// Returns the zone called `name` (surrounding blanks ignored, case-insensitive):
//   Asia/Jakarta, Asia/Pontianak -> WIB (+7); Asia/Makassar -> WITA (+8); Asia/Jayapura -> WIT (+9);
//   the abbreviations WIB, WITA, WIT (-> the first zone of each); UTC, Etc/UTC, GMT, Z -> UTC;
//   a fixed offset "+07:00", "+0700", "+07", "+7", "UTC+7", "GMT-03:30" (at most 14:00 either way)
//   -> a zone named "+07:00" with abbreviation "UTC+7"; a zero offset gives UTC.
// Throws Error naming the zone and listing the accepted ones.
Zone find_zone(std::string_view name);

// ---- Calendar

bool is_leap_year(int year);
// Days in `month` (1..12) of `year`; 0 for a month outside 1..12.
int days_in_month(int year, int month);
// True when y-m-d is a real date (any year, month 1..12, day within the month).
bool is_valid_date(int y, int m, int d);

// Days since 1970-01-01 (negative before), proleptic Gregorian, any int year. `d` must be a valid date.
std::int64_t days_from_civil(Date d);
// Inverse of days_from_civil for every day whose year fits in an int.
Date civil_from_days(std::int64_t days);
// ISO weekday: 1 = Monday ... 7 = Sunday.
int weekday(Date d);
// The date `n` days after `d` (before, when n < 0).
Date add_days(Date d, int n);

// Local wall time in `z` to UTC. Pure arithmetic without validation, allocation-free: fields out of range
// carry over (hour 24 is the next day's 00:00).
UnixSeconds to_utc(const LocalDateTime& t, const Zone& z);
// UTC to local wall time in `z`.
LocalDateTime to_local(UnixSeconds t, const Zone& z);
// Today's date in `z`, from std::chrono::system_clock.
Date today_in(const Zone& z);

// ---- Command-line input and ISO output

// Exactly "YYYY-MM-DD" (no blanks). nullopt for any other shape or an unreal date.
std::optional<Date> parse_date(std::string_view s);
// Exactly "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS", two-digit
// fields, 24-hour clock (00..23). A date alone is not accepted. nullopt for any other shape or an unreal date
// or time.
std::optional<LocalDateTime> parse_local_datetime(std::string_view s);

// "2022-03-03" (ISO 8601; years outside 0..9999 get a sign or more digits).
std::string format_date(Date d);
// "03-03-2022", the dd-mm-yyyy form SIASN uploads use.
std::string format_date_dmy(Date d);
// "2022-03-03T09:00:00+07:00": `t` as local time in `z` with the zone's offset (UTC is written "+00:00").
std::string format_datetime_offset(UnixSeconds t, const Zone& z);

// ---- Weeks and periods (weeks run Monday-Sunday)

struct Period {
    Date from, to; // inclusive
    bool operator==(const Period&) const = default;
};

// The Monday..Sunday week containing `d`.
Period week_of(Date d);
// The latest Monday..Sunday week that ended before `today`: on a Monday the week that ended yesterday, on a
// Sunday the week that ended a week ago (the current one has not ended yet).
Period last_complete_week(Date today);
// Number of ISO 8601 weeks in `year`: 52 or 53.
int iso_weeks_in_year(int year);
// "2022-W09" (also "2022W09", lower-case "w"): the Monday..Sunday of that ISO 8601 week. nullopt for another
// shape, week 00, or week 53 in a year that has only 52.
std::optional<Period> parse_iso_week(std::string_view s);
// [p.from 00:00, p.to + 1 day 00:00) in `z`, as UTC seconds: a half-open range for queries.
std::pair<UnixSeconds, UnixSeconds> period_bounds_utc(const Period& p, const Zone& z);

// ---- Human formatting (reports must be in Bahasa Indonesia by default)

enum class Lang { id, en };

// "Senin".."Minggu" / "Monday".."Sunday". Throws std::out_of_range unless 1 <= iso_weekday <= 7.
std::string day_name(int iso_weekday, Lang lang);
// "Januari".."Desember" / "January".."December". Throws std::out_of_range unless 1 <= month <= 12.
std::string month_name(int month, Lang lang);
// id: "Kamis, 3 Maret 2022"; en: "Thursday, 3 March 2022".
std::string human_date(Date d, Lang lang);
// id: "pukul 09.00 WIB"; en: "09:00 WIB" (the zone's abbreviation). Throws std::out_of_range for an hour
// outside 0..23 or a minute outside 0..59.
std::string human_time(int hour, int minute, const Zone& z, Lang lang);
// A period with an en dash, the year written once when shared: "3 Maret 2022" (one day), "1–7 Maret 2022",
// "28 Februari–6 Maret 2022", "29 Desember 2025–4 Januari 2026"; en: "28 February–6 March 2022".
std::string human_period(const Period& p, Lang lang);
// "I".."XII" (certificate numbers). Throws std::out_of_range unless 1 <= month <= 12.
std::string roman_month(int month);

// ---- Platform export timestamps and durations

// Order of the two leading fields of numeric dates such as 03/04/2022, which is a property of a whole file.
enum class DayOrder { unknown, mdy, dmy };

// Decides the order of a file's numeric dates from its timestamps (values that are no timestamp are ignored):
// a value whose first field is above 12 (and second at most 12) votes dmy, one whose second field is above 12
// votes mdy. Returns that order, or unknown when nothing voted (every date like 03/03 or 04/03, or no numeric
// date at all: month names and year-first dates do not vote).
// Throws Error("dates mix day/month orders: 'X' and 'Y'") with the first two values that disagree.
// Allocation-free unless it throws.
DayOrder detect_day_order(const std::vector<std::string_view>& samples);

// Parses one export timestamp as local time in `z` and returns it as UTC. Blanks around are ignored.
// Dates: "Mar 03, 2022", "March 3, 2022", "3 Maret 2022", "03-Mar-2022", "Kamis, 3 Maret 2022" (month names
//   in English or Indonesian, full or abbreviated: Mar/Mei/Agu/Agt/Okt/Nop/Des..., an optional leading day
//   name), "03/03/2022", "3/3/22", "03-03-2022", "03.03.2022" (day/month order from `order`), "2022-03-03",
//   "2022/03/03". Two-digit years are 20yy.
// Then "T" (year-first dates only) or blanks, optionally after a comma (also "pukul", "at" or "à"), then a
// time: "9:00", "09:00:00", "09.00.00", an optional fraction of a second (dropped), optional AM/PM ("am",
//   "a.m.", "PM", also after a narrow no-break space), then an optional zone that overrides `z`: "Z",
//   "+07:00", "+0700", "-05", "UTC", "UTC+7", "GMT", "WIB", "WITA", "WIT".
// Returns nullopt for text that is no timestamp at all ("", "--", "176", a date without a time, trailing
// text). Throws Error, quoting the value:
//   - for a numeric date while `order` is unknown, whose day and month differ and which is a real date in
//     both orders (e.g. 03/04/2022): the order cannot be decided, pass --date-order dmy or --date-order mdy.
//     A value that is real in one order only (25/03/2022) is read that way;
//   - for impossible fields: month 13, Feb 30, hour 24 or 25, minute or second 60, hour 0 or 13 with AM/PM,
//     an offset beyond 14:00.
// The Error thrown for an impossible field, or a date real in neither order, is a TimestampError.
// Allocation-free unless it throws.
std::optional<UnixSeconds> parse_export_time(std::string_view s, const Zone& z, DayOrder order);

// What parse_export_time throws for an impossible value: the whole message ("invalid timestamp 'VALUE': REASON", in the user's
// language), and the reason alone for callers that name the value themselves.
class TimestampError : public Error {
  public:
    TimestampError(const std::string& message, std::string reason)
        : Error(message), reason_(std::move(reason)) {}
    const std::string& reason() const noexcept { return reason_; }

  private:
    std::string reason_;
};

// Parses a duration and returns seconds: "1h 2m 3s", "2h 56m", "57m", "45s", "2 hr 5 min", "1 jam 30 menit"
// (units h/hr/hour(s)/jam, m/min/mins/minute(s)/menit, s/sec/secs/second(s)/detik, largest first, each at
// most once), "1:02:03" (H:MM:SS), or a plain number of minutes "176", "176.5", "176,5" (rounded to the
// second). nullopt for anything else: "", "--", negative values, and "2:56" (H:MM or M:SS? refused).
std::optional<std::int64_t> parse_duration_seconds(std::string_view s);

} // namespace asnbelajar
