#include "asnbelajar/attendance.hpp"
#include "asnbelajar/certificates.hpp"
#include "asnbelajar/enrollment.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/time.hpp"
#include "error_of.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

using namespace asnbelajar;

namespace {

CertificateFields fields(std::int64_t seq) {
    return {seq, 9, "2022-03-03", 2022, 3};
}

// A fresh store in its own temporary directory, removed afterwards.
struct TempStore {
    std::filesystem::path dir;
    std::unique_ptr<store::Store> store;
    TempStore() {
        std::string pattern = (std::filesystem::temp_directory_path() / "asnb-unit-XXXXXX").string();
        dir = ::mkdtemp(pattern.data());
        store = store::open((dir / "store.db").string(), store::Access::write);
    }
    ~TempStore() {
        store.reset();
        std::filesystem::remove_all(dir);
    }
};

Session add_session(store::Store& s, const std::string& code, std::optional<int> series) {
    Session x;
    x.code = code;
    x.series = series;
    x.title = "Webinar " + code;
    x.start = to_utc({{2022, 3, 3}, 9, 0, 0}, find_zone("Asia/Jakarta"));
    x.minutes = 180;
    x.jp_tenths = 30;
    x.id = s.insert_session(x);
    return x;
}

Participant add_person(store::Store& s, const std::string& nip, const std::string& name) {
    Participant p;
    p.nip = nip;
    p.name = name;
    p.id = s.insert_participant(p);
    return p;
}

// A store holding session A (of series `Series`) and three people, Satu, Dua and Tiga, inside a write
// transaction: a doctest fixture (TEST_CASE_FIXTURE), whose members the test body names directly.
template <int Series> struct ThreePeople {
    TempStore t;
    store::Store& s = *t.store;
    CertificateTemplate tmpl{default_certificate_template};
    store::Store::Transaction tx{s};
    Session a = add_session(s, "A", Series);
    Participant p1 = add_person(s, "198609262015051001", "Satu");
    Participant p2 = add_person(s, "199001152014031002", "Dua");
    Participant p3 = add_person(s, "198703212010122003", "Tiga");
};

std::vector<std::string> numbers(const CertifyResult& r) {
    std::vector<std::string> out;
    for (const IssuedCertificate& c : r.issued)
        out.push_back(c.number);
    return out;
}

} // namespace

TEST_CASE("certificate template: the default and every field") {
    CertificateTemplate def{default_certificate_template};
    CHECK(def.format(fields(229472)) == "229472/BPSDM-ASNB/III/2022");
    CHECK(CertificateTemplate("{seq:06}/BPSDM-ASNB/205.3/{month_roman}/{year}").format(fields(42)) ==
          "000042/BPSDM-ASNB/205.3/III/2022");
    CHECK(CertificateTemplate("{session}-{series:03}-{month:02}-{month}-{seq}").format(fields(7)) ==
          "2022-03-03-009-03-3-7");
    CHECK(CertificateTemplate("{{{seq}}}").format(fields(5)) == "{5}");
    CHECK(CertificateTemplate("{seq}{{").format(fields(5)) == "5{"); // a doubled brace that ends the template
    CHECK(CertificateTemplate("{seq}}}").format(fields(5)) == "5}");
    CHECK(CertificateTemplate("No. {seq} / BPSDM").format(fields(5)) == "No. 5 / BPSDM"); // spaces are text
    // A width narrower than the number never cuts it.
    CHECK(CertificateTemplate("{seq:02}").format(fields(12345)) == "12345");
    // Widths from 1 to 20.
    CHECK(CertificateTemplate("{seq:01}").format(fields(5)) == "5");
    CHECK(CertificateTemplate("{seq:020}").format(fields(5)) == "00000000000000000005");
    CHECK(def.text() == default_certificate_template);
    CHECK_FALSE(def.uses_series());
    CHECK(CertificateTemplate("{series}/{seq}").uses_series());
}

