#include "asnbelajar/attendance.hpp"

#include <doctest/doctest.h>

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

AttendanceMark of_kind(MarkKind kind, std::int64_t minutes) {
    AttendanceMark m;
    m.kind = kind;
    m.seconds = minutes * 60;
    return m;
}

} // namespace

TEST_CASE("summaries: union of intervals, clipped; durations capped; manual overrides") {
    Session s = three_hours();
    CHECK(summarize_marks({interval(-8, 181)}, s).minutes == 180);                  // early joiner, late leaver
    CHECK(summarize_marks({interval(12, 139), interval(152, 158)}, s).minutes == 133); // rejoin
    CHECK(summarize_marks({interval(0, 180), interval(30, 120)}, s).minutes == 180); // two devices
    CHECK(summarize_marks({of_kind(MarkKind::duration, 100), of_kind(MarkKind::duration, 100)}, s).minutes == 180);
    CHECK(summarize_marks({interval(0, 60), of_kind(MarkKind::manual, 150)}, s).minutes == 150);
    CHECK(summarize_marks({of_kind(MarkKind::manual, 150), of_kind(MarkKind::manual, 20)}, s).minutes == 20);
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
