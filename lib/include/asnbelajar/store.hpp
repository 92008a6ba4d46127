// The store: the only place that knows SQL. An interface (Store) with one implementation per database engine
// (lib/src/store/sqlite/, lib/src/store/postgres/), chosen by store::open() from the store's location.
// Domain code and commands call these operations and never see SQL, a database library or a backend's tuning.
//
// Every operation throws asnbelajar::Error, never the database's exception: a broken constraint says the value
// ("NIP N already belongs to another participant"), a fault says what and which store ("the store F is locked
// by another process (...); try again", read-only, disk full, not a store or damaged, cannot open).
//
// The operations of the bulk paths (roster import, enroll --file, attend --file) take and return batches, so
// that a backend behind a network answers a batch in a few round trips (COPY, set-based statements, pipelines)
// instead of one per row; the SQLite backend loops over prepared statements inside.
#pragma once

#include "asnbelajar/model.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace asnbelajar::store {

// The schema version this build writes. Older stores are migrated forward on open; newer ones are refused.
constexpr int schema_version = 5;

enum class Access { read, write };
// DryRun::yes: rehearse a write (--dry-run). See open().
enum class DryRun { no, yes };

// True when `location` is a PostgreSQL connection URL (libpq's two schemes, postgresql:// and postgres://), which
// open() hands to the PostgreSQL backend; anything else is an SQLite file.
bool postgres_url(std::string_view location);

// True when the store at `location` keeps its certificate signing key itself (Store::keeps_signing_key: a
// PostgreSQL registry), without opening it.
bool keeps_signing_key(const std::string& location);

// The store's location: `--db` when given, else $ASNBELAJAR_DB when set and non-empty, else "./asnbelajar.db".
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
    // Attendance evidence: someone has attendance (a mark or a summary) in the session, or an export was
    // imported for it (Store::note_attendance_import). Without it, absent and the rate mean nothing.
    bool recorded = false;
};

struct AgencyCount {
    std::string agency;
    int attended = 0;
};

// A live certificate, for mail merges and SIASN uploads.
struct CertificateRow {
    std::string number;
    std::int64_t seq = 0;
    Id session = 0;
    Participant person;
    // The holder's outcome in the session is "attended" now. False after a correction (a higher threshold, a
    // shorter window, a manual mark, a re-import): the certificate no longer qualifies (certify --sync).
    bool attended = true;
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
    bool recorded = false; // as SessionTotals::recorded
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
    Participant person; // id, nip, name, agency and unit only (PersonDetail::report), or id, agency and nip
    int attended = 0;   // sessions attended
    std::int64_t jp_tenths = 0; // JP earned in them
};

// What Store::each_person_year() reads of each person.
enum class PersonDetail {
    report, // id, nip, name, agency and unit; by agency (none first), then name, then id
    agency, // id, agency and nip only, in no particular order (totals per agency and type)
};

// A set of sessions tallied per person (Store::tally_participation): who was enrolled in or present at any of
// them, how many they attended and the JP they earned there. Backend-neutral and compact: 4 bytes a slot,
// dense by participant id up to the largest id the store reported (ids are dense from 1), any other id and any
// tally too large for a slot (over 126 sessions or 1,677,721.5 JP) in a map; so that a year of 6 million
// people takes about 24 MB however many rows the reports built on it print.
class Tallies {
  public:
    // Dense slots for ids 0..max_id (none when max_id < 0 or beyond 1 << 28: then every id goes to the map).
    explicit Tallies(Id max_id = -1);

    // Counts `person` in (enrolled or present); attended or not, with `jp_tenths` earned (0 when not attended).
    void add(Id person, bool attended = false, std::int64_t jp_tenths = 0);
    // Whether `person` is counted in.
    bool contains(Id person) const;
    // `person`'s sessions attended and JP tenths; {0, 0} when not counted in.
    std::pair<int, std::int64_t> get(Id person) const;
    // How many people are counted in.
    std::size_t people() const { return people_; }
    // Calls `each(id, attended, jp_tenths)` for every person counted in, in id order.
    void each(const std::function<void(Id, int, std::int64_t)>& each) const;

