#include "asnbelajar/normalize.hpp"

#include "asnbelajar/i18n.hpp"

#include "asnbelajar/text.hpp"

#include <array>
#include <cstddef>
#include <utility>

namespace asnbelajar {

namespace {

using text::is_digit;
using text::is_lower;
using text::is_nbsp_at;
using text::is_space;
using text::to_lower;
using text::trim_blanks;

// The (possibly multi-byte) character at `i`, never past the end, for messages.
std::string_view char_at(std::string_view s, std::size_t i) {
    return s.substr(i, text::utf8_length(static_cast<unsigned char>(s[i])));
}

Normalized good(std::string value) {
    Normalized r;
    r.ok = true;
    r.value = std::move(value);
    return r;
}

Normalized bad(std::string error) {
    Normalized r;
    r.error = std::move(error);
    return r;
}

// -----------------------------------------------------------------------------------------------------------
// Golongan

constexpr std::array<std::string_view, 17> roman_lower = {"i",    "ii",   "iii", "iv",  "v",   "vi",
                                                          "vii",  "viii", "ix",  "x",   "xi",  "xii",
                                                          "xiii", "xiv",  "xv",  "xvi", "xvii"};
constexpr std::array<std::string_view, 17> roman_upper = {"I",    "II",   "III", "IV",  "V",   "VI",
                                                          "VII",  "VIII", "IX",  "X",   "XI",  "XII",
                                                          "XIII", "XIV",  "XV",  "XVI", "XVII"};

bool is_roman_char(char c) {
    return c == 'i' || c == 'v' || c == 'x';
}

bool all_roman_chars(std::string_view t) {
    if (t.empty()) return false;
    for (char c : t)
        if (!is_roman_char(c)) return false;
    return true;
}

// 1..17 for a correctly written numeral in lower case, 0 otherwise.
int roman_value(std::string_view t) {
    for (std::size_t k = 0; k < roman_lower.size(); ++k)
        if (roman_lower[k] == t) return static_cast<int>(k) + 1;
    return 0;
}

// A golongan: PNS when letter != 0, PPPK otherwise.
struct Grade {
    int roman = 0;
    char letter = 0;
    bool operator==(const Grade&) const = default;
};

std::string format_grade(Grade g) {
    std::string s(roman_upper[static_cast<std::size_t>(g.roman - 1)]);
    if (g.letter != 0) {
        s += '/';
        s += g.letter;
    }
    return s;
}

struct Pangkat {
    std::array<std::string_view, 3> words;
    std::size_t count;
    std::string_view display;
    int roman;
    char letter;
    char letter_tingkat_i; // 0 when there is no "Tingkat I" rank of this name
};

// Longest names first, so that "Pembina Utama Muda" wins over "Pembina Utama" and "Pembina".
constexpr std::array<Pangkat, 10> pangkat_table = {{
    {{"pembina", "utama", "muda"}, 3, "Pembina Utama Muda", 4, 'c', 0},
    {{"pembina", "utama", "madya"}, 3, "Pembina Utama Madya", 4, 'd', 0},
    {{"pembina", "utama", ""}, 2, "Pembina Utama", 4, 'e', 0},
    {{"juru", "muda", ""}, 2, "Juru Muda", 1, 'a', 'b'},
    {{"pengatur", "muda", ""}, 2, "Pengatur Muda", 2, 'a', 'b'},
    {{"penata", "muda", ""}, 2, "Penata Muda", 3, 'a', 'b'},
    {{"juru", "", ""}, 1, "Juru", 1, 'c', 'd'},
    {{"pengatur", "", ""}, 1, "Pengatur", 2, 'c', 'd'},
    {{"penata", "", ""}, 1, "Penata", 3, 'c', 'd'},
    {{"pembina", "", ""}, 1, "Pembina", 4, 'a', 'b'},
}};

bool is_filler(std::string_view t) {
    return t == "golongan" || t == "gol" || t == "ruang" || t == "pangkat";
}
bool is_tingkat_word(std::string_view t) {
    return t == "tingkat" || t == "tk" || t == "tkt";
}
bool is_tingkat_one(std::string_view t) {
    return t == "i" || t == "1";
}
bool is_tingkat_joined(std::string_view t) {
    return t == "tki" || t == "tk1" || t == "tkti" || t == "tkt1";
}

bool is_grade_separator(char c) {
    switch (c) {
    case '(':
    case ')':
    case '[':
    case ']':
    case ',':
    case '.':
    case '-':
    case '/':
    case '\\':
    case ':':
    case ';':
    case '_':
    case '\'':
    case '"':
    case '|': return true;
    default: return is_space(c);
    }
}

// The highest letter of PNS golongan `roman` (1..4).
char max_letter(int roman) {
    return roman == 4 ? 'e' : 'd';
}

constexpr std::size_t max_grade_length = 128;
constexpr std::size_t max_grade_tokens = 24;

struct Token {
    std::size_t pos = 0;
    std::size_t len = 0;
};

} // namespace

std::string_view strip_text_mark(std::string_view text) {
    std::string_view s = trim_blanks(text);
    if (!s.empty() && s.front() == '\'') s = trim_blanks(s.substr(1));
    return s;
}

bool is_scientific_notation(std::string_view text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    auto digits = [&] {
        const std::size_t start = i;
        while (i < n && is_digit(text[i]))
            ++i;
        return i > start;
    };
    if (!digits()) return false;
    if (i < n && (text[i] == '.' || text[i] == ',')) {
        ++i;
        if (!digits()) return false;
    }
    if (i >= n || (text[i] != 'E' && text[i] != 'e')) return false;
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    return digits() && i == n;
}

std::string clean_text(std::string_view text) {
    std::string out(text);
    clean_text_in_place(out);
    return out;
}

void clean_text_in_place(std::string& text) {
    // Reads at i, writes at w <= i: the text only ever shrinks, so it can be rewritten where it is.
    std::size_t w = 0;
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t blank = text::blank_length(text, i); // length of a blank at i
        std::size_t skip = 0;                                  // length of an invisible character at i
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
        if (blank == 0 && i + 2 < text.size()) {
            if (byte(i) == 0xE2 && byte(i + 1) == 0x80 && byte(i + 2) == 0x8B)
                skip = 3; // U+200B
            else if (byte(i) == 0xEF && byte(i + 1) == 0xBB && byte(i + 2) == 0xBF)
                skip = 3; // U+FEFF
        }
        if (blank != 0) {
            pending_space = w != 0;
            i += blank;
        } else if (skip != 0) {
            i += skip;
        } else {
            if (pending_space) text[w++] = ' ';
            pending_space = false;
            text[w++] = text[i++];
        }
    }
    text.resize(w);
}

