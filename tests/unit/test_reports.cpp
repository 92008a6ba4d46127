#include "asnbelajar/reports.hpp"

#include <doctest/doctest.h>

using namespace asnbelajar;

TEST_CASE("yearly targets per type: PNS and people without a NIP --target, PPPK none unless --target-pppk") {
    const std::string pns = "198609262015051001", pppk = "199001012022241001";
    JpTargets t;
    CHECK(t.for_nip(pns) == default_jp_target_tenths);
    CHECK(t.for_nip("") == default_jp_target_tenths); // the kind is unknown: measured like a PNS
    CHECK_FALSE(t.for_nip(pppk));                     // 24 JP is a ceiling for PPPK, not a target
    t.pns = 240;
    t.pppk = 120;
    CHECK(t.for_nip(pns) == 240);
    CHECK(t.for_nip("") == 240);
    CHECK(t.for_nip(pppk) == 120);
    CHECK(pppk_jp_ceiling_tenths == 240);

    CHECK(person_type(pns) == NipKind::pns);
    CHECK(person_type(pppk) == NipKind::pppk);
    CHECK_FALSE(person_type(""));
    CHECK(std::string(type_name(NipKind::pns)) == "PNS");
    CHECK(std::string(type_name(NipKind::pppk)) == "PPPK");
}
