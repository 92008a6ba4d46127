// Private to lib/src/sources/: what every export reader shares. A reader (one file per layout, listed in
// registry.cpp) walks the CSV records of its layout (preamble, sections, roles) and hands each table row to a
// Builder, which turns it into an attendee record; the Builder parses the timestamps at the end, when the
// whole file has decided the day/month order.
#pragma once

#include "asnbelajar/columns.hpp"
#include "asnbelajar/csv.hpp"
#include "asnbelajar/sources.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar::sources {

using Fields = std::vector<std::string_view>;

// True for a blank line, also one a spreadsheet padded with delimiters (",,,,").
bool is_blank(const Fields& row);
// The text of a record whose only non-empty field is the first one (a section title), else empty.
std::string_view title_of(const Fields& row);

// A table's header row: where each field is (by the shared aliases), and the columns as written.
class HeaderRow {
  public:
    explicit HeaderRow(const Fields& header);
    bool has(Field f) const { return map_.has(f); }
    // The index of the column of `f`, or -1.
    int at(Field f) const { return map_.at(f); }
    // The cell of `f` in `row`, blanks trimmed; empty when the column is absent or the row is short.
    std::string_view cell(const Fields& row, Field f) const;
    // The cell in column `index` (trimmed; empty when out of range).
    static std::string_view cell_at(const Fields& row, int index);
    // Index of the first column whose normalised header is `normalized` (layout-specific columns such as
    // Zoom's "In Waiting Room"), or -1.
    int find(std::string_view normalized) const;
    // The columns as written, for messages: "Name, Email, Join Time".
    std::string columns() const;
    // The header of column `index` as written ("" when out of range), and that of field `f`.
    std::string_view written_at(int index) const;
    std::string_view written(Field f) const { return written_at(map_.at(f)); }
    // True when a column names the person by NIP, e-mail or phone (not by name alone).
    bool has_identity() const { return has(Field::nip) || has(Field::email) || has(Field::phone); }
    // The name column is Zoom's "Name (Original Name)": a renamed participant reads "SHOWN (Original)".
    bool original_names() const { return original_names_; }

  private:
    HeaderMap map_;
    std::vector<std::string> names_;
    bool original_names_ = false;
};

// Zoom's "meeting data" header above a participants table ("Meeting ID,Topic,Start Time,End Time,User Email,
// Duration (Minutes),Participants"): its one row describes the meeting, never an attendee.
bool is_meeting_data_header(const HeaderRow& t);

// How a row with join, leave and a duration makes a mark: per_join rows are one interval each (their
// duration only repeats leave - join); span rows cover first join..last leave with the time present inside;
// from_join rows have a join and a duration and no leave (Google Meet's "First Seen, Time in Call"): the
// interval join..join + duration.
enum class Times { per_join, span, from_join };

// One line of an export that lists joins and leaves as separate events (the Teams attendance list).
enum class Event { join, leave };

// Collects the rows of one export and produces its ExportData.
class Builder {
  public:
    Builder(const ExportSource& source, std::string name, const ReadOptions& opts);

    const std::string& name() const { return name_; }
    ExportData& data() { return data_; }

    const ReadOptions& options() const { return opts_; }

    // One data row of an attendee table: counted, then an attendee record, a no-show (Attended = No, or no
    // time at all in a table that has time columns), or a problem. Returns true for an attendee record.
    bool attendee(const HeaderRow& t, const Fields& row, std::size_t line, Times times);
    // The time the last attendee record was submitted (a form's Timestamp, in column `column`): parsed with
    // the other times into ExportRecord::stamped.
    void stamp_last(std::string_view stamp, std::string_view column);
    // One event line (counted): `person` (its line set by the caller) joined or left at `stamp` (a value of
    // column `column`). finish() turns each person's events into intervals: in time order, a join opens one
    // and a leave closes the earliest open one; a leave with none open closes one opened at the list's first
    // time (the person was in before the list began); one still open at the end closes at the session's end
    // (ReadOptions::session_end), or at the list's last time when that is not known.
    void event(ExportRecord person, Event kind, std::string_view stamp, std::string_view column);
    // One data row of a host, panelist or organizer: counted, and its times vote on the day/month order.
    void staff(const HeaderRow& t, const Fields& row);
    // One data row read for nothing (an unknown section, a waiting room): counted only.
    void skipped() { ++data_.rows; }
    // A timestamp elsewhere in the file (a summary) that votes on the day/month order.
    void vote(std::string_view stamp);
    // Google Meet: a time without a date ("9:06 AM") is on the session's date.
    void allow_time_only() { time_only_ = true; }

