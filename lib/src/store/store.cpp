// The store's interface: choosing a backend from the location, transactions, and the operations on one row
// that are a batch of one.
#include "asnbelajar/store.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "postgres/open.hpp"
#include "sqlite/open.hpp"

#include <algorithm>
#include <cstdlib>
#include <span>
#include <string_view>

namespace asnbelajar::store {

bool postgres_url(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string resolve_store_path(const std::optional<std::string>& cli_value) {
    if (cli_value && !cli_value->empty()) return *cli_value;
    if (const char* env = std::getenv("ASNBELAJAR_DB"); env && *env) return env;
    return "asnbelajar.db";
}

std::unique_ptr<Store> open(const std::string& location, Access access, DryRun dry_run) {
    if (postgres_url(location)) return postgres::open(location, access, dry_run);
    return sqlite::open(location, access, dry_run);
}

bool keeps_signing_key(const std::string& location) {
    return postgres_url(location);
}

bool exists(const std::string& location) {
    // A server's database may hold no store yet: opening for writing (db migrate) creates the schema in it.
    if (postgres_url(location)) return true;
    return sqlite::exists(location);
}

std::string_view table_name(Table table) {
    switch (table) {
    case Table::participants: return "participants";
    case Table::sessions: return "sessions";
    case Table::enrollments: return "enrollments";
    case Table::attendance_marks: return "attendance_marks";
    case Table::attendance: return "attendance";
    case Table::certificates: return "certificates";
    case Table::results: return "results";
    case Table::counters: return "counters";
    case Table::audit_log: return "audit_log";
    }
    return "?";
}

std::size_t table_columns(Table table) {
    switch (table) {
    case Table::participants: return 11;
    case Table::sessions: return 17;
    case Table::enrollments: return 6;
    case Table::attendance_marks: return 10;
    case Table::attendance: return 5;
    case Table::certificates: return 7;
    case Table::results: return 8;
    case Table::counters: return 2;
    case Table::audit_log: return 6;
    }
    return 0;
}

std::string printable_argument(const std::string& arg) {
    // Every URL in the argument (`--db=postgresql://…` too) loses the password of its user-info part
    // (scheme://user:PASSWORD@host) and any password=… parameter of its query.
    std::string out = arg;
    for (std::size_t at = 0; (at = out.find("postgres", at)) != std::string::npos;) {
        const std::string_view rest = std::string_view(out).substr(at);
        const std::size_t scheme = rest.starts_with("postgresql://") ? 13
                                   : rest.starts_with("postgres://") ? 11
                                                                     : 0;
        if (scheme == 0) {
            at += 8;
            continue;
        }
        const std::size_t begin = at + scheme;
        std::size_t end = out.find_first_of("/?# ", begin);
        if (end == std::string::npos) end = out.size();
        const std::size_t amp = out.rfind('@', end);
        if (amp != std::string::npos && amp >= begin)
            if (const std::size_t colon = out.find(':', begin); colon != std::string::npos && colon < amp)
                out.erase(colon, amp - colon);
        for (std::size_t p; (p = out.find("password=", begin)) != std::string::npos;) {
            if (p > 0 && out[p - 1] != '?' && out[p - 1] != '&') break;
            std::size_t stop = out.find_first_of("& ", p);
            if (stop == std::string::npos) stop = out.size();
            // The separator before it goes too ("?password=x&…" keeps "?" for what follows).
            if (stop < out.size() && out[stop] == '&')
                out.erase(p, stop + 1 - p);
            else
                out.erase(p - 1, stop - p + 1);
        }
        at = begin;
    }
    return out;
}

Store::~Store() = default;

// --- Tallies ---

namespace {
constexpr std::uint32_t in_bit = 0x8000'0000u;
constexpr int attended_shift = 24;
constexpr std::uint32_t attended_max = 0x7F; // 127: the tally is in the map
constexpr std::uint32_t jp_mask = 0x00FF'FFFFu;
constexpr Id dense_max = Id{1} << 28;

int slot_attended(std::uint32_t s) {
    return static_cast<int>((s >> attended_shift) & attended_max);
}
} // namespace

Tallies::Tallies(Id max_id) {
    if (max_id >= 0 && max_id <= dense_max) dense_.resize(static_cast<std::size_t>(max_id) + 1);
}

void Tallies::add(Id person, bool attended, std::int64_t jp_tenths) {
    const std::int64_t jp = std::max<std::int64_t>(jp_tenths, 0);
    const bool dense = person >= 0 && static_cast<std::uint64_t>(person) < dense_.size();
    if (dense) {
        std::uint32_t& s = dense_[static_cast<std::size_t>(person)];
        if (!s) ++people_;
        if (slot_attended(s) != static_cast<int>(attended_max)) {
            const std::uint32_t n = static_cast<std::uint32_t>(slot_attended(s)) + (attended ? 1u : 0u);
            const std::int64_t sum = std::int64_t{s & jp_mask} + jp;
            if (n < attended_max && sum <= std::int64_t{jp_mask}) {
                s = in_bit | (n << attended_shift) | static_cast<std::uint32_t>(sum);
                return;
            }
            // Too large for the slot: the tally moves to the map for good.
            wide_[person] = {slot_attended(s), std::int64_t{s & jp_mask}};
            s = in_bit | (attended_max << attended_shift);
        }
    } else if (!wide_.contains(person)) {
        ++people_;
    }
    Wide& w = wide_[person];
    w.attended += attended ? 1 : 0;
    w.jp_tenths += jp;
}

bool Tallies::contains(Id person) const {
    if (person >= 0 && static_cast<std::uint64_t>(person) < dense_.size())
        return dense_[static_cast<std::size_t>(person)] != 0;
    return wide_.contains(person);
}

std::pair<int, std::int64_t> Tallies::get(Id person) const {
    if (person >= 0 && static_cast<std::uint64_t>(person) < dense_.size()) {
        const std::uint32_t s = dense_[static_cast<std::size_t>(person)];
        if (!s) return {0, 0};
        if (slot_attended(s) != static_cast<int>(attended_max))
            return {slot_attended(s), std::int64_t{s & jp_mask}};
    }
    auto it = wide_.find(person);
    return it == wide_.end() ? std::pair<int, std::int64_t>{0, 0}
                             : std::pair<int, std::int64_t>{it->second.attended, it->second.jp_tenths};
}

void Tallies::each(const std::function<void(Id, int, std::int64_t)>& each) const {
    // Ids below the dense part, the dense part (its wide tallies from the map), then ids above it.
    auto w = wide_.begin();
    for (; w != wide_.end() && w->first < 0; ++w)
        each(w->first, w->second.attended, w->second.jp_tenths);
    for (std::size_t i = 0; i < dense_.size(); ++i) {
        if (!dense_[i]) continue;
        const auto [attended, jp] = get(static_cast<Id>(i));
        each(static_cast<Id>(i), attended, jp);
    }
    for (w = wide_.lower_bound(static_cast<Id>(dense_.size())); w != wide_.end(); ++w)
        each(w->first, w->second.attended, w->second.jp_tenths);
}

std::vector<PersonYear> Store::participation(const std::vector<Id>& sessions, PersonDetail detail) const {
    const Tallies people = tally_participation(sessions);
    std::vector<PersonYear> out;
    out.reserve(people.people());
    each_person_year(people, detail, [&out](PersonYear& y) { out.push_back(std::move(y)); });
    return out;
}

bool Store::keeps_signing_key() const {
    return false;
}

std::optional<std::string> Store::signing_key() const {
    throw Error(tr("the store {} keeps no signing key: its key is a file beside it", location()));
}

std::string Store::put_signing_key(const std::string&) {
    throw Error(tr("the store {} keeps no signing key: its key is a file beside it", location()));
}

Store::Transaction::Transaction(Store& store) : store_(store) {
    store_.begin_transaction();
}

Store::Transaction::~Transaction() {
    if (!done_) store_.rollback_transaction();
}

void Store::Transaction::commit() {
    store_.commit_transaction();
    done_ = true;
}

namespace {
// `x` as a span of exactly one element (where the standard library checks, a count that is not 1 stops).
template <class T> std::span<T, 1> just(T& x) {
    return std::span<T, 1>(&x, 1);
}
} // namespace

Id Store::insert_participant(const Participant& p) {
    Participant added = p;
    write_participants({}, just(added));
    return added.id;
}

void Store::update_participant(const Participant& p) {
    write_participants(just(p), {});
}

std::optional<Enrollment> Store::enrollment(Id session, Id participant) const {
    std::vector<Enrollment> found = enrollments_of(session, just(participant));
    if (found.empty()) return std::nullopt;
    return found.front();
}

void Store::put_enrollment(Id session, Id participant, EnrollmentStatus status) {
    const EnrollmentChange change{participant, status};
    put_enrollments(session, just(change));
}

void Store::add_mark(Id session, Id participant, const AttendanceMark& mark) {
    const PersonMarks one{participant, {mark}};
    add_marks(session, just(one));
}

std::vector<AttendanceMark> Store::marks(Id session, Id participant) const {
    return std::move(marks_of(session, just(participant)).front().marks);
}

void Store::put_attendance(Id session, Id participant, const AttendanceSummary& summary,
                           AttendanceOutcome outcome) {
    const PersonSummary one{participant, summary, outcome};
    put_summaries(session, just(one));
}

} // namespace asnbelajar::store
