#include "asnbelajar/intervals.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

using namespace asnbelajar;

TEST_CASE("union_seconds counts rejoins and overlapping devices once and clips to the window") {
    const Interval window{1000, 2000};
    std::vector<Interval> none;
    CHECK(union_seconds(none, window) == 0);

    std::vector<Interval> one{{1100, 1200}};
    CHECK(union_seconds(one, window) == 100);

    std::vector<Interval> early_and_late{{500, 1100}, {1900, 2500}};
    CHECK(union_seconds(early_and_late, window) == 200);

    std::vector<Interval> overlapping{{1100, 1500}, {1200, 1300}, {1400, 1600}};
    CHECK(union_seconds(overlapping, window) == 500);

    std::vector<Interval> unsorted_rejoin{{1700, 1800}, {1100, 1200}, {1200, 1250}};
    CHECK(union_seconds(unsorted_rejoin, window) == 250);

    std::vector<Interval> outside{{0, 999}, {2000, 3000}, {1500, 1400}};
    CHECK(union_seconds(outside, window) == 0);

    std::vector<Interval> whole{{0, 5000}, {1200, 1300}};
    CHECK(union_seconds(whole, window) == 1000);
}

TEST_CASE("union_seconds: many devices joining at the same second are counted once") {
    // More than sixteen intervals (std::sort's insertion-sort cut-off), all beginning together.
    const Interval window{1000, 2000};
    std::vector<Interval> same_begin;
    for (std::int64_t k = 0; k < 64; ++k)
        same_begin.push_back({1100, 1100 + (k * 37) % 500});
    CHECK(union_seconds(same_begin, window) == 499);
    for (const Interval& iv : same_begin)
        CHECK(iv.begin == 1100); // sorted in place: still the same intervals
}

TEST_CASE("union_seconds: intervals that tie on their begin are sorted by a strict order") {
    // std::sort needs a strict order (a tie is "not less"). Ordered by <= instead, it takes a tie for "less" and
    // walks past the vector's end looking for a greater begin; past the largest begin there is none to find.
    const Interval window{1000, 2000};
    constexpr std::int64_t last_second = std::numeric_limits<std::int64_t>::max();
    std::vector<Interval> at_the_end(64, Interval{last_second, last_second});
    CHECK(union_seconds(at_the_end, window) == 0);
    CHECK(at_the_end.size() == 64);
}
