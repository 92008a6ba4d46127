#include "asnbelajar/text.hpp"

namespace asnbelajar::text {

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = to_lower(c);
    return out;
}

bool equals_ci(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

bool all_digits(std::string_view s) noexcept {
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

std::size_t blank_length(std::string_view s, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0U; };
    if (i < s.size() && is_space(s[i])) return 1;
    switch (byte(i)) {
    case 0xC2: return byte(i + 1) == 0xA0 ? 2 : 0; // U+00A0
    case 0xE2:
        return byte(i + 1) == 0x80 && (byte(i + 2) == 0x87 || byte(i + 2) == 0xAF) ? 3 : 0; // U+2007, U+202F
    default: return 0;
    }
}

bool is_nbsp_at(std::string_view s, std::size_t i) noexcept {
    return i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 &&
           static_cast<unsigned char>(s[i + 1]) == 0xA0;
}

std::string_view trim_blanks(std::string_view s) noexcept {
    while (std::size_t n = blank_length(s, 0))
        s.remove_prefix(n);
    // A trailing blank of n bytes starts n bytes before the end; try each length.
    for (;;) {
        if (!s.empty() && blank_length(s, s.size() - 1) == 1)
            s.remove_suffix(1);
        else if (s.size() >= 2 && blank_length(s, s.size() - 2) == 2)
            s.remove_suffix(2);
        else if (s.size() >= 3 && blank_length(s, s.size() - 3) == 3)
            s.remove_suffix(3);
        else
            return s;
    }
}

bool is_blank(std::string_view s) noexcept {
    return trim_blanks(s).empty();
}

} // namespace asnbelajar::text
