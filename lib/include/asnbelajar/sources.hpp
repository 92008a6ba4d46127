// Platform attendance exports: one reader per layout (Zoom webinar attendee report, Zoom meeting participants
// export, Microsoft Teams attendance report, Google Meet attendance, plain CSV) and the detector behind
// `attend --source auto`. Readers only read: they never touch the store and never print.
#pragma once

#include "asnbelajar/time.hpp"

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar::sources {

enum class ExportKind { zoom_webinar, zoom_meeting, teams, meet, csv };

// "zoom-webinar", "zoom-meeting", "teams", "meet", "csv": the source stored with each mark.
std::string_view to_string(ExportKind kind);
// "Zoom webinar attendee report", …: for messages.
std::string_view export_label(ExportKind kind);

// What `--source` names: auto, or a family of layouts (zoom = the webinar report and the meeting export).
enum class SourceChoice { auto_detect, zoom, teams, meet, csv };
// "auto", "zoom", "teams", "meet", "csv"; nullopt otherwise.
std::optional<SourceChoice> parse_source_choice(std::string_view text);

// One attendee row of an export. What the row says about presence:
//   join and leave                -> one interval (a rejoin or a second device is another row);
//   join, leave and seconds       -> a span: first join..last leave with the time present inside it;
//   seconds only                  -> a duration;
//   nothing                       -> a self-declared attendance (plain CSV without time columns).
struct ExportRecord {
    std::string nip, email, phone, name;    // as written, trimmed; matching normalises them
    std::optional<UnixSeconds> join, leave; // both or neither; leave >= join
    std::optional<std::int64_t> seconds;    // time present as the source totals it
    std::size_t line = 0;                   // 1-based physical line in the file
};

struct ReadOptions {
    Zone zone = find_zone("Asia/Jakarta"); // times without their own offset are local time here (--tz)
    DayOrder order = DayOrder::unknown;    // --date-order; unknown: decided from the file's dates
    // The session's local date. When the file's numeric dates fit both day/month orders, the order that puts
    // every join on (or next to) this date wins. Google Meet times without a date are taken on this date.
    std::optional<Date> session_date;
};

struct ExportData {
    std::string name; // the file as named in messages ("<stdin>" for standard input)
    ExportKind kind = ExportKind::csv;
    std::vector<ExportRecord> records; // attendee rows, in file order
    std::size_t rows = 0;              // data rows read, in every section (headers and titles not counted)
    std::size_t staff_rows = 0; // hosts, panelists, organizers (and presenters, see docs): not attendees
    std::size_t no_shows = 0;   // rows of people who did not attend (Attended = No, no times)
    DayOrder order = DayOrder::unknown; // the order numeric dates were read in (unknown: none needed one)
    std::vector<std::string> notes;     // how the file was read, worth telling the user
};

// The layout of the export in `in`, from its first records (the stream is read, not rewound). Throws Error
// "NAME: not a recognised attendance export" with the first line and the header seen and the layouts
// expected; for an empty input, "NAME is empty".
ExportKind detect_export(std::istream& in, const std::string& name);

// Reads an export of layout `kind` from `in`. Throws Error (positions as "NAME:LINE") for: a table without
// the columns its layout needs, rows that cannot be read (up to 20 listed: an unreadable time, a join without
// a leave, a leave before the join, an Attended value that is neither yes nor no), dates whose day/month order
// cannot be decided (the message names --date-order), and CSV errors.
ExportData read_export(std::istream& in, const std::string& name, ExportKind kind, const ReadOptions& opts);

// Reads the export in file `path` ("-" = standard input): detects its layout, which must agree with `choice`
// (an explicit choice reads a file detection cannot place with that layout's reader), then reads it.
// Throws Error as detect_export and read_export do, "cannot open PATH: reason", and, for a layout that
// contradicts `choice`, a message naming both.
ExportData read_export_file(const std::string& path, SourceChoice choice, const ReadOptions& opts);

} // namespace asnbelajar::sources