  private:
    struct Wide {
        int attended = 0;
        std::int64_t jp_tenths = 0;
    };
    // A dense slot: 0 = not counted in; else bit 31 set, bits 24..30 sessions attended, bits 0..23 JP tenths;
    // sessions attended 127 = the tally is in wide_.
    std::vector<std::uint32_t> dense_;
    std::map<Id, Wide> wide_; // ids outside the dense part, and tallies too large for a slot
    std::size_t people_ = 0;
};

struct StoreCheck {
    std::string integrity; // "ok" or the database's first complaints
    int version = 0;
    std::string journal_mode;
    std::int64_t participants = 0, sessions = 0, enrollments = 0, attendance = 0, marks = 0, certificates = 0,
                 results = 0, audit = 0;
    // Live certificates whose holder did not attend (CertificateRow::attended false), and the codes of their
    // sessions (cancelled ones too), by session start.
    std::int64_t certificates_not_qualifying = 0;
    std::vector<std::string> sessions_with_unqualified_certificates;
};

struct AuditEntry {
    std::int64_t at = 0;
    std::string user, command;
    std::int64_t rows = 0;
};

// What find_participants() found for a batch of rows. Reused from batch to batch: the entries of `people`
// beyond `found` are spare ones, kept for the capacity of their strings (a long import allocates nothing per
// row here).
struct ParticipantMatches {
    std::vector<Participant> people; // people[0..found): stored participants, as stored
    std::size_t found = 0;
    // Per row of the batch: the index in `people` of the participant holding the row's NIP / e-mail address,
    // or -1 (nobody, or the row has none). One participant holding both is found once: both name one index.
    std::vector<int> by_nip, by_email;
};

// The identities an attendance row can be matched by, normalised: 18 NIP digits, a lower-case e-mail, a +62
// phone; empty ones match nobody.
struct ParticipantKeys {
    std::string nip, email, phone;
    bool empty() const { return nip.empty() && email.empty() && phone.empty(); }
};

// One enrollment to put: see put_enrollments().
struct EnrollmentChange {
    Id participant = 0;
    EnrollmentStatus status = EnrollmentStatus::enrolled;
};

// What put_results() did with a file's attempts.
struct ResultCounts {
    std::uint64_t added = 0, replaced = 0, unchanged = 0;
};

// A certificate found by its number: see certificate_by_number().
struct CertificateRecord {
    std::string number;
    Session session;
    Participant person;
    bool revoked = false;
};

// One person's attendance summary to put: see put_summaries(). No summary: the person has none (not present).
struct PersonSummary {
    Id participant = 0;
    std::optional<AttendanceSummary> summary;
    AttendanceOutcome outcome = AttendanceOutcome::attended;
};

// --- whole tables, for copying a store from one backend to another (db copy) ---

// The store's tables, in an order where every table comes after the tables it refers to: the order a copy
// writes them in. Every backend keeps the same tables with the same columns, in the order listed here.
enum class Table {
    participants,     // id, nip, email, phone, name, agency, unit, position, grade, created, updated
    sessions,         // id, code, series, title, start, tz, minutes, jp_tenths, speaker, capacity,
                      // min_attendance, status, created, attendance_imported, requires_survey,
                      // requires_posttest, pass_score
    enrollments,      // session_id, participant_id, status, arrival, created, updated
    attendance_marks, // id, session_id, participant_id, kind, join_at, leave_at, seconds, source, batch, created
    attendance,       // session_id, participant_id, minutes, self_declared, outcome
    certificates,     // id, seq, number, session_id, participant_id, issued, revoked
    results,          // id, session_id, participant_id, kind, score, submitted_at, batch, created
    counters,         // name, value
    audit_log,        // id, at, os_user, command, rows, command_id
};
inline constexpr std::array<Table, 9> all_tables{
    Table::participants, Table::sessions, Table::enrollments, Table::attendance_marks, Table::attendance,
    Table::certificates, Table::results,  Table::counters,    Table::audit_log};
