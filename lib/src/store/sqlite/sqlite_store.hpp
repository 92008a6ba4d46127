// The SQLite backend: a Store over one SQLite file (or SQLite's private temporary database for a dry run of a
// store that does not exist). Private to the store layer; the table-group files beside this one define its
// operations, schema.cpp the schema and its migrations, errors.cpp the mapping of SQLite's errors.
#pragma once

#include "asnbelajar/store.hpp"
#include "errors.hpp"
#include "probe_table.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace asnbelajar::store::sqlite {

// A bulk load under way (bulk.cpp).
struct BulkState {
    std::uint64_t expected_rows = 0; // 0: not known
    std::uint64_t threshold = 0;     // new people that take the load into append mode
    std::uint64_t added = 0;         // new people written so far
    std::uint64_t rows = 0;          // rows looked up so far
    bool projected = false;          // the projection from the first new people is done
    bool append = false;             // append mode: the participants' indexes dropped, the keys in memory
    KeyIndex nips, emails;           // append mode only
};

class SqliteStore final : public Store {
  public:
    // Opens the database at `path` and brings it to the current schema (Access::write), or checks that it is at
    // it (Access::read). `created`: open() made the file for this store (and removes it again when this throws).
    SqliteStore(const std::string& path, Access access, DryRun dry_run, bool created);
    ~SqliteStore() override;

    const std::string& location() const override { return path_; }
    bool created() const override { return created_; }
    void discard_created() override;

    void audit(const std::string& command, std::int64_t rows, const std::string& command_id) override;
    bool command_committed(const std::string& command_id) const override;
    std::vector<AuditEntry> audit_log(int limit) const override;

    std::size_t batch_rows() const override { return 256; }

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
    std::vector<Session> sessions_at(std::int64_t start, const std::string& title) const override;
    SessionHoldings session_holdings(Id session) const override;
    void delete_session(Id session) override;
    void update_session(const Session& s) override;
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

    void export_tables(TableSink& sink) const override;
    void import_rows(Table table, const TableRows& rows) override;
    void end_import() override;
    std::int64_t count_rows(Table table) const override;

    ResultCounts put_results(std::span<const ResultAttempt> attempts) override;
    std::optional<CertificateRecord> certificate_by_number(const std::string& number) const override;

    StoreCheck check() const override;
    std::string backup_to(const std::string& file, const std::string& shown) const override;

    // --- the SQLite backend's own ---
    // How a bulk load decides to go into append mode (the participants' indexes dropped, the keys in memory):
    // at once into an empty store, else once it has added this many people (or a fifth of those the store
    // held, if more), or is projected to from its first 1,000. 0: at once always; never_append: never. Tests
    // set it to run every import both ways; the results must not differ.
    static constexpr std::uint64_t never_append = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t append_after = 20000;
    // The highest participant id so far (0 for none): an upper bound of the rows, read without a scan.
    Id max_participant_id() const;
    // Calls `each(id, nip, email)` for every participant (empty views for NULLs), in id order.
    void each_participant_key(const std::function<void(Id, std::string_view, std::string_view)>& each) const;

  private:
    void begin_transaction() override;
    void commit_transaction() override;
    void rollback_transaction() noexcept override;

    // A statement prepared once per store and reset before reuse. `sql` must be a string literal: the cache is
    // keyed by its address.
    SQLite::Statement& stmt(const char* sql) const;
    // Resets every prepared statement: SQLite refuses to drop or create an index ("database table is locked")
    // while a statement of the connection is still stepping.
    void reset_statements() const;
    // Throws the Error that `e` means for the user (errors.hpp): the handler of every operation's
    // function-try-block. `written`: the values a failed write was storing, for a broken constraint's message.
    [[noreturn]] void fail(const SQLite::Exception& e, WrittenValues written = {}) const;

