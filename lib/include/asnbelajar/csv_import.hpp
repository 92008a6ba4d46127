// What every import of a CSV file of rows shares (participant rosters, registration exports, results files):
// the problems of a row and their messages, the options a command passes, and the file of rejected rows.
#pragma once

#include "asnbelajar/progress.hpp"
#include "asnbelajar/time.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar {

class CsvReader;

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

// A cell as a message shows it: "(empty)", or one line of at most 60 characters.
std::string shown_value(std::string_view value);

// The problem of a record whose width does not fit a header of `header_width` fields: fewer fields, or more
// unless the extra ones are blank (trailing delimiters). None when it fits.
std::optional<RowProblem> width_problem(const std::vector<std::string_view>& fields,
                                        std::size_t header_width);

// What the command passes to an import.
struct CsvImportOptions {
    Date today; // the current date in the user's zone: bounds of NIP dates
    // Called for every rejected row, in file order, with its fields as read and its problems (at least one).
    std::function<void(std::size_t line, const std::vector<std::string_view>& fields,
                       const std::vector<RowProblem>& problems)>
        on_reject;
    // Called for an accepted row with something worth a look that does not stop it (a roster row's golongan
    // that does not fit the NIP: see grade_identity_warning). The row is imported all the same.
    std::function<void(std::size_t line, const RowProblem& warning)> on_warning;
    // The size of the input in bytes when known (0: not known, e.g. standard input).
    std::uint64_t input_bytes = 0;
    // Called every few thousand rows and once at the end: bytes consumed from the input of input_bytes (done
    // and total), and rows read so far (count).
    ProgressFn on_progress;
    // When set, rejected rows are written here as CSV (RejectsWriter).
    std::ostream* rejects = nullptr;
};

// The file of rejected rows (--rejects FILE): the columns `line` and `error` (every problem of the row,
// "column: value: reason" joined by "; "), then the file's own columns with the row's fields as read, in the
// input's delimiter and, when the input had a byte-order mark, with a UTF-8 one. The header is written even
// when no row is rejected. Writes nothing when `out` is null.
class RejectsWriter {
  public:
    RejectsWriter(std::ostream* out, const CsvReader& reader);
    void header(const std::vector<std::string>& file_header);
    void row(std::size_t line, const std::vector<std::string_view>& fields,
             const std::vector<RowProblem>& problems);

  private:
    std::ostream* out_;
    char delimiter_;
    bool bom_;
    std::vector<std::string_view> fields_; // reused for every row
};

} // namespace asnbelajar
