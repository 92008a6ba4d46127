#include "asnbelajar/attendance.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/store.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <map>

using namespace asnbelajar;

namespace {

Session three_hours() {
    Session s;
    s.start = 1646272800; // 2022-03-03 09:00 WIB
    s.minutes = 180;
    s.min_attendance = 70;
    return s;
}

AttendanceMark interval(std::int64_t join_min, std::int64_t leave_min) {
    AttendanceMark m;
    m.kind = MarkKind::interval;
    m.join = 1646272800 + join_min * 60;
    m.leave = 1646272800 + leave_min * 60;
    m.source = "zoom";
    return m;
}

AttendanceMark span(std::int64_t join_min, std::int64_t leave_min, std::int64_t present_min) {
    AttendanceMark m = interval(join_min, leave_min);
    m.kind = MarkKind::span;
    m.seconds = present_min * 60;
    return m;
}

AttendanceMark of_kind(MarkKind kind, std::int64_t minutes) {
    AttendanceMark m;
    m.kind = kind;
    m.seconds = minutes * 60;
    return m;
}

// A store with the three-hour session and participants with these NIPs, inside an open transaction.
struct StoredSession {
    TempDir dir;
    std::unique_ptr<store::Store> db{store::open(dir.file("s.db"), store::Access::write)};
    store::Store& store{*db};
    store::Store::Transaction tx{store};
    Session session;
    std::vector<Participant> people;

    explicit StoredSession(std::initializer_list<const char*> nips) {
        Session base = three_hours();
        base.title = "Webinar";
        base.jp_tenths = 30;
        session = add_sessions(store, base, "", {}).front();
        for (const char* nip : nips) {
            Participant p;
            p.nip = nip;
            p.name = nip;
            p.id = store.insert_participant(p);
            people.push_back(p);
        }
    }
};

} // namespace

TEST_CASE("summaries: union of intervals, clipped; durations capped; manual overrides") {
    Session s = three_hours();
    CHECK(summarize_marks({interval(-8, 181)}, s).minutes == 180); // early joiner, late leaver
    CHECK(summarize_marks({interval(12, 139), interval(152, 158)}, s).minutes == 133); // rejoin
    CHECK(summarize_marks({interval(0, 180), interval(30, 120)}, s).minutes == 180);   // two devices
    CHECK(summarize_marks({of_kind(MarkKind::duration, 100), of_kind(MarkKind::duration, 100)}, s).minutes ==
          180);
    // A duration of none (or less) adds nothing: 59 minutes 59 seconds stay 59 minutes.
    AttendanceMark almost = of_kind(MarkKind::duration, 60);
    almost.seconds -= 1;
    CHECK(summarize_marks({almost, of_kind(MarkKind::duration, 0), of_kind(MarkKind::duration, -5)}, s)
              .minutes == 59);
    CHECK(summarize_marks({interval(0, 60), of_kind(MarkKind::manual, 150)}, s).minutes == 150);
    CHECK(summarize_marks({of_kind(MarkKind::manual, 150), of_kind(MarkKind::manual, 20)}, s).minutes == 20);
    // A manual mark given before the session was shortened counts up to its new length only.
    Session shorter = s;
    shorter.minutes = 120;
    CHECK(summarize_marks({of_kind(MarkKind::manual, 150)}, shorter).minutes == 120);
    AttendanceSummary self = summarize_marks({of_kind(MarkKind::self, 0)}, s);
    CHECK(self.self_declared);
    CHECK(self.minutes == 0);
}

TEST_CASE("classify: the session's threshold, exactly at the boundary") {
    Session s = three_hours(); // 70 % of 180 = 126
    CHECK(classify({126, false}, s) == AttendanceOutcome::attended);
    CHECK(classify({125, false}, s) == AttendanceOutcome::partial);
    CHECK(classify({0, true}, s) == AttendanceOutcome::attended);
    s.min_attendance = 0;
    CHECK(classify({0, false}, s) == AttendanceOutcome::attended);
    s.min_attendance = 100;
    CHECK(classify({179, false}, s) == AttendanceOutcome::partial);
}

TEST_CASE("minutes are whole minutes present, rounded down: 09:00:00-11:05:59 is 125, not 126") {
    Session s = three_hours(); // 70 % of 180 = 126
    AttendanceMark m = interval(0, 125);
    m.leave += 59; // 11:05:59
    AttendanceSummary in_seconds = summarize_marks({m}, s);
    CHECK(in_seconds.minutes == 125);
    CHECK(classify(in_seconds, s) == AttendanceOutcome::partial); // 59 seconds short of 126 minutes
    m.leave += 1;                                                 // 11:06:00
    CHECK(summarize_marks({m}, s).minutes == 126);
    // The other kinds of evidence round down too.
    AttendanceMark duration = of_kind(MarkKind::duration, 125);
    duration.seconds += 59;
    CHECK(summarize_marks({duration}, s).minutes == 125);
    AttendanceMark present = span(0, 130, 125);
    present.seconds += 59;
    CHECK(summarize_marks({present}, s).minutes == 125);
    AttendanceMark second = interval(0, 0);
    second.leave += 59; // under a minute present is 0 minutes
    CHECK(summarize_marks({second}, s).minutes == 0);
}