// The table's name ("attendance_marks") and its number of columns.
std::string_view table_name(Table table);
std::size_t table_columns(Table table);

// One value of a stored row: NULL, an integer or text.
using Value = std::variant<std::monostate, std::int64_t, std::string>;

// Rows of one table: `columns` values per row (in the order Table lists), row after row. Reused from batch to
// batch: set() keeps the capacity of the strings it overwrites.
struct TableRows {
    std::size_t columns = 0;
    std::vector<Value> values;
    std::size_t rows = 0;

    // Empties the batch for `cols` columns per row; keeps the values' storage.
    void reset(std::size_t cols) {
        columns = cols;
        rows = 0;
    }
    // The value at (row, col) of a batch being filled: grows the storage when needed.
    Value& at(std::size_t row, std::size_t col) {
        const std::size_t i = row * columns + col;
        if (i >= values.size()) values.resize(i + 1);
        return values[i];
    }
    const Value& at(std::size_t row, std::size_t col) const { return values[row * columns + col]; }
    void set_null(std::size_t row, std::size_t col) { at(row, col) = std::monostate{}; }
    void set(std::size_t row, std::size_t col, std::int64_t v) { at(row, col) = v; }
    void set(std::size_t row, std::size_t col, std::string_view v) {
        Value& x = at(row, col);
        if (auto* s = std::get_if<std::string>(&x))
            s->assign(v);
        else
            x = std::string(v);
    }
};

// Where Store::export_tables() hands what it reads.
class TableSink {
  public:
    virtual ~TableSink() = default;
    // First, once: the number of rows of each table in the snapshot, indexed by Table.
    virtual void counted(const std::array<std::int64_t, all_tables.size()>& rows) = 0;
    // Then the rows of each table, table after table in the order of all_tables, each in key order, in batches
    // (reused: copy what must outlive the call); never an empty batch (an empty table gets none).
    virtual void rows(Table table, const TableRows& batch) = 0;
};

// An open store. What every backend guarantees (docs/architecture.md, "The seam"):
//  - writes happen inside a Transaction and are all kept or all lost; writers are serialised so that a
//    session's capacity, waiting list and arrival numbers stay exact when several processes write at once;
//  - reads return the same rows in the same order on every backend: text compares and sorts by its bytes
//    (SQLite's BINARY collation, PostgreSQL's COLLATE "C"), so that reports are byte-identical;
//  - failures are asnbelajar::Error with the messages of lib/src/store/errors.hpp.
// A Store (and anything that holds it) is used by one thread at a time.
class Store {
  public:
    virtual ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Where the store is, as the user named it, safe to print (never with a password).
    virtual const std::string& location() const = 0;
    // True when opening created the store; `discard_created()` removes it again (used when the first command
    // on a new store fails, so that a failure leaves nothing behind). The Store is unusable afterwards, except
    // that created() is then false and discard_created() does nothing (a store made at the same path since is
    // not this one).
    virtual bool created() const = 0;
    virtual void discard_created() = 0;

    // A write transaction. Rolled back unless commit() is called. One at a time per Store. Waits up to 30 s for
    // another process's write, then throws Error (the store is locked). On a store opened with DryRun::yes,
    // commit() rolls back too: nothing is ever kept.
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

    // Appends one row to the audit log (inside the caller's transaction). `command_id`: the command's unique id
    // (store_retry.hpp), or empty; an id is recorded once (Error when it is there already).
    virtual void audit(const std::string& command, std::int64_t rows, const std::string& command_id = {}) = 0;
    // Whether a committed audit row carries `command_id` (the command it names committed). On PostgreSQL it
    // answers once the synchronous standby, when there is one, has that commit too (a write connection only).
    virtual bool command_committed(const std::string& command_id) const = 0;
    // The last `limit` entries, oldest first.
    virtual std::vector<AuditEntry> audit_log(int limit) const = 0;

