// read_qr_codes_png() over the PDF module (lib/src/pdf/qr_read.cpp), which links libpng and libzbar, so that
// only `certify verify --qr-image` loads them.
#include "asnbelajar/qr_image.hpp"

#include "pdf/module_api.hpp"

namespace asnbelajar {

std::vector<std::string> read_qr_codes_png(const std::string& path) {
    return pdf::module().read_qr_codes_png(path);
}

} // namespace asnbelajar
