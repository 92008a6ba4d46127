#include "asnbelajar/roster_import.hpp"

#include "asnbelajar/csv.hpp"
#include "asnbelajar/enrollment.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/normalize.hpp"
#include "asnbelajar/participant.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <ostream>
#include <string_view>

namespace asnbelajar {
namespace {

constexpr std::uint64_t progress_every = 4096; // rows between progress callbacks
// The page cache of one import. Measured on 1,000,000 new rows (a 167 MB file, 132 MB of indexes): 32 MiB
// 39 s, 64 MiB 25 s, 128 MiB 17 s, 256 MiB 17 s. Random upserts stay fast while the indexes they touch fit,
// and they grow with the rows as the file does, so the cache follows the file's size (SQLite takes the pages
// only as they are used: a small file costs nothing).
constexpr std::int64_t min_cache_kib = 64 << 10;
constexpr std::int64_t max_cache_kib = 512 << 10;
constexpr std::int64_t unknown_size_cache_kib = 128 << 10; // standard input

std::int64_t cache_kib_for(std::uint64_t input_bytes) {
    if (input_bytes == 0) return unknown_size_cache_kib;
    const auto kib = static_cast<std::int64_t>(input_bytes / 1024 * 3 / 4);
    return std::clamp(kib, min_cache_kib, max_cache_kib);
}

constexpr Field participant_fields[] = {Field::nip,    Field::name, Field::email,    Field::phone,
                                        Field::agency, Field::unit, Field::position, Field::grade};

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
    for (const std::string* s :
         {&p.nip, &p.name, &p.email, &p.phone, &p.agency, &p.unit, &p.position, &p.grade})
        h = (h ^ std::hash<std::string_view>{}(*s) ^ s->size()) * 0x100000001b3ULL;
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

// Open addressing with linear probing over slots of `Slot` (a struct whose member `id` is 0 in an empty slot),
// placed by the low bits of a 64-bit hash (callers pass well-mixed hashes, or ids: consecutive ids then sit in
// consecutive slots); grows at 70 % full. A find that ends on an empty slot remembers it, so that adding that
// very key next costs no second walk through memory (the common case of an import's new people).
template <class Slot> class ProbeTable {
  public:
    ProbeTable() : slots_(std::size_t{1} << bits_) {}

    // Room for `n` entries without growing.
    void reserve(std::size_t n) {
        unsigned bits = bits_;
        while (n * 10 > (std::size_t{1} << bits) * 7)
            ++bits;
        if (bits != bits_) rehash(bits);
    }

    // Starts loading the memory of hash `h`'s first slot, for a find a little later.
    void prefetch(std::uint64_t h) const { __builtin_prefetch(&slots_[index(h)]); }

    // Calls `match(slot)` on the slots of hash `h` until it returns true: that slot, or nullptr.
    template <class Match> const Slot* find(std::uint64_t h, Match&& match) const {
        std::size_t i = index(h);
        for (;; i = (i + 1) & mask()) {
            if (slots_[i].id == 0) break;
            if (match(slots_[i])) return &slots_[i];
        }
        hint_hash_ = h;
        hint_ = i;
        has_hint_ = true;
        return nullptr;
    }

    void add(std::uint64_t h, const Slot& s) {
        if ((used_ + 1) * 10 > slots_.size() * 7) grow();
        if (has_hint_ && hint_hash_ == h && slots_[hint_].id == 0)
            slots_[hint_] = s;
        else
            place(h, s);
        has_hint_ = false;
        ++used_;
    }

  private:
    std::size_t mask() const { return slots_.size() - 1; }
    std::size_t index(std::uint64_t h) const { return static_cast<std::size_t>(h) & mask(); }
    void place(std::uint64_t h, const Slot& s) {
        std::size_t i = index(h);
        while (slots_[i].id != 0)
            i = (i + 1) & mask();
        slots_[i] = s;
    }
    void grow() { rehash(bits_ + 1); }
    void rehash(unsigned bits) {
        std::vector<Slot> old(std::size_t{1} << bits);
        old.swap(slots_);
        bits_ = bits;
        has_hint_ = false;
        for (const Slot& s : old)
            if (s.id != 0) place(Slot::hash_of(s), s);
    }

    unsigned bits_ = 10;
    std::vector<Slot> slots_;
    std::size_t used_ = 0;
    mutable bool has_hint_ = false;
    mutable std::uint64_t hint_hash_ = 0;
    mutable std::size_t hint_ = 0;
};

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

// The NIPs or the e-mail addresses of the store's people while an import runs in bulk mode (with the unique
// indexes dropped): a 64-bit hash of the key → the ids that had a key of that hash. Several ids may share a
// hash (a collision, or a key the person no longer has), so a caller reads each candidate's row and compares.
// 16 bytes a slot.
class KeyIndex {
  public:
    void reserve(std::size_t n) { table_.reserve(n); }
    void add(std::string_view key, Id id) {
        const std::uint64_t h = hash(key);
        table_.add(h, {h, id});
    }
    void prefetch(std::string_view key) const { table_.prefetch(hash(key)); }
    // Calls `is_it(id)` for each candidate of `key` until one returns true; returns whether one did.
    template <class F> bool find(std::string_view key, F&& is_it) const {
        const std::uint64_t h = hash(key);
        return table_.find(h, [&](const Slot& s) { return s.hash == h && is_it(s.id); }) != nullptr;
    }

