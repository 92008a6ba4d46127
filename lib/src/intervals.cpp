#include "asnbelajar/intervals.hpp"

#include <algorithm>

namespace asnbelajar {

std::int64_t union_seconds(std::vector<Interval>& intervals, Interval window) {
    std::sort(intervals.begin(), intervals.end(),
              [](const Interval& a, const Interval& b) { return a.begin < b.begin; });
    std::int64_t total = 0;
    std::int64_t covered_to = window.begin; // everything before this is already counted (or outside)
    for (const Interval& iv : intervals) {
        std::int64_t b = std::max(iv.begin, covered_to);
        std::int64_t e = std::min(iv.end, window.end);
        if (e > b) {
            total += e - b;
            covered_to = e;
        }
    }
    return total;
}

} // namespace asnbelajar
