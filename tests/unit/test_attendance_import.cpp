#include "asnbelajar/attendance.hpp"
#include "asnbelajar/attendance_import.hpp"
#include "asnbelajar/enrollment.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/store.hpp"
#include "temp_dir.hpp"
#include "webinar.hpp"

#include <doctest/doctest.h>

using namespace asnbelajar;

namespace {

constexpr UnixSeconds nine_wib = 1646272800; // 2022-03-03 09:00 WIB

sources::ExportRecord joined(const char* nip, const char* email, const char* phone, int from_min, int to_min,
                             std::size_t line) {
    sources::ExportRecord r;
    r.nip = nip;
    r.email = email;
    r.phone = phone;
    r.name = "Peserta";
    r.join = nine_wib + from_min * 60;
    r.leave = nine_wib + to_min * 60;
    r.line = line;
    return r;
}

struct Fixture {
    TempDir dir;
    std::unique_ptr<store::Store> db{store::open(dir.file("s.db"), store::Access::write)};
    store::Store& store{*db};
    Session session;
    std::vector<Participant> people;

    Fixture() {
        store::Store::Transaction tx(store);
        session = add_webinar(store, std::nullopt); // starts at nine_wib
        const char* rows[][3] = {{"198609262015051001", "a@x.go.id", "081234567001"},
                                 {"199001152014031002", "b@x.go.id", "081234567002"},
                                 {"198703212010122003", "c@x.go.id", "081234567003"}};
        for (auto& row : rows) {
            Participant p;
            p.nip = row[0];
            p.email = row[1];
            p.phone = std::string("+62") + (row[2] + 1);
            p.name = row[1];
            p.id = store.insert_participant(p);
            people.push_back(p);
        }
        enroll(store, session, people[0].id);
        enroll(store, session, people[1].id);
        tx.commit();
    }

    AttendanceImportResult import(const sources::ExportData& d, AttendanceImportOptions o = {}) {
        o.today = Date{2022, 12, 31};
        store::Store::Transaction tx(store);
        AttendanceImportResult r = import_attendance(store, session, d, o);
        tx.commit();
        return r;
    }

    std::optional<AttendanceSummary> summary(std::size_t person) {
        for (const store::RosterRow& row : store.session_roster(session.id))
            if (row.person.id == people[person].id) return row.attendance;
        return std::nullopt;
    }
};

sources::ExportData export_of(std::vector<sources::ExportRecord> records) {
    sources::ExportData d;
    d.name = "x.csv";
    d.source = sources::find_source("zoom-webinar");
    d.rows = records.size();
    d.records = std::move(records);
    return d;
}

} // namespace

TEST_CASE("import: NIP, then e-mail in any case, then phone; rows grouped per person; walk-ins") {
    Fixture f;
    sources::ExportData d = export_of({
        joined("19860926 201505 1 001", "b@x.go.id", "", 0, 60, 2), // NIP wins over b's e-mail
        joined("", "B@X.GO.ID", "", 10, 150, 3),
        joined("", "nobody@x.go.id", "0812-3456-7003", 0, 180, 4), // phone: c, not enrolled
        joined("1.98609E+17", "A@x.go.id", "", 30, 100, 5),        // mangled NIP: the e-mail decides
    });
    AttendanceImportResult r = f.import(d);
    CHECK(r.people == 3);
    CHECK(r.matched == 3);
    CHECK(r.walk_ins == 1);
    CHECK(r.unmatched.empty());
    CHECK(f.summary(0)->minutes == 100); // 0..60 and 30..100
    CHECK(f.summary(1)->minutes == 140);
    CHECK(f.summary(2)->minutes == 180);
    CHECK(f.store.enrollment(f.session.id, f.people[2].id)->status == EnrollmentStatus::walk_in);
    CHECK(r.attended == 2); // b 140 ≥ 126, c 180
    CHECK(r.partial == 1);
    CHECK(f.store.marks(f.session.id, f.people[0].id).size() == 2);
    CHECK(f.store.marks(f.session.id, f.people[0].id)[0].source == "zoom-webinar");
    CHECK(f.store.marks(f.session.id, f.people[0].id)[0].kind == MarkKind::interval);
    CHECK(f.store.marks(f.session.id, f.people[0].id)[0].seconds == 0); // a join and a leave, no duration
}