TEST_CASE("certificate template: malformed templates are refused with the reason") {
    CHECK(error_of([] { CertificateTemplate("{seq}/{nomor}"); }).find("unknown field {nomor}") !=
          std::string::npos);
    CHECK(error_of([] { CertificateTemplate("{seq"); }).find("not closed") != std::string::npos);
    CHECK(error_of([] { CertificateTemplate("{seq}/{year"); }).find("not closed") != std::string::npos);
    CHECK(error_of([] { CertificateTemplate("{se{q}"); }).find("not closed") != std::string::npos);
    CHECK(error_of([] { CertificateTemplate("{seq}}"); }).find("closes nothing") != std::string::npos);
    CHECK(error_of([] { CertificateTemplate("{}{seq}"); }).find("unknown field {}") != std::string::npos);
    CHECK(error_of([] { CertificateTemplate("{seq:6}"); }).find("width") != std::string::npos);
    CHECK(error_of([] { CertificateTemplate("{seq:0x}"); }).find("width") != std::string::npos);
    CHECK(error_of([] { CertificateTemplate("{seq:00}"); }).find("width") != std::string::npos);
    CHECK(
        error_of([] { CertificateTemplate("{seq:021}"); }) ==
        "certificate template '{seq:021}': width '021' in {seq:021} is not a zero-padded width like 06 (1 to 20)");
    // A zero and one or two digits: not a lone zero, nor three digits after it.
    CHECK(
        error_of([] { CertificateTemplate("{seq:0}"); }) ==
        "certificate template '{seq:0}': width '0' in {seq:0} is not a zero-padded width like 06 (1 to 20)");
    CHECK(
        error_of([] { CertificateTemplate("{seq:0010}"); }) ==
        "certificate template '{seq:0010}': width '0010' in {seq:0010} is not a zero-padded width like 06 (1 "
        "to 20)");
    // The position (from 1) of the brace that is wrong.
    CHECK(error_of([] { CertificateTemplate("{seq}/{year"); }) ==
          "certificate template '{seq}/{year': '{' at position 7 is not closed");
    CHECK(
        error_of([] { CertificateTemplate("{seq}/x}"); }) ==
        "certificate template '{seq}/x}': '}' at position 8 closes nothing (write '}}' for a literal brace)");
    CHECK(
        error_of([] { CertificateTemplate("{seq}x}y"); }) ==
        "certificate template '{seq}x}y': '}' at position 7 closes nothing (write '}}' for a literal brace)");
    CHECK(error_of([] { CertificateTemplate("{seq}/{month_roman:02}"); }).find("takes no width") !=
          std::string::npos);
    CHECK(error_of([] { CertificateTemplate("BPSDM/{year}"); }).find("must contain {seq}") !=
          std::string::npos);
    CHECK(error_of([] { CertificateTemplate("{seq}\n"); }).find("control") != std::string::npos);
    CertificateFields no_series = fields(1);
    no_series.series.reset();
    CHECK(error_of([&] { CertificateTemplate("{seq}/{series}").format(no_series); }).find("no series") !=
          std::string::npos);
}

TEST_CASE("certificate fields: month and year of the session's local start date") {
    Session s;
    s.code = "X";
    s.tz = "Asia/Jakarta";
    // 2022-02-28 20:00 UTC is already 1 March 03:00 in Jakarta.
    s.start = to_utc({{2022, 2, 28}, 20, 0, 0}, find_zone("UTC"));
    CertificateFields f = certificate_fields(s, 3);
    CHECK(f.year == 2022);
    CHECK(f.month == 3);
    CHECK(f.seq == 3);
    CHECK(f.session == "X");
}

