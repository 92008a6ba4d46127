// Zoom meeting participants export: flat, one row per join, no Attended column:
//   Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
// Exported "with meeting data", it starts with a meeting header ("Meeting ID,Topic,Start Time,…"), its values
// and a blank line. Newer exports add "In Waiting Room": time spent there is no presence.
#include "source_impl.hpp"

namespace asnbelajar::sources {
namespace {

bool has_join_and_leave(const HeaderRow& t) {
    return t.has(Field::join) && t.has(Field::leave);
}

} // namespace

// A participants header (join and leave, and Zoom's own marks: "Name (Original Name)", "Guest", "In Waiting
// Room"), or the meeting-data header some exports put first ("Meeting ID,Topic,Start Time,…").
bool detect_zoom_meeting(std::string_view, const HeaderRow& t) {
    const bool participants = has_join_and_leave(t) &&
                              (t.original_names() || t.find("guest") >= 0 || t.find("in waiting room") >= 0);
    const bool meeting_data = t.find("meeting id") >= 0 && t.find("topic") >= 0;
    return meeting_data || participants;
}

ExportData read_zoom_meeting(CsvReader& csv, Builder& b) {
    FlatLayout layout;
    layout.is_header = has_join_and_leave; // also the flat exports without Zoom's own columns (--source zoom)
    layout.max_preamble = 2;
    layout.times = Times::per_join;
    layout.skip_if_yes = "in waiting room";
    layout.expected = "Zoom participants (Name (Original Name), User Email, Join Time, Leave Time)";
    return read_flat(csv, b, layout);
}

} // namespace asnbelajar::sources
