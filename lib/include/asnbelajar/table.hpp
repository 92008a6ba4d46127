// The neutral table model every report fills and every renderer reads.
#pragma once

#include "asnbelajar/time.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace asnbelajar {

// How a column's values are typed, which decides how each format writes them.
enum class ColumnType {
    text,     // std::string
    integer,  // std::int64_t
    year,     // std::int64_t calendar year: a number, never written with thousands separators
    jp,       // std::int64_t tenths of a JP: "3", "2.5"
    rate,     // double fraction 0..1: 4 decimals in machine formats, a percentage in human ones
    date,     // Date: ISO in machine formats, "Kamis, 3 Maret 2022" in human ones
    datetime, // std::int64_t UTC seconds, shown in the report's zone
    boolean,  // std::int64_t 0 or 1: true/false in machine formats, "ya"/"tidak" ("yes"/"no") in human ones
};

// A value of a text column with a fixed vocabulary (a session's status, an enrollment, an attendance outcome):
// machine formats write its key, human formats its label in the report's language.
struct ValueLabel {
    std::string_view key;      // "waitlisted"
    std::string_view label_id; // "daftar tunggu"
    std::string_view label_en; // "waitlisted"
};

struct Column {
    std::string key;      // the stable machine key (csv/tsv/json header)
    std::string label_id; // human label, Indonesian
    std::string label_en; // human label, English
    ColumnType type = ColumnType::text;
    // The labels of a text column's values, when they come from a fixed vocabulary; empty for free text.
    std::span<const ValueLabel> values{};
};

// A value people must read with a caution in words: a value that is not known (`value` empty: "belum ada data
// kehadiran"), or text that no longer means what it says (a certificate number whose holder did not attend).
// Machine formats write `value` as text (empty: an empty cell, JSON null); human formats write the words, after
// the value when there is one ("12/BPSDM (tidak hadir)").
struct Marked {
    std::string value; // the machine text; empty for a value that is not known
    std::string id;    // the caution in Indonesian
    std::string en;    // the caution in English
    bool operator==(const Marked&) const = default;
};

using Cell = std::variant<std::monostate, std::string, std::int64_t, double, Date, Marked>;
using Row = std::vector<Cell>;

// Receives rows one at a time.
using RowSink = std::function<void(const Row&)>;

struct Table {
    std::vector<Column> columns;
    std::vector<Row> rows;
    // Rows produced when the table is written, after `rows`, instead of held (a report of a million people
    // streams them from the store to the renderer): called with a sink, it passes each row to it in order.
    // It may be called more than once and yields the same rows each time (the terminal table reads them twice:
    // widths, then lines). It reads the store: write the report before the store is closed.
    std::function<void(const RowSink&)> stream;
    // How many rows `stream` yields (known before it runs: the reports count them from their tallies).
    std::size_t streamed_rows = 0;

    // The position of the column with `key`; throws std::out_of_range when absent.
    std::size_t index(const std::string& key) const;
    // Every row: `rows`, then those of `stream`.
    void each_row(const RowSink& sink) const;
    std::size_t size() const { return rows.size() + streamed_rows; }
    bool empty() const { return size() == 0; }
};

// A labelled single value (report totals), typed like a column.
struct Total {
    Column column;
    Cell value;
};

// A report: the main table plus what human formats show around it. Titles and subtitles are already in the
// requested language; machine formats use only keys and values, so they never change with --lang.
struct Report {
    std::string kind;                  // weekly, session, …
    std::string title;                 // e.g. "Laporan Mingguan Webinar ASN Belajar"
    std::vector<std::string> subtitle; // lines under the title: period, session details
    std::optional<Period> period;
    Zone zone; // datetime cells are shown in this zone
    Lang lang = Lang::id;
    Table table;
    std::string rows_key = "rows"; // key of the main rows in a JSON object report
    std::vector<Total> totals;
    struct Extra {
        std::string key; // JSON key, e.g. top_agencies
        std::string title;
        Table table;
    };
    std::vector<Extra> extras;
    // Charts worth drawing (html): each reads numeric columns of the main table or of an extra.
    struct Chart {
        enum class Kind { bars, line };
        Kind kind = Kind::bars;
        std::string title;               // in the report's language
        std::string source;              // "" = the main table, else the key of an extra
        std::string label_key;           // the column naming each point on the x axis
        std::vector<std::string> series; // numeric columns, one bar or line each
    };
    std::vector<Chart> charts;
    // Lines for stderr about what the report left out (e.g. certificates of people without a NIP).
    std::vector<std::string> notes;
    // Lines for stderr that must be read even by a cron job run with --quiet: what makes the report's numbers
    // less than true (a session without attendance data, certificates that no longer qualify).
    std::vector<std::string> warnings;
    // What the report lacks to be complete, one line each (a session whose attendance is not recorded): a
    // caller that must not publish an incomplete report (report weekly --require-attendance) refuses when it
    // is not empty. Each line also has its warning.
    std::vector<std::string> incomplete;
    // JSON shape: an array of row objects (list reports), or an object with period, rows, totals and extras.
    bool json_object = false;
    // xlsx: a plain sheet for other programs to read (an upload sheet): the machine keys in row 1 and the rows
    // from row 2, without title, subtitle, totals or extras. Other formats are unchanged.
    bool plain_sheet = false;
};

// The label of a column in `lang`.
const std::string& label(const Column& c, Lang lang);
// The human text of a text value of column `c` in `lang`: its label in c.values, else the value itself.
std::string_view value_label(const Column& c, std::string_view value, Lang lang);

} // namespace asnbelajar
