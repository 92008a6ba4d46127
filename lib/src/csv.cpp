#include "asnbelajar/csv.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <istream>
#include <ostream>
#include <utility>

namespace asnbelajar {

namespace {

constexpr std::uint64_t ones = 0x0101010101010101ULL;
constexpr std::uint64_t highs = 0x8080808080808080ULL;
constexpr std::size_t detect_limit = std::size_t{64} << 10;

// Bytes of `w` that are zero have their high bit set in the result; the lowest set bit is exact (bits above a
// zero byte may be spurious because of the borrow).
constexpr std::uint64_t zero_bytes(std::uint64_t w) {
    return (w - ones) & ~w & highs;
}

std::uint64_t load8(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
}

// The first byte in [p, e) that is `d`, CR or LF; e if none.
const char* find_special(const char* p, const char* e, char d) {
    if constexpr (std::endian::native == std::endian::little) {
        const std::uint64_t md = ones * static_cast<unsigned char>(d);
        const std::uint64_t mcr = ones * 0x0DU;
        const std::uint64_t mlf = ones * 0x0AU;
        while (e - p >= 8) {
            const std::uint64_t w = load8(p);
            const std::uint64_t hit = zero_bytes(w ^ md) | zero_bytes(w ^ mcr) | zero_bytes(w ^ mlf);
            if (hit != 0) {
                return p + std::countr_zero(hit) / 8;
            }
            p += 8;
        }
    }
    for (; p != e; ++p) {
        if (*p == d || *p == '\r' || *p == '\n') {
            return p;
        }
    }
    return e;
}

// The offset of the first byte of the first invalid UTF-8 sequence or NUL byte in [p, p + n); n if none.
// Rejects overlong forms, surrogates and code points above U+10FFFF.
std::size_t find_bad_utf8(const char* text, std::size_t n) {
    const auto* p = reinterpret_cast<const unsigned char*>(text);
    std::size_t i = 0;
    while (i < n) {
        if (n - i >= 8) {
            // All eight bytes in 0x01..0x7F: no high bit in the bytes nor in the bytes minus one.
            const std::uint64_t w = load8(text + i);
            if (((w | (w - ones)) & highs) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = p[i];
        if (c < 0x80) {
            if (c == 0) {
                return i;
            }
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c == 0xE0) {
            len = 3;
            lo = 0xA0;
        } else if (c == 0xED) {
            len = 3;
            hi = 0x9F;
        } else if (c >= 0xE1 && c <= 0xEF) {
            len = 3;
        } else if (c == 0xF0) {
            len = 4;
            lo = 0x90;
        } else if (c >= 0xF1 && c <= 0xF3) {
            len = 4;
        } else if (c == 0xF4) {
            len = 4;
            hi = 0x8F;
        } else {
            return i;
        }
        if (n - i < len || p[i + 1] < lo || p[i + 1] > hi) {
            return i;
        }
        for (std::size_t k = 2; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) {
                return i;
            }
        }
        i += len;
    }
    return n;
}

std::string describe_delimiter(char d) {
    if (d == '\t') {
        return _("a tab");
    }
    return std::string("'") + d + "'";
}

std::string hex_byte(unsigned char b) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string s = "0x";
    s += digits[b >> 4];
    s += digits[b & 0x0F];
    return s;
}

std::string hex_unit(unsigned u) {
    std::string s = "0x";
    for (int shift = 12; shift >= 0; shift -= 4) {
        s += "0123456789ABCDEF"[(u >> shift) & 0x0F];
    }
    return s;
}

bool needs_quotes(std::string_view f, char d) {
    for (const char c : f) {
        if (c == d || c == '"' || c == '\r' || c == '\n') {
            return true;
        }
    }
    return false;
}

} // namespace

CsvReader::CsvReader(std::istream& in, std::string name, CsvOptions opts)
    : in_(&in), name_(std::move(name)), opts_(opts) {
    init();
}

CsvReader::CsvReader(const std::string& path, CsvOptions opts) : opts_(opts) {
    if (path == "-") {
        in_ = &std::cin;
        name_ = "<stdin>";
    } else {
        name_ = path;
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) {
            throw Error(tr("cannot open {}: is a directory", path));
        }
        errno = 0;
        auto file = std::make_unique<std::ifstream>(path, std::ios::in | std::ios::binary);
        if (!file->is_open()) {
            const int err = errno;
            throw Error(tr("cannot open {}: {}", path, err != 0 ? std::strerror(err) : _("unknown error")));
        }
        owned_ = std::move(file);
        in_ = owned_.get();
    }
    init();
}

