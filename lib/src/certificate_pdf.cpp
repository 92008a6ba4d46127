// CertificatePdfWriter over the PDF module (lib/src/pdf/, built as asnbelajar-pdf.so): the module is loaded
// with dlopen() the first time a writer is made, so that only the commands that draw certificates load cairo,
// pango, fontconfig, glib, libqrencode and libjpeg. See pdf/module_api.hpp.
#include "asnbelajar/certificate_pdf.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "pdf/module_api.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <fmt/format.h>

#include <climits>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#ifndef ASNBELAJAR_VERSION
#define ASNBELAJAR_VERSION "dev"
#endif
#ifndef ASNBELAJAR_PDF_MODULE_DIR
#define ASNBELAJAR_PDF_MODULE_DIR "../lib/asnbelajar" // relative to the program's directory
#endif

namespace asnbelajar {
namespace {

// The directory of the running program ("" when unknown).
std::string program_dir() {
    char buf[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return {};
    std::string path(buf, static_cast<std::size_t>(n));
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

// Where the module may be: $ASNBELAJAR_PDF_MODULE when set (tests run from another directory), else beside
// the program (a build tree), then the installed library directory relative to the program's
// (BINDIR/../LIBDIR/asnbelajar, whatever the prefix).
std::vector<std::string> module_candidates() {
    if (const char* env = std::getenv("ASNBELAJAR_PDF_MODULE"); env && *env) return {env};
    std::vector<std::string> out;
    if (std::string dir = program_dir(); !dir.empty()) {
        out.push_back(dir + "/" + pdf::module_file);
        out.push_back(dir + "/" + ASNBELAJAR_PDF_MODULE_DIR + "/" + pdf::module_file);
    }
    return out;
}

} // namespace

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
        for (const std::string& path : module_candidates()) {
            void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
            if (!handle) {
                const char* why = ::dlerror();
                reasons += fmt::format("; {}", why ? why : path);
                continue;
            }
            auto entry = reinterpret_cast<pdf::ModuleEntry>(::dlsym(handle, pdf::module_entry));
            const pdf::ModuleApi* found = entry ? entry(&host) : nullptr;
            if (!found || std::string_view(found->version) != ASNBELAJAR_VERSION ||
                found->layout_size != sizeof(CertificateLayout)) {
                reasons += tr("; {}: from another build of asnbelajar", path);
                continue; // the handle stays open: the module may have been used already
            }
            api = found;
            return;
        }
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
