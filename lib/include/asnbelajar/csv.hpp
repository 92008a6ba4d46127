// A streaming CSV reader (RFC 4180 plus the variants that spreadsheets and meeting platforms produce) and
// a writer.
//
// The reader works in constant memory: it reads the input in blocks, converts UTF-16 to UTF-8 on the fly and
// hands out fields as string_views into its own buffers. Positions in error messages are "NAME:LINE:COL",
// where LINE is the 1-based physical line and COL the 1-based column counted in characters (UTF-8 code
// points), not bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace asnbelajar {

enum class Encoding { utf8, utf8_bom, utf16le, utf16be };

struct CsvOptions {
    // 0 = detect: the first non-blank record containing any of ',', ';', '\t' outside quotes decides: the one
    // occurring most in it. Ties: ',' > ';' > '\t', but '\t' > ',' > ';' in UTF-16 input (Teams, Excel
    // "Unicode Text"). Usually that is the first record; a title line without any of them
    // (Teams "1. Summary", Zoom "Attendee Report") is looked past, up to the first 64 KiB. None found: the
    // first in tie order. An explicit delimiter must be a single ASCII character other than '"', CR and LF.
    char delimiter = 0;
    // A field longer than this (in bytes, after unescaping) is an error: protection against hostile input.
    std::size_t max_field = std::size_t{1} << 20;
    // A record longer than this (in bytes, as in the input) is an error; it also bounds the reader's memory.
    std::size_t max_record = std::size_t{1} << 24;
    // false: completely blank lines (nothing between two line ends) are skipped.
    // true: each blank line is returned as a record with zero fields (for readers that need section breaks).
    bool keep_blank_lines = false;
    // Bytes requested from the stream per read. A tuning knob; tests use tiny values to exercise block
    // boundaries. Values below 1 are treated as 1.
    std::size_t block_size = std::size_t{1} << 18;
};

// Reads CSV records one at a time.
//
// Input: UTF-8 with or without BOM (the BOM is stripped), or UTF-16LE/BE with BOM (converted to UTF-8). Line
// ends: CRLF, LF or a lone CR, mixed freely; a final record needs no line end. Quoted fields may contain the
// delimiter, doubled quotes and line ends. A quote inside an unquoted field is literal text (a"b -> a"b), as
// Excel and Python read it.
//
// Every failure throws Error with a message "NAME:LINE:COL: reason", for:
//   - an unterminated quoted field (the position is that of the opening quote);
//   - text between a closing quote and the next delimiter or line end ("ab"c);
//   - invalid UTF-8 (the position and hex value of the first byte of the bad sequence), a NUL byte;
//   - an unpaired UTF-16 surrogate or a UTF-16 input with an odd number of bytes;
//   - a field longer than max_field or a record longer than max_record;
//   - a read error of the stream ("NAME: read error").
// After an Error the reader must not be used again (except to be destroyed).
class CsvReader {
  public:
    // Reads from an already-open stream (a file opened in binary mode, or std::cin). `name` is used in
    // messages. The stream must outlive the reader. The constructor reads the start of the input to detect
    // the encoding and the delimiter, so it may throw Error (as next() does), and also for an invalid
    // explicit delimiter.
    CsvReader(std::istream& in, std::string name, CsvOptions opts = {});
    // Opens `path` ("-" = standard input, named "<stdin>" in messages); otherwise as above.
    // Throws Error "cannot open PATH: reason" when the file cannot be opened or is a directory.
    explicit CsvReader(const std::string& path, CsvOptions opts = {});
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;
    CsvReader(CsvReader&&) noexcept;
    CsvReader& operator=(CsvReader&&) noexcept;

    // Reads the next record into `fields` (cleared first; its capacity is reused, and in the steady state no
    // heap allocation happens). Returns false at the end of the input (and on every later call). The views
    // are valid until the next call to next() or the reader's destruction. A record has at least one field,
    // except a blank line returned under keep_blank_lines, which has none. Throws Error as described above.
    bool next(std::vector<std::string_view>& fields);

    // The 1-based physical line on which the last returned record starts (for a record with a multi-line
    // quoted field: the line of its first character). 0 before the first record.
    std::size_t line() const { return line_; }
    // The delimiter in use (detected or given). Valid right after construction.
    char delimiter() const { return delim_; }
    // The encoding found from the byte-order mark. Valid right after construction.
    Encoding encoding() const { return enc_; }
    const std::string& name() const { return name_; }
    // Bytes consumed from the stream so far (including any BOM), for progress bars; it runs ahead of the
    // records returned by up to one block.
    std::uint64_t bytes_read() const { return bytes_read_; }
    // The text of the last returned record as it was in the input (quotes and inner line ends included, the
    // line end that terminates it excluded; UTF-16 input is given converted to UTF-8). Empty for a blank
    // line. Valid until the next call to next().
    std::string_view raw() const;

  private:
    struct Span {
        std::size_t off; // into buf_ (relative to the record start) or scratch_
        std::size_t len;
        bool scratch;
    };

    void init();
    void probe_encoding();
    void detect_delimiter();
    bool refill();
    std::size_t read_decoded(char* out, std::size_t cap);
    std::size_t decode_utf16(char* out, std::size_t cap);
    void consume_line_end();
    void parse_unquoted();
    void parse_quoted();
    void finish_record();
    [[noreturn]] void fail(std::size_t at, const std::string& reason) const;

    std::unique_ptr<std::istream> owned_;
    std::istream* in_ = nullptr;
    std::string name_;
    CsvOptions opts_;
    Encoding enc_ = Encoding::utf8;
    char delim_ = ',';

    // Decoded (UTF-8) text: [rec_, end_) is kept across refills; pos_ is the scan position.
    std::vector<char> buf_;
    std::size_t rec_ = 0;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
    bool eof_ = false; // no more decoded text will come
    bool in_record_ = false;
    std::size_t raw_len_ = 0;  // length of the last record's raw text, starting at rec_
    std::size_t line_ = 0;     // start line of the last returned record
    std::size_t rec_line_ = 1; // start line of the record being read
    std::size_t cur_line_ = 1; // line of pos_
    std::uint64_t bytes_read_ = 0;

    // Raw input staging for UTF-16.
    std::vector<char> raw_;
    std::size_t raw_pos_ = 0;
    std::size_t raw_end_ = 0;
    bool src_eof_ = false;
    std::string src_error_; // a decoding error found at the end of the decoded text

    std::vector<Span> spans_;
    std::string scratch_; // unescaped quoted fields of the current record
};

// Returns `field` as a CSV field: unchanged, or quoted (inner quotes doubled) when it contains the delimiter,
// a quote, CR or LF. Never throws except std::bad_alloc.
std::string csv_escape(std::string_view field, char delimiter = ',');

// Writes one record: the fields escaped as by csv_escape, separated by `delimiter`, followed by "\n". A
// record of one empty field is written as "" so that it does not read back as a blank line. Does not check
// the stream's state: the caller checks `out` after writing.
void write_csv_record(std::ostream& out, const std::vector<std::string_view>& fields, char delimiter = ',');

} // namespace asnbelajar
