#include "asnbelajar/results.hpp"

#include "asnbelajar/columns.hpp"
#include "asnbelajar/csv.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/nip.hpp"
#include "asnbelajar/normalize.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <span>
#include <unordered_map>

namespace asnbelajar {
namespace {

constexpr std::uint64_t progress_every = 4096; // rows between progress callbacks
// A results file is filled in after its session: how far from the session's date its timestamps may lie for a
// day/month order to fit them (when the file's dates read both ways).
constexpr int days_before_session = 1, days_after_session = 14;

// A decimal number "80", "7,5", "77.78": its digits as an integer and the number of decimals. None for anything
// else, or more than 6 digits before or 3 after the mark.
struct Decimal {
    std::int64_t digits = 0;
    int decimals = 0;
};
std::optional<Decimal> parse_decimal(std::string_view s) {
    const std::size_t mark = s.find_first_of(".,");
    const std::string_view whole = s.substr(0, mark);
    const std::string_view frac = mark == std::string_view::npos ? std::string_view{} : s.substr(mark + 1);
    if (whole.empty() || whole.size() > 6 || !text::all_digits(whole) || frac.size() > 3 ||
        !text::all_digits(frac) || (mark != std::string_view::npos && frac.empty()))
        return std::nullopt;
    Decimal d;
    for (char c : whole)
        d.digits = d.digits * 10 + (c - '0');
    for (char c : frac)
        d.digits = d.digits * 10 + (c - '0');
    d.decimals = static_cast<int>(frac.size());
    return d;
}

std::int64_t pow10(int n) {
    std::int64_t p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

const char* const score_forms = N_("expected points of a total like 8 / 10, or a percentage like 80 or 80%");

} // namespace

ScoreParse parse_score(std::string_view text) {
    const std::string_view t = text::trim_blanks(text);
    if (t.empty()) return {std::nullopt, _("no score: a post-test row needs one")};
    if (t.front() == '-') return {std::nullopt, _("a score cannot be negative")};
    if (const std::size_t slash = t.find('/'); slash != std::string_view::npos) {
        const auto points = parse_decimal(text::trim_blanks(t.substr(0, slash)));
        const auto total = parse_decimal(text::trim_blanks(t.substr(slash + 1)));
        if (!points || !total) return {std::nullopt, tr("not a score ({})", _(score_forms))};
        if (total->digits == 0) return {std::nullopt, _("a total of 0 points is no score")};
        // points / total × 10000, in integers: (p / 10^a) / (q / 10^b) = p·10^b / (q·10^a).
        const std::int64_t num = points->digits * pow10(total->decimals) * 10000;
        const std::int64_t den = total->digits * pow10(points->decimals);
        if (num > den * 10000) return {std::nullopt, _("more points than the total")};
        return {static_cast<int>(num / den), {}};
    }
    std::string_view number = t;
    if (number.back() == '%') number = text::trim_blanks(number.substr(0, number.size() - 1));
    const auto value = parse_decimal(number);
    if (!value) return {std::nullopt, tr("not a score ({})", _(score_forms))};
    // value / 10^decimals percent, in hundredths: rounded down past the second decimal.
    const std::int64_t hundredths = value->decimals <= 2 ? value->digits * pow10(2 - value->decimals)
                                                         : value->digits / pow10(value->decimals - 2);
    if (hundredths > 10000)
        return {std::nullopt, _("a percentage above 100 (for points of a total write them as 8 / 10)")};
    return {static_cast<int>(hundredths), {}};
}

std::string format_score(int score) {
    if (score % 100 == 0) return fmt::format("{}", score / 100);
    if (score % 10 == 0) return fmt::format("{}.{}", score / 100, score % 100 / 10);
    return fmt::format("{}.{:02}", score / 100, score % 100);
}

namespace {

// One import of a results file.
class ResultsImport {
  public:
    ResultsImport(store::Store& store, const Session& session, CsvReader& reader,
                  const ResultsImportOptions& options)
        : store_(store), session_(session), reader_(reader), options_(options),
          rejects_(options.rejects, reader) {
        result_.file = reader.name();
        result_.session = session.code;
        result_.kind = options.kind;
        result_.required =
            options.kind == ResultKind::survey ? session.requires_survey : session.requires_posttest;
    }

    ResultsImportResult run() {
        if (session_.status == SessionStatus::cancelled)
            throw Error(tr("session {} is cancelled: it takes no results", session_.code));
        read_header();
        read_rows();
        const DayOrder order = day_order();
        for (const StoredRow& row : rows_)
            take(row, order);
        match_people();
        write_attempts();
        count_people();
        return std::move(result_);
    }