    // Fills the counts of t.session (t.session.id) from its enrollments, attendance and, when `certificates`,
    // its live certificates (sessions.cpp).
    void count_session(SessionTotals& t, bool certificates = true) const;
    // The participant with this id into `out`, reusing its strings' capacity; false when there is none.
    bool load_participant(Id id, Participant& out) const;
    // Bulk loads (bulk.cpp): the next slot of `out` for a found participant; whether a batch of `added` people
    // takes the load into append mode; append mode itself, and leaving it.
    void enter_append_mode();
    void leave_append_mode();
    void switch_to_wal() noexcept; // back to WAL after a new store's first transaction
    void count_added(std::size_t added);

    mutable SQLite::Database db_; // declared first: destroyed last, after the statements
    mutable std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
    // The people each_person_year() walks, for the SQL function asnb_wanted(id) its query filters with
    // (registered on first use).
    mutable const Tallies* wanted_ = nullptr;
    mutable bool wanted_registered_ = false;
    std::string path_;
    bool created_ = false;
    bool dry_run_ = false;
    bool in_transaction_ = false;
    bool first_transaction_pending_ = false; // a new store's first transaction is still to come
    bool wal_pending_ = false;        // a new store, still in rollback mode until its first commit (open.cpp)
    std::unique_ptr<BulkState> bulk_; // while a bulk load is under way
};

// --- helpers of the table-group files ---

// The columns of a participant, from the table aliased p, in the order read_participant() reads them.
#define PARTICIPANT_COLUMNS "p.id, p.nip, p.name, p.email, p.phone, p.agency, p.unit, p.position, p.grade"
// A participant from the columns first..first+8 (PARTICIPANT_COLUMNS) into `out`, reusing the capacity of its
// strings (NULL reads as empty).
void read_participant(SQLite::Statement& st, int first, Participant& out);
Participant read_participant(SQLite::Statement& st, int first = 0);
// Binds nip, name, email, phone, agency, unit, position, grade to parameters 1..8 (empty text as NULL), without
// copying: `p` must outlive the statement's execution.
void bind_participant_fields(SQLite::Statement& st, const Participant& p);

// A column's text in place, valid until the statement steps again (NULL reads as empty).
std::string_view text_view(const SQLite::Column& c);
inline std::string text_or_empty(const SQLite::Column& c) {
    return std::string(text_view(c));
}
void bind_text_or_null(SQLite::Statement& st, int index, const std::string& value);
// Binds `value` to parameter `index`, or NULL when it is empty.
template <typename T> void bind_or_null(SQLite::Statement& st, int index, const std::optional<T>& value) {
    if (value)
        st.bind(index, *value);
    else
        st.bind(index);
}

// Enrollment status, attendance summary, outcome and certificate from columns first..first+4 (status, minutes,
// self_declared, outcome, certificate number), into any row type with those members.
template <class Row> void read_presence(SQLite::Statement& st, int first, Row& r) {
    if (!st.getColumn(first).isNull()) r.enrollment = enrollment_status_from(st.getColumn(first).getString());
    if (!st.getColumn(first + 1).isNull()) {
        r.attendance =
            AttendanceSummary{st.getColumn(first + 1).getInt(), st.getColumn(first + 2).getInt() != 0};
        r.outcome = st.getColumn(first + 3).getString() == "attended" ? AttendanceOutcome::attended
                                                                      : AttendanceOutcome::partial;
    }
    r.certificate = text_or_empty(st.getColumn(first + 4));
}

// Sets an integer PRAGMA (PRAGMAs take no bound parameters). The one statement built at run time: `name` must
// be a string literal; the value is an integer, never text.
void set_pragma(SQLite::Database& db, const char* name, std::int64_t value);

// The schema and its migrations (schema.cpp).
void migrate(SQLite::Database& db);
// The indexes of the participants table (NIP and e-mail unique, phone), dropped and created in the caller's
// transaction by bulk loads.
void create_participant_indexes(SQLite::Database& db);
void drop_participant_indexes(SQLite::Database& db);

} // namespace asnbelajar::store::sqlite