TEST_CASE(
    "import: one person's many rows (rejoins) are one person; rows with nothing to go by are each their own") {
    Fixture f;
    std::vector<sources::ExportRecord> rows;
    for (int k = 0; k < 40; ++k) // a bad connection: 40 joins of 4 minutes
        rows.push_back(joined("", "a@x.go.id", "", 4 * k, 4 * k + 4, 2 + k));
    rows.push_back(joined("", "b@x.go.id", "", 0, 180, 50));
    for (std::size_t line : {51, 52}) { // no NIP, e-mail, phone or name
        rows.push_back(joined("", "", "", 0, 60, line));
        rows.back().name.clear();
    }
    AttendanceImportResult r = f.import(export_of(rows));
    CHECK(r.matched == 2);
    CHECK(f.summary(0)->minutes == 160);
    CHECK(f.store.marks(f.session.id, f.people[0].id).size() == 40);
    REQUIRE(r.unmatched.size() == 2);
    CHECK(r.people == 4); // a, b, and each row with nothing
}

TEST_CASE(
    "import: a cancelled session is refused before anything changes, inside the caller's transaction too") {
    Fixture f;
    f.import(export_of({joined("", "a@x.go.id", "", 0, 60, 2)}));
    store::Store::Transaction tx(f.store);
    Session cancelled = f.session;
    cancelled.status = SessionStatus::cancelled;
    AttendanceImportOptions o;
    o.replace = true; // would clear the session's attendance first
    o.today = Date{2022, 12, 31};
    CHECK_THROWS_WITH_AS(
        import_attendance(f.store, cancelled, export_of({joined("", "b@x.go.id", "", 0, 60, 2)}), o),
        doctest::Contains("cancelled"), Error);
    CHECK(f.store.marks(f.session.id, f.people[0].id).size() == 1);
}

TEST_CASE("import: the same export again changes nothing; --replace starts over") {
    Fixture f;
    sources::ExportData d =
        export_of({joined("", "a@x.go.id", "", 0, 60, 2), joined("", "a@x.go.id", "", 50, 130, 3)});
    d.records.push_back(d.records[0]);
    d.records.back().join.reset();
    d.records.back().leave.reset();
    d.records.back().seconds = 20 * 60; // a duration: twice would be 40
    AttendanceImportResult first = f.import(d);
    CHECK_FALSE(first.reimport);
    CHECK(f.summary(0)->minutes == 130);
    std::reverse(d.records.begin(), d.records.end()); // same rows in another order
    AttendanceImportResult again = f.import(d);
    CHECK(again.reimport);
    CHECK(f.summary(0)->minutes == 130);
    CHECK(f.store.marks(f.session.id, f.people[0].id).size() == 3);
    CHECK(again.walk_ins == first.walk_ins);

    f.import(export_of({joined("", "b@x.go.id", "", 0, 10, 2)}));
    AttendanceImportOptions o;
    o.replace = true;
    f.import(export_of({joined("", "b@x.go.id", "", 0, 30, 2)}), o);
    CHECK_FALSE(f.summary(0));
    CHECK(f.summary(1)->minutes == 30);
}

TEST_CASE("import: unmatched rows, and participants created for them") {
    Fixture f;
    sources::ExportRecord nip_row =
        joined("199004122022242011", "maria@kemenag.go.id", "0812-3456-7890", 0, 100, 7);
    nip_row.name = "Maria Ulfah, S.Pd.I.";
    sources::ExportRecord mail_row = joined("", "MARIA@kemenag.go.id", "", 120, 170, 9);
    sources::ExportRecord anonymous = joined("", "", "", 0, 180, 8);
    anonymous.name = "iPhone";
    sources::ExportData d = export_of({nip_row, anonymous, mail_row});
    AttendanceImportResult r = f.import(d);
    CHECK(r.matched == 0);
    CHECK(r.people == 3); // Maria by NIP, Maria by e-mail (not known to be the same), the iPhone
    REQUIRE(r.unmatched.size() == 3);
    CHECK(r.unmatched[0].record.line == 7);
    CHECK(r.unmatched[0].reason == "no participant with this NIP, e-mail or phone");
    CHECK(r.unmatched[1].reason ==
          "no valid NIP, e-mail or phone to match; --match-names would match it by name");
    CHECK(r.attended == 0);

    AttendanceImportOptions o;
    o.create_unknown = true;
    r = f.import(d, o);
    CHECK(r.created == 1); // one participant for both of Maria's rows
    CHECK(r.matched == 1);
    CHECK(r.walk_ins == 1);
    REQUIRE(r.unmatched.size() == 1);
    CHECK(r.unmatched[0].reason == "cannot create a participant: nip a NIP or an e-mail address is required");
    std::optional<Participant> maria = f.store.participant_by_nip("199004122022242011");
    REQUIRE(maria);
    CHECK(maria->name == "Maria Ulfah, S.Pd.I.");
    CHECK(maria->email == "maria@kemenag.go.id");
    CHECK(maria->phone == "+6281234567890"); // the phone of the row, normalised
    bool found = false;
    for (const store::RosterRow& row : f.store.session_roster(f.session.id))
        if (row.person.id == maria->id) {
            found = true;
            CHECK(row.attendance->minutes == 150);
            CHECK(row.enrollment == EnrollmentStatus::walk_in);
        }
    CHECK(found);
}

