// The SQLite store: the only place that knows SQL. Domain code calls these functions and never sees SQLiteCpp.
// Every function here throws asnbelajar::Error, never the database's exception: a broken constraint says the
// value ("NIP N already belongs to another participant"), a fault says what and which store ("the store F is
// locked by another process (...); try again", read-only, disk full, not a store or damaged, cannot open).
#pragma once

#include "asnbelajar/model.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar::store {

// The schema version this build writes. Older stores are migrated forward on open; newer ones are refused.
constexpr int schema_version = 3;

enum class Access { read, write };

// The store path: `--db` when given, else $ASNBELAJAR_DB when set and non-empty, else "./asnbelajar.db".
std::string resolve_store_path(const std::optional<std::string>& cli_value);

struct EnrollmentCounts {
    int enrolled = 0;
    int waitlisted = 0;
    int cancelled = 0;
    int walk_in = 0;
};

// One person's line in a session: enrollment, presence and certificate.
struct RosterRow {
    Participant person;
    std::optional<EnrollmentStatus>
        enrollment; // none: attended without any enrollment row (should not happen)
    std::optional<AttendanceSummary> attendance;
    std::optional<AttendanceOutcome> outcome; // stored with the summary
    std::string certificate;
    bool survey = false;         // an attempt at the session's survey is recorded
    std::optional<int> posttest; // the best post-test score (hundredths of a percent), if any attempt
};

// Per-session counts for the weekly report and session list.
struct SessionTotals {
    Session session;
    int enrolled = 0, waitlisted = 0, attended = 0, partial = 0, absent = 0, walk_ins = 0;
    int attended_enrolled = 0; // attended among enrolled people: the attendance-rate numerator
    int certificates = 0;
};

struct AgencyCount {
    std::string agency;
    int attended = 0;
};

// --- certificates and yearly reports ---
// A live certificate, for mail merges and SIASN uploads.
struct CertificateRow {
    std::string number;
    std::int64_t seq = 0;
    Id session = 0;
    Participant person;
};

// When a session takes place, without its counts.
struct SessionTime {
    Id id = 0;
    std::int64_t start = 0; // UTC seconds
    std::string tz;
    SessionStatus status = SessionStatus::scheduled;
};

struct SessionRate {
    Id session = 0;
    int enrolled = 0;
    int attended_enrolled = 0;
};

// One session in a person's history.
struct HistoryRow {
    Id session = 0;
    std::optional<EnrollmentStatus> enrollment; // none: present without an enrollment row
    std::optional<AttendanceSummary> attendance;
    std::optional<AttendanceOutcome> outcome; // none: absent
    std::string certificate;                  // the live certificate's number, or empty
};

// A person's record over a set of sessions (a year).
struct PersonYear {
    Participant person; // id, nip, name, agency and unit only (PersonDetail::report), or id and agency only
    int attended = 0;   // sessions attended
    std::int64_t jp_tenths = 0; // JP earned in them
};

// What Store::participation() reads of each person.
enum class PersonDetail {
    report, // id, nip, name, agency and unit; by agency (none first), then name, then id
    agency, // id and agency only, in no particular order (totals per agency)
};

struct StoreCheck {
    std::string integrity; // "ok" or SQLite's first complaints
    int version = 0;
    std::string journal_mode;
    std::int64_t participants = 0, sessions = 0, enrollments = 0, attendance = 0, marks = 0, certificates = 0,
                 results = 0, audit = 0;
};

// A Store (and anything that holds it) is used by one thread at a time: its connection runs without SQLite's
// own locking.
class Store {
  public:
    // Opens the store at `path`. With Access::write a missing file is created (mode 0600) and migrated to the
    // current schema; with Access::read a missing file throws Error naming the path. Throws Error when the file
    // is not a store, is newer than this program, or cannot be opened.
    Store(const std::string& path, Access access);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& path() const;
    // True when this Store created the file; `discard_new_file()` removes it again (used when the first command
    // on a new store fails, so that a failure leaves nothing behind).
    bool created() const;
    void discard_new_file();

    // A write transaction (BEGIN IMMEDIATE). Rolled back unless commit() is called. One at a time per Store.
    // Waits up to 30 s for another process's write, then throws Error (the store is locked).
    class Transaction {
      public:
        explicit Transaction(Store& store);
        ~Transaction();
        void commit();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;

      private:
        Store& store_;
        bool done_ = false;
    };

