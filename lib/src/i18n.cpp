#include "asnbelajar/i18n.hpp"

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <cstring>

namespace asnbelajar {
namespace {

Lang language = Lang::en;

// A locale for LC_MESSAGES in which gettext honours LANGUAGE: the user's own unless it is C or POSIX (where
// gettext ignores LANGUAGE) or does not exist, else C.UTF-8 (glibc 2.35 and later always have it).
void messages_locale() {
    const char* user = std::setlocale(LC_MESSAGES, "");
    if (user && std::strcmp(user, "C") != 0 && std::strcmp(user, "POSIX") != 0) return;
    for (const char* name : {"C.UTF-8", "C.utf8", "en_US.UTF-8"})
        if (std::setlocale(LC_MESSAGES, name)) return;
}

} // namespace

const char* _(const char* msgid) {
    if (language == Lang::en || msgid[0] == '\0') return msgid; // "" would be the catalog's header
    return ::dgettext(text_domain, msgid);
}

const char* P_(const char* singular, const char* plural, unsigned long n) {
    if (language == Lang::en) return n == 1 ? singular : plural;
    return ::dngettext(text_domain, singular, plural, n);
}

namespace detail {

std::string vformat_translated(std::string_view english, const char* translated, fmt::format_args args) {
    if (translated != english.data()) {
        try {
            return fmt::vformat(translated, args);
        } catch (const fmt::format_error&) {
            // A catalog whose placeholders do not fit: the English message rather than none.
        }
    }
    return fmt::vformat(english, args);
}

} // namespace detail

namespace {

std::string joined(const std::vector<std::string>& items, const char* last) {
    if (items.empty()) return {};
    std::string head = items.front();
    for (std::size_t i = 1; i + 1 < items.size(); ++i)
        head += ", " + items[i];
    if (items.size() == 1) return head;
    return detail::vformat_translated(last, _(last), fmt::make_format_args(head, items.back()));
}

} // namespace

std::string or_list(const std::vector<std::string>& items) {
    return joined(items, N_("{} or {}"));
}

std::string and_list(const std::vector<std::string>& items) {
    return joined(items, N_("{} and {}"));
}

void use_language(Lang lang, const std::string& localedir) {
    language = lang;
    if (lang == Lang::en) return;
    messages_locale();
    ::setenv("LANGUAGE", "id", 1);
    ::bindtextdomain(text_domain, localedir.c_str());
    ::bind_textdomain_codeset(text_domain, "UTF-8");
}

Lang message_language() {
    return language;
}

} // namespace asnbelajar
