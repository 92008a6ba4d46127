// parse_certificate_layout on arbitrary text: it throws only asnbelajar::Error, whose message names the file,
// a line and a column of the input; and what it accepts lies on the page, with sizes in range.
#include "fuzz_check.hpp"

#include "asnbelajar/certificate_layout.hpp"
#include "asnbelajar/error.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

using namespace asnbelajar;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    CertificateLayout layout;
    try {
        layout = parse_certificate_layout(text, "f.layout", "base");
    } catch (const Error& e) {
        const std::string_view message = e.what();
        FUZZ_REQUIRE(message.starts_with("f.layout:"));
        // f.layout:LINE:COLUMN: with LINE within the input's lines.
        std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
        std::size_t line = 0, at = 9;
        while (at < message.size() && message[at] >= '0' && message[at] <= '9')
            line = line * 10 + static_cast<std::size_t>(message[at++] - '0');
        FUZZ_REQUIRE(line >= 1 && line <= lines);
        FUZZ_REQUIRE(at < message.size() && message[at] == ':');
        return 0;
    }
    const double w = layout.page_width_mm, h = layout.page_height_mm, eps = 1e-6;
    FUZZ_REQUIRE(w > 0 && h > 0 && w <= 5000 && h <= 5000);
    for (const LayoutItem& item : layout.items) {
        if (const auto* t = std::get_if<LayoutText>(&item)) {
            FUZZ_REQUIRE(t->x_mm >= -eps && t->x_mm <= w + eps && t->y_mm >= -eps && t->y_mm <= h + eps);
            FUZZ_REQUIRE(t->size_pt >= 1 && t->size_pt <= 500 && t->lines >= 1 && t->lines <= 20);
            const double room = available_width_mm(layout, *t);
            FUZZ_REQUIRE(room >= -eps && room <= w + eps);
        } else if (const auto* q = std::get_if<LayoutQr>(&item)) {
            FUZZ_REQUIRE(q->size_mm >= 10 && q->x_mm >= -eps && q->x_mm + q->size_mm <= w + eps);
            FUZZ_REQUIRE(q->y_mm >= -eps && q->y_mm + q->size_mm <= h + eps);
        } else {
            const auto& r = std::get<LayoutRect>(item);
            FUZZ_REQUIRE(r.x_mm >= -eps && r.x_mm + r.width_mm <= w + eps);
            FUZZ_REQUIRE(r.y_mm >= -eps && r.y_mm + r.height_mm <= h + eps);
        }
    }
    return 0;
}
