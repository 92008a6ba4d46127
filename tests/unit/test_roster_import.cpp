#include "asnbelajar/csv.hpp"
#include "asnbelajar/enrollment.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/roster_import.hpp"
#include "asnbelajar/session.hpp"
#include "asnbelajar/store.hpp"
#include "error_of.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "temp_dir.hpp"
#include "webinar.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <limits>
#include <mutex>
#include <sstream>
#include <thread>

using namespace asnbelajar;

namespace {

constexpr Date today{2025, 12, 31}; // for the NIP checks

const std::vector<std::string_view> gforms_header = {"Timestamp",
                                                     "Email Address",
                                                     "NIP (18 digit, tanpa spasi)",
                                                     "Nama Lengkap (beserta gelar)",
                                                     "No. HP/WhatsApp",
                                                     "Instansi",
                                                     "Unit Kerja / Perangkat Daerah",
                                                     "Jabatan",
                                                     "Pangkat/Golongan",
                                                     "Alamat Email",
                                                     "Durasi"};

// Every import test runs twice on the SQLite backend: row by row, and in append mode from the first row
// (indexes dropped, keys in memory); the results must be the same.
std::uint64_t append_after = 20000;
void both_modes() {
    append_after = 20000;
    SUBCASE("row by row") {
        append_after = store::sqlite::SqliteStore::never_append;
    }
    SUBCASE("append mode") {
        append_after = 0;
    }
}

std::unique_ptr<store::Store> open_store(const std::string& path) {
    std::unique_ptr<store::Store> s = store::open(path, store::Access::write);
    dynamic_cast<store::sqlite::SqliteStore&>(*s).append_after = append_after;
    return s;
}

struct Run {
    RosterImportResult result;
    std::vector<std::string> problems; // format_problem of each
    std::vector<std::string> warnings; // format_problem of each
    std::string rejects;
};

// Imports `csv` (registrations when a session is given) into `store`; `with` adjusts the options.
Run import_text(store::Store& store, const std::string& csv, const Session* session = nullptr,
                const std::function<void(RosterImportOptions&)>& with = {}) {
    std::istringstream in(csv);
    CsvReader reader(in, "t.csv");
    Run run;
    std::ostringstream rejects;
    RosterImportOptions options;
    options.today = today;
    options.rejects = &rejects;
    options.on_reject = [&](std::size_t line, const std::vector<std::string_view>&,
                            const std::vector<RowProblem>& problems) {
        for (const RowProblem& p : problems)
            run.problems.push_back(format_problem("t.csv", line, p));
    };
    options.on_warning = [&](std::size_t line, const RowProblem& w) {
        run.warnings.push_back(format_problem("t.csv", line, w));
    };
    options.now = 1767139200; // 2025-12-31
    if (with) with(options);
    run.result = session ? import_registrations(store, *session, reader, options)
                         : import_participants(store, reader, options);
    run.rejects = rejects.str();
    return run;
}

// A file of `rows` people after its header, every line as long as the first.
const std::string numbered_header = "Email,Nama\n";
std::string numbered_row(std::size_t i) {
    return fmt::format("p{:05}@example.go.id,P{:05}\n", i, i);
}
std::string numbered_rows(std::size_t rows) {
    std::string csv = numbered_header;
    for (std::size_t i = 0; i < rows; ++i)
        csv += numbered_row(i);
    return csv;
}

} // namespace

TEST_CASE("RowMapper: a Google Forms header") {
    RowMapper m(gforms_header, "reg.csv", 1, today);
    CHECK(m.width() == 11);
    CHECK(m.columns().at(Field::email) == 1); // the collected address, the first e-mail column
    CHECK(m.columns().at(Field::nip) == 2);
    CHECK(m.columns().at(Field::name) == 3);
    CHECK(m.columns().at(Field::grade) == 8);
    CHECK(m.ignored() == std::vector<std::string>{"Timestamp", "Durasi"});
    CHECK(m.columns().duplicates == std::vector<std::string>{"Alamat Email"});
}

TEST_CASE("RowMapper: required columns, with the file, the line and the accepted headers") {
    std::string e = error_of([] { RowMapper({"NIP", "Instansi"}, "r.csv", 3, today); });
    CHECK(e.rfind("r.csv:3: no name column (accepted headers: name, nama, nama lengkap", 0) == 0);
    CHECK(e.find("\"NIP\", \"Instansi\"") != std::string::npos);

    e = error_of([] { RowMapper({"Nama", "Instansi", "Jabatan"}, "r.csv", 1, today); });
    CHECK(e.rfind("r.csv:1: no NIP or e-mail column", 0) == 0);
    CHECK(e.find("surel") != std::string::npos);
    CHECK(e.find("nomor induk pegawai") != std::string::npos);

    e = error_of([] { RowMapper({"Timestamp"}, "r.csv", 1, today); });
    CHECK(e.find("no name column") != std::string::npos);
    CHECK(e.find("and no NIP or e-mail column") != std::string::npos);

    // The header row is quoted up to its 12th column; the rest are counted.
    std::vector<std::string> names;
    for (int i = 1; i <= 13; ++i)
        names.push_back("K" + std::to_string(i));
    auto header_of = [&names](std::size_t columns) {
        return std::vector<std::string_view>(names.begin(),
                                             names.begin() + static_cast<std::ptrdiff_t>(columns));
    };
    e = error_of([&] { RowMapper(header_of(12), "r.csv", 1, today); });
    CHECK(e.find(". The header row has 12 columns: \"K1\", \"K2\"") != std::string::npos);
    CHECK(e.ends_with(", \"K11\", \"K12\"")); // all twelve, no "and 0 more"
    e = error_of([&] { RowMapper(header_of(13), "r.csv", 1, today); });
    CHECK(e.find("The header row has 13 columns: ") != std::string::npos);
    CHECK(e.find("\"K13\"") == std::string::npos);
    CHECK(e.ends_with(", \"K12\" and 1 more"));
    e = error_of([&] { RowMapper(header_of(1), "r.csv", 1, today); });
    CHECK(e.ends_with(". The header row has 1 column: \"K1\""));

    // Either identity column is enough.
    CHECK(error_of([] { RowMapper({"Nama", "Surel"}, "r.csv", 1, today); }).empty());
    CHECK(error_of([] { RowMapper({"NIP/NI PPPK", "NAMA"}, "r.csv", 1, today); }).empty());
}

TEST_CASE("RowMapper::map normalises every field") {
    RowMapper m({"NIP", "Nama", "Surel", "No HP", "Instansi", "OPD", "Jabatan", "Gol"}, "r.csv", 1, today);
    Participant p;
    std::vector<RowProblem> problems;
    REQUIRE(m.map({"'19860926 201505 1 001", "  Siti  Rahayu, S.Pd. ", "Siti@Example.GO.ID", "0812-3456-7890",
                   "Pemerintah Kabupaten Sidoarjo", "Dinas Pendidikan", "Guru", "Penata Muda (III/a)"},
                  p, problems));
    CHECK(problems.empty());
    CHECK(p.nip == "198609262015051001");
    CHECK(p.name == "Siti Rahayu, S.Pd.");
    CHECK(p.email == "siti@example.go.id");
    CHECK(p.phone == "+6281234567890");
    CHECK(p.unit == "Dinas Pendidikan");
    CHECK(p.grade == "III/a");

    // An NI PPPK and golongan spellings.
    for (auto [given, want] :
         std::vector<std::pair<std::string_view, std::string_view>>{{"IIIa", "III/a"},
                                                                    {"III/B", "III/b"},
                                                                    {"Pengatur Tingkat I (II/d)", "II/d"},
                                                                    {"IVb", "IV/b"},
                                                                    {"Golongan IX", "IX"},
                                                                    {"", ""}}) {
        REQUIRE(m.map({"199203152021241003", "Ani", "", "", "", "", "", given}, p, problems));
        CHECK(p.grade == want);
    }
    CHECK(p.nip == "199203152021241003");
    CHECK(p.email.empty());
}

