// Renderers: one per output format, all reading the same Report.
#pragma once

#include "asnbelajar/table.hpp"

#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace asnbelajar::render {

enum class Format { table, csv, tsv, json, jsonl, markdown, html, xlsx };

struct Options;

// One row per output format: everything that names a format (--format and its check, -o FILE's extension,
// --help, which formats are machine formats, the writers) reads this table. A new format is one renderer plus
// one row (lib/src/render/render.cpp).
struct FormatInfo {
    Format format;
    std::string_view name;    // the --format value: "csv"
    std::string_view aliases; // further --format values and file extensions, space-separated: "md markdown"
    std::string_view extensions; // file extensions that imply the format, space-separated: "htm html"
    // A machine format (csv, tsv, json, jsonl): tools parse it; its keys and values never change with --lang.
    bool machine = false;
    // Writes only the report's main rows (csv, tsv, jsonl): a report may leave out its extras and charts.
    bool rows_only = false;
    // Writes `report` to a stream; nullptr for a format that only goes to a named file (xlsx).
    void (*write)(const Report& report, const Options& options, std::ostream& out) = nullptr;
    // Writes `report` to the file `path`; set only for file-only formats.
    void (*write_file)(const Report& report, const std::string& path) = nullptr;
};

// Every format, in the order --help lists them.
std::span<const FormatInfo> formats();
const FormatInfo& format_info(Format f);
// The format names joined: "table, csv, tsv, json, jsonl, markdown, html or xlsx" (for messages) or, with
// separator " | ", "table | csv | … | xlsx" (for --help).
std::string format_names(std::string_view separator = ", ", std::string_view last = " or ");

// "csv" → Format::csv (an alias such as "md" too); nullopt for an unknown name.
std::optional<Format> parse_format(std::string_view name);
// The format an output file's extension implies (report.csv → csv, .md → markdown, .htm/.html, .xlsx,
// .json, .jsonl/.ndjson, .tsv, .txt → table); nullopt when the extension says nothing.
std::optional<Format> format_from_extension(std::string_view path);
std::string_view format_name(Format f);
// True for the formats tools parse (csv, tsv, json, jsonl): their keys and values never change with --lang.
bool is_machine_format(Format f);

struct Options {
    bool color = false;      // table format only: ANSI emphasis for headers (terminals without NO_COLOR)
    bool excel_safe = false; // csv/tsv: prefix cells that spreadsheets would run as formulas with a quote
};

// Writes `report` to `out` in `format`. xlsx cannot go to a stream: use write_xlsx_file.
// Throws Error for a format that only goes to a named file (xlsx).
void write(const Report& report, Format format, const Options& options, std::ostream& out);

// Writes `report` as an Excel workbook at `path` (through libxlsxwriter): a title block, a header row with
// frozen panes below it, numbers as numbers, dates as dates, and every text column (NIPs, phone numbers) as
// text, never as a number or formula. Extras go to further sheets. A Report::plain_sheet is one sheet: the
// machine keys in row 1, the rows from row 2, nothing else. Throws Error when the file cannot be
// written, and then leaves no file at `path`.
void write_xlsx_file(const Report& report, const std::string& path);

// Machine text of one cell (csv/tsv/json string forms): ISO dates, "2.5" JP, rates with 4 decimals.
std::string machine_text(const Cell& cell, ColumnType type, const Zone& zone);
// Human text of one cell in `lang`: "Kamis, 3 Maret 2022", "83,3%".
std::string human_text(const Cell& cell, ColumnType type, const Zone& zone, Lang lang);
// Human text of one cell of `column`: as above, and a text value of a fixed vocabulary by its label
// ("daftar tunggu" for "waitlisted").
std::string human_text(const Cell& cell, const Column& column, const Zone& zone, Lang lang);

} // namespace asnbelajar::render
