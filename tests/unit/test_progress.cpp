#include "progress.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <thread>

using asnbelajar::cli::ProgressBar;

TEST_CASE("ProgressBar: nothing when disabled or short, then one redrawn line, erased at the end") {
    std::ostringstream off;
    {
        ProgressBar bar(off, false, "roster.csv");
        std::this_thread::sleep_for(std::chrono::milliseconds(550));
        bar.update({.done = 500, .total = 1000, .count = 10});
    }
    CHECK(off.str().empty());

    std::ostringstream err;
    ProgressBar bar(err, true, "/data/exports/roster.csv");
    bar.update({.done = 500, .total = 1000, .count = 10});
    CHECK(err.str().empty()); // not in the first half second
    std::this_thread::sleep_for(std::chrono::milliseconds(550));
    bar.update({.done = 500, .total = 1000, .count = 20});
    const std::string drawn = err.str();
    CHECK(drawn.rfind("\rasnbelajar: roster.csv  50% [##########          ] 20 rows, ", 0) == 0);
    CHECK(drawn.find("rows/s\x1b[K") != std::string::npos);
    bar.update({.done = 600, .total = 1000, .count = 30}); // within 100 ms of the last draw: skipped
    CHECK(err.str() == drawn);
    bar.clear();
    CHECK(err.str() == drawn + "\r\x1b[K");
    bar.clear(); // nothing left to erase
    CHECK(err.str() == drawn + "\r\x1b[K");

    std::ostringstream piped;
    ProgressBar unknown(piped, true, "<stdin>");
    std::this_thread::sleep_for(std::chrono::milliseconds(550));
    unknown.update({.done = 123456, .total = 0, .count = 4096});
    CHECK(piped.str().rfind("\rasnbelajar: <stdin> 4096 rows, ", 0) == 0);
}

TEST_CASE("ProgressBar: counts in the unit of the progress it is given") {
    std::ostringstream err;
    ProgressBar bar(err, true, "attendee-report.csv");
    asnbelajar::ProgressFn progress = bar.callback();
    std::this_thread::sleep_for(std::chrono::milliseconds(550));
    progress({.done = 1024, .total = 4096, .count = 1024, .unit = "people"});
    CHECK(err.str().rfind("\rasnbelajar: attendee-report.csv  25% [#####               ] 1024 people, ", 0) ==
          0);
    CHECK(err.str().find("people/s\x1b[K") != std::string::npos);
}