TEST_CASE("RowMapper::map reports each problem under the column's own header") {
    RowMapper m({"NIP (tanpa spasi)", "Nama Lengkap", "Alamat Email", "No. HP", "Pangkat/Golongan"}, "r.csv",
                1, today);
    Participant p;
    std::vector<RowProblem> problems;

    CHECK_FALSE(m.map({"1.98609E+17", "Budi", "budi@example.go.id", "", ""}, p, problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].column == "NIP (tanpa spasi)");
    CHECK(problems[0].value == "1.98609E+17");
    CHECK(problems[0].reason.find("mangled by a spreadsheet") != std::string::npos);

    CHECK_FALSE(m.map({"19860926201505100", "Budi", "", "", ""}, p, problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].reason.find("17 digits") != std::string::npos);
    CHECK(problems[0].reason.find("spreadsheet") != std::string::npos);

    CHECK_FALSE(m.map({"198613262015051001", "", "budi@", "8.12346E+11", "V/a"}, p, problems));
    std::vector<std::string> columns;
    for (const RowProblem& rp : problems)
        columns.push_back(rp.column);
    CHECK(columns == std::vector<std::string>{"NIP (tanpa spasi)", "Alamat Email", "No. HP",
                                              "Pangkat/Golongan", "Nama Lengkap"});

    // Neither NIP nor e-mail: named after the NIP column.
    CHECK_FALSE(m.map({"", "Budi", "", "", ""}, p, problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].column == "NIP (tanpa spasi)");

    // In a file without a NIP column the e-mail column is named.
    RowMapper by_email({"Nama", "Email"}, "r.csv", 1, today);
    CHECK_FALSE(by_email.map({"Budi", " "}, p, problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].column == "Email");
}

TEST_CASE("RowMapper::map: ragged rows, trailing empty cells, blank rows") {
    RowMapper m({"NIP", "Nama", "Email"}, "r.csv", 1, today);
    Participant p;
    std::vector<RowProblem> problems;
    CHECK_FALSE(m.map({"198609262015051001", "Siti"}, p, problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].column.empty());
    CHECK(problems[0].reason.rfind("the row has 2 fields but the header has 3", 0) == 0);
    CHECK_FALSE(m.map({"198609262015051001", "Siti", "", "Sidoarjo"}, p, problems));
    CHECK(problems[0].reason.rfind("the row has 4 fields", 0) == 0);
    // Extra cells that are empty are only trailing delimiters.
    CHECK(m.map({"198609262015051001", "Siti", "", "", " "}, p, problems));

    CHECK(RowMapper::blank({"", " ", "\t"}));
    CHECK_FALSE(RowMapper::blank({"", "x"}));
}

TEST_CASE("format_problem") {
    CHECK(format_problem("r.csv", 7, {"NIP", "1.98609E+17", "looks mangled"}) ==
          "r.csv:7: NIP: 1.98609E+17: looks mangled");
    CHECK(format_problem("r.csv", 7, {"Nama", "", "a name is required"}) ==
          "r.csv:7: Nama: (empty): a name is required");
    CHECK(format_problem("r.csv", 8, {"", "", "the row has 2 fields"}) == "r.csv:8: the row has 2 fields");
    CHECK(format_problem("<stdin>", 2, {"Unit", "a\nb", "x"}) == "<stdin>:2: Unit: a b: x");
    const std::string long_value(100, 'x');
    CHECK(format_problem("r.csv", 2, {"Unit", long_value, "x"}) ==
          "r.csv:2: Unit: " + std::string(60, 'x') + "…: x");
}

TEST_CASE("import_participants: added, updated, unchanged; empty cells never erase") {
    both_modes();
    TempDir dir;
    const auto db = open_store(dir.file("s.db"));
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    const std::string roster =
        "NIP;Nama;Email;No HP;Instansi\r\n"
        "198609262015051001;Siti Rahayu;siti@example.go.id;081234567890;Kab. Sidoarjo\r\n"
        ";Budi Santoso;budi@example.go.id;;Kota Malang\r\n";
    Run r = import_text(store, roster);
    CHECK(r.result.rows == 2);
    CHECK(r.result.added == 2);
    CHECK(r.result.touched() == 2);
    CHECK(r.problems.empty());

    r = import_text(store, roster);
    CHECK(r.result.unchanged == 2);
    CHECK(r.result.added + r.result.updated == 0);

    // Empty cells keep what is stored; a changed cell updates; the e-mail finds Budi, who gains a NIP.
    r = import_text(store, "NIP,Nama,Email,No HP,Instansi\n"
                           "198609262015051001,Siti Rahayu,,,Kab. Gresik\n"
                           "199001152014031002,Budi Santoso,BUDI@example.go.id,,\n");
    CHECK(r.result.updated == 2);
    auto siti = store.participant_by_nip("198609262015051001");
    REQUIRE(siti);
    CHECK(siti->email == "siti@example.go.id");
    CHECK(siti->phone == "+6281234567890");
    CHECK(siti->agency == "Kab. Gresik");
    auto budi = store.participant_by_email("budi@example.go.id");
    REQUIRE(budi);
    CHECK(budi->nip == "199001152014031002");
    CHECK(budi->agency == "Kota Malang");
}

TEST_CASE("import_participants: a second column for a field is read as nothing, and named in the result") {
    TempDir dir;
    const auto db = open_store(dir.file("s.db"));
    store::Store::Transaction tx(*db);
    Run r = import_text(
        *db, "NIP,Nama,Email,E-mail\n198609262015051001,Siti,siti@example.go.id,lain@example.go.id\n");
    CHECK(r.problems.empty());
    CHECK(r.result.duplicate_columns == std::vector<std::string>{"E-mail"});
    CHECK(db->participant_by_email("siti@example.go.id")); // the first column naming the field wins
}