  private:
    struct Slot {
        std::uint64_t hash = 0;
        Id id = 0; // 0: empty slot
        static std::uint64_t hash_of(const Slot& s) { return s.hash; }
    };
    static std::uint64_t hash(std::string_view key) { return std::hash<std::string_view>{}(key); }
    ProbeTable<Slot> table_;
};

// Copies each non-empty field of `row` over `stored`; true when anything changed.
bool merge_into(Participant& stored, const Participant& row) {
    bool changed = false;
    const auto take = [&changed](std::string& to, const std::string& from) {
        if (!from.empty() && from != to) {
            to = from;
            changed = true;
        }
    };
    take(stored.nip, row.nip);
    take(stored.name, row.name);
    take(stored.email, row.email);
    take(stored.phone, row.phone);
    take(stored.agency, row.agency);
    take(stored.unit, row.unit);
    take(stored.position, row.position);
    take(stored.grade, row.grade);
    return changed;
}

// One import: reads the file, upserts each valid row, enrolls it when there is a session.
class Import {
  public:
    Import(store::Store& store, CsvReader& reader, const RosterImportOptions& options)
        : store_(store), reader_(reader), options_(options), rejects_(options.rejects, reader) {
        result_.file = reader.name();
    }

    RosterImportResult run(const Session* session) {
        std::optional<Enroller> enroller;
        if (session) {
            enroller.emplace(store_, *session);
            result_.session = session->code;
        }
        std::vector<std::string_view> fields;
        bool have_header = false;
        while ((have_header = reader_.next(fields)) && RowMapper::blank(fields)) {
            // Rows of empty cells above the header (Excel keeps formatted empty rows as ";;;;").
        }
        if (!have_header)
            throw Error(fmt::format("{}:1: the file is empty: expected a header row and participant rows",
                                    reader_.name()));
        const std::size_t header_line = reader_.line();
        const RowMapper mapper(fields, reader_.name(), header_line, options_.year);
        result_.ignored_columns = mapper.ignored();
        result_.duplicate_columns = mapper.columns().duplicates;
        nip_column_ = mapper.columns().has(Field::nip)
                          ? mapper.header()[static_cast<std::size_t>(mapper.columns().at(Field::nip))]
                          : "nip";
        email_column_ = mapper.columns().has(Field::email)
                            ? mapper.header()[static_cast<std::size_t>(mapper.columns().at(Field::email))]
                            : "email";
        rejects_.header(mapper.header());
        store_.reserve_cache(cache_kib_for(options_.input_bytes));
        const Id existing = store_.max_participant_id();
        if (options_.bulk_after == 0 || (existing == 0 && options_.bulk_after != never)) {
            enter_bulk(); // nothing to sort again but this file's rows
        } else {
            bulk_after_ =
                std::max<std::uint64_t>(options_.bulk_after, static_cast<std::uint64_t>(existing) / 5);
        }
        try {
            read_rows(mapper, enroller);
            if (result_.rows == 0)
                throw Error(fmt::format("{}:{}: the file has a header but no participant rows",
                                        reader_.name(), header_line));
        } catch (...) {
            // The caller rolls back; until then the store keeps its indexes, as after any failed import.
            if (bulk_) leave_bulk_quietly();
            throw;
        }
        if (bulk_) store_.create_participant_indexes();
        return std::move(result_);
    }

  private:
    void read_rows(const RowMapper& mapper, std::optional<Enroller>& enroller) {
        std::vector<std::string_view> fields;
        while (reader_.next(fields)) {
            if (RowMapper::blank(fields)) continue;
            ++result_.rows;
            const std::size_t line = reader_.line();
            Id id = 0;
            if (!mapper.map(fields, row_, problems_) || !upsert(line, id)) {
                reject(line, fields);
            } else if (enroller) {
                switch (enroller->add(id)) {
                case EnrollResult::enrolled: ++result_.enrolled; break;
                case EnrollResult::waitlisted: ++result_.waitlisted; break;
                case EnrollResult::already_enrolled: ++result_.already_enrolled; break;
                case EnrollResult::already_waitlisted: ++result_.already_waitlisted; break;
                }
            }
            if (options_.on_progress && result_.rows % progress_every == 0) report_progress();
        }
        if (options_.on_progress) report_progress();
    }

