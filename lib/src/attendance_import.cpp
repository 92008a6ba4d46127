#include "asnbelajar/attendance_import.hpp"

#include "asnbelajar/attendance.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/names.hpp"
#include "asnbelajar/nip.hpp"
#include "asnbelajar/normalize.hpp"
#include "asnbelajar/participant.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace asnbelajar {
namespace {

// The identities a row can be matched by.
using Identity = store::ParticipantKeys;

// A row without NIP, e-mail or phone may carry a NIP in its name: "Nanda Putra - [NIP.199202022020121002]".
Identity identity_of(const sources::ExportRecord& r, Date today) {
    Identity id;
    if (std::string digits = nip_digits(r.nip); digits.size() == 18) id.nip = std::move(digits);
    if (Normalized e = normalize_email(r.email); e.ok) id.email = std::move(e.value);
    if (Normalized p = normalize_phone(r.phone); p.ok) id.phone = std::move(p.value);
    if (id.empty())
        if (std::string nip = nip_in_name(r.name); !nip.empty() && check_nip(nip, today).ok)
            id.nip = std::move(nip);
    return id;
}

// A row's cleaned name -> its participant, or nothing with the reason (rows that carry a name only).
using NameAnswers = std::unordered_map<std::string, std::pair<std::optional<Id>, std::string>>;

// Answers every name of `names` by name_key (AttendanceImportOptions::match_names): among the session's enrolled
// people first, then among all participants, whose names are read once, a batch at a time, keeping only those a
// name asks for (a store of a million people is walked, never held in memory). Both sides of the comparison
// are name_key()s computed here, so that accents, letter case, titles and word order never decide.
void match_names(const store::Store& store, const Session& session, NameAnswers& names) {
    struct Named {
        Id id;
        std::string label; // NIP, else e-mail, else "participant ID"
    };
    auto named = [](Id id, std::string_view nip, std::string_view email) {
        return Named{id, !nip.empty()     ? std::string(nip)
                         : !email.empty() ? std::string(email)
                                          : tr("participant {}", id)};
    };
    std::unordered_multimap<std::string, Named> enrolled, everyone;
    for (const store::RosterRow& row : store.session_roster(session.id))
        if (row.enrollment && *row.enrollment != EnrollmentStatus::cancelled)
            if (std::string key = name_key(row.person.name); !key.empty())
                enrolled.emplace(std::move(key), named(row.person.id, row.person.nip, row.person.email));
    std::vector<std::pair<std::string, NameAnswers::mapped_type*>> asked; // each name's key and its answer
    std::unordered_set<std::string> wanted;                               // the keys no enrolled person has
    for (auto& [name, answer] : names) {
        const std::string& key = asked.emplace_back(name_key(name), &answer).first;
        if (!key.empty() && !enrolled.contains(key)) wanted.insert(key);
    }
    if (!wanted.empty())
        store.each_participant_name(
            [&](Id id, std::string_view name, std::string_view nip, std::string_view email) {
                if (auto it = wanted.find(name_key(name)); it != wanted.end())
                    everyone.emplace(*it, named(id, nip, email));
            });
    // One candidate is the answer; several are listed for the admin to choose.
    auto unique = [](auto range, bool among_enrolled, std::string& why) -> std::optional<Id> {
        std::vector<std::string> who;
        for (auto i = range.first; i != range.second; ++i)
            who.push_back(i->second.label);
        if (who.size() == 1) return range.first->second.id;
        std::sort(who.begin(), who.end());
        const std::string list = fmt::format("{}", fmt::join(who, ", "));
        why = among_enrolled
                  ? tr("the name matches {} people enrolled in the session ({}); match the row by hand",
                       who.size(), list)
                  : tr("the name matches {} participants ({}); match the row by hand", who.size(), list);
        return std::nullopt;
    };
    for (const auto& [key, answer] : asked) {
        auto& [id, why] = *answer;
        if (key.empty())
            why = _("no NIP, e-mail or phone, and no name to match");
        else if (auto mine = enrolled.equal_range(key); mine.first != mine.second)
            id = unique(mine, true, why);
        else if (auto all = everyone.equal_range(key); all.first != all.second)
            id = unique(all, false, why);
        else
            why = _("no participant with this name");
    }
}

// The participant of each row (NIP, then e-mail, then phone), or nothing; one store call for the export, asking
// once per distinct identity (a person's rows repeat it). The identities go in NIP (then e-mail, then phone)
// order, so that the index pages are read in order, each once, instead of at random (the 20,000 people of an
// export among a store's 1,000,000); equal identities are then neighbours and share the answer.
std::vector<std::optional<Id>> match_all(const store::Store& store, const std::vector<Identity>& ids) {
    std::vector<std::size_t> order;
    order.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (!ids[i].empty()) order.push_back(i);
    const auto key = [&ids](std::size_t i) { return std::tie(ids[i].nip, ids[i].email, ids[i].phone); };
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    std::vector<Identity> distinct;
    std::vector<std::size_t> which(ids.size()); // row → its identity in `distinct`
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (k == 0 || key(order[k - 1]) != key(order[k])) distinct.push_back(ids[order[k]]);
        which[order[k]] = distinct.size() - 1;
    }
    const std::vector<std::optional<Id>> found = store.participants_matching(distinct);
    std::vector<std::optional<Id>> out(ids.size());
    for (std::size_t i : order)
        out[i] = found[which[i]];
    return out;
}

