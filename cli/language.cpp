#include "language.hpp"

#include "asnbelajar/i18n.hpp"

#include <fmt/args.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <regex>
#include <string_view>

#ifndef ASNBELAJAR_LOCALEDIR
#define ASNBELAJAR_LOCALEDIR "/usr/local/share/locale"
#endif

namespace asnbelajar::cli {
namespace {

// "id", "id_ID.UTF-8", "en@quot" → the language; anything else (C, C.UTF-8, de_DE, "") → nullopt.
std::optional<Lang> language_of(std::string_view name) {
    const std::string_view code = name.substr(0, name.find_first_of("_.@"));
    if (code == "id") return Lang::id;
    if (code == "en") return Lang::en;
    return std::nullopt;
}

std::optional<Lang> from_env(const char* variable) {
    const char* value = std::getenv(variable);
    if (!value) return std::nullopt;
    return language_of(value);
}

} // namespace

Lang choose_language(const std::vector<std::string>& args) {
    std::optional<Lang> option;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") break;
        if (a == "--lang" && i + 1 < args.size()) option = language_of(args[++i]);
        if (a.rfind("--lang=", 0) == 0) option = language_of(std::string_view(a).substr(7));
    }
    if (option) return *option;
    if (auto env = from_env("ASNBELAJAR_LANG")) return *env;
    if (const char* list = std::getenv("LANGUAGE")) {
        std::string_view rest = list;
        while (!rest.empty()) {
            const std::size_t colon = rest.find(':');
            if (auto lang = language_of(rest.substr(0, colon))) return *lang;
            rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
        }
    }
    for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(variable);
        if (value && *value) return language_of(value).value_or(Lang::id); // the first one set decides
    }
    return Lang::id;
}

std::string locale_dir() {
    namespace fs = std::filesystem;
    if (const char* dir = std::getenv("ASNBELAJAR_LOCALEDIR"); dir && *dir) return dir;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const fs::path& dir :
             {exe.parent_path().parent_path() / "share" / "locale", exe.parent_path() / "locale"})
            if (fs::exists(dir / "id" / "LC_MESSAGES" / (std::string(text_domain) + ".mo"), ec))
                return dir.string();
    }
    return ASNBELAJAR_LOCALEDIR;
}

namespace {

// A value type of --help: "TEXT", "INT", "TEXT:{id,en}", "INT:INT in [0 - 100]", "DATE".
std::string type_label(const std::string& type) {
    static const std::regex range(R"((\w+) in \[(.*) - (.*)\])");
    std::string out;
    std::size_t from = 0;
    while (from <= type.size()) {
        std::size_t to = type.find(':', from);
        if (to == std::string::npos) to = type.size();
        const std::string part = type.substr(from, to - from);
        std::smatch m;
        if (!out.empty()) out += ':';
        if (std::regex_match(part, m, range))
            out += tr("{} from {} to {}", _(m.str(1).c_str()), m.str(2), m.str(3));
        else
            out += _(part.c_str());
        from = to + 1;
    }
    return out;
}

// Value types CLI11 names by itself, for the catalog (the program's own are marked where they are given).
[[maybe_unused]] constexpr const char* cli11_types[] = {N_("TEXT"), N_("INT"), N_("UINT"), N_("FLOAT")};

void localize(CLI::App& app, CLI::Formatter& formatter) {
    for (CLI::Option* opt : app.get_options()) {
        if (opt->get_group() == "Options") opt->group(_("Options"));
        const std::string type = opt->get_type_name();
        if (!type.empty()) formatter.label(type, type_label(type));
    }
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        if (sub->get_group() == "Subcommands") sub->group(_("Subcommands"));
        localize(*sub, formatter);
    }
}

} // namespace

void localize_help(CLI::App& app) {
    auto formatter = std::dynamic_pointer_cast<CLI::Formatter>(app.get_formatter());
    if (!formatter) return;
    formatter->label("Usage", _("Usage"));
    formatter->label("OPTIONS", _("OPTIONS"));
    formatter->label("SUBCOMMAND", _("SUBCOMMAND"));
    formatter->label("SUBCOMMANDS", _("SUBCOMMANDS"));
    formatter->label("Positionals", _("Positionals"));
    formatter->label("REQUIRED", _("REQUIRED"));
    formatter->label("Needs", _("Needs"));
    formatter->label("Excludes", _("Excludes"));
    localize(app, *formatter);
}

std::string parse_error_message(const CLI::ParseError& e) {
    // CLI11's messages (CLI/Error.hpp, CLI/Validators.hpp), each with what it names.
    struct Pattern {
        std::regex english;
        const char* message;    // a format string of the submatches, in that order
        bool type_last = false; // the last submatch is a value type (TEXT)
    };
    static const Pattern patterns[] = {
        {std::regex("The following arguments? (?:was|were) not expected: (.*)"),
         N_("unexpected argument: {}")},
        {std::regex("A subcommand is required"), N_("a command is required")},
        {std::regex("(.*) is required"), N_("{} is required")},
        {std::regex("(.*) requires (.*)"), N_("{} needs {}")},
        {std::regex("(.*) excludes (.*)"), N_("{} cannot be given with {}")},
        {std::regex("(.*): (.*) not in \\{(.*)\\}"), N_("{}: '{}' is not one of {}")},
        {std::regex("(.*): Value (.*) not in range (.*) to (.*)"), N_("{}: {} is not between {} and {}")},
        {std::regex("Could not convert: (.*) = (.*)"), N_("{}: '{}' is not a number")},
        {std::regex("(.*): [0-9]+ required (.*) missing"), N_("{} needs a value ({})"), true},
        {std::regex("Expected exactly ([0-9]+) arguments to (.*), got ([0-9]+)"),
         N_("expected {} values for {}, got {}")},
    };
    const std::string english = e.what();
    for (const Pattern& p : patterns) {
        std::smatch m;
        if (!std::regex_match(english, m, p.english)) continue;
        fmt::dynamic_format_arg_store<fmt::format_context> args;
        for (std::size_t i = 1; i < m.size(); ++i)
            args.push_back(p.type_last && i + 1 == m.size() ? type_label(m.str(i)) : m.str(i));
        return detail::vformat_translated(p.message, _(p.message), args);
    }
    return english;
}

} // namespace asnbelajar::cli
