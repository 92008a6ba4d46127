#include "asnbelajar/text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace text = asnbelajar::text;

namespace {

constexpr std::string_view nbsp = "\xC2\xA0";         // U+00A0 NO-BREAK SPACE
constexpr std::string_view figure = "\xE2\x80\x87";   // U+2007 FIGURE SPACE
constexpr std::string_view narrow = "\xE2\x80\xAF";   // U+202F NARROW NO-BREAK SPACE
constexpr std::string_view zero_w = "\xE2\x80\x8B";   // U+200B ZERO WIDTH SPACE: not a blank
constexpr std::string_view e_acute = "\xC3\xA9";      // é
constexpr std::string_view ellipsis = "\xE2\x80\xA6"; // … shares its first two bytes with U+2007 and U+202F

std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view p : parts)
        out += p;
    return out;
}

} // namespace

TEST_CASE("character classes are ASCII only") {
    for (char c = '0'; c <= '9'; ++c) {
        CHECK(text::is_digit(c));
        CHECK(text::is_alnum(c));
        CHECK_FALSE(text::is_alpha(c));
    }
    CHECK(text::is_alpha('a'));
    CHECK(text::is_alpha('Z'));
    CHECK(text::is_lower('q'));
    CHECK_FALSE(text::is_lower('Q'));
    CHECK(text::is_upper('Q'));
    CHECK_FALSE(text::is_alpha('@'));
    CHECK_FALSE(text::is_alpha('['));
    CHECK_FALSE(text::is_digit('/'));
    CHECK_FALSE(text::is_digit(':'));
    for (char c : e_acute) { // bytes of a multi-byte character are no letters, whatever the locale
        CHECK_FALSE(text::is_alpha(c));
        CHECK_FALSE(text::is_space(c));
        CHECK_FALSE(text::is_control(c));
    }
    for (char c : std::string_view(" \t\n\v\f\r"))
        CHECK(text::is_space(c));
    CHECK_FALSE(text::is_space('\0'));
    CHECK(text::is_control('\0'));
    CHECK(text::is_control('\x1F'));
    CHECK(text::is_control('\x7F'));
    CHECK_FALSE(text::is_control(' '));
}

TEST_CASE("lower-casing and comparing ignore ASCII case only") {
    static_assert(text::to_lower('A') == 'a' && text::to_lower('z') == 'z' && text::to_lower('@') == '@');
    CHECK(text::to_lower("Kamis, 3 MARET") == "kamis, 3 maret");
    CHECK(text::to_lower(cat({"\xC3\x89", "T\xC3\x89"})) == cat({"\xC3\x89", "t\xC3\x89"})); // É kept
    CHECK(text::equals_ci("WITA", "wita"));
    CHECK(text::equals_ci("", ""));
    CHECK_FALSE(text::equals_ci("wit", "wita"));
    CHECK_FALSE(text::equals_ci("wib", "wic"));
}

TEST_CASE("all_digits") {
    CHECK(text::all_digits("0123456789"));
    CHECK(text::all_digits(""));
    CHECK_FALSE(text::all_digits("12a"));
    CHECK_FALSE(text::all_digits(" 1"));
}

TEST_CASE("utf8_length counts the bytes of a character from its first byte") {
    CHECK(text::utf8_length('a') == 1);
    CHECK(text::utf8_length(0xC3) == 2);
    CHECK(text::utf8_length(0xE2) == 3);
    CHECK(text::utf8_length(0xF0) == 4);
    CHECK(text::utf8_length(0x80) == 1); // a stray continuation byte
    CHECK(text::utf8_length(0xFF) == 1);
}

TEST_CASE("a blank is ASCII white space or a no-break space: U+00A0, U+2007, U+202F") {
    CHECK(text::blank_length(" ", 0) == 1);
    CHECK(text::blank_length("\t", 0) == 1);
    CHECK(text::blank_length(nbsp, 0) == 2);
    CHECK(text::blank_length(figure, 0) == 3);
    CHECK(text::blank_length(narrow, 0) == 3);
    CHECK(text::blank_length(zero_w, 0) == 0);
    CHECK(text::blank_length(ellipsis, 0) == 0);
    CHECK(text::blank_length(e_acute, 0) == 0);
    CHECK(text::blank_length("x", 0) == 0);
    CHECK(text::blank_length("x", 1) == 0);    // past the end
    CHECK(text::blank_length("\xC2", 0) == 0); // cut short
    CHECK(text::blank_length("\xE2\x80", 0) == 0);
    CHECK(text::blank_length(cat({"a", nbsp}), 1) == 2);
    CHECK(text::is_nbsp_at(cat({"a", nbsp}), 1));
    CHECK_FALSE(text::is_nbsp_at(cat({"a", nbsp}), 0));
    CHECK_FALSE(text::is_nbsp_at("\xC2", 0));
    CHECK(text::is_nbsp_at(nbsp, 0)); // at the very start
    CHECK(text::is_nbsp_at(cat({nbsp, "a"}), 0));
    CHECK_FALSE(text::is_nbsp_at("a\xC2", 1)); // cut short at the end
}

TEST_CASE("trim_blanks removes every kind of blank at both ends, and nothing else") {
    CHECK(text::trim_blanks("  a b \t") == "a b");
    CHECK(text::trim_blanks(cat({nbsp, "x", nbsp})) == "x");
    CHECK(text::trim_blanks(cat({narrow, "9:00", narrow, "AM", narrow})) == cat({"9:00", narrow, "AM"}));
    CHECK(text::trim_blanks(cat({figure, " ", nbsp, "12", narrow, " \r\n"})) == "12");
    CHECK(text::trim_blanks(cat({" ", e_acute, " "})) == e_acute);
    CHECK(text::trim_blanks(cat({"x", ellipsis})) == cat({"x", ellipsis}));
    CHECK(text::trim_blanks(cat({zero_w, "x"})) == cat({zero_w, "x"}));
    CHECK(text::trim_blanks("\xC2") == "\xC2");
    CHECK(text::trim_blanks("   ") == "");
    CHECK(text::trim_blanks("") == "");
    CHECK(text::is_blank(cat({" ", nbsp, narrow, "\t"})));
    CHECK(text::is_blank(""));
    CHECK_FALSE(text::is_blank(" - "));
}