AttendanceMark mark_of(const sources::ExportRecord& r, const std::string& source, const std::string& batch) {
    AttendanceMark m;
    m.source = source;
    m.batch = batch;
    if (r.join && r.leave) {
        m.kind = r.seconds ? MarkKind::span : MarkKind::interval;
        m.join = *r.join;
        m.leave = *r.leave;
        m.seconds = r.seconds.value_or(0);
    } else if (r.seconds) {
        m.kind = MarkKind::duration;
        m.seconds = *r.seconds;
    } else {
        m.kind = MarkKind::self;
    }
    return m;
}

std::string describe_counts(const sources::ExportData& d) {
    std::vector<std::string> parts;
    if (d.staff_rows) parts.push_back(tr("{} of hosts, panelists or organizers", d.staff_rows));
    if (d.no_shows) parts.push_back(tr("{} of people who did not attend", d.no_shows));
    std::string s = trn("{} row read", "{} rows read", d.rows, d.rows);
    if (!parts.empty()) s += fmt::format(": {}", fmt::join(parts, ", "));
    for (const std::string& n : d.notes)
        s += fmt::format("; {}", n);
    return s;
}

// Refuses an export that cannot be this session's: it has times, and none of them meets the session's window.
void require_overlap(const sources::ExportData& d, const Session& session) {
    const std::int64_t begin = session.start, end = session.start + std::int64_t{session.minutes} * 60;
    std::optional<UnixSeconds> first, last;
    for (const sources::ExportRecord& r : d.records) {
        if (!r.join || !r.leave) continue;
        if (*r.join<end&& * r.leave> begin) return;
        first = std::min(first.value_or(*r.join), *r.join);
        last = std::max(last.value_or(*r.leave), *r.leave);
    }
    if (!first) return;
    const Zone zone = find_zone(session.tz);
    throw Error(tr("{}: none of its joins meets session {} ({} to {}): they run from {} to {}; is it the "
                   "right session, and the right --tz?",
                   d.name, session.code, format_datetime_offset(begin, zone),
                   format_datetime_offset(end, zone), format_datetime_offset(*first, zone),
                   format_datetime_offset(*last, zone)));
}

// A participant for an unmatched person, from the export's name, e-mail, phone and NIP (dropped when invalid).
std::optional<Participant> new_participant(const sources::ExportRecord& r, Date today, std::string& why) {
    Participant p;
    p.name = r.name;
    p.email = r.email;
    p.phone = r.phone;
    // Only what is valid: a mangled NIP or a bad phone must not keep the person out.
    if (NipCheck c = check_nip(r.nip, today); c.ok) p.nip = c.nip;
    if (!normalize_email(r.email).ok) p.email.clear();
    if (!normalize_phone(r.phone).ok) p.phone.clear();
    std::vector<FieldProblem> problems = normalize_participant(p, today);
    if (problems.empty()) return p;
    why = tr("cannot create a participant: {} {}", problems.front().column, problems.front().reason);
    return std::nullopt;
}

// Unmatched rows of one identity (see import_attendance), and the participant found or created for them.
struct Group {
    std::vector<std::size_t> rows;
    std::string reason; // why the rows stay unmatched
    std::optional<Id> person;
};