TEST_CASE("certify: report order, stable re-runs, one global counter, revoked numbers never reused") {
    TempStore t;
    store::Store& s = *t.store;
    CertificateTemplate tmpl{default_certificate_template};
    store::Store::Transaction tx(s);
    Session a = add_session(s, "A", 9);
    Session b = add_session(s, "B", std::nullopt);
    Participant p1 = add_person(s, "198609262015051001", "Satu");
    Participant p2 = add_person(s, "199001152014031002", "Dua");
    Participant p3 = add_person(s, "198703212010122003", "Tiga");
    Participant walk = add_person(s, "197512302000031001", "Tamu");
    // p2 arrives first, then p1; p3 enrolls but stays partial; `walk` is a walk-in marked first.
    mark_attendance(s, a, walk, std::nullopt);
    enroll(s, a, p2.id);
    enroll(s, a, p1.id);
    enroll(s, a, p3.id);
    mark_attendance(s, a, p1, 180);
    mark_attendance(s, a, p2, 150);
    mark_attendance(s, a, p3, 60);

    CertifyResult first = certify_session(s, a, tmpl);
    CHECK(numbers(first) == std::vector<std::string>{"1/BPSDM-ASNB/III/2022", "2/BPSDM-ASNB/III/2022",
                                                     "3/BPSDM-ASNB/III/2022"});
    CHECK(first.issued[0].person.id == p2.id); // enrolled by arrival...
    CHECK(first.issued[1].person.id == p1.id);
    CHECK(first.issued[2].person.id == walk.id); // ...then walk-ins
    CHECK(first.already == 0);

    CertifyResult again = certify_session(s, a, tmpl);
    CHECK(again.issued.empty());
    CHECK(again.already == 3);

    // p3 reaches the threshold later: only p3 is numbered, with the next number.
    mark_attendance(s, a, p3, 170);
    CertifyResult late = certify_session(s, a, tmpl);
    CHECK(numbers(late) == std::vector<std::string>{"4/BPSDM-ASNB/III/2022"});
    CHECK(late.already == 3);

    // The counter is global: another session continues it.
    mark_attendance(s, b, p1, std::nullopt);
    CHECK(numbers(certify_session(s, b, CertificateTemplate("{seq:06}-{session}"))) ==
          std::vector<std::string>{"000005-B"});
    CHECK(error_of([&] { certify_session(s, b, CertificateTemplate("{seq}/{series}")); }).find("no series") !=
          std::string::npos);

    auto revoked = revoke_certificates(s, a, {p1, p1});
    REQUIRE(revoked.size() == 2);
    CHECK(revoked[0].number == std::optional<std::string>("2/BPSDM-ASNB/III/2022"));
    CHECK_FALSE(revoked[1].number); // nothing left to revoke
    CertifyResult renewed = certify_session(s, a, tmpl);
    CHECK(numbers(renewed) == std::vector<std::string>{"6/BPSDM-ASNB/III/2022"});
    CHECK(renewed.already == 3);

    Session cancelled = a;
    cancelled.status = SessionStatus::cancelled;
    CHECK(error_of([&] { certify_session(s, cancelled, tmpl); }).find("cancelled") != std::string::npos);

    // A number that exists already is refused, never duplicated.
    CHECK(error_of([&] { s.insert_certificate(b.id, p2.id, 99, "000005-B"); }).find("exists already") !=
          std::string::npos);
}

TEST_CASE_FIXTURE(ThreePeople<7>,
                  "certify --first-number: continues a series above every number issued, never below") {
    mark_attendance(s, a, p1, 180);

    // A new store: nothing issued, any number from 1 starts the series.
    CHECK(s.highest_certificate_seq() == 0);
    CHECK(error_of([&] { start_certificate_counter(s, 0); }) ==
          "the first certificate number must be 1 or more, not 0");
    CHECK(start_certificate_counter(s, 1) == 1); // 1 itself: the counter as it was
    CHECK(s.certificate_counter() == 0);
    CHECK(start_certificate_counter(s, 229472) == 1); // the number the next would have taken
    CHECK(numbers(certify_session(s, a, tmpl)) == std::vector<std::string>{"229472/BPSDM-ASNB/III/2022"});
    CHECK(s.highest_certificate_seq() == 229472);

    // At or below the highest number issued: refused, saying it, and the counter is unchanged.
    const std::string refused =
        "the certificate counter cannot start at 229472: number 229472 has been issued "
        "already (numbers are never reused); start above it, at 229473 or more";
    CHECK(error_of([&] { start_certificate_counter(s, 229472); }) == refused);
    CHECK(error_of([&] { start_certificate_counter(s, 100); }).find("number 229472 has been issued") !=
          std::string::npos);
    CHECK(s.certificate_counter() == 229472);

    // A revoked number counts as issued.
    revoke_certificates(s, a, {p1});
    CHECK(error_of([&] { start_certificate_counter(s, 229472); }) == refused);

    // Just above: the next certificate takes it; later ones go on from there.
    CHECK(start_certificate_counter(s, 229473) == 229473);
    mark_attendance(s, a, p2, 180);
    CertifyResult next = certify_session(s, a, tmpl);
    CHECK(numbers(next) == std::vector<std::string>{"229473/BPSDM-ASNB/III/2022",
                                                    "229474/BPSDM-ASNB/III/2022"}); // p1 anew, p2
    mark_attendance(s, a, p3, 180);
    CHECK(numbers(certify_session(s, a, tmpl)) == std::vector<std::string>{"229475/BPSDM-ASNB/III/2022"});

    // The counter may be set again above the highest issued, even below where an unused setting left it.
    CHECK(start_certificate_counter(s, 300000) == 229476);
    CHECK(start_certificate_counter(s, 229476) == 300000);
    CHECK(s.certificate_counter() == 229475);
}

