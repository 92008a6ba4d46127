#!/usr/bin/env bash
# Security: no SQL built from input text (a lint over lib/src/store, itself tested on known-bad code), no SQLite
# exception leaving the store (store_errors.pl, likewise tested), SQL-looking text stored verbatim, store files
# and backups owner-only whatever the umask, backups consistent while others write, spreadsheet formulas never
# run (xlsx cells are strings; --excel-safe CSV/TSV), and the audit log: one row per writing command, none for
# failed or read-only ones.
source "$(dirname "$0")/lib.sh"
SRC="$(cd "$TESTDATA/../.." && pwd)"
LINT="$SRC/tests/security/sql_lint.pl"

# --- no SQL is built from input text ---
mapfile -t STORE_FILES < <(find "$SRC/lib/src/store" -name '*.cpp' -o -name '*.hpp' | sort)
perl "$LINT" "${STORE_FILES[@]}" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "the store layer builds no SQL at run time"
[ "$RC" -eq 0 ] || cat "$OUT" >&2
expect_eq "$(grep -c 'exempt' "$ERR")" "1" "one reviewed exemption: set_pragma (an integer PRAGMA)"
expect_grep 'sqlite/open.cpp:.*PRAGMA \{\} = \{\}", name, value' "$ERR" "the exemption is set_pragma's body"
# SQL appears only in a backend's folder (lib/src/store/sqlite/): not in the store's interface, the domain or
# the commands.
grep -rlE '"(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE TABLE) ' "$SRC/lib/src" "$SRC/lib/include" "$SRC/cli" |
  grep -vE '/lib/src/store/[a-z]+/' >"$OUT"
expect_eq "$(cat "$OUT")" "" "SQL appears only in the backends' folders of lib/src/store"
grep -rlE '#include <(SQLiteCpp|sqlite3)|SQLite::|sqlite3_' "$SRC/cli" "$SRC/lib/include" "$SRC/lib/src" |
  grep -v '/lib/src/store/sqlite/' >"$OUT"
expect_eq "$(cat "$OUT")" "" "no SQLite types outside lib/src/store/sqlite"
# The domain and the commands name no backend, nor any backend's tuning (indexes, caches, PRAGMAs, dry-run
# databases): the store's interface speaks the domain's words (bulk load, dry run).
grep -rlE 'participant_indexes|reserve_cache|set_cache|open_for_dry_run|cache_size|user_version|PRAGMA|[Ss][Qq][Ll]ite' \
  "$SRC"/lib/src/*.cpp "$SRC"/lib/src/*.hpp "$SRC/lib/src/sources" "$SRC/lib/src/render" "$SRC/cli" >"$OUT"
expect_eq "$(cat "$OUT")" "" "the domain and the commands name no backend and none of its tuning"

# --- SQLite's exceptions stay in the store ---
GUARD="$SRC/tests/security/store_errors.pl"
perl "$GUARD" "$SRC/lib/src/store/sqlite/sqlite_store.hpp" "$SRC"/lib/src/store/sqlite/*.cpp >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "every operation of the SQLite backend hands SQLite's exceptions to the one translation point"
[ "$RC" -eq 0 ] || cat "$OUT" >&2
expect_eq "$(grep -c 'exempt' "$ERR")" "3" "three reviewed exemptions (backup, rollback, discarding a new store)"
perl "$GUARD" "$SRC/lib/src/store/postgres/postgres_store.hpp" "$SRC"/lib/src/store/postgres/*.cpp >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "every operation of the PostgreSQL backend hands libpq's failures to the one translation point"
[ "$RC" -eq 0 ] || cat "$OUT" >&2
expect_eq "$(grep -c 'exempt' "$ERR")" "3" "the same three reviewed exemptions on PostgreSQL"
# The database's messages and codes are read in one file per backend only.
find "$SRC/lib/src/store" -name '*.cpp' -exec grep -lE 'what\(\)|getErrorCode|getExtendedErrorCode|sqlite3_errmsg' {} + >"$OUT"
expect_eq "$(sed 's|.*/store/||' "$OUT" | sort | tr '\n' ' ')" "postgres/errors.cpp sqlite/errors.cpp " \
  "the database's messages are read only in store/sqlite/errors.cpp and store/postgres/errors.cpp"