TEST_CASE("import_participants: conflicts between NIP and e-mail, and repeats within a file") {
    both_modes();
    TempDir dir;
    const auto db = open_store(dir.file("s.db"));
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    import_text(store, "NIP,Nama,Email\n"
                       "198609262015051001,Siti Rahayu,siti@example.go.id\n"
                       "199001152014031002,Budi Santoso,budi@example.go.id\n");

    Run r =
        import_text(store, "NIP,Nama,Email\n"
                           "198609262015051001,Siti Rahayu,budi@example.go.id\n"      // NIP Siti, e-mail Budi
                           "198703212010122003,Ani Lestari,siti@example.go.id\n"      // e-mail of another NIP
                           "198703212010122003,Ani Lestari,ani@example.go.id\n"       // fine: added
                           "198703212010122003,Ani Lestari,ani@example.go.id\n"       // identical repeat
                           "198703212010122003,Ani Lestari S.Pd.,ani@example.go.id\n" // conflicting repeat
                           ",Ani,ani@example.go.id\n");                               // same, by e-mail
    CHECK(r.result.rows == 6);
    CHECK(r.result.added == 1);
    CHECK(r.result.unchanged == 1);
    CHECK(r.result.rejected == 4);
    REQUIRE(r.problems.size() == 4);
    CHECK(r.problems[0] == "t.csv:2: Email: budi@example.go.id: conflict: this e-mail belongs to NIP "
                           "199001152014031002 (Budi Santoso), but the row's NIP to Siti Rahayu");
    CHECK(r.problems[1] == "t.csv:3: Email: siti@example.go.id: conflict: this e-mail belongs to NIP "
                           "198609262015051001 (Siti Rahayu), not to NIP 198703212010122003");
    CHECK(
        r.problems[2].rfind("t.csv:6: NIP: 198703212010122003: the same person appears again with different "
                            "data (first on line 4)",
                            0) == 0);
    CHECK(r.problems[3].rfind("t.csv:7: Email: ani@example.go.id: the same person appears again", 0) == 0);
    // Nothing of a rejected row was written.
    CHECK(store.participant_by_nip("198609262015051001")->email == "siti@example.go.id");
    CHECK(store.participant_by_nip("198703212010122003")->name == "Ani Lestari");

    // The rejects: line, error, then the file's own columns, the rows as read.
    std::istringstream rejects(r.rejects);
    std::string line;
    std::getline(rejects, line);
    CHECK(line == "line,error,NIP,Nama,Email");
    std::getline(rejects, line);
    CHECK(line.rfind("2,\"Email: budi@example.go.id: conflict: this e-mail belongs to NIP 199001152014031002 "
                     "(Budi Santoso), but the row's NIP to Siti Rahayu\",198609262015051001,Siti Rahayu,"
                     "budi@example.go.id",
                     0) == 0);
}

TEST_CASE("import_participants: keys passing between people, in one batch and across batches") {
    both_modes();
    // The rows go to the store in batches (256 rows on SQLite); `filler` rows between the interesting ones
    // put them in one batch or in different ones. Each row is decided as if every earlier row were written.
    std::size_t filler = 0;
    SUBCASE("one batch") {
        filler = 0;
    }
    SUBCASE("across batches") {
        filler = 300;
    }
    TempDir dir;
    const auto db = open_store(dir.file("s.db"));
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    import_text(store, "NIP,Nama,Email\n"
                       "198609262015051001,Siti Rahayu,siti@example.go.id\n"
                       "199001152014031002,Budi Santoso,budi@example.go.id\n");
    std::string csv =
        "NIP,Nama,Email\n"
        "198609262015051001,Siti Rahayu,siti.rahayu@example.go.id\n"; // line 2: Siti's new address
    std::size_t padded = 0;
    const auto pad = [&] {
        for (std::size_t i = 0; i < filler; ++i, ++padded)
            csv +=
                ",Pengisi " + std::to_string(padded) + ",isi" + std::to_string(padded) + "@example.go.id\n";
    };
    pad();
    csv += "199001152014031002,Budi Santoso,siti@example.go.id\n"; // Budi takes the address Siti gave up
    pad();
    csv += "198703212010122003,Ani Lestari,budi@example.go.id\n"; // a new person takes the one Budi gave up
    csv += ",Siti,siti.rahayu@example.go.id\n";                   // Siti again, saying less: a conflict
    csv += "198703212010122003,Ani Lestari,budi@example.go.id\n"; // an identical repeat of a new person
    Run r = import_text(store, csv);
    CHECK(r.result.added == 1 + 2 * filler);
    CHECK(r.result.updated == 2);
    CHECK(r.result.unchanged == 1);
    CHECK(r.result.rejected == 1);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].find("the same person appears again with different data (first on line 2)") !=
          std::string::npos);
    CHECK(store.participant_by_nip("198609262015051001")->email == "siti.rahayu@example.go.id");
    CHECK(store.participant_by_nip("199001152014031002")->email == "siti@example.go.id");
    CHECK(store.participant_by_nip("198703212010122003")->email == "budi@example.go.id");
    CHECK(store.participant_by_email("budi@example.go.id")->name == "Ani Lestari");
}

TEST_CASE("import_participants: a row repeating one of an earlier batch finds the person that batch added") {
    both_modes(); // in append mode the keys are the load's own tables in memory
    TempDir dir;
    const auto db = open_store(dir.file("s.db"));
    store::Store::Transaction tx(*db);
    // 300 people by e-mail address (two batches of 256), then the sixth again, identical, in the second.
    Run r = import_text(*db, numbered_rows(300) + numbered_row(5));
    CHECK(r.problems.empty());
    CHECK(r.result.added == 300);
    CHECK(r.result.unchanged == 1);
    // Likewise by NIP alone.
    const auto nip_row = [](int i) {
        return fmt::format("19860926201505{}{:03},N{:03}\n", 1 + i / 999, 1 + i % 999, i);
    };
    std::string by_nip = "NIP,Nama\n";
    for (int i = 0; i < 300; ++i)
        by_nip += nip_row(i);
    r = import_text(*db, by_nip + nip_row(5));
    CHECK(r.problems.empty());
    CHECK(r.result.added == 300);
    CHECK(r.result.unchanged == 1);
    tx.commit();
    CHECK(db->count_rows(store::Table::participants) == 600);
}

TEST_CASE("import_participants: a key a stored person gains in one batch is found in the next by the store") {
    both_modes();
    TempDir dir;
    const auto db = open_store(dir.file("s.db"));
    store::Store::Transaction tx(*db);
    // Stored: A by e-mail address only, B by NIP only.
    import_text(*db, "NIP,Nama,Email\n,A,a@example.go.id\n198609262015051001,B,\n");
    // The first batch gives A a NIP and B an address; the second batch looks each up by the new key (the
    // batch's own table of keys given is cleared in between: the store answers).
    std::string csv = "NIP,Nama,Email\n199001152014031002,A,a@example.go.id\n198609262015051001,B,"
                      "b@example.go.id\n";
    for (std::size_t i = 0; i < 300; ++i) {
        const std::string row = numbered_row(i); // its e-mail address, then its name
        csv += ",P," + row.substr(0, row.find(',')) + "\n";
    }
    csv += "199001152014031002,A,a@example.go.id\n,B,b@example.go.id\n";
    Run r = import_text(*db, csv);
    CHECK(r.result.updated == 2);
    CHECK(r.result.added == 300);
    CHECK(r.result.unchanged == 1);  // A's row again
    REQUIRE(r.problems.size() == 1); // B's, without the NIP: another row of the same person
    CHECK(r.problems[0] ==
          "t.csv:305: Email: b@example.go.id: the same person appears again with different data "
          "(first on line 3); their rows must agree");
    CHECK(db->participant_by_nip("199001152014031002")->name == "A");
    CHECK(db->participant_by_email("b@example.go.id")->name == "B");
}

TEST_CASE("import_participants: a NIP a stored person gains is theirs for the batch's later rows") {
    both_modes();
    TempDir dir;
    const auto db = open_store(dir.file("s.db"));
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    import_text(store, "Email,Nama\nsiti@example.go.id,Siti Rahayu\n"); // stored without a NIP
    // Line 2 finds Siti by her e-mail and gives her a NIP, which no stored person held when the batch began:
    // the later rows that name that NIP name her.
    Run r = import_text(store, "NIP,Nama,Email\n"
                               "198609262015051001,Siti Rahayu,siti@example.go.id\n"
                               "198609262015051001,Siti Rahayu,siti@example.go.id\n" // an identical repeat
                               "198609262015051001,Siti R,\n");                      // her again, differing
    CHECK(r.result.added == 0);
    CHECK(r.result.updated == 1);
    CHECK(r.result.unchanged == 1);
    CHECK(r.result.rejected == 1);
    REQUIRE(r.problems.size() == 1);
    CHECK(
        r.problems[0].rfind("t.csv:4: NIP: 198609262015051001: the same person appears again with different "
                            "data (first on line 2)",
                            0) == 0);
    CHECK(store.participant_by_email("siti@example.go.id")->nip == "198609262015051001");
}