CsvReader::~CsvReader() = default;
CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;

std::string_view CsvReader::raw() const {
    if (raw_len_ == 0) {
        return {};
    }
    return {buf_.data() + rec_, raw_len_};
}

void CsvReader::init() {
    opts_.block_size = std::max<std::size_t>(opts_.block_size, 1);
    buf_.resize(std::max<std::size_t>(opts_.block_size, 64));
    probe_encoding();
    if (opts_.delimiter == 0) {
        detect_delimiter();
    } else {
        const auto d = static_cast<unsigned char>(opts_.delimiter);
        if (d >= 0x80 || d == '"' || d == '\r' || d == '\n') {
            throw Error(
                tr("{}: invalid CSV delimiter {} (it must be one ASCII character other than a quote or a "
                   "line end)",
                   name_, hex_byte(d)));
        }
        delim_ = opts_.delimiter;
    }
}

void CsvReader::probe_encoding() {
    char bom[3] = {};
    in_->read(bom, 3);
    const auto got = static_cast<std::size_t>(in_->gcount());
    if (in_->bad()) {
        throw Error(tr("{}: read error", name_));
    }
    bytes_read_ += got;
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(bom[i]); };
    std::size_t skip = 0;
    if (got >= 3 && b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) {
        enc_ = Encoding::utf8_bom;
        skip = 3;
    } else if (got >= 2 && b(0) == 0xFF && b(1) == 0xFE) {
        enc_ = Encoding::utf16le;
        skip = 2;
    } else if (got >= 2 && b(0) == 0xFE && b(1) == 0xFF) {
        enc_ = Encoding::utf16be;
        skip = 2;
    }
    if (got < 3) {
        src_eof_ = true;
    }
    if (enc_ == Encoding::utf16le || enc_ == Encoding::utf16be) {
        raw_.resize(opts_.block_size + 8);
        std::memcpy(raw_.data(), bom + skip, got - skip);
        raw_end_ = got - skip;
    } else {
        std::memcpy(buf_.data(), bom + skip, got - skip);
        end_ = got - skip;
        if (src_eof_) {
            eof_ = end_ == 0;
        }
    }
}

// Counts ',', ';' and '\t' outside quotes record by record, from the start of the input, without consuming
// it; the first record with any of them decides. A quote opens a quoted section only at the start of a field.
void CsvReader::detect_delimiter() {
    // Candidates in tie-break order. UTF-16 text files (Teams, Excel "Unicode Text") are tab-separated.
    const bool utf16 = enc_ == Encoding::utf16le || enc_ == Encoding::utf16be;
    const char candidates[3] = {utf16 ? '\t' : ',', utf16 ? ',' : ';', utf16 ? ';' : '\t'};
    std::size_t counts[3] = {0, 0, 0};
    const auto decide = [&] {
        std::size_t best = 0;
        for (std::size_t k = 1; k < 3; ++k) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        delim_ = candidates[best];
    };
    bool in_quotes = false;
    bool field_start = true;
    std::size_t i = 0;
    for (;;) {
        if (i == end_) {
            if (i >= std::min(detect_limit, opts_.max_record) || !refill()) {
                break;
            }
        }
        const char c = buf_[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 == end_) {
                    refill();
                }
                if (i + 1 < end_ && buf_[i + 1] == '"') {
                    ++i;
                } else {
                    in_quotes = false;
                }
            }
            ++i;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (counts[0] + counts[1] + counts[2] > 0) {
                break;
            }
            field_start = true;
        } else if (c == ',' || c == ';' || c == '\t') {
            ++counts[c == candidates[0] ? 0 : c == candidates[1] ? 1 : 2];
            field_start = true;
        } else {
            in_quotes = c == '"' && field_start;
            field_start = false;
        }
        ++i;
    }
    decide();
}

