// Platform attendance exports: the registry of layouts (Zoom webinar attendee report, Zoom meeting participants
// export, Microsoft Teams attendance report, Google Meet attendance, plain CSV), each with its reader and its
// detector behind `attend --source auto`. Readers only read: they never touch the store and never print.
#pragma once

#include "asnbelajar/time.hpp"

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar {
class CsvReader;
}

namespace asnbelajar::sources {

struct ExportData;
class Builder;   // private to lib/src/sources/ (source_impl.hpp): turns a layout's rows into ExportData
class HeaderRow; // private to lib/src/sources/: a record read as a table header

// One layout of platform export: a row of the registry (lib/src/sources/registry.cpp). Detection, --source,
// its --help, the message for an unrecognised file, the docs checks, the bash completion and the fuzz targets
// all read the registry; a new layout is one reader file and one row.
struct ExportSource {
    // Stored with each mark of the export (AttendanceMark::source): "zoom-webinar".
    std::string_view name;
    // The --source value that reads this layout: "zoom" (the webinar report and the meeting export).
    std::string_view family;
    // For messages ("read FILE as a LABEL") and --help: "Zoom webinar attendee report".
    std::string_view label;
    // What a file of this layout looks like, as the message for an unrecognised file lists it: "a Zoom
    // webinar attendee report (title 'Attendee Report', sections 'Host Details' and 'Attendee Details')".
    std::string_view expected;
    // One header, then rows. A file detected as one flat layout can be read with the reader of another (an
    // explicit --source naming that one's family); a sectioned report is read only as itself.
    bool flat = false;
    // detect_export: whether one of the first records of a file says it is of this layout. `title` is the
    // text of a record whose only non-empty field is the first (empty for other records); `header` is the
    // record read as a table header. Only the library's own readers can call it (HeaderRow is private).
    bool (*detect)(std::string_view title, const HeaderRow& header) = nullptr;
    // Reads the whole export, each row through `b`. Only callable inside the library and its fuzz targets.
    ExportData (*read)(CsvReader& csv, Builder& b) = nullptr;
};

// Every layout, in the order detect_export tries them: zoom-webinar, zoom-meeting, teams, teams-2021,
// teams-list, meet, csv.
std::span<const ExportSource> export_sources();
// The layout named `name` (ExportSource::name), or nullptr.
const ExportSource* find_source(std::string_view name);
// The values --source takes: "auto", then each family once, in registry order ("zoom", "teams", "meet",
// "csv").
std::vector<std::string_view> source_choices();

// One attendee row of an export. What the row says about presence:
//   join and leave                -> one interval (a rejoin or a second device is another row);
//   join, leave and seconds       -> a span: first join..last leave with the time present inside it;
//   seconds only                  -> a duration;
//   nothing                       -> a self-declared attendance (plain CSV without time columns).
struct ExportRecord {
    std::string nip, email, phone, name;    // as written, trimmed; matching normalises them
    std::optional<UnixSeconds> join, leave; // both or neither; leave >= join
    std::optional<std::int64_t> seconds;    // time present as the source totals it
    std::optional<UnixSeconds> stamped;     // a self-declared row's submission time (a form's Timestamp)
    std::size_t line = 0;                   // 1-based physical line in the file
};

struct ReadOptions {
    Zone zone = find_zone("Asia/Jakarta"); // times without their own offset are local time here (--tz)
    DayOrder order = DayOrder::unknown;    // --date-order; unknown: decided from the file's dates
    // The session's local date. When the file's numeric dates fit both day/month orders, the order that puts
    // every join on (or next to) this date wins. Google Meet times without a date are taken on this date.
    std::optional<Date> session_date;
    // The session's window [start, end] in UTC seconds. An open interval (a Teams attendance list's join
    // without a leave) ends at `session_end`; a form export's timestamps are compared with both (below).
    std::optional<UnixSeconds> session_start, session_end;
    // --source auto: a plain CSV without minutes, join/leave or presence column is no evidence of presence by
    // itself. With this set, such a file is read only when it is a presence form (a timestamp column with
    // times inside the session's window; rows stamped outside it are left out), and refused otherwise: a
    // roster, or a registration export (every timestamp before the session's start).
    bool require_presence_evidence = false;
};

struct ExportData {
    std::string name;                     // the file as named in messages ("<stdin>" for standard input)
    const ExportSource* source = nullptr; // the layout read (readers always set it)
    std::vector<ExportRecord> records;    // attendee rows, in file order
    std::size_t rows = 0;                 // data rows read, in every section (headers and titles not counted)
    std::size_t staff_rows = 0; // hosts, panelists, organizers (and presenters, see docs): not attendees
    std::size_t no_shows = 0;   // rows of people who did not attend (Attended = No, no times)
    DayOrder order = DayOrder::unknown; // the order numeric dates were read in (unknown: none needed one)
    std::vector<std::string> notes;     // how the file was read, worth telling the user
    // The attendee table names people by name only (no NIP, e-mail or phone column: the Teams attendance
    // list, Google Meet's "Full Name, First Seen, Time in Call"): import_attendance refuses it unless names
    // may be matched (attend --match-names).
    bool names_only = false;
};

// The layout of the export in `in`, from its first records (the stream is read, not rewound): for each record,
// the first layout of the registry whose detector accepts it. Throws Error "NAME: not a recognised attendance
// export" with the first line and the header seen and the layouts expected; for an empty input, "NAME is
// empty".
const ExportSource& detect_export(std::istream& in, const std::string& name);

// Reads an export of layout `source` from `in`. Throws Error (positions as "NAME:LINE") for: a table without
// the columns its layout needs, rows that cannot be read (up to 20 listed, each with its line and column: an
// unreadable time, a join without a leave, a leave before the join, an Attended value that is neither yes
// nor no, an unknown Teams user action), dates whose day/month order cannot be decided (the message names
// --date-order), CSV errors, and under ReadOptions::require_presence_evidence a plain CSV that is a roster or a
// registration export (the message says which, and names --source csv).
ExportData read_export(std::istream& in, const std::string& name, const ExportSource& source,
                       const ReadOptions& opts);

// Reads the export in file `path` ("-" = standard input): detects its layout, which must agree with `choice`
// (one of source_choices(): "auto", or a family; "auto" sets opts.require_presence_evidence). An explicit family reads a file detection cannot place with
// its first flat layout (or its first layout when it has no flat one), and a file of another flat layout with
// its first flat layout. Throws Error as detect_export and read_export do, "cannot open PATH: reason", for an
// unknown choice, and, for a layout that contradicts `choice`, a message naming both.
ExportData read_export_file(const std::string& path, std::string_view choice, const ReadOptions& opts);

} // namespace asnbelajar::sources
