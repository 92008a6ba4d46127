#include "asnbelajar/nip.hpp"

#include "asnbelajar/normalize.hpp"
#include "asnbelajar/text.hpp"
#include "asnbelajar/time.hpp"

#include <cstddef>
#include <utility>

namespace asnbelajar {

namespace {

using text::is_digit;
using text::is_nbsp_at;
using text::utf8_length;

constexpr std::size_t nip_length = 18;
constexpr std::size_t old_nip_length = 9;
// Longer inputs are still counted, but only this many digits are kept.
constexpr std::size_t max_kept_digits = 32;

// Separators allowed between the digits of a NIP. A no-break space (C2 A0) is handled by the callers.
bool is_separator(char c) {
    return c == ' ' || c == '\t' || c == '.' || c == '-';
}

int number_at(const char* d, std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = 0; i < len; ++i)
        v = v * 10 + (d[pos + i] - '0');
    return v;
}

std::string two_digits(int v) {
    std::string s;
    s += static_cast<char>('0' + v / 10 % 10);
    s += static_cast<char>('0' + v % 10);
    return s;
}

std::string year_month(int y, int m) {
    return std::to_string(y) + "-" + two_digits(m);
}

std::string born(int y, int m, int d) {
    return "born " + year_month(y, m) + "-" + two_digits(d);
}

NipCheck fail(std::string message, bool mangled = false) {
    NipCheck r;
    r.mangled = mangled;
    r.error = std::move(message);
    return r;
}

// The message for the first character of `s` (at byte `i`) that is neither a digit nor a separator.
std::string bad_character_message(std::string_view s, std::size_t i) {
    std::size_t position = 1;
    for (std::size_t k = 0; k < i; k += utf8_length(static_cast<unsigned char>(s[k])))
        ++position;
    std::size_t len = utf8_length(static_cast<unsigned char>(s[i]));
    if (i + len > s.size()) len = s.size() - i;
    std::string msg = "NIP contains '";
    msg.append(s.substr(i, len));
    msg += "' at character " + std::to_string(position) + ": only digits are allowed";
    const char c = s[i];
    if (c == 'O' || c == 'o')
        msg += " (the letter O instead of the digit 0?)";
    else if (c == 'l' || c == 'I')
        msg += " (a letter instead of the digit 1?)";
    return msg;
}

} // namespace

std::string nip_digits(std::string_view text) {
    const std::string_view s = strip_text_mark(text);
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (is_digit(c)) {
            out += c;
        } else if (is_nbsp_at(s, i)) {
            ++i;
        } else if (!is_separator(c)) {
            return {};
        }
    }
    return out;
}

NipCheck check_nip(std::string_view text, int today_year) {
    const std::string_view s = strip_text_mark(text);
    if (s.empty()) return fail("NIP is empty");

    if (is_scientific_notation(s)) {
        std::string msg = "looks mangled by a spreadsheet (scientific notation ";
        msg.append(s);
        msg += "), which lost its digits: format the column as text and export again";
        return fail(std::move(msg), true);
    }

    char d[max_kept_digits];
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (is_digit(c)) {
            if (count < max_kept_digits) d[count] = c;
            ++count;
        } else if (is_nbsp_at(s, i)) {
            ++i;
        } else if (!is_separator(c)) {
            return fail(bad_character_message(s, i));
        }
    }

    if (count == 0) return fail("NIP is empty");
    if (count == old_nip_length) return fail("old 9-digit NIP: use the 18-digit NIP");
    if (count == nip_length - 1) {
        return fail("NIP has 17 digits instead of 18: a spreadsheet probably lost a leading digit; "
                    "format the column as text and export again",
                    true);
    }
    if (count != nip_length) {
        std::string msg = "NIP must have 18 digits, found " + std::to_string(count);
        if (count == 16) msg += " (16 digits is the length of a NIK, not a NIP)";
        return fail(std::move(msg));
    }

    const int birth_y = number_at(d, 0, 4);
    const int birth_m = number_at(d, 4, 2);
    const int birth_d = number_at(d, 6, 2);
    if (!is_valid_date(birth_y, birth_m, birth_d)) {
        return fail("birth date " + std::string(d, 8) + " is not a real date");
    }
    const int latest_birth = today_year - nip_min_appointment_age;
    if (birth_y < nip_min_birth_year || birth_y > latest_birth) {
        return fail("birth year " + std::to_string(birth_y) + " is not plausible (expected " +
                    std::to_string(nip_min_birth_year) + " to " + std::to_string(latest_birth) + ")");
    }

    const int appt_y = number_at(d, 8, 4);
    const int appt_m = number_at(d, 12, 2);
    NipKind kind = NipKind::pns;
    if (appt_m >= 1 && appt_m <= 12) {
        const int earliest = (birth_y + nip_min_appointment_age) * 12 + (birth_m - 1);
        if (appt_y * 12 + (appt_m - 1) < earliest) {
            return fail("appointment " + year_month(appt_y, appt_m) + " is before age 18 (" +
                        born(birth_y, birth_m, birth_d) + ")");
        }
        if (appt_y > today_year) {
            return fail("appointment " + year_month(appt_y, appt_m) + " is in the future (after " +
                        std::to_string(today_year) + ")");
        }
    } else {
        kind = NipKind::pppk;
        std::string why;
        if (appt_y < pppk_first_year) {
            why = "appointment year " + std::to_string(appt_y) + " is before PPPK began (" +
                  std::to_string(pppk_first_year) + ")";
        } else if (appt_y > today_year) {
            why = "appointment year " + std::to_string(appt_y) + " is in the future (after " +
                  std::to_string(today_year) + ")";
        } else if (appt_y < birth_y + nip_min_appointment_age) {
            why = "appointment year " + std::to_string(appt_y) + " is before age 18 (" +
                  born(birth_y, birth_m, birth_d) + ")";
        }
        if (!why.empty()) {
            return fail("appointment " + year_month(appt_y, appt_m) + " is not a real month, and " + why);
        }
    }

    const char gender = d[14];
    if (gender != '1' && gender != '2') {
        return fail(std::string("gender digit (15th) is ") + gender + ": it must be 1 (male) or 2 (female)");
    }
    if (number_at(d, 15, 3) == 0) {
        return fail("serial number (last 3 digits) is 000: it must be 001 or more (if the NIP came from a "
                    "spreadsheet, it may have rounded the last digits to zero)");
    }

    NipCheck r;
    r.ok = true;
    r.nip.assign(d, nip_length);
    r.kind = kind;
    return r;
}

} // namespace asnbelajar
