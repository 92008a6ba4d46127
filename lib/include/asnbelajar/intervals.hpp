// Presence as the union of join–leave intervals.
#pragma once

#include <cstdint>
#include <vector>

namespace asnbelajar {

struct Interval {
    std::int64_t begin = 0; // seconds, inclusive
    std::int64_t end = 0;   // seconds, exclusive; an interval with end <= begin is empty
};

// Seconds covered by the union of `intervals` inside `window`: rejoins and overlapping devices are counted
// once, time before the window's begin or after its end not at all. Sorts `intervals` in place.
std::int64_t union_seconds(std::vector<Interval>& intervals, Interval window);

} // namespace asnbelajar
