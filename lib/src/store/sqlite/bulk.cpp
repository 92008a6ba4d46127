// The SQLite backend: participants in batches (find_participants, write_participants) and bulk loads.
//
// SQLite answers a batch row by row over statements prepared once: a lookup is an index probe, a write one
// INSERT or UPDATE. A bulk load of many new people goes further (append mode): a million random NIPs inserted
// one by one into the B-trees of the NIP, e-mail and phone indexes cost most of an import's time, so the keys of
// every stored person go into two hash tables in memory (a hit is confirmed by reading the row by its id), the
// three participant indexes are dropped inside the caller's transaction, rows are appended to the table with a
// small page cache, and end_bulk_load() builds the indexes again with CREATE INDEX, one sort each. Concurrent
// readers keep seeing the store as it was, indexes included, until the commit.
#include "sqlite_store.hpp"

#include <algorithm>
#include <ctime>

namespace asnbelajar::store::sqlite {

namespace {

// The page cache of one bulk load. Measured on 1,000,000 new rows (a 167 MB file, 132 MB of indexes): 32 MiB
// 39 s, 64 MiB 25 s, 128 MiB 17 s, 256 MiB 17 s. Random upserts stay fast while the indexes they touch fit,
// and they grow with the rows, so the cache follows the job's size (about 3/4 of the rows' CSV bytes; SQLite
// takes the pages only as they are used: a small job costs nothing).
constexpr std::int64_t min_cache_kib = 64 << 10;
constexpr std::int64_t max_cache_kib = 512 << 10;
constexpr std::int64_t unknown_size_cache_kib = 128 << 10; // standard input
constexpr std::int64_t cache_bytes_per_row = 128;
// In append mode rows are appended, not inserted all over a tree: a small cache does, and leaves the memory to
// the key tables and to the sorts of the index builds. Measured on 1,000,000 new rows: a 1 MiB cache 5.9 s
// user CPU / 132 MB peak, 4 MiB 6.6 s / 132 MB, 16 MiB 7.6 s / 175 MB, 128 MiB 11.4 s / 316 MB (page faults of
// a cache that is only written through).
constexpr std::int64_t append_cache_kib = 4 << 10;
constexpr std::uint64_t projection_rows = 1000; // new people written before projecting the job's

std::int64_t cache_kib_for(std::uint64_t expected_rows) {
    if (expected_rows == 0) return unknown_size_cache_kib;
    const auto kib = static_cast<std::int64_t>(std::min<std::uint64_t>(expected_rows, 1u << 30)) *
                     cache_bytes_per_row / 1024;
    return std::clamp(kib, min_cache_kib, max_cache_kib);
}

// Lets the connection's page cache grow to `kib` KiB (never shrinks it).
void reserve_cache(SQLite::Database& db, std::int64_t kib) {
    // A negative cache_size is in KiB, a positive one in pages.
    const std::int64_t pages = db.execAndGet("PRAGMA cache_size").getInt64();
    const std::int64_t page_size = db.execAndGet("PRAGMA page_size").getInt64();
    const std::int64_t current = pages < 0 ? -pages : pages * page_size / 1024;
    if (kib > current) set_pragma(db, "cache_size", -kib);
}

// The next free entry of `out.people`.
Participant& next_slot(ParticipantMatches& out) {
    if (out.found == out.people.size()) out.people.emplace_back();
    return out.people[out.found];
}

} // namespace

void SqliteStore::begin_bulk_load(std::uint64_t expected_rows) try {
    end_bulk_load(); // one at a time
    bulk_ = std::make_unique<BulkState>();
    bulk_->expected_rows = expected_rows;
    reserve_cache(db_, cache_kib_for(expected_rows));
    // Dropping the indexes outside a transaction would leave a store without them: only inside one.
    if (!in_transaction_ || append_after == never_append) {
        bulk_->threshold = never_append;
        return;
    }
    const Id existing = max_participant_id();
    if (append_after == 0 || existing == 0) {
        enter_append_mode(); // nothing to sort again but this job's rows
        return;
    }
    bulk_->threshold = std::max<std::uint64_t>(append_after, static_cast<std::uint64_t>(existing) / 5);
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::end_bulk_load() try {
    const std::unique_ptr<BulkState> bulk = std::move(bulk_);
    if (bulk && bulk->append) leave_append_mode();
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::count_added(std::size_t added) {
    if (!bulk_ || bulk_->append) return;
    BulkState& b = *bulk_;
    b.added += added;
    if (b.added >= b.threshold) return enter_append_mode();
    // Early, when the first new people and the size of the job say it will get there.
    if (b.projected || b.added < projection_rows || b.expected_rows == 0 || b.rows == 0) return;
    b.projected = true;
    const double projected =
        static_cast<double>(b.added) * static_cast<double>(b.expected_rows) / static_cast<double>(b.rows);
    if (projected >= static_cast<double>(b.threshold)) enter_append_mode();
}

void SqliteStore::enter_append_mode() {
    BulkState& b = *bulk_;
    // Room for the whole job at once, when its size is known.
    if (b.expected_rows > b.rows) {
        const auto people =
            static_cast<std::size_t>(max_participant_id()) +
            static_cast<std::size_t>(std::min<std::uint64_t>(b.expected_rows - b.rows, 64 << 20));
        b.nips.reserve(people);
        b.emails.reserve(people);
    }
    each_participant_key([&b](Id id, std::string_view nip, std::string_view email) {
        if (!nip.empty()) b.nips.add(nip, id);
        if (!email.empty()) b.emails.add(email, id);
    });
    reset_statements();
    drop_participant_indexes(db_);
    set_pragma(db_, "cache_size", -append_cache_kib);
    b.append = true;
}

void SqliteStore::leave_append_mode() {
    // The sorts behind CREATE INDEX may use a helper thread each.
    set_pragma(db_, "threads", 2);
    reset_statements();
    create_participant_indexes(db_); // a duplicate that slipped through throws here
}

void SqliteStore::find_participants(std::span<const Participant> rows, ParticipantMatches& out) const try {
    out.found = 0;
    out.by_nip.assign(rows.size(), -1);
    out.by_email.assign(rows.size(), -1);
    BulkState* const bulk = bulk_ && bulk_->append ? bulk_.get() : nullptr;
    if (bulk_) bulk_->rows += rows.size();
    // In append mode the keys are in memory, and a candidate is confirmed by reading its row; else an index
    // probe answers (EXPLAIN QUERY PLAN: "SEARCH participants USING INDEX participants_nip (nip=?)": the values
    // are bound as text, like the stored ones).
    const auto by_nip = [&](const std::string& nip, Participant& p) {
        if (bulk)
            return bulk->nips.find(nip, [&](Id id) { return load_participant(id, p) && p.nip == nip; }) != 0;
        auto& st = stmt("SELECT " PARTICIPANT_COLUMNS " FROM participants p WHERE p.nip = ?");
        st.bindNoCopy(1, nip);
        if (!st.executeStep()) return false;
        read_participant(st, 0, p);
        return true;
    };
    const auto by_email = [&](const std::string& email, Participant& p) {
        if (bulk)
            return bulk->emails.find(email,
                                     [&](Id id) { return load_participant(id, p) && p.email == email; }) != 0;
        auto& st = stmt("SELECT " PARTICIPANT_COLUMNS " FROM participants p WHERE p.email = ?");
        st.bindNoCopy(1, email);
        if (!st.executeStep()) return false;
        read_participant(st, 0, p);
        return true;
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Participant& row = rows[i];
        if (bulk) {
            // Both lookups wait on memory: start them together.
            bulk->nips.prefetch(row.nip);
            bulk->emails.prefetch(row.email);
        }
        if (!row.nip.empty() && by_nip(row.nip, next_slot(out)))
            out.by_nip[i] = static_cast<int>(out.found++);
        if (row.email.empty()) continue;
        // The e-mail lookup is needed unless the NIP's holder has this very address.
        if (const int n = out.by_nip[i]; n >= 0 && out.people[static_cast<std::size_t>(n)].email == row.email)
            out.by_email[i] = n;
        else if (by_email(row.email, next_slot(out)))
            out.by_email[i] = static_cast<int>(out.found++);
    }
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::write_participants(std::span<const Participant> changed, std::span<Participant> added) try {
    BulkState* const bulk = bulk_ && bulk_->append ? bulk_.get() : nullptr;
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    // A key the person did not have yet becomes one of theirs in the tables of append mode.
    const auto add_key = [](KeyIndex& keys, const std::string& key, Id id) {
        if (!key.empty() && keys.find(key, [id](Id other) { return other == id; }) == 0) keys.add(key, id);
    };
    for (const Participant& p : changed) {
        try {
            // The other fields, then the keys only when one of them changed: SQLite rewrites the entries of
            // every index on a column an UPDATE sets, equal or not, and a weekly re-import changes mostly a
            // position or a unit (three index entries fewer to delete and insert again, at random places).
            auto& st = stmt("UPDATE participants SET name = ?2, agency = ?5, unit = ?6, position = ?7, "
                            "grade = ?8, updated = ?9 WHERE id = ?10");
            bind_participant_fields(st, p);
            st.bind(9, now);
            st.bind(10, p.id);
            st.exec();
            auto& keys = stmt("UPDATE participants SET nip = ?1, email = ?3, phone = ?4 WHERE id = ?10 AND "
                              "(nip IS NOT ?1 OR email IS NOT ?3 OR phone IS NOT ?4)");
            bind_participant_fields(keys, p);
            keys.bind(10, p.id);
            keys.exec();
        } catch (const SQLite::Exception& e) {
            fail(e, {{Constraint::participant_nip, p.nip}, {Constraint::participant_email, p.email}});
        }
        if (bulk) {
            add_key(bulk->nips, p.nip, p.id);
            add_key(bulk->emails, p.email, p.id);
        }
    }
    for (Participant& p : added) {
        try {
            auto& st =
                stmt("INSERT INTO participants(nip, name, email, phone, agency, unit, position, grade, "
                     "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?9)");
            bind_participant_fields(st, p);
            st.bind(9, now);
            st.exec();
        } catch (const SQLite::Exception& e) {
            fail(e, {{Constraint::participant_nip, p.nip}, {Constraint::participant_email, p.email}});
        }
        p.id = db_.getLastInsertRowid();
        if (bulk) {
            if (!p.nip.empty()) bulk->nips.add(p.nip, p.id);
            if (!p.email.empty()) bulk->emails.add(p.email, p.id);
        }
    }
    count_added(added.size());
} catch (const SQLite::Exception& e) {
    fail(e);
}

} // namespace asnbelajar::store::sqlite
