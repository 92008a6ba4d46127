// Microsoft Teams attendance list of 2020-2021 (meetingAttendanceList.csv, "Download attendance list"): UTF-16LE
// with BOM, tab-separated, one line per event, grouped by person rather than by time:
//   Full Name<TAB>User Action<TAB>Timestamp
//   ARIF BUDIMAN<TAB>Joined<TAB>9/3/2020, 2:41:55 PM
//   CITRA KIRANA<TAB>Joined before<TAB>9/3/2020, 2:41:55 PM
//   DODI SETIAWAN<TAB>Left<TAB>9/3/2020, 2:58:10 PM
// Actions: Joined, Joined before (present when the list began), Left; in Portuguese Entrou and Saiu.
// Timestamps follow the account's locale: "9/3/2020, 2:41:55 PM", day-first "11/12/2020, 12:27:24",
// "09/03/2021 07:59:50", two-digit years, sometimes quoted. A person's intervals are their joins to their leaves
// (Builder::event: a join still open at the end lasts to the session's end). The list names people only: it is
// matched by name (attend --match-names), or by a NIP written in the name.
#include "source_impl.hpp"

#include "asnbelajar/i18n.hpp"

#include "asnbelajar/columns.hpp"
#include "asnbelajar/normalize.hpp"

#include <fmt/format.h>

namespace asnbelajar::sources {
namespace {

int action_column(const HeaderRow& t) {
    for (const char* h : {"user action", "action", "atividade"})
        if (int i = t.find(h); i >= 0) return i;
    return -1;
}

int time_column(const HeaderRow& t) {
    for (const char* h : {"timestamp", "time stamp", "data e hora", "date and time"})
        if (int i = t.find(h); i >= 0) return i;
    return -1;
}

std::optional<Event> event_of(std::string_view action) {
    const std::string a = normalize_header(action);
    if (a == "joined" || a == "joined before" || a == "entrou" || a == "entrou antes") return Event::join;
    if (a == "left" || a == "saiu") return Event::leave;
    return std::nullopt;
}

} // namespace

// "Full Name, User Action, Timestamp".
bool detect_teams_list(std::string_view, const HeaderRow& t) {
    return t.has(Field::name) && action_column(t) >= 0 && time_column(t) >= 0;
}

ExportData read_teams_list(CsvReader& csv, Builder& b) {
    Fields row;
    std::optional<HeaderRow> table;
    int action = -1, stamp = -1;
    while (csv.next(row)) {
        if (is_blank(row)) continue;
        if (!table) {
            HeaderRow candidate(row);
            if (!detect_teams_list({}, candidate))
                b.fail(tr(
                    "line {}: no attendance list header ('Full Name', 'User Action', 'Timestamp') but '{}'",
                    csv.line(), csv.raw().substr(0, 200)));
            action = action_column(candidate);
            stamp = time_column(candidate);
            table = std::move(candidate);
            continue;
        }
        const std::string_view name = table->cell(row, Field::name);
        const std::string_view what = HeaderRow::cell_at(row, action);
        const std::optional<Event> kind = event_of(what);
        if (name.empty() || !kind) {
            b.skipped();
            if (name.empty())
                b.problem(csv.line(), table->written(Field::name), _("no name"));
            else
                b.problem(
                    csv.line(), table->written_at(action),
                    tr("'{}' is not an action of the list ('Joined', 'Joined before' or 'Left')", what));
            continue;
        }
        ExportRecord person;
        person.name = clean_text(name);
        person.line = csv.line();
        b.event(std::move(person), *kind, HeaderRow::cell_at(row, stamp), table->written_at(stamp));
    }
    if (!table) b.fail(_("the file is empty"));
    b.data().names_only = !table->has_identity();
    return b.finish();
}

} // namespace asnbelajar::sources
