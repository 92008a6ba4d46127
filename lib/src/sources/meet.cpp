// Google Meet attendance report (Google Workspace: a Sheet mailed to the organiser, downloaded as CSV). No real
// export was available to this project; the layout follows the public descriptions listed in
// tests/data/attendance/SOURCES.md, in two column families:
//   Name,Email,Duration,Time joined,Time exited      (also First name / Last name; "First seen" / "Last seen"
//                                                    with "Time in call"): one row per person. A person who
//                                                    left and came back is still one row: first..last is a
//                                                    span, and the duration is what was inside it;
//   Full Name,First Seen,Time in Call                after a few lines about the meeting ("Meet", "Meeting
//                                                    code: abc-defg-hij", "Created on …", "Ended on …"): a
//                                                    join and a total and no leave: the interval from the
//                                                    first time seen for the time in call. Names only: such
//                                                    a file is matched by name (attend --match-names).
// Durations read as "1 hr 25 min", "42m", "2:56:00"; times of day without a date are on the session's date.
#include "source_impl.hpp"

#include "asnbelajar/i18n.hpp"

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
    layout.max_preamble = 5; // a title, the meeting code, its start and end
    layout.times = Times::span;
    layout.join_and_duration = true;
    layout.expected =
        N_("Google Meet attendance ('Name', 'Email', 'First seen', 'Last seen', 'Time in call')");
    return read_flat(csv, b, layout);
}

} // namespace asnbelajar::sources