  private:
    struct StoredRow {
        std::size_t line = 0;
        std::vector<std::string> fields;
    };
    // An attempt of the file: a person and the time of the submission (none in a file without timestamps).
    using AttemptKey = std::pair<Id, std::optional<std::int64_t>>;
    struct Attempt {
        std::optional<int> score;
    };

    std::string_view cell(const StoredRow& row, Field f) const {
        const int i = map_.at(f);
        return i < 0 || static_cast<std::size_t>(i) >= row.fields.size()
                   ? std::string_view{}
                   : std::string_view(row.fields[static_cast<std::size_t>(i)]);
    }
    std::string column(Field f, std::string_view fallback) const {
        return map_.has(f) ? header_[static_cast<std::size_t>(map_.at(f))] : std::string(fallback);
    }

    void read_header() {
        std::vector<std::string_view> fields;
        bool have = false;
        while ((have = reader_.next(fields)) && std::all_of(fields.begin(), fields.end(), text::is_blank)) {
        }
        if (!have)
            throw Error(tr("{}:1: the file is empty: expected a header row and result rows", reader_.name()));
        header_line_ = reader_.line();
        header_.assign(fields.begin(), fields.end());
        map_ = map_headers(fields);
        const bool posttest = options_.kind == ResultKind::posttest;
        std::vector<std::string> missing;
        if (!map_.has(Field::nip) && !map_.has(Field::email))
            missing.push_back(tr("no NIP or e-mail column: a results file needs one or both to know "
                                 "whose result each row is (NIP headers: {}; e-mail headers: {})",
                                 aliases(Field::nip), aliases(Field::email)));
        if (posttest && !map_.has(Field::score))
            missing.push_back(tr("no score column: a post-test file needs one (accepted headers: {})",
                                 aliases(Field::score)));
        if (!missing.empty()) {
            std::string found;
            for (std::size_t i = 0; i < header_.size() && i < 12; ++i)
                found += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", shown_value(header_[i]));
            if (header_.size() > 12) found += tr(" and {} more", header_.size() - 12);
            std::string message = fmt::format("{}:{}: ", reader_.name(), header_line_);
            for (std::size_t i = 0; i < missing.size(); ++i)
                message += (i == 0 ? "" : _("; and ")) + missing[i];
            throw Error(message + trn(". The header row has {} column: {}",
                                      ". The header row has {} columns: {}", header_.size(), header_.size(),
                                      found));
        }
        // Columns this import does not read: unknown ones, participant and attendance fields other than the
        // person's keys and name, and a survey's scores.
        std::vector<Field> read = {Field::nip, Field::email, Field::name, Field::timestamp};
        if (posttest) read.push_back(Field::score);
        result_.ignored_columns = unread_columns(header_, map_, read);
        result_.duplicate_columns = map_.duplicates;
        rejects_.header(header_);
        if (options_.unmatched)
            write_csv_record(*options_.unmatched,
                             {"line", "nip", "email", "name", "score", "timestamp", "reason"});
    }

    static std::string aliases(Field f) {
        std::string out;
        for (std::string_view a : field_aliases(f))
            out += (out.empty() ? "" : ", ") + std::string(a);
        return out;
    }

    void read_rows() {
        std::vector<std::string_view> fields;
        while (reader_.next(fields)) {
            if (std::all_of(fields.begin(), fields.end(), text::is_blank)) continue;
            rows_.push_back({reader_.line(), {fields.begin(), fields.end()}});
            if (options_.on_progress && rows_.size() % progress_every == 0) report_progress();
        }
        result_.rows = rows_.size();
        if (options_.on_progress) report_progress();
        if (rows_.empty())
            throw Error(tr("{}:{}: the file has a header but no result rows", reader_.name(), header_line_));
    }

    void report_progress() const {
        options_.on_progress({.done = reader_.bytes_read(),
                              .total = options_.input_bytes,
                              .count = rows_.size(),
                              .unit = "rows"});
    }

