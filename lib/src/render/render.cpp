// Format names, dispatch, and the text of single cells shared by every renderer.
#include "asnbelajar/render.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/model.hpp"
#include "asnbelajar/text.hpp"
#include "render_impl.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace asnbelajar::render {
namespace {

void write_table(const Report& r, const Options& o, std::ostream& out) {
    render_text_table(r, o, out);
}
void write_csv(const Report& r, const Options& o, std::ostream& out) {
    render_delimited(r, ',', o, out);
}
void write_tsv(const Report& r, const Options& o, std::ostream& out) {
    render_delimited(r, '\t', o, out);
}
void write_json(const Report& r, const Options&, std::ostream& out) {
    render_json(r, out);
}
void write_jsonl(const Report& r, const Options&, std::ostream& out) {
    render_jsonl(r, out);
}
void write_markdown(const Report& r, const Options&, std::ostream& out) {
    render_markdown(r, out);
}
void write_html(const Report& r, const Options&, std::ostream& out) {
    render_html(r, out);
}

// The formats: one row each (see FormatInfo).
constexpr FormatInfo format_table[] = {
    {.format = Format::table, .name = "table", .aliases = "", .extensions = "txt", .write = write_table},
    {.format = Format::csv,
     .name = "csv",
     .aliases = "",
     .extensions = "csv",
     .machine = true,
     .rows_only = true,
     .write = write_csv},
    {.format = Format::tsv,
     .name = "tsv",
     .aliases = "",
     .extensions = "tsv",
     .machine = true,
     .rows_only = true,
     .write = write_tsv},
    {.format = Format::json,
     .name = "json",
     .aliases = "",
     .extensions = "json",
     .machine = true,
     .write = write_json},
    {.format = Format::jsonl,
     .name = "jsonl",
     .aliases = "",
     .extensions = "jsonl ndjson",
     .machine = true,
     .rows_only = true,
     .write = write_jsonl},
    {.format = Format::markdown,
     .name = "markdown",
     .aliases = "md",
     .extensions = "md markdown",
     .write = write_markdown},
    {.format = Format::html, .name = "html", .aliases = "", .extensions = "html htm", .write = write_html},
    {.format = Format::xlsx,
     .name = "xlsx",
     .aliases = "",
     .extensions = "xlsx",
     .write_file = write_xlsx_file},
};

// True when `word` is one of the space-separated words of `list`.
bool listed(std::string_view list, std::string_view word) {
    while (!list.empty()) {
        const std::size_t end = std::min(list.find(' '), list.size());
        if (list.substr(0, end) == word) return true;
        list.remove_prefix(std::min(end + 1, list.size()));
    }
    return false;
}

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

std::span<const FormatInfo> formats() {
    return format_table;
}

const FormatInfo& format_info(Format f) {
    for (const FormatInfo& info : format_table)
        if (info.format == f) return info;
    return format_table[0];
}

std::string format_names(std::string_view separator, std::string_view last) {
    std::string out;
    for (std::size_t i = 0; i < std::size(format_table); ++i) {
        if (i > 0) out += i + 1 == std::size(format_table) ? last : separator;
        out += format_table[i].name;
    }
    return out;
}

std::optional<Format> parse_format(std::string_view name) {
    const std::string n = text::to_lower(name);
    for (const FormatInfo& info : format_table)
        if (info.name == n || listed(info.aliases, n)) return info.format;
    return std::nullopt;
}

std::optional<Format> format_from_extension(std::string_view path) {
    std::size_t dot = path.rfind('.');
    std::size_t slash = path.rfind('/');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
        return std::nullopt;
    const std::string ext = text::to_lower(path.substr(dot + 1));
    for (const FormatInfo& info : format_table)
        if (listed(info.extensions, ext)) return info.format;
    return std::nullopt;
}

std::string_view format_name(Format f) {
    return format_info(f).name;
}

bool is_machine_format(Format f) {
    return format_info(f).machine;
}

std::string machine_text(const Cell& cell, ColumnType type, const Zone& zone) {
    if (std::holds_alternative<std::monostate>(cell)) return {};
    if (auto* s = std::get_if<std::string>(&cell)) return *s;
    if (auto* m = std::get_if<Marked>(&cell)) return m->value;
    if (auto* d = std::get_if<Date>(&cell)) return format_date(*d);
    if (auto* v = std::get_if<double>(&cell)) return fmt::format("{:.4f}", *v);
    std::int64_t i = std::get<std::int64_t>(cell);
    switch (type) {
    case ColumnType::jp: return format_jp(i);
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
        return pct + "%"; // "75,0%": Indonesian (EYD) writes the sign against the number too
    }
    std::int64_t i = std::get<std::int64_t>(cell);
    switch (type) {
    case ColumnType::jp: return format_jp(i, decimal);
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

std::string human_text(const Cell& cell, const Column& column, const Zone& zone, Lang lang) {
    if (auto* s = std::get_if<std::string>(&cell)) return std::string(value_label(column, *s, lang));
    return human_text(cell, column.type, zone, lang);
}

void write(const Report& report, Format format, const Options& options, std::ostream& out) {
    const FormatInfo& info = format_info(format);
    if (!info.write)
        throw Error(tr("{0} is a binary file: give -o FILE.{0} (it cannot go to a stream)", info.name));
    info.write(report, options, out);
}

} // namespace asnbelajar::render
