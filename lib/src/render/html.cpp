// HTML: one self-contained page (inline CSS, inline SVG charts, no scripts or external assets) with the
// title, subtitle lines, totals, the report's charts, its table and extras. For people: labels in --lang.
#include "render_impl.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace asnbelajar::render {
namespace {

constexpr const char* style = R"css(
:root { color-scheme: light; --ink: #1d2733; --muted: #5b6775; --line: #d9dee5; --head: #eef2f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 "Segoe UI", "DejaVu Sans", Roboto, Arial, sans-serif; color: var(--ink);
       background: #f6f8fa; }
main { max-width: 1320px; margin: 0 auto; padding: 28px 32px 40px; background: #fff; min-height: 100vh; }
h1 { font-size: 24px; margin: 0 0 6px; }
h2 { font-size: 18px; margin: 32px 0 10px; }
.sub { color: var(--muted); margin: 0 0 20px; }
.totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 0 0 24px; }
.total { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.total .label { color: var(--muted); font-size: 13px; }
.total .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.charts { display: grid; gap: 20px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 12px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg { width: 100%; height: auto; display: block; }
svg text { font: 12px "Segoe UI", "DejaVu Sans", Roboto, Arial, sans-serif; fill: var(--muted); }
svg .value { fill: var(--ink); font-size: 11px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; }
td.date { white-space: nowrap; }
td.text { min-width: 9em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
.empty { color: var(--muted); font-style: italic; }
td.missing, .total .value.missing { color: #9a4b00; font-style: italic; }
.total .value.missing { font-size: 15px; font-weight: 400; }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
@media print { body { background: #fff; } main { padding: 0; } }
)css";

const char* const palette[] = {"#3b6fb6", "#f28e2b", "#59a14f", "#e15759"};

// A cell's class: its alignment, and "missing" for a value that is not known (a marker people must see).
const char* cell_class(ColumnType t, const Cell& cell) {
    const bool missing = std::holds_alternative<Marked>(cell);
    if (is_numeric(t)) return missing ? " class=\"num missing\"" : " class=\"num\"";
    if (t == ColumnType::date || t == ColumnType::datetime) return " class=\"date\"";
    return missing ? " class=\"text missing\"" : " class=\"text\"";
}

const char* text(Lang lang, const char* id, const char* en) {
    return lang == Lang::en ? en : id;
}

// A cell as a number for charts; nullopt for empty cells.
std::optional<double> number(const Cell& cell, ColumnType type) {
    if (auto* d = std::get_if<double>(&cell)) return *d;
    if (auto* i = std::get_if<std::int64_t>(&cell))
        return type == ColumnType::jp ? static_cast<double>(*i) / 10.0 : static_cast<double>(*i);
    return std::nullopt;
}

// Short x-axis labels: "28 Feb" for dates, the text itself otherwise.
std::string axis_label(const Cell& cell, const Column& c, const Report& report) {
    if (auto* d = std::get_if<Date>(&cell))
        return fmt::format("{} {}", d->day, month_name(d->month, report.lang).substr(0, 3));
    return fit(human_text(cell, c, report.zone, report.lang), 14);
}

// A "nice" axis step (1, 2 or 5 × 10^k) for about five ticks up to `max`.
double nice_step(double max) {
    if (max <= 0) return 1;
    double raw = max / 5;
    double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag) return std::max(1.0, m * mag);
    return 10 * mag;
}

std::string fmt1(double v) {
    return fmt::format("{:.1f}", v);
}

// Labels are turned when there are many of them, and then need more room below the plot.
bool turned_labels(std::size_t n) {
    return n > 10;
}

struct Plot {
    explicit Plot(std::size_t labels) : bottom(turned_labels(labels) ? 64 : 32) {}
    double width = 960, height = 340, left = 64, right = 16, top = 34, bottom;
    double plot_w() const { return width - left - right; }
    double plot_h() const { return height - top - bottom; }
};

void legend(std::ostream& out, const Plot& p, const std::vector<std::string>& names) {
    double x = p.left;
    for (std::size_t i = 0; i < names.size(); ++i) {
        out << "<rect x=\"" << fmt1(x) << "\" y=\"8\" width=\"12\" height=\"12\" rx=\"2\" fill=\""
            << palette[i % 4] << "\"/><text x=\"" << fmt1(x + 17) << "\" y=\"18\">" << html_escape(names[i])
            << "</text>";
        x += 30 + 7.5 * static_cast<double>(display_width(names[i]));
    }
}

void x_labels(std::ostream& out, const Plot& p, const std::vector<std::string>& labels,
              const std::vector<double>& centres) {
    bool rotate = turned_labels(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        double y = p.top + p.plot_h() + 18;
        out << "<text x=\"" << fmt1(centres[i]) << "\" y=\"" << fmt1(y) << "\"";
        if (rotate)
            out << " text-anchor=\"end\" transform=\"rotate(-35 " << fmt1(centres[i]) << ' ' << fmt1(y)
                << ")\"";
        else
            out << " text-anchor=\"middle\"";
        out << '>' << html_escape(labels[i]) << "</text>";
    }
}

void y_grid(std::ostream& out, const Plot& p, double max, double step, bool percent, Lang lang) {
    for (double v = 0; v <= max + step / 2; v += step) {
        double y = p.top + p.plot_h() * (1 - v / max);
        out << "<line x1=\"" << fmt1(p.left) << "\" x2=\"" << fmt1(p.width - p.right) << "\" y1=\"" << fmt1(y)
            << "\" y2=\"" << fmt1(y) << "\" stroke=\"" << (v == 0 ? "#9aa5b1" : "#e3e7ec") << "\"/>";
        std::string tick = percent ? fmt::format("{:.0f}%", v * 100)
                                   : human_text(Cell{static_cast<std::int64_t>(std::llround(v))},
                                                ColumnType::integer, {}, lang);
        out << "<text x=\"" << fmt1(p.left - 8) << "\" y=\"" << fmt1(y + 4) << "\" text-anchor=\"end\">"
            << tick << "</text>";
    }
}

struct Series {
    const Column* column;
    std::vector<std::optional<double>> values;
    std::vector<std::string> texts; // human text of each value
};

// The top of the y axis and its grid step: 100 % in quarters for rates, else a round step and the first
// multiple of it at or above the largest value.
std::pair<double, double> y_scale(const std::vector<Series>& series, bool percent) {
    if (percent) return {1.0, 0.25};
    double max = 0;
    for (const Series& s : series)
        for (const auto& v : s.values)
            max = std::max(max, v.value_or(0));
    const double step = nice_step(max);
    return {std::max(step, std::ceil(max / step) * step), step};
}

// Opens a chart: the svg element, the y grid and the legend. Returns the series' names.
std::vector<std::string> open_chart(std::ostream& out, const Report& report, const Plot& p, double max,
                                    double step, bool percent, const std::vector<Series>& series) {
    out << "<svg viewBox=\"0 0 " << p.width << ' ' << p.height << "\" role=\"img\">";
    y_grid(out, p, max, step, percent, report.lang);
    std::vector<std::string> names;
    for (const Series& s : series)
        names.push_back(label(*s.column, report.lang));
    legend(out, p, names);
    return names;
}

void bar_chart(std::ostream& out, const Report& report, const std::vector<std::string>& labels,
               const std::vector<Series>& series) {
    Plot p(labels.size());
    const auto [max, step] = y_scale(series, false);
    const double n = static_cast<double>(labels.size());
    const double group = p.plot_w() / n;
    const double bar = std::min(48.0, group * 0.8 / static_cast<double>(series.size()));
    const std::vector<std::string> names = open_chart(out, report, p, max, step, false, series);
    std::vector<double> centres;
    for (std::size_t g = 0; g < labels.size(); ++g) {
        double centre = p.left + group * (static_cast<double>(g) + 0.5);
        centres.push_back(centre);
        double x = centre - bar * static_cast<double>(series.size()) / 2;
        for (std::size_t k = 0; k < series.size(); ++k, x += bar) {
            double v = series[k].values[g].value_or(0);
            double h = p.plot_h() * v / max;
            double y = p.top + p.plot_h() - h;
            out << "<rect x=\"" << fmt1(x + 1) << "\" y=\"" << fmt1(y) << "\" width=\"" << fmt1(bar - 2)
                << "\" height=\"" << fmt1(h) << "\" fill=\"" << palette[k % 4] << "\"><title>"
                << html_escape(labels[g]) << " · " << html_escape(names[k]) << ": "
                << html_escape(series[k].texts[g]) << "</title></rect>";
            if (labels.size() <= 16 && bar >= 18)
                out << "<text class=\"value\" x=\"" << fmt1(x + bar / 2) << "\" y=\"" << fmt1(y - 4)
                    << "\" text-anchor=\"middle\">" << html_escape(series[k].texts[g]) << "</text>";
        }
    }
    x_labels(out, p, labels, centres);
    out << "</svg>";
}

void line_chart(std::ostream& out, const Report& report, const std::vector<std::string>& labels,
                const std::vector<Series>& series) {
    Plot p(labels.size());
    const bool percent = series.front().column->type == ColumnType::rate;
    const auto [max, step] = y_scale(series, percent);
    const double n = static_cast<double>(labels.size());
    const double gap = p.plot_w() / n;
    const std::vector<std::string> names = open_chart(out, report, p, max, step, percent, series);
    std::vector<double> centres;
    for (std::size_t i = 0; i < labels.size(); ++i)
        centres.push_back(p.left + gap * (static_cast<double>(i) + 0.5));
    for (std::size_t k = 0; k < series.size(); ++k) {
        const char* colour = palette[k % 4];
        // Weeks without a value (no enrolled people) break the line instead of pulling it to zero.
        std::string points;
        auto flush = [&] {
            if (points.find(' ') != std::string::npos)
                out << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2.5\" points=\""
                    << points << "\"/>";
            points.clear();
        };
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (!series[k].values[i]) {
                flush();
                continue;
            }
            double y = p.top + p.plot_h() * (1 - std::min(*series[k].values[i], max) / max);
            if (!points.empty()) points += ' ';
            points += fmt::format("{:.1f},{:.1f}", centres[i], y);
        }
        flush();
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (!series[k].values[i]) continue;
            double y = p.top + p.plot_h() * (1 - std::min(*series[k].values[i], max) / max);
            out << "<circle cx=\"" << fmt1(centres[i]) << "\" cy=\"" << fmt1(y) << "\" r=\"4\" fill=\""
                << colour << "\"><title>" << html_escape(labels[i]) << " · " << html_escape(names[k]) << ": "
                << html_escape(series[k].texts[i]) << "</title></circle>";
        }
    }
    x_labels(out, p, labels, centres);
    out << "</svg>";
}

const Table* chart_source(const Report& report, const std::string& key) {
    if (key.empty()) return &report.table;
    for (const Report::Extra& e : report.extras)
        if (e.key == key) return &e.table;
    return nullptr;
}

// One figure per chart whose columns exist; a chart without rows says so instead of drawing empty axes.
void write_chart(std::ostream& out, const Report& report, const Report::Chart& chart) {
    const Table* t = chart_source(report, chart.source);
    if (!t || chart.series.empty()) return;
    std::size_t label_index = 0;
    std::vector<Series> series;
    try {
        label_index = t->index(chart.label_key);
        for (const std::string& key : chart.series)
            series.push_back({&t->columns[t->index(key)], {}, {}});
    } catch (const std::out_of_range&) {
        return; // a chart naming a column the table lacks is a programming slip, not the reader's problem
    }
    out << "<figure><figcaption>" << html_escape(chart.title) << "</figcaption>";
    if (t->rows.empty()) {
        out << "<p class=\"empty\">" << text(report.lang, "tidak ada data", "no data") << "</p></figure>\n";
        return;
    }
    std::vector<std::string> labels;
    for (const Row& row : t->rows)
        labels.push_back(axis_label(row[label_index], t->columns[label_index], report));
    for (Series& s : series) {
        std::size_t i = t->index(s.column->key);
        for (const Row& row : t->rows) {
            s.values.push_back(number(row[i], s.column->type));
            std::string v = human_text(row[i], *s.column, report.zone, report.lang);
            s.texts.push_back(v.empty() ? "—" : v);
        }
    }
    if (chart.kind == Report::Chart::Kind::bars)
        bar_chart(out, report, labels, series);
    else
        line_chart(out, report, labels, series);
    out << "</figure>\n";
}

void write_table(std::ostream& out, const Table& t, const Report& report) {
    if (t.empty()) {
        out << "<p class=\"empty\">" << text(report.lang, "(tidak ada data)", "(no rows)") << "</p>\n";
        return;
    }
    out << "<div class=\"scroll\"><table>\n<thead><tr>";
    for (const Column& c : t.columns)
        out << "<th" << (is_numeric(c.type) ? " class=\"num\"" : "") << " scope=\"col\">"
            << html_escape(label(c, report.lang)) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    t.each_row([&](const Row& row) {
        out << "<tr>";
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            out << "<td" << cell_class(t.columns[i].type, row[i]) << '>'
                << html_escape(human_text(row[i], t.columns[i], report.zone, report.lang)) << "</td>";
        out << "</tr>\n";
    });
    out << "</tbody>\n</table></div>\n";
}

} // namespace

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

void render_html(const Report& report, std::ostream& out) {
    const Lang lang = report.lang;
    out << "<!DOCTYPE html>\n<html lang=\"" << (lang == Lang::en ? "en" : "id") << "\">\n<head>\n"
        << "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
           "initial-scale=1\">\n"
        << "<title>" << html_escape(report.title) << "</title>\n<style>" << style
        << "</style>\n</head>\n<body>\n<main>\n"
        << "<h1>" << html_escape(report.title) << "</h1>\n";
    if (!report.subtitle.empty()) {
        out << "<p class=\"sub\">";
        for (std::size_t i = 0; i < report.subtitle.size(); ++i)
            out << (i ? "<br>" : "") << html_escape(report.subtitle[i]);
        out << "</p>\n";
    }
    if (!report.totals.empty()) {
        out << "<section class=\"totals\" aria-label=\"" << text(lang, "Jumlah", "Totals") << "\">\n";
        for (const Total& t : report.totals) {
            std::string v = human_text(t.value, t.column, report.zone, lang);
            out << "<div class=\"total\"><div class=\"label\">" << html_escape(label(t.column, lang))
                << "</div><div class=\"value" << (std::holds_alternative<Marked>(t.value) ? " missing" : "")
                << "\">" << html_escape(v.empty() ? "—" : v) << "</div></div>\n";
        }
        out << "</section>\n";
    }
    if (!report.charts.empty()) {
        out << "<section class=\"charts\">\n";
        for (const Report::Chart& c : report.charts)
            write_chart(out, report, c);
        out << "</section>\n";
    }
    if (!report.charts.empty() || !report.totals.empty())
        out << "<h2>" << text(lang, "Rincian", "Details") << "</h2>\n";
    write_table(out, report.table, report);
    for (const Report::Extra& e : report.extras) {
        out << "<h2>" << html_escape(e.title) << "</h2>\n";
        write_table(out, e.table, report);
    }
    out << "<footer>asnbelajar</footer>\n</main>\n</body>\n</html>\n";
}

} // namespace asnbelajar::render