TEST_CASE("import_participants: a batch whose every row changes a stored person") {
    both_modes();
    TempDir dir;
    const auto db = open_store(dir.file("s.db"));
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    // A full batch of changes and some more: each batch has room for as many changes as it has rows.
    const std::size_t n = store.batch_rows() + 10;
    std::string before = "Email,Nama\n", after = "Email,Nama,Unit Kerja\n";
    for (std::size_t i = 0; i < n; ++i) {
        const std::string k = std::to_string(i);
        before += "p" + k + "@example.go.id,P" + k + "\n";
        after += "p" + k + "@example.go.id,P" + k + ",Unit " + k + "\n";
    }
    CHECK(import_text(store, before).result.added == n);
    Run r = import_text(store, after);
    CHECK(r.result.updated == n);
    CHECK(r.result.rejected == 0);
    CHECK(store.participant_by_email("p0@example.go.id")->unit == "Unit 0");
    const std::string last = std::to_string(n - 1);
    CHECK(store.participant_by_email("p" + last + "@example.go.id")->unit == "Unit " + last);
}

TEST_CASE("import_participants: refusals of the whole file name the file and the line") {
    both_modes();
    TempDir dir;
    const auto db = open_store(dir.file("s.db"));
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    CHECK(error_of([&] { import_text(store, ""); }) ==
          "t.csv:1: the file is empty: expected a header row and participant rows");
    CHECK(error_of([&] { import_text(store, "\n\nNIP;Nama\r\n;;\r\n"); }) ==
          "t.csv:3: the file has a header but no participant rows");
    CHECK(error_of([&] { import_text(store, ";;\r\n ; \r\n"); }) ==
          "t.csv:1: the file is empty: expected a header row and participant rows");
    // Rows of empty cells above the header are not the header.
    Run r = import_text(store, ";;\r\n;;\r\nNIP;Nama;Email\r\n198609262015051001;Siti;\r\n");
    CHECK(r.result.added == 1);
    CHECK(error_of([&] {
              import_text(store, "NIP,Nama\n198609262015051001,\"Siti\n");
          }).rfind("t.csv:2:", 0) == 0);
    CHECK(error_of([&] {
              import_text(store, "Nama,Unit\nSiti,X\n");
          }).rfind("t.csv:1: no NIP or e-mail", 0) == 0);
}

TEST_CASE("import_participants: rejects keep the delimiter, a BOM, multi-line cells and their lines") {
    both_modes();
    TempDir dir;
    const auto db = open_store(dir.file("s.db"));
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    Run r = import_text(store, "\xEF\xBB\xBFNIP;Nama;Unit\r\n"
                               "198609262015051001;Siti;\"Dinas Pendidikan\r\nBidang SMA; SMK\"\r\n"
                               "19860926201505100;Budi;\"Kota \"\"Malang\"\"\"\r\n");
    CHECK(r.result.added == 1);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].rfind("t.csv:4: NIP: 19860926201505100: NIP has 17 digits", 0) == 0);
    CHECK(r.rejects.rfind(
              "\xEF\xBB\xBFline;error;NIP;Nama;Unit\n4;\"NIP: 19860926201505100: NIP has 17 digits", 0) == 0);
    CHECK(r.rejects.find(";19860926201505100;Budi;\"Kota \"\"Malang\"\"\"\n") != std::string::npos);
}

TEST_CASE("import_registrations: file order decides seats; repeats are already enrolled") {
    both_modes();
    TempDir dir;
    const auto db = open_store(dir.file("s.db"));
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    Session s = add_webinar(store, 2);
    const std::string regs = "Timestamp,NIP,Nama\n"
                             "3/1/2022 08:00:00,198609262015051001,Siti\n"
                             "3/1/2022 08:01:00,199001152014031002,Budi\n"
                             "3/1/2022 08:02:00,198703212010122003,Ani\n"
                             "3/1/2022 08:03:00,199001152014031002,Budi\n"
                             "3/1/2022 08:04:00,1.97513E+17,Eko\n";
    Run r = import_text(store, regs, &s);
    CHECK(r.result.session == "2022-03-03");
    CHECK(r.result.added == 3);
    CHECK(r.result.unchanged == 0);
    CHECK(r.result.resubmissions == 1); // Budi again: one registration
    CHECK(r.result.timestamp_column == "Timestamp");
    CHECK(r.result.rejected == 1);
    CHECK(r.result.enrolled == 2);
    CHECK(r.result.waitlisted == 1);
    CHECK(r.result.already_enrolled == 0);
    CHECK(store.enrollment(s.id, store.participant_by_nip("198703212010122003")->id)->status ==
          EnrollmentStatus::waitlisted);

    r = import_text(store, regs, &s);
    CHECK(r.result.enrolled + r.result.waitlisted == 0);
    CHECK(r.result.already_enrolled == 2);
    CHECK(r.result.already_waitlisted == 1);
    CHECK(r.result.touched() == 0);

    // A seat freed by a cancellation goes to the first waitlisted person, not to a newcomer.
    cancel_enrollment(store, s, *store.participant_by_nip("198609262015051001"), s.start - 86400);
    r = import_text(store, "NIP,Nama\n197512302000031001,Dewi\n", &s);
    CHECK(r.result.waitlisted == 1);
    CHECK(store.enrollment_counts(s.id).enrolled == 2);

    s = cancel_session(store, s);
    CHECK(error_of([&] { import_text(store, regs, &s); }) ==
          "session 2022-03-03 is cancelled: it takes no enrollments");
}

// A session of capacity 2 in a new store, and the statuses of `nips` in it ("enrolled", "waitlisted", "-").
struct Queue {
    TempDir dir;
    std::unique_ptr<store::Store> db;
    Session session;
    std::optional<store::Store::Transaction> tx;
    Queue() : db(open_store(dir.file("s.db"))) {
        tx.emplace(*db);
        session = add_webinar(*db, 2);
    }
    std::string statuses(const std::vector<std::string>& nips) const {
        std::string out;
        for (const std::string& nip : nips) {
            const auto p = db->participant_by_nip(nip);
            const auto e = p ? db->enrollment(session.id, p->id) : std::nullopt;
            out += !e ? "-" : e->status == EnrollmentStatus::enrolled ? "E" : "W";
        }
        return out;
    }
};

// Options that note each resubmission in `notices` as "EARLIER>LATER:COLUMN,COLUMN" (the columns that differ).
std::function<void(RosterImportOptions&)> noting_resubmissions(std::vector<std::string>& notices) {
    return [&notices](RosterImportOptions& o) {
        o.on_resubmission = [&notices](std::size_t earlier, std::size_t later,
                                       const std::vector<std::string>& cols) {
            notices.push_back(fmt::format("{}>{}:{}", earlier, later, fmt::join(cols, ",")));
        };
    };
}

constexpr const char* nip_a = "198609262015051001";
constexpr const char* nip_b = "199001152014031002";
constexpr const char* nip_c = "198703212010122003";
constexpr const char* nip_d = "197512302000031001";