    // --- participants ---
    virtual std::optional<Participant> participant_by_id(Id id) const = 0;
    virtual std::optional<Participant> participant_by_nip(const std::string& nip) const = 0;
    virtual std::optional<Participant> participant_by_email(const std::string& email) const = 0;
    // The first (lowest id) of the participants with this phone number.
    virtual std::optional<Participant> participant_by_phone(const std::string& phone) const = 0;
    // Inserts; returns the new id. Throws Error when the NIP or e-mail already belongs to someone else.
    Id insert_participant(const Participant& p);
    // Replaces every field of the participant with id p.id; throws Error when the NIP or e-mail already
    // belongs to someone else.
    void update_participant(const Participant& p);
    // By name, then id. `agency`: exactly that agency ("" for all); `search`: a part of the name (ASCII case
    // ignored), NIP or e-mail ("" for all); both are data, never patterns.
    virtual std::vector<Participant> list_participants(const std::string& agency,
                                                       const std::string& search) const = 0;
    // Calls `each` once with every participant's id, name, NIP and e-mail ("" when it has none), in no given
    // order, reading a batch at a time: memory stays bounded however many participants the store holds. The
    // views are valid during the call only.
    virtual void each_participant_name(
        const std::function<void(Id, std::string_view name, std::string_view nip, std::string_view email)>&
            each) const = 0;

    // How many rows the bulk paths hand a batch operation at once. A backend behind a network wants many (a
    // batch costs a few round trips whatever its size); SQLite wants few, so that a batch's rows stay in the
    // processor's cache between the lookup and the write (measured: 4,096 rows made a re-import of 1,000,000
    // people 20 % slower than 256).
    virtual std::size_t batch_rows() const = 0;

    // --- participants in batches (roster import, enroll --file, attend --create-unknown) ---
    // Finds, for each of `rows`, the stored participants holding its NIP and its e-mail address (see
    // ParticipantMatches), as the store is now: writes of the caller's transaction included.
    virtual void find_participants(std::span<const Participant> rows, ParticipantMatches& out) const = 0;
    // Writes a batch, inside the caller's write transaction: first every participant of `changed`, in order
    // (every field replaced, by id), then every one of `added` (inserted; their ids are set). A NIP or an
    // e-mail address may pass from one participant of `changed` to a later one, or from `changed` to `added`;
    // the caller (who checked with find_participants) guarantees that none ends with two people. Throws Error
    // when one would all the same, naming its value when the backend can tell.
    virtual void write_participants(std::span<const Participant> changed, std::span<Participant> added) = 0;
    // A bulk load: many participants written with write_participants() in the caller's transaction, about
    // `expected_rows` of them (0: not known). Lets the backend prepare: the SQLite backend sizes its page cache
    // for the job and, once enough new people come (or at once into an empty store), keeps their keys in
    // memory and builds the participants' indexes once at the end instead of updating them row by row.
    // end_bulk_load() undoes the preparation before the caller commits; it throws Error when the participants
    // break a uniqueness rule after all (the caller then rolls back). A bulk load not ended (an exception) ends
    // with the transaction: rolling back undoes the preparation, committing ends the load first.
    virtual void begin_bulk_load(std::uint64_t expected_rows) = 0;
    virtual void end_bulk_load() = 0;
    // For each of `keys`: the participant with that NIP, else that e-mail, else that phone (the lowest id),
    // or none. One call for a whole attendance export.
    virtual std::vector<std::optional<Id>>
    participants_matching(std::span<const ParticipantKeys> keys) const = 0;

    // --- sessions ---
    virtual std::optional<Session> session_by_id(Id id) const = 0;
    virtual std::optional<Session> session_by_code(const std::string& code) const = 0;
    virtual bool session_code_exists(const std::string& code) const = 0;
    // Insert or update; throw Error when another session has the code.
    virtual Id insert_session(const Session& s) = 0;
    virtual void update_session(const Session& s) = 0;
    // The sessions (cancelled ones too) that start at `start` (UTC seconds) with exactly this title, by id.
    virtual std::vector<Session> sessions_at(std::int64_t start, const std::string& title) const = 0;
    // What a session holds: enrollment rows, people with attendance (marks or a summary), certificates (revoked
    // ones too: their numbers stay on record).
    struct SessionHoldings {
        int enrollments = 0, attendance = 0, certificates = 0;
    };
    virtual SessionHoldings session_holdings(Id session) const = 0;
    // Deletes the session and its enrollments. Throws Error when attendance or certificates refer to it.
    virtual void delete_session(Id session) = 0;
    // Sessions starting in [from, to) UTC, by start time (then id); counts included.
    virtual std::vector<SessionTotals> session_totals(std::int64_t from, std::int64_t to) const = 0;
    virtual SessionTotals session_totals(const Session& s) const = 0;

