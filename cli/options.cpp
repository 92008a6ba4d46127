#include "options.hpp"

#include "app.hpp"

#include "asnbelajar/session.hpp"

#include <fmt/format.h>

namespace asnbelajar::cli {

Date date_value(std::string_view option, std::string_view text) {
    if (auto d = parse_date(text)) return *d;
    throw UsageError(fmt::format("{}: '{}' is not a date (expected YYYY-MM-DD)", option, text));
}

int jp_value(std::string_view option, std::string_view text) {
    if (auto v = parse_jp(text)) return *v;
    throw UsageError(
        fmt::format("{}: '{}' is not a number of lesson hours (JP with at most one decimal, e.g. 3 or 2.5)",
                    option, text));
}

Period week_value(std::string_view option, std::string_view text) {
    if (auto w = parse_iso_week(text)) return *w;
    if (auto d = parse_date(text)) return week_of(*d);
    throw UsageError(
        fmt::format("{}: '{}' is neither a date (YYYY-MM-DD) nor an ISO week (YYYY-Www)", option, text));
}

Period date_range(std::optional<Date> from, std::optional<Date> to, Period whole) {
    Period p{from.value_or(whole.from), to.value_or(whole.to)};
    if (from && to && *to < *from)
        throw UsageError(fmt::format("--to {} is before --from {}", format_date(*to), format_date(*from)));
    return p;
}

namespace {

// An option whose text `parse(name, text)` turns into the value of `into` (or a UsageError).
template <typename T, typename Parse>
CLI::Option* add_parsed_option(CLI::App& cmd, const std::string& name, std::optional<T>& into, Parse parse,
                               const char* type_name, const std::string& description) {
    auto set = [name, &into, parse](const std::string& text) { into = parse(name, text); };
    return cmd.add_option_function<std::string>(name, set, description)->type_name(type_name);
}

} // namespace

CLI::Option* add_date_option(CLI::App& cmd, const std::string& name, std::optional<Date>& into,
                             const std::string& description) {
    return add_parsed_option(cmd, name, into, date_value, "DATE", description);
}

CLI::Option* add_jp_option(CLI::App& cmd, const std::string& name, std::optional<int>& into,
                           const std::string& description) {
    return add_parsed_option(cmd, name, into, jp_value, "JP", description);
}

CLI::Option* add_week_option(CLI::App& cmd, const std::string& name, std::optional<Period>& into,
                             const std::string& description) {
    return add_parsed_option(cmd, name, into, week_value, "WEEK", description);
}

CLI::Option* add_year_option(CLI::App& cmd, std::optional<int>& into, const std::string& description) {
    return cmd.add_option("--year", into, description)->check(CLI::Range(1900, 9999))->type_name("YEAR");
}

} // namespace asnbelajar::cli
