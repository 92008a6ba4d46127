#include "asnbelajar/time.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/text.hpp"

#include <array>
#include <chrono>
#include <stdexcept>

namespace asnbelajar {

namespace {

constexpr std::int64_t seconds_per_day = 86400;

// Division and remainder rounding towards minus infinity, so dates before 1970 work like later ones.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0))) --q;
    return q;
}
constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
    return a - floor_div(a, b) * b;
}

using text::blank_length;
using text::is_alpha;
using text::is_digit;
using text::to_lower;
using text::trim_blanks;

// A forward-only reader over a string_view; every method either consumes what it recognises or nothing.
class Scanner {
  public:
    explicit Scanner(std::string_view s) : s_(s) {}

    bool at_end() const { return pos_ >= s_.size(); }
    char peek(std::size_t ahead = 0) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }
    std::size_t position() const { return pos_; }
    void rewind(std::size_t pos) { pos_ = pos; }

    bool take(char c) {
        if (at_end() || s_[pos_] != c) return false;
        ++pos_;
        return true;
    }
    bool take_either(char a, char b) { return take(a) || take(b); }

    // A whole run of digits whose length is within [min_digits, max_digits] (max_digits <= 9).
    bool number(int min_digits, int max_digits, int& value, int* digits = nullptr) {
        std::size_t end = pos_;
        while (end < s_.size() && is_digit(s_[end]))
            ++end;
        const auto n = static_cast<int>(end - pos_);
        if (n < min_digits || n > max_digits) return false;
        int v = 0;
        for (; pos_ < end; ++pos_)
            v = v * 10 + (s_[pos_] - '0');
        value = v;
        if (digits) *digits = n;
        return true;
    }

    // A run of ASCII letters (possibly empty).
    std::string_view word() {
        const std::size_t begin = pos_;
        while (pos_ < s_.size() && is_alpha(s_[pos_]))
            ++pos_;
        return s_.substr(begin, pos_ - begin);
    }

    // Skips blanks; true when there was at least one.
    bool blanks() {
        const std::size_t begin = pos_;
        while (std::size_t n = blank_length(s_, pos_))
            pos_ += n;
        return pos_ != begin;
    }

  private:
    std::string_view s_;
    std::size_t pos_ = 0;
};

// A case-insensitive word of up to 12 ASCII letters packed into an integer (5 bits a letter), 0 for anything
// else: month names on the hot import path are looked up by integer compares.
constexpr std::uint64_t word_key(std::string_view w) {
    if (w.empty() || w.size() > 12) return 0;
    std::uint64_t key = 0;
    for (const char c : w) {
        const char lower = to_lower(c);
        if (lower < 'a' || lower > 'z') return 0;
        key = key * 32 + static_cast<std::uint64_t>(lower - 'a' + 1);
    }
    return key;
}

struct KeyedNumber {
    std::uint64_t key;
    int number;
};

// Month words in exports: English and Indonesian, full and abbreviated (Agt, Nop: older Indonesian forms).
constexpr KeyedNumber month_words[] = {
    {word_key("jan"), 1},       {word_key("january"), 1},   {word_key("januari"), 1},
    {word_key("feb"), 2},       {word_key("february"), 2},  {word_key("februari"), 2},
    {word_key("mar"), 3},       {word_key("march"), 3},     {word_key("maret"), 3},
    {word_key("apr"), 4},       {word_key("april"), 4},     {word_key("may"), 5},
    {word_key("mei"), 5},       {word_key("jun"), 6},       {word_key("june"), 6},
    {word_key("juni"), 6},      {word_key("jul"), 7},       {word_key("july"), 7},
    {word_key("juli"), 7},      {word_key("aug"), 8},       {word_key("august"), 8},
    {word_key("agu"), 8},       {word_key("agt"), 8},       {word_key("agustus"), 8},
    {word_key("sep"), 9},       {word_key("sept"), 9},      {word_key("september"), 9},
    {word_key("oct"), 10},      {word_key("october"), 10},  {word_key("okt"), 10},
    {word_key("oktober"), 10},  {word_key("nov"), 11},      {word_key("nop"), 11},
    {word_key("november"), 11}, {word_key("nopember"), 11}, {word_key("dec"), 12},
    {word_key("des"), 12},      {word_key("december"), 12}, {word_key("desember"), 12},
};

