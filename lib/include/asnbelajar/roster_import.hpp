// Bulk import from CSV: participant rosters and registration exports.
//
// A file flows through CsvReader (records with line numbers) → RowMapper (header aliases, validation, typed
// Participants) → import_participants / import_registrations (upsert, enroll) → Store, inside the caller's
// transaction. The library never prints: rejected rows go to a callback and an optional CSV sink, progress to
// a callback, and the counts come back as an RosterImportResult.
#pragma once

#include "asnbelajar/columns.hpp"
#include "asnbelajar/csv_import.hpp"
#include "asnbelajar/model.hpp"
#include "asnbelajar/time.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar {

class CsvReader;
namespace store {
class Store;
}

// Maps the records of one participant file (roster or registration export) to Participants.
class RowMapper {
  public:
    // Maps the header row found at `line` of `file` (for messages). Columns are matched by
    // field_for_header(). Throws Error "FILE:LINE: …" when no column names the name, or none names the NIP or
    // the e-mail, listing the headers each accepts. `today` is the current date (bounds of NIP dates).
    RowMapper(const std::vector<std::string_view>& header, std::string_view file, std::size_t line,
              Date today);

    const HeaderMap& columns() const { return map_; }
    // Header cells this import does not use, as written: unknown names, and fields that are not participant
    // fields (such as "Durasi"). Blank header cells are not listed.
    const std::vector<std::string>& ignored() const { return ignored_; }
    // The number of fields of the header row.
    std::size_t width() const { return header_.size(); }
    const std::vector<std::string>& header() const { return header_; }

    // True when every field is blank: such records (Excel's ";;;;;;" lines) are not rows.
    static bool blank(const std::vector<std::string_view>& fields);

    // Fills `p` from one record, reusing the capacity of its strings, and normalises it (NIP digits, e-mail
    // lower-case, phone +62…, golongan III/a, text trimmed); p.id becomes 0. `problems` is cleared and then
    // gets every problem of the row: a record with fewer fields than the header, or with more unless the
    // extra ones are blank (trailing delimiters); else each invalid cell (see normalize_participant). Returns
    // true when there is none; `p` is meaningful only then.
    bool map(const std::vector<std::string_view>& fields, Participant& p,
             std::vector<RowProblem>& problems) const;

  private:
    std::string_view column_name(std::string_view key) const;

    std::vector<std::string> header_;
    HeaderMap map_;
    std::vector<std::string> ignored_;
    Date today_;
};

// The shared options (csv_import.hpp). With the first rows, input_bytes tells the store how large the job is
// (see store::Store::begin_bulk_load).
struct RosterImportOptions : CsvImportOptions {
    // import_registrations with a timestamp column (Field::timestamp) only:
    Zone zone;                          // the zone of timestamps that carry none (--tz)
    DayOrder order = DayOrder::unknown; // --date-order; unknown: decided from the file (see below)
    UnixSeconds now = 0;                // the current time: no submission is later (decides an open order)
    // Called for each later submission of a person an earlier row of the file already submitted (same NIP or
    // same e-mail address), in time order: `earlier` is the line of the previous submission, `later` this
    // one's, and `columns` the headers (as written) whose non-empty cell differed and now wins; empty when
    // the later row only repeats.
    std::function<void(std::size_t earlier, std::size_t later, const std::vector<std::string>& columns)>
        on_resubmission;
};

struct RosterImportResult {
    std::string file;            // the reader's name
    std::uint64_t rows = 0;      // data rows (blank records not counted)
    std::uint64_t added = 0;     // new participants
    std::uint64_t updated = 0;   // participants whose stored fields changed
    std::uint64_t unchanged = 0; // rows that changed nothing (identical repeats included)
    std::uint64_t rejected = 0;  // invalid or conflicting rows: nothing of them was written
    std::uint64_t warnings = 0;  // accepted rows whose golongan does not fit the NIP (on_warning)
    // import_registrations only:
    std::string session; // the session's code; empty for import_participants
    std::uint64_t enrolled = 0, waitlisted = 0, already_enrolled = 0, already_waitlisted = 0;
    std::vector<std::string> ignored_columns;   // RowMapper::ignored()
    std::vector<std::string> duplicate_columns; // later columns naming a field an earlier one already names
    // import_registrations: the timestamp column whose times gave the arrival order (empty: file order), the
    // later submissions merged into an earlier one of the same person, and notes on how the times were read
    // ("dates read day first: …").
    std::string timestamp_column;
    std::uint64_t resubmissions = 0;
    std::vector<std::string> notes;

    // Rows of the store written: participants added or updated, and enrollments made.
    std::int64_t touched() const {
        return static_cast<std::int64_t>(added + updated + enrolled + waitlisted);
    }
};

// Upserts the participants of a CSV file into `store`, inside the caller's write transaction, as one bulk load
// (Store::begin_bulk_load), in batches of rows (one lookup and one write each). The first non-blank record is the
// header. Each valid row is matched by NIP, then by e-mail, as if every earlier row had been written:
//   - nobody matches: the person is added;
//   - someone matches: each non-empty cell replaces the stored value (empty cells never erase anything);
//     "updated" when a value changed, else "unchanged";
//   - the NIP matches one person and the e-mail another, or the e-mail matches someone with another NIP: the
//     row is rejected as a conflict;
//   - the row is for a person an earlier row of the same file already wrote: identical (after normalisation)
//     it is "unchanged", different it is rejected as a conflicting duplicate.
// Invalid and conflicting rows are rejected: reported through the options and counted, never written. Whether
// to commit when rows were rejected is the caller's decision.
// Throws Error "FILE:LINE: …" for an unreadable file (see CsvReader), an empty file, a header without the
// required columns, and a file without any data row.
RosterImportResult import_participants(store::Store& store, CsvReader& reader,
                                       const RosterImportOptions& options);

// As import_participants, and then enrolls each accepted row's person in `session`, in file order (first
// come, first served: beyond the capacity people are waitlisted; someone already enrolled or waitlisted stays
// so). Throws Error for a cancelled session, before reading the file.
//
// A file with a timestamp column (a form export: "Timestamp", "Stempel waktu", …) is read whole first, and
// arrival order is submission time, ties by line:
//   - each row's time is read with parse_export_time in options.zone; the day/month order of numeric dates is
//     decided once for the whole file: options.order, else detect_day_order over every value, else (every
//     date reads both ways) the one order that puts no submission after options.now. A row whose time is
//     empty, no date and time, or impossible is rejected ("Timestamp: value: reason"). Throws Error
//     "FILE: COLUMN: …" when the values mix both orders, and "FILE:LINE: COLUMN: …" when no order can be
//     decided, asking for --date-order;
//   - rows of the same person (same NIP, or same e-mail address) are one registration: in time order, each
//     later submission's non-empty cells overwrite the earlier ones (on_resubmission tells which differed),
//     and the person keeps the place in the queue of their first submission (a correction does not push
//     anyone back). Rows that name two different earlier people are left apart (and usually rejected as a
//     conflict below). The merged row is then imported as one row at its first line;
//   - people are then upserted and enrolled in the order of their first submission.
// Files without a timestamp column keep the rules above: file order, and different rows for the same person
// are rejected as conflicting duplicates.
RosterImportResult import_registrations(store::Store& store, const Session& session, CsvReader& reader,
                                        const RosterImportOptions& options);

} // namespace asnbelajar
