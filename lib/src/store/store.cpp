// The store's interface: choosing a backend from the location, transactions, and the operations on one row
// that are a batch of one.
#include "asnbelajar/store.hpp"

#include "asnbelajar/error.hpp"
#include "sqlite/open.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace asnbelajar::store {
namespace {

// A PostgreSQL connection URL (libpq's two schemes).
bool postgres_url(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

[[noreturn]] void no_postgres() {
    // The URL is not repeated: it may hold a password.
    throw Error(
        "--db (or ASNBELAJAR_DB) names a PostgreSQL server, but the PostgreSQL backend is not built yet: "
        "this asnbelajar keeps its store in an SQLite file");
}

} // namespace

std::string resolve_store_path(const std::optional<std::string>& cli_value) {
    if (cli_value && !cli_value->empty()) return *cli_value;
    if (const char* env = std::getenv("ASNBELAJAR_DB"); env && *env) return env;
    return "asnbelajar.db";
}

std::unique_ptr<Store> open(const std::string& location, Access access, DryRun dry_run) {
    if (postgres_url(location)) no_postgres();
    return sqlite::open(location, access, dry_run);
}

bool exists(const std::string& location) {
    if (postgres_url(location)) no_postgres();
    return sqlite::exists(location);
}

Store::~Store() = default;

// --- Tallies ---

namespace {
constexpr std::uint32_t in_bit = 0x8000'0000u;
constexpr Id dense_max = Id{1} << 28;
} // namespace

Tallies::Tallies(Id max_id) {
    if (max_id >= 0 && max_id <= dense_max) dense_.resize(static_cast<std::size_t>(max_id) + 1);
}

Tallies::Slot& Tallies::slot(Id person) {
    if (person >= 0 && static_cast<std::uint64_t>(person) < dense_.size())
        return dense_[static_cast<std::size_t>(person)];
    return sparse_[person];
}

const Tallies::Slot* Tallies::find(Id person) const {
    if (person >= 0 && static_cast<std::uint64_t>(person) < dense_.size())
        return &dense_[static_cast<std::size_t>(person)];
    auto it = sparse_.find(person);
    return it == sparse_.end() ? nullptr : &it->second;
}

void Tallies::add(Id person, bool attended, std::int64_t jp_tenths) {
    Slot& s = slot(person);
    if (!(s.in_attended & in_bit)) {
        s.in_attended |= in_bit;
        ++people_;
    }
    if (attended && (s.in_attended & ~in_bit) != ~in_bit) ++s.in_attended;
    if (jp_tenths > 0) {
        const std::uint64_t sum = std::uint64_t{s.jp_tenths} + static_cast<std::uint64_t>(jp_tenths);
        s.jp_tenths = static_cast<std::uint32_t>(std::min<std::uint64_t>(sum, 0xFFFF'FFFFu));
    }
}

bool Tallies::contains(Id person) const {
    const Slot* s = find(person);
    return s && (s->in_attended & in_bit);
}

std::pair<int, std::int64_t> Tallies::get(Id person) const {
    const Slot* s = find(person);
    if (!s || !(s->in_attended & in_bit)) return {0, 0};
    return {static_cast<int>(s->in_attended & ~in_bit), std::int64_t{s->jp_tenths}};
}

void Tallies::each(const std::function<void(Id, int, std::int64_t)>& each) const {
    auto call = [&](Id id, const Slot& s) {
        if (s.in_attended & in_bit)
            each(id, static_cast<int>(s.in_attended & ~in_bit), std::int64_t{s.jp_tenths});
    };
    auto sp = sparse_.begin();
    for (; sp != sparse_.end() && sp->first < 0; ++sp)
        call(sp->first, sp->second);
    for (std::size_t i = 0; i < dense_.size(); ++i)
        call(static_cast<Id>(i), dense_[i]);
    for (; sp != sparse_.end(); ++sp)
        call(sp->first, sp->second);
}

std::vector<PersonYear> Store::participation(const std::vector<Id>& sessions, PersonDetail detail) const {
    const Tallies people = tally_participation(sessions);
    std::vector<PersonYear> out;
    out.reserve(people.people());
    each_person_year(people, detail, [&out](PersonYear& y) { out.push_back(std::move(y)); });
    return out;
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

Id Store::insert_participant(const Participant& p) {
    Participant added = p;
    write_participants({}, {&added, 1});
    return added.id;
}

void Store::update_participant(const Participant& p) {
    write_participants({&p, 1}, {});
}

std::optional<Enrollment> Store::enrollment(Id session, Id participant) const {
    std::vector<Enrollment> found = enrollments_of(session, {&participant, 1});
    if (found.empty()) return std::nullopt;
    return found.front();
}

void Store::put_enrollment(Id session, Id participant, EnrollmentStatus status) {
    const EnrollmentChange change{participant, status};
    put_enrollments(session, {&change, 1});
}

void Store::add_mark(Id session, Id participant, const AttendanceMark& mark) {
    const PersonMarks one{participant, {mark}};
    add_marks(session, {&one, 1});
}

std::vector<AttendanceMark> Store::marks(Id session, Id participant) const {
    return std::move(marks_of(session, {&participant, 1}).front().marks);
}

void Store::put_attendance(Id session, Id participant, const AttendanceSummary& summary,
                           AttendanceOutcome outcome) {
    const PersonSummary one{participant, summary, outcome};
    put_summaries(session, {&one, 1});
}

void Store::delete_attendance(Id session, Id participant) {
    const PersonSummary none{participant, std::nullopt};
    put_summaries(session, {&none, 1});
}

} // namespace asnbelajar::store