// Makes more decoded text available after end_, keeping [rec_, end_) (moved to the front of the buffer: all
// positions shift). Returns false when there is no more. Throws for a record over max_record and for decoding
// errors, positioned at the end of the text decoded so far.
bool CsvReader::refill() {
    if (eof_) {
        return false;
    }
    if (in_record_ && end_ - rec_ > opts_.max_record) {
        fail(rec_, tr("record longer than {} bytes", opts_.max_record));
    }
    if (rec_ > 0) {
        std::memmove(buf_.data(), buf_.data() + rec_, end_ - rec_);
        pos_ -= rec_;
        end_ -= rec_;
        rec_ = 0;
    }
    const std::size_t need = std::max<std::size_t>(opts_.block_size / 2, 8);
    if (buf_.size() - end_ < need) {
        buf_.resize(std::max(buf_.size() * 2, end_ + need));
    }
    const std::size_t got = read_decoded(buf_.data() + end_, buf_.size() - end_);
    if (got > 0) {
        end_ += got;
        return true;
    }
    if (!src_error_.empty()) {
        fail(end_, src_error_);
    }
    eof_ = true;
    return false;
}

// Appends up to `cap` (>= 8) bytes of decoded text at `out`; returns how many, 0 only at the end or on a
// decoding error (then src_error_ is set).
std::size_t CsvReader::read_decoded(char* out, std::size_t cap) {
    if (enc_ == Encoding::utf16le || enc_ == Encoding::utf16be) {
        return decode_utf16(out, cap);
    }
    if (src_eof_) {
        return 0;
    }
    in_->read(out, static_cast<std::streamsize>(std::min(cap, opts_.block_size)));
    const auto got = static_cast<std::size_t>(in_->gcount());
    if (in_->bad()) {
        throw Error(tr("{}: read error", name_));
    }
    bytes_read_ += got;
    if (got == 0) {
        src_eof_ = true;
    }
    return got;
}

