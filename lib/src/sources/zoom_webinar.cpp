// Zoom webinar "Attendee Report": preamble lines (the title, "Report Generated:", the webinar's meta header and
// its values), then sections "Host Details", "Panelist Details" and "Attendee Details", each a title line, its
// own header and one row per join (a rejoin or a second device is another row). Only the attendee section
// counts; registered no-shows say Attended = No. Registration questions are extra columns (a NIP question is
// found by the NIP aliases); translated headers are found by the shared aliases.
#include "source_impl.hpp"

#include "asnbelajar/columns.hpp"

#include <fmt/format.h>

namespace asnbelajar::sources {
namespace {

enum class Section { preamble, attendees, staff, other };

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
    if (!has_any(t, {"details", "detail", "rincian"})) return std::nullopt;
    if (has_any(t, {"host", "co host", "panelist", "panelists", "panelis", "tuan rumah", "narasumber"}))
        return Section::staff;
    if (has_any(t, {"attendee", "attendees", "peserta", "participant", "participants"}))
        return Section::attendees;
    return Section::other;
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
    std::vector<std::string> titles, unknown_titles;
    bool attendee_section = false;
    std::size_t other_rows = 0;
    while (csv.next(row)) {
        if (is_blank(row)) continue;
        // A new title starts a section; blank lines alone do not end one.
        if (std::string_view title = title_of(row); !title.empty()) {
            if (std::optional<Section> s = section_of(title)) {
                section = *s;
                table.reset();
                if (section != Section::preamble) titles.emplace_back(title);
                attendee_section |= section == Section::attendees;
                continue;
            }
            if (section == Section::preamble || !table) {
                unknown_titles.emplace_back(title);
                continue;
            }
        }
        if (section == Section::preamble) continue;
        if (!table) {
            table.emplace(row);
            if (section == Section::attendees && !(table->has(Field::join) && table->has(Field::leave)))
                b.fail(
                    fmt::format("line {}: the attendee section's header has no join and leave time columns "
                                "(columns: {})",
                                csv.line(), table->columns()));
            continue;
        }
        switch (section) {
        case Section::attendees: b.attendee(*table, row, csv.line(), Times::per_join); break;
        case Section::staff: b.staff(*table, row); break;
        default: b.skipped(); ++other_rows;
        }
    }
    if (!attendee_section)
        b.data().notes.push_back(
            fmt::format("no attendee section (sections found: {}{})",
                        titles.empty() ? "none" : fmt::format("{}", fmt::join(titles, ", ")),
                        unknown_titles.empty()
                            ? ""
                            : fmt::format("; other title lines: {}", fmt::join(unknown_titles, ", "))));
    if (other_rows)
        b.data().notes.push_back(fmt::format("{} rows of other sections passed over", other_rows));
    return b.finish();
}

} // namespace asnbelajar::sources
