// A one-line progress display on stderr for long jobs: what the library reports as asnbelajar::Progress.
#pragma once

#include "asnbelajar/progress.hpp"

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace asnbelajar::cli {

// Draws "asnbelajar: FILE  42% [########            ] 420000 rows, 183000 rows/s" on one terminal line: the
// share done of total, and the count and its rate in the progress's unit. Only when enabled (stderr is a
// terminal and not --quiet: Context::progress_allowed()); not before half a second has passed, so short jobs
// show nothing; redrawn at most ten times a second; erased by clear() and by the destructor. Without a known
// total (standard input) it shows the count and its rate only.
class ProgressBar {
  public:
    ProgressBar(std::ostream& err, bool enabled, std::string label);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void update(const Progress& progress);
    // A callback for the library that updates this bar (which must outlive it).
    ProgressFn callback() {
        return [this](const Progress& progress) { update(progress); };
    }
    // Erases the line if anything was drawn.
    void clear();

  private:
    using Clock = std::chrono::steady_clock;

    std::ostream& err_;
    bool enabled_;
    std::string label_;
    Clock::time_point start_;
    Clock::time_point last_;
    bool drawn_ = false;
};

} // namespace asnbelajar::cli