TEST_CASE("spans: the smaller of the clipped first-join..last-leave and the time present") {
    Session s = three_hours();
    CHECK(summarize_marks({span(-30, 90, 120)}, s).minutes == 90);   // early: only 90 minutes in the window
    CHECK(summarize_marks({span(0, 180, 60)}, s).minutes == 60);     // left in between: 60 minutes present
    CHECK(summarize_marks({span(-60, 240, 300)}, s).minutes == 180); // capped at the session
    CHECK(summarize_marks({span(200, 260, 60)}, s).minutes == 0);    // after the end
    CHECK(summarize_marks({span(0, 100, 100), span(100, 180, 80)}, s).minutes == 180);
    CHECK(summarize_marks({span(0, 60, 60), interval(0, 150)}, s).minutes == 150); // the larger evidence wins
    // A span outside the window adds nothing, not even a second: 59:59 stays 59 minutes.
    AttendanceMark almost_an_hour = span(0, 60, 60);
    almost_an_hour.seconds = 3599;
    CHECK(summarize_marks({almost_an_hour, span(200, 260, 60)}, s).minutes == 59);
}

TEST_CASE("platform marks in a store: raw marks kept, walk-ins, recomputed summary") {
    StoredSession fx({"198609262015051001"});
    store::Store& store = fx.store;
    Session& s = fx.session;
    const Participant& p = fx.people[0];

    AttendanceMark a = span(-10, 100, 95);
    a.batch = "b1";
    a.source = "meet";
    CHECK(add_platform_marks(store, s, p.id, {a, interval(0, 150)}) == MarkResult::walk_in);
    CHECK(add_platform_marks(store, s, p.id, {}) == MarkResult::walk_in); // still a walk-in
    std::vector<AttendanceMark> kept = store.marks(s.id, p.id);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].kind == MarkKind::span);
    CHECK(kept[0].join == a.join);
    CHECK(kept[0].leave == a.leave);
    CHECK(kept[0].seconds == 95 * 60);
    CHECK(kept[0].batch == "b1");
    CHECK(kept[1].kind == MarkKind::interval);
    CHECK(kept[1].batch.empty());
    REQUIRE(store.enrollment(s.id, p.id));
    CHECK(store.enrollment(s.id, p.id)->status == EnrollmentStatus::walk_in);
    std::vector<store::RosterRow> roster = store.session_roster(s.id);
    REQUIRE(roster.size() == 1);
    REQUIRE(roster[0].attendance);
    CHECK(roster[0].attendance->minutes == 150); // the interval 0..150 beats the span's 95
    CHECK(roster[0].outcome == AttendanceOutcome::attended);

    s.status = SessionStatus::cancelled;
    CHECK_THROWS_WITH_AS(require_open_for_attendance(s), doctest::Contains("cancelled"), Error);
    // Every way in refuses a cancelled session, the import of many people at once too, and adds nothing.
    CHECK_THROWS_WITH_AS(add_platform_marks(store, s, p.id, {interval(0, 10)}),
                         doctest::Contains("cancelled"), Error);
    CHECK_THROWS_WITH_AS(add_platform_marks(store, s, {{p.id, {interval(0, 10)}}}),
                         doctest::Contains("cancelled"), Error);
    CHECK_THROWS_WITH_AS(mark_attendance(store, s, p, 10), doctest::Contains("cancelled"), Error);
    CHECK(store.marks(s.id, p.id).size() == 2);
}

TEST_CASE("platform marks for more people than one batch: every batch written, progress after each") {
    StoredSession fx({});
    store::Store& store = fx.store;
    const Session& s = fx.session;
    const std::size_t batch = store.batch_rows();
    std::vector<PersonMarks> people;
    for (std::size_t k = 0; k < batch + 44; ++k) {
        Participant p;
        p.name = "Peserta " + std::to_string(k);
        p.email = "peserta" + std::to_string(k) + "@example.go.id";
        people.push_back({store.insert_participant(p), {interval(0, static_cast<std::int64_t>(k % 180))}});
    }
    std::vector<std::uint64_t> progress;
    CHECK(add_platform_marks(store, s, people, [&](const Progress& p) { progress.push_back(p.done); }) ==
          people.size()); // all walk-ins
    CHECK(progress == std::vector<std::uint64_t>{0, batch, people.size()});
    const std::vector<store::RosterRow> roster = store.session_roster(s.id);
    REQUIRE(roster.size() == people.size());
    std::size_t summed = 0;
    for (const store::RosterRow& row : roster)
        summed += row.attendance ? 1 : 0;
    CHECK(summed == people.size());
    CHECK(store.marks(s.id, people.back().person).size() == 1);
    CHECK(store.marks(s.id, people.front().person).size() == 1); // each batch written once
}