cat >"$WORK/backend.hpp" <<'EOF'
class FakeStore final : public Store {
    std::optional<Participant> participant_by_id(Id id) const override;
    Id insert_session(const Session& s) override; // an operation
    void commit_transaction() override;
    std::int64_t next_certificate_seq() override;
    void put_enrollments(Id session, std::span<const EnrollmentChange> changes) override;
    void count_session(SessionTotals& t) const; // a helper, not an operation
};
EOF
cat >"$WORK/unguarded.cpp" <<'EOF'
std::optional<Participant> FakeStore::participant_by_id(Id id) const {
    auto& st = stmt("SELECT id FROM participants WHERE id = ?");
    return one(st);
}
FakeStore::~FakeStore() = default;
Id FakeStore::insert_session(const Session& s) try {
    stmt("INSERT INTO sessions(code) VALUES (?)").exec();
} catch (const SQLite::Exception& e) {
    throw Error(e.what());
}
void FakeStore::commit_transaction() try {
    db_.exec("COMMIT");
} catch (const SQLite::Exception& e) {
    fail(e);
}
std::int64_t FakeStore::next_certificate_seq() try {
    auto& st = stmt("SELECT 1");
    return st.getColumn(0).getInt64();
} catch (const SQLite::Exception& e) {
    fail(
        e, {{Constraint::session_code, "x"}});
}
void FakeStore::count_session(SessionTotals& t) const {
    stmt("SELECT 1").exec();
}
void FakeStore::put_enrollments(Id session, std::span<const EnrollmentChange> changes) {
    for (const EnrollmentChange& c : changes)
        write_one(session, c);
}
EOF
perl "$GUARD" "$WORK/backend.hpp" "$WORK/unguarded.cpp" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 1 "the check refuses an operation that lets SQLite::Exception escape"
expect_grep 'unguarded.cpp:1: FakeStore::participant_by_id' "$OUT" "it finds an operation without a function-try-block"
expect_grep 'unguarded.cpp:6: FakeStore::insert_session' "$OUT" "it finds a handler that is not fail()"
expect_grep 'unguarded.cpp:26: FakeStore::put_enrollments' "$OUT" "it finds an operation that only calls a helper"
expect_eq "$(wc -l <"$OUT")" "3" "and accepts the guarded ones and the helpers"

# The lint finds what it is meant to find.
cat >"$WORK/bad.cpp" <<'EOF'
void a(SqliteStore* store, const std::string& name) {
    auto& st = store->stmt(("SELECT id FROM participants WHERE name = '" + name + "'").c_str());
    db.exec(fmt::format("DELETE FROM sessions WHERE code = '{}'", name));
    std::string sql = "UPDATE participants SET name = ";
    sql += name;
    SQLite::Statement q(db, sql);
    db.execAndGet(std::string("SELECT ") + name);
    std::ostringstream o; o << "INSERT INTO t VALUES (" << name << ")";
}
EOF
cat >"$WORK/good.cpp" <<'EOF'
#define COLUMNS "id, nip, name"
constexpr const char* schema = R"sql(CREATE TABLE t (x); -- "quoted" + 'text'
)sql";
void b(SqliteStore* store, const std::string& name) {
    auto& st = store->stmt("SELECT " COLUMNS " FROM participants "
                           "WHERE name = ? AND note <> 'a, b (c)'");   // "http://x" + y in a comment
    st.bind(1, name);
    st.exec();
    db.exec(schema);
    auto count = [&](const char* sql) { return db.execAndGet(sql).getInt64(); };
    count("SELECT count(*) FROM t");
    SQLite::Statement q(db, "PRAGMA integrity_check");
    throw Error(fmt::format("cannot save {}: {}", name, "UPDATE failed"));
}
EOF
perl "$LINT" "$WORK/bad.cpp" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 1 "the lint refuses SQL built from text"
for line in 2 3 6 7 8; do expect_grep "bad.cpp:$line:" "$OUT" "the lint finds the SQL built on line $line"; done
perl "$LINT" "$WORK/good.cpp" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "the lint accepts literal SQL, macros, raw strings and bound parameters"
[ "$RC" -eq 0 ] || cat "$OUT" >&2