// Day names that may lead a date ("Thursday, March 3, 2022", "Kamis, 3 Maret 2022"); never checked.
constexpr std::uint64_t weekday_words[] = {
    word_key("mon"),      word_key("monday"),    word_key("tue"),    word_key("tues"),  word_key("tuesday"),
    word_key("wed"),      word_key("wednesday"), word_key("thu"),    word_key("thur"),  word_key("thurs"),
    word_key("thursday"), word_key("fri"),       word_key("friday"), word_key("sat"),   word_key("saturday"),
    word_key("sun"),      word_key("sunday"),    word_key("sen"),    word_key("senin"), word_key("sel"),
    word_key("selasa"),   word_key("rab"),       word_key("rabu"),   word_key("kam"),   word_key("kamis"),
    word_key("jum"),      word_key("jumat"),     word_key("sab"),    word_key("sabtu"), word_key("min"),
    word_key("minggu"),
};

int month_from_word(std::string_view w) {
    const std::uint64_t key = word_key(w);
    for (const auto& m : month_words)
        if (key == m.key) return m.number;
    return 0;
}

bool is_weekday_word(std::string_view w) {
    const std::uint64_t key = word_key(w);
    for (const auto k : weekday_words)
        if (key == k) return true;
    return false;
}

constexpr int max_offset_minutes = 14 * 60;

// Reads a signed UTC offset: "+07:00", "+0700", "+07", "+7", "-3:30". Consumes nothing unless it has that
// shape. `real` tells whether it is a real offset (minutes below 60, at most 14:00 either way).
bool read_signed_offset(Scanner& sc, int& minutes, bool& real) {
    const std::size_t start = sc.position();
    int sign = 1;
    if (!sc.take('+')) {
        if (!sc.take('-')) return false;
        sign = -1;
    }
    int first = 0, digits = 0, hours = 0, mins = 0;
    if (!sc.number(1, 4, first, &digits) || digits == 3) {
        sc.rewind(start);
        return false;
    }
    if (digits == 4) {
        hours = first / 100;
        mins = first % 100;
    } else {
        hours = first;
        if (sc.take(':') && !sc.number(2, 2, mins)) {
            sc.rewind(start);
            return false;
        }
    }
    minutes = sign * (hours * 60 + mins);
    real = mins < 60 && hours * 60 + mins <= max_offset_minutes;
    return true;
}

// ---- Export timestamps: shape first, then values

enum class DateShape { year_first, numeric, named_month };
enum class Meridiem { none, am, pm };

// A timestamp as written, before the day/month order is applied and before any range check.
struct RawStamp {
    DateShape shape = DateShape::year_first;
    int lead = 0, next = 0; // numeric: the first two fields as written
    int year = 0, month = 0, day = 0;
    bool short_year = false;
    int hour = 0, minute = 0, second = 0;
    Meridiem meridiem = Meridiem::none;
    bool has_offset = false;
    int offset_minutes = 0;
    bool offset_real = true;
};

bool read_year(Scanner& sc, RawStamp& r) {
    int digits = 0;
    if (!sc.number(2, 4, r.year, &digits) || digits == 3) return false;
    r.short_year = digits == 2;
    return true;
}

// After the day: "[.] Maret 2022", "-Mar-2022" (sep is the separator already seen: '-', '/', '.' or ' ').
bool read_month_word_and_year(Scanner& sc, RawStamp& r, char sep) {
    r.month = month_from_word(sc.word());
    if (r.month == 0) return false;
    if (sep == ' ') {
        sc.take('.');
        if (!sc.blanks()) return false;
    } else if (!sc.take(sep)) {
        return false;
    }
    r.shape = DateShape::named_month;
    return read_year(sc, r);
}

// "2022-03-03", "03/03/2022", "3/3/22", "03-Mar-2022", "3 Maret 2022".
bool read_digit_led_date(Scanner& sc, RawStamp& r) {
    int first = 0, digits = 0;
    if (!sc.number(1, 4, first, &digits) || digits == 3) return false;
    if (sc.blanks()) {
        r.day = first;
        return digits <= 2 && read_month_word_and_year(sc, r, ' ');
    }
    const char sep = sc.peek();
    if (sep != '-' && sep != '/' && sep != '.') return false;
    sc.take(sep);
    if (digits == 4) {
        r.shape = DateShape::year_first;
        r.year = first;
        return sc.number(1, 2, r.month) && sc.take(sep) && sc.number(1, 2, r.day);
    }
    if (is_alpha(sc.peek())) {
        r.day = first;
        return read_month_word_and_year(sc, r, sep);
    }
    r.shape = DateShape::numeric;
    r.lead = first;
    return sc.number(1, 2, r.next) && sc.take(sep) && read_year(sc, r);
}

