// The SQLite store: the only place that knows SQL. Domain code calls these functions and never sees SQLiteCpp.
#pragma once

#include "asnbelajar/model.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace asnbelajar {

// The schema version this build writes. Older stores are migrated forward on open; newer ones are refused.
constexpr int schema_version = 1;

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
    std::optional<EnrollmentStatus> enrollment; // none: attended without any enrollment row (should not happen)
    std::optional<AttendanceSummary> attendance;
    std::optional<AttendanceOutcome> outcome; // stored with the summary
    std::string certificate;
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

struct StoreCheck {
    std::string integrity; // "ok" or SQLite's first complaints
    int version = 0;
    std::string journal_mode;
    std::int64_t participants = 0, sessions = 0, enrollments = 0, attendance = 0, marks = 0, certificates = 0,
                 audit = 0;
};

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
    // Replaces every field of the participant with id p.id.
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
    // Lets this connection's page cache grow to `kib` KiB (never shrinks it) for one long write job: the
    // indexes of a large roster then stay in memory instead of being re-read for every row.
    void reserve_cache(std::int64_t kib);

    // --- sessions ---
    std::optional<Session> session_by_id(Id id) const;
    std::optional<Session> session_by_code(const std::string& code) const;
    bool session_code_exists(const std::string& code) const;
    Id insert_session(const Session& s);
    void update_session(const Session& s);
    // Sessions starting in [from, to) UTC, by start time; counts included.
    std::vector<SessionTotals> session_totals(std::int64_t from, std::int64_t to) const;
    SessionTotals session_totals(const Session& s) const;

    // --- enrollments ---
    std::optional<Enrollment> enrollment(Id session, Id participant) const;
    EnrollmentCounts enrollment_counts(Id session) const;
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
    void put_attendance(Id session, Id participant, const AttendanceSummary& summary, AttendanceOutcome outcome);
    void delete_attendance(Id session, Id participant);
    // Drops every mark and summary of the session (attend --replace).
    void clear_session_attendance(Id session);

    // --- reports ---
    std::vector<RosterRow> session_roster(Id session) const;
    // Attended people of one session by agency.
    std::vector<AgencyCount> agency_attendance(Id session) const;

    StoreCheck check() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace asnbelajar
