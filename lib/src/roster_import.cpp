#include "asnbelajar/roster_import.hpp"

#include "asnbelajar/csv.hpp"
#include "asnbelajar/enrollment.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/normalize.hpp"
#include "asnbelajar/participant.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/text.hpp"
#include "probe_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace asnbelajar {
namespace {

constexpr std::uint64_t progress_every = 4096; // rows between progress callbacks
constexpr Field participant_fields[] = {Field::nip,    Field::name, Field::email,    Field::phone,
                                        Field::agency, Field::unit, Field::position, Field::grade};

// The text fields of a Participant, in the same order, for digesting, comparing and merging rows.
constexpr std::string Participant::*participant_texts[] = {
    &Participant::nip,    &Participant::name, &Participant::email,    &Participant::phone,
    &Participant::agency, &Participant::unit, &Participant::position, &Participant::grade};

bool all_blank(std::vector<std::string_view>::const_iterator first,
               std::vector<std::string_view>::const_iterator last) {
    return std::all_of(first, last, [](std::string_view f) { return text::is_blank(f); });
}

std::string alias_list(Field f) {
    std::string out;
    for (std::string_view a : field_aliases(f)) {
        if (!out.empty()) out += ", ";
        out += a;
    }
    return out;
}

// A digest of the normalised fields: tells an identical repeat of a person's row from a different one. Each
// field's hash (std::hash, eight bytes a step) is folded in with its length, so that ("ab", "") and ("a", "b")
// differ.
std::uint32_t row_digest(const Participant& p) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (auto field : participant_texts)
        h = (h ^ std::hash<std::string_view>{}(p.*field) ^ (p.*field).size()) * 0x100000001b3ULL;
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

// The people earlier rows of this file wrote, with a digest of what the row said and its line: tells an
// identical repeat (harmless) from a conflicting one. 16 bytes a slot, so a 1,000,000-row roster needs some
// 32 MB here and nothing per row on the heap.
class SeenRows {
  public:
    struct Entry {
        Id id = 0; // 0: empty slot (rowids start at 1)
        std::uint32_t digest = 0;
        std::uint32_t line = 0;
        static std::uint64_t hash_of(const Entry& e) { return static_cast<std::uint64_t>(e.id); }
    };

    void reserve(std::size_t n) { table_.reserve(n); }
    const Entry* find(Id id) const {
        return table_.find(static_cast<std::uint64_t>(id), [id](const Entry& e) { return e.id == id; });
    }
    // `id` must not be in the table yet.
    void insert(Id id, std::uint32_t digest, std::size_t line) {
        table_.add(static_cast<std::uint64_t>(id), {id, digest,
                                                    static_cast<std::uint32_t>(std::min<std::size_t>(
                                                        line, std::numeric_limits<std::uint32_t>::max()))});
    }

  private:
    ProbeTable<Entry> table_;
};

// Whether a non-empty field of `row` differs from `stored`'s (empty cells never erase anything).
bool would_change(const Participant& stored, const Participant& row) {
    return std::any_of(std::begin(participant_texts), std::end(participant_texts),
                       [&](auto field) { return !(row.*field).empty() && row.*field != stored.*field; });
}

// Copies each non-empty field of `row` over `stored`.
void merge_into(Participant& stored, const Participant& row) {
    for (auto field : participant_texts)
        if (!(row.*field).empty()) stored.*field = row.*field;
}

// The rows of one batch as read: each record's fields (kept for a rejection found only when the batch is
// resolved), its line, and its participant when it mapped. Reused from batch to batch: nothing is allocated
// per row once the first batch has grown the buffers.
class RowBatch {
  public:
    struct Row {
        std::size_t line = 0;
        std::size_t first_field = 0, fields = 0; // in spans_
        int person = -1;                         // index in people(), or -1: the row did not map
        std::vector<RowProblem> problems;        // why it did not
    };

    // `rows`: the rows of a full batch.
    explicit RowBatch(std::size_t rows) : people_(rows) {}

    std::size_t size() const { return rows_; }
    bool full() const { return rows_ == people_.size(); }
    Row& row(std::size_t i) { return slots_[i]; }
    std::span<const Participant> people() const { return {people_.data(), people_count_}; }
    // A row's participant; the caller may take its strings (swap them): the row is mapped again next batch.
    Participant& person(int i) { return people_[static_cast<std::size_t>(i)]; }

    void clear() {
        rows_ = 0;
        people_count_ = 0;
        text_.clear();
        spans_.clear();
    }