TEST_CASE("import_registrations: with a timestamp column, arrival is the submission time, ties by line") {
    both_modes();
    Queue q;
    // C first, then A and D at the same second (A's line first), then B; en-US dates (2/28 decides).
    const std::string regs = std::string("Timestamp,NIP,Nama\n") + "3/1/2022 9:15:02," + nip_a + ",A\n" +
                             "3/1/2022 10:00:00," + nip_b + ",B\n" + "2/28/2022 16:45:10," + nip_c + ",C\n" +
                             "3/1/2022 9:15:02," + nip_d + ",D\n";
    Run r = import_text(*q.db, regs, &q.session);
    CHECK(r.problems.empty());
    CHECK(r.result.timestamp_column == "Timestamp");
    CHECK(r.result.ignored_columns.empty()); // the timestamp column is used, not ignored
    CHECK(r.result.enrolled == 2);
    CHECK(r.result.waitlisted == 2);
    CHECK(q.statuses({nip_a, nip_b, nip_c, nip_d}) == "EWEW");
    // The waiting list is in time order too: D (9:15:02, line 5) before B (10:00).
    cancel_enrollment(*q.db, q.session, *q.db->participant_by_nip(nip_c), q.session.start - 86400);
    CHECK(q.statuses({nip_a, nip_b, nip_d}) == "EWE");
}

TEST_CASE("import_registrations: id-ID and ISO timestamps") {
    Queue q;
    SUBCASE("D/M/YYYY with dots") {
        const std::string regs = std::string("Stempel waktu,NIP,Nama\n") + "01/03/2022 10.00.00," + nip_a +
                                 ",A\n" + "28/02/2022 16.45.10," + nip_b + ",B\n" + "01/03/2022 09.15.02," +
                                 nip_c + ",C\n";
        Run r = import_text(*q.db, regs, &q.session);
        CHECK(r.problems.empty());
        CHECK(q.statuses({nip_a, nip_b, nip_c}) == "WEE");
    }
    SUBCASE("ISO, with a T or a blank") {
        const std::string regs = std::string("Waktu pendaftaran,NIP,Nama\n") + "2022-03-01T10:00:00," +
                                 nip_a + ",A\n" + "2022-02-28 16:45:10," + nip_b + ",B\n" +
                                 "2022-03-01 09:15:02," + nip_c + ",C\n";
        Run r = import_text(*q.db, regs, &q.session);
        CHECK(r.problems.empty());
        CHECK(r.result.timestamp_column == "Waktu pendaftaran");
        CHECK(q.statuses({nip_a, nip_b, nip_c}) == "WEE");
    }
}

TEST_CASE(
    "import_registrations: an undecidable day/month order is said at the first date that reads both ways") {
    Queue q;
    // The first row's time is ISO (one reading); the next two read both ways, each order giving another
    // arrival order and neither a time in the future: the file is refused at line 3, its first such date.
    const std::string regs = std::string("Timestamp,NIP,Nama\n") + "2022-03-05 08:00:00," + nip_a + ",A\n" +
                             "03/04/2022 09:00:00," + nip_b + ",B\n" + "04/03/2022 09:00:00," + nip_c +
                             ",C\n";
    CHECK(error_of([&] { import_text(*q.db, regs, &q.session); })
              .starts_with(
                  "t.csv:3: Timestamp: 03/04/2022 09:00:00: the day/month order of the dates cannot be "
                  "decided: it is 2022-04-03 or 2022-03-04"));
}

TEST_CASE("import_registrations: a later submission that corrects the NIP says so, and its NIP is kept") {
    Queue q;
    std::vector<std::string> notices;
    const auto note = noting_resubmissions(notices);
    // The same person by e-mail, the second time with another NIP (a typing mistake corrected).
    const std::string regs = std::string("Timestamp,NIP,Nama,Email\n") + "2022-03-01 09:00:00," + nip_a +
                             ",A,a@example.go.id\n" + "2022-03-01 09:10:00," + nip_b + ",A,a@example.go.id\n";
    Run r = import_text(*q.db, regs, &q.session, note);
    CHECK(r.problems.empty());
    CHECK(r.result.added == 1);
    CHECK(notices == std::vector<std::string>{"2>3:NIP"});
    CHECK(q.db->participant_by_nip(nip_b));
    CHECK_FALSE(q.db->participant_by_nip(nip_a));
}

TEST_CASE("import_registrations: a key a later submission brings finds the person's next submissions") {
    Queue q;
    std::vector<std::string> notices;
    const auto note = noting_resubmissions(notices);
    // A first without an e-mail address; then with one and another agency; then by that e-mail address alone,
    // the agency as the second submission gave it: the same person, and nothing differs from what they are by
    // then.
    const std::string regs = std::string("Timestamp,NIP,Nama,Email,Instansi\n") + "2022-03-01 09:00:00," +
                             nip_a + ",A,,Kota Malang\n" + "2022-03-01 09:10:00," + nip_a +
                             ",A,a@example.go.id,Kota Batu\n" +
                             "2022-03-01 09:20:00,,A,a@example.go.id,Kota Batu\n";
    Run r = import_text(*q.db, regs, &q.session, note);
    CHECK(r.problems.empty());
    CHECK(r.result.added == 1);
    CHECK(r.result.resubmissions == 2);
    CHECK(notices == std::vector<std::string>{"2>3:Email,Instansi", "3>4:"});
    const auto a = q.db->participant_by_nip(nip_a);
    REQUIRE(a);
    CHECK(a->email == "a@example.go.id");
    CHECK(a->agency == "Kota Batu");
}

TEST_CASE("import_registrations: progress while a file with a timestamp column is read whole") {
    // The file is read whole before the first row is decided (to order the submissions): its rows are
    // counted as they are read, every 4,096, and once more at the end.
    std::string regs = "Timestamp,Email,Nama\n";
    for (std::size_t i = 0; i < 5000; ++i)
        regs +=
            fmt::format("2022-03-01 09:{:02}:{:02},p{:05}@example.go.id,P{:05}\n", i / 60 % 60, i % 60, i, i);
    Queue q;
    std::vector<std::uint64_t> rows;
    Run r = import_text(*q.db, regs, &q.session, [&](RosterImportOptions& o) {
        o.on_progress = [&](const Progress& p) { rows.push_back(p.count); };
    });
    CHECK(r.result.added == 5000);
    CHECK(rows == std::vector<std::uint64_t>{4096, 5000});
}

TEST_CASE("import_registrations: each row of a file of many batches is enrolled once") {
    Queue q;                                                    // 2 seats
    Run r = import_text(*q.db, numbered_rows(600), &q.session); // more than two batches of 256
    CHECK(r.problems.empty());
    CHECK(r.result.enrolled == 2);
    CHECK(r.result.waitlisted == 598);
    CHECK(r.result.already_enrolled == 0);
    CHECK(r.result.already_waitlisted == 0);
}

