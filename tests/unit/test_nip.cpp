#include "asnbelajar/nip.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

using asnbelajar::check_nip;
using asnbelajar::nip_digits;
using asnbelajar::NipCheck;
using asnbelajar::NipKind;

namespace {

// June 2025: appointments up to 2025-06 are in the past or this month.
constexpr asnbelajar::Date today{2025, 6, 15};

bool error_has(const NipCheck& r, const std::string& part) {
    return r.error.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("valid PNS NIP in its usual spellings") {
    for (const char* text :
         {"198609262015051001", "19860926 201505 1 001", "'198609262015051001", "  198609262015051001\t",
          "19860926.201505.1.001", "19860926-201505-1-001", "' 19860926 201505 1 001 ",
          "\xC2\xA0"
          "198609262015051001",
          // no-break spaces between the groups, as a web page copies them (two bytes each, skipped whole)
          "19860926\xC2\xA0"
          "201505\xC2\xA0"
          "1\xC2\xA0"
          "001"}) {
        const std::string input = text;
        CAPTURE(input);
        const NipCheck r = check_nip(text, today);
        CHECK(r.ok);
        CHECK(r.error.empty());
        CHECK_FALSE(r.mangled);
        CHECK(r.nip == "198609262015051001");
        CHECK(r.kind == NipKind::pns);
    }
}

TEST_CASE("NIPs from the sample files are valid") {
    for (const char* text :
         {"199212182014121003", "198602282005011001", "196901311994122002", "196511181997092001",
          "197302011992092003", "197304081992091003", "198005182009021003", "197604202011101003",
          "198012142000111003", "197912212009042002", "198904042021102003", "199910252019011003",
          "196106081991092001", "199404022015072003", "196608231988032001"}) {
        const std::string input = text;
        CAPTURE(input);
        const NipCheck r = check_nip(text, today);
        CHECK(r.ok);
        CHECK(r.error.empty());
        CHECK(r.kind == NipKind::pns);
    }
}

TEST_CASE("valid NI PPPK") {
    const NipCheck r = check_nip("199001012022241001", today);
    CHECK(r.ok);
    CHECK(r.kind == NipKind::pppk);
    CHECK(r.nip == "199001012022241001");

    const NipCheck first_year = check_nip("19900101 2019 21 2 015", today);
    CHECK(first_year.ok);
    CHECK(first_year.kind == NipKind::pppk);

    // The boundary: PPPK began in 2019; an NI PPPK of 2018 is neither shape.
    const NipCheck before_first_year = check_nip("199001012018241001", today);
    CHECK_FALSE(before_first_year.ok);
    CHECK(
        before_first_year.error ==
        "digits 13-14 are 24, an NI PPPK, but its appointment year 2018 is before PPPK began (2019); in a PNS "
        "NIP digits 13-14 are the month of appointment, 01 to 12");
    CHECK(check_nip("199001012019241001", today).ok);

    // Digits 9-14 that happen to be a year-month read as PNS.
    CHECK(check_nip("199001012021121001", today).kind == NipKind::pns);
}

TEST_CASE("empty NIP") {
    for (const char* text : {"", "   ", "'", " ' ", "- . -"}) {
        const std::string input = text;
        CAPTURE(input);
        const NipCheck r = check_nip(text, today);
        CHECK_FALSE(r.ok);
        CHECK(r.error == "NIP is empty");
        CHECK(r.nip.empty());
    }
}

TEST_CASE("birth date must be real") {
    NipCheck r = check_nip("198613262015051001", today);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "birth date 19861326 is not a real date");

    r = check_nip("198604312015051001", today); // 31 April
    CHECK(r.error == "birth date 19860431 is not a real date");

    r = check_nip("198609002015051001", today);
    CHECK(r.error == "birth date 19860900 is not a real date");
}

TEST_CASE("birth date: the last day of every month, and the day after") {
    const int last[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int month = 1; month <= 12; ++month) {
        const auto nip = [month](int day) {
            char text[19];
            std::snprintf(text, sizeof text, "1986%02d%02d2015051001", month, day);
            return std::string(text);
        };
        const std::string good = nip(last[month - 1]), bad = nip(last[month - 1] + 1);
        CAPTURE(good);
        CHECK(check_nip(good, today).ok);
        CHECK(check_nip(bad, today).error == "birth date " + bad.substr(0, 8) + " is not a real date");
    }
    CHECK(check_nip("198601012015051001", today).ok);
    CHECK(check_nip("198601002015051001", today).error == "birth date 19860100 is not a real date");
    CHECK(check_nip("198600012015051001", today).error == "birth date 19860001 is not a real date");
}

TEST_CASE("29 February only in leap years") {
    NipCheck r = check_nip("198702292015051001", today);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "birth date 19870229 is not a real date");

