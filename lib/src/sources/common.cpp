// What every export reader shares: tables found by header aliases, rows turned into attendee records, and
// timestamps parsed once the whole file has decided its day/month order.
#include "source_impl.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/normalize.hpp"
#include "asnbelajar/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace asnbelajar::sources {

using text::trim_blanks;

namespace {

constexpr std::size_t max_problems = 20;

// "", "-", "--": the way exports leave a time or duration out.
bool missing(std::string_view cell) {
    return std::all_of(cell.begin(), cell.end(), [](char c) { return c == '-'; });
}

std::optional<bool> yes_no(std::string_view cell) {
    const std::string v = normalize_header(cell);
    for (std::string_view yes : {"yes", "ya", "y", "true", "1", "hadir"})
        if (v == yes) return true;
    for (std::string_view no : {"no", "tidak", "n", "false", "0", "tidak hadir", "belum hadir"})
        if (v == no) return false;
    return std::nullopt;
}

// Zoom's "Name (Original Name)" column: "MALANG DIAN PRATAMA (Dian Pratama)" is Dian Pratama, renamed for the
// meeting. A cell without a trailing bracketed part is the name itself.
std::string_view original_name(std::string_view cell) {
    if (cell.empty() || cell.back() != ')') return cell;
    int depth = 0;
    for (std::size_t i = cell.size(); i-- > 0;) {
        if (cell[i] == ')') ++depth;
        if (cell[i] == '(' && --depth == 0) {
            std::string_view inner = trim_blanks(cell.substr(i + 1, cell.size() - i - 2));
            return inner.empty() || trim_blanks(cell.substr(0, i)).empty() ? cell : inner;
        }
    }
    return cell;
}

std::string day_month(const Date& d) {
    return fmt::format("{} {}", d.day, month_name(d.month, Lang::en));
}

} // namespace

bool is_blank(const Fields& row) {
    return std::all_of(row.begin(), row.end(), [](std::string_view f) { return trim_blanks(f).empty(); });
}

std::string_view title_of(const Fields& row) {
    if (row.empty() || trim_blanks(row[0]).empty()) return {};
    for (std::size_t i = 1; i < row.size(); ++i)
        if (!trim_blanks(row[i]).empty()) return {};
    return trim_blanks(row[0]);
}

HeaderRow::HeaderRow(const Fields& header) : map_(map_headers(header)) {
    names_.reserve(header.size());
    for (std::string_view h : header)
        names_.emplace_back(trim_blanks(h));
    if (map_.has(Field::name)) {
        const std::string lower = text::to_lower(names_[static_cast<std::size_t>(map_.at(Field::name))]);
        original_names_ =
            lower.find("original name") != std::string::npos || lower.find("nama asli") != std::string::npos;
    }
}

std::string_view HeaderRow::cell_at(const Fields& row, int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= row.size()) return {};
    return trim_blanks(row[static_cast<std::size_t>(index)]);
}

std::string_view HeaderRow::cell(const Fields& row, Field f) const {
    return cell_at(row, map_.at(f));
}

int HeaderRow::find(std::string_view normalized) const {
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (normalize_header(names_[i]) == normalized) return static_cast<int>(i);
    return -1;
}

std::string HeaderRow::columns() const {
    return fmt::format("{}", fmt::join(names_, ", "));
}

Builder::Builder(const ExportSource& source, std::string name, const ReadOptions& opts)
    : name_(std::move(name)), opts_(opts) {
    data_.name = name_;
    data_.source = &source;
}

void Builder::attendee(const HeaderRow& t, const Fields& row, std::size_t line, Times times) {
    ++data_.rows;
    if (t.has(Field::attended)) {
        std::string_view v = t.cell(row, Field::attended);
        std::optional<bool> attended = yes_no(v);
        if (!attended) {
            problem(line, "attended", fmt::format("'{}' is neither yes nor no", v));
            return;
        }
        if (!*attended) {
            ++data_.no_shows;
            return;
        }
    }
    std::string_view join = t.cell(row, Field::join);
    std::string_view leave = t.cell(row, Field::leave);
    std::string_view minutes = t.cell(row, Field::minutes);
    if (missing(join)) join = {};
    if (missing(leave)) leave = {};
    if (join.empty() != leave.empty()) {
        problem(line, join.empty() ? "join time" : "leave time",
                fmt::format("a {} time without a {} time", join.empty() ? "leave" : "join",
                            join.empty() ? "join" : "leave"));
        return;
    }
    std::optional<std::int64_t> seconds;
    if (!missing(minutes)) {
        seconds = parse_duration_seconds(minutes);
        if (!seconds) {
            problem(line, "duration", fmt::format("'{}' is not a duration", minutes));
            return;
        }
    }
    if (join.empty() && !seconds && (t.has(Field::join) || t.has(Field::leave) || t.has(Field::minutes))) {
        ++data_.no_shows; // a table with times, and this row has none: not there
        return;
    }

    ExportRecord r;
    r.nip = t.cell(row, Field::nip);
    r.email = t.cell(row, Field::email);
    r.phone = t.cell(row, Field::phone);
    std::string_view first = t.cell(row, Field::first_name), last = t.cell(row, Field::last_name);
    std::string_view name = t.cell(row, Field::name);
    if (!first.empty() || !last.empty())
        r.name = clean_text(fmt::format("{} {}", first, last));
    else
        r.name = clean_text(t.original_names() ? original_name(name) : name);
    if (join.empty() || times == Times::span) r.seconds = seconds;
    r.line = line;
    data_.records.push_back(std::move(r));
    pending_.push_back({std::string(join), std::string(leave)});
}

