// The seam between the program and its xlsx module (asnbelajar-xlsx.so): libxlsxwriter, and through it
// libminizip, libz and libcrypto (whose symbols were a millisecond of every process's start-up: issue 18), are
// loaded with dlopen() only when a report is written as xlsx (lib/src/render/xlsx.cpp).
//
// As in the PostgreSQL module (pg/module_api.hpp), the module holds no code of ours: it is linked with
// libxlsxwriter and hands the program a table of the libxlsxwriter functions the xlsx renderer calls, under
// their own names and types; nothing but libxlsxwriter's C interface crosses the seam. Both sides are built
// from one source tree in one build; a module from another build is refused.
#pragma once

#include <xlsxwriter.h>

#include <cstddef>

namespace asnbelajar::xlsx {

struct LibxlsxwriterApi {
    // The program's version and the size of this table: a module from another build is refused.
    const char* version;
    std::size_t size;
    decltype(&::workbook_new_opt) workbook_new_opt;
    decltype(&::workbook_add_worksheet) workbook_add_worksheet;
    decltype(&::workbook_add_format) workbook_add_format;
    decltype(&::workbook_close) workbook_close;
    decltype(&::format_set_bold) format_set_bold;
    decltype(&::format_set_font_size) format_set_font_size;
    decltype(&::format_set_font_color) format_set_font_color;
    decltype(&::format_set_bg_color) format_set_bg_color;
    decltype(&::format_set_bottom) format_set_bottom;
    decltype(&::format_set_align) format_set_align;
    decltype(&::format_set_num_format) format_set_num_format;
    decltype(&::worksheet_write_string) worksheet_write_string;
    decltype(&::worksheet_write_number) worksheet_write_number;
    decltype(&::worksheet_write_datetime) worksheet_write_datetime;
    decltype(&::worksheet_set_column) worksheet_set_column;
    decltype(&::worksheet_freeze_panes) worksheet_freeze_panes;
    decltype(&::worksheet_autofilter) worksheet_autofilter;
    decltype(&::lxw_strerror) lxw_strerror;
};

// The module's one exported symbol: `extern "C" const LibxlsxwriterApi* asnbelajar_xlsx_module()`.
constexpr const char* module_entry = "asnbelajar_xlsx_module";
using ModuleEntry = const LibxlsxwriterApi* (*)();
// Its file name, looked for as the other modules are (modules.hpp).
constexpr const char* module_file = "asnbelajar-xlsx.so";

} // namespace asnbelajar::xlsx