TEST_CASE("import_registrations: a later submission of the same person wins and keeps the first place") {
    both_modes();
    Queue q;
    std::vector<std::string> notices;
    const auto note = noting_resubmissions(notices);
    // A at 9:00 (line 2), B, C, then A again at 9:20 from another agency (line 5, its e-mail left empty), and
    // again by e-mail only with a new unit (line 6).
    const std::string regs = std::string("Timestamp,NIP,Nama,Email,Instansi,Unit Kerja\n") +
                             "2022-03-01 09:20:00," + nip_a + ",A,,Provinsi Jawa Timur,\n" +
                             "2022-03-01 09:05:00," + nip_b + ",B,b@example.go.id,Kota Batu,\n" +
                             "2022-03-01 09:10:00," + nip_c + ",C,c@example.go.id,Kota Malang,\n" +
                             "2022-03-01 09:00:00," + nip_a + ",A,a@example.go.id,Kota Malang,\n" +
                             "2022-03-01 09:30:00,,A,a@example.go.id,,Dinas Kominfo\n";
    Run r = import_text(*q.db, regs, &q.session, note);
    CHECK(r.problems.empty());
    CHECK(r.result.rows == 5);
    CHECK(r.result.added == 3);
    CHECK(r.result.resubmissions == 2);
    CHECK(notices == std::vector<std::string>{"5>2:Instansi", "2>6:Unit Kerja"});
    const auto a = q.db->participant_by_nip(nip_a);
    REQUIRE(a);
    CHECK(a->agency == "Provinsi Jawa Timur");
    CHECK(a->email == "a@example.go.id");
    CHECK(a->unit == "Dinas Kominfo");
    CHECK(q.statuses({nip_a, nip_b, nip_c}) == "EEW"); // A's 9:00 keeps the first seat

    // Without a timestamp column, rows of one person that differ are still a conflict.
    Queue q2;
    const std::string plain =
        std::string("NIP,Nama,Instansi\n") + nip_a + ",A,Kota Malang\n" + nip_a + ",A,Provinsi Jawa Timur\n";
    r = import_text(*q2.db, plain, &q2.session);
    CHECK(r.result.rejected == 1);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].find("t.csv:3: NIP: ") == 0);
    CHECK(r.problems[0].find("first on line 2") != std::string::npos);
}

TEST_CASE("import_registrations: a timestamp that is no time is a problem of its row") {
    Queue q;
    const std::string regs = std::string("Timestamp,NIP,Nama\n") + "3/1/2022 9:15:02," + nip_a + ",A\n" +
                             "3/1/2022 25:00:00," + nip_b + ",B\n" + "kemarin," + nip_c + ",C\n" + "," +
                             nip_d + ",D\n";
    Run r = import_text(*q.db, regs, &q.session);
    CHECK(r.result.rejected == 3);
    REQUIRE(r.problems.size() == 3);
    CHECK(r.problems[0].find(
              "t.csv:3: Timestamp: 3/1/2022 25:00:00: hour 25 is not a time of day (expected") == 0);
    CHECK(r.problems[1].find("t.csv:4: Timestamp: kemarin: not a date and time (expected") == 0);
    CHECK(r.problems[2].find("t.csv:5: Timestamp: (empty): no submission time") == 0);
    CHECK(r.rejects.find("3,\"Timestamp: 3/1/2022 25:00:00: hour 25") != std::string::npos);
    CHECK(r.result.enrolled == 1);
}

TEST_CASE("import_registrations: the day/month order is decided once for the file") {
    Queue q;
    const std::string open = std::string("Timestamp,NIP,Nama\n") + "03/04/2022 09:00:00," + nip_a + ",A\n" +
                             "04/03/2022 09:00:00," + nip_b + ",B\n";
    SUBCASE("both orders are in the past: refused, naming the line and asking for --date-order") {
        const std::string e = error_of([&] { import_text(*q.db, open, &q.session); });
        CHECK(e.find("t.csv:2: Timestamp: 03/04/2022 09:00:00: the day/month order of the dates cannot be "
                     "decided") == 0);
        CHECK(e.find("--date-order dmy") != std::string::npos);
    }
    SUBCASE("given") {
        Run r = import_text(*q.db, open, &q.session, [](RosterImportOptions& o) { o.order = DayOrder::mdy; });
        CHECK(q.statuses({nip_a, nip_b}) == "EE");
        CHECK(r.result.notes.empty());
    }
    SUBCASE("one order puts a submission in the future: the other") {
        // 2022-04-03 or 2022-03-04, and 2022-03-02 or 2022-02-03; now is 2022-03-10.
        const std::string one = std::string("Timestamp,NIP,Nama\n") + "03/04/2022 09:00:00," + nip_a +
                                ",A\n" + "02/03/2022 09:00:00," + nip_b + ",B\n";
        Run r = import_text(*q.db, one, &q.session, [](RosterImportOptions& o) { o.now = 1646870400; });
        CHECK(r.problems.empty());
        REQUIRE(r.result.notes.size() == 1);
        CHECK(r.result.notes[0].find("dates read month first") != std::string::npos);
    }
    SUBCASE("a submission at this very second is not in the future") {
        // Day first: 1 February 09:00 (now) and 2 January 10:00; month first: 2 January 09:00 and 1 February
        // 10:00, an hour ahead. The two readings order the rows differently, so the order must be decided.
        const std::string at_now = std::string("Timestamp,NIP,Nama\n") + "01/02/2022 09:00:00," + nip_a +
                                   ",A\n" + "02/01/2022 10:00:00," + nip_b + ",B\n";
        Run r = import_text(*q.db, at_now, &q.session, [](RosterImportOptions& o) {
            o.now = *parse_export_time("01/02/2022 09:00:00", o.zone, DayOrder::dmy);
        });
        CHECK(r.problems.empty());
        REQUIRE(r.result.notes.size() == 1);
        CHECK(r.result.notes[0].find("dates read day first") != std::string::npos);
        CHECK(q.statuses({nip_b, nip_a}) == "EE");
    }
    SUBCASE("both readings give the same order: nothing to decide") {
        const std::string same = std::string("Timestamp,NIP,Nama\n") + "3/1/2022 09:00:00," + nip_a + ",A\n" +
                                 "3/1/2022 08:00:00," + nip_b + ",B\n" + "3/1/2022 10:00:00," + nip_c +
                                 ",C\n";
        Run r = import_text(*q.db, same, &q.session);
        CHECK(r.problems.empty());
        CHECK(q.statuses({nip_a, nip_b, nip_c}) == "EEW");
    }
    SUBCASE("a value real in neither order does not stand for the rows that read both ways") {
        // 14/13/2022 is no date either way: its row's problem. The question is asked of line 3, the first
        // value that reads both ways.
        const std::string bad_first = std::string("Timestamp,NIP,Nama\n") + "14/13/2022 09:00:00," + nip_c +
                                      ",C\n" + open.substr(open.find('\n') + 1);
        const std::string e = error_of([&] { import_text(*q.db, bad_first, &q.session); });
        CHECK(e.find("t.csv:3: Timestamp: 03/04/2022 09:00:00: the day/month order of the dates cannot be "
                     "decided") == 0);
    }
    SUBCASE("values mixing both orders") {
        const std::string mixed = std::string("Timestamp,NIP,Nama\n") + "13/03/2022 09:00:00," + nip_a +
                                  ",A\n" + "03/14/2022 09:00:00," + nip_b + ",B\n";
        CHECK(error_of([&] { import_text(*q.db, mixed, &q.session); }).find("t.csv: Timestamp: ") == 0);
    }
}

TEST_CASE("import_registrations: a row without its timestamp cell does not stop the order being decided") {
    // The timestamp is the last column, and B's row ends before it: a problem of that row alone, wherever it
    // is (first, the row the search for a date that reads both ways looks at first; or later). Both readings
    // of 3/1/2022 (3 January, 1 March) put the other rows in the same order, so either will do.
    const std::string b = std::string(nip_b) + ",B\n";
    const std::string rest = std::string(nip_c) + ",C,3/1/2022 11:00:00\n" + nip_d + ",D,3/1/2022 09:00:00\n";
    const std::string a = std::string(nip_a) + ",A,3/1/2022 10:00:00\n";
    for (const auto& [regs, bad_line] : {std::pair{a + b + rest, 3}, std::pair{b + a + rest, 2}}) {
        const int line = bad_line; // clang 14 cannot capture a structured binding in CAPTURE's lambda
        CAPTURE(line);
        Queue q;
        Run r = import_text(*q.db, "NIP,Nama,Timestamp\n" + regs, &q.session);
        CHECK(r.result.rejected == 1);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].rfind(fmt::format("t.csv:{}: the row has 2 fields but the header has 3", line),
                                  0) == 0);
        CHECK(q.statuses({nip_d, nip_a, nip_c, nip_b}) == "EEW-"); // two seats: D and A submitted first
    }
}

