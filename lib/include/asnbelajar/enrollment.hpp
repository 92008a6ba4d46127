// Enrollment: capacity, the first-come waiting list and promotion on cancel.
#pragma once

#include "asnbelajar/model.hpp"

#include <optional>
#include <vector>

namespace asnbelajar {

class Store;

// Where a new enrollment goes: a seat while the session has one free and nobody is already waiting (first
// come, first served), else the waiting list. No capacity means unlimited.
EnrollmentStatus place_new_enrollment(std::optional<int> capacity, int enrolled, int waitlisted);

// How many waitlisted people a session can take after its capacity changed.
int seats_to_fill(std::optional<int> capacity, int enrolled, int waitlisted);

enum class EnrollResult { enrolled, waitlisted, already_enrolled, already_waitlisted };

// Enrolls a known participant. Re-enrolling is a no-op reported as already_*; a walk-in or a cancelled
// enrollment is placed anew. Must run inside a write transaction. Throws Error for a cancelled session.
EnrollResult enroll(Store& store, const Session& session, Id person);

struct CancelResult {
    bool changed = false;            // false when the person had nothing to cancel
    std::optional<Id> promoted;      // who took the freed seat
};

// Cancels an enrollment or waiting-list place. A freed seat goes to the first waitlisted person.
// Throws Error when the person is not enrolled in the session at all.
CancelResult cancel_enrollment(Store& store, const Session& session, const Participant& person);

// Moves waitlisted people into free seats, first come first; returns who was promoted.
std::vector<Id> promote_waitlisted(Store& store, const Session& session);

} // namespace asnbelajar