    // --- enrollments ---
    std::optional<Enrollment> enrollment(Id session, Id participant) const;
    // The enrollments in `session` of `participants`: one per person that has one, in no particular order.
    virtual std::vector<Enrollment> enrollments_of(Id session, std::span<const Id> participants) const = 0;
    virtual EnrollmentCounts enrollment_counts(Id session) const = 0;
    // What placing a new enrollment needs to know, without counting a whole session: the enrolled people,
    // counted up to `limit` at most (the capacity), and whether anyone is on the waiting list.
    struct SeatState {
        int enrolled = 0; // min(enrolled, limit)
        bool waitlisted = false;
    };
    virtual SeatState seat_state(Id session, int limit) const = 0;
    // Inserts or changes each person's enrollment in `session`, in the order given. A status of enrolled,
    // waitlisted or walk-in takes the session's next arrival number (the end of the queue), so the batch's
    // order is the queue's; cancelled keeps the number (someone without an enrollment takes the next). Inside
    // the caller's write transaction, which holds off every other writer of the session: two processes never
    // draw the same number.
    virtual void put_enrollments(Id session, std::span<const EnrollmentChange> changes) = 0;
    void put_enrollment(Id session, Id participant, EnrollmentStatus status);
    // The waitlisted person who arrived first, if any.
    virtual std::optional<Id> first_waitlisted(Id session) const = 0;
    // Every enrollment of the session, in no particular order (for work on many people at once).
    virtual std::vector<Enrollment> session_enrollments(Id session) const = 0;

    // --- attendance ---
    // Adds each person's marks (kept in the order given: later marks are newer).
    virtual void add_marks(Id session, std::span<const PersonMarks> people) = 0;
    void add_mark(Id session, Id participant, const AttendanceMark& mark);
    // Removes the marks of one kind (e.g. the earlier manual mark before a new one).
    virtual void delete_marks(Id session, Id participant, MarkKind kind) = 0;
    // Each person's marks in the session, oldest first: out[i] is participants[i]'s (empty when none).
    virtual std::vector<PersonMarks> marks_of(Id session, std::span<const Id> participants) const = 0;
    std::vector<AttendanceMark> marks(Id session, Id participant) const;
    // The marks of everyone with marks in the session, oldest first per person; people in no particular order.
    virtual std::vector<PersonMarks> session_marks(Id session) const = 0;
    virtual std::vector<Id> participants_with_marks(Id session) const = 0;
    // Replaces each person's summary (and outcome) in the session; a PersonSummary without a summary removes
    // the person's.
    virtual void put_summaries(Id session, std::span<const PersonSummary> summaries) = 0;
    void put_attendance(Id session, Id participant, const AttendanceSummary& summary,
                        AttendanceOutcome outcome);
    // Drops every mark and summary of the session, and its walk-ins (attend --replace).
    virtual void clear_session_attendance(Id session) = 0;
    // Notes that a platform export was imported for the session at `at` (UTC seconds; attend --file, also one
    // without attendees under --allow-empty): its attendance is recorded, even if nobody was present.
    virtual void note_attendance_import(Id session, std::int64_t at) = 0;
    // Deletes the marks that one platform export (`batch`, AttendanceMark::batch) gave the session, and returns
    // the participants who had any, so that their summaries can be recomputed. Summaries are left as they are.
    virtual std::vector<Id> delete_batch_marks(Id session, const std::string& batch) = 0;
    // How many people of the session attended and how many were partial.
    struct OutcomeCounts {
        int attended = 0, partial = 0;
    };
    virtual OutcomeCounts outcome_counts(Id session) const = 0;

