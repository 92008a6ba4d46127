#include "asnbelajar/attendance.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/intervals.hpp"
#include "asnbelajar/store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace asnbelajar {

AttendanceSummary summarize_marks(const std::vector<AttendanceMark>& marks, const Session& session) {
    const std::int64_t length = std::int64_t{session.minutes} * 60;
    std::vector<Interval> intervals;
    const Interval window{session.start, session.start + length};
    std::int64_t durations = 0;
    std::int64_t spans = 0;
    std::optional<std::int64_t> manual;
    AttendanceSummary s;
    for (const AttendanceMark& m : marks) {
        switch (m.kind) {
        case MarkKind::interval: intervals.push_back({m.join, m.leave}); break;
        case MarkKind::duration: durations += std::max<std::int64_t>(m.seconds, 0); break;
        case MarkKind::span: {
            // The time inside the window, but never more than the source says the person was present.
            const std::int64_t inside = std::min(m.leave, window.end) - std::max(m.join, window.begin);
            spans += std::clamp<std::int64_t>(std::min(inside, m.seconds), 0, length);
            break;
        }
        case MarkKind::manual: manual = m.seconds; break; // marks come oldest first: the last one wins
        case MarkKind::self: s.self_declared = true; break;
        }
    }
    std::int64_t seconds = union_seconds(intervals, window);
    seconds = std::max({seconds, std::min(durations, length), std::min(spans, length)});
    if (manual) seconds = *manual;
    seconds = std::clamp<std::int64_t>(seconds, 0, length);
    s.minutes = static_cast<int>(seconds / 60);
    return s;
}

AttendanceOutcome classify(const AttendanceSummary& summary, const Session& session) {
    if (summary.self_declared) return AttendanceOutcome::attended;
    // Integer arithmetic: minutes × 100 ≥ pct × session minutes, no rounding surprises at the threshold.
    if (std::int64_t{summary.minutes} * 100 >= std::int64_t{session.min_attendance} * session.minutes)
        return AttendanceOutcome::attended;
    return AttendanceOutcome::partial;
}

namespace {

// The summary of `marks`, all of the person's marks in the session (none: the person has none).
store::PersonSummary summary_of(const Session& session, Id person, const std::vector<AttendanceMark>& marks) {
    if (marks.empty()) return {person, std::nullopt};
    const AttendanceSummary summary = summarize_marks(marks, session);
    return {person, summary, classify(summary, session)};
}

void recompute_person(store::Store& store, const Session& session, Id person) {
    const store::PersonSummary summary[] = {summary_of(session, person, store.marks(session.id, person))};
    store.put_summaries(session.id, summary);
}

// Someone present without a seat is a walk-in: not enrolled, enrollment cancelled, or still on the waiting list
// (the session has happened: the list has served its purpose). `status`: their enrollment.
MarkResult ensure_walk_in(store::Store& store, const Session& session, Id person,
                          std::optional<EnrollmentStatus> status) {
    if (status == EnrollmentStatus::walk_in) return MarkResult::walk_in;
    if (status == EnrollmentStatus::enrolled) return MarkResult::recorded;
    store.put_enrollment(session.id, person, EnrollmentStatus::walk_in);
    return MarkResult::walk_in;
}

std::optional<EnrollmentStatus> enrollment_status(const store::Store& store, const Session& session,
                                                  Id person) {
    std::optional<Enrollment> e = store.enrollment(session.id, person);
    return e ? std::optional<EnrollmentStatus>(e->status) : std::nullopt;
}

} // namespace

void require_open_for_attendance(const Session& session) {
    if (session.status == SessionStatus::cancelled)
        throw Error(tr("session {} is cancelled: it takes no attendance", session.code));
}

MarkResult mark_attendance(store::Store& store, const Session& session, const Participant& person,
                           std::optional<int> minutes) {
    require_open_for_attendance(session);
    AttendanceMark mark;
    if (minutes) {
        if (*minutes < 0 || *minutes > session.minutes)
            throw Error(tr("--minutes {} is outside 0..{} (the length of session {})", *minutes,
                           session.minutes, session.code));
        mark.kind = MarkKind::manual;
        mark.seconds = std::int64_t{*minutes} * 60;
        mark.source = "manual";
        store.delete_marks(session.id, person.id, MarkKind::manual);
    } else {
        mark.kind = MarkKind::self;
        mark.source = "self";
        store.delete_marks(session.id, person.id, MarkKind::self);
    }
    store.add_mark(session.id, person.id, mark);
    MarkResult result =
        ensure_walk_in(store, session, person.id, enrollment_status(store, session, person.id));
    recompute_person(store, session, person.id);
    return result;
}