    // Appends one row to the audit log (inside the caller's transaction).
    void audit(const std::string& command, std::int64_t rows);
    struct AuditEntry {
        std::int64_t at = 0;
        std::string user, command;
        std::int64_t rows = 0;
    };
    std::vector<AuditEntry> audit_log(int limit) const;

    // --- participants ---
    std::optional<Participant> participant_by_id(Id id) const;
    std::optional<Participant> participant_by_nip(const std::string& nip) const;
    std::optional<Participant> participant_by_email(const std::string& email) const;
    std::optional<Participant> participant_by_phone(const std::string& phone) const;
    // Inserts; throws Error when the NIP or e-mail already belongs to someone else.
    Id insert_participant(const Participant& p);
    // Replaces every field of the participant with id p.id; throws Error when the NIP or e-mail already
    // belongs to someone else.
    void update_participant(const Participant& p);
    std::vector<Participant> list_participants(const std::string& agency, const std::string& search) const;

    // --- bulk import ---
    // The store at `path` for rehearsing a write (--dry-run): opened for writing when the file exists (run the
    // work in a Transaction that is never committed), else a new empty private store (SQLite's temporary
    // database, deleted by the system as soon as it is opened). Never creates a file at `path`.
    // Throws Error as the constructor does.
    static Store open_for_dry_run(const std::string& path);
    // Upsert lookups that refill `out` in place, reusing the capacity of its strings (a long import does not
    // allocate per row). Return false, leaving `out` unspecified, when nobody has that NIP / e-mail.
    bool load_participant_by_nip(const std::string& nip, Participant& out) const;
    bool load_participant_by_email(const std::string& email, Participant& out) const;
    // Inserts `p` unless its NIP or e-mail already belongs to someone; returns the new id, or 0 (and writes
    // nothing) when either is taken. Lets an import of new people skip both lookups.
    Id insert_participant_if_new(const Participant& p);
    // The arrival number the session's next enrollment takes (one more than the highest so far).
    std::int64_t next_arrival(Id session) const;
    // put_enrollment with the arrival number given by the caller, who counts up from next_arrival() inside one
    // transaction (put_enrollment looks the number up on every call).
    void put_enrollment_at(Id session, Id participant, EnrollmentStatus status, std::int64_t arrival);
    // The highest participant id so far (0 for none): an upper bound of the rows, read without a scan.
    Id max_participant_id() const;
    // Calls `each(id, nip, email)` for every participant (empty views for NULLs), in id order.
    void each_participant_key(const std::function<void(Id, std::string_view, std::string_view)>& each) const;
    bool load_participant_by_id(Id id, Participant& out) const;
    // Bulk loading (a roster of many new people): the import keeps the NIP and e-mail keys in memory, drops
    // the participants' indexes (NIP, e-mail, phone) inside its transaction, appends rows, and creates the
    // indexes again (one sort each) before it commits. While they are dropped, nothing but insert_participant,
    // update_participant and load_participant_by_id may touch participants, and NIP and e-mail uniqueness is
    // the caller's to keep: create_participant_indexes() throws Error when a duplicate slipped through (the
    // transaction then rolls back).
    void drop_participant_indexes();
    void create_participant_indexes();
    // Lets this connection's page cache grow to `kib` KiB (never shrinks it) for one long write job: the
    // indexes of a large roster then stay in memory instead of being re-read for every row.
    void reserve_cache(std::int64_t kib);
    // Sets this connection's page cache to `kib` KiB, up or down (pages beyond it are written out or dropped).
    void set_cache(std::int64_t kib);

    // --- sessions ---
    std::optional<Session> session_by_id(Id id) const;
    std::optional<Session> session_by_code(const std::string& code) const;
    bool session_code_exists(const std::string& code) const;
    // Insert or update; throw Error when another session has the code.
    Id insert_session(const Session& s);
    void update_session(const Session& s);
    // Sessions starting in [from, to) UTC, by start time; counts included.
    std::vector<SessionTotals> session_totals(std::int64_t from, std::int64_t to) const;
    SessionTotals session_totals(const Session& s) const;

    // --- enrollments ---
    std::optional<Enrollment> enrollment(Id session, Id participant) const;
    EnrollmentCounts enrollment_counts(Id session) const;
    // What placing a new enrollment needs to know, without counting a whole session: the enrolled people,
    // counted up to `limit` at most (the capacity), and whether anyone is on the waiting list.
    struct SeatState {
        int enrolled = 0; // min(enrolled, limit)
        bool waitlisted = false;
    };
    SeatState seat_state(Id session, int limit) const;
    // Inserts or changes a person's enrollment; a status change to enrolled/waitlisted/walk-in takes a new
    // arrival number (the end of the queue).
    void put_enrollment(Id session, Id participant, EnrollmentStatus status);
    // The waitlisted person who arrived first, if any.
    std::optional<Id> first_waitlisted(Id session) const;

