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

// The local dates of a series: `count` dates on `days`, starting at `first` (or the next listed day after
// it). Throws Error for a count below 1 or above 520, or a twice-weekly plan without two days.
std::vector<Date> series_dates(Date first, const SeriesPlan& plan);

// Creates a session, or a whole series, in the caller's transaction. `base.start` is the first start (UTC)
// and `base.tz` its zone. Codes: `code` when given (a series gets code-1, code-2, …), else the local start
// date YYYY-MM-DD, then YYYY-MM-DD-2, -3 for further sessions that day. With a series number, each next
// session takes the next number. Returns the sessions as stored. Throws Error on a taken code.
std::vector<Session> add_sessions(store::Store& store, Session base, const std::string& code,
                                  const SeriesPlan& plan);

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

// Applies an edit in the caller's transaction: recomputes attendance outcomes when the window or the
// threshold changed, and fills new seats from the waiting list. Throws Error for invalid values.
EditResult edit_session(store::Store& store, const Session& session, const SessionEdit& edit);

// Marks a session cancelled (kept for the record; it takes no enrollments or attendance).
Session cancel_session(store::Store& store, const Session& session);

// Checks the numeric fields of a session; throws Error naming the option.
void validate_session(const Session& s);

// Parses --jp: "3", "2.5", "2,5" → tenths. nullopt when not a number with at most one decimal, or negative.
std::optional<int> parse_jp(std::string_view text);

} // namespace asnbelajar
