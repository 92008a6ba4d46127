// Renderers: one per output format, all reading the same Report.
#pragma once

#include "asnbelajar/table.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace asnbelajar::render {

enum class Format { table, csv, tsv, json, jsonl, markdown, html, xlsx };

// "csv" → Format::csv; nullopt for an unknown name.
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

// Writes `report` to `out` in `format`. xlsx cannot go to a stream: use render_xlsx_file.
// Throws Error for xlsx (or for a format this build lacks).
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

} // namespace asnbelajar::render