// --create-unknown: a participant for each group of unmatched rows, from the row of the group that says most
// about the person, unless one created for an earlier group is this one too (rows with and without a NIP);
// written in one batch. Calls add(person, record) for each row of each group that has a participant now.
template <class Add>
void create_participants(store::Store& store, const sources::ExportData& data,
                         const std::vector<Identity>& identities, std::vector<Group>& groups, Date today,
                         AttendanceImportResult& result, Add&& add) {
    // The new participant of each group, if its rows make a valid one. None holds a NIP, e-mail or phone of a
    // stored participant: a row with one was matched to them (participants_matching); only a participant this
    // import creates for an earlier group can have one of them (below).
    std::vector<std::optional<Participant>> candidates(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const sources::ExportRecord* best = &data.records[groups[g].rows.front()];
        for (std::size_t i : groups[g].rows)
            if (data.records[i].name.size() > best->name.size()) best = &data.records[i];
        candidates[g] = new_participant(*best, today, groups[g].reason);
    }
    std::vector<Participant> created;
    std::vector<std::size_t> creator(groups.size(), SIZE_MAX); // group → index in `created`
    // The keys of the created participants (views of `candidates`, which does not move).
    using Keys = std::unordered_map<std::string_view, std::size_t>;
    Keys by_email, by_phone;
    const auto created_with = [](const Keys& keys, const std::string& key) {
        auto it = key.empty() ? keys.end() : keys.find(key);
        return it == keys.end() ? SIZE_MAX : it->second;
    };
    for (std::size_t g = 0; g < groups.size(); ++g) {
        // A participant created for an earlier group may be this one too: e-mail, then phone (not NIP: no two
        // groups have one NIP).
        const Identity& id = identities[groups[g].rows.front()];
        creator[g] = created_with(by_email, id.email);
        if (creator[g] == SIZE_MAX) creator[g] = created_with(by_phone, id.phone);
        if (creator[g] != SIZE_MAX || !candidates[g]) continue;
        const Participant& p = *candidates[g];
        if (!p.email.empty() && by_email.count(p.email)) {
            groups[g].reason =
                tr("cannot create a participant: e-mail {} already belongs to another participant", p.email);
            continue;
        }
        creator[g] = created.size();
        created.push_back(p);
        if (!p.email.empty()) by_email.emplace(p.email, creator[g]);
        if (!p.phone.empty()) by_phone.emplace(p.phone, creator[g]); // the first: the lowest id
    }
    store.write_participants({}, created);
    result.created = created.size();
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (creator[g] == SIZE_MAX) continue;
        groups[g].person = created[creator[g]].id;
        for (std::size_t i : groups[g].rows)
            add(*groups[g].person, data.records[i]);
    }
}

constexpr std::uint64_t fnv_basis = 0xcbf29ce484222325ULL, fnv_prime = 0x100000001b3ULL;

std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
    for (unsigned char c : s)
        h = (h ^ c) * fnv_prime;
    return (h ^ 0xff) * fnv_prime; // a separator, so that "ab","c" and "a","bc" differ
}

// A number's eight bytes, least significant first (the same digest on every machine); -1 stands for none.
std::uint64_t fnv1a(std::uint64_t h, std::optional<std::int64_t> v) {
    auto bits = static_cast<std::uint64_t>(v.value_or(-1));
    for (int i = 0; i < 8; ++i, bits >>= 8)
        h = (h ^ (bits & 0xff)) * fnv_prime;
    return h;
}

} // namespace

std::string export_digest(const sources::ExportData& data) {
    std::vector<std::uint64_t> rows;
    rows.reserve(data.records.size());
    for (const sources::ExportRecord& r : data.records) {
        std::uint64_t h = fnv_basis;
        for (const std::string* s : {&r.nip, &r.email, &r.phone, &r.name})
            h = fnv1a(h, std::string_view(*s));
        for (const std::optional<std::int64_t>& v : {r.join, r.leave, r.seconds})
            h = fnv1a(h, v);
        rows.push_back(h);
    }
    std::sort(rows.begin(), rows.end());
    std::uint64_t h = fnv_basis;
    for (std::uint64_t row : rows)
        h = fnv1a(h, std::optional<std::int64_t>(static_cast<std::int64_t>(row)));
    return fmt::format("{:016x}", h);
}

