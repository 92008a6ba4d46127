// The PDF module (asnbelajar-pdf.so, loaded by certificate_pdf.cpp when certificates are drawn or QR codes read,
// qr_read.cpp): PDF
// certificates with cairo (the PDF itself), pango (shaping; cairo embeds subsets of the fonts it used),
// fontconfig (is a font installed?), libqrencode (the QR code) and libjpeg-turbo (JPEG backgrounds, embedded as
// they are). Nothing here writes a PDF by hand.
#include "module_api.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <cstdio> // jpeglib.h needs FILE
#include <jpeglib.h>

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <csetjmp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <ostream>
#include <set>
#include <vector>

#ifndef ASNBELAJAR_VERSION
#define ASNBELAJAR_VERSION "dev"
#endif

namespace asnbelajar::pdf {
namespace {

const HostApi* host = nullptr; // set once by the entry point

constexpr double pt_per_mm = 72.0 / 25.4;

struct SurfaceFree {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct GObjectFree {
    void operator()(void* o) const { g_object_unref(o); }
};
struct FontDescriptionFree {
    void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
struct QrFree {
    void operator()(QRcode* q) const { QRcode_free(q); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceFree>;
using CairoPtr = std::unique_ptr<cairo_t, CairoFree>;
template <typename T> using GObjectPtr = std::unique_ptr<T, GObjectFree>;
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;
using QrPtr = std::unique_ptr<QRcode, QrFree>;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// Every family name fontconfig knows (lower-case), read once per process.
const std::set<std::string>& installed_families() {
    static std::once_flag once;
    static std::set<std::string> families;
    std::call_once(once, [] {
        FcInit();
        FcPattern* pattern = FcPatternCreate();
        FcObjectSet* objects = FcObjectSetBuild(FC_FAMILY, nullptr);
        FcFontSet* fonts = FcFontList(nullptr, pattern, objects);
        if (fonts) {
            for (int i = 0; i < fonts->nfont; ++i) {
                FcChar8* name = nullptr;
                for (int n = 0; FcPatternGetString(fonts->fonts[i], FC_FAMILY, n, &name) == FcResultMatch;
                     ++n)
                    families.insert(lower(reinterpret_cast<const char*>(name)));
            }
            FcFontSetDestroy(fonts);
        }
        FcObjectSetDestroy(objects);
        FcPatternDestroy(pattern);
    });
    return families;
}

bool font_installed(const std::string& family) {
    static const std::set<std::string> generic = {"sans", "sans-serif", "serif",   "monospace",
                                                  "mono", "system-ui",  "cursive", "fantasy"};
    std::string l = lower(family);
    return generic.contains(l) || installed_families().contains(l);
}

std::vector<unsigned char> read_file(const std::string& path, const std::string& where) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(tr("{}: cannot read the background {}: {}", where, path, std::strerror(errno)));
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error(tr("{}: cannot read the background {}: {}", where, path, std::strerror(errno)));
    return bytes;
}

// --- JPEG: libjpeg reports errors through a callback that must not return, hence setjmp.

struct JpegErrors {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

extern "C" void jpeg_fail(j_common_ptr info) {
    auto* e = reinterpret_cast<JpegErrors*>(info->err);
    (*info->err->format_message)(info, e->message);
    std::longjmp(e->jump, 1);
}
extern "C" void jpeg_quiet(j_common_ptr, int) {} // warnings of a readable file are not our user's business

// Decodes `bytes` into `surface` (RGB24). Returns false with `message` set when libjpeg gives up. Kept free of
// objects with destructors, as longjmp skips them.
bool decode_jpeg(const std::vector<unsigned char>& bytes, cairo_surface_t** surface, char* message) {
    jpeg_decompress_struct info;
    JpegErrors errors;
    info.err = jpeg_std_error(&errors.mgr);
    errors.mgr.error_exit = jpeg_fail;
    errors.mgr.emit_message = jpeg_quiet;
    *surface = nullptr;
    unsigned char* row = nullptr;
    if (setjmp(errors.jump)) {
        std::strcpy(message, errors.message);
        jpeg_destroy_decompress(&info);
        std::free(row);
        if (*surface) cairo_surface_destroy(*surface);
        *surface = nullptr;
        return false;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&info, TRUE);
    const bool cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    info.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_BGRX; // BGRX is cairo's RGB24 in memory (little-endian)
    jpeg_start_decompress(&info);
    if (info.output_width > 20000 || info.output_height > 20000) {
        const std::string why = tr("an image of {} × {} pixels is too large (at most 20000 a side)",
                                   info.output_width, info.output_height);
        std::snprintf(message, JMSG_LENGTH_MAX, "%s", why.c_str());
        jpeg_destroy_decompress(&info);
        return false;
    }
    *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(info.output_width),
                                          static_cast<int>(info.output_height));
    cairo_surface_flush(*surface);
    unsigned char* data = cairo_image_surface_get_data(*surface);
    const int stride = cairo_image_surface_get_stride(*surface);
    if (cmyk) row = static_cast<unsigned char*>(std::malloc(info.output_width * 4));
    // Adobe's CMYK JPEGs (the usual ones) store the inks inverted.
    const bool inverted = info.saw_Adobe_marker;
    while (info.output_scanline < info.output_height) {
        unsigned char* line = data + static_cast<std::ptrdiff_t>(info.output_scanline) * stride;
        JSAMPROW rows[1] = {cmyk ? row : line};
        jpeg_read_scanlines(&info, rows, 1);
        if (!cmyk) continue;
        for (unsigned x = 0; x < info.output_width; ++x) {
            unsigned c = row[4 * x], m = row[4 * x + 1], y = row[4 * x + 2], k = row[4 * x + 3];
            if (!inverted) c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
            line[4 * x] = static_cast<unsigned char>(y * k / 255);     // blue
            line[4 * x + 1] = static_cast<unsigned char>(m * k / 255); // green
            line[4 * x + 2] = static_cast<unsigned char>(c * k / 255); // red
            line[4 * x + 3] = 0xff;
        }
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    std::free(row);
    cairo_surface_mark_dirty(*surface);
    return true;
}

struct PngSource {
    const std::vector<unsigned char>* bytes;
    std::size_t at = 0;
};

extern "C" cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
    auto* src = static_cast<PngSource*>(closure);
    if (src->bytes->size() - src->at < length) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, src->bytes->data() + src->at, length);
    src->at += length;
    return CAIRO_STATUS_SUCCESS;
}

// The background image as a cairo surface. A JPEG keeps its file as mime data, so that the PDF embeds the
// original bytes (DCTDecode) instead of recompressing its pixels.
SurfacePtr load_background(const CertificateLayout& layout) {
    const std::string where =
        fmt::format("{}:{}:{}", layout.source, layout.background_at.line, layout.background_at.column);
    std::vector<unsigned char> bytes = read_file(layout.background, where);
    auto starts = [&](std::initializer_list<unsigned char> magic) {
        return bytes.size() >= magic.size() && std::equal(magic.begin(), magic.end(), bytes.begin());
    };
    if (starts({0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
        // The size, from the IHDR chunk that must come first, before cairo allocates the pixels.
        auto be32 = [&](std::size_t at) {
            return bytes.size() < at + 4
                       ? 0u
                       : (std::uint32_t{bytes[at]} << 24 | std::uint32_t{bytes[at + 1]} << 16 |
                          std::uint32_t{bytes[at + 2]} << 8 | std::uint32_t{bytes[at + 3]});
        };
        if (be32(16) > 20000 || be32(20) > 20000)
            throw Error(tr("{}: the background {} is too large ({} × {} pixels; at most 20000 a side)", where,
                           layout.background, be32(16), be32(20)));
        PngSource src{&bytes};
        SurfacePtr s(cairo_image_surface_create_from_png_stream(read_png, &src));
        if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS)
            throw Error(tr("{}: the background {} is not a PNG that can be read ({})", where,
                           layout.background, cairo_status_to_string(cairo_surface_status(s.get()))));
        return s;
    }
    if (starts({0xff, 0xd8, 0xff})) {
        cairo_surface_t* raw = nullptr;
        char message[JMSG_LENGTH_MAX] = "";
        if (!decode_jpeg(bytes, &raw, message))
            throw Error(tr("{}: the background {} is not a JPEG that can be read ({})", where,
                           layout.background, message));
        SurfacePtr s(raw);
        auto* copy = static_cast<unsigned char*>(std::malloc(bytes.size()));
        if (!copy) throw std::bad_alloc();
        std::memcpy(copy, bytes.data(), bytes.size());
        cairo_surface_set_mime_data(s.get(), CAIRO_MIME_TYPE_JPEG, copy, bytes.size(), std::free, copy);
        return s;
    }
    throw Error(tr("{}: the background {} is neither a PNG nor a JPEG image", where, layout.background));
}

cairo_status_t write_to_stream(void* closure, const unsigned char* data, unsigned int length) {
    auto* out = static_cast<std::ostream*>(closure);
    out->write(reinterpret_cast<const char*>(data), length);
    return *out ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

// The bit of pixel `x` (0..31) in a 32-bit word of a CAIRO_FORMAT_A1 image: bit order follows the byte order.
std::uint32_t a1_bit(int x) {
    return std::endian::native == std::endian::little ? 1u << x : 0x80000000u >> x;
}

void set_color(cairo_t* cr, Rgb c) {
    cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0);
}

// A value for cairo's tag attributes: 'text' with quotes and backslashes escaped.
std::string tag_string(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

void check_status(cairo_status_t status) {
    if (status == CAIRO_STATUS_SUCCESS) return;
    throw Error(status == CAIRO_STATUS_WRITE_ERROR
                    ? tr("cannot write the PDF: {}", cairo_status_to_string(status))
                    : tr("cannot draw the certificate: {}", cairo_status_to_string(status)));
}

void prepare_fonts() {
    installed_families();
}

// ---- the writer

} // namespace

struct Writer {
    // One text item with the pango layout that draws it, kept from page to page: text that did not change
    // (all the fixed wording) is not shaped again.
    struct Slot {
        const LayoutText* item = nullptr;
        GObjectPtr<PangoLayout> layout;
        FontDescriptionPtr font;
        double available_pt = 0;
        bool fixed = false; // no fields: the same on every page
        bool ready = false;
        std::string text;
        double size_pt = 0; // after shrinking to fit
    };

    CertificateLayout layout;
    SurfacePtr background;
    GObjectPtr<PangoFontMap> font_map;
    GObjectPtr<PangoContext> context;
    std::vector<Slot> slots;

    explicit Writer(const CertificateLayout& l) : layout(l) {
        check_fonts();
        if (!layout.background.empty()) background = load_background(layout);
        font_map.reset(pango_cairo_font_map_new());
        // Points as the unit: a 12 pt font is 12 units of the PDF surface.
        pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(font_map.get()), 72);
        context.reset(pango_font_map_create_context(font_map.get()));
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        pango_cairo_context_set_font_options(context.get(), options);
        cairo_font_options_destroy(options);
        pango_context_set_round_glyph_positions(context.get(), FALSE);
        for (const LayoutItem& item : layout.items) {
            const auto* t = std::get_if<LayoutText>(&item);
            if (!t) continue;
            Slot s;
            s.item = t;
            s.layout.reset(pango_layout_new(context.get()));
            s.font.reset(pango_font_description_new());
            pango_font_description_set_family(s.font.get(),
                                              (t->family.empty() ? layout.family : t->family).c_str());
            pango_font_description_set_weight(s.font.get(), static_cast<PangoWeight>(t->weight));
            pango_font_description_set_style(s.font.get(),
                                             t->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
            s.available_pt = host->available_width_mm(layout, *t) * pt_per_mm;
            s.fixed =
                std::none_of(t->parts.begin(), t->parts.end(), [](const TextPart& p) { return p.field; });
            pango_layout_set_single_paragraph_mode(s.layout.get(), t->lines == 1);
            if (t->lines > 1) {
                pango_layout_set_wrap(s.layout.get(), PANGO_WRAP_WORD_CHAR);
                pango_layout_set_width(s.layout.get(), static_cast<int>(s.available_pt * PANGO_SCALE));
                pango_layout_set_alignment(s.layout.get(), t->align == TextAlign::left ? PANGO_ALIGN_LEFT
                                                           : t->align == TextAlign::center
                                                               ? PANGO_ALIGN_CENTER
                                                               : PANGO_ALIGN_RIGHT);
            }
            slots.push_back(std::move(s));
        }
    }

    void check_fonts() const {
        auto fail = [&](LayoutPosition at, const std::string& family) {
            throw Error(tr("{}:{}:{}: the font \"{}\" is not installed (fontconfig has no such family; "
                           "'fc-list : family' lists those it has)",
                           layout.source, at.line, at.column, family));
        };
        bool default_used = false;
        for (const LayoutItem& item : layout.items)
            if (const auto* t = std::get_if<LayoutText>(&item)) {
                if (t->family.empty()) {
                    default_used = true;
                    if (!font_installed(layout.family))
                        fail(layout.family_at.line > 0 ? layout.family_at : t->at, layout.family);
                } else if (!font_installed(t->family)) {
                    fail(t->font_at, t->family);
                }
            }
        if (!default_used && layout.family_at.line > 0 && !font_installed(layout.family))
            fail(layout.family_at, layout.family);
    }

    // The text of `t` for one certificate; nullopt when it has fields and all of them are empty.
    static std::optional<std::string> compose(const LayoutText& t, const CertificateText& c) {
        std::string s;
        bool any_field = false, any_value = false;
        for (const TextPart& p : t.parts) {
            if (!p.field) {
                s += p.literal;
                continue;
            }
            any_field = true;
            const std::string& v = host->field_value(c, *p.field);
            any_value = any_value || !v.empty();
            s += v;
        }
        if (any_field && !any_value) return std::nullopt;
        if (!g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) {
            gchar* valid = g_utf8_make_valid(s.data(), static_cast<gssize>(s.size()));
            s = valid;
            g_free(valid);
        }
        return s;
    }

    void set_size(Slot& s, double size_pt) {
        s.size_pt = size_pt;
        pango_font_description_set_absolute_size(s.font.get(), size_pt * PANGO_SCALE);
        pango_layout_set_font_description(s.layout.get(), s.font.get());
    }

    // Sets `text` at the item's size, then shrinks it until it fits its room (and its lines).
    void fit(Slot& s, const std::string& text) {
        pango_layout_set_text(s.layout.get(), text.data(), static_cast<int>(text.size()));
        s.text = text;
        set_size(s, s.item->size_pt);
        if (s.item->lines == 1) {
            for (int i = 0; i < 6; ++i) {
                PangoRectangle logical;
                pango_layout_get_extents(s.layout.get(), nullptr, &logical);
                double width = static_cast<double>(logical.width) / PANGO_SCALE;
                if (width <= s.available_pt) break;
                set_size(s, s.size_pt * s.available_pt / width * (i == 0 ? 1.0 : 0.98));
            }
        } else {
            while (pango_layout_get_line_count(s.layout.get()) > s.item->lines && s.size_pt > 2)
                set_size(s, s.size_pt * 0.94);
        }
        s.ready = true;
    }

    void draw_text(cairo_t* cr, Slot& s, const CertificateText& c) {
        const LayoutText& t = *s.item;
        std::optional<std::string> text = compose(t, c);
        if (!text) return;
        if (!s.ready || (!s.fixed && *text != s.text)) fit(s, *text);
        PangoRectangle logical;
        pango_layout_get_extents(s.layout.get(), nullptr, &logical);
        const double x = t.x_mm * pt_per_mm;
        const double top =
            t.y_mm * pt_per_mm - static_cast<double>(pango_layout_get_baseline(s.layout.get())) / PANGO_SCALE;
        // Several lines: pango aligns each line inside the box; one line: its logical box is placed.
        const double left = t.lines > 1
                                ? aligned_left(t.align, x, s.available_pt)
                                : aligned_left(t.align, x, static_cast<double>(logical.width) / PANGO_SCALE) -
                                      static_cast<double>(logical.x) / PANGO_SCALE;
        set_color(cr, t.color.value_or(layout.color));
        cairo_move_to(cr, left, top);
        pango_cairo_show_layout(cr, s.layout.get());
    }

    void draw_qr(cairo_t* cr, const LayoutQr& q, const CertificateText& c) const {
        const std::string content = host->qr_content(c);
        if (content.empty()) return;
        QrPtr code(QRcode_encodeString(content.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
        if (!code)
            throw Error(tr("certificate {}: cannot make a QR code of {} bytes ({})", c.number, content.size(),
                           std::strerror(errno)));
        const int n = code->width;
        constexpr int quiet = 4; // modules of white around the code, as the standard asks
        const double x0 = q.x_mm * pt_per_mm, y0 = q.y_mm * pt_per_mm, side = q.size_mm * pt_per_mm;
        const double module = side / (n + 2 * quiet);
        if (!c.verification_url.empty())
            cairo_tag_begin(cr, CAIRO_TAG_LINK, fmt::format("uri={}", tag_string(content)).c_str());
        cairo_set_source_rgb(cr, 1, 1, 1); // readable on any background
        cairo_rectangle(cr, x0, y0, side, side);
        cairo_fill(cr);
        // The modules as a 1-bit mask, one pixel each, scaled up without smoothing: the PDF gets a small
        // stencil mask (sharp at any zoom and in print) instead of hundreds of rectangles.
        SurfacePtr mask(cairo_image_surface_create(CAIRO_FORMAT_A1, n, n));
        cairo_surface_flush(mask.get());
        unsigned char* bits = cairo_image_surface_get_data(mask.get());
        const int stride = cairo_image_surface_get_stride(mask.get());
        for (int y = 0; y < n; ++y) {
            auto* row = reinterpret_cast<std::uint32_t*>(bits + static_cast<std::ptrdiff_t>(y) * stride);
            for (int x = 0; x < n; ++x)
                if (code->data[static_cast<std::ptrdiff_t>(y) * n + x] & 1) row[x / 32] |= a1_bit(x % 32);
        }
        cairo_surface_mark_dirty(mask.get());
        cairo_save(cr);
        cairo_translate(cr, x0 + quiet * module, y0 + quiet * module);
        cairo_scale(cr, module, module);
        set_color(cr, q.color);
        cairo_pattern_t* pattern = cairo_pattern_create_for_surface(mask.get());
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST);
        cairo_mask(cr, pattern);
        cairo_pattern_destroy(pattern);
        cairo_restore(cr);
        if (!c.verification_url.empty()) cairo_tag_end(cr, CAIRO_TAG_LINK);
    }

    void draw_rect(cairo_t* cr, const LayoutRect& r) const {
        cairo_rectangle(cr, r.x_mm * pt_per_mm, r.y_mm * pt_per_mm, r.width_mm * pt_per_mm,
                        r.height_mm * pt_per_mm);
        if (r.fill) {
            set_color(cr, *r.fill);
            if (r.stroke_mm > 0)
                cairo_fill_preserve(cr);
            else
                cairo_fill(cr);
        }
        if (r.stroke_mm > 0) {
            set_color(cr, r.color.value_or(layout.color));
            cairo_set_line_width(cr, r.stroke_mm * pt_per_mm);
            cairo_stroke(cr);
        }
    }

    void draw_page(cairo_t* cr, const CertificateText& c) {
        const double w = layout.page_width_mm * pt_per_mm, h = layout.page_height_mm * pt_per_mm;
        if (background) {
            cairo_save(cr);
            cairo_scale(cr, w / cairo_image_surface_get_width(background.get()),
                        h / cairo_image_surface_get_height(background.get()));
            cairo_set_source_surface(cr, background.get(), 0, 0);
            cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
            cairo_paint(cr);
            cairo_restore(cr);
        }
        std::size_t slot = 0;
        for (const LayoutItem& item : layout.items) {
            if (std::holds_alternative<LayoutText>(item))
                draw_text(cr, slots[slot++], c);
            else if (const auto* q = std::get_if<LayoutQr>(&item))
                draw_qr(cr, *q, c);
            else
                draw_rect(cr, std::get<LayoutRect>(item));
        }
        cairo_show_page(cr);
    }
};

namespace {

Writer* make(const CertificateLayout& layout) {
    return new Writer(layout);
}

void destroy(Writer* writer) noexcept {
    delete writer;
}

bool background_recompressed(const Writer& w) {
    if (!w.background) return false;
    const unsigned char* jpeg = nullptr;
    unsigned long length = 0;
    cairo_surface_get_mime_data(w.background.get(), CAIRO_MIME_TYPE_JPEG, &jpeg, &length);
    return jpeg == nullptr;
}

void write(Writer& im, std::span<const CertificateText> pages, std::ostream& out, std::string_view title,
           const ProgressFn& progress) {
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(
        write_to_stream, &out, im.layout.page_width_mm * pt_per_mm, im.layout.page_height_mm * pt_per_mm));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, std::string(title).c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR,
                                   "asnbelajar " ASNBELAJAR_VERSION);
    {
        CairoPtr cr(cairo_create(surface.get()));
        pango_cairo_update_context(cr.get(), im.context.get());
        std::uint64_t done = 0;
        for (const CertificateText& page : pages) {
            im.draw_page(cr.get(), page);
            ++done;
            if (progress) progress({done, pages.size(), done, N_("certificates")});
        }
        check_status(cairo_status(cr.get()));
    }
    cairo_surface_finish(surface.get());
    check_status(cairo_surface_status(surface.get()));
    if (!out) check_status(CAIRO_STATUS_WRITE_ERROR);
}

const ModuleApi api{
    .version = ASNBELAJAR_VERSION,
    .layout_size = sizeof(CertificateLayout),
    .prepare_fonts = prepare_fonts,
    .make = make,
    .destroy = destroy,
    .background_recompressed = background_recompressed,
    .write = write,
    .read_qr_codes_png = read_qr_codes,
};

} // namespace
} // namespace asnbelajar::pdf

// The module's messages (tr() in i18n.hpp) through the program's gettext functions, so that they are in the
// language the program chose. Hidden like every symbol of the module but its entry point.
namespace asnbelajar {

const char* _(const char* msgid) {
    return pdf::host->translate(msgid);
}

const char* P_(const char* singular, const char* plural, unsigned long n) {
    return pdf::host->translate_plural(singular, plural, n);
}

namespace detail {
std::string vformat_translated(std::string_view english, const char* translated, fmt::format_args args) {
    return pdf::host->vformat_translated(english, translated, args);
}
} // namespace detail

} // namespace asnbelajar

extern "C" __attribute__((visibility("default"))) const asnbelajar::pdf::ModuleApi*
asnbelajar_pdf_module(const asnbelajar::pdf::HostApi* host_api) {
    asnbelajar::pdf::host = host_api;
    return &asnbelajar::pdf::api;
}
