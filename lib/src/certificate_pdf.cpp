// CertificatePdfWriter over the PDF module (lib/src/pdf/, built as asnbelajar-pdf.so): the module is loaded
// with dlopen() the first time a writer is made, so that only the commands that draw certificates load cairo,
// pango, fontconfig, glib, libqrencode and libjpeg. See pdf/module_api.hpp.
#include "asnbelajar/certificate_pdf.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "modules.hpp"
#include "pdf/module_api.hpp"

#include <fmt/format.h>

#include <mutex>
#include <string>
#include <vector>

#ifndef ASNBELAJAR_VERSION
#define ASNBELAJAR_VERSION "dev"
#endif

namespace asnbelajar {

// The module, loaded once per process (never unloaded). Throws Error saying where it was looked for and why
// each place failed.
const pdf::ModuleApi& pdf::module() {
    static std::once_flag once;
    static const pdf::ModuleApi* api = nullptr;
    static std::string failure;
    std::call_once(once, [] {
        static const pdf::HostApi host{&field_value,
                                       &qr_content,
                                       &available_width_mm,
                                       [](const char* msgid) { return _(msgid); },
                                       &P_,
                                       &detail::vformat_translated};
        std::string reasons;
        api = static_cast<const pdf::ModuleApi*>(load_module(
            "ASNBELAJAR_PDF_MODULE", pdf::module_file, pdf::module_entry,
            [](void* entry) -> const void* {
                const pdf::ModuleApi* found = reinterpret_cast<pdf::ModuleEntry>(entry)(&host);
                return found && std::string_view(found->version) == ASNBELAJAR_VERSION &&
                               found->layout_size == sizeof(CertificateLayout)
                           ? found
                           : nullptr;
            },
            reasons));
        if (api) return;
        failure = tr("PDF certificates and QR images need asnbelajar's PDF module ({}), which could not be "
                     "loaded{} (reinstall asnbelajar)",
                     pdf::module_file, reasons);
    });
    if (!api) throw Error(failure);
    return *api;
}

void prepare_certificate_fonts() {
    pdf::module().prepare_fonts();
}

struct CertificatePdfWriter::Impl {
    Impl(const pdf::ModuleApi& a, const CertificateLayout& layout) : api(a), writer(a.make(layout)) {}
    ~Impl() { api.destroy(writer); }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    const pdf::ModuleApi& api;
    pdf::Writer* writer;
};

CertificatePdfWriter::CertificatePdfWriter(const CertificateLayout& layout)
    : impl_(std::make_unique<Impl>(pdf::module(), layout)) {}

CertificatePdfWriter::~CertificatePdfWriter() = default;

bool CertificatePdfWriter::background_recompressed() const {
    return impl_->api.background_recompressed(*impl_->writer);
}

void CertificatePdfWriter::write(std::span<const CertificateText> pages, std::ostream& out,
                                 std::string_view title, const ProgressFn& progress) {
    impl_->api.write(*impl_->writer, pages, out, title, progress);
}

} // namespace asnbelajar
