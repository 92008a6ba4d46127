// Bulk import from CSV: participant rosters and registration exports.
//
// A file flows through CsvReader (records with line numbers) → RowMapper (header aliases, validation, typed
// Participants) → import_participants / import_registrations (upsert, enroll) → Store, inside the caller's
// transaction. The library never prints: rejected rows go to a callback and an optional CSV sink, progress to
// a callback, and the counts come back as an RosterImportResult.
#pragma once

#include "asnbelajar/columns.hpp"
#include "asnbelajar/model.hpp"
#include "asnbelajar/progress.hpp"
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

// One problem of one row. `column` is the header as written in the file ("NIP (tanpa spasi)"), empty for a
// problem of the whole row (a wrong number of fields); `value` is the cell as given.
struct RowProblem {
    std::string column;
    std::string value;
    std::string reason;
};

// "FILE:LINE: column: value: reason". An empty value is shown as "(empty)"; line ends and tabs in the value
// become spaces and a value longer than 60 characters is cut with "…". A problem without a column is
// "FILE:LINE: reason".
std::string format_problem(std::string_view file, std::size_t line, const RowProblem& problem);

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

struct RosterImportOptions {
    Date today; // the current date in the user's zone: bounds of NIP dates
    // Called for every rejected row, in file order, with its fields as read and its problems (at least one).
    std::function<void(std::size_t line, const std::vector<std::string_view>& fields,
                       const std::vector<RowProblem>& problems)>
        on_reject;
    // Called for each accepted row that gives a golongan or a NIP when the person's golongan does not fit
    // their NIP (see grade_identity_warning), with the golongan column as written in the file, the golongan
    // and the reason. The row is imported all the same.
    std::function<void(std::size_t line, const RowProblem& warning)> on_warning;
    // The size of the input in bytes when known (0: not known, e.g. standard input). With the first rows it
    // tells the store how large the job is (see store::Store::begin_bulk_load).
    std::uint64_t input_bytes = 0;
    // Called every few thousand rows and once at the end: bytes consumed from the input of input_bytes (done
    // and total), and rows read so far (count).
    ProgressFn on_progress;
    // When set, rejected rows are written here as CSV: the columns `line` and `error` (every problem of the
    // row, "column: value: reason" joined by "; "), then the file's own columns with the row's fields as
    // read, in the input's delimiter and, when the input had a byte-order mark, with a UTF-8 one. The header
    // is written even when no row is rejected.
    std::ostream* rejects = nullptr;
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
RosterImportResult import_registrations(store::Store& store, const Session& session, CsvReader& reader,
                                        const RosterImportOptions& options);

} // namespace asnbelajar