// "Mar 03, 2022", "March 3 2022", "Thursday, March 3, 2022", "Kamis, 3 Maret 2022".
bool read_date(Scanner& sc, RawStamp& r) {
    if (!is_alpha(sc.peek())) return read_digit_led_date(sc, r);
    const std::string_view w = sc.word();
    r.month = month_from_word(w);
    if (r.month == 0) {
        if (!is_weekday_word(w)) return false;
        sc.take_either(',', '.');
        if (!sc.blanks()) return false;
        if (!is_alpha(sc.peek())) return read_digit_led_date(sc, r);
        r.month = month_from_word(sc.word());
        if (r.month == 0) return false;
    }
    sc.take('.');
    if (!sc.blanks() || !sc.number(1, 2, r.day)) return false;
    const bool comma = sc.take(',');
    if (!sc.blanks() && !comma) return false;
    r.shape = DateShape::named_month;
    return read_year(sc, r);
}

// "9:00", "09:00:00", "09.00.00,5".
bool read_clock(Scanner& sc, RawStamp& r) {
    if (!sc.number(1, 2, r.hour)) return false;
    const char sep = sc.peek();
    if (sep != ':' && sep != '.') return false;
    sc.take(sep);
    if (!sc.number(2, 2, r.minute)) return false;
    if (sc.peek() == sep && is_digit(sc.peek(1))) {
        sc.take(sep);
        if (!sc.number(2, 2, r.second)) return false;
        if ((sc.peek() == '.' || sc.peek() == ',') && is_digit(sc.peek(1))) {
            sc.take(sc.peek());
            while (is_digit(sc.peek()))
                sc.take(sc.peek());
        }
    }
    return true;
}

// "AM", "pm", "a.m.", "P.M.".
bool read_meridiem(Scanner& sc, RawStamp& r) {
    const char c = to_lower(sc.peek());
    if (c != 'a' && c != 'p') return true; // none is fine
    const std::size_t start = sc.position();
    sc.take(sc.peek());
    sc.take('.');
    if (to_lower(sc.peek()) != 'm') {
        sc.rewind(start);
        return false;
    }
    sc.take(sc.peek());
    sc.take('.');
    if (is_alpha(sc.peek())) return false;
    r.meridiem = c == 'a' ? Meridiem::am : Meridiem::pm;
    return true;
}

// "Z", "+07:00", "UTC", "UTC+7", "GMT-03:00", "WIB", "WITA", "WIT", or nothing.
bool read_zone_suffix(Scanner& sc, RawStamp& r) {
    if (sc.peek() == '+' || sc.peek() == '-')
        return r.has_offset = read_signed_offset(sc, r.offset_minutes, r.offset_real);
    if (!is_alpha(sc.peek())) return true;
    const std::string_view w = sc.word();
    r.has_offset = true;
    r.offset_minutes = 0;
    if (text::equals_ci(w, "utc") || text::equals_ci(w, "gmt")) {
        if (sc.peek() == '+' || sc.peek() == '-')
            return read_signed_offset(sc, r.offset_minutes, r.offset_real);
        return true;
    }
    if (text::equals_ci(w, "wib"))
        r.offset_minutes = 7 * 60;
    else if (text::equals_ci(w, "wita"))
        r.offset_minutes = 8 * 60;
    else if (text::equals_ci(w, "wit"))
        r.offset_minutes = 9 * 60;
    else
        return text::equals_ci(w, "z");
    return true;
}

