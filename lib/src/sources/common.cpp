// What every export reader shares: tables found by header aliases, rows turned into attendee records, and
// timestamps parsed once the whole file has decided its day/month order.
#include "source_impl.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/normalize.hpp"
#include "asnbelajar/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace asnbelajar::sources {

using text::trim_blanks;

namespace {

constexpr std::size_t max_problems = 20;

// "", "-", "--": the way exports leave a time or duration out.
bool missing(std::string_view cell) {
    return std::all_of(cell.begin(), cell.end(), [](char c) { return c == '-'; });
}

// Yes and no as attendance columns write them; Indonesian presence lists say why someone was absent (izin:
// excused, sakit: ill, alpa: without a word).
std::optional<bool> yes_no(std::string_view cell) {
    const std::string v = normalize_header(cell);
    for (std::string_view yes : {"yes", "ya", "y", "true", "1", "hadir", "present", "sudah hadir", "v"})
        if (v == yes) return true;
    for (std::string_view no : {"no", "tidak", "n", "false", "0", "tidak hadir", "belum hadir", "absent",
                                "izin", "sakit", "alpa", "alpha", "x"})
        if (v == no) return false;
    // A check-in column holds the time of the check-in.
    if (v.find_first_of("0123456789") != std::string::npos && cell.find(':') != std::string_view::npos)
        return true;
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
    return fmt::format("{} {}", d.day, month_name(d.month, message_language()));
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

std::string_view HeaderRow::written_at(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= names_.size()) return {};
    return names_[static_cast<std::size_t>(index)];
}

bool is_meeting_data_header(const HeaderRow& t) {
    return t.find("meeting id") >= 0 && t.find("topic") >= 0 && !(t.has(Field::join) && t.has(Field::leave));
}

Builder::Builder(const ExportSource& source, std::string name, const ReadOptions& opts)
    : name_(std::move(name)), opts_(opts) {
    data_.name = name_;
    data_.source = &source;
}

bool Builder::attendee(const HeaderRow& t, const Fields& row, std::size_t line, Times times) {
    ++data_.rows;
    if (t.has(Field::attended)) {
        std::string_view v = t.cell(row, Field::attended);
        std::optional<bool> attended = yes_no(v);
        if (!attended) {
            problem(line, t.written(Field::attended), tr("'{}' is neither yes nor no", v));
            return false;
        }
        if (!*attended) {
            ++data_.no_shows;
            return false;
        }
    }
    std::string_view join = t.cell(row, Field::join);
    std::string_view leave = t.cell(row, Field::leave);
    std::string_view minutes = t.cell(row, Field::minutes);
    if (missing(join)) join = {};
    if (missing(leave)) leave = {};
    if (join.empty() != leave.empty() && times != Times::from_join) {
        if (join.empty())
            problem(line, t.written(Field::join), _("a leave time without a join time"));
        else
            problem(line, t.written(Field::leave), _("a join time without a leave time"));
        return false;
    }
    std::optional<std::int64_t> seconds;
    if (!missing(minutes)) {
        seconds = parse_duration_seconds(minutes);
        if (!seconds) {
            problem(line, t.written(Field::minutes), tr("'{}' is not a duration", minutes));
            return false;
        }
    }
    if (times == Times::from_join && !join.empty() && !seconds) {
        problem(line, t.written(Field::minutes),
                tr("a join time without a duration ({} is empty)", t.written(Field::minutes)));
        return false;
    }
    if (join.empty() && !seconds && (t.has(Field::join) || t.has(Field::leave) || t.has(Field::minutes))) {
        ++data_.no_shows; // a table with times, and this row has none: not there
        return false;
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
    Pending p{std::string(join), std::string(leave), std::nullopt, {}, std::nullopt};
    p.join_column = column_id(t.written(Field::join), _("join time"));
    p.leave_column = column_id(t.written(Field::leave), _("leave time"));
    if (times == Times::from_join && !join.empty()) p.after = seconds;
    pending_.push_back(std::move(p));
    return true;
}

std::size_t Builder::column_id(std::string_view written, std::string_view fallback) {
    const std::string_view name = written.empty() ? fallback : written;
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i] == name) return i;
    columns_.emplace_back(name);
    return columns_.size() - 1;
}

void Builder::stamp_last(std::string_view stamp, std::string_view column) {
    if (pending_.empty() || missing(stamp)) return;
    pending_.back().stamp = std::string(stamp);
    pending_.back().stamp_column = column_id(column, _("timestamp"));
}

