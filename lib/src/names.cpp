#include "asnbelajar/names.hpp"

#include "asnbelajar/text.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <vector>

namespace asnbelajar {
namespace {

// Lower-case, dots removed. The one list of titles and honorifics (see names.hpp).
constexpr std::string_view titles[] = {
    // professional and academic prefixes, religious honorifics, forms of address
    "dr", "drs", "dra", "drg", "drh", "ir", "prof", "ns", "apt", "h", "hj", "kh", "hc", "bpk", "sdr", "sdri",
    // diplomas and bachelor's degrees (S1, D3/D4)
    "amd", "amdkep", "amdkeb", "amdkes", "amdak", "amdgz", "amdfarm", "amdtra", "amdpar", "spd", "spdi",
    "spdsd", "skom", "se", "sei", "sh", "shi", "st", "stp", "sstp", "ssos", "sip", "sag", "sth", "ssi", "skm",
    "skep", "sked", "sfarm", "spsi", "sm", "sak", "sgz", "skg", "sikom", "sn", "ssn", "sp", "spt", "stt",
    "sst", "ssit", "shut", "ss", "slp", "sa", "sab", "sds", "lc", "ba", "bsc",
    // master's and doctoral degrees
    "mm", "msi", "mpd", "mpdi", "mkom", "mh", "mhum", "mt", "msc", "ma", "mba", "mkes", "map", "mag", "mak",
    "ms", "mpa", "mpp", "mikom", "mkn", "mkep", "mpsi", "me", "mei", "phd", "dphil", "spa"};

// Titles that stand at the start of a name without their dot ("Dr Siti", "Hj Aminah").
constexpr std::array<std::string_view, 6> dotless_prefixes{"dr", "drs", "dra", "ir", "hj", "prof"};

bool is_title(std::string_view bare) {
    return std::find(std::begin(titles), std::end(titles), bare) != std::end(titles);
}

// U+00C0..U+00FF without its accent ("" for the signs × and ÷ and the letters kept as they are).
std::string_view unaccented(unsigned char second_byte) {
    static constexpr std::array<std::string_view, 64> table{
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  //
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "",  "ss", //
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  //
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "",  "y"};
    return table[second_byte - 0x80U];
}

// The name lower-cased and unaccented, brackets dropped, with words separated by single spaces and each
// comma kept as a word of its own.
std::string folded(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    int depth = 0;
    auto separate = [&] {
        if (!out.empty() && out.back() != ' ') out += ' ';
    };
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c == '(' || c == '[') {
            ++depth;
            separate();
            continue;
        }
        if ((c == ')' || c == ']') && depth > 0) {
            --depth;
            separate();
            continue;
        }
        if (depth > 0) continue;
        if (const std::size_t blank = text::blank_length(name, i)) { // no-break spaces too
            separate();
            i += blank - 1;
        } else if (c == ',') {
            separate();
            out += ", ";
        } else if (c == 0xC3 && i + 1 < name.size() && static_cast<unsigned char>(name[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(name[i + 1]) <= 0xBF) {
            const std::string_view plain = unaccented(static_cast<unsigned char>(name[i + 1]));
            if (plain.empty())
                out.append(name.substr(i, 2));
            else
                out += plain;
            ++i;
        } else {
            out += text::to_lower(static_cast<char>(c));
        }
    }
    return out;
}

// In a folded name (no upper-case ASCII left): a letter, a digit, or a byte of a non-ASCII character.
bool is_letter_or_digit(char c) {
    return text::is_alnum(c) || static_cast<unsigned char>(c) >= 0x80;
}

} // namespace

std::span<const std::string_view> name_titles() {
    return titles;
}

std::string name_key(std::string_view name) {
    const std::string text = folded(name);
    std::vector<std::string_view> words;
    bool after_comma = false, first = true;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find(' ', pos);
        if (end == std::string::npos) end = text.size();
        std::string_view word(text.data() + pos, end - pos);
        pos = end + 1;
        if (word.empty()) continue;
        if (word == ",") {
            after_comma = true;
            continue;
        }
        // Punctuation around a word goes ("-", "'Siti", "Rahayu."), inside it stays ("Ma'ruf").
        while (!word.empty() && !is_letter_or_digit(word.front()))
            word.remove_prefix(1);
        const bool dotted = word.find('.') != std::string_view::npos;
        while (!word.empty() && !is_letter_or_digit(word.back()))
            word.remove_suffix(1);
        if (word.empty()) continue;
        std::string bare;
        for (char c : word)
            if (c != '.') bare += c;
        const bool title =
            is_title(bare) && (dotted || after_comma ||
                               (first && std::find(dotless_prefixes.begin(), dotless_prefixes.end(), bare) !=
                                             dotless_prefixes.end()));
        first = false;
        if (!title) words.push_back(word);
    }
    std::sort(words.begin(), words.end());
    std::string key;
    for (std::string_view w : words) {
        if (!key.empty()) key += ' ';
        key += w;
    }
    return key;
}

std::string nip_in_name(std::string_view name) {
    std::string found;
    std::size_t i = 0;
    while (i < name.size()) {
        if (!text::is_digit(name[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < name.size() && text::is_digit(name[end]))
            ++end;
        if (end - i == 18) {
            if (!found.empty()) return {}; // two: which one?
            found = std::string(name.substr(i, 18));
        }
        i = end;
    }
    return found;
}

} // namespace asnbelajar