std::size_t CsvReader::decode_utf16(char* out, std::size_t cap) {
    if (!src_error_.empty()) {
        return 0;
    }
    const bool le = enc_ == Encoding::utf16le;
    const auto unit = [&](std::size_t at) -> unsigned {
        const unsigned b0 = static_cast<unsigned char>(raw_[at]);
        const unsigned b1 = static_cast<unsigned char>(raw_[at + 1]);
        return le ? (b0 | (b1 << 8U)) : ((b0 << 8U) | b1);
    };
    std::size_t n = 0;
    for (;;) {
        while (cap - n >= 4 && raw_end_ - raw_pos_ >= 2) {
            unsigned cp = unit(raw_pos_);
            std::size_t used = 2;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (raw_end_ - raw_pos_ < 4) {
                    if (!src_eof_) {
                        break; // the low surrogate is in the next block
                    }
                    src_error_ = tr("unpaired UTF-16 surrogate {} at the end of the input", hex_unit(cp));
                    return n;
                }
                const unsigned low = unit(raw_pos_ + 2);
                if (low < 0xDC00 || low > 0xDFFF) {
                    src_error_ = tr("unpaired UTF-16 surrogate {}", hex_unit(cp));
                    return n;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10U) + (low - 0xDC00);
                used = 4;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                src_error_ = tr("unpaired UTF-16 surrogate {}", hex_unit(cp));
                return n;
            }
            if (cp < 0x80) {
                out[n++] = static_cast<char>(cp);
            } else if (cp < 0x800) {
                out[n++] = static_cast<char>(0xC0 | (cp >> 6));
                out[n++] = static_cast<char>(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out[n++] = static_cast<char>(0xE0 | (cp >> 12));
                out[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out[n++] = static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                out[n++] = static_cast<char>(0xF0 | (cp >> 18));
                out[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
                out[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out[n++] = static_cast<char>(0x80 | (cp & 0x3F));
            }
            raw_pos_ += used;
        }
        if (n > 0) {
            return n;
        }
        if (src_eof_) {
            if (raw_end_ - raw_pos_ == 1) {
                src_error_ = _("the UTF-16 input ends in the middle of a character (odd number of bytes)");
            }
            return 0;
        }
        // Keep the undecoded tail (at most 3 bytes) and read the next block after it.
        const std::size_t tail = raw_end_ - raw_pos_;
        std::memmove(raw_.data(), raw_.data() + raw_pos_, tail);
        raw_pos_ = 0;
        raw_end_ = tail;
        const std::size_t want = std::min(raw_.size() - tail, opts_.block_size);
        in_->read(raw_.data() + tail, static_cast<std::streamsize>(want));
        const auto got = static_cast<std::size_t>(in_->gcount());
        if (in_->bad()) {
            throw Error(tr("{}: read error", name_));
        }
        bytes_read_ += got;
        raw_end_ += got;
        if (got == 0) {
            src_eof_ = true;
        }
    }
}

void CsvReader::fail(std::size_t at, const std::string& reason) const {
    // Records start at the start of a line, so scanning from rec_ gives both the line and the column.
    std::size_t line = rec_line_;
    std::size_t col = 1;
    for (std::size_t i = rec_; i < at && i < end_; ++i) {
        const char c = buf_[i];
        if (c == '\n') {
            ++line;
            col = 1;
        } else if (c == '\r') {
            if (i + 1 < end_ && buf_[i + 1] == '\n') {
                continue;
            }
            ++line;
            col = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++col;
        }
    }
    throw Error(fmt::format("{}:{}:{}: {}", name_, line, col, reason));
}

// At pos_ is CR or LF: steps over the line end (CRLF, LF or a lone CR).
void CsvReader::consume_line_end() {
    const char c = buf_[pos_++];
    if (c == '\r') {
        if (pos_ == end_) {
            refill();
        }
        if (pos_ < end_ && buf_[pos_] == '\n') {
            ++pos_;
        }
    }
    ++cur_line_;
}

void CsvReader::parse_unquoted() {
    const std::size_t off = pos_ - rec_;
    for (;;) {
        const char* base = buf_.data();
        pos_ = static_cast<std::size_t>(find_special(base + pos_, base + end_, delim_) - base);
        if (pos_ < end_) {
            break;
        }
        if (end_ - (rec_ + off) > opts_.max_field) {
            break;
        }
        if (!refill()) {
            break;
        }
    }
    const std::size_t len = pos_ - (rec_ + off);
    if (len > opts_.max_field) {
        fail(rec_ + off, tr("field longer than {} bytes", opts_.max_field));
    }
    spans_.push_back({off, len, false});
}

void CsvReader::parse_quoted() {
    const std::size_t quote_off = pos_ - rec_;
    const std::size_t open_line = cur_line_;
    ++pos_;
    std::size_t doubled = 0;
    for (;;) {
        const void* q = std::memchr(buf_.data() + pos_, '"', end_ - pos_);
        if (q == nullptr) {
            pos_ = end_;
            if (end_ - (rec_ + quote_off + 1) - doubled > opts_.max_field) {
                fail(rec_ + quote_off, tr("field longer than {} bytes", opts_.max_field));
            }
            if (!refill()) {
                fail(rec_ + quote_off,
                     _("unterminated quoted field: the quote that opens here is never closed"));
            }
            continue;
        }
        pos_ = static_cast<std::size_t>(static_cast<const char*>(q) - buf_.data());
        if (pos_ + 1 == end_) {
            refill();
        }
        if (pos_ + 1 < end_ && buf_[pos_ + 1] == '"') {
            pos_ += 2;
            ++doubled;
            continue;
        }
        break;
    }
    const std::size_t start = rec_ + quote_off + 1;
    const std::size_t stop = pos_;
    ++pos_;

    std::size_t lines = 0;
    for (std::size_t i = start; i < stop; ++i) {
        if (buf_[i] == '\n' || (buf_[i] == '\r' && buf_[i + 1] != '\n')) {
            ++lines;
        }
    }
    cur_line_ = open_line + lines;

    if (doubled == 0) {
        if (stop - start > opts_.max_field) {
            fail(rec_ + quote_off, tr("field longer than {} bytes", opts_.max_field));
        }
        spans_.push_back({start - rec_, stop - start, false});
    } else {
        const std::size_t off = scratch_.size();
        for (std::size_t i = start; i < stop; ++i) {
            scratch_.push_back(buf_[i]);
            if (buf_[i] == '"') {
                ++i; // the second quote of a pair
            }
        }
        const std::size_t len = scratch_.size() - off;
        if (len > opts_.max_field) {
            fail(rec_ + quote_off, tr("field longer than {} bytes", opts_.max_field));
        }
        spans_.push_back({off, len, true});
    }

    if (pos_ == end_) {
        refill();
    }
    if (pos_ < end_) {
        const char c = buf_[pos_];
        if (c != delim_ && c != '\r' && c != '\n') {
            fail(pos_,
                 tr("unexpected text after the closing quote of a field (expected {} or the end of the line)",
                    describe_delimiter(delim_)));
        }
    }
}

// Checks the record's text (UTF-8 validity, NUL bytes, length) once its extent [rec_, rec_ + raw_len_) is
// known.
void CsvReader::finish_record() {
    if (raw_len_ > opts_.max_record) {
        fail(rec_, tr("record longer than {} bytes", opts_.max_record));
    }
    const std::size_t bad = find_bad_utf8(buf_.data() + rec_, raw_len_);
    if (bad != raw_len_) {
        const auto b = static_cast<unsigned char>(buf_[rec_ + bad]);
        if (b == 0) {
            fail(rec_ + bad,
                 _("NUL byte in the input (a binary file, or UTF-16 without a byte-order mark?)"));
        }
        fail(rec_ + bad,
             tr("invalid UTF-8 (byte {}); the file is not UTF-8: save it as UTF-8 (in Excel: \"CSV UTF-8\")",
                hex_byte(b)));
    }
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
    fields.clear();
    spans_.clear();
    scratch_.clear();
    raw_len_ = 0;
    in_record_ = false;

    // Blank lines.
    for (;;) {
        rec_ = pos_;
        rec_line_ = cur_line_;
        if (pos_ == end_ && !refill()) {
            return false;
        }
        const char c = buf_[pos_];
        if (c != '\n' && c != '\r') {
            break;
        }
        consume_line_end();
        if (opts_.keep_blank_lines) {
            line_ = rec_line_;
            return true;
        }
    }

    in_record_ = true;
    for (;;) {
        if (pos_ == end_) {
            refill(); // at the end of the input this is an empty last field
        }
        if (pos_ < end_ && buf_[pos_] == '"') {
            parse_quoted();
        } else {
            parse_unquoted();
        }
        // Now pos_ is at a delimiter, a line end, or the end of the input (only then pos_ == end_).
        if (pos_ < end_ && buf_[pos_] == delim_) {
            ++pos_;
            continue;
        }
        break;
    }
    raw_len_ = pos_ - rec_;
    finish_record();
    in_record_ = false;
    if (pos_ < end_) {
        consume_line_end(); // may move the text, but keeps it from rec_ on
    }
    line_ = rec_line_;
    for (const Span& s : spans_) {
        fields.emplace_back((s.scratch ? scratch_.data() : buf_.data() + rec_) + s.off, s.len);
    }
    return true;
}

std::string csv_escape(std::string_view field, char delimiter) {
    if (!needs_quotes(field, delimiter)) {
        return std::string(field);
    }
    std::string out;
    out.reserve(field.size() + 2 + static_cast<std::size_t>(std::count(field.begin(), field.end(), '"')));
    out += '"';
    for (const char c : field) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    out += '"';
    return out;
}

void write_csv_record(std::ostream& out, const std::vector<std::string_view>& fields, char delimiter) {
    if (fields.size() == 1 && fields[0].empty()) {
        out.write("\"\"\n", 3);
        return;
    }
    bool first = true;
    for (const std::string_view f : fields) {
        if (!first) {
            out.put(delimiter);
        }
        first = false;
        if (!needs_quotes(f, delimiter)) {
            out.write(f.data(), static_cast<std::streamsize>(f.size()));
            continue;
        }
        out.put('"');
        std::size_t from = 0;
        for (std::size_t q = f.find('"'); q != std::string_view::npos; q = f.find('"', q + 1)) {
            // Up to and including the quote, then the quote again.
            out.write(f.data() + from, static_cast<std::streamsize>(q + 1 - from));
            out.put('"');
            from = q + 1;
        }
        out.write(f.data() + from, static_cast<std::streamsize>(f.size() - from));
        out.put('"');
    }
    out.put('\n');
}

} // namespace asnbelajar