void Builder::event(ExportRecord person, Event kind, std::string_view stamp, std::string_view column) {
    ++data_.rows;
    events_ = true;
    if (missing(stamp)) {
        problem(person.line, column, _("no time"));
        return;
    }
    data_.records.push_back(std::move(person));
    Pending p{std::string(stamp), std::string(stamp), std::nullopt, {}, kind};
    p.join_column = p.leave_column = column_id(column, _("timestamp"));
    pending_.push_back(std::move(p));
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
    std::string message = tr("{}: {} problems:", name_, problem_count_);
    for (const auto& p : problems_)
        message += "\n" + p.second;
    if (problem_count_ > problems_.size())
        message += "\n" + tr("… and {} more", problem_count_ - problems_.size());
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
        problem(line, column, tr("'{}' is not a date and time", text));
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
        const std::size_t line = data_.records[i].line;
        bool join_time_only = false, leave_time_only = false, stamp_time_only = false;
        if (!p.stamp.empty())
            out[i].stamp =
                parse_time(p.stamp, order, line, columns_[p.stamp_column], stamp_time_only, undecided);
        if (p.join.empty()) continue;
        if (p.event) {
            out[i].join = out[i].leave =
                parse_time(p.join, order, line, columns_[p.join_column], join_time_only, undecided);
            continue;
        }
        out[i].join = parse_time(p.join, order, line, columns_[p.join_column], join_time_only, undecided);
        if (p.after) {
            if (out[i].join) out[i].leave = *out[i].join + *p.after;
            continue;
        }
        out[i].leave = parse_time(p.leave, order, line, columns_[p.leave_column], leave_time_only, undecided);
        // Times without a date: a leave before the join is past midnight.
        if (join_time_only && leave_time_only && out[i].join && out[i].leave && *out[i].leave < *out[i].join)
            *out[i].leave += 24 * 3600;
    }
    return out;
}

// True when every join (and every submission time) lies on the session's local date or a day next to it.
bool Builder::on_session_date(const ParsedTimes& times) const {
    if (!opts_.session_date) return false;
    const std::int64_t day = days_from_civil(*opts_.session_date);
    const auto near = [&](const std::optional<UnixSeconds>& t) {
        return !t || std::abs(days_from_civil(to_local(*t, opts_.zone).date) - day) <= 1;
    };
    return std::all_of(times.begin(), times.end(),
                       [&](const Parsed& p) { return near(p.join) && near(p.stamp); });
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
                throw Error(tr("{}:{}: {} (the first on line {}, the second on line {})", name_,
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
        if (!p.stamp.empty()) samples.push_back(p.stamp);
        if (p.join.empty()) continue;
        samples.push_back(p.join);
        if (!p.leave.empty()) samples.push_back(p.leave);
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
                // The value read two ways: the join, else the leave, else the submission time.
                const Parsed& d = times[i];
                const Parsed& m = month_first[i];
                const int which = d.join != m.join ? 0 : d.leave != m.leave ? 1 : 2;
                const std::optional<UnixSeconds> da = which == 0 ? d.join : which == 1 ? d.leave : d.stamp;
                const std::optional<UnixSeconds> mb = which == 0 ? m.join : which == 1 ? m.leave : m.stamp;
                const std::string& text = which == 0   ? pending_[i].join
                                          : which == 1 ? pending_[i].leave
                                                       : pending_[i].stamp;
                const UnixSeconds a = da.value_or(0), b = mb.value_or(0);
                std::string why = !opts_.session_date ? std::string()
                                  : dmy_fits
                                      ? tr(", and both readings put the joins on the session's date {}",
                                           format_date(*opts_.session_date))
                                      : tr(", and neither puts the joins on the session's date {}",
                                           format_date(*opts_.session_date));
                throw Error(
                    tr("{}:{}: the day/month order of the dates cannot be decided: '{}' is {} or {}{}; "
                       "pass --date-order dmy (day first) or --date-order mdy (month first)",
                       name_, data_.records[i].line, text, day_month(to_local(a, opts_.zone).date),
                       day_month(to_local(b, opts_.zone).date), why));
            }
            order = dmy_fits ? DayOrder::dmy : DayOrder::mdy;
            if (mdy_fits) times = std::move(month_first);
            data_.notes.push_back(
                order == DayOrder::dmy
                    ? tr("dates read day first: the order that puts the joins on the session's date {}",
                         format_date(*opts_.session_date))
                    : tr("dates read month first: the order that puts the joins on the session's date {}",
                         format_date(*opts_.session_date)));
        }
    }
    for (std::size_t i = 0; i < times.size(); ++i) {
        ExportRecord& r = data_.records[i];
        r.join = times[i].join;
        r.leave = times[i].leave;
        r.stamped = times[i].stamp;
        if (r.join && r.leave && *r.leave < *r.join)
            problem(r.line, columns_[pending_[i].leave_column],
                    tr("leave time '{}' is before join time '{}'", pending_[i].leave, pending_[i].join));
    }
    throw_problems();
    if (events_) pair_events();
    data_.order = order;
    pending_.clear();
    return std::move(data_);
}