    // Adds a record read at `line` and maps it with `mapper`.
    void add(std::size_t line, const std::vector<std::string_view>& fields, const RowMapper& mapper) {
        if (rows_ == slots_.size()) slots_.emplace_back();
        Row& r = slots_[rows_++];
        r.line = line;
        r.first_field = spans_.size();
        r.fields = fields.size();
        for (std::string_view f : fields) {
            spans_.emplace_back(text_.size(), f.size());
            text_.append(f);
        }
        r.person =
            mapper.map(fields, people_[people_count_], r.problems) ? static_cast<int>(people_count_++) : -1;
    }

    // The fields of row `r` as read (valid until the next clear()).
    const std::vector<std::string_view>& fields(const Row& r) {
        fields_.clear();
        for (std::size_t i = r.first_field; i < r.first_field + r.fields; ++i)
            fields_.emplace_back(text_.data() + spans_[i].first, spans_[i].second);
        return fields_;
    }

  private:
    std::vector<Row> slots_;
    std::size_t rows_ = 0;
    std::vector<Participant> people_; // one per row of a full batch, refilled in place
    std::size_t people_count_ = 0;
    std::string text_;                                       // every field's text, one after the other
    std::vector<std::pair<std::size_t, std::size_t>> spans_; // each field's offset and size in text_
    std::vector<std::string_view> fields_;
};

// Reads the rest of a file into RowBatches on a thread of its own: a bounded queue of filled batches (at most
// `depth` ahead of the consumer) and the emptied ones handed back for reuse. The consumer sees the batches in
// file order and, after the last good one, the exception the reading ended with (a malformed CSV record), as
// reading on its own thread would have thrown it. Destroying the reader stops and joins the thread.
class BatchReader {
  public:
    BatchReader(CsvReader& reader, const RowMapper& mapper, std::size_t rows, std::size_t depth = 8) {
        for (std::size_t i = 0; i < depth; ++i)
            free_.push_back(std::make_unique<RowBatch>(rows));
        thread_ = std::thread([this, &reader, &mapper] { read_all(reader, mapper); });
    }
    ~BatchReader() {
        {
            const std::lock_guard lock(mutex_);
            stop_ = true;
        }
        changed_.notify_all();
        thread_.join();
    }
    BatchReader(const BatchReader&) = delete;
    BatchReader& operator=(const BatchReader&) = delete;

    // Swaps the next filled batch into `batch` (whose rows are done with) and sets `bytes` to the input read
    // when it was filled; returns whether more batches follow. Throws what reading threw.
    bool next(RowBatch& batch, std::uint64_t& bytes) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !full_.empty() || done_; });
        if (full_.empty()) {
            if (error_) std::rethrow_exception(error_);
            batch.clear();
            return false;
        }
        Filled f = std::move(full_.front());
        full_.pop_front();
        std::swap(batch, *f.batch);
        bytes = f.bytes;
        free_.push_back(std::move(f.batch));
        const bool more = f.more;
        lock.unlock();
        changed_.notify_all();
        return more;
    }

  private:
    struct Filled {
        std::unique_ptr<RowBatch> batch;
        std::uint64_t bytes = 0;
        bool more = false;
    };

    void read_all(CsvReader& reader, const RowMapper& mapper) {
        std::vector<std::string_view> fields;
        for (;;) {
            std::unique_ptr<RowBatch> b;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [this] { return !free_.empty() || stop_; });
                if (stop_) return;
                b = std::move(free_.back());
                free_.pop_back();
            }
            b->clear();
            bool more = true;
            try {
                while (!b->full()) {
                    if (!reader.next(fields)) {
                        more = false;
                        break;
                    }
                    if (RowMapper::blank(fields)) continue;
                    b->add(reader.line(), fields, mapper);
                }
            } catch (...) {
                const std::lock_guard lock(mutex_);
                // The rows of this batch read before the bad record are dropped, as reading on one thread
                // never got to decide them (nor to report their rejections).
                error_ = std::current_exception();
                done_ = true;
                changed_.notify_all();
                return;
            }
            {
                const std::lock_guard lock(mutex_);
                full_.push_back({std::move(b), reader.bytes_read(), more});
                done_ = !more;
            }
            changed_.notify_all();
            if (!more) return;
        }
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Filled> full_;                     // filled, in file order
    std::vector<std::unique_ptr<RowBatch>> free_; // to fill
    std::exception_ptr error_;                    // what reading ended with
    bool done_ = false;                           // the thread has pushed its last batch
    bool stop_ = false;                           // the consumer is gone
    std::thread thread_;                          // last: started once the rest is ready
};

