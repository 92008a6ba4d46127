// Zoom webinar "Attendee Report": preamble lines (the title, "Report Generated:", the webinar's meta header and
// its values), then sections "Host Details", "Panelist Details", "Attendee Details" and "Other Attended", each
// a title line, its own header and one row per join (a rejoin or a second device is another row). Attendees
// count; registered no-shows say Attended = No. "Other Attended" lists people who joined without registering
// (User Name, Join Time, Leave Time, Time in Session (minutes), Country/Region Name: no e-mail), with times
// like "Mar 28, 2020 2:20 PM". Registration questions are extra columns (a NIP question is found by the NIP
// aliases); translated headers are found by the shared aliases. Newer reports pad every line with commas to
// the width of the widest table ("Host Details,,,,,,"): a title is a line whose first cell alone is filled.
// Any other title starts a section this reader does not know: its rows are passed over, with a note naming
// it, and never read as rows of the section before.
#include "source_impl.hpp"

#include "asnbelajar/i18n.hpp"

#include "asnbelajar/columns.hpp"

#include <fmt/format.h>

namespace asnbelajar::sources {
namespace {

enum class Section { preamble, attendees, others, staff, unknown };

bool has_any(std::string_view normalized, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words)
        if (header_has_words(normalized, w)) return true;
    return false;
}

// nullopt: not a section title of this layout.
std::optional<Section> section_of(std::string_view title) {
    const std::string t = normalize_header(title);
    if (t == "attendee report" || t == "laporan peserta" || has_any(t, {"webinar report", "laporan webinar"}))
        return Section::preamble;
    if (t == "other attended" || t == "other attendees" || t == "peserta lain" || t == "hadir lainnya")
        return Section::others;
    if (!has_any(t, {"details", "detail", "rincian"})) return std::nullopt;
    if (has_any(t, {"host", "co host", "panelist", "panelists", "panelis", "tuan rumah", "narasumber"}))
        return Section::staff;
    if (has_any(t, {"attendee", "attendees", "peserta", "participant", "participants"}))
        return Section::attendees;
    return Section::unknown;
}

// A line whose first cell alone is filled, in a table whose rows it cannot be: a title. ("Yes" alone would be
// an Attended column's row with its other cells lost; it is read as one, and refused there.)
bool is_title_line(std::string_view title, const std::optional<HeaderRow>& table) {
    if (title.empty()) return false;
    if (!table || !table->has(Field::attended)) return true;
    const std::string t = normalize_header(title);
    return t != "yes" && t != "no" && t != "ya" && t != "tidak";
}

} // namespace

// A section title of this layout, or the webinar's meta header ("Topic,Webinar ID,…").
bool detect_zoom_webinar(std::string_view title, const HeaderRow& t) {
    return (!title.empty() && section_of(title).has_value()) || t.find("webinar id") >= 0;
}

ExportData read_zoom_webinar(CsvReader& csv, Builder& b) {
    Fields row;
    Section section = Section::preamble;
    std::optional<HeaderRow> table;
    std::vector<std::string> titles, preamble_titles;
    std::vector<std::pair<std::string, std::size_t>> unknown; // title, rows passed over
    bool attendee_section = false;
    std::size_t others_without_identity = 0;
    while (csv.next(row)) {
        if (is_blank(row)) continue;
        // A new title starts a section; blank lines alone do not end one.
        if (std::string_view title = title_of(row); is_title_line(title, table)) {
            std::optional<Section> s = section_of(title);
            if (!s && section == Section::preamble) { // a line of the preamble
                preamble_titles.emplace_back(title);
                continue;
            }
            section = s.value_or(Section::unknown);
            table.reset();
            if (section == Section::preamble) continue;
            titles.emplace_back(title);
            if (section == Section::unknown) unknown.emplace_back(std::string(title), 0);
            attendee_section |= section == Section::attendees || section == Section::others;
            continue;
        }
        if (section == Section::preamble) continue;
        if (!table) {
            table.emplace(row);
            const bool attendees = section == Section::attendees || section == Section::others;
            if (attendees && !(table->has(Field::join) && table->has(Field::leave)))
                b.fail(
                    tr("line {}: the header of section '{}' has no join and leave time columns (columns: {})",
                       csv.line(), titles.back(), table->columns()));
            continue;
        }
        switch (section) {
        case Section::attendees: b.attendee(*table, row, csv.line(), Times::per_join); break;
        case Section::others:
            if (b.attendee(*table, row, csv.line(), Times::per_join))
                others_without_identity += !table->has_identity();
            break;
        case Section::staff: b.staff(*table, row); break;
        default: b.skipped(); ++unknown.back().second;
        }
    }
    if (!attendee_section) {
        const std::string found = titles.empty() ? _("none") : fmt::format("{}", fmt::join(titles, ", "));
        b.data().notes.push_back(preamble_titles.empty()
                                     ? tr("no attendee section (sections found: {})", found)
                                     : tr("no attendee section (sections found: {}; other title lines: {})",
                                          found, fmt::join(preamble_titles, ", ")));
    }
    for (const auto& [title, rows] : unknown)
        b.data().notes.push_back(trn(
            "section '{}' is not one this reader knows: its {} row was passed over",
            "section '{}' is not one this reader knows: its {} rows were passed over", rows, title, rows));
    if (others_without_identity)
        b.data().notes.push_back(
            trn("section 'Other Attended': {} row of a person who joined without registering, named only (no "
                "e-mail)",
                "section 'Other Attended': {} rows of people who joined without registering, named only (no "
                "e-mail)",
                others_without_identity, others_without_identity));
    return b.finish();
}

} // namespace asnbelajar::sources