    void report_progress() const {
        options_.on_progress({.done = reader_.bytes_read(),
                              .total = options_.input_bytes,
                              .count = result_.rows,
                              .unit = "rows"});
    }

    // Measured on 1,000,000 new rows: a 1 MiB cache 5.9 s user CPU / 132 MB peak, 4 MiB 6.6 s / 132 MB,
    // 16 MiB 7.6 s / 175 MB, 128 MiB 11.4 s / 316 MB (page faults of a cache that is only written through).
    static constexpr std::int64_t bulk_cache_kib = 4 << 10;
    static constexpr std::uint64_t never = std::numeric_limits<std::uint64_t>::max();
    static constexpr std::uint64_t projection_rows = 1000; // new people read before projecting the file's

    // Switches to bulk mode: the NIP and e-mail keys into memory, the participants' indexes dropped until
    // run() creates them again (inside the same transaction: a failed import rolls all of it back).
    void enter_bulk() {
        // Room for the whole job at once, when the size of the input tells how many rows are left.
        const std::uint64_t read = reader_.bytes_read();
        if (options_.input_bytes > read && result_.rows > 0) {
            const std::uint64_t left = std::min<std::uint64_t>(
                (options_.input_bytes - read) / std::max<std::uint64_t>(read / result_.rows, 1), 64 << 20);
            const auto people = static_cast<std::size_t>(store_.max_participant_id()) + left;
            nips_.reserve(people);
            emails_.reserve(people);
            seen_.reserve(static_cast<std::size_t>(result_.rows + left));
        }
        store_.each_participant_key([this](Id id, std::string_view nip, std::string_view email) {
            if (!nip.empty()) nips_.add(nip, id);
            if (!email.empty()) emails_.add(email, id);
        });
        store_.drop_participant_indexes();
        // Rows are now appended, not inserted all over a tree: a small cache does, and leaves the memory to
        // the key tables and to the sorts of the index builds.
        store_.set_cache(bulk_cache_kib);
        bulk_ = true;
    }

    void leave_bulk_quietly() noexcept {
        try {
            store_.create_participant_indexes();
        } catch (...) {
            // Only while another error unwinds: that one is reported, and the caller rolls back.
        }
    }

    // The stored participant with this NIP / e-mail, into `out`.
    bool find_by_nip(const std::string& nip, Participant& out) const {
        if (!bulk_) return store_.load_participant_by_nip(nip, out);
        return nips_.find(nip,
                          [&](Id id) { return store_.load_participant_by_id(id, out) && out.nip == nip; });
    }
    bool find_by_email(const std::string& email, Participant& out) const {
        if (!bulk_) return store_.load_participant_by_email(email, out);
        return emails_.find(
            email, [&](Id id) { return store_.load_participant_by_id(id, out) && out.email == email; });
    }

    Id insert_row() {
        const Id id = store_.insert_participant(row_);
        if (bulk_) {
            if (!row_.nip.empty()) nips_.add(row_.nip, id);
            if (!row_.email.empty()) emails_.add(row_.email, id);
        } else {
            count_insert();
        }
        return id;
    }

    // Counts a row-by-row insert; switches to bulk mode at bulk_after_, or early when the first rows of a file
    // of known size say it will get there.
    void count_insert() {
        ++inserted_;
        if (inserted_ >= bulk_after_) {
            enter_bulk();
        } else if (inserted_ == projection_rows && options_.input_bytes > 0 && reader_.bytes_read() > 0) {
            const double projected = static_cast<double>(inserted_) *
                                     static_cast<double>(options_.input_bytes) /
                                     static_cast<double>(reader_.bytes_read());
            if (projected >= static_cast<double>(bulk_after_)) enter_bulk();
        }
    }