    CHECK(check_nip("198802292015051001", today).ok);
    CHECK(check_nip("200002292019011001", today).ok); // 2000 is a leap year (divisible by 400)
}

TEST_CASE("birth year must be plausible") {
    NipCheck r = check_nip("193001012015051001", today);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "birth year 1930 is not plausible (expected 1940 to 2007)");

    r = check_nip("201001012025051001", today);
    CHECK_FALSE(r.ok);
    CHECK(error_has(r, "birth year 2010 is not plausible"));

    CHECK(check_nip("194001011965011001", today).ok);
    // Both ends are plausible: born in 2007 (2025 - 18), appointed at 18 in January 2025.
    CHECK(check_nip("200701012025011001", today).ok);
    CHECK(error_has(check_nip("200801012025011001", today), "birth year 2008 is not plausible"));
}

TEST_CASE("PNS appointment not before age 18 and not in the future") {
    NipCheck r = check_nip("199001012007011001", today);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "appointment 2007-01 is before age 18 (born 1990-01-01)");

    // Month granularity: the month of the 18th birthday is allowed, the month before is not.
    CHECK(check_nip("199005152008051001", today).ok);
    r = check_nip("199005152008041001", today);
    CHECK_FALSE(r.ok);
    CHECK(error_has(r, "before age 18"));

    r = check_nip("198609262030051001", today);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "appointment 2030-05 is in the future (this month is 2025-06)");
}

TEST_CASE("the appointment month (TMT) may be this month but not the next") {
    const NipCheck this_month = check_nip("198609262025061001", today);
    CHECK(this_month.ok);
    CHECK(this_month.kind == NipKind::pns);
    const NipCheck next_month = check_nip("198609262025071001", today);
    CHECK_FALSE(next_month.ok);
    CHECK(next_month.error == "appointment 2025-07 is in the future (this month is 2025-06)");
    // Later in the same year was accepted when only the year was checked.
    CHECK_FALSE(check_nip("198609262025121001", today).ok);
    // At the turn of the year: December's appointment is fine in December, January's is not.
    CHECK(check_nip("198609262025121001", asnbelajar::Date{2025, 12, 31}).ok);
    CHECK_FALSE(check_nip("198609262026011001", asnbelajar::Date{2025, 12, 31}).ok);
    CHECK(check_nip("198609262026011001", asnbelajar::Date{2026, 1, 1}).ok);
}

TEST_CASE("digits 13-14: a month (PNS) or 21-29 (NI PPPK), nothing else") {
    // Every boundary: 00, 01, 12, 13, 20, 21, 29, 30 (and 99), on a number that is otherwise valid.
    const auto nip = [](const char* code) { return std::string("19900101") + "2022" + code + "1001"; };
    const std::string neither =
        ": they must be the month of appointment, 01 to 12, in a PNS NIP, or 21 to 29 in an NI PPPK";
    for (const char* code : {"00", "13", "20", "30", "99"}) {
        CAPTURE(code);
        const NipCheck r = check_nip(nip(code), today);
        CHECK_FALSE(r.ok);
        CHECK_FALSE(r.mangled);
        CHECK(r.error == std::string("digits 13-14 are ") + code + neither);
    }
    for (const char* code : {"01", "12"}) {
        CAPTURE(code);
        const NipCheck r = check_nip(nip(code), today);
        CHECK(r.ok);
        CHECK(r.kind == NipKind::pns);
    }
    for (const char* code : {"21", "29"}) {
        CAPTURE(code);
        const NipCheck r = check_nip(nip(code), today);
        CHECK(r.ok);
        CHECK(r.kind == NipKind::pppk);
    }
    // A typo in the month of a PNS NIP before 2019 is refused too (it was taken as an NI PPPK before).
    CHECK_FALSE(check_nip("198609262015131001", today).ok);
    CHECK_FALSE(check_nip("198609262015001001", today).ok);
}