AttendanceImportResult import_attendance(store::Store& store, const Session& session,
                                         const sources::ExportData& data, const AttendanceImportOptions& opts,
                                         const ProgressFn& progress) {
    require_open_for_attendance(session);
    if (data.records.empty() && !opts.allow_empty)
        throw Error(tr("{}: no attendee rows ({}); pass --allow-empty if that is right", data.name,
                       describe_counts(data)));
    require_overlap(data, session);

    std::vector<Identity> identities;
    identities.reserve(data.records.size());
    for (const sources::ExportRecord& r : data.records)
        identities.push_back(identity_of(r, opts.today));
    if (data.names_only && !opts.match_names &&
        std::any_of(identities.begin(), identities.end(), [](const Identity& id) { return id.empty(); }))
        throw Error(tr(
            "{}: a {} names people only (no NIP, e-mail or phone column), so its rows can be matched to "
            "participants by name only; pass --match-names to do that (a name matches when it is unique among "
            "the session's enrolled people, else among all participants; titles such as Dr., S.Pd., Hj. and "
            "letter case are ignored). Nothing was recorded",
            data.name, _(data.source->label)));

    AttendanceImportResult result;
    const std::string batch = export_digest(data);
    const std::string source(data.source->name);
    if (opts.replace) store.clear_session_attendance(session.id);
    std::vector<Id> earlier = store.delete_batch_marks(session.id, batch);
    result.reimport = !earlier.empty();

    // Rows grouped per person, people in order of first appearance.
    std::vector<std::optional<Id>> matched = match_all(store, identities);
    // Rows named only: by name, when asked; else they go unmatched with the reason.
    std::vector<std::string> name_reasons(data.records.size());
    if (opts.match_names) {
        // Rows repeat names: each name is looked up once.
        NameAnswers by_name;
        for (std::size_t i = 0; i < data.records.size(); ++i)
            if (identities[i].empty()) by_name.try_emplace(clean_text(data.records[i].name));
        if (!by_name.empty()) match_names(store, session, by_name);
        for (std::size_t i = 0; i < data.records.size(); ++i)
            if (identities[i].empty())
                std::tie(matched[i], name_reasons[i]) = by_name.at(clean_text(data.records[i].name));
    }
    std::unordered_map<Id, std::size_t> index_of;
    std::vector<PersonMarks> people;
    auto add = [&](Id person, const sources::ExportRecord& r) {
        auto [it, fresh] = index_of.try_emplace(person, people.size());
        if (fresh) people.push_back({person, {}});
        people[it->second].marks.push_back(mark_of(r, source, batch));
    };
    // Unmatched rows grouped per identity (the first of NIP, e-mail, phone, name), for counting and creating.
    std::unordered_map<std::string, std::size_t> group_of;
    std::vector<Group> groups;
    for (std::size_t i = 0; i < data.records.size(); ++i) {
        const sources::ExportRecord& r = data.records[i];
        const Identity& id = identities[i];
        if (const std::optional<Id>& person = matched[i]) {
            add(*person, r);
            continue;
        }
        // (Built by appending: GCC 12 warns of an overlap, wrongly, in `"m" + std::string`.)
        const auto tagged = [](char tag, std::string_view value) {
            return std::string(1, tag).append(value);
        };
        std::string key = !id.nip.empty()     ? tagged('n', id.nip)
                          : !id.email.empty() ? tagged('e', id.email)
                          : !id.phone.empty() ? tagged('p', id.phone)
                                              : tagged('m', clean_text(r.name));
        if (key == "m") key += std::to_string(i); // nothing at all: a person of its own
        auto [it, fresh] = group_of.try_emplace(std::move(key), groups.size());
        if (fresh)
            groups.push_back({{},
                              !id.empty()        ? _("no participant with this NIP, e-mail or phone")
                              : opts.match_names ? name_reasons[i]
                                                 : _("no valid NIP, e-mail or phone to match; --match-names "
                                                     "would match it by name"),
                              std::nullopt});
        groups[it->second].rows.push_back(i);
    }

    if (opts.create_unknown) create_participants(store, data, identities, groups, opts.today, result, add);
    for (const Group& g : groups) {
        if (g.person) continue;
        for (std::size_t i : g.rows)
            result.unmatched.push_back({data.records[i], g.reason});
        ++result.people;
    }
    std::sort(result.unmatched.begin(), result.unmatched.end(),
              [](const UnmatchedRow& a, const UnmatchedRow& b) { return a.record.line < b.record.line; });

    // One recomputation per person, with all of that person's rows.
    result.walk_ins = add_platform_marks(store, session, people, progress);
    result.matched = people.size();
    result.people += people.size();

    // People the earlier import of this export gave marks to, and this one did not (their participant record
    // changed meanwhile): their summaries must lose those marks too (and go when no mark is left).
    std::vector<Id> lost;
    for (Id p : earlier)
        if (!index_of.count(p)) lost.push_back(p);
    if (!lost.empty()) recompute_people_attendance(store, session, lost);

    // The session's attendance is recorded now, even when nobody in the export is anybody we know.
    store.note_attendance_import(session.id, static_cast<std::int64_t>(std::time(nullptr)));

    const store::Store::OutcomeCounts counts = store.outcome_counts(session.id);
    result.attended = counts.attended;
    result.partial = counts.partial;
    return result;
}

} // namespace asnbelajar
