// Results files: a session's evaluation survey and post-test as admins download them (a Google Forms response
// sheet, or a plain CSV with a person column and a score), recorded as attempts of the session's participants.
//
// A file flows as the participant imports do: CsvReader (records with line numbers) → the header's columns
// (columns.hpp: NIP, e-mail, name, score, timestamp) → each row checked (the problems of a row are listed with
// its line and column) and matched to a participant by NIP, else by e-mail → the attempts written in the
// caller's transaction (Store::put_result). The library never prints: rejected rows go to a callback and the
// rejects file, rows of unknown people to the `unmatched` sink, and the counts come back.
#pragma once

#include "asnbelajar/csv_import.hpp"
#include "asnbelajar/model.hpp"
#include "asnbelajar/time.hpp"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar {

namespace store {
class Store;
}

// A parsed score: hundredths of a percent (0..10000), or why the text is not a score.
struct ScoreParse {
    std::optional<int> score;
    std::string error; // when !score: a short reason for a message
};

// A score as quiz exports write it: points of a total, "8 / 10", "8/10", "7,5 / 10" (Google Forms' "Score"),
// or a percentage, "80", "80.5", "80,5", "80%", "80 %". Surrounding blanks are ignored. The value is rounded
// down to a hundredth of a percent (7 / 9 is 7777), so that nobody passes on rounding. Refused: blank text,
// anything else, a negative score, more points than the total, a total of 0, a percentage above 100, numbers
// of more than 6 digits before or 3 after the decimal mark.
ScoreParse parse_score(std::string_view text);

// "80", "77.77", "80.5": a score in hundredths of a percent as a percentage without trailing zeros.
std::string format_score(int score);

struct ResultsImportOptions : CsvImportOptions {
    ResultKind kind = ResultKind::posttest;
    Zone zone;                          // timestamps without a zone are local time here (--tz)
    DayOrder order = DayOrder::unknown; // of numeric dates (--date-order); unknown: decided from the file
    // When set, the rows of people the store does not know are written here as CSV with the columns
    // line,nip,email,name,score,timestamp,reason (a results file again, once their identities are fixed).
    std::ostream* unmatched = nullptr;
};

struct ResultsImportResult {
    std::string file;    // the reader's name
    std::string session; // the session's code
    ResultKind kind = ResultKind::posttest;
    bool required = false;       // the session requires this kind of result (else certify ignores them)
    std::uint64_t rows = 0;      // data rows (blank records not counted)
    std::uint64_t added = 0;     // attempts recorded for the first time
    std::uint64_t replaced = 0;  // attempts recorded before, now with another score
    std::uint64_t unchanged = 0; // attempts recorded before with the same score (a re-import)
    std::uint64_t repeated =
        0;                     // rows giving an attempt an earlier row of the file gave (the best score kept)
    std::uint64_t unknown = 0; // rows of people the store does not know: nothing written for them
    std::uint64_t rejected = 0;     // invalid rows: nothing of them was written
    std::uint64_t people = 0;       // people with an attempt in the file
    std::uint64_t not_attended = 0; // of them, those who did not attend the session
    std::uint64_t below_pass =
        0;                  // post-test: attended people whose best score in the store is below the pass
    std::string order_note; // how the day/month order of the timestamps was decided, when the file did
    std::vector<std::string> ignored_columns;   // columns this import does not read, as written
    std::vector<std::string> duplicate_columns; // later columns naming a field an earlier one already names

    // Rows of the store written: attempts added or replaced.
    std::int64_t touched() const { return static_cast<std::int64_t>(added + replaced); }
};

// Records the attempts of a results file for `session`, inside the caller's write transaction. The first
// non-blank record is the header; it needs a NIP or an e-mail column and, for a post-test, a score column (a
// survey's scores are not kept: a survey row means the survey was completed). Each row:
//   - is checked: its width, the NIP and e-mail (as participant import checks them; one of them is needed),
//     the score (parse_score; post-test only), the timestamp when the file has that column (parse_export_time
//     in options.zone); a row with any problem is rejected (on_reject, the rejects file) and nothing of it is
//     written;
//   - names a participant by NIP, else by e-mail; a row naming nobody the store knows is counted as unknown
//     and written to options.unmatched, not rejected (forms are open to anyone);
//   - is an attempt: (person, submitted_at), one per person for a file without timestamps. Rows of the file
//     that give the same attempt again are `repeated` and the best score of them is kept; each attempt then
//     replaces the same attempt recorded earlier (so importing a file again changes nothing).
// Whether to commit when rows were rejected is the caller's decision. Throws Error for a cancelled session,
// "FILE:LINE: …" for an unreadable file, an empty file, a header without the columns needed, a file without
// any data row, and timestamps whose day/month order cannot be decided (pass options.order).
ResultsImportResult import_results(store::Store& store, const Session& session, CsvReader& reader,
                                   const ResultsImportOptions& options);

} // namespace asnbelajar
