// Google Meet attendance export: a sheet with one row per person, their name (or first and last name), e-mail,
// first seen and last seen, and total time in call ("1 hr 25 min", "2:56:00"). Variants name the times
// "Time joined" / "Time exited" and the total "Duration"; some give times of day only, which are on the
// session's date. A person who left and came back is still one row: first seen..last seen is a span, and the
// time in call is what was inside it.
#include "source_impl.hpp"

namespace asnbelajar::sources {

// Google Meet's columns: first seen, last seen, time in call (or time joined, time exited).
bool detect_meet(std::string_view, const HeaderRow& t) {
    for (const char* h : {"first seen", "last seen", "time in call", "total time in call", "time joined",
                          "time exited", "duration in call"})
        if (t.find(h) >= 0) return true;
    return false;
}

namespace {
bool is_table(const HeaderRow& t) {
    const bool times = (t.has(Field::join) && t.has(Field::leave)) || t.has(Field::minutes);
    const bool person = t.has(Field::email) || t.has(Field::name) || t.has(Field::first_name);
    return times && person;
}
} // namespace

ExportData read_meet(CsvReader& csv, Builder& b) {
    b.allow_time_only();
    FlatLayout layout;
    layout.is_header = is_table;
    layout.max_preamble = 3; // a title or two above the sheet
    layout.times = Times::span;
    layout.expected = "Google Meet attendance (Name, Email, First seen, Last seen, Time in call)";
    return read_flat(csv, b, layout);
}

} // namespace asnbelajar::sources
