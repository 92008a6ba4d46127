// CsvReader on arbitrary bytes: every input is either read as records or refused with asnbelajar::Error
// (never another exception, a crash or undefined behaviour), and the records it returns survive a round trip
// through write_csv_record unchanged.
#include "fuzz_check.hpp"

#include "asnbelajar/csv.hpp"
#include "asnbelajar/error.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace asnbelajar;

namespace {

using Records = std::vector<std::vector<std::string>>;

constexpr std::size_t fuzz_block = 4096;

// Reads every record; records without fields (blank lines under keep_blank_lines) are left out.
Records read_all(const std::string& bytes, const CsvOptions& opts, char& delimiter) {
    std::istringstream in(bytes, std::ios::in | std::ios::binary);
    CsvReader reader(in, "fuzz.csv", opts);
    delimiter = reader.delimiter();
    Records records;
    std::vector<std::string_view> fields;
    std::size_t last_line = 0;
    while (reader.next(fields)) {
        FUZZ_REQUIRE(reader.line() > last_line); // records start on later and later lines
        last_line = reader.line();
        FUZZ_REQUIRE(fields.size() <= reader.raw().size() + 1);
        for (std::string_view f : fields)
            FUZZ_REQUIRE(f.size() <= opts.max_field);
        if (!fields.empty()) records.emplace_back(fields.begin(), fields.end());
    }
    FUZZ_REQUIRE(!reader.next(fields)); // the end stays the end
    return records;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte chooses the options: tiny blocks put buffer refills at every position, small limits
    // reach the length checks, and an explicit delimiter skips detection. Blocks stay small even by default:
    // a 256 KiB buffer filled under ASan and coverage costs milliseconds per input.
    const std::uint8_t knobs = data[0];
    CsvOptions opts;
    opts.block_size = (knobs & 0x07) == 0 ? fuzz_block : std::size_t{knobs & 0x07U};
    opts.keep_blank_lines = (knobs & 0x08) != 0;
    if (knobs & 0x10) opts.max_field = 48;
    if (knobs & 0x20) opts.max_record = 200;
    static constexpr char delimiters[4] = {0, ',', ';', '\t'};
    opts.delimiter = delimiters[knobs >> 6];
    const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);

    Records records;
    char delimiter = 0;
    try {
        records = read_all(input, opts, delimiter);
    } catch (const Error&) {
        return 0; // refused with a message: fine
    }

    // Write the records back (with a BOM, so that a first field starting with U+FEFF stays a field's text)
    // and read them again with the same delimiter: the same fields must come back.
    std::ostringstream out(std::ios::out | std::ios::binary);
    out << "\xEF\xBB\xBF";
    for (const auto& record : records) {
        std::vector<std::string_view> views(record.begin(), record.end());
        write_csv_record(out, views, delimiter);
    }
    CsvOptions again;
    again.delimiter = delimiter;
    again.block_size = fuzz_block;
    char unused = 0;
    Records reread;
    try {
        reread = read_all(out.str(), again, unused);
    } catch (const Error& e) {
        std::fprintf(stderr, "written records do not read back: %s\n", e.what());
        std::abort();
    }
    FUZZ_REQUIRE(reread == records);
    return 0;
}
