// The PostgreSQL backend: the participants table, its row mapping (the one place that reads a participant's
// columns) and the batch operations of the bulk paths, each a few round trips whatever the batch's size:
// lookups open the batch's keys as arrays (unnest), changed people are one UPDATE … FROM, new people one COPY
// straight into the table with ids drawn beforehand from the table's sequence.
#include "postgres_store.hpp"

#include <algorithm>
#include <ctime>
#include <unordered_map>

namespace asnbelajar::store::postgres {
namespace {

std::optional<Participant> one(const pq::Result& r) {
    if (r.rows() == 0) return std::nullopt;
    return read_participant(r, 0);
}

// The next free entry of `out.people`.
Participant& next_slot(ParticipantMatches& out) {
    if (out.found == out.people.size()) out.people.emplace_back();
    return out.people[out.found];
}

} // namespace

void read_participant(const pq::Result& r, int row, int first, Participant& out) {
    out.id = r.int64(row, first);
    out.nip.assign(r.text(row, first + 1));
    out.name.assign(r.text(row, first + 2));
    out.email.assign(r.text(row, first + 3));
    out.phone.assign(r.text(row, first + 4));
    out.agency.assign(r.text(row, first + 5));
    out.unit.assign(r.text(row, first + 6));
    out.position.assign(r.text(row, first + 7));
    out.grade.assign(r.text(row, first + 8));
}

Participant read_participant(const pq::Result& r, int row, int first) {
    Participant p;
    read_participant(r, row, first, p);
    return p;
}

std::optional<Participant> PostgresStore::participant_by_id(Id id) const try {
    return one(db_->query("SELECT " PG_PARTICIPANT_COLUMNS " FROM participants p WHERE p.id = $1",
                          pq::Params().add(id)));
} catch (const pq::Failure& e) {
    fail(e);
}

std::optional<Participant> PostgresStore::participant_by_nip(const std::string& nip) const try {
    return one(db_->query("SELECT " PG_PARTICIPANT_COLUMNS " FROM participants p WHERE p.nip = $1",
                          pq::Params().add(nip)));
} catch (const pq::Failure& e) {
    fail(e);
}

std::optional<Participant> PostgresStore::participant_by_email(const std::string& email) const try {
    return one(db_->query("SELECT " PG_PARTICIPANT_COLUMNS " FROM participants p WHERE p.email = $1",
                          pq::Params().add(email)));
} catch (const pq::Failure& e) {
    fail(e);
}

std::optional<Participant> PostgresStore::participant_by_phone(const std::string& phone) const try {
    return one(db_->query("SELECT " PG_PARTICIPANT_COLUMNS
                          " FROM participants p WHERE p.phone = $1 ORDER BY p.id LIMIT 1",
                          pq::Params().add(phone)));
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<Participant> PostgresStore::list_participants(const std::string& agency,
                                                          const std::string& search) const try {
    // strpos() rather than LIKE: the search text is data, never a pattern. The columns are COLLATE "C", so
    // lower() folds ASCII only, as SQLite's does; the parameter takes the column's collation.
    const pq::Result r = db_->query(
        "SELECT " PG_PARTICIPANT_COLUMNS " FROM participants p "
        "WHERE ($1 = '' OR p.agency = $1) AND ($2 = '' OR strpos(lower(p.name), lower($2 COLLATE \"C\")) > 0 "
        "OR strpos(p.nip, $2) > 0 OR strpos(p.email, lower($2 COLLATE \"C\")) > 0) ORDER BY p.name, p.id",
        pq::Params().add(agency).add(search));
    std::vector<Participant> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(read_participant(r, i));
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::each_participant_name(
    const std::function<void(Id, std::string_view, std::string_view, std::string_view)>& each) const try {
    walk("DECLARE asnb_walk NO SCROLL CURSOR FOR SELECT id, name, nip, email FROM participants", {},
         [&each](const pq::Result& r) {
             for (int i = 0; i < r.rows(); ++i)
                 each(r.int64(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3));
         });
} catch (const pq::Failure& e) {
    fail(e);
}

// --- batches ---

void PostgresStore::begin_bulk_load(std::uint64_t) try {
    // Nothing to prepare: a batch is a COPY and a few set-based statements, and the indexes stay (a server's
    // other clients keep using them).
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::end_bulk_load() try {
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::find_participants(std::span<const Participant> rows, ParticipantMatches& out) const try {
    out.found = 0;
    out.by_nip.assign(rows.size(), -1);
    out.by_email.assign(rows.size(), -1);
    if (rows.empty()) return;
    // Writers of participants look up and write under one lock, so that what this answers stays true until
    // they commit (READ COMMITTED would let another import add the same NIP meanwhile).
    lock_participants();
    pq::Array nips, emails;
    for (const Participant& row : rows) {
        nips.add_or_null(row.nip);
        emails.add_or_null(row.email);
    }
    // One row per (batch row, key) found: which = 0 for the NIP's holder, 1 for the e-mail's.
    const pq::Result r = db_->query(
        "SELECT k.i, 0, " PG_PARTICIPANT_COLUMNS " FROM unnest($1::text[]) WITH ORDINALITY k(v, i) "
        "JOIN participants p ON p.nip = k.v "
        "UNION ALL SELECT k.i, 1, " PG_PARTICIPANT_COLUMNS " FROM unnest($2::text[]) WITH ORDINALITY k(v, i) "
        "JOIN participants p ON p.email = k.v ORDER BY 1, 2",
        pq::Params().add(nips.done()).add(emails.done()));
    // As the SQLite backend answers: the NIP's holder first; the e-mail's holder is the same entry when the
    // NIP's holder has this very address, else an entry of its own.
    int at = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::int64_t ordinal = static_cast<std::int64_t>(i) + 1;
        while (at < r.rows() && r.int64(at, 0) == ordinal) {
            if (r.int32(at, 1) == 0) {
                read_participant(r, at, 2, next_slot(out));
                out.by_nip[i] = static_cast<int>(out.found++);
            } else if (const int n = out.by_nip[i];
                       n >= 0 && out.people[static_cast<std::size_t>(n)].email == rows[i].email) {
                out.by_email[i] = n;
            } else {
                read_participant(r, at, 2, next_slot(out));
                out.by_email[i] = static_cast<int>(out.found++);
            }
            ++at;
        }
    }
} catch (const pq::Failure& e) {
    fail(e);
}

void PostgresStore::write_participants(std::span<const Participant> changed,
                                       std::span<Participant> added) try {
    if (changed.empty() && added.empty()) return;
    lock_participants();
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    if (!changed.empty()) {
        // Every field replaced, by id; a person named twice keeps the last. One UPDATE: the unique NIP and
        // e-mail are checked at its end (DEFERRABLE), so a key may pass from one person to a later one.
        std::unordered_map<Id, std::size_t> last;
        for (std::size_t i = 0; i < changed.size(); ++i)
            last[changed[i].id] = i;
        pq::Array ids, nip, name, email, phone, agency, unit, position, grade;
        for (std::size_t i = 0; i < changed.size(); ++i) {
            const Participant& p = changed[i];
            if (last[p.id] != i) continue;
            ids.add(static_cast<std::int64_t>(p.id));
            nip.add_or_null(p.nip);
            name.add(p.name);
            email.add_or_null(p.email);
            phone.add_or_null(p.phone);
            agency.add_or_null(p.agency);
            unit.add_or_null(p.unit);
            position.add_or_null(p.position);
            grade.add_or_null(p.grade);
        }
        try {
            db_->query(
                "UPDATE participants p SET nip = k.nip, name = k.name, email = k.email, phone = k.phone, "
                "agency = k.agency, unit = k.unit, position = k.position, grade = k.grade, updated = $10 "
                "FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
                "$7::text[], $8::text[], $9::text[]) "
                "k(id, nip, name, email, phone, agency, unit, position, grade) WHERE p.id = k.id",
                pq::Params()
                    .add(ids.done())
                    .add(nip.done())
                    .add(name.done())
                    .add(email.done())
                    .add(phone.done())
                    .add(agency.done())
                    .add(unit.done())
                    .add(position.done())
                    .add(grade.done())
                    .add(now));
        } catch (const pq::Failure& e) {
            if (changed.size() == 1)
                fail(e, {{Constraint::participant_nip, changed[0].nip},
                         {Constraint::participant_email, changed[0].email}});
            fail(e);
        }
    }
    if (added.empty()) return;
    // The new people's ids, drawn at once from the table's sequence (in increasing order, as the SQLite
    // backend numbers them), then one COPY.
    const pq::Result ids =
        db_->query("SELECT nextval(pg_get_serial_sequence('participants', 'id')) FROM generate_series(1, $1) "
                   "ORDER BY 1",
                   pq::Params().add(static_cast<std::int64_t>(added.size())));
    pq::CopyRows rows;
    for (std::size_t i = 0; i < added.size(); ++i) {
        Participant& p = added[i];
        p.id = ids.int64(static_cast<int>(i), 0);
        rows.field(static_cast<std::int64_t>(p.id))
            .field_or_null(p.nip)
            .field(p.name)
            .field_or_null(p.email)
            .field_or_null(p.phone)
            .field_or_null(p.agency)
            .field_or_null(p.unit)
            .field_or_null(p.position)
            .field_or_null(p.grade)
            .field(now)
            .field(now)
            .end_row();
    }
    try {
        db_->copy_in("COPY participants(id, nip, name, email, phone, agency, unit, position, grade, created, "
                     "updated) FROM STDIN",
                     rows);
    } catch (const pq::Failure& e) {
        if (added.size() == 1)
            fail(e, {{Constraint::participant_nip, added[0].nip},
                     {Constraint::participant_email, added[0].email}});
        fail(e);
    }
} catch (const pq::Failure& e) {
    fail(e);
}

std::vector<std::optional<Id>>
PostgresStore::participants_matching(std::span<const ParticipantKeys> keys) const try {
    std::vector<std::optional<Id>> out(keys.size());
    if (keys.empty()) return out;
    pq::Array nips, emails, phones;
    for (const ParticipantKeys& k : keys) {
        nips.add_or_null(k.nip);
        emails.add_or_null(k.email);
        phones.add_or_null(k.phone);
    }
    // coalesce stops at the first lookup that finds someone; each is one index probe.
    const pq::Result r =
        db_->query("SELECT k.i, coalesce((SELECT id FROM participants WHERE nip = k.nip), "
                   "(SELECT id FROM participants WHERE email = k.email), "
                   "(SELECT id FROM participants WHERE phone = k.phone ORDER BY id LIMIT 1)) "
                   "FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY k(nip, email, phone, i)",
                   pq::Params().add(nips.done()).add(emails.done()).add(phones.done()));
    for (int i = 0; i < r.rows(); ++i)
        if (!r.null(i, 1)) out[static_cast<std::size_t>(r.int64(i, 0) - 1)] = r.int64(i, 1);
    return out;
} catch (const pq::Failure& e) {
    fail(e);
}

} // namespace asnbelajar::store::postgres
