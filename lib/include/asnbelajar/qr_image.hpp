// Reading the QR codes of an image (certify verify --qr-image): a PNG, such as a page of a certificate PDF
// rendered by `pdftoppm -png`, a scan or a phone photo saved as PNG. libpng decodes the picture, libzbar finds
// and decodes the codes.
#pragma once

#include <string>
#include <vector>

namespace asnbelajar {

// The contents of every QR code zbar finds in the PNG at `path`, as their bytes (no character conversion), in
// the order zbar reports them; empty when it finds none. Throws Error naming the path for a file that is
// missing, unreadable or not a PNG (with libpng's reason), and for a picture above 20000 pixels on a side.
std::vector<std::string> read_qr_codes_png(const std::string& path);

} // namespace asnbelajar
