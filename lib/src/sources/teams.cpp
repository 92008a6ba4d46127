// Microsoft Teams attendance report: UTF-16LE with BOM, tab-separated (the CSV reader converts and detects
// both), in numbered sections:
//   "1. Summary"                  key/value lines (title, start and end time, duration);
//   "2. Participants"             one row per person: Name, First Join, Last Leave, In-Meeting Duration
//                                 ("1h 2m 3s"), Email, Participant ID (UPN), Role;
//   "3. In-Meeting Activities"    one row per join: Name, Join Time, Leave Time, Duration, Email, Role.
// The per-join activities are read when present (exact rejoins); otherwise each participant's first join..last
// leave is a span with the in-meeting duration inside it.
//
// Roles: organizers and co-organizers run the event and never count. Presenters do not count either, except in
// a report without a single attendee: a meeting whose "who can present" was left at "everyone" makes every
// participant a presenter, and then they are the audience.
#include "source_impl.hpp"

#include "asnbelajar/i18n.hpp"

#include "asnbelajar/columns.hpp"
#include "asnbelajar/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace asnbelajar::sources {
namespace {

enum class Part { summary, participants, activities, other };
using Role = TeamsRole;

// "2. Participants" → participants; nullopt for a line that is no numbered title.
std::optional<Part> part_of(std::string_view title) {
    std::size_t digits = 0;
    while (digits < title.size() && text::is_digit(title[digits]))
        ++digits;
    if (digits == 0 || digits > 2 || digits >= title.size() || title[digits] != '.') return std::nullopt;
    const std::string t = normalize_header(title.substr(digits + 1));
    if (t.empty()) return std::nullopt;
    if (header_has_words(t, "summary") || header_has_words(t, "ringkasan")) return Part::summary;
    if (header_has_words(t, "activities") || header_has_words(t, "aktivitas")) return Part::activities;
    if (header_has_words(t, "participants") || header_has_words(t, "attendees") ||
        header_has_words(t, "peserta"))
        return Part::participants;
    return Part::other;
}

// One table section, kept whole: which of the two to read is known only at the end of the file.
struct SectionRows {
    std::optional<HeaderRow> table;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> lines;
    bool seen = false;
};

Fields as_row(const std::vector<std::string>& cells) {
    return Fields(cells.begin(), cells.end());
}

} // namespace

TeamsRole teams_role(std::string_view cell) {
    const std::string r = normalize_header(cell);
    for (std::string_view organizer :
         {"organizer", "organiser", "penyelenggara", "organisateur", "organizador"})
        if (header_has_words(r, organizer)) return TeamsRole::organizer;
    for (std::string_view presenter : {"presenter", "penyaji", "présentateur", "apresentador"})
        if (header_has_words(r, presenter)) return TeamsRole::presenter;
    return TeamsRole::attendee;
}

void add_teams_rows(Builder& b, const HeaderRow& table, const std::vector<std::vector<std::string>>& rows,
                    const std::vector<std::size_t>& lines, const std::vector<TeamsRole>& roles, Times times) {
    const bool any_attendee = std::find(roles.begin(), roles.end(), Role::attendee) != roles.end();
    std::size_t presenters = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        Fields r = as_row(rows[i]);
        if (roles[i] == Role::organizer || (roles[i] == Role::presenter && any_attendee)) {
            b.staff(table, r);
            continue;
        }
        presenters += roles[i] == Role::presenter;
        b.attendee(table, r, lines[i], times);
    }
    if (presenters)
        b.data().notes.push_back(
            trn("no participant has the attendee role: {} presenter counted as an attendee",
                "no participant has the attendee role: {} presenters counted as attendees", presenters,
                presenters));
}

// A numbered section title: "1. Summary", "2. Participants", "3. In-Meeting Activities".
bool detect_teams(std::string_view title, const HeaderRow&) {
    return !title.empty() && part_of(title).has_value();
}

ExportData read_teams(CsvReader& csv, Builder& b) {
    Fields row;
    std::optional<Part> part;
    SectionRows participants, activities;
    while (csv.next(row)) {
        if (is_blank(row)) continue;
        if (std::string_view title = title_of(row); !title.empty())
            if (std::optional<Part> p = part_of(title)) {
                part = *p;
                continue;
            }
        if (!part || *part == Part::other) continue;
        if (*part == Part::summary) {
            for (std::size_t i = 1; i < row.size(); ++i)
                b.vote(row[i]); // start and end times
            continue;
        }
        SectionRows& s = *part == Part::participants ? participants : activities;
        s.seen = true;
        if (!s.table) {
            s.table.emplace(row);
            if (!(s.table->has(Field::join) && s.table->has(Field::leave)))
                b.fail(
                    *part == Part::participants
                        ? tr("line {}: the participants header has no join and leave time columns (columns: {})",
                             csv.line(), s.table->columns())
                        : tr("line {}: the in-meeting activities header has no join and leave time columns "
                             "(columns: {})",
                             csv.line(), s.table->columns()));
            continue;
        }
        s.rows.emplace_back(row.begin(), row.end());
        s.lines.push_back(csv.line());
    }
    if (!participants.seen && !activities.seen)
        b.fail(_("no '2. Participants' or '3. In-Meeting Activities' section found"));

    // Roles come from the activities' own column, else from the participant with the same e-mail or name.
    std::unordered_map<std::string, Role> role_by_person;
    if (participants.table && participants.table->has(Field::role))
        for (const auto& cells : participants.rows) {
            Fields r = as_row(cells);
            Role role = teams_role(participants.table->cell(r, Field::role));
            for (Field f : {Field::email, Field::name})
                if (std::string key = normalize_header(participants.table->cell(r, f)); !key.empty())
                    role_by_person.emplace(std::move(key), role);
        }
    const bool per_join = !activities.rows.empty();
    const SectionRows& used = per_join ? activities : participants;
    const HeaderRow& table = *used.table;
    auto role_in = [&](const Fields& r) {
        if (table.has(Field::role)) return teams_role(table.cell(r, Field::role));
        for (Field f : {Field::email, Field::name}) {
            std::string key = normalize_header(table.cell(r, f));
            auto it = key.empty() ? role_by_person.end() : role_by_person.find(key);
            if (it != role_by_person.end()) return it->second;
        }
        return Role::attendee;
    };
    std::vector<Role> roles;
    roles.reserve(used.rows.size());
    for (const auto& cells : used.rows)
        roles.push_back(role_in(as_row(cells)));
    if (!per_join)
        b.data().notes.push_back(_("no in-meeting activities: each participant's first join, last leave and "
                                   "in-meeting duration used"));
    add_teams_rows(b, table, used.rows, used.lines, roles, per_join ? Times::per_join : Times::span);
    return b.finish();
}

} // namespace asnbelajar::sources