TEST_CASE("import: refusals leave the store as it was") {
    Fixture f;
    sources::ExportData empty = export_of({});
    empty.rows = 3;
    empty.staff_rows = 2;
    empty.no_shows = 1;
    CHECK_THROWS_WITH_AS(
        f.import(empty),
        "x.csv: no attendee rows (3 rows read: 2 of hosts, panelists or organizers, 1 of people "
        "who did not attend); pass --allow-empty if that is right",
        Error);
    AttendanceImportOptions o;
    o.allow_empty = true;
    CHECK(f.import(empty, o).people == 0);
    // The reader's notes say why there were none.
    empty.notes = {"no attendee section (sections found: Host Details)", "second note"};
    CHECK_THROWS_WITH_AS(
        f.import(empty),
        "x.csv: no attendee rows (3 rows read: 2 of hosts, panelists or organizers, 1 of people "
        "who did not attend; no attendee section (sections found: Host Details); second note); "
        "pass --allow-empty if that is right",
        Error);

    sources::ExportData next_week =
        export_of({joined("", "a@x.go.id", "", 7 * 24 * 60, 7 * 24 * 60 + 60, 2)});
    CHECK_THROWS_WITH_AS(f.import(next_week),
                         "x.csv: none of its joins meets session 2022-03-03 (2022-03-03T09:00:00+07:00 to "
                         "2022-03-03T12:00:00+07:00): they run from 2022-03-10T09:00:00+07:00 to "
                         "2022-03-10T10:00:00+07:00; is it the right session, and the right --tz?",
                         Error);
    f.session.status = SessionStatus::cancelled;
    CHECK_THROWS_WITH_AS(f.import(export_of({joined("", "a@x.go.id", "", 0, 60, 2)})),
                         doctest::Contains("cancelled"), Error);
    CHECK(f.store.participants_with_marks(f.session.id).empty());
}

TEST_CASE("import: progress, once per batch of people and at the end") {
    Fixture f;
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    store::Store::Transaction tx(f.store);
    AttendanceImportOptions o;
    import_attendance(f.store, f.session, export_of({joined("", "a@x.go.id", "", 0, 60, 2)}), o,
                      [&](const Progress& p) { calls.emplace_back(p.done, p.total); });
    REQUIRE(calls.size() == 2);
    CHECK(calls.back() == std::make_pair(std::size_t{1}, std::size_t{1}));
}

TEST_CASE("export_digest: the rows decide, not their order or lines") {
    sources::ExportData a =
        export_of({joined("", "a@x.go.id", "", 0, 60, 2), joined("", "b@x.go.id", "", 0, 60, 3)});
    sources::ExportData b =
        export_of({joined("", "b@x.go.id", "", 0, 60, 9), joined("", "a@x.go.id", "", 0, 60, 12)});
    CHECK(export_digest(a) == export_digest(b));
    b.records[0].leave = *b.records[0].leave + 60;
    CHECK(export_digest(a) != export_digest(b));
    CHECK(export_digest(a).size() == 16);
    // The digest is stored with the marks and compared at the next import, by this version or a later one:
    // it must never change for the same rows (64-bit FNV-1a of each row, numbers as 8 bytes, least first).
    CHECK(export_digest(a) == "f8f5c22ef0a9fe2f"); // computed apart from this code (FNV-1a in Python)
}

