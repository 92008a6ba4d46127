// Recording attendance from a platform export (attend SESSION --file): rows matched to participants, walk-ins,
// unmatched rows, participants created for them on request, and re-imports that replace rather than add.
#pragma once

#include "asnbelajar/model.hpp"
#include "asnbelajar/progress.hpp"
#include "asnbelajar/sources.hpp"
#include "asnbelajar/time.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace asnbelajar {

namespace store {
class Store;
}

struct AttendanceImportOptions {
    bool replace = false;        // discard all of the session's earlier attendance first (attend --replace)
    bool allow_empty = false;    // accept an export without a single attendee row
    bool create_unknown = false; // create participants for unmatched rows (name, e-mail, NIP when valid)
    bool match_names = false;    // match rows without NIP, e-mail or phone by name (attend --match-names)
    Date today;                  // the current date, for checking NIPs of created participants
};

// An attendee row that no participant was found (or created) for.
struct UnmatchedRow {
    sources::ExportRecord record;
    std::string reason;
};

struct AttendanceImportResult {
    std::size_t people = 0;   // distinct people among the attendee rows (matched participants + unmatched)
    std::size_t matched = 0;  // participants the rows were matched to, created ones included
    std::size_t walk_ins = 0; // of those, walk-ins of the session (present without a seat)
    std::size_t created = 0;  // participants created under create_unknown
    std::vector<UnmatchedRow> unmatched; // in file order
    bool reimport = false; // this export had been imported into the session before: its marks were replaced
    int attended = 0, partial = 0; // the session's outcomes after the import
};

// Records the attendance in `data` for `session`, inside the caller's write transaction. `progress`, when
// given, is told the people recorded of those matched (see add_platform_marks).
//
// Each row is matched to a participant by NIP (18 digits, spaces and dots ignored), then e-mail (any case),
// then phone. A row with none of the three is matched by a NIP written in its name ("Budi - [NIP.1990...]",
// see nip_in_name), else, under match_names, by its name: the participant whose name_key (names.hpp) equals
// the row's, when exactly one of the session's enrolled people (any enrollment but a cancelled one) has it, or
// else exactly one of all participants; an ambiguous or unknown name leaves the row unmatched with the reason.
// A row whose fields match nobody is unmatched, or, under create_unknown, makes a new participant (rows of one
// person make one). A matched person without a seat (not enrolled, cancelled or waitlisted)
// becomes a walk-in. The rows of one person become that person's marks (kept raw, tagged with the export)
// and the summary is recomputed once per person. Importing an export already imported into the session replaces its marks: the result is
// the same. Under replace, every earlier mark of the session goes first. The session's attendance is then
// recorded (store::Store::note_attendance_import), even when the export had nobody in it (allow_empty).
//
// Throws Error before writing anything: for a cancelled session; for an export without attendee rows unless
// allow_empty (the message says what the file had); for an export none of whose joins overlap the session
// (a wrong session or a wrong --tz), naming the times found; and for an export that names people only
// (ExportData::names_only) with rows that no NIP matches, unless match_names (the message names
// --match-names).
AttendanceImportResult import_attendance(store::Store& store, const Session& session,
                                         const sources::ExportData& data, const AttendanceImportOptions& opts,
                                         const ProgressFn& progress = {});

// The digest of an export's attendee rows that tags its marks (AttendanceMark::batch): the same rows in any
// order give the same digest, whatever the file's preamble, encoding or line numbers.
std::string export_digest(const sources::ExportData& data);

} // namespace asnbelajar