    // The order of the day and month of numeric dates: --date-order, else what the file's timestamps say, else
    // (dates that read both ways) the order that puts every timestamp near the session's date.
    DayOrder day_order() {
        if (options_.order != DayOrder::unknown || !map_.has(Field::timestamp)) return options_.order;
        std::vector<std::string_view> samples;
        for (const StoredRow& row : rows_)
            samples.push_back(cell(row, Field::timestamp));
        DayOrder order = DayOrder::unknown;
        try {
            order = detect_day_order(samples);
        } catch (const Error& e) {
            throw Error(tr("{}: column {}: {}; pass --date-order dmy or mdy", reader_.name(),
                           column(Field::timestamp, "timestamp"), e.what()));
        }
        if (order != DayOrder::unknown) return order;
        const auto read = [&](std::string_view s, DayOrder o) -> std::optional<std::int64_t> {
            try {
                return parse_export_time(s, options_.zone, o);
            } catch (const Error&) {
                return std::nullopt; // an impossible value: a problem of its row, found later
            }
        };
        const std::int64_t day = days_from_civil(local_start_date(session_));
        const auto near = [&](std::optional<std::int64_t> t) {
            const std::int64_t d = days_from_civil(to_local(*t, options_.zone).date);
            return d >= day - days_before_session && d <= day + days_after_session;
        };
        bool both_ways = false, dmy_fits = true, mdy_fits = true;
        for (std::string_view s : samples) {
            const auto dmy = read(s, DayOrder::dmy), mdy = read(s, DayOrder::mdy);
            both_ways = both_ways || (dmy && mdy && *dmy != *mdy);
            dmy_fits = dmy_fits && (!dmy || near(dmy));
            mdy_fits = mdy_fits && (!mdy || near(mdy));
        }
        if (!both_ways) return DayOrder::unknown;
        if (dmy_fits == mdy_fits)
            throw Error(dmy_fits
                            ? tr("{}: the day/month order of the timestamps cannot be decided (both readings "
                                 "put them near the session's date {}); pass --date-order dmy (day first) or "
                                 "--date-order mdy (month first)",
                                 reader_.name(), format_date(local_start_date(session_)))
                            : tr("{}: the day/month order of the timestamps cannot be decided (neither "
                                 "reading puts them near the session's date {}); pass --date-order dmy (day "
                                 "first) or --date-order mdy (month first)",
                                 reader_.name(), format_date(local_start_date(session_))));
        order = dmy_fits ? DayOrder::dmy : DayOrder::mdy;
        result_.order_note =
            order == DayOrder::dmy
                ? tr("timestamps read day first: the order that puts them near the session's date {}",
                     format_date(local_start_date(session_)))
                : tr("timestamps read month first: the order that puts them near the session's date {}",
                     format_date(local_start_date(session_)));
        return order;
    }

    // A valid row, waiting for its person (match_people).
    struct Valid {
        const StoredRow* row;
        std::optional<int> score;
        std::optional<std::int64_t> submitted;
    };

    // Checks one row; a valid one waits in valid_ for its person, with its keys in keys_.
    void take(const StoredRow& row, DayOrder order) {
        problems_.clear();
        std::vector<std::string_view> views(row.fields.begin(), row.fields.end());
        if (auto width = width_problem(views, header_.size())) {
            problems_.push_back(std::move(*width));
            return reject(row, views);
        }
        const std::string_view nip_cell = text::trim_blanks(cell(row, Field::nip));
        const std::string_view email_cell = cell(row, Field::email);
        std::string nip;
        if (!nip_cell.empty()) {
            NipCheck check = check_nip(nip_cell, options_.today);
            if (check.ok)
                nip = std::move(check.nip);
            else
                problems_.push_back(
                    {column(Field::nip, "nip"), std::string(nip_cell), std::move(check.error)});
        }
        Normalized email = normalize_email(email_cell);
        if (!email.ok)
            problems_.push_back({column(Field::email, "email"), std::string(email_cell), email.error});
        if (nip_cell.empty() && text::is_blank(email_cell))
            problems_.push_back(
                {map_.has(Field::nip) ? column(Field::nip, "nip") : column(Field::email, "email"),
                 {},
                 _("a NIP or an e-mail address is needed to know whose result this is")});
        std::optional<std::int64_t> submitted;
        if (map_.has(Field::timestamp)) {
            const std::string_view stamp = cell(row, Field::timestamp);
            const std::string name = column(Field::timestamp, "timestamp");
            try {
                submitted = parse_export_time(stamp, options_.zone, order);
                if (!submitted)
                    problems_.push_back({name, std::string(stamp),
                                         text::is_blank(stamp)
                                             ? _("no time: expected when the form was submitted")
                                             : _("not a date and time (expected e.g. 3/3/2022 10:15:42 or "
                                                 "2022-03-03 10:15:42)")});
            } catch (const Error& e) {
                problems_.push_back({name, std::string(stamp), e.what()});
            }
        }
        std::optional<int> score;
        if (options_.kind == ResultKind::posttest) {
            const std::string_view text = cell(row, Field::score);
            ScoreParse parsed = parse_score(text);
            if (parsed.score)
                score = parsed.score;
            else
                problems_.push_back(
                    {column(Field::score, "score"), std::string(text), std::move(parsed.error)});
        }
        if (!problems_.empty()) return reject(row, views);

        valid_.push_back({&row, score, submitted});
        keys_.push_back({std::move(nip), std::move(email.value), {}});
    }

