#include "asnbelajar/enrollment.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/participant.hpp"
#include "asnbelajar/store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace asnbelajar {

EnrollmentStatus place_new_enrollment(std::optional<int> capacity, int enrolled, int waitlisted) {
    if (!capacity) return EnrollmentStatus::enrolled;
    if (waitlisted == 0 && enrolled < *capacity) return EnrollmentStatus::enrolled;
    return EnrollmentStatus::waitlisted;
}

int seats_to_fill(std::optional<int> capacity, int enrolled, int waitlisted) {
    if (!capacity) return waitlisted;
    return std::clamp(*capacity - enrolled, 0, waitlisted);
}

EnrollResult enroll(store::Store& store, const Session& session, Id person) {
    return Enroller(store, session).add(person);
}

Enroller::Enroller(store::Store& store, const Session& session) : store_(store), session_(session) {
    if (session.status == SessionStatus::cancelled)
        throw Error(tr("session {} is cancelled: it takes no enrollments", session.code));
    // Without a capacity everyone is enrolled: nothing to count. With one, placing needs only whether the
    // enrolled people fill it and whether anyone waits (not a count of a session of 100,000).
    if (session.capacity) {
        store::Store::SeatState seats = store.seat_state(session.id, std::max(*session.capacity, 0));
        enrolled_ = seats.enrolled;
        waitlisted_ = seats.waitlisted ? 1 : 0;
    }
}

EnrollResult Enroller::add(Id person) {
    std::vector<EnrollResult> results;
    add({&person, 1}, results);
    return results.front();
}

void Enroller::add(std::span<const Id> people, std::vector<EnrollResult>& results) {
    results.clear();
    // Where each person stands: their stored enrollment, then what this batch did.
    std::unordered_map<Id, EnrollmentStatus> status;
    for (const Enrollment& e : store_.enrollments_of(session_.id, people))
        status.emplace(e.participant, e.status);
    changes_.clear();
    for (Id person : people) {
        const auto now = status.find(person);
        if (now != status.end() && now->second == EnrollmentStatus::enrolled) {
            results.push_back(EnrollResult::already_enrolled);
            continue;
        }
        if (now != status.end() && now->second == EnrollmentStatus::waitlisted) {
            results.push_back(EnrollResult::already_waitlisted);
            continue;
        }
        // New, a walk-in or cancelled: placed anew, at the end of the queue.
        const EnrollmentStatus placed = place_new_enrollment(session_.capacity, enrolled_, waitlisted_);
        status[person] = placed;
        changes_.push_back({person, placed});
        if (placed == EnrollmentStatus::enrolled) {
            ++enrolled_;
            results.push_back(EnrollResult::enrolled);
        } else {
            ++waitlisted_;
            results.push_back(EnrollResult::waitlisted);
        }
    }
    store_.put_enrollments(session_.id, changes_);
}

std::vector<Id> promote_waitlisted(store::Store& store, const Session& session) {
    store::EnrollmentCounts c = store.enrollment_counts(session.id);
    std::vector<Id> promoted;
    for (int n = seats_to_fill(session.capacity, c.enrolled, c.waitlisted); n > 0; --n) {
        auto next = store.first_waitlisted(session.id);
        if (!next) break;
        store.put_enrollment(session.id, *next, EnrollmentStatus::enrolled);
        promoted.push_back(*next);
    }
    return promoted;
}

bool session_started(const Session& session, std::int64_t now) {
    return now >= session.start;
}

CancelResult cancel_enrollment(store::Store& store, const Session& session, const Participant& person,
                               std::int64_t now) {
    auto e = store.enrollment(session.id, person.id);
    if (!e || e->status == EnrollmentStatus::walk_in)
        throw Error(tr("{} is not enrolled in session {}", describe(person), session.code));
    CancelResult r;
    if (e->status == EnrollmentStatus::cancelled) return r;
    r.walk_in = !store.marks(session.id, person.id).empty();
    store.put_enrollment(session.id, person.id,
                         r.walk_in ? EnrollmentStatus::walk_in : EnrollmentStatus::cancelled);
    r.changed = true;
    if (e->status == EnrollmentStatus::enrolled && session.status != SessionStatus::cancelled &&
        !session_started(session, now)) {
        auto promoted = promote_waitlisted(store, session);
        if (!promoted.empty()) r.promoted = promoted.front();
    }
    return r;
}

} // namespace asnbelajar