# --- SQL-looking and formula-looking text is data, stored and shown verbatim ---
P1=198609262015051001; P2=199001152014031002; P3=198703212010122003; P4=197512302000031001
BOBBY="Robert'); DROP TABLE participants;--"
FORMULA='=HYPERLINK("http://x","y")'
ab session add --title "Seri 1'; DELETE FROM sessions; --" --start "2022-03-03 09:00" --minutes 180 --jp 3 --capacity 10
expect_rc 0 "a title that looks like SQL"
ab participant add --nip $P1 --name "$BOBBY" --agency "x' OR '1'='1"
expect_rc 0 "a name that looks like SQL is accepted"
ab participant add --nip $P2 --name "$FORMULA" --agency "+cmd|' /C calc'!A0" --unit "@SUM(1+1)" --position "-2+3"
expect_rc 0 "a name that looks like a formula is accepted"
ab participant add --nip $P3 --name "Siti Rahayu" --email "siti@example.go.id" --phone 081234567890
ab participant show $P1 --format json
expect_eq "$(jq -r '.[0].name' "$OUT")" "$BOBBY" "the SQL-looking name is stored verbatim"
expect_eq "$(jq -r '.[0].agency' "$OUT")" "x' OR '1'='1" "the SQL-looking agency is stored verbatim"
expect_eq "$(sql 'SELECT count(*) FROM participants')" "3" "the participants table is still there"
expect_eq "$(sql 'SELECT count(*) FROM sessions')" "1" "the sessions table is untouched"
ab participant list --search "' OR 1=1 --" --format csv
expect_eq "$(wc -l <"$OUT")" "1" "a search for SQL-looking text matches nothing"
ab participant list --search "%" --format csv
expect_eq "$(wc -l <"$OUT")" "1" "a search for % is not a wildcard"
ab participant show $P2 --format json
expect_eq "$(jq -r '.[0].name' "$OUT")" "$FORMULA" "the formula-looking name is stored verbatim"
ab enroll 2022-03-03 $P1 $P2 $P3
ab attend 2022-03-03 $P1 $P2 $P3 --minutes 150

# --- xlsx: every text cell is a string, never a formula ---
ab participant list -o "$WORK/people.xlsx"
expect_rc 0 "participant list as xlsx"
ab report session 2022-03-03 -o "$WORK/session.xlsx"
expect_rc 0 "session report as xlsx"
for f in people session; do
  unzip -p "$WORK/$f.xlsx" 'xl/worksheets/sheet*.xml' >"$WORK/$f-sheets.xml"
  unzip -p "$WORK/$f.xlsx" xl/sharedStrings.xml >"$WORK/$f-strings.xml"
  expect_no_grep '<f>|<f ' "$WORK/$f-sheets.xml" "$f.xlsx has no formula cells"
  expect_grep '=HYPERLINK\(&quot;http://x&quot;,&quot;y&quot;\)|=HYPERLINK\("http://x","y"\)' "$WORK/$f-strings.xml" \
    "$f.xlsx keeps the formula-looking name as text"
done
expect_grep '\+cmd\|' "$WORK/people-strings.xml" "the +cmd agency is a string"
expect_grep '@SUM\(1\+1\)' "$WORK/people-strings.xml" "the @SUM unit is a string"

# --- --excel-safe: CSV/TSV cells a spreadsheet would run get a leading apostrophe ---
ab participant list --format csv
expect_grep '^199001152014031002,"=HYPERLINK\(""http://x"",""y""\)",' "$OUT" "plain CSV keeps the cell as it is"
ab participant list --format csv --excel-safe
cp "$OUT" "$WORK/safe.csv"
expect_grep "^199001152014031002,\"'=HYPERLINK\(\"\"http://x\"\",\"\"y\"\"\)\"," "$WORK/safe.csv" "= is neutralised"
expect_grep "^$P2,.*,'\+cmd\|' /C calc'!A0,'@SUM\(1\+1\),'-2\+3,$" "$WORK/safe.csv" "+, @ and - are neutralised"
expect_eq "$(csv_field "$WORK/safe.csv" nip $P3 name)" "Siti Rahayu" "ordinary text is unchanged"
expect_eq "$(csv_field "$WORK/safe.csv" nip $P1 nip)" "$P1" "NIPs are unchanged"
ab participant list --format tsv --excel-safe
expect_grep "	'=HYPERLINK" "$OUT" "TSV: = is neutralised"
expect_grep "	'@SUM" "$OUT" "TSV: @ is neutralised"
ab report session 2022-03-03 --format csv --excel-safe
expect_grep "^$P2,.*,enrolled,150,attended,3,,,$" "$OUT" "numbers are not touched"
expect_grep "^$P2,\"'=HYPERLINK" "$OUT" "reports are neutralised too"

