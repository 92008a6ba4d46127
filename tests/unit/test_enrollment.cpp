#include "asnbelajar/enrollment.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/store.hpp"
#include "temp_dir.hpp"

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
    Session base;
    base.title = "Webinar";
    base.start = 1646272800;
    base.minutes = 180;
    base.jp_tenths = 30;
    base.capacity = 2;
    Session s = add_sessions(store, base, "", {}).front();
    CHECK(s.code == "2022-03-03");
    std::vector<Participant> people;
    const char* nips[] = {"198609262015051001", "199001152014031002", "198703212010122003",
                          "197512302000031001"};
    for (const char* nip : nips) {
        Participant p;
        p.nip = nip;
        p.name = nip;
        p.id = store.insert_participant(p);
        people.push_back(p);
    }
    CHECK(enroll(store, s, people[0].id) == EnrollResult::enrolled);
    CHECK(enroll(store, s, people[1].id) == EnrollResult::enrolled);
    CHECK(enroll(store, s, people[2].id) == EnrollResult::waitlisted);
    CHECK(enroll(store, s, people[3].id) == EnrollResult::waitlisted);
    CHECK(enroll(store, s, people[0].id) == EnrollResult::already_enrolled);
    CHECK(enroll(store, s, people[3].id) == EnrollResult::already_waitlisted);

    CancelResult r = cancel_enrollment(store, s, people[1]);
    CHECK(r.changed);
    REQUIRE(r.promoted);
    CHECK(*r.promoted == people[2].id); // first come
    CHECK(store.enrollment(s.id, people[2].id)->status == EnrollmentStatus::enrolled);
    CHECK(store.enrollment(s.id, people[3].id)->status == EnrollmentStatus::waitlisted);
    CHECK_FALSE(cancel_enrollment(store, s, people[1]).changed);

    // Cancelling a waitlisted place promotes nobody.
    CHECK_FALSE(cancel_enrollment(store, s, people[3]).promoted);

    // Raising the capacity fills seats from the waiting list.
    CHECK(enroll(store, s, people[1].id) == EnrollResult::waitlisted);
    SessionEdit more;
    more.capacity = std::optional<int>(3);
    EditResult e = edit_session(store, s, more);
    CHECK(e.promoted == std::vector<Id>{people[1].id});

    Session cancelled = cancel_session(store, e.session);
    CHECK_THROWS_AS(enroll(store, cancelled, people[3].id), Error);
}
