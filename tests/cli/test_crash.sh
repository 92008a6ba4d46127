#!/usr/bin/env bash
# Crash safety: an import of a large roster killed with SIGKILL at random moments leaves a store that passes its
# integrity check and holds all of the import or none of it; the next writer works at once. A backup killed
# half-way leaves no backup file, or a complete one. The random seed is printed (ASNBELAJAR_TEST_SEED repeats a
# run). ASNBELAJAR_TEST_SCALE (percent) shrinks the roster and the number of trials for the sanitizer build.
source "$(dirname "$0")/lib.sh"

SEED=${ASNBELAJAR_TEST_SEED:-$(($(date +%s) % 32768))}
RANDOM=$SEED
ROWS=$(scaled 60000)
TRIALS=$(scaled 12)
[ "$TRIALS" -lt 3 ] && TRIALS=3
BASE=500
q() { sql "$2" "$1"; }

# The store before each trial: one session and $BASE people; the roster adds $ROWS others.
make_roster "$WORK/base.csv" $BASE
make_roster "$WORK/roster.csv" "$ROWS" 100000
ab session add --title "Webinar ASN Belajar Seri 9 | 2022" --start "2022-03-03 09:00" --minutes 180 --jp 3
ab participant import "$WORK/base.csv"
expect_rc 0 "the base store"
if sqlite_only "the base store's file closed cleanly"; then
  [ ! -e "$ASNBELAJAR_DB-wal" ] && ok || fail "the base store was closed cleanly (no -wal left to copy)"
fi
BASE_DB=$(clone_store "$ASNBELAJAR_DB" base)
base_audit=$(q "$BASE_DB" 'SELECT count(*) FROM audit_log')

# How long a whole import takes here: the kills are spread over that window.
TIMING_DB=$(clone_store "$BASE_DB" timing)
t0=$(date +%s%N)
"$ASNBELAJAR" -q --db "$TIMING_DB" participant import "$WORK/roster.csv"
expect_eq "$?" "0" "a whole import"
duration_ms=$((($(date +%s%N) - t0) / 1000000))
expect_eq "$(q "$TIMING_DB" 'SELECT count(*) FROM participants')" "$((BASE + ROWS))" "it adds every row"

none=0 all=0
for trial in $(seq 1 "$TRIALS"); do
  db=$(clone_store "$BASE_DB" "trial-$trial")
  # A moment anywhere in the import's run, a little beyond it too (the commit and the close). The window is cut
  # into one slice per trial and each trial draws its moment inside its own slice, so the early trials land
  # inside the import even when the one timed run above was slow (a loaded machine): with a draw over the whole
  # window, every trial of a short run could land after the commit, and the test would prove nothing.
  window_ms=$((duration_ms * 11 / 10 + 1))
  slice_ms=$((window_ms / TRIALS + 1))
  delay_ms=$(((trial - 1) * slice_ms + RANDOM % slice_ms))
  "$ASNBELAJAR" -q --db "$db" participant import "$WORK/roster.csv" 2>/dev/null &
  pid=$!
  sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
  "$ASNBELAJAR" --db "$db" db check --format csv >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 0 "trial $trial (killed after $delay_ms ms): db check"
  expect_grep '^integrity,ok$' "$OUT" "trial $trial: integrity ok"
  people=$(q "$db" 'SELECT count(*) FROM participants')
  audit=$(q "$db" 'SELECT count(*) FROM audit_log')
  if [ "$people" -eq $BASE ] && [ "$audit" -eq "$base_audit" ]; then
    none=$((none + 1))
    ok
  elif [ "$people" -eq $((BASE + ROWS)) ] && [ "$audit" -eq $((base_audit + 1)) ]; then
    all=$((all + 1))
    ok
  else
    fail "trial $trial (killed after $delay_ms ms): $people people and $audit audit rows: neither none nor all of the import"
  fi
  # The next writer is not held up by the killed one: no stale lock, no damaged journal.
  ab --db "$db" participant add --nip 199001152014031002 --name "Budi Santoso"
  expect_rc 0 "trial $trial: the next write succeeds"
  drop_store "$db"
done
echo "kill trials: $TRIALS imports of $ROWS rows (a whole one takes $duration_ms ms here) killed with SIGKILL at random" \
  "moments (seed $SEED): $none left nothing, $all left everything, none left part; every store passed db check"
