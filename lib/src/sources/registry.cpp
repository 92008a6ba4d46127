// The registry of export layouts: one row per layout, its reader and detector defined in the layout's own file.
// Everything that names the layouts reads this table: detect_export (rows in order, first match wins),
// read_export, --source and its --help, the message for an unrecognised file, tests/cli/test_docs.sh (through
// `attend --help`), the bash completion (likewise) and the fuzz targets (tests/CMakeLists.txt makes one per
// `.name` below, so keep each row's `.name = "…"` on one line).
//
// A new layout: a file lib/src/sources/NAME.cpp defining detect_NAME and read_NAME, their declarations here and
// one row. Its position is its priority in detection: put it before any layout whose detector would also
// accept its files.
#include "source_impl.hpp"

#include "asnbelajar/i18n.hpp"

#include <algorithm>

namespace asnbelajar::sources {

// Defined in zoom_webinar.cpp, zoom_meeting.cpp, teams.cpp, teams_2021.cpp, teams_list.cpp, meet.cpp and
// plain_csv.cpp.
bool detect_zoom_webinar(std::string_view title, const HeaderRow& t);
ExportData read_zoom_webinar(CsvReader& csv, Builder& b);
bool detect_zoom_meeting(std::string_view title, const HeaderRow& t);
ExportData read_zoom_meeting(CsvReader& csv, Builder& b);
bool detect_teams(std::string_view title, const HeaderRow& t);
ExportData read_teams(CsvReader& csv, Builder& b);
bool detect_teams_2021(std::string_view title, const HeaderRow& t);
ExportData read_teams_2021(CsvReader& csv, Builder& b);
bool detect_teams_list(std::string_view title, const HeaderRow& t);
ExportData read_teams_list(CsvReader& csv, Builder& b);
bool detect_meet(std::string_view title, const HeaderRow& t);
ExportData read_meet(CsvReader& csv, Builder& b);
bool detect_plain_csv(std::string_view title, const HeaderRow& t);
ExportData read_plain_csv(CsvReader& csv, Builder& b);

namespace {

constexpr ExportSource registry[] = {
    {.name = "zoom-webinar",
     .family = "zoom",
     .label = N_("Zoom webinar attendee report"),
     .expected = N_("a Zoom webinar attendee report (title 'Attendee Report', sections 'Host Details', "
                    "'Attendee Details', 'Other Attended')"),
     .flat = false,
     .detect = detect_zoom_webinar,
     .read = read_zoom_webinar},
    {.name = "zoom-meeting",
     .family = "zoom",
     .label = N_("Zoom meeting participants export"),
     .expected =
         N_("a Zoom meeting participants export (columns 'Name (Original Name)', 'User Email', 'Join "
            "Time', 'Leave Time', 'Duration (Minutes)', 'Guest'; or, with unique users, 'Total Duration "
            "(Minutes)')"),
     .flat = true,
     .detect = detect_zoom_meeting,
     .read = read_zoom_meeting},
    {.name = "teams",
     .family = "teams",
     .label = N_("Microsoft Teams attendance report"),
     .expected = N_("a Microsoft Teams attendance report (sections '1. Summary', '2. Participants', '3. "
                    "In-Meeting Activities')"),
     .flat = false,
     .detect = detect_teams,
     .read = read_teams},
    {.name = "teams-2021",
     .family = "teams",
     .label = N_("Microsoft Teams attendance report of 2021"),
     .expected =
         N_("a Microsoft Teams attendance report of 2021 (a 'Meeting Summary' block, then columns 'Full "
            "Name', 'Join Time', 'Leave Time', 'Duration', 'Email')"),
     .flat = false,
     .detect = detect_teams_2021,
     .read = read_teams_2021},
    {.name = "teams-list",
     .family = "teams",
     .label = N_("Microsoft Teams attendance list (2020-2021)"),
     .expected = N_("a Microsoft Teams attendance list (2020-2021): columns 'Full Name', 'User Action', "
                    "'Timestamp'"),
     .flat = false,
     .detect = detect_teams_list,
     .read = read_teams_list},
    {.name = "meet",
     .family = "meet",
     .label = N_("Google Meet attendance export"),
     .expected =
         N_("a Google Meet attendance export (columns 'Name', 'Email', 'Duration', 'Time joined', 'Time "
            "exited'; or 'Full Name', 'First Seen', 'Time in Call')"),
     .flat = true,
     .detect = detect_meet,
     .read = read_meet},
    {.name = "csv",
     .family = "csv",
     .label = N_("plain attendance CSV"),
     .expected = N_("a CSV with a NIP, e-mail or phone column (and optionally minutes, or join and leave)"),
     .flat = true,
     .detect = detect_plain_csv,
     .read = read_plain_csv},
};

} // namespace

std::span<const ExportSource> export_sources() {
    return registry;
}

const ExportSource* find_source(std::string_view name) {
    for (const ExportSource& s : registry)
        if (s.name == name) return &s;
    return nullptr;
}

std::vector<std::string_view> source_choices() {
    std::vector<std::string_view> choices{"auto"};
    for (const ExportSource& s : registry)
        if (std::find(choices.begin(), choices.end(), s.family) == choices.end()) choices.push_back(s.family);
    return choices;
}

} // namespace asnbelajar::sources