// One import: reads the file in batches; for each batch, asks the store who holds the rows' NIPs and e-mail
// addresses, decides each row in file order, writes the batch's new and changed people, and enrolls the
// accepted rows when there is a session.
//
// The rules are decided row by row, as if every earlier row had been written already: what the store said at
// the start of the batch is overlaid with what the batch's earlier rows did. A person is written at most once
// per import (a later row for them is an identical repeat or a conflict), so the overlay is small: the people
// the batch adds, the people it changes (whose keys the store's answer may show stale), and the keys they
// newly hold.
class Import {
  public:
    Import(store::Store& store, CsvReader& reader, const RosterImportOptions& options)
        : store_(store), reader_(reader), options_(options), batch_(store.batch_rows()),
          adds_(store.batch_rows()), add_lines_(store.batch_rows()), changes_(store.batch_rows()),
          rejects_(options.rejects, reader) {
        result_.file = reader.name();
    }

    RosterImportResult run(const Session* session) {
        if (session) {
            enroller_.emplace(store_, *session);
            result_.session = session->code;
        }
        std::vector<std::string_view> fields;
        bool have_header = false;
        while ((have_header = reader_.next(fields)) && RowMapper::blank(fields)) {
            // Rows of empty cells above the header (Excel keeps formatted empty rows as ";;;;").
        }
        if (!have_header)
            throw Error(
                tr("{}:1: the file is empty: expected a header row and participant rows", reader_.name()));
        const std::size_t header_line = reader_.line();
        const RowMapper mapper(fields, reader_.name(), header_line, options_.today);
        result_.ignored_columns = mapper.ignored();
        result_.duplicate_columns = mapper.columns().duplicates;
        nip_column_ = mapper.columns().has(Field::nip)
                          ? mapper.header()[static_cast<std::size_t>(mapper.columns().at(Field::nip))]
                          : "nip";
        email_column_ = mapper.columns().has(Field::email)
                            ? mapper.header()[static_cast<std::size_t>(mapper.columns().at(Field::email))]
                            : "email";
        grade_column_ = mapper.columns().has(Field::grade)
                            ? mapper.header()[static_cast<std::size_t>(mapper.columns().at(Field::grade))]
                            : "grade";
        rejects_.header(mapper.header());
        if (session && mapper.columns().has(Field::timestamp)) {
            result_.timestamp_column =
                mapper.header()[static_cast<std::size_t>(mapper.columns().at(Field::timestamp))];
            std::erase(result_.ignored_columns, result_.timestamp_column); // it is used
            read_submissions(mapper);
        }

        bool more = read_batch(mapper);
        if (result_.rows == 0)
            throw Error(
                tr("{}:{}: the file has a header but no participant rows", reader_.name(), header_line));
        // The first batch and the size of the input tell how many rows the job has.
        const std::uint64_t expected = expected_rows(more);
        seen_.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(expected, 64 << 20)));
        // Not ended when an exception leaves: the caller's rollback undoes the bulk load's preparation.
        store_.begin_bulk_load(expected);
        if (more && !by_time_ && options_.input_bytes > 0) {
            write_batch();
            // The rest of the file: read, parsed and checked on a second thread while this one decides and
            // writes (half of a large import's own work is the parsing; the store's is the other half). Not for
            // standard input: a failing import must not wait for a pipe's next rows before it can stop.
            // Read before the thread starts: from then on the reader is the thread's.
            std::uint64_t bytes = reader_.bytes_read();
            BatchReader ahead(reader_, mapper, store_.batch_rows());
            while (more) {
                const std::uint64_t before = result_.rows;
                more = ahead.next(batch_, bytes);
                result_.rows += batch_.size();
                if (options_.on_progress && result_.rows / progress_every != before / progress_every)
                    report_progress(bytes);
                write_batch();
            }
        } else {
            for (;;) {
                write_batch();
                if (!more) break;
                more = read_batch(mapper);
            }
        }
        if (options_.on_progress) report_progress();
        store_.end_bulk_load();
        return std::move(result_);
    }

  private:
    // A person as this batch sees them: one the batch adds (ref -(k+1): adds_[k]) or a stored one (ref: the
    // id), with their fields as they are now. ref 0: nobody.
    struct Holder {
        Id ref = 0;
        const Participant* person = nullptr;
        explicit operator bool() const { return ref != 0; }
    };
    struct AddedAt {
        std::uint32_t digest = 0;
        std::size_t line = 0;
    };
    // Which of changes_ holds a stored person this batch changes.
    struct ChangedSlot {
        Id id = 0; // 0: empty slot
        std::size_t index = 0;
        static std::uint64_t hash_of(const ChangedSlot& s) { return static_cast<std::uint64_t>(s.id); }
    };

    // One row of a file read whole (a registration export with a timestamp column).
    struct Submission {
        std::size_t line = 0;
        UnixSeconds at = 0;
        std::vector<std::string> fields;
        Participant person;
    };

    // Reads the whole file, rejects the rows that do not map or whose time is not one, and leaves in
    // submissions_ one row per person (later submissions merged in) in order of their first submission.
    void read_submissions(const RowMapper& mapper) {
        by_time_ = true;
        const auto col = static_cast<std::size_t>(mapper.columns().at(Field::timestamp));
        const std::string& column = result_.timestamp_column;
        std::vector<Submission> all;
        while (reader_.next(fields_)) {
            if (RowMapper::blank(fields_)) continue;
            ++result_.rows;
            all.push_back({reader_.line(), 0, {fields_.begin(), fields_.end()}, {}});
            if (options_.on_progress && result_.rows % progress_every == 0) report_progress();
        }
        std::vector<std::string_view> samples;
        samples.reserve(all.size());
        for (const Submission& s : all)
            if (col < s.fields.size()) samples.emplace_back(s.fields[col]);
        const DayOrder order = day_order(all, samples, col, column);

        std::vector<Submission> kept;
        kept.reserve(all.size());
        std::vector<RowProblem> problems;
        for (Submission& s : all) {
            views(s.fields);
            if (mapper.map(fields_, s.person, problems) || !problems.front().column.empty()) {
                const std::string_view cell = fields_[col];
                std::optional<UnixSeconds> at;
                std::string why;
                try {
                    at = parse_export_time(cell, options_.zone, order);
                    if (!at) why = text::is_blank(cell) ? _("no submission time") : _("not a date and time");
                } catch (const TimestampError& e) {
                    why = e.reason(); // the problem names the value already
                } catch (const Error& e) {
                    why = e.what();
                }
                if (at) {
                    s.at = *at;
                } else {
                    problems.push_back({column, std::string(cell),
                                        tr("{} (expected a date and time such as 3/1/2022 9:15:02, "
                                           "01/03/2022 09.15.02 or 2022-03-01 09:15:02)",
                                           why)});
                }
            }
            if (problems.empty())
                kept.push_back(std::move(s));
            else
                reject_fields(s.line, fields_, problems);
        }
        std::stable_sort(kept.begin(), kept.end(),
                         [](const Submission& a, const Submission& b) { return a.at < b.at; });
        merge_submissions(mapper, kept);
    }

    // The day/month order of the file's numeric dates (see import_registrations).
    DayOrder day_order(const std::vector<Submission>& all, const std::vector<std::string_view>& samples,
                       std::size_t col, const std::string& column) {
        if (options_.order != DayOrder::unknown) return options_.order;
        DayOrder order = DayOrder::unknown;
        try {
            order = detect_day_order(samples);
        } catch (const Error& e) {
            throw Error(fmt::format("{}: {}: {}; pass --date-order dmy (day first) or --date-order mdy "
                                    "(month first)",
                                    reader_.name(), column, e.what()));
        }
        if (order != DayOrder::unknown) return order;
        // Every numeric date has day and month at most 12: if one reads two ways, the order that puts no
        // submission in the future decides.
        const Submission* open = nullptr;
        bool dmy_fits = true, mdy_fits = true;
        const auto fits = [&](std::string_view v, DayOrder o) {
            try {
                const auto t = parse_export_time(v, options_.zone, o);
                return !t || *t <= options_.now;
            } catch (const Error&) {
                return true; // a bad value is that row's problem, whatever the order
            }
        };
        for (const Submission& s : all) {
            if (col >= s.fields.size()) continue;
            const std::string_view v = s.fields[col];
            try {
                parse_export_time(v, options_.zone, DayOrder::unknown);
                continue;
            } catch (const Error&) {
            }
            try {
                parse_export_time(v, options_.zone, DayOrder::dmy);
                parse_export_time(v, options_.zone, DayOrder::mdy);
            } catch (const Error&) {
                continue; // impossible in some order: a bad value, reported on its row
            }
            open = &s; // the first row that reads either way
            break;
        }
        if (!open) return DayOrder::unknown;
        for (const Submission& s : all)
            if (col < s.fields.size()) {
                dmy_fits = dmy_fits && fits(s.fields[col], DayOrder::dmy);
                mdy_fits = mdy_fits && fits(s.fields[col], DayOrder::mdy);
            }
        const std::string_view v = open->fields[col];
        // The times only order the rows: when both readings give the same order, either will do.
        if (dmy_fits == mdy_fits && arrival(all, col, DayOrder::dmy) == arrival(all, col, DayOrder::mdy))
            return DayOrder::dmy;
        if (dmy_fits == mdy_fits) {
            const auto day = [&](DayOrder o) {
                return format_date(to_local(*parse_export_time(v, options_.zone, o), options_.zone).date);
            };
            const std::string where =
                fmt::format("{}:{}: {}: {}", reader_.name(), open->line, column, text::trim_blanks(v));
            throw Error(dmy_fits
                            ? tr("{}: the day/month order of the dates cannot be decided: it is {} or {}, "
                                 "and neither order puts a submission in the future; pass --date-order "
                                 "dmy (day first) or --date-order mdy (month first)",
                                 where, day(DayOrder::dmy), day(DayOrder::mdy))
                            : tr("{}: the day/month order of the dates cannot be decided: it is {} or {}, "
                                 "and both orders put a submission in the future; pass --date-order dmy "
                                 "(day first) or --date-order mdy (month first)",
                                 where, day(DayOrder::dmy), day(DayOrder::mdy)));
        }
        const DayOrder o = dmy_fits ? DayOrder::dmy : DayOrder::mdy;
        result_.notes.push_back(
            o == DayOrder::dmy
                ? tr("{}: {}: dates read day first: the other order puts submissions in the future",
                     reader_.name(), column)
                : tr("{}: {}: dates read month first: the other order puts submissions in the future",
                     reader_.name(), column));
        return o;
    }

    // The rows of `all` whose time reads in `order`, by (time, line): their indexes.
    std::vector<std::size_t> arrival(const std::vector<Submission>& all, std::size_t col,
                                     DayOrder order) const {
        std::vector<std::pair<UnixSeconds, std::size_t>> times;
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (col >= all[i].fields.size()) continue;
            try {
                if (const auto t = parse_export_time(all[i].fields[col], options_.zone, order))
                    times.emplace_back(*t, i);
            } catch (const Error&) {
            }
        }
        std::sort(times.begin(), times.end());
        std::vector<std::size_t> out;
        out.reserve(times.size());
        for (const auto& t : times)
            out.push_back(t.second);
        return out;
    }

    // Merges the submissions of the same person (see import_registrations) and queues one row per person in
    // submissions_, in order of their first submission. `sorted` is in time order.
    void merge_submissions(const RowMapper& mapper, std::vector<Submission>& sorted) {
        std::unordered_map<std::string, std::size_t>
            owner; // "n" + NIP / "e" + e-mail → index in submissions_
        std::vector<std::size_t> last_line;
        const auto find = [&](const std::string& key) -> std::optional<std::size_t> {
            if (key.size() == 1) return std::nullopt;
            const auto it = owner.find(key);
            if (it == owner.end()) return std::nullopt;
            return it->second;
        };
        std::vector<std::string> differed;
        for (Submission& s : sorted) {
            const std::string nip_key = "n" + s.person.nip, email_key = "e" + s.person.email;
            const auto by_nip = find(nip_key), by_email = find(email_key);
            const auto claim = [&](std::size_t g) {
                const Participant& p = submissions_[g].person;
                if (!p.nip.empty()) owner.emplace("n" + p.nip, g);
                if (!p.email.empty()) owner.emplace("e" + p.email, g);
            };
            if ((!by_nip && !by_email) || (by_nip && by_email && *by_nip != *by_email)) {
                submissions_.push_back(std::move(s));
                last_line.push_back(submissions_.back().line);
                if (!by_nip && !by_email) claim(submissions_.size() - 1);
                continue;
            }
            const std::size_t g = by_nip ? *by_nip : *by_email;
            Submission& first = submissions_[g];
            differed.clear();
            for (std::size_t k = 0; k < std::size(participant_fields); ++k) {
                const auto field = participant_texts[k];
                if ((s.person.*field).empty()) continue;
                const int c = mapper.columns().at(participant_fields[k]);
                if (s.person.*field != first.person.*field)
                    differed.push_back(mapper.header()[static_cast<std::size_t>(c)]);
                first.fields[static_cast<std::size_t>(c)] = std::move(s.fields[static_cast<std::size_t>(c)]);
            }
            merge_into(first.person, s.person);
            claim(g);
            ++result_.resubmissions;
            if (options_.on_resubmission) options_.on_resubmission(last_line[g], s.line, differed);
            last_line[g] = s.line;
        }
    }

    // fields_ viewing `fields`.
    void views(const std::vector<std::string>& fields) { fields_.assign(fields.begin(), fields.end()); }

    // Reads a batch of rows (Store::batch_rows) into batch_; false when the file has no more.
    bool read_batch(const RowMapper& mapper) {
        batch_.clear();
        if (by_time_) {
            while (!batch_.full() && next_submission_ < submissions_.size()) {
                const Submission& s = submissions_[next_submission_++];
                views(s.fields);
                batch_.add(s.line, fields_, mapper);
            }
            return next_submission_ < submissions_.size();
        }
        while (!batch_.full()) {
            if (!reader_.next(fields_)) return false;
            if (RowMapper::blank(fields_)) continue;
            ++result_.rows;
            batch_.add(reader_.line(), fields_, mapper);
            if (options_.on_progress && result_.rows % progress_every == 0) report_progress();
        }
        return true;
    }

    void report_progress() const { report_progress(reader_.bytes_read()); }
    void report_progress(std::uint64_t bytes_read) const {
        options_.on_progress(
            {.done = bytes_read, .total = options_.input_bytes, .count = result_.rows, .unit = N_("rows")});
    }

    // The rows of the whole job: those read when the first batch was the whole file, else projected from the
    // first batch and the size of the input; 0 when not known (standard input).
    std::uint64_t expected_rows(bool more) const {
        if (by_time_) return submissions_.size();
        if (!more) return result_.rows;
        const std::uint64_t read = reader_.bytes_read();
        if (options_.input_bytes <= read || read == 0) return 0;
        return static_cast<std::uint64_t>(static_cast<double>(result_.rows) *
                                          static_cast<double>(options_.input_bytes) /
                                          static_cast<double>(read));
    }

    // Decides every row of batch_ in file order (reporting the rejected ones), writes the new and changed
    // people, then enrolls the accepted rows.
    void write_batch() {
        if (batch_.size() == 0) return;
        store_.find_participants(batch_.people(), found_);
        adds_count_ = 0;
        changes_count_ = 0;
        changed_at_.clear();
        batch_nips_.clear();
        batch_emails_.clear();
        accepted_.clear();
        for (std::size_t i = 0; i < batch_.size(); ++i) {
            RowBatch::Row& r = batch_.row(i);
            Id ref = 0;
            if (r.person < 0) {
                reject(r, r.problems);
            } else if (!decide(r, ref)) {
                reject(r, problems_);
            } else {
                accepted_.push_back(ref);
            }
        }
        store_.write_participants({changes_.data(), changes_count_}, {adds_.data(), adds_count_});
        for (std::size_t k = 0; k < adds_count_; ++k)
            seen_.insert(adds_[k].id, add_lines_[k].digest, add_lines_[k].line);
        if (!enroller_) return;
        for (Id& ref : accepted_)
            if (ref < 0) ref = adds_[static_cast<std::size_t>(-ref - 1)].id;
        enroller_->add(accepted_, enrolled_);
        for (EnrollResult e : enrolled_)
            switch (e) {
            case EnrollResult::enrolled: ++result_.enrolled; break;
            case EnrollResult::waitlisted: ++result_.waitlisted; break;
            case EnrollResult::already_enrolled: ++result_.already_enrolled; break;
            case EnrollResult::already_waitlisted: ++result_.already_waitlisted; break;
            }
    }

    const Participant* changed(Id id) const {
        const ChangedSlot* s = changed_at_.find(static_cast<std::uint64_t>(id),
                                                [id](const ChangedSlot& c) { return c.id == id; });
        return s ? &changes_[s->index] : nullptr;
    }

    // The person a ref of the batch's key tables names (an added one, or a stored one the batch changed), as
    // they are now.
    const Participant& current(Id ref) const {
        return ref < 0 ? adds_[static_cast<std::size_t>(-ref - 1)] : *changed(ref);
    }

    // The holder of `key` (a NIP or an e-mail address, `field` of Participant; `hash`: KeyIndex::hash(key))
    // now: someone the batch gave it to, else the stored person the store found (`stored`: an index of
    // found_.people, or -1) unless the batch changed them and they hold it no more.
    Holder holder(const std::string& key, std::uint64_t hash, std::string Participant::*field,
                  const KeyIndex& batch_keys, int stored) const {
        if (const Id ref = batch_keys.find_hashed(hash, [&](Id r) { return current(r).*field == key; }))
            return {ref, &current(ref)};
        if (stored < 0) return {};
        const Participant& p = found_.people[static_cast<std::size_t>(stored)];
        if (const Participant* now = changed(p.id)) return now->*field == key ? Holder{p.id, now} : Holder{};
        return {p.id, &p};
    }

    // Decides the row `r` (the rules of import_participants); on a conflict fills problems_ and returns false.
    // `ref`: the row's person (see Holder).
    bool decide(const RowBatch::Row& r, Id& ref) {
        Participant& row = batch_.person(r.person);
        const auto i = static_cast<std::size_t>(r.person);
        const std::uint64_t nip_hash = row.nip.empty() ? 0 : KeyIndex::hash(row.nip);
        const Holder by_nip =
            row.nip.empty() ? Holder{}
                            : holder(row.nip, nip_hash, &Participant::nip, batch_nips_, found_.by_nip[i]);
        // The e-mail's holder matters unless the NIP's holder has this very address.
        const bool email_lookup = !row.email.empty() && !(by_nip && by_nip.person->email == row.email);
        const std::uint64_t email_hash = email_lookup ? KeyIndex::hash(row.email) : 0;
        const Holder by_email = email_lookup ? holder(row.email, email_hash, &Participant::email,
                                                      batch_emails_, found_.by_email[i])
                                             : Holder{};
        if (by_nip && by_email)
            return conflict(email_column_, row.email,
                            tr("conflict: this e-mail belongs to {}, but the row's NIP to {}",
                               describe(*by_email.person), by_nip.person->name));
        if (!by_nip && by_email && !row.nip.empty() && !by_email.person->nip.empty())
            return conflict(email_column_, row.email,
                            tr("conflict: this e-mail belongs to {}, not to NIP {}",
                               describe(*by_email.person), row.nip));
        const std::uint32_t digest = row_digest(row);
        // Whether the row says anything about the golongan or the NIP (else a mismatch is not its to report).
        const bool gives_grade = !row.grade.empty() || !row.nip.empty();
        if (!by_nip && !by_email) {
            const std::size_t k = adds_count_++;
            std::swap(adds_[k], row); // the row is not needed again
            add_lines_[k] = {digest, r.line};
            if (gives_grade) check_grade(r.line, adds_[k]);
            ref = -static_cast<Id>(k + 1);
            if (!adds_[k].nip.empty()) batch_nips_.add_hashed(nip_hash, ref);
            if (!adds_[k].email.empty())
                batch_emails_.add_hashed(email_hash, ref); // looked up: no NIP holder
            ++result_.added;
            return true;
        }
        const Holder& target = by_nip ? by_nip : by_email;
        ref = target.ref;
        // A person an earlier row of the file wrote: an identical repeat, or a conflict.
        std::optional<std::size_t> earlier;
        if (ref < 0) {
            const AddedAt& a = add_lines_[static_cast<std::size_t>(-ref - 1)];
            if (a.digest != digest) earlier = a.line;
        } else if (const SeenRows::Entry* e = seen_.find(ref)) {
            if (e->digest != digest) earlier = e->line;
        } else {
            seen_.insert(ref, digest, r.line);
            const Participant& now = update(*target.person, row);
            if (gives_grade) check_grade(r.line, now);
            return true;
        }
        if (!earlier) {
            ++result_.unchanged; // the earlier row said all there is to say, warnings included
            return true;
        }
        return conflict(by_nip ? nip_column_ : email_column_, by_nip ? row.nip : row.email,
                        tr("the same person appears again with different data (first on line {}); "
                           "their rows must agree",
                           *earlier));
    }

    // The first row of the file for stored person `stored`: its non-empty cells replace the stored values.
    // Returns the person as the row leaves them.
    const Participant& update(const Participant& stored, const Participant& row) {
        if (!would_change(stored, row)) {
            ++result_.unchanged;
            return stored;
        }
        Participant& next = changes_[changes_count_];
        next = stored;
        merge_into(next, row);
        changed_at_.add(static_cast<std::uint64_t>(stored.id), {stored.id, changes_count_++});
        // A NIP or e-mail the person did not have yet becomes a key of theirs.
        if (next.nip != stored.nip) batch_nips_.add(next.nip, stored.id);
        if (next.email != stored.email) batch_emails_.add(next.email, stored.id);
        ++result_.updated;
        return next;
    }

    // A golongan that does not fit the NIP of the person as written: a warning, not a rejection.
    void check_grade(std::size_t line, const Participant& person) {
        std::string why = grade_identity_warning(person);
        if (why.empty()) return;
        ++result_.warnings;
        if (options_.on_warning) options_.on_warning(line, {grade_column_, person.grade, std::move(why)});
    }

    bool conflict(const std::string& column, const std::string& value, std::string reason) {
        problems_.clear();
        problems_.push_back({column, value, std::move(reason)});
        return false;
    }

    void reject(const RowBatch::Row& r, const std::vector<RowProblem>& problems) {
        reject_fields(r.line, batch_.fields(r), problems);
    }

    void reject_fields(std::size_t line, const std::vector<std::string_view>& fields,
                       const std::vector<RowProblem>& problems) {
        ++result_.rejected;
        if (options_.on_reject) options_.on_reject(line, fields, problems);
        rejects_.row(line, fields, problems);
    }

    store::Store& store_;
    CsvReader& reader_;
    const RosterImportOptions& options_;
    std::optional<Enroller> enroller_;
    RosterImportResult result_;
    std::string nip_column_, email_column_, grade_column_;
    SeenRows seen_; // every stored person a row has named so far, and the added ones of earlier batches
    // The batch, and what deciding it found and made; all reused from batch to batch.
    RowBatch batch_;
    std::vector<std::string_view> fields_;
    store::ParticipantMatches found_;
    std::vector<Participant> adds_; // adds_[0..adds_count_): new people
    std::vector<AddedAt> add_lines_;
    std::size_t adds_count_ = 0;
    std::vector<Participant> changes_; // changes_[0..changes_count_): stored people with new values
    std::size_t changes_count_ = 0;
    ProbeTable<ChangedSlot> changed_at_;
    KeyIndex batch_nips_, batch_emails_; // keys that people of changes_ and adds_ took in this batch
    std::vector<RowProblem> problems_;
    std::vector<Id> accepted_; // the accepted rows' people, in file order
    std::vector<EnrollResult> enrolled_;
    RejectsWriter rejects_;
    // A registration export read whole (read_submissions): its rows in arrival order, the next to batch.
    bool by_time_ = false;
    std::vector<Submission> submissions_;
    std::size_t next_submission_ = 0;
};

} // namespace