TEST_CASE("import_participants: progress is reported every 4,096 rows and at the end") {
    const std::string csv = numbered_rows(9000);
    // Standard input (size unknown: one thread), and a file (its rest read on a second thread).
    for (const std::uint64_t input_bytes : {std::uint64_t{0}, std::uint64_t{csv.size()}}) {
        CAPTURE(input_bytes);
        TempDir dir;
        const auto db = open_store(dir.file("s.db"));
        store::Store& store = *db;
        store::Store::Transaction tx(store);
        std::istringstream in(csv);
        CsvReader reader(in, "big.csv", CsvOptions{.block_size = 4096}); // bytes read follow the rows closely
        std::vector<std::uint64_t> rows, bytes;
        RosterImportOptions options;
        options.today = today;
        options.input_bytes = input_bytes;
        options.on_progress = [&](const Progress& p) {
            rows.push_back(p.count);
            bytes.push_back(p.done);
        };
        RosterImportResult r = import_participants(store, reader, options);
        CHECK(r.added == 9000);
        CHECK(rows == std::vector<std::uint64_t>{4096, 8192, 9000});
        // The bytes read by then: at least the rows counted (the second thread may be batches ahead).
        REQUIRE(bytes.size() == 3);
        CHECK(bytes[0] >= numbered_header.size() + 4096 * numbered_row(0).size());
        CHECK(bytes[1] >= numbered_header.size() + 8192 * numbered_row(0).size());
        CHECK(bytes[2] == csv.size());
    }
}

namespace {

// A stream of `text` handed out `block` bytes at a time, that lets another thread wait until the reader has
// taken a given number of bytes.
class WatchedText : public std::streambuf {
  public:
    WatchedText(std::string text, std::size_t block) : text_(std::move(text)), block_(block) {}
    // Waits until the reader has taken `n` bytes (or the whole text); false when that took over `limit`.
    bool wait_taken(std::size_t n, std::chrono::seconds limit) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, limit, [&] { return taken_ >= std::min(n, text_.size()); });
    }
    // Hands out nothing from byte `at` on until release() (or until `limit` has passed), and then only after
    // `delay`.
    void hold_at(std::size_t at, std::chrono::milliseconds delay,
                 std::chrono::seconds limit = std::chrono::seconds(600)) {
        const std::lock_guard lock(mutex_);
        hold_ = at;
        delay_ = delay;
        limit_ = limit;
    }
    // The bytes the reader has taken so far.
    std::size_t taken() {
        const std::lock_guard lock(mutex_);
        return taken_;
    }
    // Whether the reader has asked for the bytes from the hold on.
    bool reached_hold() {
        const std::lock_guard lock(mutex_);
        return reached_hold_;
    }
    void release() {
        {
            const std::lock_guard lock(mutex_);
            released_ = true;
        }
        changed_.notify_all();
    }

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        std::size_t at = 0, end = 0;
        bool held = false;
        {
            std::unique_lock lock(mutex_);
            at = taken_;
            if (at == text_.size()) return traits_type::eof();
            end = std::min(at + block_, text_.size());
            if (at < hold_ && end > hold_) end = hold_;
            if (at == hold_ && !released_) {
                reached_hold_ = true;
                changed_.wait_for(lock, limit_, [&] { return released_; });
                held = true;
            }
            taken_ = end;
        }
        changed_.notify_all();
        if (held) std::this_thread::sleep_for(delay_);
        char* const data = text_.data();
        setg(data + at, data + at, data + end);
        return traits_type::to_int_type(*gptr());
    }

  private:
    std::string text_;
    std::size_t block_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t taken_ = 0;
    std::size_t hold_ = std::string::npos;
    bool released_ = false;
    bool reached_hold_ = false;
    std::chrono::milliseconds delay_{0};
    std::chrono::seconds limit_{600};
};

// An import of `csv` into a new store's open transaction, its file read 64 bytes at a time through a
// WatchedText (so that a test sees how far the reading thread has got), named big.csv in messages.
struct WatchedImport {
    TempDir dir;
    std::unique_ptr<store::Store> db;
    store::Store& store;
    store::Store::Transaction tx;
    WatchedText text;
    std::istream in;
    CsvReader reader;
    RosterImportOptions options;
    explicit WatchedImport(const std::string& csv)
        : db(open_store(dir.file("s.db"))), store(*db), tx(store), text(csv, 64), in(&text),
          reader(in, "big.csv", CsvOptions{.block_size = 64}) {
        options.today = today;
        options.input_bytes = csv.size();
    }
};

// Called from the writer's progress report at `p`: waits until the reading thread has filled the 8 batches it
// may have ahead (false when that took over 2 minutes), then a while longer, so that the reader waits too.
bool reader_fills_its_batches(WatchedImport& w, const Progress& p, std::size_t rows) {
    const std::size_t read_ahead = p.count + 8 * w.store.batch_rows();
    REQUIRE(read_ahead < rows);
    const bool ahead = w.text.wait_taken(numbered_header.size() + read_ahead * numbered_row(0).size(),
                                         std::chrono::seconds(120));
    // Time for the reader to finish the batch it has the bytes of and to start waiting (a correct import ends
    // the same way without it).
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return ahead;
}

} // namespace

TEST_CASE("import_participants: every row arrives when the reading thread is as far ahead as it may go") {
    // A file (input_bytes known) is read, parsed and checked on a second thread, at most 8 batches ahead of
    // the writer (BatchReader in roster_import.cpp); the writer hands each batch back for reuse. Here the
    // writer stops at the first progress report until the reader has filled those 8 batches and has to wait
    // for one: the writer's next batch must wake it.
    const std::size_t rows = 8000;
    WatchedImport w(numbered_rows(rows));
    bool waited = false, ahead = false;
    std::size_t taken = 0, limit = 0;
    w.options.on_progress = [&](const Progress& p) {
        if (waited) return;
        waited = true;
        ahead = reader_fills_its_batches(w, p, rows);
        // ... and no further: 8 batches ahead, and at most the next 64-byte block of its CSV reader.
        taken = w.text.taken();
        limit = numbered_header.size() + (p.count + 8 * w.store.batch_rows()) * numbered_row(0).size() + 64;
    };
    RosterImportResult r = import_participants(w.store, w.reader, w.options);
    CHECK(waited);
    CHECK(ahead);
    CHECK(taken <= limit);
    CHECK(r.added == rows);
    CHECK(w.store.participant_by_email("p07999@example.go.id"));
}

