#!/usr/bin/env bash
# Faults of the machine (the store's file cases are SQLite's: on PostgreSQL their counterparts are a server that
# cannot be reached, a missing database, another program's database and a role that may only read): a missing directory, a read-only store, directory or file system, a full disk (a
# 1 MiB tmpfs where mounting is allowed, and always a file-size limit that makes writes fail), unwritable
# output paths, devices and pipes as -o targets, a store that is not a database. Each failure must be a clear
# "asnbelajar: error:" line naming what failed, exit 1, and leave the store exactly as it was (same dump, and
# `db check` passes).
source "$(dirname "$0")/lib.sh"

SESSION=(session add --title "Webinar ASN Belajar Seri 9 | 2022" --start "2022-03-03 09:00" --minutes 180 --jp 3)
MORE=(session add --title "Seri 10" --start "2022-03-10 09:00" --minutes 180 --jp 3 --repeat weekly --count 40)
P1=198609262015051001
make_roster "$WORK/roster-3000.csv" 3000

# dump DB: the store's content (what "unchanged" is measured with): SQLite's SQL text, or store_dump.
dump() { case $1 in postgres*) store_dump "$1" ;; *) sqlite3 "$1" .dump ;; esac; }
# expect_error PATTERN DESCRIPTION: the last command failed with exit 1 and one clear error line.
expect_error() {
  [ -n "${SHOW_ERRORS:-}" ] && echo "$2: $(cat "$ERR")"
  expect_rc 1 "$2"
  expect_grep "^asnbelajar: error: .*$1" "$ERR" "$2: the message says why"
  expect_no_grep 'AddressSanitizer|runtime error|terminate called|Aborted' "$ERR" "$2: no crash"
}
# expect_intact DB DUMP DESCRIPTION: the store has the dump DUMP and passes its integrity check.
expect_intact() {
  expect_eq "$(dump "$1")" "$2" "$3: the store is unchanged"
  "$ASNBELAJAR" --db "$1" db check >/dev/null 2>&1
  expect_eq "$?" "0" "$3: db check passes"
}
# make_store DB: a store with one session and one participant.
make_store() {
  "$ASNBELAJAR" --db "$1" "${SESSION[@]}" >/dev/null 2>&1 &&
    "$ASNBELAJAR" --db "$1" participant add --nip $P1 --name "Siti Rahayu" >/dev/null 2>&1 || fail "make_store $1"
}

# Root ignores file permissions: the permission cases run as nobody (setpriv, util-linux) when we are root.
AS_USER=()
if [ "$(id -u)" -eq 0 ]; then
  if command -v setpriv >/dev/null; then
    AS_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
    chmod 711 "$WORK"
  else
    AS_USER=(none)
  fi
fi
# ab_user ARGS...: ab as the unprivileged user.
ab_user() {
  "${AS_USER[@]}" "$ASNBELAJAR" "$@" >"$OUT" 2>"$ERR"
  RC=$?
}
# user_dir NAME: a directory the unprivileged user owns.
user_dir() {
  mkdir -p "$WORK/$1"
  [ "$(id -u)" -eq 0 ] && chown 65534:65534 "$WORK/$1"
  echo "$WORK/$1"
}

# --- a missing directory ---
if sqlite_only "a store in a missing directory"; then
ab --db "$WORK/missing/dir/store.db" "${SESSION[@]}"
expect_error "missing/dir/store.db.*No such file or directory" "store in a missing directory"
[ ! -e "$WORK/missing" ] && ok || fail "nothing is created for a store in a missing directory"
ab --db "$WORK/missing/store.db" session list
expect_error "no store at .*missing/store.db" "reading a store in a missing directory"
fi

DB=$ASNBELAJAR_DB
make_store "$DB"
before=$(dump "$DB")
ab --db "$DB" session list --format csv -o "$WORK/missing/sessions.csv"
expect_error "cannot write .*missing/sessions.csv: No such file or directory" "-o into a missing directory"
ab --db "$DB" report session 2022-03-03 -o "$WORK/missing/session.xlsx"
expect_error "missing/session.xlsx" "xlsx -o into a missing directory"
ab --db "$DB" db backup "$WORK/missing/backup.db"
expect_error "cannot back up to .*missing/backup.db" "db backup into a missing directory"
if [ "$BACKEND" = sqlite ]; then
  ab --db "$WORK" "${SESSION[@]}"
  expect_error "$WORK" "a directory as the store"
