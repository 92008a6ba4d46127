// `--source auto`: which layout an export has, from its first records; and reading a file with the reader of
// its layout.
#include "source_impl.hpp"

#include "asnbelajar/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

namespace asnbelajar::sources {
namespace {

using sources::Fields;
using sources::HeaderRow;

// Records looked at before giving up: past a preamble, far short of a whole export.
constexpr std::size_t detect_records = 40;

constexpr const char* expected_layouts =
    "expected a Zoom webinar attendee report (title 'Attendee Report', sections 'Host Details' and "
    "'Attendee Details'), a Zoom meeting participants export (Name (Original Name), User Email, Join Time, "
    "Leave Time, Duration (Minutes), Guest), a Microsoft Teams attendance report (sections '1. Summary', "
    "'2. Participants', '3. In-Meeting Activities'), a Google Meet attendance export (Name, Email, First seen, "
    "Last seen, Time in call), or a CSV with a NIP, e-mail or phone column (and optionally minutes, or join and "
    "leave)";

// Appends what is left of `in` to `bytes`, a block at a time (standard input, pipes).
void read_to_end(std::istream& in, std::string& bytes) {
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0)
        bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
}

// The whole file (an export is a few MB): one allocation of the file's size and one read when it can be
// measured, not a stream copy that grows its buffer step by step.
std::string load(const std::string& path) {
    std::string bytes;
    if (path == "-") {
        read_to_end(std::cin, bytes);
        if (std::cin.bad()) throw Error("cannot read standard input");
        return bytes;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
    const std::streamoff size = in.seekg(0, std::ios::end) ? std::streamoff(in.tellg()) : -1;
    if (size > 0 && in.seekg(0)) {
        bytes.resize(static_cast<std::size_t>(size));
        in.read(bytes.data(), size);
        if (in.gcount() != size) throw Error(fmt::format("cannot read {}", path));
    } else {
        in.clear(); // not a file that can be measured (a pipe, /dev/stdin)
        read_to_end(in, bytes);
    }
    if (in.bad()) throw Error(fmt::format("cannot read {}", path));
    return bytes;
}

// Reads a string in memory as a stream, without copying it.
class StringBuf : public std::streambuf {
  public:
    explicit StringBuf(const std::string& s) {
        char* begin = const_cast<char*>(s.data()); // only ever read
        setg(begin, begin, begin + s.size());
    }
};

bool fits(SourceChoice choice, ExportKind kind) {
    switch (choice) {
    case SourceChoice::auto_detect: return true;
    case SourceChoice::zoom: return kind == ExportKind::zoom_webinar || kind == ExportKind::zoom_meeting;
    case SourceChoice::teams: return kind == ExportKind::teams;
    case SourceChoice::meet: return kind == ExportKind::meet;
    case SourceChoice::csv: return kind == ExportKind::csv;
    }
    return false;
}

// The layout an explicit --source reads a file with. Flat tables read alike with each flat reader, so a file
// detected as one flat layout may be read as another; sectioned reports only as themselves.
ExportKind choose(SourceChoice choice, std::optional<ExportKind> detected, const std::string& name) {
    if (detected && fits(choice, *detected)) return *detected;
    const bool flat = !detected || (*detected != ExportKind::zoom_webinar && *detected != ExportKind::teams);
    switch (choice) {
    case SourceChoice::auto_detect: break;
    case SourceChoice::zoom:
        if (flat) return ExportKind::zoom_meeting;
        break;
    case SourceChoice::teams:
        if (!detected) return ExportKind::teams;
        break;
    case SourceChoice::meet:
        if (flat) return ExportKind::meet;
        break;
    case SourceChoice::csv:
        if (flat) return ExportKind::csv;
        break;
    }
    throw Error(fmt::format("{} is a {}, not what --source {} reads; use --source auto", name,
                            export_label(*detected),
                            choice == SourceChoice::zoom    ? "zoom"
                            : choice == SourceChoice::teams ? "teams"
                            : choice == SourceChoice::meet  ? "meet"
                                                            : "csv"));
}

} // namespace

std::string_view to_string(ExportKind kind) {
    switch (kind) {
    case ExportKind::zoom_webinar: return "zoom-webinar";
    case ExportKind::zoom_meeting: return "zoom-meeting";
    case ExportKind::teams: return "teams";
    case ExportKind::meet: return "meet";
    case ExportKind::csv: return "csv";
    }
    return "csv";
}

std::string_view export_label(ExportKind kind) {
    switch (kind) {
    case ExportKind::zoom_webinar: return "Zoom webinar attendee report";
    case ExportKind::zoom_meeting: return "Zoom meeting participants export";
    case ExportKind::teams: return "Microsoft Teams attendance report";
    case ExportKind::meet: return "Google Meet attendance export";
    case ExportKind::csv: return "plain attendance CSV";
    }
    return "plain attendance CSV";
}

std::optional<SourceChoice> parse_source_choice(std::string_view text) {
    if (text == "auto") return SourceChoice::auto_detect;
    if (text == "zoom") return SourceChoice::zoom;
    if (text == "teams") return SourceChoice::teams;
    if (text == "meet") return SourceChoice::meet;
    if (text == "csv") return SourceChoice::csv;
    return std::nullopt;
}

ExportKind detect_export(std::istream& in, const std::string& name) {
    CsvReader csv(in, name);
    Fields row;
    std::string first_line, header;
    std::size_t first_line_no = 0;
    bool first = true, title_first = false;
    for (std::size_t seen = 0; seen < detect_records && csv.next(row); ++seen) {
        if (sources::is_blank(row)) continue;
        if (first_line.empty()) {
            first_line = std::string(csv.raw().substr(0, 200));
            first_line_no = csv.line();
        }
        if (std::string_view title = sources::title_of(row); !title.empty()) {
            if (sources::is_teams_title(title)) return ExportKind::teams;
            if (sources::is_zoom_webinar_title(title)) return ExportKind::zoom_webinar;
        }
        HeaderRow t(row); // also a one-column header: "email" over a list of addresses
        if (t.find("webinar id") >= 0) return ExportKind::zoom_webinar;
        if (sources::is_zoom_meeting_preamble(t) || sources::is_zoom_meeting_header(t))
            return ExportKind::zoom_meeting;
        if (sources::is_meet_header(t)) return ExportKind::meet;
        if (sources::is_plain_csv_header(t)) return ExportKind::csv;
        // The first line is the header, unless it is a title: then the header is the first line with columns.
        if (first)
            title_first = row.size() == 1;
        else if (title_first && header.empty() && row.size() > 1)
            header = t.columns();
        first = false;
    }
    if (first_line.empty()) throw Error(fmt::format("{} is empty", name));
    throw Error(fmt::format(
        "{}:{}: not a recognised attendance export (first line: '{}'{}); {}", name, first_line_no, first_line,
        header.empty() ? std::string() : fmt::format("; first header: '{}'", header), expected_layouts));
}

ExportData read_export(std::istream& in, const std::string& name, ExportKind kind, const ReadOptions& opts) {
    CsvOptions csv_opts;
    csv_opts.keep_blank_lines = true;
    CsvReader csv(in, name, csv_opts);
    sources::Builder b(kind, name, opts);
    switch (kind) {
    case ExportKind::zoom_webinar: return sources::read_zoom_webinar(csv, b);
    case ExportKind::zoom_meeting: return sources::read_zoom_meeting(csv, b);
    case ExportKind::teams: return sources::read_teams(csv, b);
    case ExportKind::meet: return sources::read_meet(csv, b);
    case ExportKind::csv: return sources::read_plain_csv(csv, b);
    }
    return sources::read_plain_csv(csv, b);
}

ExportData read_export_file(const std::string& path, SourceChoice choice, const ReadOptions& opts) {
    const std::string name = path == "-" ? "<stdin>" : path;
    const std::string bytes = load(path);
    std::optional<ExportKind> detected;
    try {
        StringBuf buf(bytes);
        std::istream in(&buf);
        detected = detect_export(in, name);
    } catch (const Error&) {
        if (choice == SourceChoice::auto_detect) throw;
    }
    const ExportKind kind = choose(choice, detected, name);
    StringBuf buf(bytes);
    std::istream in(&buf);
    return read_export(in, name, kind, opts);
}

} // namespace asnbelajar::sources