Normalized normalize_grade(std::string_view text) {
    const std::string_view s = trim_blanks(text);
    if (s.empty()) return good({});
    if (s.size() > max_grade_length) return bad(_("too long to be a golongan"));

    // A lower-case copy with the same byte offsets as `s`, so that tokens can be shown as written.
    std::array<char, max_grade_length> buf{};
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (is_nbsp_at(s, i)) {
            buf[i] = ' ';
            buf[i + 1] = ' ';
            ++i;
        } else {
            buf[i] = to_lower(s[i]);
        }
    }
    const std::string_view low(buf.data(), s.size());

    // One more than the most words: tokens[n] is always an empty token, so that reading one word past the last
    // (the checks below never do) still reads nothing.
    std::array<Token, max_grade_tokens + 1> tokens{};
    std::size_t n = 0;
    for (std::size_t i = 0; i < low.size();) {
        if (is_grade_separator(low[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < low.size() && !is_grade_separator(low[i]))
            ++i;
        if (n == max_grade_tokens) return bad(_("too many words to be a golongan"));
        tokens[n++] = {start, i - start};
    }
    if (n == 0) return good({}); // punctuation only, such as "-"

    auto tok = [&](std::size_t k) { return low.substr(tokens[k].pos, tokens[k].len); };
    auto orig = [&](std::size_t first, std::size_t last) {
        const std::size_t b = tokens[first].pos;
        return s.substr(b, tokens[last].pos + tokens[last].len - b);
    };

    Grade by_name;
    Grade by_code;
    std::string_view name_text;

    for (std::size_t i = 0; i < n;) {
        const std::string_view t = tok(i);
        if (is_filler(t)) {
            ++i;
            continue;
        }

        // A pangkat name, possibly followed by "Tingkat I".
        const Pangkat* match = nullptr;
        for (const Pangkat& p : pangkat_table) {
            if (i + p.count > n) continue;
            bool same = true;
            for (std::size_t w = 0; w < p.count && same; ++w)
                same = tok(i + w) == p.words[w];
            if (same) {
                match = &p;
                break;
            }
        }
        if (match != nullptr) {
            std::size_t j = i + match->count;
            bool tingkat_i = false;
            if (j < n && is_tingkat_word(tok(j))) {
                if (j + 1 >= n || !is_tingkat_one(tok(j + 1))) {
                    return bad(tr("'{}' must be followed by I (\"Tingkat I\")", orig(i, j)));
                }
                tingkat_i = true;
                j += 2;
            } else if (j < n && is_tingkat_joined(tok(j))) {
                tingkat_i = true;
                j += 1;
            }
            if (tingkat_i && match->letter_tingkat_i == 0) {
                return bad(tr("there is no pangkat {} Tingkat I", match->display));
            }
            const Grade g{match->roman, tingkat_i ? match->letter_tingkat_i : match->letter};
            if (by_name.roman != 0 && !(by_name == g)) {
                return bad(tr("two different pangkat given ({} and {})", name_text, orig(i, j - 1)));
            }
            by_name = g;
            name_text = orig(i, j - 1);
            i = j;
            continue;
        }

        // A code: "iii" + "a", "iiia", or a PPPK numeral alone.
        Grade g;
        std::size_t used = 1;
        std::string_view numeral;
        char letter = 0;
        if (all_roman_chars(t)) {
            numeral = t;
            if (i + 1 < n && tok(i + 1).size() == 1 && is_lower(tok(i + 1)[0]) &&
                !is_roman_char(tok(i + 1)[0])) {
                letter = tok(i + 1)[0];
                used = 2;
            }
        } else if (t.size() >= 2 && all_roman_chars(t.substr(0, t.size() - 1)) && is_lower(t.back())) {
            numeral = t.substr(0, t.size() - 1);
            letter = t.back();
        } else if (is_digit(t[0])) {
            return bad(
                tr("golongan must be written in Roman numerals (e.g. III/a or IX), not '{}'", orig(i, i)));
        } else {
            return bad(tr("'{}' is not a golongan or pangkat", orig(i, i)));
        }
        const std::string_view shown = orig(i, i + used - 1);
        const int r = roman_value(numeral);
        if (letter != 0) {
            if (r < 1 || r > 4) {
                return bad(tr("'{}' is not a golongan: PNS golongan run from I/a to IV/e", shown));
            }
            if (letter > max_letter(r)) {
                const std::string_view ru = roman_upper[static_cast<std::size_t>(r - 1)];
                return bad(tr("golongan {0}/{1} does not exist: {0} runs from {0}/a to {0}/{2}", ru, letter,
                              max_letter(r)));
            }
            g = {r, letter};
        } else {
            if (r == 0) return bad(tr("'{}' is not a golongan: PPPK golongan run from I to XVII", shown));
            g = {r, 0};
        }
        if (by_code.roman != 0 && !(by_code == g)) {
            return bad(
                tr("two different golongan given ({} and {})", format_grade(by_code), format_grade(g)));
        }
        by_code = g;
        i += used;
    }

    if (by_code.roman == 0 && by_name.roman == 0) return bad(tr("'{}' does not say which golongan", s));
    if (by_code.roman != 0 && by_name.roman != 0 && !(by_code == by_name)) {
        return bad(tr("pangkat {} is {}, but the golongan given is {}", name_text, format_grade(by_name),
                      format_grade(by_code)));
    }
    return good(format_grade(by_code.roman != 0 ? by_code : by_name));
}

// -----------------------------------------------------------------------------------------------------------
// Phone

Normalized normalize_phone(std::string_view text) {
    const std::string_view s = strip_text_mark(text);
    if (s.empty()) return good({});

    if (is_scientific_notation(s)) {
        return bad(
            tr("phone number looks mangled by a spreadsheet (scientific notation {}), which lost its digits: "
               "format the column as text and export again",
               s));
    }

    constexpr std::size_t max_digits = 20;
    std::array<char, max_digits> d{};
    std::size_t count = 0;
    bool plus = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (is_digit(c)) {
            if (count == max_digits) return bad(_("phone number has too many digits"));
            d[count++] = c;
        } else if (c == '+' && count == 0 && !plus) {
            plus = true;
        } else if (is_nbsp_at(s, i)) {
            ++i;
        } else if (!(c == ' ' || c == '\t' || c == '-' || c == '.' || c == '(' || c == ')')) {
            return bad(
                tr("phone number contains '{}': only digits, spaces, dashes, dots, brackets and a leading + "
                   "are allowed",
                   char_at(s, i)));
        }
    }
    if (count == 0) return bad(_("phone number has no digits"));

    std::string_view digits(d.data(), count);
    // After the country code, the trunk 0 some still write: "+62 (0) 812…", "620812…".
    const auto after_code = [](std::string_view rest) {
        return rest.starts_with("0") ? rest.substr(1) : rest;
    };
    std::string_view national;
    if (plus) {
        if (!digits.starts_with("62"))
            return bad(_("not an Indonesian phone number: it must start with +62"));
        national = after_code(digits.substr(2));
    } else if (digits.starts_with("0062")) {
        national = after_code(digits.substr(4));
    } else if (digits.starts_with("62")) {
        national = after_code(digits.substr(2));
    } else if (digits.starts_with("00")) {
        return bad(_("not an Indonesian phone number: from abroad it must start with 0062 or +62"));
    } else if (digits.starts_with("0")) {
        national = digits.substr(1);
    } else if (digits[0] >= '2' && digits[0] <= '9') {
        national = digits; // the leading 0 was lost, typically by a spreadsheet
    } else {
        return bad(_("phone number must start with 0, 62 or +62"));
    }

    if (national.size() < 8 || national.size() > 13) {
        return bad(
            tr("phone number has {} digits after the country code +62; expected 8 to 13", national.size()));
    }
    if (national[0] < '2') {
        return bad(_("phone number after +62 must start with 8 (mobile) or an area code (2 to 9)"));
    }
    std::string out = "+62";
    out.append(national);
    return good(std::move(out));
}

