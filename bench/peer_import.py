#!/usr/bin/python3
"""Peer for `participant import`: a plain Python csv + sqlite3 import of a roster.

    peer_import.py STORE ROSTER.csv

Reads the CSV with the csv module and inserts every row with executemany() in one transaction into a table with
the same uniqueness constraints as asnbelajar's participants table (NIP unique, e-mail unique). No validation,
no normalisation: what a quick hand-written script does. Standard library only.
"""
import csv
import sqlite3
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: peer_import.py STORE ROSTER.csv")
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("""CREATE TABLE IF NOT EXISTS participants (
        id INTEGER PRIMARY KEY, nip TEXT UNIQUE, name TEXT NOT NULL, email TEXT UNIQUE, phone TEXT,
        agency TEXT, unit TEXT, position TEXT, grade TEXT)""")
    with open(sys.argv[2], newline="", encoding="utf-8-sig") as f:
        rows = csv.reader(f)
        next(rows)  # header
        db.execute("BEGIN")
        db.executemany("INSERT INTO participants(nip, name, email, phone, agency, unit, position, grade) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    main()
