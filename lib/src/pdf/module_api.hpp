// The seam between the program and its PDF module (asnbelajar-pdf.so): the program loads the module with
// dlopen() only when it writes PDF certificates, so that every other command starts without cairo, pango,
// fontconfig, glib, libqrencode and libjpeg (40 shared libraries, most of a process's start-up: issue 18).
//
// Both sides are built from one source tree in one build; the module's entry point hands the program a table
// of functions and the program hands the module the few of its own that drawing needs, so that no library code
// is linked twice. Errors are asnbelajar::Error exceptions, thrown across the seam (same C++ runtime).
#pragma once

#include "asnbelajar/certificate_layout.hpp"
#include "asnbelajar/certificate_pdf.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar::pdf {

// What the module calls back into the program for. The module's messages go through the program's gettext
// functions (i18n.hpp), so that they follow the language the program chose.
struct HostApi {
    const std::string& (*field_value)(const CertificateText& text, CertificateField field);
    std::string (*qr_content)(const CertificateText& text);
    double (*available_width_mm)(const CertificateLayout& layout, const LayoutText& text);
    const char* (*translate)(const char* msgid);
    const char* (*translate_plural)(const char* singular, const char* plural, unsigned long n);
    std::string (*vformat_translated)(std::string_view english, const char* translated,
                                      fmt::format_args args);
};

struct Writer; // the module's writer, opaque to the program

// What the module offers: CertificatePdfWriter's operations.
struct ModuleApi {
    // The program's version and the size of the layout it passes: a module from another build is refused.
    const char* version;
    std::size_t layout_size;
    void (*prepare_fonts)();
    Writer* (*make)(const CertificateLayout& layout);
    void (*destroy)(Writer* writer) noexcept;
    bool (*background_recompressed)(const Writer& writer);
    void (*write)(Writer& writer, std::span<const CertificateText> pages, std::ostream& out,
                  std::string_view title, const ProgressFn& progress);
    // read_qr_codes_png() (qr_image.hpp): libpng and libzbar live here too.
    std::vector<std::string> (*read_qr_codes_png)(const std::string& path);
};

// The module's one exported symbol: `extern "C" const ModuleApi* asnbelajar_pdf_module(const HostApi*)`.
constexpr const char* module_entry = "asnbelajar_pdf_module";
using ModuleEntry = const ModuleApi* (*)(const HostApi* host);
// Its file name, looked for beside the program, then in the installed library directory.
constexpr const char* module_file = "asnbelajar-pdf.so";

// The program's side (certificate_pdf.cpp): the module, loaded the first time it is asked for and kept for the
// life of the process. Throws Error naming the module and where it was looked for.
const ModuleApi& module();

// The module's side (qr_read.cpp): the QR codes of a PNG.
std::vector<std::string> read_qr_codes(const std::string& path);

} // namespace asnbelajar::pdf