void Builder::staff(const HeaderRow& t, const Fields& row) {
    ++data_.rows;
    ++data_.staff_rows;
    vote(t.cell(row, Field::join));
    vote(t.cell(row, Field::leave));
}

void Builder::vote(std::string_view stamp) {
    if (!missing(stamp)) votes_.emplace_back(stamp);
}

void Builder::problem(std::size_t line, std::string_view column, const std::string& message) {
    if (++problem_count_ <= max_problems)
        problems_.emplace_back(line, fmt::format("{}:{}: {}: {}", name_, line, column, message));
}

void Builder::fail(const std::string& message) const {
    throw Error(fmt::format("{}: {}", name_, message));
}

void Builder::throw_problems() {
    if (problems_.empty()) return;
    if (problem_count_ == 1) throw Error(problems_.front().second);
    std::stable_sort(problems_.begin(), problems_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string message = fmt::format("{}: {} problems:", name_, problem_count_);
    for (const auto& p : problems_)
        message += "\n" + p.second;
    if (problem_count_ > problems_.size())
        message += fmt::format("\n… and {} more", problem_count_ - problems_.size());
    throw Error(message);
}

std::optional<UnixSeconds> Builder::parse_time(std::string_view text, DayOrder order, std::size_t line,
                                               std::string_view column, bool& time_only, bool* undecided) {
    time_only = false;
    try {
        if (auto t = parse_export_time(text, opts_.zone, order)) return t;
        if (time_only_ && opts_.session_date) {
            std::string dated = fmt::format("{} {}", format_date(*opts_.session_date), text);
            if (auto t = parse_export_time(dated, opts_.zone, order)) {
                time_only = true;
                return t;
            }
        }
        problem(line, column, fmt::format("'{}' is not a date and time", text));
    } catch (const Error& e) {
        if (undecided)
            *undecided = true; // the caller reads the file again with each order
        else
            problem(line, column, e.what());
    }
    return std::nullopt;
}

Builder::ParsedTimes Builder::parse_all(DayOrder order, bool* undecided) {
    ParsedTimes out(pending_.size());
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        const Pending& p = pending_[i];
        if (p.join.empty()) continue;
        const std::size_t line = data_.records[i].line;
        bool join_time_only = false, leave_time_only = false;
        out[i].join = parse_time(p.join, order, line, "join time", join_time_only, undecided);
        out[i].leave = parse_time(p.leave, order, line, "leave time", leave_time_only, undecided);
        // Times without a date: a leave before the join is past midnight.
        if (join_time_only && leave_time_only && out[i].join && out[i].leave && *out[i].leave < *out[i].join)
            *out[i].leave += 24 * 3600;
    }
    return out;
}

// True when every join lies on the session's local date or a day next to it.
bool Builder::on_session_date(const ParsedTimes& times) const {
    if (!opts_.session_date) return false;
    const std::int64_t day = days_from_civil(*opts_.session_date);
    return std::all_of(times.begin(), times.end(), [&](const Parsed& p) {
        return !p.join || std::abs(days_from_civil(to_local(*p.join, opts_.zone).date) - day) <= 1;
    });
}

// detect_day_order() found dates that vote for both orders: says on which lines ("FILE:LINE"), the line being
// that of the first timestamp voting against the earlier ones.
void Builder::fail_mixed_order(const std::string& message) const {
    std::optional<DayOrder> first;
    std::size_t first_line = 0;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        for (const std::string& stamp : {pending_[i].join, pending_[i].leave}) {
            if (stamp.empty()) continue;
            DayOrder vote = DayOrder::unknown;
            try {
                vote = detect_day_order({stamp});
            } catch (const Error&) {
            }
            if (vote == DayOrder::unknown) continue;
            if (!first) {
                first = vote;
                first_line = data_.records[i].line;
            } else if (vote != *first) {
                throw Error(fmt::format("{}:{}: {} (the first on line {}, the second on line {})", name_,
                                        data_.records[i].line, message, first_line, data_.records[i].line));
            }
        }
    }
    fail(message); // the disagreement involves a summary timestamp, which has no attendee line
}

