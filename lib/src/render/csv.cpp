// CSV and TSV: the machine keys as header, one row per record, nothing else.
#include "asnbelajar/csv.hpp"
#include "render_impl.hpp"

namespace asnbelajar::render {
namespace {

// Cells a spreadsheet would run as a formula get a leading apostrophe under --excel-safe.
bool formula_like(std::string_view s) {
    return !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
}

// TSV has no quoting: tabs and line breaks inside values become spaces.
std::string tsv_clean(std::string s) {
    for (char& c : s)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return s;
}

} // namespace

void render_delimited(const Report& report, char delimiter, const Options& options, std::ostream& out) {
    const Table& t = report.table;
    auto write_field = [&](std::string text, bool first) {
        if (!first) out << delimiter;
        if (delimiter == '\t')
            out << tsv_clean(std::move(text));
        else
            out << csv_escape(text, delimiter);
    };
    for (std::size_t i = 0; i < t.columns.size(); ++i)
        write_field(t.columns[i].key, i == 0);
    out << '\n';
    t.each_row([&](const Row& row) {
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            std::string text = machine_text(row[i], t.columns[i].type, report.zone);
            if (options.excel_safe && t.columns[i].type == ColumnType::text && formula_like(text))
                text.insert(0, 1, '\'');
            write_field(std::move(text), i == 0);
        }
        out << '\n';
    });
}

} // namespace asnbelajar::render