[ "$none" -ge 1 ] && ok || fail "no kill landed inside an import: the test proved nothing (seed $SEED)"

# The first import into a new store: on SQLite it is written with a rollback journal (no WAL) until it commits.
# Killed at random moments, the file it leaves (if any) becomes, for the next writer, the empty store or the
# whole import, passes db check, and is in WAL mode after that write.
# The first trial is killed the moment the transaction's journal appears (the file is polled), so one kill at least
# lands inside the transaction however the machine's speed moves its window (a sanitizer build on a fast machine
# spent most of its run before the transaction, and three random kills all missed it); the others at random
# moments over the time a first import takes here, measured on its own.
# A new store is inside its first import's transaction when its rollback journal holds more than one page: the
# other journals it has for a moment hold one (page 1, rewritten when the new file is switched to WAL, and when
# the store with its schema is switched out of WAL for the import). A journal is a 512-byte header and, per page,
# 4096 bytes with 8 of page number and checksum.
in_first_transaction() {
  [ "$(stat -c %s "$1-journal" 2>/dev/null || echo 0)" -gt $((512 + 4104)) ]
}
if sqlite_only "the first import into a new store killed (its rollback journal)"; then
  rm -f "$WORK/new-timing.db"
  t0=$(date +%s%N)
  "$ASNBELAJAR" -q --db "$WORK/new-timing.db" participant import "$WORK/roster.csv"
  expect_eq "$?" "0" "a whole first import into a new store"
  new_window_ms=$((($(date +%s%N) - t0) / 1000000 * 11 / 10 + 1))
  new_slice_ms=$((new_window_ms / (TRIALS - 1) + 1))
  new_none=0
  for trial in $(seq 1 "$TRIALS"); do
    db="$WORK/new-$trial.db"
    rm -f "$db" "$db"-*
    "$ASNBELAJAR" -q --db "$db" participant import "$WORK/roster.csv" 2>/dev/null &
    pid=$!
    if [ "$trial" -eq 1 ]; then
      # (kill -0 would go on finding the process once it has ended: a zombie until `wait`; its state says it)
      while ! in_first_transaction "$db" && read -r _ _ state _ 2>/dev/null </proc/$pid/stat && [ "$state" != Z ]
      do :; done
      delay_ms="the journal's appearance"
    else
      delay_ms=$(((trial - 2) * new_slice_ms + RANDOM % new_slice_ms))
      sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
      delay_ms="$delay_ms ms"
    fi
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    in_first_transaction "$db" && new_none=$((new_none + 1))
    ab --db "$db" participant add --nip 199001152014031002 --name "Budi Santoso"
    expect_rc 0 "new store, trial $trial (killed after $delay_ms): the next write succeeds"
    ab --db "$db" db check --format csv
    expect_rc 0 "new store, trial $trial: db check"
    expect_grep '^integrity,ok$' "$OUT" "new store, trial $trial: integrity ok"
    expect_grep '^journal_mode,wal$' "$OUT" "new store, trial $trial: in WAL mode after the next write"
    people=$(q "$db" 'SELECT count(*) FROM participants')
    [ "$people" -eq 1 ] || [ "$people" -eq $((ROWS + 1)) ] && ok ||
      fail "new store, trial $trial (killed after $delay_ms): $people people: neither none nor all of the import"
    drop_store "$db"
  done
  echo "new-store kill trials: $new_none of $TRIALS killed inside the first import's transaction (seed $SEED)"
  [ "$new_none" -ge 1 ] && ok || fail "no kill landed inside a new store's first import: the test proved nothing (seed $SEED)"
fi

# A backup killed half-way: no backup, or a whole one; never a damaged file at the backup's path.
for trial in 1 2 3; do
  rm -f "$WORK/backup.db"
  "$ASNBELAJAR" --db "$TIMING_DB" db backup "$WORK/backup.db" 2>/dev/null &
  pid=$!
  sleep "0.0$((RANDOM % 10))"
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
  if [ -e "$WORK/backup.db" ]; then
    ab --db "$WORK/backup.db" db check
    expect_rc 0 "killed backup $trial: the backup file that exists is whole"
  else
    ok
  fi
done

finish
