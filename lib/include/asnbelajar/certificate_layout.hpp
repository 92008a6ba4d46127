// Certificate layouts: where each field of an e-certificate goes on the page. A small line-based text format
// (docs/certificates.md), parsed here into plain values; the PDF writer (certificate_pdf.hpp) draws them.
//
// Lengths are millimetres from the page's top-left corner unless a unit follows (12.5mm, 1.2cm, 10pt, 0.5in);
// text sizes are points unless a unit follows. Parsing does no I/O beyond reading the layout file itself:
// fonts and the background image are checked when a CertificatePdfWriter is made from the layout.
#pragma once

#include "asnbelajar/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace asnbelajar {

// What a certificate can print. Each has a name in layouts ({name}, `field nip`).
enum class CertificateField { name, nip, email, agency, unit, title, session, date, jp, number, series };

// "name", "nip", ... as written in layouts.
std::string_view to_string(CertificateField f);
std::optional<CertificateField> certificate_field_from(std::string_view name);

// Where a statement or attribute was written, for messages ("FILE:LINE:COLUMN: ...").
struct LayoutPosition {
    int line = 0, column = 0; // 1-based; column counts characters (UTF-8 code points)
};

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Rgb&) const = default;
};

enum class TextAlign { left, center, right };

// A piece of a text item: literal text, or a field filled in per certificate.
struct TextPart {
    std::string literal;                   // when !field
    std::optional<CertificateField> field; // when set, the certificate's value
    bool operator==(const TextPart&) const = default;
};

// `text "..." ...` or `field NAME ...`: one line (or, with lines > 1, a wrapped paragraph) of text.
struct LayoutText {
    std::vector<TextPart> parts;
    double x_mm = 0,
           y_mm = 0; // y is the baseline of the first line; x is the left edge, centre or right edge
    TextAlign align = TextAlign::left;
    double size_pt = 12;
    double width_mm =
        0;         // the widest the text may be; 0 = as far as the page edge allows (see available_width)
    int lines = 1; // the text is wrapped into at most this many lines, then shrunk until it fits
    std::string family; // empty = the layout's font
    int weight = 400;   // CSS/OpenType weight: 400 normal, 700 bold
    bool italic = false;
    std::optional<Rgb> color; // none = the layout's colour
    LayoutPosition at;        // the statement
    LayoutPosition font_at;   // the font= attribute, or the statement when there is none
};

// `qr x= y= size=`: the verification QR code, a square whose top-left corner is (x, y), quiet zone included.
struct LayoutQr {
    double x_mm = 0, y_mm = 0, size_mm = 30;
    Rgb color{0, 0, 0};
    LayoutPosition at;
};

// `rect x= y= width= height=`: a frame (stroke > 0) and/or a filled box (fill).
struct LayoutRect {
    double x_mm = 0, y_mm = 0, width_mm = 0, height_mm = 0;
    double stroke_mm = 0.5;   // 0 = no outline
    std::optional<Rgb> color; // outline; none = the layout's colour
    std::optional<Rgb> fill;
    LayoutPosition at;
};

using LayoutItem = std::variant<LayoutText, LayoutQr, LayoutRect>;

struct CertificateLayout {
    std::string source; // the file name used in messages
    double page_width_mm = 297, page_height_mm = 210;
    std::string background; // path of a PNG or JPEG image stretched over the page, or empty
    LayoutPosition background_at;
    std::string family = "DejaVu Sans"; // `font`
    LayoutPosition family_at;
    Rgb color{0x1f, 0x29, 0x37};   // `color`
    Lang lang = Lang::id;          // `lang`: the language of {date}
    std::vector<LayoutItem> items; // in the order they are drawn
};

// Parses a layout. `source` names it in messages; a relative background path is resolved against `base_dir`
// (empty: the current directory). Throws Error "SOURCE:LINE:COLUMN: what was wrong (expected what)" for the
// first mistake: an unknown statement, field or attribute, a bad number, length, colour or alignment, a
// missing x=/y=, an unterminated string, a repeated page, or an item that is not wholly on the page.
CertificateLayout parse_certificate_layout(std::string_view text, const std::string& source,
                                           const std::string& base_dir = "");

// Reads and parses the layout file at `path` (its background is relative to the file's directory). Throws
// Error naming the path when it cannot be read, and as parse_certificate_layout otherwise.
CertificateLayout load_certificate_layout(const std::string& path);

// The built-in layout (examples/sertifikat.layout, compiled in): A4 landscape, Indonesian, no background.
std::string_view default_certificate_layout_text();
CertificateLayout default_certificate_layout();

// How wide text item `t` may be on `layout`'s page: its width=, else what fits between its x and the page edges
// (the whole way to the edge for left/right alignment, twice the distance to the nearer edge when centred).
double available_width_mm(const CertificateLayout& layout, const LayoutText& t);

// The left edge of a box `width` wide that `align` anchors at `x` (its left edge, centre or right edge); in
// whatever unit x and width are given. Inline: the PDF module (lib/src/pdf) links no library code.
inline double aligned_left(TextAlign align, double x, double width) {
    switch (align) {
    case TextAlign::left: return x;
    case TextAlign::center: return x - width / 2;
    case TextAlign::right: return x - width;
    }
    return x;
}

} // namespace asnbelajar
