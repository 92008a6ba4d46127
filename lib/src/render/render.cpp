// Format names, dispatch, and the text of single cells shared by every renderer.
#include "asnbelajar/render.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/text.hpp"
#include "render_impl.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace asnbelajar::render {
namespace {

constexpr std::pair<std::string_view, Format> format_names[] = {
    {"table", Format::table}, {"csv", Format::csv},           {"tsv", Format::tsv},   {"json", Format::json},
    {"jsonl", Format::jsonl}, {"markdown", Format::markdown}, {"html", Format::html}, {"xlsx", Format::xlsx},
};

std::string group_thousands(std::int64_t v, char sep) {
    std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return v < 0 ? "-" + out : out;
}

} // namespace

bool is_numeric(ColumnType t) {
    return t == ColumnType::integer || t == ColumnType::year || t == ColumnType::jp || t == ColumnType::rate;
}

std::optional<Format> parse_format(std::string_view name) {
    const std::string n = text::to_lower(name);
    if (n == "md") return Format::markdown;
    for (auto [key, f] : format_names)
        if (key == n) return f;
    return std::nullopt;
}

std::optional<Format> format_from_extension(std::string_view path) {
    std::size_t dot = path.rfind('.');
    std::size_t slash = path.rfind('/');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
        return std::nullopt;
    const std::string ext = text::to_lower(path.substr(dot + 1));
    if (ext == "htm") return Format::html;
    if (ext == "ndjson") return Format::jsonl;
    if (ext == "txt") return Format::table;
    if (ext == "md" || ext == "markdown") return Format::markdown;
    if (ext == "table") return std::nullopt;
    return parse_format(ext);
}

std::string_view format_name(Format f) {
    for (auto [key, value] : format_names)
        if (value == f) return key;
    return "table";
}

bool is_machine_format(Format f) {
    return f == Format::csv || f == Format::tsv || f == Format::json || f == Format::jsonl;
}

std::string machine_text(const Cell& cell, ColumnType type, const Zone& zone) {
    if (std::holds_alternative<std::monostate>(cell)) return {};
    if (auto* s = std::get_if<std::string>(&cell)) return *s;
    if (auto* m = std::get_if<Marked>(&cell)) return m->value;
    if (auto* d = std::get_if<Date>(&cell)) return format_date(*d);
    if (auto* v = std::get_if<double>(&cell)) return fmt::format("{:.4f}", *v);
    std::int64_t i = std::get<std::int64_t>(cell);
    switch (type) {
    case ColumnType::jp:
        return i % 10 == 0 ? fmt::format("{}", i / 10) : fmt::format("{}.{}", i / 10, std::abs(i % 10));
    case ColumnType::datetime: return format_datetime_offset(i, zone);
    case ColumnType::boolean: return i ? "true" : "false";
    default: return std::to_string(i);
    }
}

std::string human_text(const Cell& cell, ColumnType type, const Zone& zone, Lang lang) {
    const char decimal = lang == Lang::id ? ',' : '.';
    if (std::holds_alternative<std::monostate>(cell)) return {};
    if (auto* s = std::get_if<std::string>(&cell)) return *s;
    if (auto* m = std::get_if<Marked>(&cell)) {
        const std::string& words = lang == Lang::en ? m->en : m->id;
        return m->value.empty() ? words : fmt::format("{} ({})", m->value, words);
    }
    if (auto* d = std::get_if<Date>(&cell)) return human_date(*d, lang);
    if (auto* v = std::get_if<double>(&cell)) {
        std::string pct = fmt::format("{:.1f}", *v * 100.0);
        std::replace(pct.begin(), pct.end(), '.', decimal);
        return pct + (lang == Lang::id ? " %" : "%");
    }
    std::int64_t i = std::get<std::int64_t>(cell);
    switch (type) {
    case ColumnType::jp: {
        std::string t = machine_text(cell, type, zone);
        std::replace(t.begin(), t.end(), '.', decimal);
        return t;
    }
    case ColumnType::datetime: {
        LocalDateTime t = to_local(i, zone);
        return human_date(t.date, lang) + ", " + human_time(t.hour, t.minute, zone, lang);
    }
    case ColumnType::year: return std::to_string(i);
    case ColumnType::boolean:
        return i ? (lang == Lang::en ? "yes" : "ya") : (lang == Lang::en ? "no" : "tidak");
    default: return group_thousands(i, lang == Lang::id ? '.' : ',');
    }
}

void write(const Report& report, Format format, const Options& options, std::ostream& out) {
    switch (format) {
    case Format::table: render_text_table(report, options, out); return;
    case Format::csv: render_delimited(report, ',', options, out); return;
    case Format::tsv: render_delimited(report, '\t', options, out); return;
    case Format::json: render_json(report, out); return;
    case Format::jsonl: render_jsonl(report, out); return;
    case Format::markdown: render_markdown(report, out); return;
    case Format::html: render_html(report, out); return;
    case Format::xlsx: break;
    }
    throw Error("xlsx is a binary file: give -o FILE.xlsx (it cannot go to a stream)");
}

} // namespace asnbelajar::render
