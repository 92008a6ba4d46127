// The terminal table: title, subtitle, aligned columns, totals. For people, so labels follow --lang.
#include "render_impl.hpp"

#include <algorithm>

namespace asnbelajar::render {
namespace {

constexpr std::size_t max_column_width = 40;

void pad(std::ostream& out, const std::string& text, std::size_t width, bool right) {
    std::size_t w = display_width(text);
    std::string spaces(width > w ? width - w : 0, ' ');
    if (right)
        out << spaces << text;
    else
        out << text << spaces;
}

void write_table(const Table& t, const Report& report, const Options& options, std::ostream& out) {
    const std::size_t n = t.columns.size();
    std::vector<std::size_t> widths(n);
    std::vector<std::string> headers(n);
    for (std::size_t i = 0; i < n; ++i) {
        headers[i] = label(t.columns[i], report.lang);
        widths[i] = display_width(headers[i]);
    }
    // Two passes over the rows, widths then lines, so that no row is held (a streamed table yields its rows
    // again for the second pass).
    std::vector<std::string> shown(n);
    auto cells_of = [&](const Row& row) {
        for (std::size_t i = 0; i < n; ++i)
            shown[i] = fit(human_text(row[i], t.columns[i], report.zone, report.lang), max_column_width);
    };
    t.each_row([&](const Row& row) {
        cells_of(row);
        for (std::size_t i = 0; i < n; ++i)
            widths[i] = std::max(widths[i], display_width(shown[i]));
    });
    auto line = [&](const std::vector<std::string>& texts, bool header) {
        for (std::size_t i = 0; i < n; ++i) {
            if (i) out << "  ";
            bool last = i + 1 == n;
            bool right = is_numeric(t.columns[i].type);
            if (header && options.color) out << "\x1b[1m";
            if (last && !right)
                out << texts[i];
            else
                pad(out, texts[i], widths[i], right);
            if (header && options.color) out << "\x1b[0m";
        }
        out << '\n';
    };
    line(headers, true);
    std::vector<std::string> rules(n);
    for (std::size_t i = 0; i < n; ++i)
        rules[i] = std::string(widths[i], '-');
    line(rules, false);
    t.each_row([&](const Row& row) {
        cells_of(row);
        line(shown, false);
    });
}

} // namespace

std::size_t display_width(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string fit(const std::string& s, std::size_t width) {
    if (display_width(s) <= width) return s;
    std::string out;
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80) {
            if (n == width - 1) break;
            ++n;
        }
        out += s[i];
    }
    return out + "…";
}

void render_text_table(const Report& report, const Options& options, std::ostream& out) {
    if (!report.title.empty()) out << report.title << '\n';
    for (const std::string& line : report.subtitle)
        out << line << '\n';
    if (!report.title.empty() || !report.subtitle.empty()) out << '\n';
    if (report.table.empty())
        out << (report.lang == Lang::en ? "(no rows)" : "(tidak ada data)") << '\n';
    else
        write_table(report.table, report, options, out);
    if (!report.totals.empty()) {
        out << '\n';
        std::size_t width = 0;
        for (const Total& t : report.totals)
            width = std::max(width, display_width(label(t.column, report.lang)));
        for (const Total& t : report.totals) {
            pad(out, label(t.column, report.lang) + ":", width + 1, false);
            out << ' ' << human_text(t.value, t.column, report.zone, report.lang) << '\n';
        }
    }
    for (const Report::Extra& e : report.extras) {
        out << '\n' << e.title << '\n';
        if (e.table.empty())
            out << (report.lang == Lang::en ? "(no rows)" : "(tidak ada data)") << '\n';
        else
            write_table(e.table, report, options, out);
    }
}

} // namespace asnbelajar::render