TEST_CASE_FIXTURE(ThreePeople<9>,
                  "check_certificates: after a correction, who holds a certificate and who still needs one") {
    enroll(s, a, p2.id); // enrolled, never attends: absent
    mark_attendance(s, a, p1, 180);
    mark_attendance(s, a, p3, 60); // partial

    // Never certified: nobody is missing a certificate yet, whoever attended.
    CertificateCheck before = check_certificates(s, a);
    CHECK(before.live == 0);
    CHECK(before.uncertified == 0);

    certify_session(s, a, tmpl); // p1
    CertificateCheck after = check_certificates(s, a);
    CHECK(after.live == 1);
    CHECK(after.unqualified == 0);
    CHECK(after.uncertified == 0);

    // A correction: p3 did attend. p3 now needs a certificate; the absent p2 does not.
    mark_attendance(s, a, p3, 170);
    CertificateCheck corrected = check_certificates(s, a);
    CHECK(corrected.live == 1);
    CHECK(corrected.uncertified == 1);

    // Another: p1 did not attend after all. p1's certificate no longer qualifies.
    mark_attendance(s, a, p1, 10);
    CertificateCheck wrong = check_certificates(s, a);
    CHECK(wrong.live == 1);
    CHECK(wrong.unqualified == 1);
    CHECK(wrong.uncertified == 1);
    CHECK(count_live_certificates(s.live_certificates({a.id})).unqualified == 1);

    // A session that asks for its survey: p3 has none, so p3 is not one who still needs a certificate.
    Session surveyed = a;
    surveyed.requires_survey = true;
    CHECK(check_certificates(s, surveyed).uncertified == 0);
}

TEST_CASE("certify --sync: a session that gives no certificates is refused before any certificate changes") {
    TempStore t;
    store::Store& s = *t.store;
    CertificateTemplate tmpl{default_certificate_template};
    store::Store::Transaction tx(s);
    Session a = add_session(s, "A", 9);
    Participant p1 = add_person(s, "198609262015051001", "Satu");
    mark_attendance(s, a, p1, 180);
    certify_session(s, a, tmpl);
    mark_attendance(s, a, p1, 10); // p1's certificate no longer qualifies

    Session cancelled = a;
    cancelled.status = SessionStatus::cancelled;
    CHECK(error_of([&] { sync_certificates(s, cancelled, tmpl); }) ==
          "session A is cancelled: it gives no certificates");
    Session no_series = a;
    no_series.series.reset();
    CHECK(error_of([&] {
              sync_certificates(s, no_series, CertificateTemplate("{series}/{seq}"));
          }).find("has no series number") != std::string::npos);
    CHECK(s.live_certificates({a.id}).size() == 1); // not revoked by either

    SyncResult synced = sync_certificates(s, a, tmpl);
    REQUIRE(synced.revoked.size() == 1);
    CHECK(synced.revoked[0].person.id == p1.id);
    CHECK(s.live_certificates({a.id}).empty());
}
