// Microsoft Teams attendance report of 2021 (meetingAttendanceReport.csv): UTF-16LE with BOM, tab-separated, a
// "Meeting Summary" block of key/value lines, a blank line, then one table with a row per join:
//   Meeting Summary
//   Total Number of Participants<TAB>36
//   Meeting Title<TAB>General
//   Meeting Start Time<TAB>"4/13/2021, 2:50:01 PM"
//   Meeting End Time<TAB>"4/13/2021, 3:14:50 PM"
//
//   Full Name<TAB>Join Time<TAB>Leave Time<TAB>Duration<TAB>Email[<TAB>Role[<TAB>Participant ID (UPN)]]
// Some copies pad every line with tabs to the table's width and quote the times. The French client writes
// "Résumé de la réunion", "Nom complet", "Heure d'arrivée", "Heure de départ", "Durée", "Rôle", dates
// "13/04/2021 à 09:01:31" and durations "2 h 44 m" with no-break spaces. Roles count as in teams.cpp.
#include "source_impl.hpp"

#include "asnbelajar/i18n.hpp"

#include "asnbelajar/columns.hpp"

#include <fmt/format.h>

namespace asnbelajar::sources {
namespace {

bool is_summary_title(std::string_view title) {
    const std::string t = normalize_header(title);
    return t == "meeting summary" || t == "résumé de la réunion" || t == "resumo da reunião" ||
           t == "ringkasan rapat";
}

// The first key of the summary block, for a copy whose title line was lost.
bool is_summary_key(const HeaderRow& t) {
    return t.find("total number of participants") >= 0 || t.find("nombre total de participants") >= 0;
}

bool is_table(const HeaderRow& t) {
    return t.has(Field::join) && t.has(Field::leave) && (t.has(Field::name) || t.has(Field::email));
}

} // namespace

bool detect_teams_2021(std::string_view title, const HeaderRow& t) {
    return (!title.empty() && is_summary_title(title)) || is_summary_key(t);
}

ExportData read_teams_2021(CsvReader& csv, Builder& b) {
    Fields row;
    std::optional<HeaderRow> table;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> lines;
    std::vector<TeamsRole> roles;
    while (csv.next(row)) {
        if (is_blank(row)) continue;
        if (!table) {
            HeaderRow candidate(row);
            if (is_table(candidate)) {
                table = std::move(candidate);
                continue;
            }
            for (std::size_t i = 1; i < row.size(); ++i)
                b.vote(row[i]); // the meeting's start and end times
            continue;
        }
        rows.emplace_back(row.begin(), row.end());
        lines.push_back(csv.line());
        roles.push_back(table->has(Field::role) ? teams_role(table->cell(row, Field::role))
                                                : TeamsRole::attendee);
    }
    if (!table)
        b.fail(
            _("no participants table ('Full Name', 'Join Time', 'Leave Time', 'Duration', 'Email') after the "
              "'Meeting Summary' block"));
    add_teams_rows(b, *table, rows, lines, roles, Times::per_join);
    b.data().names_only = !table->has_identity();
    return b.finish();
}

} // namespace asnbelajar::sources
