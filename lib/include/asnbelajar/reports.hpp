// Reports: each is one query that fills a Report; renderers do the rest. Reports only read.
#pragma once

#include "asnbelajar/certificates.hpp"
#include "asnbelajar/model.hpp"
#include "asnbelajar/nip.hpp"
#include "asnbelajar/siasn.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/table.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace asnbelajar {

struct ReportContext {
    Zone zone; // --tz: display zone, and the zone of periods
    Lang lang = Lang::id;
    // Only the main table's rows will be written (csv, tsv, jsonl): a report may leave out its extras and
    // charts, which can cost more to compute than the rows (the weekly report's agencies and 12-week trend).
    bool rows_only = false;
    // The time the report is made (UTC seconds): sessions that ended before it and lack attendance data are
    // reported as incomplete (Report::incomplete); later ones have simply not taken place yet.
    std::int64_t now = std::numeric_limits<std::int64_t>::max();
    // How the user runs the program ("asnbelajar", or "asnbelajar --db /srv/a.db"), for the commands the
    // report's notes tell them to run.
    std::string command = "asnbelajar";
};

// Sessions whose local start date (in each session's own zone) falls in `period`, cancelled ones left out.
// Columns: session,date,title,jp,enrolled,waitlisted,attended,partial,absent,walk_ins,attendance_rate,
// certificates,attendance_recorded; totals over the week; the top agencies by attendance as an extra table.
// A session without attendance evidence (store::SessionTotals::recorded) is "not recorded": attendance_recorded
// false, and its attended, partial, absent, walk_ins and attendance_rate are Marked (empty in machine
// formats, a marker in human ones) and left out of the totals and the trend; one that has ended by ctx.now
// gets a warning naming the command that imports its attendance, and a line in Report::incomplete.
Report weekly_report(const store::Store& store, const Period& period, const ReportContext& ctx);

// The weekly report also carries the attendance-rate trend of the 12 Monday–Sunday weeks ending with the week
// that holds period.to (extra "trend": from,to,sessions,enrolled,attended_enrolled,attendance_rate), and two
// charts: enrolled vs attended per session, and the trend.
// With ctx.rows_only the top agencies, the trend and the charts are left out (rows and totals stay).

// One row per person enrolled in, waitlisted for, or present at the session.
// Columns: nip,name,email,agency,unit,enrollment,minutes,attendance,jp,certificate,survey,posttest; survey is
// done/missing and posttest the best score or missing, both empty where the session does not require them. A
// certificate whose holder did not attend is Marked for people, with a warning (certify --sync settles it). A
// session whose attendance is not recorded has Marked attendance totals and, once ended, a warning and a line
// in incomplete.
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
// PP 49/2018 Pasal 40 ayat (1): a PPPK's competency development is "paling lama 24 JP" a contract year, a
// ceiling and not a target. Shown in the reports' subtitles; never used as a target.
constexpr std::int64_t pppk_jp_ceiling_tenths = 240;

// The yearly JP targets, per kind of identity (the NIP's digits 13-14, see nip_kind).
struct JpTargets {
    std::int64_t pns = default_jp_target_tenths; // --target: PNS, and people without a NIP (kind unknown)
    std::optional<std::int64_t> pppk;            // --target-pppk; none: PPPK have no target
    // The target of a person with this NIP (empty: no NIP), or none.
    std::optional<std::int64_t> for_nip(std::string_view nip) const;
    // The same for a person of this kind (person_type: none without a NIP).
    std::optional<std::int64_t> for_kind(std::optional<NipKind> kind) const;
};

// The kind of ASN of a NIP for the reports' `type` column and --type: none for people without a NIP.
std::optional<NipKind> person_type(std::string_view nip);
// "PNS" or "PPPK".
const char* type_name(NipKind kind);

// A person's transcript: one row per session they were enrolled in or present at, in `year` or (none) in every
// year. Columns: session,date,title,enrollment,minutes,attendance,jp,certificate. Extra "years": per-year
// sessions attended and JP against the person's target in `targets` (target and shortfall empty when they
// have none).
Report participant_report(const store::Store& store, const Participant& person, std::optional<int> year,
                          const JpTargets& targets, const ReportContext& ctx);