fi
expect_intact "$DB" "$before" "after the missing-directory cases"

# --- PostgreSQL: a server that cannot be reached, a missing database, another program's database, a role that
# may only read (the counterparts of the file cases below) ---
if pg_only "a server that cannot be reached, a missing database, a read-only role"; then
  ab --db "postgresql://asnb@/asnb?host=$WORK/no-server&port=1" "${SESSION[@]}"
  expect_error "no-server|connect" "a server that cannot be reached"
  ab --db "postgresql://asnb@/no_such_database?host=$PGHOST&port=$PGPORT" session list
  expect_error "no_such_database" "a database that does not exist"
  OTHER=$(new_store other)
  sql "CREATE TABLE t(x integer); INSERT INTO t VALUES (1);" "$OTHER"
  ab --db "$OTHER" "${SESSION[@]}"
  expect_error "not an asnbelajar store|other" "another program's database"
  expect_eq "$(sql "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'" "$OTHER")" "t" \
    "the other database is not touched"
  psql -X -q -d postgres -c "DROP ROLE IF EXISTS asnb_reader" -c "CREATE ROLE asnb_reader LOGIN" >/dev/null 2>&1
  sql "GRANT SELECT ON ALL TABLES IN SCHEMA public TO asnb_reader" >/dev/null
  READER="postgresql://asnb_reader@/$(pg_database "$DB")?host=$PGHOST&port=$PGPORT"
  ab --db "$READER" session list --format csv
  expect_rc 0 "a read-only role reads"
  ab --db "$READER" participant add --nip 199001152014031002 --name "Budi"
  expect_error "permission|read-only|denied" "a read-only role cannot write"
  expect_intact "$DB" "$before" "after a write refused to a read-only role"
  sql "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM asnb_reader" >/dev/null 2>&1
fi

# --- a file that is not a store ---
if sqlite_only "a file that is not a store; read-only files, directories and file systems; full disks"; then
printf 'nip,name\n%s,Siti\n' $P1 >"$WORK/roster.csv"
cp "$WORK/roster.csv" "$WORK/not-a-store.db"
ab --db "$WORK/not-a-store.db" "${SESSION[@]}"
expect_error "not-a-store.db.*not a database" "writing to a CSV file given as the store"
expect_eq "$(cat "$WORK/not-a-store.db")" "$(cat "$WORK/roster.csv")" "the file is left alone"
ab --db "$WORK/not-a-store.db" session list
expect_error "not a database" "reading it"
sqlite3 "$WORK/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
ab --db "$WORK/other.db" "${SESSION[@]}"
expect_error "other.db is an SQLite database but not an asnbelajar store" "another program's SQLite database"
expect_eq "$(dump "$WORK/other.db" | grep -c 'CREATE TABLE')" "1" "the other database is not touched"
head -c 40000 "$DB" >"$WORK/truncated.db"
ab --db "$WORK/truncated.db" db check
expect_rc 1 "db check of a truncated store fails"
expect_grep "^asnbelajar: error: " "$ERR" "and says so"
# A file the system will not open for writing although its permissions allow it (a program being run: ETXTBSY):
# SQLite opens it read-only, and the message says so, with no system error to name.
cp "$(command -v sleep)" "$WORK/running.db"
"$WORK/running.db" 60 &
running=$!
for _ in $(seq 100); do [ "$(readlink "/proc/$running/exe")" = "$WORK/running.db" ] && break; sleep 0.1; done
if (exec 3<>"$WORK/running.db") 2>/dev/null; then
  echo "SKIP: this kernel lets a running program be opened for writing: the ETXTBSY case not run" >&2
else
  ab --db "$WORK/running.db" participant add --nip $P1 --name "Siti Rahayu"
  expect_error "cannot write to store .*running.db: it is read-only \(owner [^,]+, mode 0[0-7]{3}; folder owner [^,]+, mode 0[0-7]{3}\); reports can still read it" \
    "writing to a store file the system will not open for writing"
