// How far a long job has got: the one progress report of the library (roster imports, attendance imports,
// platform marks), for the command line's progress bar (cli/progress.hpp) or any other display.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace asnbelajar {

struct Progress {
    // How much of the job is done, and the whole job, in one measure of the job's own: bytes of the input read
    // (roster imports), people recorded (attendance). done <= total when total is known; total 0: not known
    // (an input from standard input), and then done only grows.
    std::uint64_t done = 0;
    std::uint64_t total = 0;
    // What has been handled so far, in `unit` (plural: "rows", "people"): what a display counts and measures a
    // rate in. The same as `done` when the job is measured in what it handles.
    std::uint64_t count = 0;
    std::string_view unit = "rows"; // a message (N_()), translated by the display
};

// Called now and then while a job runs (every few thousand rows or a few hundred people), and once at its end
// (with done == total when total is known). It must not throw.
using ProgressFn = std::function<void(const Progress&)>;

} // namespace asnbelajar
