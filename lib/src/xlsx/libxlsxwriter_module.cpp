// The xlsx module (asnbelajar-xlsx.so, loaded by lib/src/render/xlsx.cpp when a report is written as xlsx):
// libxlsxwriter's functions in a table (module_api.hpp).
#include "module_api.hpp"

#ifndef ASNBELAJAR_VERSION
#define ASNBELAJAR_VERSION "dev"
#endif

namespace asnbelajar::xlsx {
namespace {

const LibxlsxwriterApi api{
    ASNBELAJAR_VERSION,          sizeof(LibxlsxwriterApi),  &::workbook_new_opt,
    &::workbook_add_worksheet,   &::workbook_add_format,    &::workbook_close,
    &::format_set_bold,          &::format_set_font_size,   &::format_set_font_color,
    &::format_set_bg_color,      &::format_set_bottom,      &::format_set_align,
    &::format_set_num_format,    &::worksheet_write_string, &::worksheet_write_number,
    &::worksheet_write_datetime, &::worksheet_set_column,   &::worksheet_freeze_panes,
    &::worksheet_autofilter,     &::lxw_strerror,
};

} // namespace
} // namespace asnbelajar::xlsx

extern "C" __attribute__((visibility("default"))) const asnbelajar::xlsx::LibxlsxwriterApi*
asnbelajar_xlsx_module() {
    return &asnbelajar::xlsx::api;
}