fi
kill $running
wait $running 2>/dev/null
fi

# --- read-only: the store file, its directory, a read-only file system ---
if [ "$BACKEND" = postgres ]; then
  : # (counted as skipped above)
elif [ "${AS_USER[0]:-}" = none ]; then
  echo "SKIP: read-only cases need setpriv when run as root" >&2
else
  RO=$(user_dir ro-file)
  ab_user --db "$RO/store.db" "${SESSION[@]}"
  expect_rc 0 "a store the user owns"
  before=$(dump "$RO/store.db")
  chmod 0400 "$RO/store.db"
  ab_user --db "$RO/store.db" participant add --nip $P1 --name "Siti Rahayu"
  expect_error "cannot write to store .*ro-file/store.db: Permission denied" "writing to a read-only store file"
  # Whom to ask: the file's and its folder's owner and mode.
  if [ "$(id -u)" -eq 0 ]; then owner=$(getent passwd 65534 | cut -d: -f1); else owner=$(id -un); fi
  expect_grep "ro-file/store.db: Permission denied \(owner ${owner:-65534}, mode 0400; folder owner ${owner:-65534}, mode $(printf '%04o' "0$(stat -c %a "$RO")")\); reports can still read it, or ask its owner$" \
    "$ERR" "writing to a read-only store file: the file's and the folder's owner and mode"
  ab_user --db "$RO/store.db" session list --format csv
  expect_rc 0 "a read-only store can still be read"
  expect_grep '^2022-03-03,' "$OUT" "and shows its data"
  chmod 0600 "$RO/store.db"
  expect_intact "$RO/store.db" "$before" "read-only store file"

  RD=$(user_dir ro-dir)
  ab_user --db "$RD/store.db" "${SESSION[@]}"
  before=$(dump "$RD/store.db")
  rm -f "$RD"/store.db-wal "$RD"/store.db-shm
  cp "$WORK/roster.csv" "$RD/not-a-store.db"
  chmod 0500 "$RD"
  ab_user --db "$RD/store.db" participant add --nip $P1 --name "Siti Rahayu"
  expect_error "ro-dir/store.db" "writing to a store in a read-only directory"
  expect_grep "the directory .*ro-dir is not writable \(Permission denied\): a store needs its -wal and -shm files beside it" \
    "$ERR" "the read-only directory is named as the reason"
  # A file that is no store fails for that reason alone, wherever it is.
  ab_user --db "$RD/not-a-store.db" session list
  expect_error "not-a-store.db is not an asnbelajar store or is damaged \(file is not a database\)$" \
    "a file that is not a store, in a read-only directory"
  ab_user --db "$RD/new.db" "${SESSION[@]}"
  expect_error "cannot create store .*ro-dir/new.db: Permission denied" "creating a store in a read-only directory"
  # Reading a WAL store needs its -shm index, which a read-only directory cannot get: such a store is opened
  # immutable (issue 14, case 7: an auditor runs reports on a copy they cannot write).
  ab_user --db "$RD/store.db" session list --format csv
  expect_rc 0 "reading a store in a read-only directory"
  expect_grep '^2022-03-03,' "$OUT" "and it shows its data"
  RW=$(user_dir rw)
  ab_user --db "$RW/store.db" "${SESSION[@]}"
  ab_user --db "$RW/store.db" session list --format csv -o "$RD/sessions.csv"
  expect_error "cannot write .*ro-dir/sessions.csv: Permission denied" "-o into a read-only directory"
  ab_user --db "$RW/store.db" db backup "$RD/backup.db"
  expect_error "cannot back up to .*ro-dir/backup.db: Permission denied" "db backup into a read-only directory"
  chmod 0700 "$RD"
  rm -f "$RD/not-a-store.db"
  expect_intact "$RD/store.db" "$before" "store in a read-only directory"
  [ -z "$(ls "$RD" | grep -v '^store.db')" ] && ok || fail "nothing was left in the read-only directory: $(ls "$RD")"
fi

