// Markdown: a title, the period and other subtitle lines, GitHub tables, totals. For people: labels in
// --lang.
#include "render_impl.hpp"

namespace asnbelajar::render {
namespace {

void write_table(const Table& t, const Report& report, std::ostream& out) {
    if (t.empty()) {
        out << (report.lang == Lang::en ? "_(no rows)_" : "_(tidak ada data)_") << "\n";
        return;
    }
    out << '|';
    for (const Column& c : t.columns)
        out << ' ' << markdown_escape(label(c, report.lang)) << " |";
    out << "\n|";
    for (const Column& c : t.columns)
        out << (is_numeric(c.type) ? " ---: |" : " --- |");
    out << '\n';
    t.each_row([&](const Row& row) {
        out << '|';
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            out << ' ' << markdown_escape(human_text(row[i], t.columns[i], report.zone, report.lang)) << " |";
        out << '\n';
    });
}

} // namespace

std::string markdown_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '<':
        case '>':
        case '|':
        case '~':
        case '#':
            out += '\\';
            out += c;
            break;
        case '\r': break;
        case '\n': out += ' '; break;
        default: out += c;
        }
    }
    return out;
}

void render_markdown(const Report& report, std::ostream& out) {
    if (!report.title.empty()) out << "# " << markdown_escape(report.title) << "\n\n";
    // Subtitle lines (the period first) as one paragraph with hard line breaks.
    for (std::size_t i = 0; i < report.subtitle.size(); ++i)
        out << markdown_escape(report.subtitle[i]) << (i + 1 < report.subtitle.size() ? "  \n" : "\n\n");
    write_table(report.table, report, out);
    if (!report.totals.empty()) {
        out << "\n## " << (report.lang == Lang::en ? "Totals" : "Jumlah") << "\n\n";
        for (const Total& t : report.totals) {
            std::string value = human_text(t.value, t.column, report.zone, report.lang);
            out << "- " << markdown_escape(label(t.column, report.lang)) << ": **"
                << (value.empty() ? "—" : markdown_escape(value)) << "**\n";
        }
    }
    for (const Report::Extra& e : report.extras) {
        out << "\n## " << markdown_escape(e.title) << "\n\n";
        write_table(e.table, report, out);
    }
}

} // namespace asnbelajar::render