# --- files are owner-only, whatever the umask ---
OPEN=$(new_store open)
(
  umask 000
  "$ASNBELAJAR" --db "$OPEN" session add --title T --start "2022-03-03 09:00" --minutes 60 --jp 1 >/dev/null 2>&1
  "$ASNBELAJAR" --db "$OPEN" db backup "$WORK/open-backup.db" 2>/dev/null
  # keep a reader open so that the -wal and -shm files exist to be looked at
  if [ "$BACKEND" = sqlite ]; then
    sqlite3 "$OPEN" "BEGIN; SELECT count(*) FROM sessions;" ".shell stat -c '%n %a' $OPEN-wal $OPEN-shm" \
      >"$WORK/modes" 2>&1
  fi
)
if sqlite_only "the store's file, -wal and -shm modes"; then
  expect_eq "$(stat -c %a "$OPEN")" "600" "a new store is 0600 under umask 000"
  expect_grep "open.db-wal 600" "$WORK/modes" "the -wal file is 0600"
  expect_grep "open.db-shm 600" "$WORK/modes" "the -shm file is 0600"
fi
expect_eq "$(stat -c %a "$WORK/open-backup.db")" "600" "a backup is 0600 under umask 000"
echo stale >"$WORK/old-backup.db"
chmod 644 "$WORK/old-backup.db"
ab db backup "$WORK/old-backup.db"
expect_rc 0 "backup over an existing file"
expect_eq "$(stat -c %a "$WORK/old-backup.db")" "600" "a replaced backup is 0600 too"
ab --db "$WORK/old-backup.db" db check
expect_rc 0 "the replacing backup is a store"
[ -z "$(ls "$WORK" | grep '\.tmp$')" ] && ok || fail "no temporary backup files are left"

# --- the audit log: one row per writing command, none for failures and reads ---
audit_rows() { sql 'SELECT count(*) FROM audit_log'; }
# writes ROWS ARGS...: ARGS succeeds and adds one audit row naming it, with ROWS rows touched (WRITES_RC: the
# exit code expected, 0 unless set).
writes() {
  local rows=$1 before
  shift
  before=$(audit_rows)
  ab "$@"
  expect_rc "${WRITES_RC:-0}" "$*"
  expect_eq "$(audit_rows)" "$((before + 1))" "$*: one audit row"
  expect_eq "$(sql 'SELECT command FROM audit_log ORDER BY id DESC LIMIT 1')" "asnbelajar $*" \
    "$*: the row names the command"
  expect_eq "$(sql 'SELECT rows FROM audit_log ORDER BY id DESC LIMIT 1')" "$rows" \
    "$*: rows touched"
}
# no_audit RC ARGS...: ARGS exits RC and adds no audit row.
no_audit() {
  local rc=$1 before
  shift
  before=$(audit_rows)
  ab "$@"
  expect_rc "$rc" "$*"
  expect_eq "$(audit_rows)" "$before" "$*: no audit row"
}
writes 1 session add --title "Seri 2" --start "2022-03-10 09:00" --minutes 120 --jp 2 --capacity 1
writes 4 session add --title "Seri 3" --start "2022-03-17 09:00" --minutes 120 --jp 2 --repeat weekly --count 4
writes 1 session edit 2022-03-17 --minutes 150
writes 1 session cancel 2022-04-07
writes 1 participant add --nip $P4 --name "Budi Santoso"
writes 2 enroll 2022-03-10 $P3 $P4
writes 0 enroll 2022-03-10 $P3
writes 1 session edit 2022-03-10 --start "2099-03-10 09:00" # before the start: a freed seat is filled
writes 2 enroll 2022-03-10 --cancel $P3
writes 1 attend 2022-03-10 $P4 --minutes 100
writes 3 certify 2022-03-03
writes 1 certify 2022-03-03 --revoke $P1
printf 'nip,nama\n199205172019022004,Rina\n198811112012081005,Eko\n' >"$WORK/two.csv"
printf 'nip,nama\n199205172019022004,Rina\n19881111,Eko\n' >"$WORK/one-bad.csv"
printf 'nip,minutes\n199205172019022004,100\n198811112012081005,30\n' >"$WORK/minutes.csv"
no_audit 0 participant import --dry-run "$WORK/two.csv"
writes 2 participant import "$WORK/two.csv"
writes 0 participant import "$WORK/two.csv"
no_audit 1 participant import "$WORK/one-bad.csv"
WRITES_RC=3 writes 0 participant import --skip-invalid "$WORK/one-bad.csv"
writes 2 enroll 2022-03-17 --file "$WORK/two.csv"
no_audit 1 enroll 2022-03-17 --file "$WORK/one-bad.csv"
writes 2 attend 2022-03-17 --file "$WORK/minutes.csv"
no_audit 1 attend 2022-03-17 --file "$TESTDATA/bad/attend-csv-negative-minutes.csv"
no_audit 1 session add --title "Clash" --start "2022-03-24 09:00" --minutes 60 --jp 1 --code 2022-03-10
no_audit 2 session add --title "No JP" --start "2022-03-24 09:00" --minutes 60
no_audit 1 participant add --nip $P4 --name "Duplicate"
no_audit 1 participant add --nip 198613262015051001 --name "Bad NIP"
no_audit 1 enroll 2022-03-10 $P1 199912312020121009
no_audit 1 enroll 2022-04-07 $P1
no_audit 1 attend 2022-03-10 $P1 --minutes 999
no_audit 1 certify NO-SUCH-SESSION
no_audit 2 enroll
for read in "session list" "session show 2022-03-03" "participant list" "participant show $P1" \
  "report session 2022-03-03" "report weekly --week-of 2022-03-03" "report jp --year 2022" "db check" "db log"; do
  # shellcheck disable=SC2086
  no_audit 0 $read