MarkResult add_platform_marks(store::Store& store, const Session& session, Id person,
                              const std::vector<AttendanceMark>& marks) {
    require_open_for_attendance(session);
    for (const AttendanceMark& m : marks)
        store.add_mark(session.id, person, m);
    MarkResult result = ensure_walk_in(store, session, person, enrollment_status(store, session, person));
    recompute_person(store, session, person);
    return result;
}

std::size_t add_platform_marks(store::Store& store, const Session& session,
                               const std::vector<PersonMarks>& people, const ProgressFn& progress) {
    require_open_for_attendance(session);
    std::unordered_set<Id> had_marks;
    for (Id p : store.participants_with_marks(session.id))
        had_marks.insert(p);
    std::unordered_map<Id, EnrollmentStatus> enrolled;
    for (const Enrollment& e : store.session_enrollments(session.id))
        enrolled.emplace(e.participant, e.status);
    // Walk-ins first, in the order given: their arrival numbers keep the export's order of first appearance.
    std::vector<store::EnrollmentChange> walk_ins;
    std::size_t already_walk_ins = 0;
    for (const PersonMarks& p : people) {
        auto e = enrolled.find(p.person);
        const std::optional<EnrollmentStatus> status =
            e == enrolled.end() ? std::nullopt : std::optional(e->second);
        if (status == EnrollmentStatus::walk_in)
            ++already_walk_ins;
        else if (status != EnrollmentStatus::enrolled)
            walk_ins.push_back({p.person, EnrollmentStatus::walk_in});
    }
    store.put_enrollments(session.id, walk_ins);
    // Then marks and summaries by participant id: the B-trees keyed (session, participant) and the foreign-key
    // probes of participants are walked in order, not at random over a million people.
    std::vector<const PersonMarks*> by_id;
    by_id.reserve(people.size());
    for (const PersonMarks& p : people)
        by_id.push_back(&p);
    std::sort(by_id.begin(), by_id.end(),
              [](const PersonMarks* a, const PersonMarks* b) { return a->person < b->person; });
    std::vector<PersonMarks> batch;
    std::vector<Id> earlier;
    std::vector<store::PersonSummary> summaries;
    const std::size_t batch_people = std::max<std::size_t>(store.batch_rows(), 1);
    for (std::size_t first = 0; first < by_id.size(); first += batch_people) {
        const std::size_t last = std::min(by_id.size(), first + batch_people);
        if (progress) progress({.done = first, .total = people.size(), .count = first, .unit = N_("people")});
        batch.clear();
        earlier.clear();
        for (std::size_t i = first; i < last; ++i) {
            batch.push_back(*by_id[i]);
            if (had_marks.count(by_id[i]->person)) earlier.push_back(by_id[i]->person);
        }
        // A person with earlier marks in the session is summed up over all of them (the earlier first: a
        // later manual mark wins); without, the new marks are all there is.
        std::unordered_map<Id, std::vector<AttendanceMark>> before;
        for (PersonMarks& p : store.marks_of(session.id, earlier))
            before.emplace(p.person, std::move(p.marks));
        summaries.clear();
        for (const PersonMarks& p : batch) {
            auto b = before.find(p.person);
            if (b == before.end()) {
                summaries.push_back(summary_of(session, p.person, p.marks));
                continue;
            }
            std::vector<AttendanceMark>& all = b->second;
            all.insert(all.end(), p.marks.begin(), p.marks.end());
            summaries.push_back(summary_of(session, p.person, all));
        }
        store.add_marks(session.id, batch);
        store.put_summaries(session.id, summaries);
    }
    if (progress)
        progress(
            {.done = people.size(), .total = people.size(), .count = people.size(), .unit = N_("people")});
    return walk_ins.size() + already_walk_ins;
}

namespace {

// Puts each person's summary as their marks now give it (none for one without marks).
void put_summaries_of(store::Store& store, const Session& session, const std::vector<PersonMarks>& people) {
    std::vector<store::PersonSummary> summaries;
    summaries.reserve(people.size());
    for (const PersonMarks& p : people)
        summaries.push_back(summary_of(session, p.person, p.marks));
    store.put_summaries(session.id, summaries);
}

} // namespace

void recompute_session_attendance(store::Store& store, const Session& session) {
    put_summaries_of(store, session, store.session_marks(session.id));
}

void recompute_people_attendance(store::Store& store, const Session& session, std::span<const Id> people) {
    put_summaries_of(store, session, store.marks_of(session.id, people)); // marks_of: one entry per person
}

} // namespace asnbelajar