TEST_CASE("NI PPPK: appointment year from 2019, not in the future, not before age 18") {
    NipCheck r = check_nip("199001012018241001", today);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "digits 13-14 are 24, an NI PPPK, but its appointment year 2018 is before PPPK began "
                     "(2019); in a PNS NIP digits 13-14 are the month of appointment, 01 to 12");
    r = check_nip("199001012019241001", today);
    CHECK(r.ok);
    CHECK(r.kind == NipKind::pppk);

    // The year only: an NI PPPK of this year is fine whatever the month, next year's is not.
    CHECK(check_nip("199001012025211001", today).ok);
    r = check_nip("199001012026211001", today);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "NI PPPK appointment year 2026 is in the future (after 2025)");

    CHECK(check_nip("200101012019211001", today).ok); // PPPK in the year of turning 18: the first allowed
    r = check_nip("200501012022241001", today);       // PPPK at 17
    CHECK_FALSE(r.ok);
    CHECK(r.error == "NI PPPK appointment year 2022 is before age 18 (born 2005-01-01)");
}

TEST_CASE("nip_kind reads digits 13-14 of an accepted NIP") {
    CHECK(asnbelajar::nip_kind("199001012022241001") == NipKind::pppk);
    CHECK(asnbelajar::nip_kind("199001012022211001") == NipKind::pppk);
    CHECK(asnbelajar::nip_kind("199001012022291001") == NipKind::pppk);
    CHECK(asnbelajar::nip_kind("198609262015051001") == NipKind::pns);
    CHECK(asnbelajar::nip_kind("198609262015121001") == NipKind::pns);
    // Digits 12-13 would say otherwise in these two (92: PNS, 21: PPPK).
    CHECK(asnbelajar::nip_kind("199001012019211001") == NipKind::pppk);
    CHECK(asnbelajar::nip_kind("198009262002121001") == NipKind::pns);
}

TEST_CASE("nip_kind: anything but 18 characters with digits at 13-14 is PNS") {
    CHECK(asnbelajar::nip_kind("") == NipKind::pns);
    CHECK(asnbelajar::nip_kind("1990010120222410") == NipKind::pns);
    // No digit at 14: no code to read ('3' and '-' taken as digits would compute 3 * 10 - 3 = 27, a PPPK code).
    CHECK(asnbelajar::nip_kind("1990010120223-1001") == NipKind::pns);
    // Only characters 13-14 are read.
    CHECK(asnbelajar::nip_kind("19900101202.241001") == NipKind::pppk);
}

TEST_CASE("gender digit and serial") {
    NipCheck r = check_nip("198609262015053001", today);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "gender digit (15th) is 3: it must be 1 (male) or 2 (female)");

    r = check_nip("198609262015050001", today);
    CHECK(error_has(r, "gender digit (15th) is 0"));

    r = check_nip("199001012022243001", today); // PPPK too
    CHECK(error_has(r, "gender digit (15th) is 3"));

    r = check_nip("198609262015051000", today);
    CHECK_FALSE(r.ok);
    CHECK_FALSE(r.mangled);
    CHECK(error_has(r, "serial number (last 3 digits) is 000"));
    CHECK(check_nip("198609262015052999", today).ok);
}

TEST_CASE("wrong lengths") {
    NipCheck r = check_nip("1986092620150510", today);
    CHECK_FALSE(r.ok);
    CHECK_FALSE(r.mangled);
    CHECK(r.error == "NIP must have 18 digits, found 16 (16 digits is the length of a NIK, not a NIP)");

    r = check_nip("1986092620150510011", today);
    CHECK(r.error == "NIP must have 18 digits, found 19");

    r = check_nip("12345", today);
    CHECK(r.error == "NIP must have 18 digits, found 5");

    // Beyond the 32 digits kept, the rest are still counted (and nothing is written past the kept ones).
    r = check_nip("198609262015051001 198609262015051001 1986", today);
    CHECK(r.error == "NIP must have 18 digits, found 40");
}

