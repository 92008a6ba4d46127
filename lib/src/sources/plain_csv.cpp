// Plain CSV: a header with a person column (NIP, e-mail or phone, by any alias), optional name, and optionally
// `minutes` (a duration) or `join` and `leave` (both; with minutes too, a span). Without time columns every row
// is a self-declared attendance (the portal's "absen" click); with them, a row without any time is a no-show.
#include "source_impl.hpp"

namespace asnbelajar::sources {

namespace {

// A column naming the person: NIP, e-mail or phone.
bool is_plain_csv_header(const HeaderRow& t) {
    return t.has(Field::nip) || t.has(Field::email) || t.has(Field::phone);
}

} // namespace

bool detect_plain_csv(std::string_view, const HeaderRow& t) {
    return is_plain_csv_header(t);
}

ExportData read_plain_csv(CsvReader& csv, Builder& b) {
    FlatLayout layout;
    layout.is_header = is_plain_csv_header;
    layout.max_preamble = 0;
    layout.times = Times::span;
    layout.expected = "CSV with a NIP, e-mail or phone column";
    return read_flat(csv, b, layout);
}

} // namespace asnbelajar::sources