RowMapper::RowMapper(const std::vector<std::string_view>& header, std::string_view file, std::size_t line,
                     Date today)
    : header_(header.begin(), header.end()), map_(map_headers(header)), today_(today) {
    ignored_ = unread_columns(header_, map_, participant_fields);

    std::vector<std::string> missing;
    if (!map_.has(Field::name))
        missing.push_back(tr("no name column (accepted headers: {})", alias_list(Field::name)));
    if (!map_.has(Field::nip) && !map_.has(Field::email))
        missing.push_back(
            tr("no NIP or e-mail column: a file needs one or both (NIP headers: {}; e-mail headers: {})",
               alias_list(Field::nip), alias_list(Field::email)));
    if (missing.empty()) return;
    std::string found;
    for (std::size_t i = 0; i < header_.size() && i < 12; ++i)
        found += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", shown_value(header_[i]));
    if (header_.size() > 12) found += tr(" and {} more", header_.size() - 12);
    std::string message = fmt::format("{}:{}: ", file, line);
    for (std::size_t i = 0; i < missing.size(); ++i)
        message += (i == 0 ? "" : _("; and ")) + missing[i];
    message += trn(". The header row has {} column: {}", ". The header row has {} columns: {}",
                   header_.size(), header_.size(), found);
    throw Error(message);
}

