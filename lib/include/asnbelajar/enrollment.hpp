// Enrollment: capacity, the first-come waiting list and promotion on cancel.
#pragma once

#include "asnbelajar/model.hpp"
#include "asnbelajar/store.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace asnbelajar {

// Where a new enrollment goes: a seat while the session has one free and nobody is already waiting (first
// come, first served), else the waiting list. No capacity means unlimited.
EnrollmentStatus place_new_enrollment(std::optional<int> capacity, int enrolled, int waitlisted);

// How many waitlisted people a session can take after its capacity changed.
int seats_to_fill(std::optional<int> capacity, int enrolled, int waitlisted);

enum class EnrollResult { enrolled, waitlisted, already_enrolled, already_waitlisted };

// Enrolls a known participant. Re-enrolling is a no-op reported as already_*; a walk-in or a cancelled
// enrollment is placed anew. Must run inside a write transaction. Throws Error for a cancelled session.
EnrollResult enroll(store::Store& store, const Session& session, Id person);

// Enrolls many people into one session, in the order of the calls, inside one write transaction: as enroll()
// does for each, but the session's seats are read once and then counted here, and the people come in batches
// (one lookup and one write for each batch, so that 25,000 registrations cost a few statements on a store
// behind a network). Nothing else may change the session's enrollments while an Enroller is in use.
class Enroller {
  public:
    // Throws Error for a cancelled session.
    Enroller(store::Store& store, const Session& session);
    EnrollResult add(Id person);
    // Enrolls `people` in order (someone may come twice: then already_*); results[i] is people[i]'s.
    void add(std::span<const Id> people, std::vector<EnrollResult>& results);

  private:
    store::Store& store_;
    Session session_;
    // With a capacity: enrolled people up to the capacity, and waitlisted ones (0 = nobody waits; beyond
    // that only "some"). Without one they are not counted: place_new_enrollment() does not need them.
    int enrolled_ = 0;
    int waitlisted_ = 0;
    // Reused from batch to batch.
    std::vector<store::EnrollmentChange> changes_;
};

struct CancelResult {
    bool changed = false;       // false when the person had nothing to cancel
    bool walk_in = false;       // they have attendance: recorded as a walk-in rather than cancelled
    std::optional<Id> promoted; // who took the freed seat
};

// Cancels an enrollment or waiting-list place at time `now` (UTC seconds). Before the session starts, a freed
// seat goes to the first waitlisted person; once it has started, nobody is promoted (a seat in the past is
// worth nothing, and an absent promotee would lower the attendance rate). Someone with attendance in the
// session is not cancelled but becomes a walk-in: they were there. Throws Error when the person is not
// enrolled in the session at all.
CancelResult cancel_enrollment(store::Store& store, const Session& session, const Participant& person,
                               std::int64_t now);

// True once the session has started at time `now` (UTC seconds): its waiting list has served its purpose.
bool session_started(const Session& session, std::int64_t now);

// Moves waitlisted people into free seats, first come first; returns who was promoted.
std::vector<Id> promote_waitlisted(store::Store& store, const Session& session);

} // namespace asnbelajar
