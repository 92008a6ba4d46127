#include "progress.hpp"

#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace asnbelajar::cli {
namespace {

constexpr auto first_draw = std::chrono::milliseconds(500);
constexpr auto redraw_every = std::chrono::milliseconds(100);
constexpr int bar_width = 20;
constexpr std::size_t label_width = 30;

// The file's base name, cut to label_width characters from the end.
std::string short_label(const std::string& label) {
    std::string s =
        label.substr(label.find_last_of('/') == std::string::npos ? 0 : label.find_last_of('/') + 1);
    if (s.size() > label_width) s = "…" + s.substr(s.size() - label_width + 1);
    return s;
}

} // namespace

ProgressBar::ProgressBar(std::ostream& err, bool enabled, std::string label)
    : err_(err), enabled_(enabled), label_(short_label(label)), start_(Clock::now()), last_(start_) {}

ProgressBar::~ProgressBar() {
    clear();
}

void ProgressBar::update(const Progress& progress) {
    if (!enabled_) return;
    const Clock::time_point now = Clock::now();
    if (now - start_ < first_draw || (drawn_ && now - last_ < redraw_every)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const auto rate =
        static_cast<std::uint64_t>(static_cast<double>(progress.count) / std::max(seconds, 1e-3));
    std::string line = "asnbelajar: " + label_;
    if (progress.total > 0) {
        const double done =
            std::min(1.0, static_cast<double>(progress.done) / static_cast<double>(progress.total));
        const int filled = static_cast<int>(done * bar_width);
        line += fmt::format(" {:3d}% [{}{}]", static_cast<int>(done * 100),
                            std::string(static_cast<std::size_t>(filled), '#'),
                            std::string(static_cast<std::size_t>(bar_width - filled), ' '));
    }
    const std::string english(progress.unit); // "rows", "people": marked where they are set
    const char* unit = _(english.c_str());
    line += fmt::format(" {} {}, {} {}/s", progress.count, unit, rate, unit);
    // Carriage return, the line, then erase whatever a longer earlier line left to the right.
    err_ << '\r' << line << "\x1b[K" << std::flush;
    drawn_ = true;
}

void ProgressBar::clear() {
    if (!drawn_) return;
    err_ << "\r\x1b[K" << std::flush;
    drawn_ = false;
}

} // namespace asnbelajar::cli