    // --- reports ---
    // Everyone with an enrollment or a summary in the session: enrolled, walk-ins, waitlisted, then cancelled,
    // each by arrival, then id.
    virtual std::vector<RosterRow> session_roster(Id session) const = 0;
    // Attended people of one session by agency, in no particular order.
    virtual std::vector<AgencyCount> agency_attendance(Id session) const = 0;

    // --- certificates and yearly reports ---
    // Takes the next number of the global certificate counter; a number once taken is never handed out again,
    // even when its certificate is revoked. Inside a write transaction.
    virtual std::int64_t next_certificate_seq() = 0;
    // The highest counter value any certificate took, revoked ones included (0 when none was issued).
    virtual std::int64_t highest_certificate_seq() const = 0;
    // The counter's current value: the number the last certificate took, or the value set_certificate_counter
    // left (0 in a new store). next_certificate_seq() returns one more.
    virtual std::int64_t certificate_counter() const = 0;
    // Sets the counter so that the next number is `last` + 1. Inside a write transaction. The caller keeps
    // numbers unique (certificates' UNIQUE(seq) refuses a repeat in any case).
    virtual void set_certificate_counter(std::int64_t last) = 0;
    // Issues a certificate (issued now). Throws Error when `number` or `seq` exists already, or the person holds
    // a live certificate of the session.
    virtual void insert_certificate(Id session, Id participant, std::int64_t seq,
                                    const std::string& number) = 0;
    // Revokes the person's live certificate in the session; returns its number, or nullopt when there was none.
    virtual std::optional<std::string> revoke_certificate(Id session, Id participant) = 0;
    // Live certificates of `sessions`, by session start, then number order, each with whether its holder
    // attended (CertificateRow::attended).
    virtual std::vector<CertificateRow> live_certificates(const std::vector<Id>& sessions) const = 0;
    // Sessions starting in [from, to) UTC, by start: just when and whether they take place (cheap).
    virtual std::vector<SessionTime> session_times(std::int64_t from, std::int64_t to) const = 0;
    // Enrolled people and those of them who attended, per session of `sessions` (the attendance-rate trend).
    virtual std::vector<SessionRate> attendance_rates(const std::vector<Id>& sessions) const = 0;
    // One person's line in every session they were enrolled in or present at, by session start.
    virtual std::vector<HistoryRow> participant_history(Id participant) const = 0;
    // Everyone enrolled in or present at any of `sessions`, with the sessions they attended and the JP earned
    // there (Tallies). Reads each session's rows once: time linear in their number, memory a few bytes a person
    // of the store (not a row per person).
    virtual Tallies tally_participation(const std::vector<Id>& sessions) const = 0;
    // Calls `row` once for each person counted in `people`, with their tally, read and ordered as `detail`
    // says. Streams: memory does not grow with the number of people (the backend may sort on disk). `row` may
    // move the texts out of its argument; what it throws propagates, ending the walk.
    virtual void each_person_year(const Tallies& people, PersonDetail detail,
                                  const std::function<void(PersonYear&)>& row) const = 0;
    // Both of the above, collected into a vector (tests and small sets; the reports stream).
    std::vector<PersonYear> participation(const std::vector<Id>& sessions,
                                          PersonDetail detail = PersonDetail::report) const;

    // --- results (certificate gates) ---
    // Records attempts, each replacing the attempt of the same person at the same kind of result of the
    // session with the same submitted_at (both none counts as the same); `unchanged` counts those that had
    // the same score already. Inside a write transaction. One call for a whole file.
    virtual ResultCounts put_results(std::span<const ResultAttempt> attempts) = 0;

    // A certificate found by its number, live or revoked, with its session and person (certify verify);
    // nullopt when no certificate has that number.
    virtual std::optional<CertificateRecord> certificate_by_number(const std::string& number) const = 0;