// The records of event lines (join == leave == the event's time) become the intervals they make, one record
// per interval, at the line of the event that opened it (see Builder::event).
void Builder::pair_events() {
    std::optional<UnixSeconds> first, last;
    for (std::size_t i = 0; i < pending_.size(); ++i)
        if (pending_[i].event && data_.records[i].join) {
            first = std::min(first.value_or(*data_.records[i].join), *data_.records[i].join);
            last = std::max(last.value_or(*data_.records[i].join), *data_.records[i].join);
        }
    if (!first) return;
    const UnixSeconds end = opts_.session_end.value_or(*last);

    // Each person's events (by name as written, blanks collapsed), in time order, ties in file order.
    std::unordered_map<std::string, std::size_t> person_of; // name → index in people (first seen first)
    std::vector<std::vector<std::size_t>> people;
    std::vector<ExportRecord> out;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        if (!pending_[i].event) {
            out.push_back(std::move(data_.records[i]));
            continue;
        }
        const auto [it, added] = person_of.try_emplace(clean_text(data_.records[i].name), people.size());
        if (added) people.emplace_back();
        people[it->second].push_back(i);
    }
    for (std::vector<std::size_t>& events : people) {
        std::stable_sort(events.begin(), events.end(), [&](std::size_t a, std::size_t b) {
            return *data_.records[a].join < *data_.records[b].join;
        });
        std::vector<std::size_t> open; // joins not yet closed, earliest first
        std::size_t closed = 0;        // open[0..closed) are closed
        auto interval = [&](std::size_t at, UnixSeconds from, UnixSeconds to) {
            ExportRecord r = data_.records[at];
            r.join = from;
            r.leave = std::max(from, to);
            out.push_back(std::move(r));
        };
        for (std::size_t i : events) {
            const UnixSeconds t = *data_.records[i].join;
            if (*pending_[i].event == Event::join) {
                open.push_back(i);
            } else if (closed < open.size()) {
                interval(open[closed], *data_.records[open[closed]].join, t);
                ++closed;
            } else {
                interval(i, *first, t); // in before the list began
            }
        }
        for (; closed < open.size(); ++closed)
            interval(open[closed], *data_.records[open[closed]].join, end);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ExportRecord& a, const ExportRecord& b) { return a.line < b.line; });
    data_.records = std::move(out);
}

HeaderRow read_flat_rows(CsvReader& csv, Builder& b, const FlatLayout& layout) {
    Fields row;
    std::optional<HeaderRow> table;
    int skip_column = -1, stamp_column = -1;
    Times times = layout.times;
    std::size_t preamble = 0, skipped = 0;
    std::string first_line;
    while (csv.next(row)) {
        if (is_blank(row)) continue;
        if (!table) {
            HeaderRow candidate(row);
            if (layout.is_header(candidate)) {
                const bool join = candidate.has(Field::join), leave = candidate.has(Field::leave);
                if (layout.join_and_duration && join && !leave && candidate.has(Field::minutes))
                    times = Times::from_join;
                else if (join != leave)
                    b.fail(join ? tr("line {}: a join column without a leave column ({})", csv.line(),
                                     candidate.columns())
                                : tr("line {}: a leave column without a join column ({})", csv.line(),
                                     candidate.columns()));
                if (layout.skip_if_yes) skip_column = candidate.find(layout.skip_if_yes);
                if (layout.stamp_column) stamp_column = layout.stamp_column(candidate);
                table = std::move(candidate);
                continue;
            }
            if (first_line.empty()) first_line = std::string(csv.raw().substr(0, 200));
            if (preamble++ < layout.max_preamble) continue;
            b.fail(tr("no {} header found (first line: '{}')", _(layout.expected), first_line));
        }
        if (skip_column >= 0 && yes_no(HeaderRow::cell_at(row, skip_column)).value_or(false)) {
            b.skipped();
            ++skipped;
            continue;
        }
        if (b.attendee(*table, row, csv.line(), times) && stamp_column >= 0)
            b.stamp_last(HeaderRow::cell_at(row, stamp_column), table->written_at(stamp_column));
    }
    if (!table)
        b.fail(first_line.empty()
                   ? std::string(_("the file is empty"))
                   : tr("no {} header found (first line: '{}')", _(layout.expected), first_line));
    if (skipped)
        b.data().notes.push_back(trn("{} row with '{}' = yes passed over",
                                     "{} rows with '{}' = yes passed over", skipped, skipped,
                                     layout.skip_if_yes));
    b.data().names_only = !table->has_identity();
    return std::move(*table);
}

ExportData read_flat(CsvReader& csv, Builder& b, const FlatLayout& layout) {
    read_flat_rows(csv, b, layout);
    return b.finish();
}

} // namespace asnbelajar::sources
