// Option values that several commands take, parsed once, here. A value that does not parse is a usage error
// (UsageError: exit 2) with one message per kind of value, whichever command took it. Each add_…_option binds
// the option to a typed value, set while CLI11 parses the command line (before the command's callback runs,
// as CLI11's own checks are), and names the value's kind in --help (DATE, JP, YEAR, WEEK).
#pragma once

#include "asnbelajar/nip.hpp"
#include "asnbelajar/siasn.hpp"
#include "asnbelajar/time.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace asnbelajar::cli {

// A date, YYYY-MM-DD: --from, --to.
CLI::Option* add_date_option(CLI::App& cmd, const std::string& name, std::optional<Date>& into,
                             const std::string& description);
// Lesson hours with at most one decimal ("3", "2.5", "2,5"), kept in tenths: --jp, --target, --below.
CLI::Option* add_jp_option(CLI::App& cmd, const std::string& name, std::optional<int>& into,
                           const std::string& description);
// A calendar year, 1900 to 9999: --year.
CLI::Option* add_year_option(CLI::App& cmd, std::optional<int>& into, const std::string& description);
// The Monday–Sunday week of an ISO week (2022-W09) or of a date in it: --week-of, or a WEEK positional.
CLI::Option* add_week_option(CLI::App& cmd, const std::string& name, std::optional<Period>& into,
                             const std::string& description);

// The kind of ASN, pns or pppk (any case): --type.
CLI::Option* add_asn_type_option(CLI::App& cmd, std::optional<NipKind>& into, const std::string& description);
// How to round fractional JP to whole hours, down, nearest or up: --round.
CLI::Option* add_rounding_option(CLI::App& cmd, std::optional<JpRounding>& into,
                                 const std::string& description);
// The order of day and month in numeric dates, dmy or mdy (any case): --date-order. Unset: decided from the file.
CLI::Option* add_date_order_option(CLI::App& cmd, std::optional<DayOrder>& into,
                                   const std::string& description);
// An id of SIASN's jenis-diklat reference (1 to 25): --diklat-type.
CLI::Option* add_jenis_diklat_option(CLI::App& cmd, std::optional<int>& into, const std::string& description);

// The parsers behind those options; `option` names the option in the message. Throw UsageError.
Date date_value(std::string_view option, std::string_view text);
int jp_value(std::string_view option, std::string_view text);
Period week_value(std::string_view option, std::string_view text);
NipKind asn_type_value(std::string_view option, std::string_view text);
JpRounding rounding_value(std::string_view option, std::string_view text);
DayOrder date_order_value(std::string_view option, std::string_view text);
// The message of an unknown id lists every id of the reference with its name.
int jenis_diklat_value(std::string_view option, std::string_view text);
// SIASN's jenis-diklat reference, one "  ID  name (certificate code)" line an id, each ending in a newline.
std::string jenis_diklat_lines();

// The period of --from/--to: an end not given is the end of `whole`. Throws UsageError when --to is before
// --from.
Period date_range(std::optional<Date> from, std::optional<Date> to, Period whole);

} // namespace asnbelajar::cli
