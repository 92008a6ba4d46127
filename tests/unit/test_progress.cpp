#include "progress.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <thread>

using asnbelajar::cli::ProgressBar;

TEST_CASE("ProgressBar: nothing when disabled or short, then one redrawn line, erased at the end") {
    std::ostringstream off;
    {
        ProgressBar bar(off, false, "roster.csv", 1000);
        std::this_thread::sleep_for(std::chrono::milliseconds(550));
        bar.update(10, 500);
    }
    CHECK(off.str().empty());

    std::ostringstream err;
    ProgressBar bar(err, true, "/data/exports/roster.csv", 1000);
    bar.update(10, 500);
    CHECK(err.str().empty()); // not in the first half second
    std::this_thread::sleep_for(std::chrono::milliseconds(550));
    bar.update(20, 500);
    const std::string drawn = err.str();
    CHECK(drawn.rfind("\rasnbelajar: roster.csv  50% [##########          ] 20 rows, ", 0) == 0);
    CHECK(drawn.find("rows/s\x1b[K") != std::string::npos);
    bar.update(30, 600); // within 100 ms of the last draw: skipped
    CHECK(err.str() == drawn);
    bar.clear();
    CHECK(err.str() == drawn + "\r\x1b[K");
    bar.clear(); // nothing left to erase
    CHECK(err.str() == drawn + "\r\x1b[K");

    std::ostringstream piped;
    ProgressBar unknown(piped, true, "<stdin>", 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(550));
    unknown.update(4096, 123456);
    CHECK(piped.str().rfind("\rasnbelajar: <stdin> 4096 rows, ", 0) == 0);
}
