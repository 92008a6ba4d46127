// Zoom meeting participants export: flat, no Attended column, in two shapes:
//   Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest       one row per join
//   Name (Original Name),User Email,Total Duration (Minutes),Guest                      "Show unique users":
//                                                                                      one row per person
//                                                                                      and device, minutes only
// Exported "with meeting data", it starts with a meeting header ("Meeting ID,Topic,Start Time,…"), its one
// row of values (the meeting, never an attendee) and a blank line. Some exports end every line with a comma,
// and start with a byte-order mark. Newer exports add "In Waiting Room": time spent there is no presence.
#include "source_impl.hpp"

#include "asnbelajar/i18n.hpp"

namespace asnbelajar::sources {
namespace {

// A participants table: join and leave times, or minutes present for a person.
bool is_participants_header(const HeaderRow& t) {
    if (t.has(Field::join) && t.has(Field::leave)) return true;
    return t.has(Field::minutes) && (t.has(Field::name) || t.has(Field::email)) && !is_meeting_data_header(t);
}

} // namespace

// A participants header with Zoom's own marks ("Name (Original Name)", "Guest", "In Waiting Room"), or the
// meeting-data header some exports put first ("Meeting ID,Topic,Start Time,…").
bool detect_zoom_meeting(std::string_view, const HeaderRow& t) {
    const bool participants = is_participants_header(t) &&
                              (t.original_names() || t.find("guest") >= 0 || t.find("in waiting room") >= 0);
    return is_meeting_data_header(t) || participants;
}

ExportData read_zoom_meeting(CsvReader& csv, Builder& b) {
    FlatLayout layout;
    layout.is_header = is_participants_header; // also flat exports without Zoom's own columns (--source zoom)
    layout.max_preamble = 2;
    layout.times = Times::per_join;
    layout.skip_if_yes = "in waiting room";
    layout.expected =
        N_("Zoom participants ('Name (Original Name)', 'User Email', 'Join Time', 'Leave Time' or "
           "'Total Duration (Minutes)')");
    return read_flat(csv, b, layout);
}

} // namespace asnbelajar::sources
