// Reading the QR codes of a PNG (certify verify --qr-image), in the PDF module: libzbar alone pulls in some 15
// shared libraries (v4l, X11, D-Bus, systemd, gcrypt), which every command would otherwise load at start-up.
#include "module_api.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>
#include <png.h>
#include <zbar.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace asnbelajar::pdf {
namespace {

// zbar.h declares its C API inside namespace zbar when compiled as C++.
using zbar::zbar_image_destroy;
using zbar::zbar_image_scanner_destroy;
using zbar::zbar_image_scanner_t;
using zbar::zbar_image_t;

constexpr png_uint_32 max_side = 20000; // pixels: a page at 600 dpi is some 7000

struct ImageFree {
    void operator()(png_image* image) const { png_image_free(image); }
};
struct ScannerFree {
    void operator()(zbar_image_scanner_t* s) const { zbar_image_scanner_destroy(s); }
};
struct ZbarImageFree {
    void operator()(zbar_image_t* i) const { zbar_image_destroy(i); }
};

} // namespace

std::vector<std::string> read_qr_codes(const std::string& path) {
    using namespace zbar;
    // Opened here (not by libpng) so that a missing file is told as such, with the system's reason.
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) throw Error(tr("cannot read the image {}: {}", path, std::strerror(errno)));
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    std::unique_ptr<png_image, ImageFree> guard(&image);
    if (!png_image_begin_read_from_stdio(&image, file.get()))
        throw Error(tr("{} is not a PNG image that can be read ({})", path, image.message));
    if (image.width == 0 || image.height == 0 || image.width > max_side || image.height > max_side)
        throw Error(tr("{}: a picture of {}x{} pixels is refused (at most {} a side)", path, image.width,
                       image.height, max_side));
    image.format = PNG_FORMAT_GRAY; // zbar reads 8-bit grey ("Y800"); transparency is composed over white
    std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(image));
    const png_color white{255, 255, 255};
    if (!png_image_finish_read(&image, &white, pixels.data(), 0, nullptr))
        throw Error(tr("{} is not a PNG image that can be read ({})", path, image.message));

    std::unique_ptr<zbar_image_scanner_t, ScannerFree> scanner(zbar_image_scanner_create());
    if (!scanner) throw std::bad_alloc();
    zbar_image_scanner_set_config(scanner.get(), ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner.get(), ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_scanner_set_config(scanner.get(), ZBAR_QRCODE, ZBAR_CFG_BINARY, 1); // the bytes as printed
    std::unique_ptr<zbar_image_t, ZbarImageFree> frame(zbar_image_create());
    if (!frame) throw std::bad_alloc();
    zbar_image_set_format(frame.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(frame.get(), image.width, image.height);
    zbar_image_set_data(frame.get(), pixels.data(), pixels.size(), nullptr); // the vector owns the pixels
    if (zbar_scan_image(scanner.get(), frame.get()) < 0)
        throw Error(tr("cannot look for QR codes in {}", path));
    std::vector<std::string> codes;
    for (const zbar_symbol_t* s = zbar_image_first_symbol(frame.get()); s; s = zbar_symbol_next(s))
        if (zbar_symbol_get_type(s) == ZBAR_QRCODE)
            codes.emplace_back(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
    return codes;
}

} // namespace asnbelajar::pdf
