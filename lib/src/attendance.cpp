#include "asnbelajar/attendance.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/intervals.hpp"
#include "asnbelajar/store.hpp"

#include <fmt/format.h>

#include <algorithm>

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

void recompute_person(Store& store, const Session& session, Id person) {
    auto marks = store.marks(session.id, person);
    if (marks.empty()) {
        store.delete_attendance(session.id, person);
        return;
    }
    AttendanceSummary summary = summarize_marks(marks, session);
    store.put_attendance(session.id, person, summary, classify(summary, session));
}

// Someone present without an enrollment (or with a cancelled one) is a walk-in.
MarkResult ensure_walk_in(Store& store, const Session& session, Id person) {
    auto e = store.enrollment(session.id, person);
    if (e && e->status == EnrollmentStatus::walk_in) return MarkResult::walk_in;
    if (e && e->status != EnrollmentStatus::cancelled) return MarkResult::recorded;
    store.put_enrollment(session.id, person, EnrollmentStatus::walk_in);
    return MarkResult::walk_in;
}

} // namespace

void require_open_for_attendance(const Session& session) {
    if (session.status == SessionStatus::cancelled)
        throw Error(fmt::format("session {} is cancelled: it takes no attendance", session.code));
}

MarkResult mark_attendance(Store& store, const Session& session, const Participant& person,
                           std::optional<int> minutes) {
    require_open_for_attendance(session);
    AttendanceMark mark;
    if (minutes) {
        if (*minutes < 0 || *minutes > session.minutes)
            throw Error(fmt::format("--minutes {} is outside 0..{} (the length of session {})", *minutes,
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
    MarkResult result = ensure_walk_in(store, session, person.id);
    recompute_person(store, session, person.id);
    return result;
}

MarkResult add_platform_marks(Store& store, const Session& session, Id person,
                              const std::vector<AttendanceMark>& marks) {
    require_open_for_attendance(session);
    for (const AttendanceMark& m : marks) store.add_mark(session.id, person, m);
    MarkResult result = ensure_walk_in(store, session, person);
    recompute_person(store, session, person);
    return result;
}

void recompute_session_attendance(Store& store, const Session& session) {
    for (Id person : store.participants_with_marks(session.id)) recompute_person(store, session, person);
}

} // namespace asnbelajar
