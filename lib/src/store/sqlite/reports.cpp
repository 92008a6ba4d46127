// The SQLite backend: the read-only queries behind the reports.
#include "sqlite_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <tuple>

namespace asnbelajar::store::sqlite {

std::vector<RosterRow> SqliteStore::session_roster(Id session) const try {
    // Everyone with an enrollment row, plus anyone present without one.
    auto& st = stmt(
        "SELECT " PARTICIPANT_COLUMNS ", e.status, a.minutes, a.self_declared, a.outcome, c.number, "
        "r.survey, r.posttest "
        "FROM (SELECT participant_id FROM enrollments WHERE session_id = ?1 "
        "      UNION SELECT participant_id FROM attendance WHERE session_id = ?1) k "
        "JOIN participants p ON p.id = k.participant_id "
        "LEFT JOIN enrollments e ON e.session_id = ?1 AND e.participant_id = p.id "
        "LEFT JOIN attendance a ON a.session_id = ?1 AND a.participant_id = p.id "
        "LEFT JOIN certificates c ON c.session_id = ?1 AND c.participant_id = p.id AND c.revoked IS NULL "
        // Each person's results: whether any survey attempt is recorded, and the best post-test score.
        "LEFT JOIN (SELECT participant_id, max(CASE WHEN kind = 'survey' THEN 1 ELSE 0 END) AS survey, "
        "                  max(CASE WHEN kind = 'posttest' THEN score END) AS posttest "
        "           FROM results WHERE session_id = ?1 GROUP BY participant_id) r ON r.participant_id = p.id "
        "ORDER BY CASE e.status WHEN 'enrolled' THEN 0 WHEN 'walk-in' THEN 1 WHEN 'waitlisted' THEN 2 ELSE 3 END, "
        "e.arrival, p.id");
    st.bind(1, session);
    std::vector<RosterRow> out;
    while (st.executeStep()) {
        RosterRow r;
        r.person = read_participant(st);
        read_presence(st, 9, r);
        r.survey = !st.getColumn(14).isNull() && st.getColumn(14).getInt() != 0;
        if (!st.getColumn(15).isNull()) r.posttest = st.getColumn(15).getInt();
        out.push_back(std::move(r));
    }
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::vector<AgencyCount> SqliteStore::agency_attendance(Id session) const try {
    auto& st = stmt("SELECT coalesce(p.agency, ''), count(*) FROM attendance a "
                    "JOIN participants p ON p.id = a.participant_id "
                    "WHERE a.session_id = ? AND a.outcome = 'attended' GROUP BY 1");
    st.bind(1, session);
    std::vector<AgencyCount> out;
    while (st.executeStep())
        out.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt()});
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

// --- certificates and yearly reports ---
namespace {

// A set of ids as one bound parameter: a JSON array that the query opens with json_each().
std::string id_array(const std::vector<Id>& ids) {
    std::string out = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(ids[i]);
    }
    return out + "]";
}

} // namespace

