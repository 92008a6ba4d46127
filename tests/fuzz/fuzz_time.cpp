// The parsers of platform-export timestamps and durations (parse_export_time, parse_duration_seconds,
// detect_day_order) and of command-line dates, on arbitrary text: they return a value, nullopt, or throw
// asnbelajar::Error, and never crash, overflow or throw anything else.
#include "fuzz_check.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/time.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

using namespace asnbelajar;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte chooses the zone and the day/month order.
    static const Zone zones[4] = {find_zone("Asia/Jakarta"), find_zone("UTC"), find_zone("Asia/Jayapura"),
                                  find_zone("-03:30")};
    static constexpr DayOrder orders[3] = {DayOrder::unknown, DayOrder::mdy, DayOrder::dmy};
    const Zone& zone = zones[data[0] & 3U];
    const DayOrder order = orders[(data[0] >> 2) % 3];
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

    try {
        if (auto t = parse_export_time(text, zone, order)) {
            const LocalDateTime local = to_local(*t, zone);
            FUZZ_REQUIRE(local.hour >= 0 && local.hour < 24 && local.minute >= 0 && local.minute < 60);
        }
    } catch (const Error&) {
    }

    if (auto seconds = parse_duration_seconds(text)) FUZZ_REQUIRE(*seconds >= 0);

    // Lines as the timestamps of one file.
    std::vector<std::string_view> samples;
    for (std::size_t from = 0; from <= text.size();) {
        std::size_t to = text.find('\n', from);
        if (to == std::string_view::npos) to = text.size();
        samples.push_back(text.substr(from, to - from));
        from = to + 1;
    }
    try {
        const DayOrder decided = detect_day_order(samples);
        // Reading every sample in the decided order never meets an undecidable date.
        if (decided != DayOrder::unknown)
            for (std::string_view s : samples)
                try {
                    (void)parse_export_time(s, zone, decided);
                } catch (const Error& e) {
                    FUZZ_REQUIRE(std::string_view(e.what()).find("--date-order") == std::string_view::npos);
                }
    } catch (const Error&) {
    }

    if (auto d = parse_date(text)) {
        FUZZ_REQUIRE(is_valid_date(d->year, d->month, d->day));
        FUZZ_REQUIRE(parse_date(format_date(*d)) == d);
        FUZZ_REQUIRE(civil_from_days(days_from_civil(*d)) == *d);
    }
    if (auto t = parse_local_datetime(text))
        FUZZ_REQUIRE(is_valid_date(t->date.year, t->date.month, t->date.day));
    if (auto w = parse_iso_week(text)) FUZZ_REQUIRE(weekday(w->from) == 1 && add_days(w->from, 6) == w->to);
    try {
        (void)find_zone(text);
    } catch (const Error&) {
    }
    return 0;
}
