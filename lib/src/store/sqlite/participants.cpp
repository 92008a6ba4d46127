// The SQLite backend: the participants table, and its row mapping (the one place that reads and binds a
// participant's columns; every query that returns people selects PARTICIPANT_COLUMNS).
#include "sqlite_store.hpp"

namespace asnbelajar::store::sqlite {
namespace {

// Copies a column into `out` without giving up its capacity (NULL reads as empty).
void assign_text(std::string& out, const SQLite::Column& c) {
    out.assign(text_view(c));
}

std::optional<Participant> one(SQLite::Statement& st) {
    if (!st.executeStep()) return std::nullopt;
    return read_participant(st);
}

} // namespace

std::string_view text_view(const SQLite::Column& c) {
    const char* text = c.getText(nullptr);
    return text ? std::string_view(text, static_cast<std::size_t>(c.getBytes())) : std::string_view();
}

void read_participant(SQLite::Statement& st, int first, Participant& out) {
    out.id = st.getColumn(first).getInt64();
    assign_text(out.nip, st.getColumn(first + 1));
    assign_text(out.name, st.getColumn(first + 2));
    assign_text(out.email, st.getColumn(first + 3));
    assign_text(out.phone, st.getColumn(first + 4));
    assign_text(out.agency, st.getColumn(first + 5));
    assign_text(out.unit, st.getColumn(first + 6));
    assign_text(out.position, st.getColumn(first + 7));
    assign_text(out.grade, st.getColumn(first + 8));
}

Participant read_participant(SQLite::Statement& st, int first) {
    Participant p;
    read_participant(st, first, p);
    return p;
}

void bind_participant_fields(SQLite::Statement& st, const Participant& p) {
    // Not copied: `p` outlives the statement's execution, and stmt() clears the bindings before reuse.
    const auto text_or_null = [&st](int index, const std::string& value) {
        if (value.empty())
            st.bind(index);
        else
            st.bindNoCopy(index, value);
    };
    text_or_null(1, p.nip);
    st.bindNoCopy(2, p.name);
    text_or_null(3, p.email);
    text_or_null(4, p.phone);
    text_or_null(5, p.agency);
    text_or_null(6, p.unit);
    text_or_null(7, p.position);
    text_or_null(8, p.grade);
}

bool SqliteStore::load_participant(Id id, Participant& out) const {
    auto& st = stmt("SELECT " PARTICIPANT_COLUMNS " FROM participants p WHERE p.id = ?");
    st.bind(1, id);
    if (!st.executeStep()) return false;
    read_participant(st, 0, out);
    return true;
}

std::optional<Participant> SqliteStore::participant_by_id(Id id) const try {
    Participant p;
    if (!load_participant(id, p)) return std::nullopt;
    return p;
} catch (const SQLite::Exception& e) {
    fail(e);
}

// Both lookups are answered by the unique indexes participants_nip and participants_email (EXPLAIN QUERY PLAN:
// "SEARCH participants USING INDEX participants_nip (nip=?)"): the values are bound as text, like the stored
// ones.
std::optional<Participant> SqliteStore::participant_by_nip(const std::string& nip) const try {
    auto& st = stmt("SELECT " PARTICIPANT_COLUMNS " FROM participants p WHERE p.nip = ?");
    st.bind(1, nip);
    return one(st);
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::optional<Participant> SqliteStore::participant_by_email(const std::string& email) const try {
    auto& st = stmt("SELECT " PARTICIPANT_COLUMNS " FROM participants p WHERE p.email = ?");
    st.bind(1, email);
    return one(st);
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::optional<Participant> SqliteStore::participant_by_phone(const std::string& phone) const try {
    auto& st =
        stmt("SELECT " PARTICIPANT_COLUMNS " FROM participants p WHERE p.phone = ? ORDER BY p.id LIMIT 1");
    st.bind(1, phone);
    return one(st);
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::vector<Participant> SqliteStore::list_participants(const std::string& agency,
                                                        const std::string& search) const try {
    // instr() rather than LIKE: the search text is data, never a pattern.
    auto& st = stmt("SELECT " PARTICIPANT_COLUMNS " FROM participants p "
                    "WHERE (?1 = '' OR p.agency = ?1) AND (?2 = '' OR instr(lower(p.name), lower(?2)) > 0 "
                    "OR instr(p.nip, ?2) > 0 OR instr(p.email, lower(?2)) > 0) ORDER BY p.name, p.id");
    st.bind(1, agency);
    st.bind(2, search);
    std::vector<Participant> out;
    while (st.executeStep())
        out.push_back(read_participant(st));
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::each_participant_name(
    const std::function<void(Id, std::string_view, std::string_view, std::string_view)>& each) const try {
    // A statement of its own, stepped row by row: SQLite holds one page at a time, and the read ends with it.
    // A NULL NIP or e-mail reads as "" (text_view).
    SQLite::Statement st(db_, "SELECT id, name, nip, email FROM participants");
    while (st.executeStep())
        each(st.getColumn(0).getInt64(), text_view(st.getColumn(1)), text_view(st.getColumn(2)),
             text_view(st.getColumn(3)));
} catch (const SQLite::Exception& e) {
    fail(e);
}

Id SqliteStore::max_participant_id() const try {
    return db_.execAndGet("SELECT coalesce(max(id), 0) FROM participants").getInt64();
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::each_participant_key(
    const std::function<void(Id, std::string_view, std::string_view)>& each) const try {
    SQLite::Statement st(db_, "SELECT id, nip, email FROM participants");
    while (st.executeStep())
        each(st.getColumn(0).getInt64(), text_view(st.getColumn(1)), text_view(st.getColumn(2)));
} catch (const SQLite::Exception& e) {
    fail(e);
}

} // namespace asnbelajar::store::sqlite
