// A one-line progress display on stderr for long jobs.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace asnbelajar::cli {

// Draws "asnbelajar: FILE  42% [########            ] 420000 rows, 183000 rows/s" on one terminal line (another
// word than "rows" with `unit`). Only
// when enabled (stderr is a terminal and not --quiet: Context::progress_allowed()); not before half a second
// has passed, so short jobs show nothing; redrawn at most ten times a second; erased by clear() and by the
// destructor. Without a known total (standard input) it shows rows and rows/s only.
class ProgressBar {
  public:
    ProgressBar(std::ostream& err, bool enabled, std::string label, std::uint64_t total_bytes,
                std::string unit = "rows");
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void update(std::uint64_t rows, std::uint64_t bytes);
    // Erases the line if anything was drawn.
    void clear();

  private:
    using Clock = std::chrono::steady_clock;

    std::ostream& err_;
    bool enabled_;
    std::string label_;
    std::uint64_t total_;
    std::string unit_;
    Clock::time_point start_;
    Clock::time_point last_;
    bool drawn_ = false;
};

} // namespace asnbelajar::cli
