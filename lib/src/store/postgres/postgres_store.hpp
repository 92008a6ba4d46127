// The PostgreSQL backend: a Store over one PostgreSQL database (its search_path's schema), through libpq
// (pq.hpp). Private to the store layer; the table-group files beside this one define its operations,
// schema.cpp the schema and its migrations, errors.cpp the mapping of the server's errors, open.cpp the
// connection, transactions, locks, check and backups.
//
// Writers are serialised where the rules need it (docs/architecture.md, "The PostgreSQL backend"): a write
// transaction takes a row lock on a session (SELECT … FOR UPDATE) before it reads or writes anything of that
// session, an advisory lock before it looks up participants to write them, and the certificate counter's row
// by updating it. Locks wait `lock_timeout` (10 s, $ASNBELAJAR_PG_LOCK_TIMEOUT seconds), then fail as "locked".
#pragma once

#include "asnbelajar/store.hpp"
#include "errors.hpp"
#include "pq.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>

namespace asnbelajar::store::postgres {

class PostgresStore final : public Store {
  public:
    // Connects to `url` and brings the database to the current schema (Access::write: creating it inside the
    // first write transaction when it is missing, so that a failed first command leaves nothing), or checks
    // that it is at it (Access::read).
    PostgresStore(const std::string& url, Access access, DryRun dry_run);
    ~PostgresStore() override;

    const std::string& location() const override { return display_; }
    bool created() const override { return created_; }
    void discard_created() override;

    void audit(const std::string& command, std::int64_t rows, const std::string& command_id) override;
    bool command_committed(const std::string& command_id) const override;
    std::vector<AuditEntry> audit_log(int limit) const override;

    // A batch costs a few round trips whatever its size; 8,192 rows keep a batch's arrays and COPY data near a
    // megabyte.
    std::size_t batch_rows() const override { return 8192; }

    std::optional<Participant> participant_by_id(Id id) const override;
    std::optional<Participant> participant_by_nip(const std::string& nip) const override;
    std::optional<Participant> participant_by_email(const std::string& email) const override;
    std::optional<Participant> participant_by_phone(const std::string& phone) const override;
    std::vector<Participant> list_participants(const std::string& agency,
                                               const std::string& search) const override;
    void each_participant_name(const std::function<void(Id, std::string_view, std::string_view,
                                                        std::string_view)>& each) const override;
    void find_participants(std::span<const Participant> rows, ParticipantMatches& out) const override;
    void write_participants(std::span<const Participant> changed, std::span<Participant> added) override;
    void begin_bulk_load(std::uint64_t expected_rows) override;
    void end_bulk_load() override;
    std::vector<std::optional<Id>>
    participants_matching(std::span<const ParticipantKeys> keys) const override;

    std::optional<Session> session_by_id(Id id) const override;
    std::optional<Session> session_by_code(const std::string& code) const override;
    bool session_code_exists(const std::string& code) const override;
    Id insert_session(const Session& s) override;
    void update_session(const Session& s) override;
    std::vector<Session> sessions_at(std::int64_t start, const std::string& title) const override;
    SessionHoldings session_holdings(Id session) const override;
    void delete_session(Id session) override;
    std::vector<SessionTotals> session_totals(std::int64_t from, std::int64_t to) const override;
    SessionTotals session_totals(const Session& s) const override;

    std::vector<Enrollment> enrollments_of(Id session, std::span<const Id> participants) const override;
    EnrollmentCounts enrollment_counts(Id session) const override;
    SeatState seat_state(Id session, int limit) const override;
    void put_enrollments(Id session, std::span<const EnrollmentChange> changes) override;
    std::optional<Id> first_waitlisted(Id session) const override;
    std::vector<Enrollment> session_enrollments(Id session) const override;

    void add_marks(Id session, std::span<const PersonMarks> people) override;
    void delete_marks(Id session, Id participant, MarkKind kind) override;
    std::vector<PersonMarks> marks_of(Id session, std::span<const Id> participants) const override;
    std::vector<PersonMarks> session_marks(Id session) const override;
    std::vector<Id> participants_with_marks(Id session) const override;
    void put_summaries(Id session, std::span<const PersonSummary> summaries) override;
    void clear_session_attendance(Id session) override;
    void note_attendance_import(Id session, std::int64_t at) override;
    std::vector<Id> delete_batch_marks(Id session, const std::string& batch) override;
    OutcomeCounts outcome_counts(Id session) const override;

    std::vector<RosterRow> session_roster(Id session) const override;
    std::vector<AgencyCount> agency_attendance(Id session) const override;

