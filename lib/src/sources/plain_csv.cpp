// Plain CSV: a header with a person column (NIP, e-mail or phone, by any alias), optional name, and optionally
// `minutes` (a duration) or `join` and `leave` (both; with minutes too, a span). Without time columns every row
// is a self-declared attendance (the portal's "absen" click); with them, a row without any time is a no-show.
// A Zoom meeting-data block above the header (a meeting's header, its values and a blank line) is passed over.
//
// A person column alone proves nothing: rosters and registration exports have one too. Under --source auto
// (ReadOptions::require_presence_evidence) a file without minutes, join/leave or a presence column (hadir,
// kehadiran, presensi, check-in, ...: the attended aliases of columns.cpp) is read only as a presence form: a
// timestamp column (Google Forms' "Timestamp", "Stempel waktu", ...) whose times fall inside the session's
// window; rows stamped outside the window are left out. A file with no timestamps is refused as a roster, one
// whose timestamps all precede the session as a registration export.
#include "source_impl.hpp"

#include "asnbelajar/i18n.hpp"

#include "asnbelajar/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace asnbelajar::sources {

namespace {

// A column naming the person: NIP, e-mail or phone; not the meeting line of a Zoom export.
bool is_plain_csv_header(const HeaderRow& t) {
    return t.has_identity() && !is_meeting_data_header(t);
}

// The column of a form export that holds each submission's time (its aliases: Field::timestamp, columns.cpp).
int form_timestamp_column(const HeaderRow& t) {
    return t.has(Field::timestamp) ? t.at(Field::timestamp) : -1;
}

bool has_evidence(const HeaderRow& t) {
    return t.has(Field::minutes) || t.has(Field::join) || t.has(Field::leave) || t.has(Field::attended);
}

// The timestamp column of a file that has nothing else to show presence (read only under
// require_presence_evidence: elsewhere a "Waktu" column is nobody's business).
int stamp_if_self_declared(const HeaderRow& t) {
    return has_evidence(t) ? -1 : form_timestamp_column(t);
}

// "Timestamp, Instansi, Jabatan": the columns of `t` that make it look like a registration export (the
// timestamp `stamp` and the organisation's columns) or a roster (the people's columns too).
std::string telltale_columns(const HeaderRow& t, int stamp) {
    std::vector<std::string_view> cols;
    if (stamp >= 0) cols.push_back(t.written_at(stamp));
    const std::initializer_list<Field> people{Field::nip, Field::name, Field::email, Field::phone};
    if (stamp < 0)
        for (Field f : people)
            if (t.has(f)) cols.push_back(t.written(f));
    for (Field f : {Field::agency, Field::unit, Field::position, Field::grade})
        if (t.has(f)) cols.push_back(t.written(f));
    return fmt::format("{}", fmt::join(cols, ", "));
}

constexpr const char* self_declared_hint =
    N_("nothing was recorded; self-declared marks from a file like this need --source csv");

// Keeps the rows of a presence form stamped inside the session's window; refuses a roster or a registration
// export (see the file's comment).
void require_presence_form(ExportData& data, const HeaderRow& header, const ReadOptions& opts) {
    const int stamp = form_timestamp_column(header);
    if (stamp < 0)
        throw Error(tr(
            "{}: this looks like a roster, not an attendance list: it names people ({}) but has no minutes, no "
            "join and leave times, no presence column ('hadir', 'kehadiran', 'presensi', 'check-in', ...) and no "
            "timestamps; {}",
            data.name, telltale_columns(header, stamp), _(self_declared_hint)));
    std::optional<UnixSeconds> first, last;
    for (const ExportRecord& r : data.records)
        if (r.stamped) {
            first = std::min(first.value_or(*r.stamped), *r.stamped);
            last = std::max(last.value_or(*r.stamped), *r.stamped);
        }
    if (!opts.session_start || !opts.session_end || !first) {
        if (data.records.empty()) return; // nothing to decide on: refused as empty later, unless allowed
        throw Error(tr("{}: a form export ({}) whose {} cannot be compared with the session's time; {}",
                       data.name, telltale_columns(header, stamp), header.written_at(stamp),
                       _(self_declared_hint)));
    }
    const UnixSeconds start = *opts.session_start, end = *opts.session_end;
    const auto when = [&](UnixSeconds t) { return format_datetime_offset(t, opts.zone); };
    if (*last < start)
        throw Error(tr(
            "{}: this looks like a registration export, not a presence list (columns {}): every {} ({} to {}) "
            "precedes the session's start ({}); {}",
            data.name, telltale_columns(header, stamp), header.written_at(stamp), when(*first), when(*last),
            when(start), _(self_declared_hint)));
    const auto inside = [&](const ExportRecord& r) {
        return r.stamped && *r.stamped >= start && *r.stamped <= end;
    };
    const std::size_t kept =
        static_cast<std::size_t>(std::count_if(data.records.begin(), data.records.end(), inside));
    if (kept == 0)
        throw Error(tr(
            "{}: a form export (columns {}) none of whose {} values ({} to {}) falls inside the session ({} to "
            "{}): not a presence list of this session; {}",
            data.name, telltale_columns(header, stamp), header.written_at(stamp), when(*first), when(*last),
            when(start), when(end), _(self_declared_hint)));
    const std::size_t left_out = data.records.size() - kept;
    std::erase_if(data.records, [&](const ExportRecord& r) { return !inside(r); });
    data.notes.push_back(tr("a presence form: its {} values fall inside the session's window, each row a "
                            "self-declared attendance",
                            header.written_at(stamp)));
    if (left_out)
        data.notes.push_back(trn("{} row stamped outside the session's window ({} to {}) left out",
                                 "{} rows stamped outside the session's window ({} to {}) left out", left_out,
                                 left_out, when(start), when(end)));
}

} // namespace

bool detect_plain_csv(std::string_view, const HeaderRow& t) {
    return is_plain_csv_header(t);
}

ExportData read_plain_csv(CsvReader& csv, Builder& b) {
    FlatLayout layout;
    layout.is_header = is_plain_csv_header;
    layout.max_preamble = 2; // a title line; or a Zoom meeting header and its values
    layout.times = Times::span;
    layout.expected = N_("CSV with a NIP, e-mail or phone column");
    const ReadOptions opts = b.options();
    if (opts.require_presence_evidence) layout.stamp_column = stamp_if_self_declared;
    const HeaderRow header = read_flat_rows(csv, b, layout);
    ExportData data = b.finish();
    if (!has_evidence(header) && opts.require_presence_evidence) require_presence_form(data, header, opts);
    return data;
}

} // namespace asnbelajar::sources
