// Attendance: from raw marks to minutes present and an outcome under the session's rule.
#pragma once

#include "asnbelajar/model.hpp"
#include "asnbelajar/progress.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace asnbelajar {

namespace store {
class Store;
}

// Sums one person's marks in a session:
// - intervals: their union clipped to [start, start + minutes] (rejoins and second devices count once);
// - durations (sources that give only a total): summed and capped at the session length;
// - spans (a first join–last leave with the total time present inside it): each counts the smaller of its
//   clipped span and its total; summed and capped at the session length;
// - the largest of those three is the evidence from platforms;
// - a manual mark (attend --minutes) overrides platform evidence: the admin has the last word;
// - a self-declared mark sets self_declared.
// Minutes are whole minutes present, rounded down, never more than the session length.
AttendanceSummary summarize_marks(const std::vector<AttendanceMark>& marks, const Session& session);

// attended when self-declared or minutes ≥ min_attendance % of the session's minutes; otherwise partial.
// (Absent is the absence of any summary.)
AttendanceOutcome classify(const AttendanceSummary& summary, const Session& session);

// Throws Error when the session is cancelled: a cancelled session takes no attendance.
void require_open_for_attendance(const Session& session);

// walk_in: the person is a walk-in of the session after the mark (they had no seat: see mark_attendance).
enum class MarkResult { recorded, walk_in };

// Records a manual mark for a known participant: with `minutes` a manual mark replacing any earlier manual
// mark, without it a self-declared mark. Someone without a seat (not enrolled, cancelled, or waitlisted)
// becomes a walk-in. Recomputes the
// person's summary. Must run inside a write transaction. Throws Error for a cancelled session or minutes outside
// 0..session length.
MarkResult mark_attendance(store::Store& store, const Session& session, const Participant& person,
                           std::optional<int> minutes);

// Records platform marks (join–leave intervals or durations) for one person and recomputes the summary.
MarkResult add_platform_marks(store::Store& store, const Session& session, Id person,
                              const std::vector<AttendanceMark>& marks);

// add_platform_marks for many people of one session at once (an export's rows grouped per person: each person
// once): the session's enrollments and who already has marks are read once, not per person, and each summary
// is computed once. Returns how many of the people are walk-ins. `progress`, when given, is called now and
// then with the people done of people.size() (unit "people"), and once at the end. Throws Error for a
// cancelled session.
std::size_t add_platform_marks(store::Store& store, const Session& session,
                               const std::vector<PersonMarks>& people, const ProgressFn& progress = {});

// Recomputes every summary of the session from its marks (after a change of start, length or threshold).
void recompute_session_attendance(store::Store& store, const Session& session);

// Recomputes the summaries of `people` in the session from the marks they have now: one left without marks has
// no summary any more (after an import's marks were taken back from them).
void recompute_people_attendance(store::Store& store, const Session& session, std::span<const Id> people);

} // namespace asnbelajar