// The shape of an export timestamp, without judging its values. nullopt when the text is no timestamp.
std::optional<RawStamp> read_stamp(std::string_view text) {
    Scanner sc(trim_blanks(text));
    RawStamp r;
    if (!read_date(sc, r)) return std::nullopt;
    if (!(r.shape == DateShape::year_first && sc.take_either('T', 't'))) {
        const bool comma = sc.take(',');
        if (!sc.blanks() && !comma) return std::nullopt;
        // "3 Maret 2022 pukul 09.00", "March 3, 2022 at 9:00 AM", "13/04/2021 à 09:01:31"
        const std::size_t before_word = sc.position();
        const std::string_view w = sc.word();
        if (!((text::equals_ci(w, "pukul") || text::equals_ci(w, "at")) && sc.blanks())) {
            sc.rewind(before_word);
            if (!(sc.take('\xC3') && sc.take('\xA0') && sc.blanks())) sc.rewind(before_word);
        }
    }
    if (!read_clock(sc, r)) return std::nullopt;
    sc.blanks();
    if (!read_meridiem(sc, r)) return std::nullopt;
    sc.blanks();
    if (!read_zone_suffix(sc, r)) return std::nullopt;
    sc.blanks();
    if (!sc.at_end()) return std::nullopt;
    if (r.short_year) r.year += 2000;
    return r;
}

constexpr std::array<std::string_view, 12> month_names_en{"January",   "February", "March",    "April",
                                                          "May",       "June",     "July",     "August",
                                                          "September", "October",  "November", "December"};
constexpr std::array<std::string_view, 12> month_names_id{"Januari",   "Februari", "Maret",    "April",
                                                          "Mei",       "Juni",     "Juli",     "Agustus",
                                                          "September", "Oktober",  "November", "Desember"};
constexpr std::array<std::string_view, 7> day_names_en{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                       "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 7> day_names_id{"Senin", "Selasa", "Rabu",  "Kamis",
                                                       "Jumat", "Sabtu",  "Minggu"};

// A month's name in the language of messages.
std::string_view message_month(int month) {
    const auto& names = message_language() == Lang::en ? month_names_en : month_names_id;
    return names[static_cast<std::size_t>(month - 1)];
}

[[noreturn]] void throw_bad_stamp(std::string_view text, const std::string& reason) {
    throw TimestampError(tr("invalid timestamp '{}': {}", trim_blanks(text), reason), reason);
}

// Applies the day/month order to a numeric date. With the order unknown, a value that is a real date in one
// order only is read that way; one real in both orders (day and month differing) cannot be decided.
void resolve_day_order(std::string_view text, RawStamp& r, DayOrder order) {
    if (order == DayOrder::unknown && r.lead != r.next) {
        const bool as_dmy = is_valid_date(r.year, r.next, r.lead);
        const bool as_mdy = is_valid_date(r.year, r.lead, r.next);
        if (as_dmy && as_mdy)
            throw Error(
                tr("the day/month order of '{}' cannot be decided ({} {} or {} {}?); pass --date-order "
                   "dmy (day first) or --date-order mdy (month first)",
                   trim_blanks(text), r.lead, message_month(r.next), r.next, message_month(r.lead)));
        if (!as_dmy && !as_mdy)
            throw_bad_stamp(text, _("not a real date with the day first nor with the month first"));
        order = as_dmy ? DayOrder::dmy : DayOrder::mdy;
    }
    if (order == DayOrder::mdy) {
        r.month = r.lead;
        r.day = r.next;
    } else {
        r.day = r.lead;
        r.month = r.next;
    }
}

// Checks every field and returns the wall time (24-hour clock). Throws naming the first impossible field.
LocalDateTime checked_local_time(std::string_view text, const RawStamp& r) {
    if (r.month < 1 || r.month > 12) throw_bad_stamp(text, tr("there is no month {}", r.month));
    if (r.day < 1 || r.day > days_in_month(r.year, r.month))
        throw_bad_stamp(text, tr("{} {} has no day {}", message_month(r.month), r.year, r.day));
    int hour = r.hour;
    if (r.meridiem != Meridiem::none) {
        if (hour < 1 || hour > 12)
            throw_bad_stamp(text, tr("hour {} does not exist on a 12-hour (AM/PM) clock", hour));
        hour %= 12;
        if (r.meridiem == Meridiem::pm) hour += 12;
    } else if (hour > 23) {
        throw_bad_stamp(text, tr("hour {} is not a time of day", hour));
    }
    if (r.minute > 59) throw_bad_stamp(text, tr("minute {} is not a time of day", r.minute));
    if (r.second > 59) throw_bad_stamp(text, tr("second {} is not a time of day", r.second));
    if (!r.offset_real)
        throw_bad_stamp(text, _("the UTC offset is not real (at most 14:00, minutes below 60)"));
    return LocalDateTime{Date{r.year, r.month, r.day}, hour, r.minute, r.second};
}

