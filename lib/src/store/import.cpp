// Store: the statements of bulk imports (participant upserts and enrollment of many rows in one transaction).
#include "store_impl.hpp"

#include <sys/stat.h>

#include <ctime>

namespace asnbelajar::store {
namespace {

// A column's text in place, valid until the statement steps again (NULL reads as empty).
std::string_view text_view(const SQLite::Column& c) {
    const char* text = c.getText(nullptr);
    return text ? std::string_view(text, static_cast<std::size_t>(c.getBytes())) : std::string_view();
}

// Copies a column into `out` without giving up its capacity (NULL reads as empty).
void assign_text(std::string& out, const SQLite::Column& c) {
    out.assign(text_view(c));
}

bool load(SQLite::Statement& st, Participant& out) {
    if (!st.executeStep()) return false;
    out.id = st.getColumn(0).getInt64();
    assign_text(out.nip, st.getColumn(1));
    assign_text(out.name, st.getColumn(2));
    assign_text(out.email, st.getColumn(3));
    assign_text(out.phone, st.getColumn(4));
    assign_text(out.agency, st.getColumn(5));
    assign_text(out.unit, st.getColumn(6));
    assign_text(out.position, st.getColumn(7));
    assign_text(out.grade, st.getColumn(8));
    return true;
}

} // namespace

Store Store::open_for_dry_run(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) return Store(path, Access::write);
    // A private temporary database: like ":memory:", but pages beyond the cache spill to a file that is
    // already deleted, so a dry run of a million rows does not hold the whole store in memory.
    return Store("", Access::write);
}

// Both lookups are answered by the unique indexes participants_nip and participants_email (EXPLAIN QUERY PLAN:
// "SEARCH participants USING INDEX participants_nip (nip=?)"): the values are bound as text, like the stored
// ones.
bool Store::load_participant_by_nip(const std::string& nip, Participant& out) const try {
    auto& st = impl_->stmt("SELECT id, nip, name, email, phone, agency, unit, position, grade "
                           "FROM participants WHERE nip = ?");
    st.bindNoCopy(1, nip);
    return load(st, out);
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

bool Store::load_participant_by_email(const std::string& email, Participant& out) const try {
    auto& st = impl_->stmt("SELECT id, nip, name, email, phone, agency, unit, position, grade "
                           "FROM participants WHERE email = ?");
    st.bindNoCopy(1, email);
    return load(st, out);
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

bool Store::load_participant_by_id(Id id, Participant& out) const try {
    auto& st = impl_->stmt("SELECT id, nip, name, email, phone, agency, unit, position, grade "
                           "FROM participants WHERE id = ?");
    st.bind(1, id);
    return load(st, out);
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

Id Store::max_participant_id() const try {
    return impl_->db.execAndGet("SELECT coalesce(max(id), 0) FROM participants").getInt64();
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

void Store::each_participant_key(
    const std::function<void(Id, std::string_view, std::string_view)>& each) const try {
    SQLite::Statement st(impl_->db, "SELECT id, nip, email FROM participants");
    while (st.executeStep())
        each(st.getColumn(0).getInt64(), text_view(st.getColumn(1)), text_view(st.getColumn(2)));
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

void Store::drop_participant_indexes() try {
    impl_->reset_statements();
    store::drop_participant_indexes(impl_->db);
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

void Store::create_participant_indexes() try {
    // The sorts behind CREATE INDEX may use a helper thread each.
    set_pragma(impl_->db, "threads", 2);
    impl_->reset_statements();
    store::create_participant_indexes(impl_->db);
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

Id Store::insert_participant_if_new(const Participant& p) try {
    auto& st = impl_->stmt("INSERT INTO participants(nip, name, email, phone, agency, unit, position, grade, "
                           "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?9) ON CONFLICT DO NOTHING");
    bind_participant_fields(st, p);
    st.bind(9, static_cast<std::int64_t>(std::time(nullptr)));
    if (st.exec() == 0) return 0;
    return impl_->db.getLastInsertRowid();
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

std::int64_t Store::next_arrival(Id session) const try {
    auto& st = impl_->stmt("SELECT coalesce(max(arrival), 0) + 1 FROM enrollments WHERE session_id = ?");
    st.bind(1, session);
    st.executeStep();
    return st.getColumn(0).getInt64();
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

void Store::put_enrollment_at(Id session, Id participant, EnrollmentStatus status, std::int64_t arrival) try {
    auto& st = impl_->stmt(
        "INSERT INTO enrollments(session_id, participant_id, status, arrival, created, updated) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?5) "
        "ON CONFLICT(session_id, participant_id) DO UPDATE SET status = excluded.status, "
        "arrival = CASE WHEN excluded.status = 'cancelled' THEN arrival ELSE excluded.arrival END, "
        "updated = excluded.updated");
    st.bind(1, session);
    st.bind(2, participant);
    st.bind(3, std::string(to_string(status)));
    st.bind(4, arrival);
    st.bind(5, static_cast<std::int64_t>(std::time(nullptr)));
    st.exec();
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

void Store::set_cache(std::int64_t kib) try {
    set_pragma(impl_->db, "cache_size", -kib);
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

void Store::reserve_cache(std::int64_t kib) try {
    // A negative cache_size is in KiB, a positive one in pages.
    const std::int64_t pages = impl_->db.execAndGet("PRAGMA cache_size").getInt64();
    const std::int64_t page_size = impl_->db.execAndGet("PRAGMA page_size").getInt64();
    const std::int64_t current = pages < 0 ? -pages : pages * page_size / 1024;
    if (kib > current) set_pragma(impl_->db, "cache_size", -kib);
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

} // namespace asnbelajar::store