    // Writes the valid row in row_ to the store; on a conflict fills problems_ and returns false.
    bool upsert(std::size_t line, Id& id) {
        // While rows keep being new people (a first import), trying the insert first saves both lookups; once
        // they are known people (a re-import) the lookups come first again, saving a failed insert. (Not in
        // bulk mode: without the unique indexes the insert would not refuse a known person.)
        if (expect_new_ && !bulk_) {
            id = store_.insert_participant_if_new(row_);
            if (id != 0) {
                seen_.insert(id, row_digest(row_), line);
                ++result_.added;
                count_insert();
                return true;
            }
        }
        expect_new_ = false;
        if (bulk_) {
            // Both lookups wait on memory: start them together.
            nips_.prefetch(row_.nip);
            emails_.prefetch(row_.email);
        }
        const bool by_nip = !row_.nip.empty() && find_by_nip(row_.nip, stored_);
        // The e-mail lookup is needed unless the NIP's owner already has this very address.
        const bool by_email = !row_.email.empty() && !(by_nip && stored_.email == row_.email) &&
                              find_by_email(row_.email, other_);
        if (by_nip && by_email)
            return conflict(email_column_, row_.email,
                            fmt::format("conflict: this e-mail belongs to {}, but the row's NIP to {}",
                                        describe(other_), stored_.name));
        if (!by_nip && by_email && !row_.nip.empty() && !other_.nip.empty())
            return conflict(email_column_, row_.email,
                            fmt::format("conflict: this e-mail belongs to {}, not to NIP {}",
                                        describe(other_), row_.nip));
        const std::uint32_t digest = row_digest(row_);
        if (!by_nip && !by_email) {
            id = insert_row();
            seen_.insert(id, digest, line);
            ++result_.added;
            expect_new_ = true;
            return true;
        }
        Participant& target = by_nip ? stored_ : other_;
        id = target.id;
        if (const SeenRows::Entry* earlier = seen_.find(id)) {
            if (earlier->digest == digest) {
                ++result_.unchanged;
                return true;
            }
            return conflict(
                by_nip ? nip_column_ : email_column_, by_nip ? row_.nip : row_.email,
                fmt::format("the same person appears again with different data (first on line {}); "
                            "their rows must agree",
                            earlier->line));
        }
        seen_.insert(id, digest, line);
        // A NIP or e-mail the person did not have yet becomes a key of theirs.
        const bool new_nip = !row_.nip.empty() && row_.nip != target.nip;
        const bool new_email = !row_.email.empty() && row_.email != target.email;
        if (merge_into(target, row_)) {
            store_.update_participant(target);
            if (bulk_ && new_nip) nips_.add(target.nip, id);
            if (bulk_ && new_email) emails_.add(target.email, id);
            ++result_.updated;
        } else {
            ++result_.unchanged;
        }
        return true;
    }

    bool conflict(const std::string& column, const std::string& value, std::string reason) {
        problems_.clear();
        problems_.push_back({column, value, std::move(reason)});
        return false;
    }

    void reject(std::size_t line, const std::vector<std::string_view>& fields) {
        ++result_.rejected;
        if (options_.on_reject) options_.on_reject(line, fields, problems_);
        rejects_.row(line, fields, problems_);
    }

    store::Store& store_;
    CsvReader& reader_;
    const RosterImportOptions& options_;
    RosterImportResult result_;
    std::string nip_column_, email_column_;
    // Reused for every row.
    Participant row_, stored_, other_;
    std::vector<RowProblem> problems_;
    RejectsWriter rejects_;
    SeenRows seen_;
    bool expect_new_ = true;
    std::uint64_t inserted_ = 0, bulk_after_ = never;
    bool bulk_ = false;
    KeyIndex nips_, emails_; // bulk mode only
};

} // namespace

RowMapper::RowMapper(const std::vector<std::string_view>& header, std::string_view file, std::size_t line,
                     int year)
    : header_(header.begin(), header.end()), map_(map_headers(header)), year_(year) {
    ignored_ = unread_columns(header_, map_, participant_fields);

    std::vector<std::string> missing;
    if (!map_.has(Field::name))
        missing.push_back(fmt::format("no name column (accepted headers: {})", alias_list(Field::name)));
    if (!map_.has(Field::nip) && !map_.has(Field::email))
        missing.push_back(fmt::format("no NIP or e-mail column: a file needs one or both (NIP headers: {}; "
                                      "e-mail headers: {})",
                                      alias_list(Field::nip), alias_list(Field::email)));
    if (missing.empty()) return;
    std::string found;
    for (std::size_t i = 0; i < header_.size() && i < 12; ++i)
        found += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", shown_value(header_[i]));
    if (header_.size() > 12) found += fmt::format(" and {} more", header_.size() - 12);
    std::string message = fmt::format("{}:{}: ", file, line);
    for (std::size_t i = 0; i < missing.size(); ++i)
        message += (i == 0 ? "" : "; and ") + missing[i];
    message += fmt::format(". The header row has {} column{}: {}", header_.size(),
                           header_.size() == 1 ? "" : "s", found);
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
    for (FieldProblem& f : normalize_participant(p, year_))
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
