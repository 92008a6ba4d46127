#include "asnbelajar/attendance.hpp"
#include "asnbelajar/enrollment.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/store.hpp"
#include "temp_dir.hpp"
#include "webinar.hpp"

#include <doctest/doctest.h>

using namespace asnbelajar;

TEST_CASE("place_new_enrollment: seats first come, then the waiting list") {
    CHECK(place_new_enrollment(std::nullopt, 100000, 0) == EnrollmentStatus::enrolled);
    CHECK(place_new_enrollment(2, 0, 0) == EnrollmentStatus::enrolled);
    CHECK(place_new_enrollment(2, 1, 0) == EnrollmentStatus::enrolled);
    CHECK(place_new_enrollment(2, 2, 0) == EnrollmentStatus::waitlisted);
    CHECK(place_new_enrollment(3, 2, 1) == EnrollmentStatus::waitlisted); // nobody jumps the queue
    CHECK(place_new_enrollment(0, 0, 0) == EnrollmentStatus::waitlisted);
    CHECK(seats_to_fill(5, 3, 10) == 2);
    CHECK(seats_to_fill(5, 6, 10) == 0);
    CHECK(seats_to_fill(std::nullopt, 6, 10) == 10);
}

TEST_CASE("capacity, waiting list and promotion on cancel, in a store") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    Session s = add_webinar(store, 2);
    CHECK(s.code == "2022-03-03");
    const std::int64_t before = s.start - 86400; // the day before: promotions happen
    const std::vector<Participant> people = add_people(
        store, {"198609262015051001", "199001152014031002", "198703212010122003", "197512302000031001"});
    CHECK(enroll(store, s, people[0].id) == EnrollResult::enrolled);
    CHECK(enroll(store, s, people[1].id) == EnrollResult::enrolled);
    CHECK(enroll(store, s, people[2].id) == EnrollResult::waitlisted);
    CHECK(enroll(store, s, people[3].id) == EnrollResult::waitlisted);
    CHECK(enroll(store, s, people[0].id) == EnrollResult::already_enrolled);
    CHECK(enroll(store, s, people[3].id) == EnrollResult::already_waitlisted);
    // The enrollment as the store returns it: whose, where, and the arrival order.
    std::optional<Enrollment> third = store.enrollment(s.id, people[2].id);
    REQUIRE(third);
    CHECK(third->session == s.id);
    CHECK(third->participant == people[2].id);
    CHECK(third->status == EnrollmentStatus::waitlisted);
    CHECK(third->arrival > store.enrollment(s.id, people[1].id)->arrival);
    CHECK_FALSE(store.enrollment(s.id + 1, people[2].id));

    CancelResult r = cancel_enrollment(store, s, people[1], before);
    CHECK(r.changed);
    REQUIRE(r.promoted);
    CHECK(*r.promoted == people[2].id); // first come
    CHECK(store.enrollment(s.id, people[2].id)->status == EnrollmentStatus::enrolled);
    CHECK(store.enrollment(s.id, people[3].id)->status == EnrollmentStatus::waitlisted);
    CHECK_FALSE(cancel_enrollment(store, s, people[1], before).changed);

    // Cancelling a waitlisted place promotes nobody.
    CHECK_FALSE(cancel_enrollment(store, s, people[3], before).promoted);
    // Nothing to cancel: someone never enrolled, or who only walked in.
    Participant stranger;
    stranger.nip = "198001012006041001";
    stranger.name = "Stranger";
    stranger.id = store.insert_participant(stranger);
    CHECK_THROWS_WITH_AS(cancel_enrollment(store, s, stranger, before),
                         "NIP 198001012006041001 (Stranger) is not enrolled in session 2022-03-03", Error);
    store.put_enrollment(s.id, stranger.id, EnrollmentStatus::walk_in);
    CHECK_THROWS_WITH_AS(cancel_enrollment(store, s, stranger, before),
                         "NIP 198001012006041001 (Stranger) is not enrolled in session 2022-03-03", Error);
    CHECK(store.enrollment(s.id, stranger.id)->status == EnrollmentStatus::walk_in);

    // Raising the capacity fills seats from the waiting list.
    CHECK(enroll(store, s, people[1].id) == EnrollResult::waitlisted);
    SessionEdit more;
    more.capacity = std::optional<int>(3);
    EditResult e = edit_session(store, s, more, before);
    CHECK(e.promoted == std::vector<Id>{people[1].id});

    Session cancelled = cancel_session(store, e.session);
    CHECK_THROWS_AS(enroll(store, cancelled, people[3].id), Error);
}