    // --- the certificate signing key, where the backend keeps it ---
    // True when the store keeps the agency's signing key itself: a PostgreSQL registry, in its table
    // signing_key (readable only by the role that owns the store). False for SQLite, whose key is a file
    // beside the store (verification.hpp); the two operations below then throw Error.
    virtual bool keeps_signing_key() const;
    // The stored key, as the text of a key file (SigningKey::from_text), or nullopt when none is stored yet.
    // Throws Error when the user may not read it ("permission denied": not the store's owner).
    virtual std::optional<std::string> signing_key() const;
    // Stores `text` as the key unless one is stored already, inside the caller's write transaction; returns
    // the text of the key stored now (two processes that make a key at once end up with the same one).
    virtual std::string put_signing_key(const std::string& text);

    // The database's own integrity check, the schema version and the rows of each table.
    virtual StoreCheck check() const = 0;

    // --- whole tables (db copy) ---
    // Reads every row of every table as one snapshot (safe while other processes write) and hands them to
    // `sink` as TableSink says, in batches of about batch_rows() rows or more.
    virtual void export_tables(TableSink& sink) const = 0;
    // Inserts `rows` of `table` as they are, ids and all, inside the caller's write transaction; a counter's
    // value replaces the value the store has. Throws Error when a row breaks a rule of the schema (a unique
    // key, a reference to a missing row). Meant for an empty store (see copy_store()).
    virtual void import_rows(Table table, const TableRows& rows) = 0;
    // After the last import_rows(): new rows written later take ids after the highest imported one.
    virtual void end_import() = 0;
    // The number of rows in `table` (inside the caller's transaction: its writes included).
    virtual std::int64_t count_rows(Table table) const = 0;

    // Writes a consistent copy of the whole store into `file`, an empty file the caller created (and will put
    // in place: the CLI's output path decides its mode and whether it replaces a file, so that a symbolic link
    // or a device is written through, never replaced), safe while other processes write: the copy is one
    // snapshot. Errors name `shown` (the user's path): Throws Error "cannot back up to SHOWN: reason". Returns
    // what was written, for the user ("an SQLite file", "a pg_dump -Fc archive"): a PostgreSQL store writes a
    // pg_dump -Fc archive when `shown` ends in .dump, else an SQLite store with the same rows.
    virtual std::string backup_to(const std::string& file, const std::string& shown) const = 0;

  protected:
    Store() = default;

  private:
    // The Transaction's steps. begin_transaction() waits for other writers as Transaction says;
    // rollback_transaction() never throws (it runs while an exception unwinds).
    virtual void begin_transaction() = 0;
    virtual void commit_transaction() = 0;
    virtual void rollback_transaction() noexcept = 0;
};

// Opens the store at `location`: a PostgreSQL URL (postgresql://… or postgres://…: a database of a server,
// through libpq, which also reads PGPASSFILE, ~/.pgpass and PGSERVICE), else an SQLite file. With
// Access::write a missing store is created (an SQLite file with mode 0600; PostgreSQL: the schema, inside the
// first write transaction, so that a failed first command leaves nothing) and migrated to the current schema;
// with Access::read a missing store throws Error naming it. With DryRun::yes (Access::write) nothing is ever
// written: an existing store is opened for a transaction that is never committed, a missing one is rehearsed
// on a new empty private store (SQLite: its temporary database; PostgreSQL: the schema made in a transaction
// that is rolled back), and no file is created. Throws Error when the location is not a store, is newer than
// this program, or cannot be opened or reached. Opening reads the schema version and nothing else, so a
// command that writes one row pays little for it.
std::unique_ptr<Store> open(const std::string& location, Access access, DryRun dry_run = DryRun::no);

// Whether a store exists at `location` (without opening it). A PostgreSQL URL: true (the database may hold no
// store yet; opening it for writing creates the schema).
bool exists(const std::string& location);

// A command-line argument as it may be printed or kept in the audit log: a PostgreSQL URL in it loses its
// password (postgresql://user:PASSWORD@host/db, ?password=…). Other arguments are returned as they are.
std::string printable_argument(const std::string& arg);

} // namespace asnbelajar::store