void append_number(std::string& out, std::int64_t value, int width) {
    if (value < 0) {
        out += '-';
        value = -value;
    }
    std::array<char, 20> buf{};
    int n = 0;
    do {
        buf[static_cast<std::size_t>(n++)] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    for (int i = n; i < width; ++i)
        out += '0';
    while (n > 0)
        out += buf[static_cast<std::size_t>(--n)];
}

void append_offset(std::string& out, int offset_minutes) {
    out += offset_minutes < 0 ? '-' : '+';
    const int magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    append_number(out, magnitude / 60, 2);
    out += ':';
    append_number(out, magnitude % 60, 2);
}

// The days from 0000-01-01 to the first of January of `year` (negative for years before 0).
std::int64_t days_before_year(std::int64_t year) {
    // Leap years in [0, year): every 4th, minus every 100th, plus every 400th (year 0 is one).
    const std::int64_t leaps =
        floor_div(year + 3, 4) - floor_div(year + 99, 100) + floor_div(year + 399, 400);
    return 365 * year + leaps;
}

constexpr std::int64_t days_from_0000_to_1970 = 719528;
constexpr std::int64_t days_per_400_years = 146097;

// Day of the year (0-based) on which `month` begins.
int month_start(int month, bool leap) {
    static constexpr std::array<int, 12> common{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    return common[static_cast<std::size_t>(month - 1)] + (leap && month > 2 ? 1 : 0);
}

UnixSeconds utc_from_local(const LocalDateTime& t, int offset_minutes) {
    return days_from_civil(t.date) * seconds_per_day + std::int64_t{t.hour} * 3600 + t.minute * 60 +
           t.second - std::int64_t{offset_minutes} * 60;
}

} // namespace

// ---- Zones

Zone find_zone(std::string_view name) {
    struct Known {
        std::string_view name;
        int offset;
        std::string_view abbrev;
    };
    static constexpr std::array<Known, 5> known{{{"Asia/Jakarta", 420, "WIB"},
                                                 {"Asia/Pontianak", 420, "WIB"},
                                                 {"Asia/Makassar", 480, "WITA"},
                                                 {"Asia/Jayapura", 540, "WIT"},
                                                 {"UTC", 0, "UTC"}}};
    auto make = [](const Known& k) { return Zone{std::string(k.name), k.offset, std::string(k.abbrev)}; };
    const std::string_view s = trim_blanks(name);
    for (const auto& k : known)
        if (text::equals_ci(s, k.name) || text::equals_ci(s, k.abbrev)) return make(k);
    if (text::equals_ci(s, "z") || text::equals_ci(s, "gmt") || text::equals_ci(s, "etc/utc"))
        return make(known[4]);

    Scanner sc(s);
    const std::string_view prefix = sc.word();
    int offset = 0;
    bool real = false;
    if ((prefix.empty() || text::equals_ci(prefix, "utc") || text::equals_ci(prefix, "gmt")) &&
        read_signed_offset(sc, offset, real) && sc.at_end() && real) {
        if (offset == 0) return make(known[4]);
        Zone z;
        z.offset_minutes = offset;
        append_offset(z.name, offset);
        const int magnitude = offset < 0 ? -offset : offset;
        z.abbrev = offset < 0 ? "UTC-" : "UTC+";
        z.abbrev += std::to_string(magnitude / 60);
        if (magnitude % 60 != 0) {
            z.abbrev += ':';
            append_number(z.abbrev, magnitude % 60, 2);
        }
        return z;
    }
    throw Error(
        tr("unknown time zone '{}'; use Asia/Jakarta or Asia/Pontianak (WIB, UTC+7), Asia/Makassar "
           "(WITA, UTC+8), Asia/Jayapura (WIT, UTC+9), UTC, or a fixed offset such as +07:00 or UTC+7",
           s));
}

// ---- Calendar

bool is_leap_year(int year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> lengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return month == 2 && is_leap_year(year) ? 29 : lengths[static_cast<std::size_t>(month - 1)];
}

bool is_valid_date(int y, int m, int d) {
    return d >= 1 && d <= days_in_month(y, m);
}

std::int64_t days_from_civil(Date d) {
    return days_before_year(d.year) - days_from_0000_to_1970 + month_start(d.month, is_leap_year(d.year)) +
           d.day - 1;
}

Date civil_from_days(std::int64_t days) {
    // Split into whole 400-year cycles (each starts with a leap year, like year 0) and the day within one.
    const std::int64_t since_0000 = days + days_from_0000_to_1970;
    const std::int64_t cycles = floor_div(since_0000, days_per_400_years);
    const std::int64_t in_cycle = since_0000 - cycles * days_per_400_years; // [0, 146096]
    std::int64_t year_in_cycle = in_cycle / 366;                            // at most two years short
    while (days_before_year(year_in_cycle + 1) <= in_cycle)
        ++year_in_cycle;
    const auto day_of_year = static_cast<int>(in_cycle - days_before_year(year_in_cycle)); // [0, 365]
    const auto year = static_cast<int>(year_in_cycle + cycles * 400);
    const bool leap = is_leap_year(year);
    int month = 12;
    while (day_of_year < month_start(month, leap))
        --month;
    return Date{year, month, day_of_year - month_start(month, leap) + 1};
}

int weekday(Date d) {
    // 1970-01-01 was a Thursday (4).
    return static_cast<int>(floor_mod(days_from_civil(d) + 3, 7)) + 1;
}

Date add_days(Date d, int n) {
    return civil_from_days(days_from_civil(d) + n);
}

UnixSeconds to_utc(const LocalDateTime& t, const Zone& z) {
    return utc_from_local(t, z.offset_minutes);
}

LocalDateTime to_local(UnixSeconds t, const Zone& z) {
    const std::int64_t local = t + std::int64_t{z.offset_minutes} * 60;
    const std::int64_t days = floor_div(local, seconds_per_day);
    const auto in_day = static_cast<int>(local - days * seconds_per_day);
    return LocalDateTime{civil_from_days(days), in_day / 3600, in_day / 60 % 60, in_day % 60};
}

Date today_in(const Zone& z) {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return to_local(static_cast<UnixSeconds>(now.time_since_epoch().count()), z).date;
}

// ---- Command-line input and ISO output

namespace {

// Exactly YYYY-MM-DD at the scanner's position.
bool read_iso_date(Scanner& sc, Date& d) {
    return sc.number(4, 4, d.year) && sc.take('-') && sc.number(2, 2, d.month) && sc.take('-') &&
           sc.number(2, 2, d.day) && is_valid_date(d.year, d.month, d.day);
}

} // namespace

std::optional<Date> parse_date(std::string_view s) {
    Scanner sc(s);
    Date d;
    if (!read_iso_date(sc, d) || !sc.at_end()) return std::nullopt;
    return d;
}

std::optional<LocalDateTime> parse_local_datetime(std::string_view s) {
    Scanner sc(s);
    LocalDateTime t;
    if (!read_iso_date(sc, t.date) || !(sc.take(' ') || sc.take('T'))) return std::nullopt;
    if (!sc.number(2, 2, t.hour) || !sc.take(':') || !sc.number(2, 2, t.minute)) return std::nullopt;
    if (sc.take(':') && !sc.number(2, 2, t.second)) return std::nullopt;
    if (!sc.at_end() || t.hour > 23 || t.minute > 59 || t.second > 59) return std::nullopt;
    return t;
}

namespace {

// "first-MM-last": the year (4 digits) and the day (2) on either side of the month.
std::string dashed_date(int first, int first_digits, int month, int last, int last_digits) {
    std::string out;
    out.reserve(10);
    append_number(out, first, first_digits);
    out += '-';
    append_number(out, month, 2);
    out += '-';
    append_number(out, last, last_digits);
    return out;
}

} // namespace

std::string format_date(Date d) {
    return dashed_date(d.year, 4, d.month, d.day, 2);
}

std::string format_date_dmy(Date d) {
    return dashed_date(d.day, 2, d.month, d.year, 4);
}

std::string format_datetime_offset(UnixSeconds t, const Zone& z) {
    const LocalDateTime local = to_local(t, z);
    std::string out = format_date(local.date);
    out.reserve(25);
    out += 'T';
    append_number(out, local.hour, 2);
    out += ':';
    append_number(out, local.minute, 2);
    out += ':';
    append_number(out, local.second, 2);
    append_offset(out, z.offset_minutes);
    return out;
}

// ---- Weeks and periods

Period week_of(Date d) {
    const Date monday = add_days(d, 1 - weekday(d));
    return Period{monday, add_days(monday, 6)};
}

Period last_complete_week(Date today) {
    const Date sunday = add_days(today, -weekday(today)); // the latest Sunday strictly before today
    return Period{add_days(sunday, -6), sunday};
}

namespace {

// The Monday of ISO week 1 of `year`: the week that contains 4 January.
std::int64_t iso_week_one_monday(int year) {
    const Date jan4{year, 1, 4};
    return days_from_civil(jan4) - (weekday(jan4) - 1);
}

} // namespace

int iso_weeks_in_year(int year) {
    return static_cast<int>((iso_week_one_monday(year + 1) - iso_week_one_monday(year)) / 7);
}

std::optional<Period> parse_iso_week(std::string_view s) {
    Scanner sc(s);
    int year = 0, week = 0;
    if (!sc.number(4, 4, year)) return std::nullopt;
    sc.take('-');
    if (!sc.take_either('W', 'w') || !sc.number(2, 2, week) || !sc.at_end()) return std::nullopt;
    if (week < 1 || week > iso_weeks_in_year(year)) return std::nullopt;
    const Date monday = civil_from_days(iso_week_one_monday(year) + std::int64_t{week - 1} * 7);
    return Period{monday, add_days(monday, 6)};
}

std::pair<UnixSeconds, UnixSeconds> period_bounds_utc(const Period& p, const Zone& z) {
    return {to_utc(LocalDateTime{p.from}, z), to_utc(LocalDateTime{add_days(p.to, 1)}, z)};
}

// ---- Human formatting

std::string day_name(int iso_weekday, Lang lang) {
    if (iso_weekday < 1 || iso_weekday > 7)
        throw std::out_of_range("day_name: weekday " + std::to_string(iso_weekday) + " is not in 1..7");
    const auto i = static_cast<std::size_t>(iso_weekday - 1);
    return std::string(lang == Lang::id ? day_names_id[i] : day_names_en[i]);
}

std::string month_name(int month, Lang lang) {
    if (month < 1 || month > 12)
        throw std::out_of_range("month_name: month " + std::to_string(month) + " is not in 1..12");
    const auto i = static_cast<std::size_t>(month - 1);
    return std::string(lang == Lang::id ? month_names_id[i] : month_names_en[i]);
}

namespace {

// "3 Maret" / "3 March".
std::string day_and_month(Date d, Lang lang) {
    return std::to_string(d.day) + " " + month_name(d.month, lang);
}

} // namespace

std::string human_date(Date d, Lang lang) {
    return day_name(weekday(d), lang) + ", " + day_and_month(d, lang) + " " + std::to_string(d.year);
}

std::string human_time(int hour, int minute, const Zone& z, Lang lang) {
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
        throw std::out_of_range("human_time: " + std::to_string(hour) + ":" + std::to_string(minute) +
                                " is not a time of day");
    std::string out = lang == Lang::id ? "pukul " : "";
    append_number(out, hour, 2);
    out += lang == Lang::id ? '.' : ':'; // Indonesian writes times with a period: 09.00
    append_number(out, minute, 2);
    out += ' ';
    out += z.abbrev;
    return out;
}

std::string human_period(const Period& p, Lang lang) {
    static constexpr std::string_view en_dash = "\xE2\x80\x93"; // U+2013 in UTF-8
    const std::string year_to = std::to_string(p.to.year);
    if (p.from == p.to) return day_and_month(p.to, lang) + " " + year_to;
    std::string out;
    if (p.from.year != p.to.year)
        out = day_and_month(p.from, lang) + " " + std::to_string(p.from.year);
    else if (p.from.month != p.to.month)
        out = day_and_month(p.from, lang);
    else
        out = std::to_string(p.from.day);
    out += en_dash;
    out += day_and_month(p.to, lang) + " " + year_to;
    return out;
}

std::string roman_month(int month) {
    static constexpr std::array<std::string_view, 12> numerals{"I",   "II",   "III", "IV", "V",  "VI",
                                                               "VII", "VIII", "IX",  "X",  "XI", "XII"};
    if (month < 1 || month > 12)
        throw std::out_of_range("roman_month: month " + std::to_string(month) + " is not in 1..12");
    return std::string(numerals[static_cast<std::size_t>(month - 1)]);
}

// ---- Platform export timestamps and durations

DayOrder detect_day_order(const std::vector<std::string_view>& samples) {
    const std::string_view* day_first = nullptr;   // the first value that only reads as day/month
    const std::string_view* month_first = nullptr; // the first value that only reads as month/day
    for (const std::string_view& sample : samples) {
        const std::optional<RawStamp> r = read_stamp(sample);
        if (!r || r->shape != DateShape::numeric) continue;
        if (!day_first && r->lead > 12 && r->lead <= 31 && r->next >= 1 && r->next <= 12)
            day_first = &sample;
        else if (!month_first && r->next > 12 && r->next <= 31 && r->lead >= 1 && r->lead <= 12)
            month_first = &sample;
        if (day_first && month_first) {
            const bool day_first_earlier = day_first < month_first;
            throw Error(tr("dates mix day/month orders: '{}' and '{}'",
                           trim_blanks(day_first_earlier ? *day_first : *month_first),
                           trim_blanks(day_first_earlier ? *month_first : *day_first)));
        }
    }
    if (day_first) return DayOrder::dmy;
    return month_first ? DayOrder::mdy : DayOrder::unknown;
}

std::optional<UnixSeconds> parse_export_time(std::string_view s, const Zone& z, DayOrder order) {
    std::optional<RawStamp> r = read_stamp(s);
    if (!r) return std::nullopt;
    if (r->shape == DateShape::numeric) resolve_day_order(s, *r, order);
    return utc_from_local(checked_local_time(s, *r), r->has_offset ? r->offset_minutes : z.offset_minutes);
}

std::optional<std::int64_t> parse_duration_seconds(std::string_view text) {
    const std::string_view s = trim_blanks(text);

    // Plain minutes: "176", "176.5", "176,5".
    {
        Scanner sc(s);
        int whole = 0, fraction = 0, digits = 0;
        if (sc.number(1, 9, whole)) {
            if (sc.at_end()) return std::int64_t{whole} * 60;
            if (sc.take_either('.', ',') && sc.number(1, 9, fraction, &digits) && sc.at_end()) {
                std::int64_t scale = 1;
                for (int i = 0; i < digits; ++i)
                    scale *= 10;
                return std::int64_t{whole} * 60 + (std::int64_t{fraction} * 60 + scale / 2) / scale;
            }
        }
    }

    // Clock: "1:02:03" (two fields are refused: H:MM and M:SS both occur).
    {
        Scanner sc(s);
        int h = 0, m = 0, sec = 0;
        if (sc.number(1, 9, h) && sc.take(':')) {
            if (sc.number(2, 2, m) && sc.take(':') && sc.number(2, 2, sec) && sc.at_end() && m < 60 &&
                sec < 60)
                return std::int64_t{h} * 3600 + m * 60 + sec;
            return std::nullopt;
        }
    }

    // Units, largest first, each once: "1h 2m 3s", "2 hr 56 min", "1 jam 30 menit".
    static constexpr KeyedNumber units[] = {
        {word_key("h"), 3600},    {word_key("hr"), 3600},    {word_key("hrs"), 3600},
        {word_key("hour"), 3600}, {word_key("hours"), 3600}, {word_key("jam"), 3600},
        {word_key("m"), 60},      {word_key("min"), 60},     {word_key("mins"), 60},
        {word_key("minute"), 60}, {word_key("minutes"), 60}, {word_key("menit"), 60},
        {word_key("mnt"), 60},    {word_key("s"), 1},        {word_key("sec"), 1},
        {word_key("secs"), 1},    {word_key("second"), 1},   {word_key("seconds"), 1},
        {word_key("detik"), 1},   {word_key("dtk"), 1},
    };
    Scanner sc(s);
    std::int64_t total = 0;
    int previous_unit = 3601;
    bool any = false;
    while (!sc.at_end()) {
        int amount = 0;
        if (!sc.number(1, 9, amount)) return std::nullopt;
        sc.blanks();
        const std::uint64_t key = word_key(sc.word());
        int unit = 0;
        for (const auto& u : units)
            if (key != 0 && key == u.key) unit = u.number;
        if (unit == 0 || unit >= previous_unit) return std::nullopt;
        previous_unit = unit;
        total += std::int64_t{amount} * unit;
        any = true;
        sc.take('.');
        sc.blanks();
    }
    if (!any) return std::nullopt;
    return total;
}

} // namespace asnbelajar
