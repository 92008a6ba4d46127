// The SQLite backend: the read-only queries behind the reports.
#include "sqlite_store.hpp"

#include <algorithm>
#include <unordered_map>

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

std::vector<PersonYear> SqliteStore::participation(const std::vector<Id>& sessions, PersonDetail detail) const
    try {
    // Each session's enrollment and attendance rows are read once, in key order, and tallied per person here:
    // SQLite need not group 20 million rows of a national year, nor look each person up once per row.
    // Participant ids are dense (INTEGER PRIMARY KEY from 1): the tallies are indexed by id when the largest id
    // is moderate, else kept in a hash map.
    struct Tally {
        bool in = false;
        int attended = 0;
        std::int64_t jp = 0;
    };
    const Id max_id = max_participant_id();
    constexpr Id dense_limit = 16 * 1024 * 1024; // 256 MiB of tallies at most
    std::vector<Tally> dense;
    std::unordered_map<Id, Tally> sparse;
    const bool use_dense = max_id >= 0 && max_id <= dense_limit;
    if (use_dense) dense.resize(static_cast<std::size_t>(max_id) + 1);
    auto tally = [&](Id id) -> Tally& {
        if (use_dense && id >= 0 && id <= max_id) return dense[static_cast<std::size_t>(id)];
        return sparse[id];
    };
    std::size_t people = 0;
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
        while (e.executeStep()) {
            Tally& t = tally(e.getColumn(0).getInt64());
            people += !t.in;
            t.in = true;
        }
        a.tryReset();
        a.bind(1, session);
        while (a.executeStep()) {
            Tally& t = tally(a.getColumn(0).getInt64());
            people += !t.in;
            t.in = true;
            // The row's outcome is 'attended' or 'partial' (schema CHECK); JP by the one rule of model.hpp.
            const bool attended = a.getColumn(1).getInt() != 0;
            t.attended += attended ? 1 : 0;
            t.jp += jp_earned_tenths(attended ? AttendanceOutcome::attended : AttendanceOutcome::partial, jp);
        }
    }

    std::vector<PersonYear> out;
    out.reserve(people);
    const bool full = detail == PersonDetail::report;
    auto take = [&](SQLite::Statement& st) {
        Tally& t = tally(st.getColumn(0).getInt64());
        if (!t.in) return;
        t.in = false; // once
        PersonYear y;
        y.person.id = st.getColumn(0).getInt64();
        y.person.agency = text_or_empty(st.getColumn(1));
        y.person.nip = text_or_empty(st.getColumn(2));
        if (full) {
            y.person.name = text_or_empty(st.getColumn(3));
            y.person.unit = text_or_empty(st.getColumn(4));
        }
        y.attended = t.attended;
        y.jp_tenths = t.jp;
        out.push_back(std::move(y));
    };
    if (people * 8 >= static_cast<std::size_t>(max_id)) {
        // Most of the roster: one pass over the table beats a lookup per person.
        auto& all = full ? stmt("SELECT id, agency, nip, name, unit FROM participants")
                         : stmt("SELECT id, agency, nip FROM participants");
        while (all.executeStep())
            take(all);
    } else {
        auto& one = full ? stmt("SELECT id, agency, nip, name, unit FROM participants WHERE id = ?")
                         : stmt("SELECT id, agency, nip FROM participants WHERE id = ?");
        auto visit = [&](Id id) {
            one.tryReset();
            one.bind(1, id);
            if (one.executeStep()) take(one);
        };
        if (use_dense)
            for (Id id = 0; id <= max_id; ++id) {
                if (dense[static_cast<std::size_t>(id)].in) visit(id);
            }
        std::vector<Id> rest;
        for (const auto& [id, t] : sparse)
            if (t.in) rest.push_back(id);
        std::sort(rest.begin(), rest.end());
        for (Id id : rest)
            visit(id);
    }
    if (!full) return out;
    // By agency (none as ""), name, id, in byte order as SQLite's BINARY collation. The few agencies are ranked
    // first, so that a million people are sorted on a number and their name.
    std::unordered_map<std::string_view, std::uint32_t> rank_of;
    for (const PersonYear& y : out)
        rank_of.emplace(y.person.agency, 0);
    std::vector<std::string_view> agencies;
    agencies.reserve(rank_of.size());
    for (const auto& [agency, rank] : rank_of)
        agencies.push_back(agency);
    std::sort(agencies.begin(), agencies.end());
    for (std::size_t i = 0; i < agencies.size(); ++i)
        rank_of[agencies[i]] = static_cast<std::uint32_t>(i);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> order; // (agency rank, position in out)
    order.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        order.emplace_back(rank_of.at(out[i].person.agency), static_cast<std::uint32_t>(i));
    std::sort(order.begin(), order.end(), [&out](const auto& x, const auto& y) {
        if (x.first != y.first) return x.first < y.first;
        const Participant& p = out[x.second].person;
        const Participant& q = out[y.second].person;
        if (int c = p.name.compare(q.name)) return c < 0;
        return p.id < q.id;
    });
    std::vector<PersonYear> sorted;
    sorted.reserve(out.size());
    for (const auto& [rank, i] : order)
        sorted.push_back(std::move(out[i]));
    return sorted;
} catch (const SQLite::Exception& e) {
    fail(e);
}

} // namespace asnbelajar::store::sqlite
