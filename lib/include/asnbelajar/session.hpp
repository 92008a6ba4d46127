// Sessions: series, codes, edits and cancellation.
#pragma once

#include "asnbelajar/model.hpp"
#include "asnbelajar/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar {

namespace store {
class Store;
}

// A session's start in its own zone (its `tz`), and the date of that: the one rule that places a session in a
// day, a week, a year or a certificate number, whatever zone a report is shown in (--tz). Throws Error for a
// zone find_zone() does not know.
LocalDateTime local_start(const Session& session);
Date local_start_date(const Session& session);
// The same for a session known by its start (UTC seconds) and zone name only (store::SessionTime).
Date local_start_date(std::int64_t start, std::string_view tz);

enum class Repeat { none, weekly, twice_weekly };

struct SeriesPlan {
    Repeat repeat = Repeat::none;
    int count = 1;
    std::vector<int> days; // ISO weekdays (1 = Monday); empty = the start's weekday (weekly) or Tue+Thu
};

// "weekly", "twice-weekly"; nullopt otherwise.
std::optional<Repeat> parse_repeat(std::string_view text);
// "thu,tue" or "kamis,selasa" (English or Indonesian, 3-letter or full) → sorted ISO weekdays. Throws Error.
std::vector<int> parse_weekdays(std::string_view text);

// Throws Error (naming the option) for a plan that cannot be made: a count below 1 or above 520, a count or
// days without a repeat, a twice-weekly plan with days that are not two, a weekly one with more than one day.
void validate_series_plan(const SeriesPlan& plan);

// The local dates of a series: `count` dates on `days`, starting at `first` (or the next listed day after
// it). Throws Error as validate_series_plan().
std::vector<Date> series_dates(Date first, const SeriesPlan& plan);

enum class AllowDuplicate { no, yes };

// Creates a session, or a whole series, in the caller's transaction. `base.start` is the first start (UTC)
// and `base.tz` its zone. Codes: `code` when given (a series gets code-1, code-2, …), else the local start
// date YYYY-MM-DD, then YYYY-MM-DD-2, -3 for further sessions that day. With a series number, each next
// session takes the next number. Returns the sessions as stored. Throws Error on a taken code, and, unless
// `duplicates` is yes, when any session of the plan has the start and title of a stored session (cancelled
// ones too): the message names every such session, and nothing is added.
std::vector<Session> add_sessions(store::Store& store, Session base, const std::string& code,
                                  const SeriesPlan& plan, AllowDuplicate duplicates = AllowDuplicate::no);

// A session by code, or by numeric id. Throws Error naming the text when there is none.
Session resolve_session(const store::Store& store, std::string_view text);

struct SessionEdit {
    std::optional<std::string> code, title, speaker, tz;
    std::optional<LocalDateTime> start; // in the new zone if tz is given, else the session's zone
    std::optional<int> minutes, jp_tenths, min_attendance, series;
    std::optional<std::optional<int>> capacity; // set to none = unlimited
    std::optional<bool> requires_survey, requires_posttest;
    std::optional<int> pass_score;
};

struct EditResult {
    Session session;
    std::vector<Id> promoted;          // waitlisted people who got seats after a capacity increase
    bool recomputed = false;           // attendance recomputed after a change of window or threshold
    bool requirements_changed = false; // --requires or --pass-score changed what a certificate needs
    int certificates = 0;              // live certificates of the session (counted when requirements changed)
};

// Applies an edit at time `now` (UTC seconds) in the caller's transaction: recomputes attendance outcomes when
// the window or the threshold changed, and, while the (edited) session has not started, fills new seats from
// the waiting list. Throws Error for invalid values.
EditResult edit_session(store::Store& store, const Session& session, const SessionEdit& edit,
                        std::int64_t now);

// Marks a session cancelled (kept for the record; it takes no enrollments or attendance).
Session cancel_session(store::Store& store, const Session& session);
// Undoes cancel_session: the session is scheduled again, with the enrollments it had. Returns false (and
// changes nothing) when it was not cancelled.
bool restore_session(store::Store& store, const Session& session);

// Deletes a session created by mistake, with its enrollments (returns how many), in the caller's
// transaction. Throws Error, saying why, when the session has attendance or certificates (revoked ones
// too): those are records, and a session that took place is cancelled, not deleted.
int delete_session(store::Store& store, const Session& session);

// Checks the numeric fields of a session; throws Error naming the option.
void validate_session(const Session& s);

// Parses --jp: "3", "2.5", "2,5" → tenths. nullopt when not a number with at most one decimal, or negative.
std::optional<int> parse_jp(std::string_view text);

} // namespace asnbelajar
