// xlsx through libxlsxwriter: a title block, a header row with frozen panes, typed cells, totals; extras on
// further sheets. Every text column is written as a string (NIPs and phone numbers stay text).
#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/text.hpp"
#include "modules.hpp"
#include "render_impl.hpp"
#include "xlsx/module_api.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <string_view>

#ifndef ASNBELAJAR_VERSION
#define ASNBELAJAR_VERSION "dev"
#endif

namespace asnbelajar::render {
namespace {

// libxlsxwriter, from the xlsx module (xlsx/module_api.hpp), loaded the first time a report is written as xlsx
// and kept for the life of the process. Throws Error naming the module and where it was looked for.
const xlsx::LibxlsxwriterApi& load_xlsx_module() {
    std::string reasons;
    const xlsx::LibxlsxwriterApi* found = load_module_table<xlsx::LibxlsxwriterApi>(
        "ASNBELAJAR_XLSX_MODULE", xlsx::module_file, xlsx::module_entry, ASNBELAJAR_VERSION, reasons);
    if (!found)
        throw Error(
            tr("xlsx output needs asnbelajar's xlsx module ({}), which could not be loaded{} (reinstall "
               "asnbelajar)",
               xlsx::module_file, reasons));
    return *found;
}

const xlsx::LibxlsxwriterApi& lxw() {
    // A failed load throws out of the initialisation, so that the next call tries again.
    static const xlsx::LibxlsxwriterApi& api = load_xlsx_module();
    return api;
}

struct Formats {
    lxw_format* title = nullptr;
    lxw_format* subtitle = nullptr;
    lxw_format* header = nullptr;
    lxw_format* header_num = nullptr;
    lxw_format* bold = nullptr;
    lxw_format* integer = nullptr;
    lxw_format* rate = nullptr;
    lxw_format* date = nullptr;
    lxw_format* datetime = nullptr;
};

Formats make_formats(lxw_workbook* wb) {
    Formats f;
    f.title = lxw().workbook_add_format(wb);
    lxw().format_set_bold(f.title);
    lxw().format_set_font_size(f.title, 14);
    f.subtitle = lxw().workbook_add_format(wb);
    lxw().format_set_font_color(f.subtitle, 0x5B6775);
    f.header = lxw().workbook_add_format(wb);
    lxw().format_set_bold(f.header);
    lxw().format_set_bg_color(f.header, 0xEEF2F7);
    lxw().format_set_bottom(f.header, LXW_BORDER_THIN);
    f.header_num = lxw().workbook_add_format(wb);
    lxw().format_set_bold(f.header_num);
    lxw().format_set_bg_color(f.header_num, 0xEEF2F7);
    lxw().format_set_bottom(f.header_num, LXW_BORDER_THIN);
    lxw().format_set_align(f.header_num, LXW_ALIGN_RIGHT);
    f.bold = lxw().workbook_add_format(wb);
    lxw().format_set_bold(f.bold);
    f.integer = lxw().workbook_add_format(wb);
    lxw().format_set_num_format(f.integer, "#,##0");
    f.rate = lxw().workbook_add_format(wb);
    lxw().format_set_num_format(f.rate, "0.0%");
    f.date = lxw().workbook_add_format(wb);
    lxw().format_set_num_format(f.date, "yyyy-mm-dd");
    f.datetime = lxw().workbook_add_format(wb);
    lxw().format_set_num_format(f.datetime, "yyyy-mm-dd hh:mm");
    return f;
}

class SheetWriter {
  public:
    SheetWriter(lxw_worksheet* ws, const Formats& f, const Report& report)
        : ws_(ws), f_(f), report_(report) {}

    void text(lxw_row_t row, std::size_t col, const std::string& s, lxw_format* format = nullptr) {
        check(lxw().worksheet_write_string(ws_, row, column(col), s.c_str(), format));
    }