// Everyone enrolled in or present at a session of `year`, with sessions attended and JP earned that year;
// with `below`, only people whose JP is below it; with `type`, only people whose NIP is of that kind (people
// without a NIP are then left out). Columns: nip,name,agency,unit,sessions,jp,target,shortfall,type: target is
// the person's (JpTargets::for_nip), shortfall = max(0, target − jp); both empty for someone without a target;
// type is PNS, PPPK or empty (no NIP). Totals: participants, jp, met_target and below_target (over the people
// with a target), total shortfall, and no_target when anyone has none. The totals are computed here, in one
// pass over the people that holds none of them; the rows are streamed from `store` when the report is written
// (Table::stream), so the report must be written while `store` is open, and memory does not grow with the
// people it lists.
Report jp_report(const store::Store& store, int year, const JpTargets& targets, std::optional<NipKind> type,
                 std::optional<std::int64_t> below, const ReportContext& ctx);

// Per agency and type over the people of the jp report (with the same `type` filter): participants, active
// (attended at least one session), attendances, jp, met_target (people with JP ≥ their target) and
// met_target_rate (met_target ÷ the people with a target), type. Rows by agency ("" first), then PNS, PPPK,
// no NIP. met_target and met_target_rate are empty for a row whose people have no target.
Report agency_report(const store::Store& store, int year, const JpTargets& targets,
                     std::optional<NipKind> type, const ReportContext& ctx);

// The session's live certificates in number order, for mail merges.
// Columns: certificate,nip,name,agency,session,date,title,jp,qualifies. `qualifies` is false for a certificate
// whose holder no longer attended (its number is Marked for people, and a warning names certify --sync).
Report certificates_report(const store::Store& store, const Session& session, const ReportContext& ctx);

// The verification code of each live certificate of the session, in number order, signed with `key`
// (certify codes): for a mail merge or the agency's own portal. Columns: certificate,nip,email,name,code.
Report certificate_codes_report(const store::Store& store, const Session& session, const SigningKey& key,
                                const ReportContext& ctx);

// The public half of the signing key (certify key --public in a machine format). Columns:
// algorithm,key_id,public_key.
Report public_key_report(const PublicKey& key, const ReportContext& ctx);

// One row per code checked (certify verify). Columns: status,certificate,nip,email,name,session,title,date,
// jp,key_id,store_checked; the fields are those the code carries (name and title from the store), empty for a
// text that held no code.
Report verification_report(const std::vector<CodeVerdict>& verdicts, const ReportContext& ctx);

struct SiasnOptions {
    std::string institution = "BPSDM Provinsi Jawa Timur"; // institusiPenyelenggara
    int jenis_diklat = default_jenis_diklat_id;            // jenisDiklatId: an id of jenis_diklat_reference()
    JpRounding rounding = JpRounding::refuse;              // how fractional JP become jumlahJam
};

// One row per live certificate of `year` for a SIASN course-history (riwayat kursus) upload, by session start
// then number; certificates of people without a NIP cannot be uploaded and are left out (counted in
// Report::notes), and certificates whose holders no longer attended are left out with a warning per session
// (certify --sync settles them). Columns: nip,jenis_diklat_id,jenis_kursus_sertipikat,nama_kursus,institusi_penyelenggara,
// jumlah_jam,nomor_sertipikat,tahun_kursus,tanggal_kursus,tanggal_selesai_kursus: the certificate code is the
// reference's for the id, jumlah_jam the session's JP in whole hours, dates dd-mm-yyyy in every format. The
// report is a plain sheet in xlsx (an upload sheet: header of machine keys in row 1).
// Throws Error when options.jenis_diklat is not in the reference, or when a session with rows has a
// fractional JP and options.rounding is refuse (naming every such session).
Report siasn_report(const store::Store& store, int year, const SiasnOptions& options,
                    const ReportContext& ctx);

// The same records under SIASN's own field names, as POST .../kursus/save takes them, with `nip` where SIASN
// wants `pnsOrangId` (the uploader looks it up by NIP) and without the uploader's `instansiId`: nip,
// jenisDiklatId (a string, "9"), jenisKursusSertipikat, jenisKursus (always ""), namaKursus,
// institusiPenyelenggara, jumlahJam (an integer), nomorSertipikat, tahunKursus (an integer), tanggalKursus,
// tanggalSelesaiKursus. Meant for json and jsonl. Throws as siasn_report.
Report siasn_api_report(const store::Store& store, int year, const SiasnOptions& options,
                        const ReportContext& ctx);

// `db check`: columns check,value (integrity, schema_version, journal_mode, the row counts and
// certificates_not_qualifying, with a warning naming their sessions when there are any).
Report store_check_report(const store::StoreCheck& check, const std::string& path, const ReportContext& ctx);
// `db log`: columns at,user,command,rows.
Report audit_report(const std::vector<store::AuditEntry>& entries, const ReportContext& ctx);

} // namespace asnbelajar