TEST_CASE("import: rows with a name only, --match-names, and a NIP written in the name") {
    Fixture f;
    // Names: people[0] "Dr. Siti Rahayu, S.Pd." (enrolled), people[1] "Budi Santoso" (enrolled),
    // people[2] "SITI RAHAYU" (not enrolled); a fourth, not enrolled, also "Budi Santoso".
    {
        store::Store::Transaction tx(f.store);
        const char* names[] = {"Dr. Siti Rahayu, S.Pd.", "Budi Santoso", "SITI RAHAYU"};
        for (std::size_t i = 0; i < 3; ++i) {
            f.people[i].name = names[i];
            f.store.update_participant(f.people[i]);
        }
        Participant budi2;
        budi2.nip = "199203142019031004";
        budi2.name = "Budi  Santoso, S.E.";
        budi2.id = f.store.insert_participant(budi2);
        Participant eko;
        eko.nip = "199107072019031005";
        eko.name = "Eko Prasetyo";
        eko.id = f.store.insert_participant(eko);
        Participant eko2 = eko;
        eko2.nip = "199107072019031006";
        eko2.name = "Eko Prasetyo, A.Md.";
        eko2.id = f.store.insert_participant(eko2);
        Participant eko3 = eko; // stored after the others, listed before them: the list is sorted
        eko3.nip = "199107072019031004";
        eko3.name = "EKO PRASETYO";
        eko3.id = f.store.insert_participant(eko3);
        Participant eko4; // no NIP: named by the e-mail address
        eko4.email = "eko.prasetyo@example.go.id";
        eko4.name = "Eko Prasetyo";
        eko4.id = f.store.insert_participant(eko4);
        tx.commit();
    }
    auto named = [](const char* name, int from, int to, std::size_t line) {
        sources::ExportRecord r = joined("", "", "", from, to, line);
        r.name = name;
        return r;
    };
    sources::ExportData d = export_of({named("siti rahayu", 0, 60, 2), named("Santoso, Budi", 0, 90, 3),
                                       named("Eko Prasetyo", 0, 30, 4), named("Nobody Here", 0, 30, 5),
                                       named("Putri - [NIP.198703212010122003]", 10, 40, 6)});
    d.source = sources::find_source("teams-list");
    d.names_only = true;
    // Without --match-names: refused, naming the option, nothing written.
    CHECK_THROWS_WITH_AS(f.import(d), doctest::Contains("pass --match-names"), Error);
    CHECK_FALSE(f.summary(0));

    AttendanceImportOptions o;
    o.match_names = true;
    AttendanceImportResult r = f.import(d, o);
    CHECK(f.summary(0)->minutes == 60); // unique among the enrolled, though not among everyone
    CHECK(f.summary(1)->minutes == 90); // likewise; surname first
    CHECK(f.summary(2)->minutes == 30); // by the NIP in the name (10..40)
    REQUIRE(r.unmatched.size() == 2);
    CHECK(r.unmatched[0].record.line == 4);
    CHECK(r.unmatched[0].reason ==
          "the name matches 4 participants (199107072019031004, 199107072019031005, 199107072019031006, "
          "eko.prasetyo@example.go.id); match the row by hand");
    CHECK(r.unmatched[1].reason == "no participant with this name");

    // A NIP in every name: no name matching needed.
    sources::ExportData nips = export_of({named("Putri - [NIP.198703212010122003]", 10, 50, 2)});
    nips.names_only = true;
    CHECK_NOTHROW(f.import(nips));
    CHECK(f.summary(2)->minutes == 40);
}

TEST_CASE("import: --match-names is blind to accents on either side, for one name and for many") {
    for (int unknown : {0, 40}) {
        CAPTURE(unknown);
        Fixture f;
        {
            store::Store::Transaction tx(f.store);
            // Not enrolled: found among everyone. Every word of the stored name has an accent that the rows do
            // not write (a search for any one word of the row in the stored names would find nothing), and the
            // other way round.
            f.people[2].name = "André Zülkifli";
            f.store.update_participant(f.people[2]);
            f.people[1].name = "Jurgen Li"; // enrolled
            f.store.update_participant(f.people[1]);
            tx.commit();
        }
        std::vector<sources::ExportRecord> rows;
        auto named = [&](std::string name, int minutes, std::size_t line) {
            sources::ExportRecord r = joined("", "", "", 0, minutes, line);
            r.name = std::move(name);
            rows.push_back(std::move(r));
        };
        named("Andre  ZULKIFLI", 45, 2);
        named("Zulkifli, Ándre", 45, 3); // a second row of the same person, another spelling
        named("JÜRGEN Li", 30, 4);
        for (int i = 0; i < unknown; ++i)
            named("Orang Asing " + std::to_string(i), 30, static_cast<std::size_t>(5 + i));
        sources::ExportData d = export_of(std::move(rows));
        AttendanceImportOptions o;
        o.match_names = true;
        AttendanceImportResult r = f.import(d, o);
        REQUIRE(f.summary(2));
        CHECK(f.summary(2)->minutes == 45);
        REQUIRE(f.summary(1));
        CHECK(f.summary(1)->minutes == 30);
        CHECK(r.walk_ins == 1);
        CHECK(r.unmatched.size() == static_cast<std::size_t>(unknown));
    }
}