bool RowMapper::blank(const std::vector<std::string_view>& fields) {
    return all_blank(fields.begin(), fields.end());
}

std::string_view RowMapper::column_name(std::string_view key) const {
    for (Field f : participant_fields) {
        if (field_key(f) != key) continue;
        if (map_.has(f)) return header_[static_cast<std::size_t>(map_.at(f))];
        // "a NIP or an e-mail address is required" in a file without a NIP column: name the e-mail column.
        if (f == Field::nip && map_.has(Field::email))
            return header_[static_cast<std::size_t>(map_.at(Field::email))];
    }
    return key;
}

bool RowMapper::map(const std::vector<std::string_view>& fields, Participant& p,
                    std::vector<RowProblem>& problems) const {
    problems.clear();
    if (std::optional<RowProblem> width = width_problem(fields, header_.size())) {
        problems.push_back(std::move(*width));
        return false;
    }
    const auto cell = [&](Field f) {
        const int i = map_.at(f);
        return i < 0 ? std::string_view{} : fields[static_cast<std::size_t>(i)];
    };
    p.id = 0;
    p.nip.assign(cell(Field::nip));
    p.name.assign(cell(Field::name));
    p.email.assign(cell(Field::email));
    p.phone.assign(cell(Field::phone));
    p.agency.assign(cell(Field::agency));
    p.unit.assign(cell(Field::unit));
    p.position.assign(cell(Field::position));
    p.grade.assign(cell(Field::grade));
    for (FieldProblem& f : normalize_participant(p, today_))
        problems.push_back({std::string(column_name(f.column)), std::move(f.value), std::move(f.reason)});
    return problems.empty();
}

RosterImportResult import_participants(store::Store& store, CsvReader& reader,
                                       const RosterImportOptions& options) {
    return Import(store, reader, options).run(nullptr);
}

RosterImportResult import_registrations(store::Store& store, const Session& session, CsvReader& reader,
                                        const RosterImportOptions& options) {
    return Import(store, reader, options).run(&session);
}

} // namespace asnbelajar
