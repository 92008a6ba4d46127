// Reports: each is one query that fills a Report; renderers do the rest. Reports only read.
#pragma once

#include "asnbelajar/model.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/table.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace asnbelajar {

struct ReportContext {
    Zone zone; // --tz: display zone, and the zone of periods
    Lang lang = Lang::id;
    // Only the main table's rows will be written (csv, tsv, jsonl): a report may leave out its extras and
    // charts, which can cost more to compute than the rows (the weekly report's agencies and 12-week trend).
    bool rows_only = false;
};

// Sessions whose local start date (in each session's own zone) falls in `period`, cancelled ones left out.
// Columns: session,date,title,jp,enrolled,waitlisted,attended,partial,absent,walk_ins,attendance_rate,
// certificates; totals over the week; the top agencies by attendance as an extra table.
Report weekly_report(const store::Store& store, const Period& period, const ReportContext& ctx);

// The weekly report also carries the attendance-rate trend of the 12 Monday–Sunday weeks ending with the week
// that holds period.to (extra "trend": from,to,sessions,enrolled,attended_enrolled,attendance_rate), and two
// charts: enrolled vs attended per session, and the trend.
// With ctx.rows_only the top agencies, the trend and the charts are left out (rows and totals stay).

// One row per person enrolled in, waitlisted for, or present at the session.
// Columns: nip,name,email,agency,unit,enrollment,minutes,attendance,jp,certificate.
Report session_report(const store::Store& store, const Session& session, const ReportContext& ctx);

// Sessions starting in [from, to] (local dates in ctx.zone). Columns: code,series,title,start,minutes,jp,
// capacity,status,enrolled,attended.
Report session_list(const store::Store& store, const Period& period, const ReportContext& ctx);
// One session in the session-list columns, with its counts as totals.
Report session_details(const store::Store& store, const Session& session, const ReportContext& ctx);

// Columns: nip,name,email,phone,agency,unit,position,grade.
Report participant_list(const store::Store& store, const std::string& agency, const std::string& search,
                        const ReportContext& ctx);
Report participant_details(const Participant& person, const ReportContext& ctx);

// --- yearly reports and certificates. Years are each session's local start year; cancelled sessions are left
// out; JP counts only "attended" outcomes. Targets and thresholds are in tenths of a JP. ---

constexpr std::int64_t default_jp_target_tenths = 200; // PP 11/2017 Pasal 203: at least 20 JP a year

// A person's transcript: one row per session they were enrolled in or present at, in `year` or (none) in every
// year. Columns: session,date,title,enrollment,minutes,attendance,jp,certificate. Extra "years": per-year
// sessions attended and JP against `target_tenths`.
Report participant_report(const store::Store& store, const Participant& person, std::optional<int> year,
                          std::int64_t target_tenths, const ReportContext& ctx);

// Everyone enrolled in or present at a session of `year`, with sessions attended and JP earned that year;
// with `below`, only people whose JP is below it. Columns: nip,name,agency,unit,sessions,jp,target,shortfall.
// The totals are computed here from compact tallies; the rows are streamed from `store` when the report is
// written (Table::stream), so the report must be written while `store` is open, and memory does not grow with
// the people it lists.
Report jp_report(const store::Store& store, int year, std::int64_t target_tenths,
                 std::optional<std::int64_t> below, const ReportContext& ctx);

// Per agency over the people of the jp report: participants, active (attended at least one session),
// attendances, jp, met_target (people with JP ≥ target) and met_target_rate (÷ participants).
Report agency_report(const store::Store& store, int year, std::int64_t target_tenths,
                     const ReportContext& ctx);

// The session's live certificates in number order, for mail merges.
// Columns: certificate,nip,name,agency,session,date,title,jp.
Report certificates_report(const store::Store& store, const Session& session, const ReportContext& ctx);

struct SiasnOptions {
    std::string institution = "BPSDM Provinsi Jawa Timur";
    std::string course_type = "Seminar/Konferensi/Sarasehan"; // LAN 10/2018 track KL06
};

// One row per live certificate of `year` for a SIASN course-history upload; certificates of people without a
// NIP cannot be uploaded and are left out (counted in Report::notes). Columns: nip,nama_kursus,
// institusi_penyelenggara,jenis_kursus,jumlah_jam,nomor_sertipikat,tahun_kursus,tanggal_kursus,
// tanggal_selesai_kursus (dates dd-mm-yyyy in every format).
Report siasn_report(const store::Store& store, int year, const SiasnOptions& options,
                    const ReportContext& ctx);

// `db check`: columns check,value (integrity, schema_version, journal_mode and the row counts).
Report store_check_report(const store::StoreCheck& check, const std::string& path, const ReportContext& ctx);
// `db log`: columns at,user,command,rows.
Report audit_report(const std::vector<store::AuditEntry>& entries, const ReportContext& ctx);

} // namespace asnbelajar