TEST_CASE("old 9-digit NIP") {
    for (const char* text : {"010123456", "010 123 456", "'130456789"}) {
        const std::string input = text;
        CAPTURE(input);
        const NipCheck r = check_nip(text, today);
        CHECK_FALSE(r.ok);
        CHECK(r.error == "old 9-digit NIP: use the 18-digit NIP");
    }
}

TEST_CASE("letters and other characters") {
    NipCheck r = check_nip("19860926201505100A", today);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "NIP contains 'A' at character 18: only digits are allowed");

    r = check_nip("1986O9262015051001", today);
    CHECK(error_has(r, "NIP contains 'O' at character 5"));
    CHECK(error_has(r, "letter O instead of the digit 0"));

    for (const char* one : {"l", "I"}) {
        r = check_nip(std::string("1986092620") + one + "5051001", today);
        CHECK(r.error == std::string("NIP contains '") + one +
                             "' at character 11: only digits are allowed (a letter instead of the digit 1?)");
    }

    r = check_nip("NIP. 198609262015051001", today);
    CHECK(error_has(r, "'N' at character 1"));

    r = check_nip("19860926/201505/1/001", today);
    CHECK(error_has(r, "'/' at character 9"));

    r = check_nip("19860926\xE2\x80\x93"
                  "2015051001",
                  today); // en dash
    CHECK(error_has(r, "'\xE2\x80\x93' at character 9"));
    // Bytes that start no UTF-8 character (F8-FF) are quoted alone.
    for (const char* lead : {"\xF8", "\xFB", "\xFF"}) {
        r = check_nip(std::string("19860926") + lead + "2015051001", today);
        CHECK(r.error == std::string("NIP contains '") + lead + "' at character 9: only digits are allowed");
    }
}

TEST_CASE("scientific notation from a spreadsheet") {
    for (const char* text :
         {"1.98609E+17", "1,98609E+17", "1.98609262015051E+17", "'1.98609E+17", " 1.98609e+17 "}) {
        const std::string input = text;
        CAPTURE(input);
        const NipCheck r = check_nip(text, today);
        CHECK_FALSE(r.ok);
        CHECK(r.mangled);
        CHECK(error_has(r, "mangled by a spreadsheet"));
        CHECK(error_has(r, "scientific notation"));
        CHECK(error_has(r, "lost its digits"));
        CHECK(r.nip.empty());
    }
    CHECK(check_nip("1.98609E+17", today).error == "looks mangled by a spreadsheet (scientific notation "
                                                   "1.98609E+17), which lost its digits: format the column "
                                                   "as text and export again");
}

TEST_CASE("17 digits: a lost leading digit") {
    const NipCheck r = check_nip("98609262015051001", today);
    CHECK_FALSE(r.ok);
    CHECK(r.mangled);
    CHECK(error_has(r, "17 digits"));
    CHECK(error_has(r, "spreadsheet probably lost a leading digit"));
}

TEST_CASE("nip_digits strips separators only") {
    CHECK(nip_digits("198609262015051001") == "198609262015051001");
    CHECK(nip_digits(" '19860926 201505 1 001 ") == "198609262015051001");
    CHECK(nip_digits("19860926.201505-1.001") == "198609262015051001");
    CHECK(nip_digits("19860926\xC2\xA0"
                     "201505\xC2\xA0"
                     "1\xC2\xA0"
                     "001") == "198609262015051001"); // no-break spaces
    CHECK(nip_digits("010123456") == "010123456");
    CHECK(nip_digits("1.98609E+17") == "");
    CHECK(nip_digits("19860926201505100A") == "");
    CHECK(nip_digits("") == "");
    CHECK(nip_digits("  ") == "");
    CHECK(nip_digits("12'34") == "");
}