    std::int64_t next_certificate_seq() override;
    std::int64_t highest_certificate_seq() const override;
    std::int64_t certificate_counter() const override;
    void set_certificate_counter(std::int64_t last) override;
    void insert_certificate(Id session, Id participant, std::int64_t seq, const std::string& number) override;
    std::optional<std::string> revoke_certificate(Id session, Id participant) override;
    std::vector<CertificateRow> live_certificates(const std::vector<Id>& sessions) const override;
    std::vector<SessionTime> session_times(std::int64_t from, std::int64_t to) const override;
    std::vector<SessionRate> attendance_rates(const std::vector<Id>& sessions) const override;
    std::vector<HistoryRow> participant_history(Id participant) const override;
    Tallies tally_participation(const std::vector<Id>& sessions) const override;
    void each_person_year(const Tallies& people, PersonDetail detail,
                          const std::function<void(PersonYear&)>& row) const override;

    // copy.cpp (written on the i16-pgtests branch, with db copy)
    void export_tables(TableSink& sink) const override;
    void import_rows(Table table, const TableRows& rows) override;
    void end_import() override;
    std::int64_t count_rows(Table table) const override;

    ResultCounts put_results(std::span<const ResultAttempt> attempts) override;
    std::optional<CertificateRecord> certificate_by_number(const std::string& number) const override;

    bool keeps_signing_key() const override { return true; }
    std::optional<std::string> signing_key() const override;
    std::string put_signing_key(const std::string& text) override;

    StoreCheck check() const override;
    std::string backup_to(const std::string& file, const std::string& shown) const override;

    // --- the PostgreSQL backend's own ---
    // The connection's round trips so far (tests count them: a batch must cost O(1)).
    std::uint64_t round_trips() const { return db_->round_trips(); }

  private:
    void begin_transaction() override;
    void commit_transaction() override;
    void rollback_transaction() noexcept override;

    // Throws the Error that `e` means for the user (errors.hpp): the handler of every operation's
    // function-try-block. `written`: the values a failed write was storing, for a broken constraint's message.
    [[noreturn]] void fail(const pq::Failure& e, WrittenValues written = {}) const;

    // Inside a write transaction: the row lock on the session, taken once per transaction, before anything of
    // the session is read or written (the session's capacity, queue and arrival numbers stay exact).
    void lock_session(Id session) const;
    // Inside a write transaction: the lock that serialises writers of participants (taken once).
    void lock_participants() const;
    bool writing() const { return in_transaction_; }
    // Runs `declare` ("DECLARE asnb_walk NO SCROLL CURSOR FOR SELECT ...", with `params`) and hands `batch` the
    // cursor's rows 10,000 at a time: libpq holds one batch, never the whole result. Inside the caller's
    // transaction when one is open (the cursor is closed after, so that a second walk may follow), else in a
    // read-only one of its own (reports.cpp).
    void walk(const char* declare, const pq::Params& params,
              const std::function<void(const pq::Result&)>& batch) const;
    // Fills the counts of the sessions of `out` (sessions.cpp).
    void count_sessions(std::vector<SessionTotals>& out, bool certificates = true) const;

    std::unique_ptr<pq::Connection> db_;
    std::string display_;
    bool created_ = false; // this process created the schema, in the transaction still open
    bool dry_run_ = false;
    bool in_transaction_ = false; // a Store::Transaction is open
    bool outer_open_ = false;     // open() left a transaction open (creating the schema, or a dry run)
    bool committing_ = false;     // COMMIT was sent: a connection lost now leaves the outcome unknown
    mutable bool participants_locked_ = false;
    mutable std::unordered_set<Id> locked_sessions_;
    int lock_timeout_s_ = 10;
    bool keys_deferred_ = false; // import_rows() dropped the keys and indexes; end_import() builds them again
};

// --- helpers of the table-group files ---

// The columns of a participant, from the table aliased p, in the order read_participant() reads them.
#define PG_PARTICIPANT_COLUMNS "p.id, p.nip, p.name, p.email, p.phone, p.agency, p.unit, p.position, p.grade"
// A participant from columns first..first+8 of `row` (PG_PARTICIPANT_COLUMNS), reusing `out`'s strings.
void read_participant(const pq::Result& r, int row, int first, Participant& out);
Participant read_participant(const pq::Result& r, int row, int first = 0);
// Enrollment status, attendance summary, outcome and certificate from columns first..first+4 (status,
// minutes, self_declared, outcome, certificate number).
template <class Row> void read_presence(const pq::Result& r, int row, int first, Row& out) {
    if (!r.null(row, first)) out.enrollment = enrollment_status_from(r.text(row, first));
    if (!r.null(row, first + 1)) {
        out.attendance = AttendanceSummary{r.int32(row, first + 1), r.int32(row, first + 2) != 0};
        out.outcome =
            r.text(row, first + 3) == "attended" ? AttendanceOutcome::attended : AttendanceOutcome::partial;
    }
    out.certificate = r.str(row, first + 4);
}
// A set of ids as one array parameter.
std::string id_array(std::span<const Id> ids);

// The schema and its migrations (schema.cpp): the version stored, or 0 when the database holds no store;
// throws Error when it holds other tables (not a store).
int stored_version(pq::Connection& db, const std::string& display);
// Creates or upgrades the schema inside the caller's transaction; throws Error when it is newer than this
// program's.
void migrate(pq::Connection& db, const std::string& display);

} // namespace asnbelajar::store::postgres