TEST_CASE("import: --match-names, and a row whose name is titles only") {
    Fixture f;
    sources::ExportRecord r = joined("", "", "", 0, 60, 2);
    r.name = "Dr. S.Pd.";
    sources::ExportData d = export_of({r});
    d.source = sources::find_source("teams-list");
    d.names_only = true;
    AttendanceImportOptions o;
    o.match_names = true;
    AttendanceImportResult result = f.import(d, o);
    REQUIRE(result.unmatched.size() == 1);
    CHECK(result.unmatched[0].reason == "no NIP, e-mail or phone, and no name to match");
}

TEST_CASE("import: --create-unknown never gives one e-mail address to two new participants") {
    Fixture f;
    // Line 2 creates 199004122022242011 with e2@x.go.id. The rows of 199203142019031004 (lines 3 and 4) would
    // create their participant from line 4, the one with the longest name, whose e-mail is e2@x.go.id too.
    auto row = [](const char* nip, const char* email, const char* name, std::size_t line) {
        sources::ExportRecord r = joined(nip, email, "", 0, 60, line);
        r.name = name;
        return r;
    };
    sources::ExportData d = export_of({row("199004122022242011", "e2@x.go.id", "Ani Lestari", 2),
                                       row("199203142019031004", "e1@x.go.id", "Budi", 3),
                                       row("199203142019031004", "e2@x.go.id", "Budi Santoso", 4)});
    AttendanceImportOptions o;
    o.create_unknown = true;
    AttendanceImportResult r = f.import(d, o);
    CHECK(r.created == 1);
    REQUIRE(r.unmatched.size() == 2);
    CHECK(r.unmatched[0].record.line == 3);
    CHECK(r.unmatched[0].reason ==
          "cannot create a participant: e-mail e2@x.go.id already belongs to another participant");
    CHECK_FALSE(f.store.participant_by_nip("199203142019031004"));
    REQUIRE(f.store.participant_by_nip("199004122022242011"));
    CHECK(f.store.participant_by_nip("199004122022242011")->email == "e2@x.go.id");
}

TEST_CASE("import: the same export again, after a participant's e-mail changed, takes their minutes away") {
    Fixture f;
    const sources::ExportData d = export_of({joined("", "a@x.go.id", "", 0, 60, 2)});
    f.import(d);
    CHECK(f.summary(0)->minutes == 60);
    {
        store::Store::Transaction tx(f.store);
        f.people[0].email = "a.new@x.go.id";
        f.store.update_participant(f.people[0]);
        tx.commit();
    }
    AttendanceImportResult again = f.import(d);
    CHECK(again.reimport);
    REQUIRE(again.unmatched.size() == 1); // the row matches nobody now
    CHECK(f.store.marks(f.session.id, f.people[0].id).empty());
    const std::optional<AttendanceSummary> s = f.summary(0);
    CHECK((!s || s->minutes == 0));
}

TEST_CASE("import: --create-unknown makes the participant from the first of the rows with the longest name") {
    Fixture f;
    auto row = [](const char* email, const char* name, std::size_t line) {
        sources::ExportRecord r = joined("199203142019031004", email, "", 0, 60, line);
        r.name = name;
        return r;
    };
    AttendanceImportOptions o;
    o.create_unknown = true;
    AttendanceImportResult r =
        f.import(export_of({row("budi1@x.go.id", "Budi", 2), row("budi2@x.go.id", "Budi S.", 3),
                            row("budi3@x.go.id", "Budi T.", 4)}),
                 o);
    CHECK(r.created == 1);
    REQUIRE(f.store.participant_by_nip("199203142019031004"));
    CHECK(f.store.participant_by_nip("199203142019031004")->name == "Budi S.");
    CHECK(f.store.participant_by_nip("199203142019031004")->email == "budi2@x.go.id");
}

TEST_CASE(
    "import: --create-unknown: a row with a phone only is the person created for an earlier row with it") {
    Fixture f;
    AttendanceImportOptions o;
    o.create_unknown = true;
    AttendanceImportResult r = f.import(export_of({joined("", "baru@x.go.id", "0812-9999-0001", 0, 60, 2),
                                                   joined("", "", "0812-9999-0001", 60, 90, 3)}),
                                        o);
    CHECK(r.created == 1);
    CHECK(r.matched == 1);
    CHECK(r.unmatched.empty());
    const std::optional<Participant> p = f.store.participant_by_email("baru@x.go.id");
    REQUIRE(p);
    CHECK(f.store.marks(f.session.id, p->id).size() == 2);
}
