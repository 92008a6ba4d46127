// Reports: each is one query that fills a Report; renderers do the rest. Reports only read.
#pragma once

#include "asnbelajar/model.hpp"
#include "asnbelajar/table.hpp"

#include <string>

namespace asnbelajar {

class Store;

struct ReportContext {
    Zone zone;           // --tz: display zone, and the zone of periods
    Lang lang = Lang::id;
};

// The weekly report's period: `week_of` (a date, or an ISO week like 2022-W09) names the Monday–Sunday week
// containing it; `from`/`to` give an explicit range (both needed); with none of them, the last complete week
// before `today`. Empty strings mean "not given". Throws Error for bad dates or conflicting choices.
Period choose_week(const std::string& week_of, const std::string& from, const std::string& to, Date today);

// Sessions whose local start date (in each session's own zone) falls in `period`, cancelled ones left out.
// Columns: session,date,title,jp,enrolled,waitlisted,attended,partial,absent,walk_ins,attendance_rate,
// certificates; totals over the week; the top agencies by attendance as an extra table.
Report weekly_report(const Store& store, const Period& period, const ReportContext& ctx);

// One row per person enrolled in, waitlisted for, or present at the session.
// Columns: nip,name,email,agency,unit,enrollment,minutes,attendance,jp,certificate.
Report session_report(const Store& store, const Session& session, const ReportContext& ctx);

// Sessions starting in [from, to] (local dates in ctx.zone). Columns: code,series,title,start,minutes,jp,
// capacity,status,enrolled,attended.
Report session_list(const Store& store, const Period& period, const ReportContext& ctx);
// One session in the session-list columns, with its counts as totals.
Report session_details(const Store& store, const Session& session, const ReportContext& ctx);

// Columns: nip,name,email,phone,agency,unit,position,grade.
Report participant_list(const Store& store, const std::string& agency, const std::string& search,
                        const ReportContext& ctx);
Report participant_details(const Participant& person, const ReportContext& ctx);

} // namespace asnbelajar