    // A value that cannot be read; up to 20 are kept for the message.
    void problem(std::size_t line, std::string_view column, const std::string& message);
    // Throws Error("NAME: message").
    [[noreturn]] void fail(const std::string& message) const;
    // Throws detect_day_order's complaint `message` with the lines of the two timestamps that disagree.
    [[noreturn]] void fail_mixed_order(const std::string& message) const;
    // Parses the timestamps with the file's day/month order and returns the export; throws for problems.
    ExportData finish();

  private:
    struct Pending {
        std::string join, leave;           // as written; empty when the row has no times
        std::optional<std::int64_t> after; // Times::from_join: the leave is the join plus these seconds
        std::string stamp;                 // stamp_last
        std::optional<Event> event;        // event: join and leave both hold its time
        std::size_t join_column = 0, leave_column = 0, stamp_column = 0; // into columns_, for messages
    };
    struct Parsed {
        std::optional<UnixSeconds> join, leave, stamp;
        bool operator==(const Parsed&) const = default;
    };
    using ParsedTimes = std::vector<Parsed>;
    // Parses every pending row's times. With `undecided`, a value that throws (a date that reads both ways,
    // with the order unknown) sets it instead of being a problem.
    ParsedTimes parse_all(DayOrder order, bool* undecided = nullptr);
    std::optional<UnixSeconds> parse_time(std::string_view text, DayOrder order, std::size_t line,
                                          std::string_view column, bool& time_only, bool* undecided);
    bool on_session_date(const ParsedTimes& times) const;
    void pair_events();
    void throw_problems();

    std::string name_;
    ReadOptions opts_;
    ExportData data_;
    std::vector<Pending> pending_; // parallel to data_.records
    std::vector<std::string> votes_;
    // The index in columns_ of a column's header as written ("Join Time"), added on first use.
    std::size_t column_id(std::string_view written, std::string_view fallback);
    std::vector<std::string> columns_;
    bool time_only_ = false, events_ = false;
    std::vector<std::pair<std::size_t, std::string>> problems_; // line, message
    std::size_t problem_count_ = 0;
};

// Microsoft Teams' roles (teams.cpp), from a Role cell: "Organizer", "Organiser", "Co-organizer",
// "Organisateur" are organizers; "Presenter", "Présentateur" presenters; anything else an attendee.
enum class TeamsRole { attendee, presenter, organizer };
TeamsRole teams_role(std::string_view cell);
// Hands the rows of a Teams table to `b` under Teams' rule for roles: organizers are staff, presenters too,
// except when no row is an attendee (a meeting whose "who can present" was left at everyone): then presenters
// are the audience, and a note says so. `roles` is parallel to `rows` and `lines`.
void add_teams_rows(Builder& b, const HeaderRow& table, const std::vector<std::vector<std::string>>& rows,
                    const std::vector<std::size_t>& lines, const std::vector<TeamsRole>& roles, Times times);

// A flat table (one header, then rows) after an optional preamble: the header is the first record for which
// `is_header` holds, among the first `max_preamble` + 1 non-blank records. Every later non-blank record is an
// attendee row, except rows whose `skip_if_yes` column says yes (counted, not read). Fails when no header is
// found (naming `expected`), or the header has a join column without a leave column or the reverse (unless
// `join_and_duration`: then a join column with a duration column and no leave column reads as
// Times::from_join). `stamp_column`, when set, names the column whose cell is each attendee row's submission
// time (Builder::stamp_last), or -1.
struct FlatLayout {
    bool (*is_header)(const HeaderRow&) = nullptr;
    std::size_t max_preamble = 0;
    Times times = Times::per_join;
    const char* skip_if_yes = nullptr; // a normalised header, e.g. "in waiting room"
    const char* expected = "";
    bool join_and_duration = false;
    int (*stamp_column)(const HeaderRow&) = nullptr;
};
// Reads the table's rows through `b` (not finished) and returns its header; sets ExportData::names_only when
// the header names people by name only.
HeaderRow read_flat_rows(CsvReader& csv, Builder& b, const FlatLayout& layout);
// read_flat_rows, then b.finish().
ExportData read_flat(CsvReader& csv, Builder& b, const FlatLayout& layout);

} // namespace asnbelajar::sources