TEST_CASE("cancelling a place in a cancelled session promotes nobody") {
    TempDir dir;
    std::unique_ptr<store::Store> db = store::open(dir.file("s.db"), store::Access::write);
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    Session s = add_webinar(store, 1);
    const std::vector<Participant> people = add_people(store, {"198609262015051001", "199001152014031002"});
    const Participant& seated = people[0];
    const Participant& waiting = people[1];
    REQUIRE(enroll(store, s, seated.id) == EnrollResult::enrolled);
    REQUIRE(enroll(store, s, waiting.id) == EnrollResult::waitlisted);

    Session cancelled = cancel_session(store, s);
    CancelResult r = cancel_enrollment(store, cancelled, seated, s.start - 86400);
    CHECK(r.changed); // the enrollment is cancelled...
    CHECK(store.enrollment(s.id, seated.id)->status == EnrollmentStatus::cancelled);
    CHECK_FALSE(r.promoted); // ...but the seat it frees is in a session that will not take place
    CHECK(store.enrollment(s.id, waiting.id)->status == EnrollmentStatus::waitlisted);
}

TEST_CASE("nobody jumps the queue: with someone waiting, a newcomer waits too, even beside a free seat") {
    TempDir dir;
    std::unique_ptr<store::Store> db = store::open(dir.file("s.db"), store::Access::write);
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    Session s = add_webinar(store, 2);
    std::vector<Id> ids;
    for (const Participant& p :
         add_people(store, {"198609262015051001", "199001152014031002", "198703212010122003"}))
        ids.push_back(p.id);
    // One seat taken, one free, and someone on the waiting list: no command leaves a session so, but the rule
    // must not depend on it.
    REQUIRE(enroll(store, s, ids[0]) == EnrollResult::enrolled);
    store.put_enrollment(s.id, ids[1], EnrollmentStatus::waitlisted);
    CHECK(enroll(store, s, ids[2]) == EnrollResult::waitlisted);
    CHECK(store.first_waitlisted(s.id) == ids[1]); // still first in line
}

TEST_CASE("once a session has started, cancelling promotes nobody, and an attendee becomes a walk-in") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    Session s = add_webinar(store, 1);
    const std::vector<Participant> people =
        add_people(store, {"198609262015051001", "199001152014031002", "198703212010122003"});
    CHECK(enroll(store, s, people[0].id) == EnrollResult::enrolled);
    CHECK(enroll(store, s, people[1].id) == EnrollResult::waitlisted);
    CHECK(enroll(store, s, people[2].id) == EnrollResult::waitlisted);
    mark_attendance(store, s, people[0], 150);
    const std::int64_t after = s.start + 4 * 3600;

    // The attendee's cancellation keeps their attendance: a walk-in, and their seat goes to nobody.
    CancelResult r = cancel_enrollment(store, s, people[0], after);
    CHECK(r.changed);
    CHECK(r.walk_in);
    CHECK_FALSE(r.promoted);
    CHECK(store.enrollment(s.id, people[0].id)->status == EnrollmentStatus::walk_in);
    CHECK(store.enrollment(s.id, people[1].id)->status == EnrollmentStatus::waitlisted);
    // Cancelling a walk-in is no cancellation of an enrollment.
    CHECK_THROWS_AS(cancel_enrollment(store, s, people[0], after), Error);

    // Raising the capacity after the start promotes nobody either; before it, it does.
    SessionEdit more;
    more.capacity = std::optional<int>(3);
    CHECK(edit_session(store, s, more, s.start).promoted.empty());
    CHECK(edit_session(store, s, more, s.start - 1).promoted == std::vector<Id>{people[1].id, people[2].id});
    // The session had started at s.start itself.
    CHECK(session_started(s, s.start));
    CHECK_FALSE(session_started(s, s.start - 1));
}

TEST_CASE(
    "Enroller: someone twice in one batch takes one seat, and is told already_enrolled the second time") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    const Session s = add_webinar(store, 2);
    const std::vector<Participant> people =
        add_people(store, {"198609262015051001", "199001152014031002", "198703212010122003"});
    const std::vector<Id> batch{people[0].id, people[0].id, people[1].id, people[1].id, people[2].id};
    std::vector<EnrollResult> results;
    Enroller(store, s).add(batch, results);
    CHECK(results == std::vector<EnrollResult>{EnrollResult::enrolled, EnrollResult::already_enrolled,
                                               EnrollResult::enrolled, EnrollResult::already_enrolled,
                                               EnrollResult::waitlisted});
    const store::EnrollmentCounts c = store.enrollment_counts(s.id);
    CHECK(c.enrolled == 2);
    CHECK(c.waitlisted == 1);
}

TEST_CASE("Enroller: the results of each batch are that batch's, one per person, in a vector reused") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    const Session s = add_webinar(store, 1);
    const std::vector<Participant> people =
        add_people(store, {"198609262015051001", "199001152014031002", "198703212010122003"});
    Enroller enroller(store, s);
    std::vector<EnrollResult> results;
    enroller.add(std::vector<Id>{people[0].id}, results);
    CHECK(results == std::vector<EnrollResult>{EnrollResult::enrolled});
    enroller.add(std::vector<Id>{people[1].id, people[0].id}, results);
    CHECK(results == std::vector<EnrollResult>{EnrollResult::waitlisted, EnrollResult::already_enrolled});
}