    // One typed cell. Empty cells stay empty.
    void cell(lxw_row_t row, std::size_t col, const Cell& value, const Column& of) {
        if (std::holds_alternative<std::monostate>(value)) return;
        const ColumnType type = of.type;
        lxw_col_t c = column(col);
        if (auto* s = std::get_if<std::string>(&value)) {
            const std::string text(value_label(of, *s, report_.lang));
            check(lxw().worksheet_write_string(ws_, row, c, text.c_str(), nullptr));
        } else if (std::holds_alternative<Marked>(value) || type == ColumnType::boolean) {
            // Words for people: why a value is missing, "ya"/"tidak".
            const std::string words = human_text(value, type, report_.zone, report_.lang);
            check(lxw().worksheet_write_string(ws_, row, c, words.c_str(), nullptr));
        } else if (auto* d = std::get_if<Date>(&value)) {
            lxw_datetime dt{d->year, d->month, d->day, 0, 0, 0};
            check(lxw().worksheet_write_datetime(ws_, row, c, &dt, f_.date));
        } else if (auto* r = std::get_if<double>(&value)) {
            check(
                lxw().worksheet_write_number(ws_, row, c, *r, type == ColumnType::rate ? f_.rate : nullptr));
        } else {
            std::int64_t i = std::get<std::int64_t>(value);
            if (type == ColumnType::datetime) {
                LocalDateTime t = to_local(i, report_.zone);
                lxw_datetime dt{t.date.year, t.date.month, t.date.day,
                                t.hour,      t.minute,     static_cast<double>(t.second)};
                check(lxw().worksheet_write_datetime(ws_, row, c, &dt, f_.datetime));
            } else if (type == ColumnType::year) {
                check(lxw().worksheet_write_number(ws_, row, c, static_cast<double>(i), nullptr));
            } else if (type == ColumnType::jp) {
                check(lxw().worksheet_write_number(ws_, row, c, static_cast<double>(i) / 10.0, nullptr));
            } else {
                check(lxw().worksheet_write_number(ws_, row, c, static_cast<double>(i), f_.integer));
            }
        }
    }

    // Title and subtitle lines, the header (frozen), rows with an autofilter; returns the next free row.
    // A plain sheet (Report::plain_sheet) has the machine keys, unstyled, in row 1 and nothing above them.
    lxw_row_t table(const std::string& title, const std::vector<std::string>& subtitle, const Table& t,
                    bool plain = false) {
        lxw_row_t row = 0;
        if (!plain) {
            text(row++, 0, title, f_.title);
            for (const std::string& line : subtitle)
                text(row++, 0, line, f_.subtitle);
            ++row;
        }
        const lxw_row_t header = row;
        std::vector<std::size_t> widths(t.columns.size());
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            const std::string& name = plain ? t.columns[i].key : label(t.columns[i], report_.lang);
            if (plain)
                text(header, i, name);
            else
                text(header, i, name, is_numeric(t.columns[i].type) ? f_.header_num : f_.header);
            widths[i] = display_width(name);
        }
        t.each_row([&](const Row& r) {
            ++row;
            for (std::size_t i = 0; i < t.columns.size(); ++i) {
                cell(row, i, r[i], t.columns[i]);
                widths[i] = std::max(widths[i], shown_width(r[i], t.columns[i]));
            }
        });
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            lxw().worksheet_set_column(ws_, column(i), column(i),
                                       static_cast<double>(std::clamp<std::size_t>(widths[i], 6, 60) + 2),
                                       nullptr);
        lxw().worksheet_freeze_panes(ws_, header + 1, 0);
        if (!t.columns.empty())
            lxw().worksheet_autofilter(ws_, header, 0, std::max(header, row), column(t.columns.size() - 1));
        return row + 1;
    }

    lxw_error error() const { return error_; }

  private:
    static lxw_col_t column(std::size_t i) { return static_cast<lxw_col_t>(std::min<std::size_t>(i, 16383)); }

    std::size_t shown_width(const Cell& value, const Column& of) const {
        if (std::holds_alternative<Date>(value)) return 10;
        if (of.type == ColumnType::datetime) return 16;
        return display_width(human_text(value, of, report_.zone, report_.lang));
    }

    void check(lxw_error e) {
        if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
    }

