// Messages in the user's language, through GNU gettext (text domain "asnbelajar"). English is the source
// language: every user-facing string (an Error's message, a note, a warning, a --help text) is written in
// English and goes through one of the functions below, so that xgettext finds it (po/update.sh) and po/id.po
// translates it. The library never prints, but the messages it builds are user-facing: they are translated
// where they are built. Report labels and values are not messages: they are the reports' vocabulary
// (lib/src/reports.cpp), chosen by a report's Lang.
//
// The xgettext keywords (po/update.sh): _  N_  P_:1,2  tr  trn:1,2
#pragma once

#include "asnbelajar/time.hpp" // Lang

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar {

inline constexpr const char* text_domain = "asnbelajar";

// The translation of `msgid` in the language of use_language(): the msgid itself in English, before
// use_language() is called, or when the catalog has no translation of it.
const char* _(const char* msgid);
// _() of a view of a whole string (a literal marked with N_() in a table of string_views).
inline const char* _(std::string_view msgid) {
    return _(msgid.data());
}
// Marks `msgid` for the catalog and returns it untranslated: for tables of strings that are translated with
// _() where they are used.
constexpr const char* N_(const char* msgid) {
    return msgid;
}
// The translation of `singular` or `plural`, whichever `n` asks for in the current language (Indonesian has
// one form for every n).
const char* P_(const char* singular, const char* plural, unsigned long n);

namespace detail {
// fmt::vformat with the translation; should the catalog's translation not be a valid format for the
// arguments (tests/unit/test_i18n.cpp checks that none is), the English one.
std::string vformat_translated(std::string_view english, const char* translated, fmt::format_args args);
// The text of a checked format string (a whole string literal, so null-terminated).
inline std::string_view view(fmt::string_view s) {
    return {s.data(), s.size()};
}
} // namespace detail

// fmt::format with the translation of the format string `msgid`, which the compiler checks against the
// arguments as fmt::format does. Placeholders keep their order unless a translation numbers them ({1} {0}).
template <typename... Args> std::string tr(fmt::format_string<Args...> msgid, Args&&... args) {
    const std::string_view english = detail::view(msgid);
    return detail::vformat_translated(english, _(english.data()), fmt::make_format_args(args...));
}

// tr() with the singular or plural format string for `n` (P_); `n` is usually one of the arguments as well.
template <typename... Args>
std::string trn(fmt::format_string<Args...> singular, fmt::format_string<Args...> plural, unsigned long n,
                Args&&... args) {
    const std::string_view english = n == 1 ? detail::view(singular) : detail::view(plural);
    return detail::vformat_translated(english,
                                      P_(detail::view(singular).data(), detail::view(plural).data(), n),
                                      fmt::make_format_args(args...));
}

// "a, b or c" and "a, b and c" in the current language, for lists inside messages.
std::string or_list(const std::vector<std::string>& items);
std::string and_list(const std::vector<std::string>& items);

// Chooses the language of messages for the whole process: English (the msgids), or Indonesian from
// `localedir`/id/LC_MESSAGES/asnbelajar.mo. For Indonesian it makes sure gettext can work without an id_ID
// locale on the system (only C.UTF-8 may exist): LC_MESSAGES is the user's locale when it exists and is not
// C, else C.UTF-8, and LANGUAGE is set to "id". A catalog that is missing leaves the messages in English.
void use_language(Lang lang, const std::string& localedir);
// The language use_language() chose (English before it is called).
Lang message_language();

} // namespace asnbelajar
