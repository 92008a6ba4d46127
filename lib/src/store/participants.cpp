// Store: the participants table.
#include "store_impl.hpp"

#include <ctime>

namespace asnbelajar::store {
namespace {

#define PARTICIPANT_COLUMNS "id, nip, name, email, phone, agency, unit, position, grade"

std::optional<Participant> one(SQLite::Statement& st) {
    if (!st.executeStep()) return std::nullopt;
    return read_participant(st);
}

} // namespace

Participant read_participant(SQLite::Statement& st) {
    Participant p;
    p.id = st.getColumn(0).getInt64();
    p.nip = text_or_empty(st.getColumn(1));
    p.name = text_or_empty(st.getColumn(2));
    p.email = text_or_empty(st.getColumn(3));
    p.phone = text_or_empty(st.getColumn(4));
    p.agency = text_or_empty(st.getColumn(5));
    p.unit = text_or_empty(st.getColumn(6));
    p.position = text_or_empty(st.getColumn(7));
    p.grade = text_or_empty(st.getColumn(8));
    return p;
}

void bind_participant_fields(SQLite::Statement& st, const Participant& p) {
    // Not copied: `p` outlives the statement's execution, and Impl::stmt() clears the bindings before reuse.
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

std::optional<Participant> Store::participant_by_id(Id id) const try {
    auto& st = impl_->stmt("SELECT " PARTICIPANT_COLUMNS " FROM participants WHERE id = ?");
    st.bind(1, id);
    return one(st);
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

std::optional<Participant> Store::participant_by_nip(const std::string& nip) const try {
    auto& st = impl_->stmt("SELECT " PARTICIPANT_COLUMNS " FROM participants WHERE nip = ?");
    st.bind(1, nip);
    return one(st);
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

std::optional<Participant> Store::participant_by_email(const std::string& email) const try {
    auto& st = impl_->stmt("SELECT " PARTICIPANT_COLUMNS " FROM participants WHERE email = ?");
    st.bind(1, email);
    return one(st);
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

std::optional<Participant> Store::participant_by_phone(const std::string& phone) const try {
    auto& st =
        impl_->stmt("SELECT " PARTICIPANT_COLUMNS " FROM participants WHERE phone = ? ORDER BY id LIMIT 1");
    st.bind(1, phone);
    return one(st);
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

Id Store::insert_participant(const Participant& p) try {
    auto& st = impl_->stmt("INSERT INTO participants(nip, name, email, phone, agency, unit, position, grade, "
                           "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?9)");
    bind_participant_fields(st, p);
    st.bind(9, static_cast<std::int64_t>(std::time(nullptr)));
    st.exec();
    return impl_->db.getLastInsertRowid();
} catch (const SQLite::Exception& e) {
    impl_->fail(e, {{Constraint::participant_nip, p.nip}, {Constraint::participant_email, p.email}});
}

void Store::update_participant(const Participant& p) try {
    auto& st =
        impl_->stmt("UPDATE participants SET nip = ?, name = ?, email = ?, phone = ?, agency = ?, unit = ?, "
                    "position = ?, grade = ?, updated = ? WHERE id = ?");
    bind_participant_fields(st, p);
    st.bind(9, static_cast<std::int64_t>(std::time(nullptr)));
    st.bind(10, p.id);
    st.exec();
} catch (const SQLite::Exception& e) {
    impl_->fail(e, {{Constraint::participant_nip, p.nip}, {Constraint::participant_email, p.email}});
}

std::vector<Participant> Store::list_participants(const std::string& agency, const std::string& search) const
    try {
    // instr() rather than LIKE: the search text is data, never a pattern.
    auto& st = impl_->stmt("SELECT " PARTICIPANT_COLUMNS " FROM participants "
                           "WHERE (?1 = '' OR agency = ?1) AND (?2 = '' OR instr(lower(name), lower(?2)) > 0 "
                           "OR instr(nip, ?2) > 0 OR instr(email, lower(?2)) > 0) ORDER BY name, id");
    st.bind(1, agency);
    st.bind(2, search);
    std::vector<Participant> out;
    while (st.executeStep())
        out.push_back(read_participant(st));
    return out;
} catch (const SQLite::Exception& e) {
    impl_->fail(e);
}

} // namespace asnbelajar::store
