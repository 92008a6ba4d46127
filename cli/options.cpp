#include "options.hpp"

#include "app.hpp"

#include "asnbelajar/i18n.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/text.hpp"

#include <fmt/format.h>

namespace asnbelajar::cli {

Date date_value(std::string_view option, std::string_view text) {
    if (auto d = parse_date(text)) return *d;
    throw UsageError(tr("{}: '{}' is not a date (expected YYYY-MM-DD)", option, text));
}

int jp_value(std::string_view option, std::string_view text) {
    if (auto v = parse_jp(text)) return *v;
    throw UsageError(
        tr("{}: '{}' is not a number of lesson hours (JP with at most one decimal, e.g. 3 or 2.5)", option,
           text));
}

Period week_value(std::string_view option, std::string_view text) {
    if (auto w = parse_iso_week(text)) return *w;
    if (auto d = parse_date(text)) return week_of(*d);
    throw UsageError(tr("{}: '{}' is neither a date (YYYY-MM-DD) nor an ISO week (YYYY-Www)", option, text));
}

NipKind asn_type_value(std::string_view option, std::string_view text) {
    const std::string t = text::to_lower(text);
    if (t == "pns") return NipKind::pns;
    if (t == "pppk") return NipKind::pppk;
    throw UsageError(tr("{}: '{}' is not a kind of ASN (expected pns or pppk)", option, text));
}

JpRounding rounding_value(std::string_view option, std::string_view text) {
    const std::string t = text::to_lower(text);
    if (t == "down") return JpRounding::down;
    if (t == "nearest") return JpRounding::nearest;
    if (t == "up") return JpRounding::up;
    throw UsageError(tr("{}: '{}' is not a way to round (expected down, nearest or up)", option, text));
}

DayOrder date_order_value(std::string_view option, std::string_view text) {
    const std::string t = text::to_lower(text);
    if (t == "dmy") return DayOrder::dmy;
    if (t == "mdy") return DayOrder::mdy;
    throw UsageError(tr("{}: '{}' is not an order of day and month (expected dmy or mdy)", option, text));
}

int jenis_diklat_value(std::string_view option, std::string_view text) {
    int id = 0;
    const bool number = !text.empty() && text.size() <= 3 && text::all_digits(text);
    if (number) id = std::stoi(std::string(text));
    if (number && find_jenis_diklat(id)) return id;
    std::string valid = jenis_diklat_lines();
    valid.pop_back(); // the message's end is the last line's
    throw UsageError(tr("{}: '{}' is not an id of SIASN's jenis diklat reference; the ids are:{}", option,
                        text, "\n" + valid));
}

std::string jenis_diklat_lines() {
    std::string out;
    for (const JenisDiklat& d : jenis_diklat_reference())
        out += fmt::format("  {:2}  {} ({})\n", d.id, d.name, d.certificate_code);
    return out;
}

Period date_range(std::optional<Date> from, std::optional<Date> to, Period whole) {
    Period p{from.value_or(whole.from), to.value_or(whole.to)};
    if (from && to && *to < *from)
        throw UsageError(tr("--to {} is before --from {}", format_date(*to), format_date(*from)));
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
    return add_parsed_option(cmd, name, into, date_value, _("DATE"), description);
}

CLI::Option* add_jp_option(CLI::App& cmd, const std::string& name, std::optional<int>& into,
                           const std::string& description) {
    return add_parsed_option(cmd, name, into, jp_value, _("JP"), description);
}

CLI::Option* add_week_option(CLI::App& cmd, const std::string& name, std::optional<Period>& into,
                             const std::string& description) {
    return add_parsed_option(cmd, name, into, week_value, _("WEEK"), description);
}

CLI::Option* add_asn_type_option(CLI::App& cmd, std::optional<NipKind>& into,
                                 const std::string& description) {
    return add_parsed_option(cmd, "--type", into, asn_type_value, "pns|pppk", description);
}

CLI::Option* add_rounding_option(CLI::App& cmd, std::optional<JpRounding>& into,
                                 const std::string& description) {
    return add_parsed_option(cmd, "--round", into, rounding_value, "down|nearest|up", description);
}

CLI::Option* add_date_order_option(CLI::App& cmd, std::optional<DayOrder>& into,
                                   const std::string& description) {
    return add_parsed_option(cmd, "--date-order", into, date_order_value, "dmy|mdy", description);
}

CLI::Option* add_jenis_diklat_option(CLI::App& cmd, std::optional<int>& into,
                                     const std::string& description) {
    return add_parsed_option(cmd, "--diklat-type", into, jenis_diklat_value, "ID", description);
}

CLI::Option* add_year_option(CLI::App& cmd, std::optional<int>& into, const std::string& description) {
    return cmd.add_option("--year", into, description)->check(CLI::Range(1900, 9999))->type_name(_("YEAR"));
}

} // namespace asnbelajar::cli
