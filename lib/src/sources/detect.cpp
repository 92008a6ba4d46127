// `--source auto`: which layout of the registry (registry.cpp) an export has, from its first records; and
// reading a file with the reader of its layout.
#include "source_impl.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>
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

// "expected a Zoom webinar attendee report (…), …, or a CSV with …": every layout, as the registry describes it.
std::string expected_layouts() {
    std::vector<std::string> all;
    for (const ExportSource& s : export_sources())
        all.emplace_back(_(s.expected));
    return tr("expected {}", or_list(all));
}

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
        if (std::cin.bad()) throw Error(_("cannot read standard input"));
        return bytes;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(tr("cannot open {}: {}", path, std::strerror(errno)));
    const std::streamoff size = in.seekg(0, std::ios::end) ? std::streamoff(in.tellg()) : -1;
    if (size > 0 && in.seekg(0)) {
        bytes.resize(static_cast<std::size_t>(size));
        in.read(bytes.data(), size);
        if (in.gcount() != size) throw Error(tr("cannot read {}", path));
    } else {
        in.clear(); // not a file that can be measured (a pipe, /dev/stdin)
        read_to_end(in, bytes);
    }
    if (in.bad()) throw Error(tr("cannot read {}", path));
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

// The layout an explicit --source reads a file with: the detected one when it is of the chosen family. Flat
// tables read alike with each flat reader, so a file detected as one flat layout (or not recognised at all) is
// read with the family's first flat layout; a file not recognised at all with its first layout when it has no
// flat one; sectioned reports only as themselves. `family` is one of source_choices(); `detected` is set for
// "auto".
const ExportSource& choose(std::string_view family, const ExportSource* detected, const std::string& name) {
    if (detected && (family == "auto" || detected->family == family)) return *detected;
    const ExportSource* first = nullptr;
    const ExportSource* first_flat = nullptr;
    for (const ExportSource& s : export_sources()) {
        if (s.family != family) continue;
        if (!first) first = &s;
        if (s.flat && !first_flat) first_flat = &s;
    }
    if (first_flat && (!detected || detected->flat)) return *first_flat;
    if (!detected) return *first;
    throw Error(
        tr("{} is a {}, not what --source {} reads; use --source auto", name, _(detected->label), family));
}

} // namespace

const ExportSource& detect_export(std::istream& in, const std::string& name) {
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
        const std::string_view title = sources::title_of(row);
        HeaderRow t(row); // also a one-column header: "email" over a list of addresses
        for (const ExportSource& source : export_sources())
            if (source.detect(title, t)) return source;
        // The first line is the header, unless it is a title: then the header is the first line with columns.
        if (first)
            title_first = row.size() == 1;
        else if (title_first && header.empty() && row.size() > 1)
            header = t.columns();
        first = false;
    }
    if (first_line.empty()) throw Error(tr("{} is empty", name));
    if (header.empty())
        throw Error(tr("{}:{}: not a recognised attendance export (first line: '{}'); {}", name,
                       first_line_no, first_line, expected_layouts()));
    throw Error(tr("{}:{}: not a recognised attendance export (first line: '{}'; first header: '{}'); {}",
                   name, first_line_no, first_line, header, expected_layouts()));
}

ExportData read_export(std::istream& in, const std::string& name, const ExportSource& source,
                       const ReadOptions& opts) {
    CsvOptions csv_opts;
    csv_opts.keep_blank_lines = true;
    CsvReader csv(in, name, csv_opts);
    Builder b(source, name, opts);
    return source.read(csv, b);
}

ExportData read_export_file(const std::string& path, std::string_view choice, const ReadOptions& opts) {
    const std::vector<std::string_view> choices = source_choices();
    if (std::find(choices.begin(), choices.end(), choice) == choices.end())
        throw Error(tr("unknown source '{}'", choice));
    const std::string name = path == "-" ? "<stdin>" : path;
    const std::string bytes = load(path);
    const ExportSource* detected = nullptr;
    try {
        StringBuf buf(bytes);
        std::istream in(&buf);
        detected = &detect_export(in, name);
    } catch (const Error&) {
        if (choice == "auto") throw;
    }
    const ExportSource& source = choose(choice, detected, name);
    StringBuf buf(bytes);
    std::istream in(&buf);
    ReadOptions read = opts;
    read.require_presence_evidence = choice == "auto";
    return read_export(in, name, source, read);
}

} // namespace asnbelajar::sources