ExportData Builder::finish() {
    std::vector<std::string_view> samples;
    samples.reserve(pending_.size() * 2 + votes_.size());
    for (const Pending& p : pending_) {
        if (p.join.empty()) continue;
        samples.push_back(p.join);
        samples.push_back(p.leave);
    }
    samples.insert(samples.end(), votes_.begin(), votes_.end());

    DayOrder order = opts_.order;
    if (order == DayOrder::unknown) {
        try {
            order = detect_day_order(samples);
        } catch (const Error& e) {
            fail_mixed_order(e.what());
        }
    }
    const std::size_t kept = problems_.size(), counted = problem_count_;
    bool undecided = false;
    // With the order unknown, a date that reads both ways throws: only then is the file read with each order.
    ParsedTimes times = parse_all(order, order == DayOrder::unknown ? &undecided : nullptr);
    if (undecided) {
        problems_.resize(kept); // found again below
        problem_count_ = counted;
        times = parse_all(DayOrder::dmy);
        throw_problems();
        ParsedTimes month_first = parse_all(DayOrder::mdy);
        auto differ = std::mismatch(times.begin(), times.end(), month_first.begin());
        if (differ.first != times.end()) {
            const bool dmy_fits = on_session_date(times), mdy_fits = on_session_date(month_first);
            if (dmy_fits == mdy_fits) {
                const auto i = static_cast<std::size_t>(differ.first - times.begin());
                const bool join_differs = times[i].join != month_first[i].join;
                const UnixSeconds a = join_differs ? *times[i].join : *times[i].leave;
                const UnixSeconds b = join_differs ? *month_first[i].join : *month_first[i].leave;
                std::string why =
                    !opts_.session_date ? std::string()
                    : dmy_fits ? fmt::format(", and both readings put the joins on the session's date {}",
                                             format_date(*opts_.session_date))
                               : fmt::format(", and neither puts the joins on the session's date {}",
                                             format_date(*opts_.session_date));
                throw Error(fmt::format(
                    "{}:{}: the day/month order of the dates cannot be decided: '{}' is {} or {}{}; "
                    "pass --date-order dmy (day first) or --date-order mdy (month first)",
                    name_, data_.records[i].line, join_differs ? pending_[i].join : pending_[i].leave,
                    day_month(to_local(a, opts_.zone).date), day_month(to_local(b, opts_.zone).date), why));
            }
            order = dmy_fits ? DayOrder::dmy : DayOrder::mdy;
            if (mdy_fits) times = std::move(month_first);
            data_.notes.push_back(
                fmt::format("dates read {} first: the order that puts the joins on the session's "
                            "date {}",
                            order == DayOrder::dmy ? "day" : "month", format_date(*opts_.session_date)));
        }
    }
    for (std::size_t i = 0; i < times.size(); ++i) {
        ExportRecord& r = data_.records[i];
        r.join = times[i].join;
        r.leave = times[i].leave;
        if (r.join && r.leave && *r.leave < *r.join)
            problem(
                r.line, "leave time",
                fmt::format("leave time '{}' is before join time '{}'", pending_[i].leave, pending_[i].join));
    }
    throw_problems();
    data_.order = order;
    pending_.clear();
    return std::move(data_);
}

ExportData read_flat(CsvReader& csv, Builder& b, const FlatLayout& layout) {
    Fields row;
    std::optional<HeaderRow> table;
    int skip_column = -1;
    std::size_t preamble = 0, skipped = 0;
    std::string first_line;
    while (csv.next(row)) {
        if (is_blank(row)) continue;
        if (!table) {
            HeaderRow candidate(row);
            if (layout.is_header(candidate)) {
                if (candidate.has(Field::join) != candidate.has(Field::leave))
                    b.fail(fmt::format("line {}: a {} column without a {} column ({})", csv.line(),
                                       candidate.has(Field::join) ? "join" : "leave",
                                       candidate.has(Field::join) ? "leave" : "join", candidate.columns()));
                if (layout.skip_if_yes) skip_column = candidate.find(layout.skip_if_yes);
                table = std::move(candidate);
                continue;
            }
            if (first_line.empty()) first_line = std::string(csv.raw().substr(0, 200));
            if (preamble++ < layout.max_preamble) continue;
            b.fail(fmt::format("no {} header found (first line: '{}')", layout.expected, first_line));
        }
        if (skip_column >= 0 && yes_no(HeaderRow::cell_at(row, skip_column)).value_or(false)) {
            b.skipped();
            ++skipped;
            continue;
        }
        b.attendee(*table, row, csv.line(), layout.times);
    }
    if (!table)
        b.fail(first_line.empty()
                   ? std::string("the file is empty")
                   : fmt::format("no {} header found (first line: '{}')", layout.expected, first_line));
    if (skipped)
        b.data().notes.push_back(
            fmt::format("{} rows with '{}' = yes passed over", skipped, layout.skip_if_yes));
    return b.finish();
}

} // namespace asnbelajar::sources
