// Text helpers every parser shares: ASCII character classes and case, and the one definition of a blank.
// Text is UTF-8 bytes. The classes are ASCII only and ignore the C locale: a byte of a multi-byte character
// is never a letter, digit or space here, and lower-casing leaves it as it is. Nothing here allocates except
// to_lower(std::string_view), and nothing throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace asnbelajar::text {

constexpr bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
constexpr bool is_lower(char c) noexcept {
    return c >= 'a' && c <= 'z';
}
constexpr bool is_upper(char c) noexcept {
    return c >= 'A' && c <= 'Z';
}
constexpr bool is_alpha(char c) noexcept {
    return is_lower(c) || is_upper(c);
}
constexpr bool is_alnum(char c) noexcept {
    return is_alpha(c) || is_digit(c);
}
// ASCII white space: space, \t, \n, \v, \f, \r.
constexpr bool is_space(char c) noexcept {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// ASCII control characters: 0x00..0x1F and 0x7F.
constexpr bool is_control(char c) noexcept {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
}

// 'A'..'Z' to 'a'..'z'; every other byte unchanged.
constexpr char to_lower(char c) noexcept {
    return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
// A copy of `s` with ASCII letters lower-cased.
std::string to_lower(std::string_view s);

// True when `a` and `b` are equal ignoring ASCII case.
bool equals_ci(std::string_view a, std::string_view b) noexcept;

// True when every byte of `s` is an ASCII digit; true for the empty string (like std::all_of).
bool all_digits(std::string_view s) noexcept;

// Bytes of the UTF-8 character whose first byte is `lead`: 1 to 4 (1 for a stray continuation byte or an
// invalid lead).
constexpr std::size_t utf8_length(unsigned char lead) noexcept {
    if (lead >= 0xF0 && lead < 0xF8) return 4;
    if (lead >= 0xE0 && lead < 0xF0) return 3;
    if (lead >= 0xC0 && lead < 0xE0) return 2;
    return 1;
}

// The blanks: ASCII white space, U+00A0 NO-BREAK SPACE, U+2007 FIGURE SPACE and U+202F NARROW NO-BREAK SPACE.
// Exports from Excel, Teams and Zoom carry the no-break spaces around values (and newer locale data puts
// U+202F before AM/PM), so a value that is blank to the eye is blank here.

// Bytes taken by the blank starting at s[i] (1 to 3), or 0 when there is none there (or i is past the end).
std::size_t blank_length(std::string_view s, std::size_t i) noexcept;

// True when s[i] starts a U+00A0 NO-BREAK SPACE (2 bytes).
bool is_nbsp_at(std::string_view s, std::size_t i) noexcept;

// `s` without leading and trailing blanks; a view into `s`.
std::string_view trim_blanks(std::string_view s) noexcept;

// True when `s` is empty or nothing but blanks.
bool is_blank(std::string_view s) noexcept;

} // namespace asnbelajar::text