    // --- attendance ---
    void add_mark(Id session, Id participant, const AttendanceMark& mark);
    // Removes the marks of one kind (e.g. the earlier manual mark before a new one).
    void delete_marks(Id session, Id participant, MarkKind kind);
    std::vector<AttendanceMark> marks(Id session, Id participant) const;
    std::vector<Id> participants_with_marks(Id session) const;
    void put_attendance(Id session, Id participant, const AttendanceSummary& summary,
                        AttendanceOutcome outcome);
    void delete_attendance(Id session, Id participant);
    // Drops every mark and summary of the session (attend --replace).
    void clear_session_attendance(Id session);

    // --- attendance import ---
    // Deletes the marks that one platform export (`batch`, AttendanceMark::batch) gave the session, and returns
    // the participants who had any, so that their summaries can be recomputed. Summaries are left as they are.
    std::vector<Id> delete_batch_marks(Id session, const std::string& batch);
    // The participant an export row names: the one with NIP `nip`, else e-mail `email`, else phone `phone`
    // (normalised values; empty ones match nobody). One lookup for the three.
    std::optional<Id> participant_matching(const std::string& nip, const std::string& email,
                                           const std::string& phone) const;
    // Every enrollment of the session, in no particular order (for work on many people at once).
    std::vector<Enrollment> session_enrollments(Id session) const;
    // How many people of the session attended and how many were partial.
    struct OutcomeCounts {
        int attended = 0, partial = 0;
    };
    OutcomeCounts outcome_counts(Id session) const;

    // --- reports ---
    std::vector<RosterRow> session_roster(Id session) const;
    // Attended people of one session by agency.
    std::vector<AgencyCount> agency_attendance(Id session) const;

    // --- certificates and yearly reports ---
    // Takes the next number of the global certificate counter; a number once taken is never handed out again,
    // even when its certificate is revoked. Inside a write transaction.
    std::int64_t next_certificate_seq();
    // Issues a certificate (issued now). Throws Error when `number` or `seq` exists already, or the person holds
    // a live certificate of the session.
    void insert_certificate(Id session, Id participant, std::int64_t seq, const std::string& number);
    // Revokes the person's live certificate in the session; returns its number, or nullopt when there was none.
    std::optional<std::string> revoke_certificate(Id session, Id participant);
    // Live certificates of `sessions`, by session start, then number order.
    std::vector<CertificateRow> live_certificates(const std::vector<Id>& sessions) const;
    // Sessions starting in [from, to) UTC, by start: just when and whether they take place (cheap).
    std::vector<SessionTime> session_times(std::int64_t from, std::int64_t to) const;
    // Enrolled people and those of them who attended, per session of `sessions` (the attendance-rate trend).
    std::vector<SessionRate> attendance_rates(const std::vector<Id>& sessions) const;
    // One person's line in every session they were enrolled in or present at, by session start.
    std::vector<HistoryRow> participant_history(Id participant) const;
    // Everyone enrolled in or present at any of `sessions`, with attended sessions and JP earned there, read as
    // `detail` says. Reads each session's rows once: linear in their number.
    std::vector<PersonYear> participation(const std::vector<Id>& sessions,
                                          PersonDetail detail = PersonDetail::report) const;

    // --- results (certificate gates) ---
    struct ResultCounts {
        std::uint64_t added = 0, replaced = 0, unchanged = 0;
    };
    // Records attempts, each replacing the attempt of the same person at the same kind of result of the
    // session with the same submitted_at (both none counts as the same); `unchanged` counts those that had
    // the same score already. Inside a write transaction. One call for a whole file (a batch, for a backend
    // behind a network).
    ResultCounts put_results(std::span<const ResultAttempt> attempts);

    // A certificate found by its number, live or revoked, with its session and person (certify verify).
    struct CertificateRecord {
        std::string number;
        Session session;
        Participant person;
        bool revoked = false;
    };
    std::optional<CertificateRecord> certificate_by_number(const std::string& number) const;

    StoreCheck check() const;

    // Writes a consistent copy of the whole store to `path` (mode 0600), safe while other processes write:
    // the copy is one snapshot. Written beside `path` and renamed over it, so an existing file is replaced
    // only by a complete backup. Throws Error on failure.
    void backup_to(const std::string& path) const;

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

} // namespace asnbelajar::store
