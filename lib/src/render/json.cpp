// JSON and JSON Lines: typed values under the machine keys.
#include "render_impl.hpp"

#include <fmt/format.h>

namespace asnbelajar::render {
namespace {

void write_value(std::ostream& out, const Cell& cell, ColumnType type, const Zone& zone) {
    const auto* marked = std::get_if<Marked>(&cell);
    if (std::holds_alternative<std::monostate>(cell) || (marked && marked->value.empty())) {
        out << "null";
        return;
    }
    if (marked) { // text, whatever the column's type
        out << json_string(marked->value);
        return;
    }
    switch (type) {
    case ColumnType::integer:
    case ColumnType::year:
    case ColumnType::jp:
    case ColumnType::rate:
    case ColumnType::boolean: out << machine_text(cell, type, zone); return;
    default: out << json_string(machine_text(cell, type, zone)); return;
    }
}

void write_object(std::ostream& out, const Table& t, const Row& row, const Zone& zone) {
    out << '{';
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        if (i) out << ',';
        out << json_string(t.columns[i].key) << ':';
        write_value(out, row[i], t.columns[i].type, zone);
    }
    out << '}';
}

void write_array(std::ostream& out, const Table& t, const Zone& zone, const char* indent) {
    out << '[';
    bool first = true;
    t.each_row([&](const Row& row) {
        out << (first ? "\n" : ",\n") << indent;
        first = false;
        write_object(out, t, row, zone);
    });
    if (!first) out << '\n' << (indent[0] ? "  " : "");
    out << ']';
}

} // namespace

std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20)
                out += fmt::format("\\u{:04x}", c);
            else
                out += ch;
        }
    }
    out += '"';
    return out;
}

void render_json(const Report& report, std::ostream& out) {
    if (!report.json_object) {
        write_array(out, report.table, report.zone, "  ");
        out << '\n';
        return;
    }
    out << "{\n";
    if (report.period)
        out << "  \"period\": {\"from\": " << json_string(format_date(report.period->from))
            << ", \"to\": " << json_string(format_date(report.period->to)) << "},\n";
    out << "  " << json_string(report.rows_key) << ": ";
    write_array(out, report.table, report.zone, "    ");
    out << ",\n  \"totals\": {";
    for (std::size_t i = 0; i < report.totals.size(); ++i) {
        const Total& t = report.totals[i];
        out << (i ? ", " : "") << json_string(t.column.key) << ": ";
        write_value(out, t.value, t.column.type, report.zone);
    }
    out << '}';
    for (const Report::Extra& e : report.extras) {
        out << ",\n  " << json_string(e.key) << ": ";
        write_array(out, e.table, report.zone, "    ");
    }
    out << "\n}\n";
}

void render_jsonl(const Report& report, std::ostream& out) {
    report.table.each_row([&](const Row& row) {
        write_object(out, report.table, row, report.zone);
        out << '\n';
    });
}

} // namespace asnbelajar::render