std::vector<CertificateRow> SqliteStore::live_certificates(const std::vector<Id>& sessions) const try {
    auto& st = stmt("SELECT c.number, c.seq, c.session_id, " PARTICIPANT_COLUMNS ", "
                    "EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = c.session_id "
                    "AND a.participant_id = c.participant_id AND a.outcome = 'attended') "
                    "FROM json_each(?) j "
                    "JOIN sessions s ON s.id = j.value "
                    "JOIN certificates c ON c.session_id = s.id AND c.revoked IS NULL "
                    "JOIN participants p ON p.id = c.participant_id "
                    "ORDER BY s.start, s.id, c.seq");
    st.bind(1, id_array(sessions));
    std::vector<CertificateRow> out;
    while (st.executeStep())
        out.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt64(), st.getColumn(2).getInt64(),
                       read_participant(st, 3), st.getColumn(12).getInt() != 0});
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::vector<SessionTime> SqliteStore::session_times(std::int64_t from, std::int64_t to) const try {
    auto& st = stmt("SELECT id, start, tz, status FROM sessions WHERE start >= ? AND start < ? "
                    "ORDER BY start, id");
    st.bind(1, from);
    st.bind(2, to);
    std::vector<SessionTime> out;
    while (st.executeStep())
        out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getString(),
                       st.getColumn(3).getString() == "cancelled" ? SessionStatus::cancelled
                                                                  : SessionStatus::scheduled});
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::vector<SessionRate> SqliteStore::attendance_rates(const std::vector<Id>& sessions) const try {
    std::vector<SessionRate> out;
    out.reserve(sessions.size());
    for (Id id : sessions) {
        SessionTotals t;
        t.session.id = id;
        count_session(t, false);
        out.push_back({id, t.enrolled, t.attended_enrolled, t.recorded});
    }
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

std::vector<HistoryRow> SqliteStore::participant_history(Id participant) const try {
    auto& st = stmt(
        "SELECT s.id, e.status, a.minutes, a.self_declared, a.outcome, c.number "
        "FROM (SELECT session_id FROM enrollments WHERE participant_id = ?1 "
        "      UNION SELECT session_id FROM attendance WHERE participant_id = ?1) k "
        "JOIN sessions s ON s.id = k.session_id "
        "LEFT JOIN enrollments e ON e.session_id = s.id AND e.participant_id = ?1 "
        "LEFT JOIN attendance a ON a.session_id = s.id AND a.participant_id = ?1 "
        "LEFT JOIN certificates c ON c.session_id = s.id AND c.participant_id = ?1 AND c.revoked IS NULL "
        "ORDER BY s.start, s.id");
    st.bind(1, participant);
    std::vector<HistoryRow> out;
    while (st.executeStep()) {
        HistoryRow r;
        r.session = st.getColumn(0).getInt64();
        read_presence(st, 1, r);
        out.push_back(std::move(r));
    }
    return out;
} catch (const SQLite::Exception& e) {
    fail(e);
}

Tallies SqliteStore::tally_participation(const std::vector<Id>& sessions) const try {
    // Each session's enrollment and attendance rows are read once, in key order, and tallied per person here:
    // SQLite need not group 20 million rows of a national year, nor look each person up once per row.
    // Participant ids are dense (INTEGER PRIMARY KEY from 1): the tallies are indexed by id.
    Tallies tallies(max_participant_id());
    auto& jp_st = stmt("SELECT jp_tenths FROM sessions WHERE id = ?");
    auto& e = stmt("SELECT participant_id FROM enrollments WHERE session_id = ?");
    auto& a = stmt("SELECT participant_id, outcome = 'attended' FROM attendance WHERE session_id = ?");
    std::vector<Id> chosen = sessions;
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    for (Id session : chosen) {
        jp_st.tryReset();
        jp_st.bind(1, session);
        if (!jp_st.executeStep()) continue;
        const std::int64_t jp = jp_st.getColumn(0).getInt64();
        e.tryReset();
        e.bind(1, session);
        while (e.executeStep())
            tallies.add(e.getColumn(0).getInt64());
        a.tryReset();
        a.bind(1, session);
        while (a.executeStep()) {
            // The row's outcome is 'attended' or 'partial' (schema CHECK); JP by the one rule of model.hpp.
            const bool attended = a.getColumn(1).getInt() != 0;
            tallies.add(
                a.getColumn(0).getInt64(), attended,
                jp_earned_tenths(attended ? AttendanceOutcome::attended : AttendanceOutcome::partial, jp));
        }
    }
    jp_st.tryReset();
    e.tryReset();
    a.tryReset();
    return tallies;
} catch (const SQLite::Exception& e) {
    fail(e);
}

void SqliteStore::each_person_year(const Tallies& people, PersonDetail detail,
                                   const std::function<void(PersonYear&)>& row) const try {
    const bool full = detail == PersonDetail::report;
    PersonYear y;
    auto take = [&](SQLite::Statement& st) {
        const Id id = st.getColumn(0).getInt64();
        if (!people.contains(id)) return;
        y.person.id = id;
        y.person.agency = text_or_empty(st.getColumn(1));
        y.person.nip = text_or_empty(st.getColumn(2));
        if (full) {
            y.person.name = text_or_empty(st.getColumn(3));
            y.person.unit = text_or_empty(st.getColumn(4));
        }
        std::tie(y.attended, y.jp_tenths) = people.get(id);
        row(y);
    };
    if (!full) {
        // No order: one pass over the table when the people are most of the roster, else a lookup each.
        if (people.people() * 8 >= static_cast<std::size_t>(std::max<Id>(max_participant_id(), 0))) {
            auto& all = stmt("SELECT id, agency, nip FROM participants");
            all.tryReset();
            while (all.executeStep())
                take(all);
            all.tryReset();
            return;
        }
        auto& one = stmt("SELECT id, agency, nip FROM participants WHERE id = ?");
        people.each([&](Id id, int, std::int64_t) {
            one.tryReset();
            one.bind(1, id);
            if (one.executeStep()) take(one);
        });
        one.tryReset();
        return;
    }
    // By agency (none as ""), name, id, in byte order (the BINARY collation). SQLite filters the table with
    // asnb_wanted(id), which asks `people`, and sorts only the wanted rows; its sorter spills to temporary files
    // beyond the page cache, so memory stays bounded however many people the year had.
    if (!wanted_registered_) {
        db_.createFunction("asnb_wanted", 1, false, const_cast<SqliteStore*>(this),
                           [](sqlite3_context* ctx, int, sqlite3_value** argv) {
                               auto* self = static_cast<const SqliteStore*>(sqlite3_user_data(ctx));
                               const bool in =
                                   self->wanted_ && self->wanted_->contains(sqlite3_value_int64(argv[0]));
                               sqlite3_result_int(ctx, in ? 1 : 0);
                           });
        wanted_registered_ = true;
    }
    struct Wanted {
        const SqliteStore& store;
        ~Wanted() { store.wanted_ = nullptr; }
    } reset{*this};
    wanted_ = &people;
    auto& sorted = stmt("SELECT id, agency, nip, name, unit FROM participants WHERE asnb_wanted(id) "
                        "ORDER BY coalesce(agency, ''), name, id");
    sorted.tryReset();
    try {
        while (sorted.executeStep())
            take(sorted);
    } catch (...) {
        sorted.tryReset();
        throw;
    }
    sorted.tryReset();
} catch (const SQLite::Exception& e) {
    fail(e);
}

} // namespace asnbelajar::store::sqlite