    // Finds the people of the valid rows (by NIP, else e-mail: one store call per batch of rows) and adds each
    // row's attempt, in file order; rows of nobody in the store are unknown.
    void match_people() {
        const std::size_t batch = std::max<std::size_t>(1, store_.batch_rows());
        for (std::size_t first = 0; first < valid_.size(); first += batch) {
            const std::size_t n = std::min(batch, valid_.size() - first);
            const std::vector<std::optional<Id>> ids =
                store_.participants_matching(std::span(keys_).subspan(first, n));
            for (std::size_t i = 0; i < n; ++i) {
                const Valid& v = valid_[first + i];
                if (!ids[i]) {
                    unknown(*v.row, keys_[first + i].nip, keys_[first + i].email, v.score, v.submitted);
                    continue;
                }
                const auto [it, added] =
                    attempts_.try_emplace(AttemptKey{*ids[i], v.submitted}, Attempt{v.score});
                if (!added) {
                    ++result_.repeated;
                    if (v.score && (!it->second.score || *v.score > *it->second.score))
                        it->second.score = v.score;
                }
            }
        }
    }

    void reject(const StoredRow& row, const std::vector<std::string_view>& views) {
        ++result_.rejected;
        if (options_.on_reject) options_.on_reject(row.line, views, problems_);
        rejects_.row(row.line, views, problems_);
    }

    void unknown(const StoredRow& row, const std::string& nip, const std::string& email,
                 std::optional<int> score, std::optional<std::int64_t> submitted) {
        ++result_.unknown;
        if (!options_.unmatched) return;
        const std::string line = std::to_string(row.line);
        const std::string name = clean_text(cell(row, Field::name));
        const std::string score_text = score ? format_score(*score) : std::string();
        const std::string stamp =
            submitted ? format_datetime_offset(*submitted, options_.zone) : std::string();
        write_csv_record(*options_.unmatched,
                         {line, nip, email, name, score_text, stamp,
                          nip.empty()     ? _("nobody in the store has this e-mail")
                          : email.empty() ? _("nobody in the store has this NIP")
                                          : _("nobody in the store has this NIP or e-mail")});
    }

    void write_attempts() {
        // The import's mark on its rows: a digest of the attempts it recorded (FNV-1a).
        std::uint64_t h = 0xcbf29ce484222325ULL;
        const auto mix = [&h](std::int64_t v) { h = (h ^ static_cast<std::uint64_t>(v)) * 0x100000001b3ULL; };
        for (const auto& [key, attempt] : attempts_) {
            mix(key.first);
            mix(key.second.value_or(-1));
            mix(attempt.score.value_or(-1));
        }
        const std::string batch = fmt::format("{}:{:016x}", to_string(options_.kind), h);
        std::vector<ResultAttempt> rows;
        rows.reserve(attempts_.size());
        for (const auto& [key, attempt] : attempts_)
            rows.push_back({session_.id, key.first, options_.kind, attempt.score, key.second, batch});
        const store::ResultCounts counts = store_.put_results(rows);
        result_.added = counts.added;
        result_.replaced = counts.replaced;
        result_.unchanged = counts.unchanged;
    }

    // The people of the file against the session: who did not attend, and (post-test) whose best score is
    // still below the pass score.
    void count_people() {
        std::unordered_map<Id, const store::RosterRow*> roster;
        const std::vector<store::RosterRow> rows = store_.session_roster(session_.id);
        for (const store::RosterRow& r : rows)
            roster.emplace(r.person.id, &r);
        Id last = 0;
        for (const auto& [key, attempt] : attempts_) {
            if (key.first == last) continue; // the map holds a person's attempts together
            last = key.first;
            ++result_.people;
            const auto it = roster.find(key.first);
            if (it == roster.end() || it->second->outcome != AttendanceOutcome::attended) {
                ++result_.not_attended;
            } else if (options_.kind == ResultKind::posttest && it->second->posttest &&
                       *it->second->posttest < session_.pass_score * 100) {
                ++result_.below_pass;
            }
        }
    }

    store::Store& store_;
    const Session& session_;
    CsvReader& reader_;
    const ResultsImportOptions& options_;
    RejectsWriter rejects_;
    ResultsImportResult result_;
    std::size_t header_line_ = 0;
    std::vector<std::string> header_;
    HeaderMap map_;
    std::vector<StoredRow> rows_;
    std::vector<Valid> valid_;                 // valid rows, in file order
    std::vector<store::ParticipantKeys> keys_; // their people's keys, one per valid row
    std::vector<RowProblem> problems_;
    std::map<AttemptKey, Attempt> attempts_;
};

} // namespace

ResultsImportResult import_results(store::Store& store, const Session& session, CsvReader& reader,
                                   const ResultsImportOptions& options) {
    return ResultsImport(store, session, reader, options).run();
}

} // namespace asnbelajar
