// The records asnbelajar keeps: plain values, no behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asnbelajar {

using Id = std::int64_t;

struct Participant {
    Id id = 0;
    std::string nip; // 18 digits, or empty for someone identified by e-mail only
    std::string name;
    std::string email; // lower-case, or empty
    std::string phone; // +62…, or empty
    std::string agency;
    std::string unit;
    std::string position;
    std::string grade; // normalised golongan (III/a, IX), or empty
};

enum class SessionStatus { scheduled, cancelled };

struct Session {
    Id id = 0;
    std::string code;
    std::optional<int> series;
    std::string title;
    std::int64_t start = 0; // UTC seconds
    std::string tz = "Asia/Jakarta";
    int minutes = 0;
    int jp_tenths = 0; // JP × 10: "--jp" takes one decimal
    std::string speaker;
    std::optional<int> capacity; // none = unlimited
    int min_attendance = 70;     // percent of the session's minutes
    SessionStatus status = SessionStatus::scheduled;
    // What a certificate needs besides attendance (session add|edit --requires, --pass-score).
    bool requires_survey = false;   // a completed evaluation survey
    bool requires_posttest = false; // a post-test scored at least pass_score
    int pass_score = 60;            // percent
};

enum class EnrollmentStatus { enrolled, waitlisted, cancelled, walk_in };

struct Enrollment {
    Id session = 0;
    Id participant = 0;
    EnrollmentStatus status = EnrollmentStatus::enrolled;
    std::int64_t arrival = 0; // first-come order within the session
};

enum class AttendanceOutcome { attended, partial, absent };

// The results a session can require before its certificate: the evaluation survey (completed or not) and the
// post-test (scored).
enum class ResultKind { survey, posttest };

// One attempt of one person at a session's survey or post-test, as a results file gave it. An attempt is known
// by (session, participant, kind, submitted_at): importing it again replaces it; a person's attempts without a
// time are one attempt.
struct ResultAttempt {
    Id session = 0;
    Id participant = 0;
    ResultKind kind = ResultKind::survey;
    // Hundredths of a percent (0..10000): "8 / 10" is 8000, 7 of 9 is 7777 (rounded down, so that nobody
    // passes on rounding). None for a survey.
    std::optional<int> score;
    std::optional<std::int64_t> submitted_at; // UTC seconds; none when the file had no timestamp column
    std::string batch;                        // the import that wrote it (a digest of its file's rows)
};

// The JP (in tenths) a person earns in a session with `outcome`: the session's whole JP when attended, none
// when partial or absent (no pro rata). The one statement of the rule: reports and the store's yearly tallies
// (store::Store::participation) call it. Here, with the records, so that the store may use it too.
constexpr std::int64_t jp_earned_tenths(AttendanceOutcome outcome, std::int64_t session_jp_tenths) noexcept {
    return outcome == AttendanceOutcome::attended ? session_jp_tenths : 0;
}

// What one person's presence in one session adds up to, computed from the raw marks.
struct AttendanceSummary {
    int minutes = 0;
    bool self_declared = false; // a mark without minutes: counts as attended
};

// One raw mark, kept so that outcomes can be recomputed when a session's window or threshold changes.
// interval: one join–leave; duration: a total without times; span: a first join–last leave with the total time
// present inside it (Teams without per-join rows, Google Meet); manual: attend --minutes; self: self-declared.
enum class MarkKind { interval, duration, manual, self, span };
struct AttendanceMark {
    MarkKind kind = MarkKind::interval;
    std::int64_t join = 0;    // interval and span: UTC seconds
    std::int64_t leave = 0;   // interval and span: UTC seconds
    std::int64_t seconds = 0; // duration, span and manual: seconds present
    std::string source;       // zoom-webinar, zoom-meeting, teams, meet, csv, manual, self
    std::string batch;        // the platform export the mark came from (empty for manual and self marks)
};

// One person's marks in one session.
struct PersonMarks {
    Id person = 0;
    std::vector<AttendanceMark> marks;
};

std::string_view to_string(EnrollmentStatus s);
std::string_view to_string(AttendanceOutcome o);
std::string_view to_string(SessionStatus s);
std::string_view to_string(MarkKind k);
std::string_view to_string(ResultKind k); // "survey", "posttest"
std::optional<ResultKind> result_kind_from(std::string_view s);
std::optional<EnrollmentStatus> enrollment_status_from(std::string_view s);
std::optional<MarkKind> mark_kind_from(std::string_view s);

// "3" for 30 tenths, "2.5" for 25 ("2,5" with decimal ','), "-0.5" for -5: the one way JP is written, in
// machine output (decimal '.') and in human text (',' in Indonesian).
std::string format_jp(std::int64_t jp_tenths, char decimal = '.');

} // namespace asnbelajar
