#include "asnbelajar/siasn.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace asnbelajar;

TEST_CASE("SIASN jenis diklat: ids 1 to 25 in order, names and certificate codes") {
    const auto ref = jenis_diklat_reference();
    REQUIRE(ref.size() == 25);
    std::set<std::string> names;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        CAPTURE(i);
        CHECK(ref[i].id == static_cast<int>(i) + 1);
        CHECK_FALSE(ref[i].name.empty());
        names.insert(std::string(ref[i].name));
        // P for Workshop, Sosialisasi, Seminar; F for Diklat Fungsional; T for every other id.
        const int id = ref[i].id;
        const char expected = id == 4 || id == 7 || id == 9 ? 'P' : id == 2 ? 'F' : 'T';
        CHECK(ref[i].certificate_code == expected);
        CHECK(find_jenis_diklat(id) == &ref[i]);
    }
    CHECK(names.size() == 25);
    CHECK(find_jenis_diklat(default_jenis_diklat_id)->name == "Seminar");
    CHECK(find_jenis_diklat(4)->name == "Workshop");
    CHECK(find_jenis_diklat(7)->name == "Sosialisasi");
    CHECK(find_jenis_diklat(16)->name == "E-Learning");
    CHECK(find_jenis_diklat(17)->name == "Pelatihan Jarak Jauh");
    CHECK(find_jenis_diklat(0) == nullptr);
    CHECK(find_jenis_diklat(26) == nullptr);
    CHECK(find_jenis_diklat(-9) == nullptr);
}

TEST_CASE("whole hours: whole JP pass, fractional ones are refused or rounded as asked") {
    for (JpRounding r : {JpRounding::refuse, JpRounding::down, JpRounding::nearest, JpRounding::up}) {
        CHECK(whole_hours(0, r) == 0);
        CHECK(whole_hours(30, r) == 3);
        CHECK(whole_hours(240, r) == 24);
    }
    CHECK_FALSE(whole_hours(25, JpRounding::refuse));
    CHECK_FALSE(whole_hours(1, JpRounding::refuse));
    CHECK(whole_hours(25, JpRounding::down) == 2);
    CHECK(whole_hours(29, JpRounding::down) == 2);
    CHECK(whole_hours(21, JpRounding::up) == 3);
    CHECK(whole_hours(25, JpRounding::up) == 3);
    CHECK(whole_hours(1, JpRounding::up) == 1);
    // nearest: a half goes up.
    CHECK(whole_hours(24, JpRounding::nearest) == 2);
    CHECK(whole_hours(25, JpRounding::nearest) == 3);
    CHECK(whole_hours(26, JpRounding::nearest) == 3);
    CHECK(whole_hours(4, JpRounding::nearest) == 0);
    CHECK(whole_hours(5, JpRounding::nearest) == 1);
}
