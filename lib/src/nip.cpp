#include "asnbelajar/nip.hpp"

#include "asnbelajar/i18n.hpp"
#include "asnbelajar/normalize.hpp"
#include "asnbelajar/text.hpp"
#include "asnbelajar/time.hpp"

#include <array>
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

// The number written by the digits d[pos] .. d[pos + len - 1] (d: a pointer or an array of digits).
int number_at(const auto& d, std::size_t pos, std::size_t len) {
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
    return tr("born {}-{}", year_month(y, m), two_digits(d));
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
    std::string msg =
        tr("NIP contains '{}' at character {}: only digits are allowed", s.substr(i, len), position);
    const char c = s[i];
    if (c == 'O' || c == 'o')
        msg += _(" (the letter O instead of the digit 0?)");
    else if (c == 'l' || c == 'I')
        msg += _(" (a letter instead of the digit 1?)");
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

NipCheck check_nip(std::string_view text, Date today) {
    const std::string_view s = strip_text_mark(text);
    if (s.empty()) return fail(_("NIP is empty"));

    if (is_scientific_notation(s)) {
        return fail(
            tr("looks mangled by a spreadsheet (scientific notation {}), which lost its digits: format the "
               "column as text and export again",
               s),
            true);
    }

    std::array<char, max_kept_digits> d{}; // a checked [], for builds with assertions
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

    if (count == 0) return fail(_("NIP is empty"));
    if (count == old_nip_length) return fail(_("old 9-digit NIP: use the 18-digit NIP"));
    if (count == nip_length - 1) {
        return fail(
            _("NIP has 17 digits instead of 18: a spreadsheet probably lost a leading digit; format the "
              "column as text and export again"),
            true);
    }
    if (count != nip_length) {
        std::string msg = tr("NIP must have 18 digits, found {}", count);
        if (count == 16) msg += _(" (16 digits is the length of a NIK, not a NIP)");
        return fail(std::move(msg));
    }

    const int birth_y = number_at(d, 0, 4);
    const int birth_m = number_at(d, 4, 2);
    const int birth_d = number_at(d, 6, 2);
    if (!is_valid_date(birth_y, birth_m, birth_d)) {
        return fail(tr("birth date {} is not a real date", std::string_view(d.data(), 8)));
    }
    const int latest_birth = today.year - nip_min_appointment_age;
    if (birth_y < nip_min_birth_year || birth_y > latest_birth) {
        return fail(tr("birth year {} is not plausible (expected {} to {})", birth_y, nip_min_birth_year,
                       latest_birth));
    }

    // Digits 13-14 tell the two kinds apart: a month (01-12) in a PNS NIP, 2 and a digit 1-9 (21-29) in an
    // NI PPPK. Anything else is neither (a typo in the month, say), never a guess.
    const int appt_y = number_at(d, 8, 4);
    const int code = number_at(d, 12, 2);
    const int this_month = today.year * 12 + (today.month - 1);
    NipKind kind = NipKind::pns;
    if (code >= pns_month_first && code <= pns_month_last) {
        const int appointed = appt_y * 12 + (code - 1);
        const int earliest = (birth_y + nip_min_appointment_age) * 12 + (birth_m - 1);
        if (appointed < earliest) {
            return fail(tr("appointment {} is before age 18 ({})", year_month(appt_y, code),
                           born(birth_y, birth_m, birth_d)));
        }
        if (appointed > this_month) {
            return fail(tr("appointment {} is in the future (this month is {})", year_month(appt_y, code),
                           year_month(today.year, today.month)));
        }
    } else if (code >= pppk_code_first && code <= pppk_code_last) {
        kind = NipKind::pppk;
        if (appt_y < pppk_first_year) {
            return fail(
                tr("digits 13-14 are {}, an NI PPPK, but its appointment year {} is before PPPK began "
                   "({}); in a PNS NIP digits 13-14 are the month of appointment, 01 to 12",
                   two_digits(code), appt_y, pppk_first_year));
        }
        if (appt_y > today.year) {
            return fail(tr("NI PPPK appointment year {} is in the future (after {})", appt_y, today.year));
        }
        if (appt_y < birth_y + nip_min_appointment_age) {
            return fail(tr("NI PPPK appointment year {} is before age 18 ({})", appt_y,
                           born(birth_y, birth_m, birth_d)));
        }
    } else {
        return fail(
            tr("digits 13-14 are {}: they must be the month of appointment, 01 to 12, in a PNS NIP, or "
               "21 to 29 in an NI PPPK",
               two_digits(code)));
    }

    const char gender = d[14];
    if (gender != '1' && gender != '2') {
        return fail(tr("gender digit (15th) is {}: it must be 1 (male) or 2 (female)", gender));
    }
    if (number_at(d, 15, 3) == 0) {
        return fail(_("serial number (last 3 digits) is 000: it must be 001 or more (if the NIP came from a "
                      "spreadsheet, it may have rounded the last digits to zero)"));
    }

    NipCheck r;
    r.ok = true;
    r.nip.assign(d.data(), nip_length);
    r.kind = kind;
    return r;
}

NipKind nip_kind(std::string_view nip) {
    if (nip.size() != nip_length || !is_digit(nip[12]) || !is_digit(nip[13])) return NipKind::pns;
    const int code = number_at(nip.data(), 12, 2);
    return code >= pppk_code_first && code <= pppk_code_last ? NipKind::pppk : NipKind::pns;
}

} // namespace asnbelajar