    lxw_worksheet* ws_;
    const Formats& f_;
    const Report& report_;
    lxw_error error_ = LXW_NO_ERROR;
};

// The first `n` code points of `s`.
std::string first_chars(const std::string& s, std::size_t n) {
    std::size_t count = 0, i = 0;
    for (; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == n) break;
    return s.substr(0, i);
}

// Sheet names: at most 31 characters, none of []:*?/\, unique regardless of case.
std::string sheet_name(const std::string& name, std::set<std::string>& taken) {
    std::string clean;
    for (char c : name)
        if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) clean += c;
    if (clean.empty()) clean = "Sheet";
    std::string candidate = first_chars(clean, 31);
    for (int n = 2;; ++n) {
        if (taken.insert(text::to_lower(candidate)).second) return candidate;
        candidate = first_chars(clean, 26) + fmt::format(" ({})", n);
    }
}

std::string main_sheet_name(const Report& r) {
    bool en = r.lang == Lang::en;
    if (r.kind == "weekly") return en ? "Weekly" : "Mingguan";
    if (r.kind == "session") return en ? "Session" : "Sesi";
    if (r.kind == "participant") return en ? "Transcript" : "Transkrip";
    if (r.kind == "jp") return "JP";
    if (r.kind == "agency") return en ? "Agencies" : "Instansi";
    if (r.kind == "certificates") return en ? "Certificates" : "Sertifikat";
    if (r.kind == "siasn") return "SIASN";
    return r.title.empty() ? std::string(en ? "Report" : "Laporan") : r.title;
}

} // namespace

void write_xlsx_file(const Report& report, const std::string& path) {
    lxw(); // without the module, fail before the file is made
    // Create the file first: libxlsxwriter reports a file it cannot create on stderr, and the library never
    // prints, so such failures are caught here with their reason.
    if (std::FILE* probe = std::fopen(path.c_str(), "wb"))
        std::fclose(probe);
    else
        throw Error(tr("cannot write {}: {}", path, std::strerror(errno)));
    // A streamed table (a year of a million people) is written in libxlsxwriter's constant-memory mode: each
    // row goes to a temporary file as it is written, and strings are stored inline instead of in the shared
    // string table, so memory does not grow with the rows. Small reports keep the shared strings (smaller files).
    // Every sheet is written in row order, as that mode requires.
    lxw_workbook_options options{};
    options.constant_memory = report.table.stream ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* wb = lxw().workbook_new_opt(path.c_str(), &options);
    if (!wb) throw Error(tr("cannot write {}: out of memory", path));
    Formats f = make_formats(wb);
    std::set<std::string> taken;
    lxw_error error = LXW_NO_ERROR;

    lxw_worksheet* ws = lxw().workbook_add_worksheet(wb, sheet_name(main_sheet_name(report), taken).c_str());
    if (!ws) {
        lxw().workbook_close(wb);
        std::remove(path.c_str());
        throw Error(tr("cannot write {}: no worksheet", path));
    }
    SheetWriter main(ws, f, report);
    lxw_row_t row = main.table(report.title, report.subtitle, report.table, report.plain_sheet);
    if (!report.totals.empty() && !report.plain_sheet) {
        main.text(++row, 0, report.lang == Lang::en ? "Totals" : "Jumlah", f.bold);
        for (const Total& t : report.totals) {
            main.text(++row, 0, label(t.column, report.lang));
            main.cell(row, 1, t.value, t.column);
        }
    }
    error = main.error();
    for (const Report::Extra& e : report.extras) {
        if (report.plain_sheet) break;
        lxw_worksheet* extra = lxw().workbook_add_worksheet(wb, sheet_name(e.title, taken).c_str());
        if (!extra) continue;
        SheetWriter w(extra, f, report);
        w.table(e.title, {}, e.table);
        if (error == LXW_NO_ERROR) error = w.error();
    }
    if (error != LXW_NO_ERROR) {
        lxw().workbook_close(wb);
        std::remove(path.c_str());
        throw Error(tr("cannot write {}: {}", path, lxw().lxw_strerror(error)));
    }
    lxw_error closed = lxw().workbook_close(wb);
    if (closed != LXW_NO_ERROR) {
        std::remove(path.c_str());
        throw Error(tr("cannot write {}: {}", path, lxw().lxw_strerror(closed)));
    }
}

} // namespace asnbelajar::render