TEST_CASE(
    "import_participants: a malformed record found while the writer waits for its batch ends the import") {
    // The second batch is read on the reading thread; the record after it is malformed (a quote never
    // closed), and the reader comes to it only once the writer has taken the second batch and waits for the
    // next: the reader's error must wake the writer, which ends the import with it.
    TempDir scratch;
    const std::size_t batch = open_store(scratch.file("b.db"))->batch_rows();
    std::string csv = "Email,Nama\n";
    for (std::size_t i = 0; i < 2 * batch - 1; ++i)
        csv += fmt::format("p{}@example.go.id,P{}\n", i, i);
    csv += "tanpa.nama@example.go.id,\n"; // the second batch's last row: no name, rejected by the writer
    const std::size_t bad = csv.size();
    csv += "\"p@example.go.id,P" + std::string(300, 'x') + "\n"; // line 2 * batch + 2, its quote not closed
    WatchedImport w(csv);
    // Held inside the malformed record, beyond the block that ends the second batch: released by the writer's
    // rejection of that batch's last row, and then only after a while (time for the writer to start waiting).
    w.text.hold_at(bad + 128, std::chrono::milliseconds(200));
    std::size_t rejected_line = 0;
    w.options.on_reject = [&](std::size_t line, const std::vector<std::string_view>&,
                              const std::vector<RowProblem>&) {
        rejected_line = line;
        w.text.release();
    };
    const std::string error = error_of([&] { import_participants(w.store, w.reader, w.options); });
    CHECK(rejected_line == 2 * batch + 1);
    CHECK(error.rfind(fmt::format("big.csv:{}:", 2 * batch + 2), 0) == 0);
}

TEST_CASE(
    "import_participants: a writer that fails while the reading thread waits for a batch ends the import") {
    // As above, the reading thread fills the 8 batches it may have ahead and waits for the writer to hand one
    // back; the writer fails instead (here its progress callback throws): the reader must be woken to stop,
    // and the import ends with the writer's error.
    const std::size_t rows = 8000;
    WatchedImport w(numbered_rows(rows));
    bool ahead = false;
    w.options.on_progress = [&](const Progress& p) {
        ahead = reader_fills_its_batches(w, p, rows);
        throw Error("the writer stopped");
    };
    CHECK(error_of([&] { import_participants(w.store, w.reader, w.options); }) == "the writer stopped");
    CHECK(ahead);
}

TEST_CASE("a dry run never creates a file, and never keeps a write") {
    TempDir dir;
    const std::string path = dir.file("none.db");
    {
        const auto store = store::open(path, store::Access::write, store::DryRun::yes);
        store::Store::Transaction tx(*store);
        import_text(*store, "NIP,Nama\n198609262015051001,Siti\n");
        CHECK(store->participant_by_nip("198609262015051001"));
        tx.commit();
    }
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK_FALSE(std::filesystem::exists(":memory:"));
    CHECK_FALSE(std::filesystem::exists(""));

    // An existing store is rehearsed on: even a commit keeps nothing.
    store::open(path, store::Access::write);
    {
        const auto store = store::open(path, store::Access::write, store::DryRun::yes);
        store::Store::Transaction tx(*store);
        import_text(*store, "NIP,Nama\n198609262015051001,Siti\n");
        tx.commit();
    }
    CHECK_FALSE(store::open(path, store::Access::read)->participant_by_nip("198609262015051001"));
}

TEST_CASE("import: the bulk load ends with the import: its transaction keeps the store's uniqueness rules") {
    TempDir dir;
    const auto db = store::open(dir.file("s.db"), store::Access::write);
    dynamic_cast<store::sqlite::SqliteStore&>(*db).append_after = 0; // append mode at once: indexes dropped
    store::Store& store = *db;
    store::Store::Transaction tx(store);
    CHECK(import_text(store, "NIP,Nama\n198609262015051001,Siti\n").result.added == 1);
    // The import is over: a write of the same transaction that breaks a rule is refused at once, as outside
    // a bulk load (the indexes are back), not only when the transaction commits.
    Participant again;
    again.nip = "198609262015051001";
    again.name = "Siti Lagi";
    CHECK(error_of([&] {
              store.write_participants({}, {&again, 1});
          }) == "NIP 198609262015051001 already belongs to another participant");
}

TEST_CASE("import: a golongan that does not fit the NIP is a warning naming the line, and is imported") {
    both_modes();
    TempDir dir;
    const auto opened = open_store(dir.file("s.db"));
    store::Store& store = *opened;
    store::Store::Transaction tx(store);
    Run r = import_text(store, "NIP,Nama,Email,Gol\n"
                               "198609262015051001,Satu,,IX\n"     // PPPK golongan on a PNS NIP
                               "199001152014031002,Dua,,III\n"     // a bare III on a PNS NIP
                               "199001012022241001,Tiga,,III/a\n"  // PNS golongan on an NI PPPK
                               "198703212010122003,Empat,,III/b\n" // fits
                               "199001012022211002,Lima,,IX\n"     // fits
                               ",Enam,enam@example.go.id,IX\n"     // no NIP: nothing to compare
                               "197512302000031001,Tujuh,,\n");    // no golongan
    CHECK(r.result.added == 7);
    CHECK(r.result.rejected == 0);
    CHECK(r.result.warnings == 3);
    REQUIRE(r.warnings.size() == 3);
    CHECK(r.warnings[0] == "t.csv:2: Gol: IX: IX is a PPPK golongan (I to XVII), but 198609262015051001 is a "
                           "PNS NIP (digits 13-14 are a month): check the golongan or the NIP");
    CHECK(r.warnings[1] ==
          "t.csv:3: Gol: III: III without a letter is a PPPK golongan, but 199001152014031002 "
          "is a PNS NIP: a PNS golongan has its letter (III/a, III/b, ...)");
    CHECK(r.warnings[2] ==
          "t.csv:4: Gol: III/a: III/a is a PNS golongan, but 199001012022241001 is an NI PPPK "
          "(digits 13-14 are 21 to 29), whose golongan run from I to XVII: check the golongan "
          "or the NIP");
    CHECK(store.participant_by_nip("198609262015051001")->grade == "IX"); // imported as given

    // The person as the row leaves them: a golongan on a row that finds a stored PNS by e-mail, and a NIP
    // given to someone whose stored golongan is PPPK's.
    r = import_text(store, "Email,Nama,Gol,NIP\n"
                           "enam@example.go.id,Enam,,198811112012081005\n");
    CHECK(r.result.updated == 1);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].rfind("t.csv:2: Gol: IX: IX is a PPPK golongan", 0) == 0);
    // A row that gives neither NIP nor golongan says nothing about them.
    r = import_text(store, "Email,Nama,No HP\nenam@example.go.id,Enam,081234567890\n");
    CHECK(r.warnings.empty());
    CHECK(r.result.warnings == 0);
    // Repeats of a row warn once.
    r = import_text(store, "NIP,Nama,Gol\n198609262015051001,Satu,IX\n198609262015051001,Satu,IX\n");
    CHECK(r.warnings.size() == 1);
}

TEST_CASE(
    "import_participants: standard input is read by the writer itself, which stops reading when it fails") {
    // Not a file (input_bytes 0: a pipe): no reading thread, whose rows read ahead would wait for the pipe's
    // next rows before a failing import could end. Here the pipe has nothing after row 4,500 (held), and the
    // writer fails at its progress report of row 4,096: nothing past that may have been asked for.
    const std::size_t rows = 8000;
    WatchedImport w(numbered_rows(rows));
    w.options.input_bytes = 0;
    const std::size_t hold = numbered_header.size() + 4500 * numbered_row(0).size();
    w.text.hold_at(hold, std::chrono::milliseconds(0), std::chrono::seconds(5));
    w.options.on_progress = [&](const Progress& p) {
        CHECK(p.count == 4096);
        // A reading thread would be there by now, at most 8 batches ahead of this row (a second, in vain, for
        // the one reader there must be).
        (void)w.text.wait_taken(hold, std::chrono::seconds(1));
        throw Error("the writer stopped");
    };
    CHECK(error_of([&] { import_participants(w.store, w.reader, w.options); }) == "the writer stopped");
    CHECK_FALSE(w.text.reached_hold());
}