done
no_audit 0 db backup "$WORK/audit-backup.db"
ab db log --format csv
expect_eq "$(head -1 "$OUT")" "at,user,command,rows" "db log columns"
expect_grep "^[0-9-]+T[0-9:]+\+07:00,$(id -un),asnbelajar certify 2022-03-03 --revoke $P1,1$" "$OUT" \
  "db log shows when, the OS user, the command and the rows"
expect_eq "$(($(wc -l <"$OUT") - 1))" "$(audit_rows)" "db log shows every row"

# --- db backup is one consistent snapshot while others write ---
# Each enroll below adds one enrollment and one audit row in one transaction: any backup taken in between must
# hold as many of the one as of the other, and pass its integrity check.
BDB=$(new_store busy)
"$ASNBELAJAR" --db "$BDB" session add --title "Busy" --start "2022-05-05 09:00" --minutes 60 --jp 1 --code busy >/dev/null 2>&1
make_roster "$WORK/busy.csv" 60
"$ASNBELAJAR" --db "$BDB" participant import "$WORK/busy.csv" >/dev/null 2>&1
mapfile -t people < <(tail -n +2 "$WORK/busy.csv" | cut -d, -f1)
(for p in "${people[@]}"; do "$ASNBELAJAR" --db "$BDB" enroll busy "$p" 2>/dev/null || echo "enroll $p failed"; done) \
  >"$WORK/stream.err" &
writer=$!
n=0
backups_ok=0
while kill -0 $writer 2>/dev/null || [ $n -eq 0 ]; do
  n=$((n + 1))
  "$ASNBELAJAR" --db "$BDB" db backup "$WORK/busy-$n.db" 2>>"$WORK/backup.err" || { fail "backup $n failed"; continue; }
  "$ASNBELAJAR" --db "$WORK/busy-$n.db" db check >/dev/null 2>&1 || fail "backup $n fails its integrity check"
  e=$(sqlite3 "$WORK/busy-$n.db" 'SELECT count(*) FROM enrollments')
  a=$(sqlite3 "$WORK/busy-$n.db" "SELECT count(*) FROM audit_log WHERE command LIKE 'asnbelajar --db % enroll busy %'")
  [ "$e" = "$a" ] && backups_ok=$((backups_ok + 1)) || fail "backup $n is not one snapshot: $e enrollments, $a enroll audit rows"
done
wait $writer
expect_eq "$(cat "$WORK/stream.err")" "" "every enrollment of the stream succeeded while backups ran"
expect_eq "$backups_ok" "$n" "every backup taken during the stream is consistent"
[ "$n" -ge 3 ] && ok || fail "only $n backups ran during the stream"
echo "backups during the enrollment stream: $n, all consistent"
expect_eq "$(sql 'SELECT count(*) FROM enrollments' "$BDB")" "${#people[@]}" "the stream wrote every enrollment"

finish
