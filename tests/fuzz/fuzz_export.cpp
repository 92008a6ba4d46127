// A platform attendance export reader on arbitrary bytes (compiled once per layout of the registry with
// FUZZ_EXPORT_SOURCE, its name, and once with FUZZ_EXPORT_AUTO for the detector of --source auto followed by
// the reader it picks): every input is read or refused with asnbelajar::Error, and what is read keeps the
// promises of sources.hpp.
//
// The layouts' readers are called as read_export() calls them, but over a CsvReader with small blocks: the
// default 256 KiB buffer costs a millisecond per input under ASan (a large allocation is an mmap), which would
// leave a few thousand executions per CI run; small blocks also put buffer refills inside every layout.
#include "fuzz_check.hpp"

#include "sources/source_impl.hpp"

#include "asnbelajar/csv.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/sources.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

using namespace asnbelajar;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte chooses the options: zone, day/month order, and whether the session's date is known.
    static const Zone zones[4] = {find_zone("Asia/Jakarta"), find_zone("UTC"), find_zone("Asia/Jayapura"),
                                  find_zone("+05:30")};
    static constexpr DayOrder orders[3] = {DayOrder::unknown, DayOrder::mdy, DayOrder::dmy};
    sources::ReadOptions opts;
    opts.zone = zones[data[0] & 3U];
    opts.order = orders[(data[0] >> 2) % 3];
    if (data[0] & 0x40) opts.session_date = Date{2022, 3, 3};
    const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);

    sources::ExportData out;
    try {
#ifdef FUZZ_EXPORT_AUTO
        std::istringstream probe(bytes, std::ios::in | std::ios::binary);
        const sources::ExportSource& source = sources::detect_export(probe, "fuzz.csv");
#else
        static const sources::ExportSource* const fuzzed = sources::find_source(FUZZ_EXPORT_SOURCE);
        FUZZ_REQUIRE(fuzzed != nullptr); // a target per row of the registry: the name is one of its rows
        const sources::ExportSource& source = *fuzzed;
#endif
        std::istringstream in(bytes, std::ios::in | std::ios::binary);
        CsvOptions csv_opts;
        csv_opts.keep_blank_lines = true; // as read_export() reads
        csv_opts.block_size = (data[0] & 0x80) ? 7 : 4096;
        CsvReader csv(in, "fuzz.csv", csv_opts);
        sources::Builder b(source, "fuzz.csv", opts);
        out = source.read(csv, b);
        FUZZ_REQUIRE(out.source == &source);
    } catch (const Error& e) {
        FUZZ_REQUIRE(e.what()[0] != '\0');
        return 0;
    }
    FUZZ_REQUIRE(out.records.size() <= out.rows);
    std::size_t last_line = 0;
    for (const sources::ExportRecord& r : out.records) {
        FUZZ_REQUIRE(r.join.has_value() == r.leave.has_value());
        if (r.join) FUZZ_REQUIRE(*r.leave >= *r.join);
        if (r.seconds) FUZZ_REQUIRE(*r.seconds >= 0);
        FUZZ_REQUIRE(r.line > last_line); // in file order, one record per row
        last_line = r.line;
    }
    return 0;
}