TEST_CASE("platform marks of nobody (an empty export, --allow-empty): nothing written, progress said once") {
    StoredSession fx({"198609262015051001"});
    std::vector<std::uint64_t> progress;
    CHECK(add_platform_marks(fx.store, fx.session, {},
                             [&](const Progress& p) { progress.push_back(p.done); }) == 0);
    CHECK(progress == std::vector<std::uint64_t>{0});
    CHECK(fx.store.session_roster(fx.session.id).empty());
}

TEST_CASE("mark_attendance: --minutes from 0 to the session's length, the last word") {
    StoredSession fx({"198609262015051001"});
    store::Store& store = fx.store;
    const Session& s = fx.session;
    const Participant& p = fx.people[0];
    CHECK(mark_attendance(store, s, p, s.minutes) == MarkResult::walk_in);
    CHECK(store.session_roster(s.id)[0].attendance->minutes == s.minutes);
    CHECK_THROWS_WITH_AS(mark_attendance(store, s, p, s.minutes + 1), doctest::Contains("outside 0.."),
                         Error);
    CHECK_THROWS_WITH_AS(mark_attendance(store, s, p, -1), doctest::Contains("outside 0.."), Error);
    // A new word replaces the earlier one: one manual mark is kept, and one self-declared.
    CHECK(mark_attendance(store, s, p, 0) == MarkResult::walk_in);
    CHECK(store.session_roster(s.id)[0].attendance->minutes == 0);
    mark_attendance(store, s, p, std::nullopt);
    mark_attendance(store, s, p, std::nullopt);
    const std::vector<AttendanceMark> kept = store.marks(s.id, p.id);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].kind == MarkKind::manual);
    CHECK(kept[0].seconds == 0);
    CHECK(kept[0].source == "manual");
    CHECK(kept[1].kind == MarkKind::self);
    CHECK(kept[1].source == "self");
}

TEST_CASE("platform marks for many people at once: earlier marks still count, walk-ins counted") {
    StoredSession fx({"198609262015051001", "199001152014031002", "198703212010122003"});
    store::Store& store = fx.store;
    const Session& s = fx.session;
    const std::vector<Participant>& people = fx.people;
    store.put_enrollment(s.id, people[0].id, EnrollmentStatus::enrolled);
    store.put_enrollment(s.id, people[1].id, EnrollmentStatus::enrolled);
    store.put_enrollment(s.id, people[2].id, EnrollmentStatus::waitlisted); // no seat: present, a walk-in
    mark_attendance(store, s, people[0], 50);                               // the admin's word: 50 minutes

    std::vector<std::uint64_t> progress;
    std::size_t walk_ins = add_platform_marks(store, s,
                                              {{people[0].id, {interval(0, 180)}},
                                               {people[1].id, {interval(0, 60), interval(30, 130)}},
                                               {people[2].id, {of_kind(MarkKind::duration, 200)}}},
                                              [&](const Progress& p) { progress.push_back(p.done); });
    CHECK(walk_ins == 1);
    CHECK(progress.back() == 3);
    std::map<Id, int> minutes;
    for (const store::RosterRow& row : store.session_roster(s.id))
        minutes[row.person.id] = row.attendance->minutes;
    CHECK(minutes[people[0].id] == 50); // the manual mark read back, and still overriding
    CHECK(minutes[people[1].id] == 130);
    CHECK(minutes[people[2].id] == 180);
    CHECK(store.enrollment(s.id, people[2].id)->status == EnrollmentStatus::walk_in);
    CHECK(store.outcome_counts(s.id).attended == 2);
    CHECK(store.outcome_counts(s.id).partial == 1);

    // Again: a walk-in already counts as one, beside a new one (people[1], whose seat was cancelled).
    store.put_enrollment(s.id, people[1].id, EnrollmentStatus::cancelled);
    CHECK(add_platform_marks(store, s,
                             {{people[1].id, {interval(0, 10)}}, {people[2].id, {interval(0, 10)}}}) == 2);
    CHECK(store.enrollment(s.id, people[1].id)->status == EnrollmentStatus::walk_in);
}