# mount_tmpfs DIR SIZE [OPTIONS]: a small file system of our own, where the machine allows it (root, not in a
# locked-down container); false otherwise.
MOUNTS=()
mount_tmpfs() {
  mkdir -p "$1"
  [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o "size=$2${3:+,$3}" asnbelajar-test "$1" 2>/dev/null && MOUNTS+=("$1")
}
cleanup_mounts() { for m in ${MOUNTS[@]+"${MOUNTS[@]}"}; do umount "$m" 2>/dev/null; done; cleanup; }
trap cleanup_mounts EXIT

if [ "$BACKEND" = postgres ]; then
  :
elif mount_tmpfs "$WORK/rofs" 1m; then
  make_store "$WORK/rofs/store.db"
  before=$(dump "$WORK/rofs/store.db")
  mount -o remount,ro "$WORK/rofs"
  ab --db "$WORK/rofs/store.db" participant add --nip 199001152014031002 --name "Budi"
  expect_error "rofs/store.db.*Read-only file system" "writing to a store on a read-only file system"
  ab --db "$WORK/rofs/new.db" "${SESSION[@]}"
  expect_error "cannot create store .*Read-only file system" "creating a store on a read-only file system"
  mount -o remount,rw "$WORK/rofs"
  expect_intact "$WORK/rofs/store.db" "$before" "store on a read-only file system"
else
  echo "SKIP: cannot mount a tmpfs here: read-only file system case not run" >&2
fi

# --- a full disk ---
# fill DIR: takes every free byte of DIR's file system.
fill() { dd if=/dev/zero of="$(mktemp "$1/filler.XXXXXX")" bs=4k >/dev/null 2>&1; }
if [ "$BACKEND" = postgres ]; then
  :
elif mount_tmpfs "$WORK/full" 1m; then
  FDB="$WORK/full/store.db"
  make_store "$FDB"
  echo old >"$WORK/full/sessions.csv"
  before=$(dump "$FDB")
  # Leave 64 KiB: enough to open the store (its -shm index takes 32 KiB), not enough for the import.
  dd if=/dev/zero of="$WORK/full/filler" bs=64k count=$(($(df -k --output=avail "$WORK/full" | tail -1) / 64 - 1)) \
    >/dev/null 2>&1
  ab --db "$FDB" participant import "$WORK/roster-3000.csv"
  expect_error "disk is full|No space left" "an import that fills the disk"
  expect_intact "$FDB" "$before" "after an import that filled the disk"
  fill "$WORK/full"
  ab --db "$FDB" "${MORE[@]}"
  expect_error "full/store.db.*No space left|disk is full" "a write on a full disk"
  fill "$WORK/full"
  ab --db "$DB" session list --format csv -o "$WORK/full/sessions.csv"
  expect_error "cannot write .*full/sessions.csv: No space left on device" "-o on a full disk"
  expect_eq "$(cat "$WORK/full/sessions.csv")" "old" "the earlier output file is kept"
  [ ! -e "$WORK/full/sessions.csv.tmp" ] && ok || fail "no temporary output is left on a full disk"
  ab --db "$DB" db backup "$WORK/full/backup.db"
  expect_error "cannot back up to .*full/backup.db" "db backup onto a full disk"
  ab --db "$WORK/full/new.db" "${SESSION[@]}"
  expect_error "new.db" "creating a store on a full disk"
  [ -z "$(ls "$WORK/full" | grep -E '^(new|backup)\.db')" ] && ok || fail "failures on a full disk leave no files: $(ls "$WORK/full")"
  rm -f "$WORK/full"/filler*
  expect_intact "$FDB" "$before" "after a full disk"
  ab --db "$FDB" participant import "$WORK/roster-3000.csv"
  expect_rc 0 "with room again, the same import succeeds"
else
  echo "SKIP: cannot mount a tmpfs here: the full disk is simulated by the file-size limit only" >&2
fi

# A file-size limit makes writes fail with EFBIG wherever we run (with SIGXFSZ ignored, as a full disk would
# fail them with ENOSPC).
if sqlite_only "a file-size limit"; then
LDB="$WORK/limit.db"
make_store "$LDB"
ab --db "$LDB" db check
before=$(dump "$LDB")
limited() { (trap '' XFSZ; ulimit -f 48; exec "$ASNBELAJAR" "$@") >"$OUT" 2>"$ERR"; RC=$?; }
limited --db "$LDB" participant import "$WORK/roster-3000.csv"
expect_error "limit.db|disk|large" "an import beyond the file-size limit"
expect_intact "$LDB" "$before" "after a failed write beyond the file-size limit"
else
  LDB=$DB
  # The registry's backup as an SQLite file, written beyond the limit: the backup fails and says so; no file.
  (trap '' XFSZ; ulimit -f 48; exec "$ASNBELAJAR" --db "$DB" db backup "$WORK/limited-backup.db") >"$OUT" 2>"$ERR"
  RC=$?
  expect_error "cannot back up to $WORK/limited-backup.db: .*(large|disk)" "a backup beyond the file-size limit"
  expect_eq "$(find "$WORK" -name '*limited-backup.db*' | wc -l)" "0" "a failed backup leaves no file"
fi
# stdout on a full device: data that was not written is a failure, not a silent success.
"$ASNBELAJAR" --db "$LDB" session list --format csv >/dev/full 2>"$ERR"
RC=$?
expect_error "cannot write to standard output: No space left on device" "stdout on a full device"

# --- devices, pipes and links as -o targets: written through, never replaced ---
if [ "$(id -u)" -eq 0 ] && mknod "$WORK/null" c 1 3 2>/dev/null && mknod "$WORK/full-dev" c 1 7 2>/dev/null; then
  ab --db "$DB" session list --format csv -o "$WORK/null"
  expect_rc 0 "-o a null device"
  [ -c "$WORK/null" ] && ok || fail "-o must not replace a device with a file"
  ab --db "$DB" session list --format csv -o "$WORK/full-dev"
  expect_error "cannot write .*full-dev: No space left on device" "-o a full device"
  [ -c "$WORK/full-dev" ] && ok || fail "-o must not replace a full device with a file"
  ab --db "$DB" report session 2022-03-03 -o "$WORK/null" --format xlsx
  expect_rc 0 "xlsx -o a null device"
  [ -c "$WORK/null" ] && ok || fail "xlsx -o must not replace a device"
else
  echo "SKIP: cannot make device nodes here: -o device cases not run" >&2
fi
mkfifo "$WORK/fifo"
(timeout 20 cat "$WORK/fifo" >"$WORK/from-fifo") &
reader=$!
timeout 20 "$ASNBELAJAR" --db "$DB" session list --format csv -o "$WORK/fifo" >"$OUT" 2>"$ERR"
RC=$?
wait $reader
expect_rc 0 "-o a named pipe"
[ -p "$WORK/fifo" ] && ok || fail "-o must not replace a named pipe with a file"
expect_grep '^2022-03-03,' "$WORK/from-fifo" "the report went through the pipe"
(timeout 20 cat "$WORK/fifo" >"$WORK/from-fifo.xlsx") &
reader=$!
timeout 20 "$ASNBELAJAR" --db "$DB" report session 2022-03-03 --format xlsx -o "$WORK/fifo" >"$OUT" 2>"$ERR"
RC=$?
wait $reader
expect_rc 0 "xlsx -o a named pipe"
expect_eq "$(head -c 2 "$WORK/from-fifo.xlsx")" "PK" "the spreadsheet went through the pipe"
"$ASNBELAJAR" --db "$DB" session list --format csv -o /dev/stdout >"$WORK/via-stdout.csv" 2>"$ERR"
expect_grep '^2022-03-03,' "$WORK/via-stdout.csv" "-o /dev/stdout writes to stdout"
mkdir "$WORK/reports"
echo old >"$WORK/reports/2022-03.csv"
ln -s reports/2022-03.csv "$WORK/latest.csv"
ab --db "$DB" session list --format csv -o "$WORK/latest.csv"
expect_rc 0 "-o a symbolic link"
[ -L "$WORK/latest.csv" ] && ok || fail "-o keeps a symbolic link a link"
expect_grep '^2022-03-03,' "$WORK/reports/2022-03.csv" "and writes the file it points to"

finish