// -----------------------------------------------------------------------------------------------------------
// E-mail

namespace {

bool is_local_char(char c) {
    if (is_lower(c) || is_digit(c)) return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
    case '.':
    case '-': return true;
    default: return false;
    }
}

bool is_domain_char(char c) {
    return is_lower(c) || is_digit(c) || c == '-' || c == '.';
}

} // namespace

Normalized normalize_email(std::string_view text) {
    const std::string_view s = trim_blanks(text);
    if (s.empty()) return good({});

    std::size_t at = std::string_view::npos;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (is_space(s[i]) || is_nbsp_at(s, i)) return bad(_("e-mail address contains a space"));
        if (s[i] == '@') {
            if (at != std::string_view::npos) return bad(_("not an e-mail address: more than one '@'"));
            at = i;
        }
    }
    if (at == std::string_view::npos) return bad(_("not an e-mail address: no '@'"));
    if (at == 0) return bad(_("not an e-mail address: nothing before the '@'"));
    if (at + 1 == s.size()) return bad(_("not an e-mail address: nothing after the '@'"));
    if (s.size() > 254) return bad(_("e-mail address is longer than 254 characters"));
    if (at > 64) return bad(_("e-mail address has more than 64 characters before the '@'"));

    std::string out(s);
    for (char& c : out)
        c = to_lower(c);
    const std::string_view local = std::string_view(out).substr(0, at);
    const std::string_view domain = std::string_view(out).substr(at + 1);

    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i == at) continue;
        const bool allowed = i < at ? is_local_char(out[i]) : is_domain_char(out[i]);
        if (!allowed) {
            return bad(i < at ? tr("e-mail address contains '{}', which is not allowed", char_at(s, i))
                              : tr("e-mail address contains '{}' after the '@', which is not allowed",
                                   char_at(s, i)));
        }
    }
    if (out.find("..") != std::string::npos) return bad(_("e-mail address has two dots in a row"));
    if (local.front() == '.' || local.back() == '.') {
        return bad(_("e-mail address cannot have a dot right at the start or just before the '@'"));
    }
    if (domain.find('.') == std::string_view::npos) {
        return bad(tr("not an e-mail address: the domain '{}' has no dot (e.g. gmail.com)", domain));
    }
    if (domain.front() == '.' || domain.back() == '.') {
        return bad(tr("e-mail domain '{}' cannot start or end with a dot", domain));
    }

    std::string_view last_label;
    for (std::size_t b = 0; b <= domain.size();) {
        std::size_t e = domain.find('.', b);
        if (e == std::string_view::npos) e = domain.size();
        const std::string_view label = domain.substr(b, e - b);
        if (label.size() > 63) return bad(_("e-mail domain has a part longer than 63 characters"));
        if (label.front() == '-' || label.back() == '-') {
            return bad(tr("e-mail domain '{}' has a part starting or ending with '-'", domain));
        }
        last_label = label;
        b = e + 1;
    }
    bool letters_only = last_label.size() >= 2;
    for (char c : last_label)
        letters_only = letters_only && is_lower(c);
    if (!letters_only && !last_label.starts_with("xn--")) {
        return bad(tr("e-mail domain '{}' does not end in a real top-level domain", domain));
    }
    return good(std::move(out));
}

} // namespace asnbelajar
