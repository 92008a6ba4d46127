#include "asnbelajar/csv.hpp"
#include "asnbelajar/error.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace asnbelajar;

namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Parsed {
    Rows rows;
    std::vector<std::size_t> lines;
    std::vector<std::string> raws;
    char delimiter = 0;
    Encoding encoding = Encoding::utf8;
};

Parsed parse(const std::string& bytes, CsvOptions opts = {}) {
    std::istringstream in(bytes, std::ios::in | std::ios::binary);
    CsvReader r(in, "t.csv", opts);
    Parsed p;
    p.delimiter = r.delimiter();
    p.encoding = r.encoding();
    std::vector<std::string_view> fields;
    while (r.next(fields)) {
        p.rows.emplace_back(fields.begin(), fields.end());
        p.lines.push_back(r.line());
        p.raws.emplace_back(r.raw());
    }
    CHECK_FALSE(r.next(fields));
    return p;
}

// Parses with the default block size and with tiny ones, checks they agree, and returns the result.
Parsed parse_all_blocks(const std::string& bytes, CsvOptions opts = {}) {
    const Parsed ref = parse(bytes, opts);
    for (const std::size_t block : {1, 2, 3, 5, 8, 13}) {
        CsvOptions o = opts;
        o.block_size = block;
        const Parsed p = parse(bytes, o);
        CHECK(p.rows == ref.rows);
        CHECK(p.lines == ref.lines);
        CHECK(p.raws == ref.raws);
        CHECK(p.delimiter == ref.delimiter);
    }
    return ref;
}

// The message of the Error thrown while reading all of `bytes`, with the default and tiny block sizes (all
// must agree); "" when nothing is thrown.
std::string error_of(const std::string& bytes, CsvOptions opts = {}) {
    std::string first;
    bool have_first = false;
    for (const std::size_t block : {std::size_t{1} << 18, std::size_t{1}, std::size_t{2}, std::size_t{7}}) {
        opts.block_size = block;
        std::string msg;
        try {
            parse(bytes, opts);
        } catch (const Error& e) {
            msg = e.what();
        }
        if (!have_first) {
            first = msg;
            have_first = true;
        } else {
            CHECK(msg == first);
        }
    }
    return first;
}

std::string utf16(const std::u16string& text, bool le) {
    std::string out = le ? "\xFF\xFE" : "\xFE\xFF";
    for (const char16_t u : text) {
        const auto lo = static_cast<char>(u & 0xFF);
        const auto hi = static_cast<char>(u >> 8);
        out += le ? lo : hi;
        out += le ? hi : lo;
    }
    return out;
}

} // namespace

TEST_CASE("csv: plain records, quoted commas, doubled quotes") {
    const Parsed p = parse_all_blocks("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n,,\n");
    CHECK(p.delimiter == ',');
    CHECK(p.encoding == Encoding::utf8);
    REQUIRE(p.rows.size() == 3);
    CHECK(p.rows[0] == std::vector<std::string>{"a", "b", "c"});
    CHECK(p.rows[1] == std::vector<std::string>{"1", "x, y", "say \"hi\""});
    CHECK(p.rows[2] == std::vector<std::string>{"", "", ""});
    CHECK(p.raws[1] == "1,\"x, y\",\"say \"\"hi\"\"\"");
    CHECK(p.lines == std::vector<std::size_t>{1, 2, 3});
}

TEST_CASE("csv: empty quoted fields and quotes only") {
    const Parsed p = parse_all_blocks("\"\",\"\"\"\"\n\"\"\n");
    REQUIRE(p.rows.size() == 2);
    CHECK(p.rows[0] == std::vector<std::string>{"", "\""});
    CHECK(p.rows[1] == std::vector<std::string>{""});
}

TEST_CASE("csv: newlines inside quotes and the lines of later records") {
    const Parsed p = parse_all_blocks("h1,h2\n\"multi\nline\r\nfield\",x\nnext,\"a\rb\"\nlast,y\n");
    REQUIRE(p.rows.size() == 4);
    CHECK(p.rows[1] == std::vector<std::string>{"multi\nline\r\nfield", "x"});
    CHECK(p.rows[2] == std::vector<std::string>{"next", "a\rb"});
    CHECK(p.rows[3] == std::vector<std::string>{"last", "y"});
    CHECK(p.lines == std::vector<std::size_t>{1, 2, 5, 7});
    CHECK(p.raws[1] == "\"multi\nline\r\nfield\",x");
}

TEST_CASE("csv: UTF-8 BOM is stripped") {
    const Parsed p = parse_all_blocks("\xEF\xBB\xBFNIP;Nama\r\n1;Budi\r\n");
    CHECK(p.encoding == Encoding::utf8_bom);
    CHECK(p.delimiter == ';');
    REQUIRE(p.rows.size() == 2);
    CHECK(p.rows[0] == std::vector<std::string>{"NIP", "Nama"});
    CHECK(p.lines == std::vector<std::size_t>{1, 2});
}

TEST_CASE("csv: CRLF, LF and lone CR line ends") {
    const Parsed crlf = parse_all_blocks("a,b\r\nc,d\r\n");
    CHECK(crlf.rows == Rows{{"a", "b"}, {"c", "d"}});
    CHECK(crlf.lines == std::vector<std::size_t>{1, 2});
    const Parsed cr = parse_all_blocks("a,b\rc,d\re,f");
    CHECK(cr.rows == Rows{{"a", "b"}, {"c", "d"}, {"e", "f"}});
    CHECK(cr.lines == std::vector<std::size_t>{1, 2, 3});
    const Parsed mixed = parse_all_blocks("a\r\nb\nc\rd\r\n");
    CHECK(mixed.rows == Rows{{"a"}, {"b"}, {"c"}, {"d"}});
    CHECK(mixed.lines == std::vector<std::size_t>{1, 2, 3, 4});
}

TEST_CASE("csv: no trailing newline, trailing delimiter, empty input") {
    CHECK(parse_all_blocks("a,b\nc,d").rows == Rows{{"a", "b"}, {"c", "d"}});
    CHECK(parse_all_blocks("a,b\n\"c\",\"d\"").rows == Rows{{"a", "b"}, {"c", "d"}});
    CHECK(parse_all_blocks("a,b,\n").rows == Rows{{"a", "b", ""}});
    CHECK(parse_all_blocks("a,b,").rows == Rows{{"a", "b", ""}});
    CHECK(parse_all_blocks("").rows.empty());
    CHECK(parse_all_blocks("\xEF\xBB\xBF").rows.empty());
    CHECK(parse_all_blocks("\n\r\n\r").rows.empty());
    CHECK(parse_all_blocks("x").rows == Rows{{"x"}});
}

TEST_CASE("csv: blank lines are skipped, or kept as records with zero fields") {
    const std::string text = "Host\n\r\na,b\n\n\nc,d\n\n";
    const Parsed skipped = parse_all_blocks(text);
    CHECK(skipped.rows == Rows{{"Host"}, {"a", "b"}, {"c", "d"}});
    CHECK(skipped.lines == std::vector<std::size_t>{1, 3, 6});

    CsvOptions keep;
    keep.keep_blank_lines = true;
    const Parsed kept = parse_all_blocks(text, keep);
    CHECK(kept.rows == Rows{{"Host"}, {}, {"a", "b"}, {}, {}, {"c", "d"}, {}});
    CHECK(kept.lines == std::vector<std::size_t>{1, 2, 3, 4, 5, 6, 7});
    CHECK(kept.raws[1].empty());
    // A line of blanks or delimiters is not blank.
    CHECK(parse_all_blocks(" \n,\n").rows == Rows{{" "}, {"", ""}});
}

TEST_CASE("csv: delimiter detection") {
    CHECK(parse_all_blocks("a;b;c\n1;2,5;3\n").delimiter == ';');
    CHECK(parse_all_blocks("a;b;c\n1;2,5;3\n").rows[1] == std::vector<std::string>{"1", "2,5", "3"});
    CHECK(parse_all_blocks("a\tb\tc\n").delimiter == '\t');
    CHECK(parse_all_blocks("a,b\tc\n").delimiter == ',');        // tie: ',' first
    CHECK(parse_all_blocks("a;b\tc\n").delimiter == ';');        // tie: ';' before tab
    CHECK(parse_all_blocks("\"x,y,z\";b;c\n").delimiter == ';'); // commas inside quotes do not count
    CHECK(parse_all_blocks("\"multi\nline,,,\";b\n1;2\n").delimiter == ';');
    CHECK(parse_all_blocks("single\nrecord\n").delimiter == ','); // nothing to go by
    // Only the first record with any candidate decides.
    CHECK(parse_all_blocks("a,b\nc;d;e;f\n").delimiter == ',');
    // A title line without candidates is looked past (Teams "1. Summary").
    const std::u16string teams_text = u"1. Summary\r\nMeeting title\tWebinar ASN Belajar Seri 9\r\n\r\n"
                                      u"2. Participants\r\nName\tFirst Join\r\n"
                                      u"Budi, S.Pd.\t3/3/22, 9:06:00 AM\r\n";
    const Parsed teams = parse_all_blocks(utf16(teams_text, true));
    CHECK(teams.delimiter == '\t');
    CHECK(teams.rows.back() == std::vector<std::string>{"Budi, S.Pd.", "3/3/22, 9:06:00 AM"});
    CHECK(teams.lines.back() == 6);
    // In UTF-16 input (Teams, Excel "Unicode Text") a tie goes to the tab.
    CHECK(parse_all_blocks(utf16(u"Meeting title\tWebinar, Seri 9\r\n", true)).delimiter == '\t');
    CHECK(parse_all_blocks(utf16(u"a;b\tc\r\n", false)).delimiter == '\t');
    CHECK(parse_all_blocks(utf16(u"a,b,c\tc\r\n", false)).delimiter == ',');
    // Explicit delimiter.
    CsvOptions semi;
    semi.delimiter = ';';
    CHECK(parse_all_blocks("a,b;c\n", semi).rows == Rows{{"a,b", "c"}});
    CsvOptions bad;
    bad.delimiter = '"';
    CHECK(error_of("a\n", bad).find("invalid CSV delimiter") != std::string::npos);
}

TEST_CASE("csv: UTF-16LE and UTF-16BE with BOM, surrogate pairs") {
    // "Nama\tKota\r\nBudi Śantoso\t😀 Malang\r\n" with a non-BMP character (U+1F600).
    const std::u16string text = u"Nama\tKota\r\nBudi \u015Aantoso\t\U0001F600 Malang\r\n\"a\"\"b\"\tc";
    for (const bool le : {true, false}) {
        CAPTURE(le);
        const Parsed p = parse_all_blocks(utf16(text, le));
        CHECK(p.encoding == (le ? Encoding::utf16le : Encoding::utf16be));
        CHECK(p.delimiter == '\t');
        REQUIRE(p.rows.size() == 3);
        CHECK(p.rows[0] == std::vector<std::string>{"Nama", "Kota"});
        CHECK(p.rows[1] == std::vector<std::string>{"Budi \xC5\x9A"
                                                    "antoso",
                                                    "\xF0\x9F\x98\x80 Malang"});
        CHECK(p.rows[2] == std::vector<std::string>{"a\"b", "c"});
        CHECK(p.lines == std::vector<std::size_t>{1, 2, 3});
        CHECK(p.raws[1] == "Budi \xC5\x9A"
                           "antoso\t\xF0\x9F\x98\x80 Malang");
    }
}

TEST_CASE("csv: UTF-16 errors are positioned") {
    std::u16string lone_high = u"a\tb\r\nc\td";
    lone_high += static_cast<char16_t>(0xD83D);
    lone_high += u"x\r\n";
    CHECK(error_of(utf16(lone_high, true)) == "t.csv:2:4: unpaired UTF-16 surrogate 0xD83D");
    CHECK(error_of(utf16(lone_high, false)) == "t.csv:2:4: unpaired UTF-16 surrogate 0xD83D");

    std::u16string lone_low = u"ab";
    lone_low += static_cast<char16_t>(0xDE00);
    CHECK(error_of(utf16(lone_low, true)) == "t.csv:1:3: unpaired UTF-16 surrogate 0xDE00");

    std::u16string high_at_end = u"ab\n";
    high_at_end += static_cast<char16_t>(0xD800);
    CHECK(error_of(utf16(high_at_end, true)) ==
          "t.csv:2:1: unpaired UTF-16 surrogate 0xD800 at the end of the input");

    CHECK(error_of(utf16(u"ab", true) + "c") ==
          "t.csv:1:3: the UTF-16 input ends in the middle of a character (odd number of bytes)");
    std::u16string with_nul = u"a";
    with_nul += char16_t{0};
    with_nul += u"b";
    CHECK(error_of(utf16(with_nul, true)).find("t.csv:1:2: NUL byte") == 0);
}

TEST_CASE("csv: invalid UTF-8 names line, column in characters and the byte") {
    // Line 2: "Śaf,caf" then Latin-1 é (0xE9): column 8 counted in characters (9 in bytes).
    CHECK(error_of("a,b\n\xC5\x9A"
                   "af,caf\xE9\n") ==
          "t.csv:2:8: invalid UTF-8 (byte 0xE9); the file is not UTF-8: save it as UTF-8 "
          "(in Excel: \"CSV UTF-8\")");
    CHECK(error_of("x\n\"q\nr\x80\"\n").find("t.csv:3:2: invalid UTF-8 (byte 0x80)") == 0);
    CHECK(error_of("\xC0\xAF").find("t.csv:1:1: invalid UTF-8 (byte 0xC0)") == 0);         // overlong
    CHECK(error_of("ab\xED\xA0\x80").find("t.csv:1:3: invalid UTF-8 (byte 0xED)") == 0);   // surrogate
    CHECK(error_of("\xF4\x90\x80\x80").find("t.csv:1:1: invalid UTF-8 (byte 0xF4)") == 0); // > U+10FFFF
    CHECK(error_of("abc\xE2\x82").find("t.csv:1:4: invalid UTF-8 (byte 0xE2)") == 0);      // truncated
    CHECK(error_of("12345678\xFF").find("t.csv:1:9: invalid UTF-8 (byte 0xFF)") == 0);
    // Valid multi-byte text of every length passes.
    CHECK(error_of("\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x98\x80,\xEF\xBF\xBF\n").empty());
}

TEST_CASE("csv: NUL byte") {
    using namespace std::string_literals;
    CHECK(error_of("ab,c\nd,e\0f\n"s) ==
          "t.csv:2:4: NUL byte in the input (a binary file, or UTF-16 without a byte-order mark?)");
    CHECK(error_of("\"a\0\"\n"s).find("t.csv:1:3: NUL byte") == 0);
}

TEST_CASE("csv: unterminated quote names the line where it opened") {
    CHECK(error_of("a,b\nc,\"open\nmore\nlines,here\n") ==
          "t.csv:2:3: unterminated quoted field: the quote that opens here is never closed");
    CHECK(error_of("\"").find("t.csv:1:1: unterminated quoted field") == 0);
    CHECK(error_of("x\n\"a\"\"").find("t.csv:2:1: unterminated quoted field") == 0);
}

TEST_CASE("csv: text after a closing quote is an error, a stray quote in an unquoted field is literal") {
    CHECK(error_of("a,b\n\"ab\"c,d\n") == "t.csv:2:5: unexpected text after the closing quote of a field "
                                          "(expected ',' or the end of the line)");
    CHECK(error_of("a\tb\n\"x\" \ty\n")
              .find("t.csv:2:4: unexpected text after the closing quote of a field "
                    "(expected a tab or") == 0);
    CHECK(parse_all_blocks("a,b\"c,d\"\n5'11\",x\n").rows == Rows{{"a", "b\"c", "d\""}, {"5'11\"", "x"}});
    CHECK(parse_all_blocks(" \"a\",b\n").rows == Rows{{" \"a\"", "b"}});
}

TEST_CASE("csv: max_field and max_record") {
    CsvOptions o;
    o.max_field = 5;
    CHECK(parse_all_blocks("12345,\"1\"\"345\"\n", o).rows == Rows{{"12345", "1\"345"}});
    CHECK(error_of("a\nok,123456\n", o) == "t.csv:2:4: field longer than 5 bytes");
    CHECK(error_of("\"12\n3456\"\n", o) == "t.csv:1:1: field longer than 5 bytes");
    // Hostile input: a field far larger than the buffer is stopped without reading it all.
    const std::string huge(3'000'000, 'x');
    CHECK(error_of("a,b\n" + huge + "\n") == "t.csv:2:1: field longer than 1048576 bytes");
    CHECK(error_of("a,b\n\"" + huge + "\n") == "t.csv:2:1: field longer than 1048576 bytes");

    CsvOptions r;
    r.max_record = 10;
    CHECK(parse_all_blocks("1234,12345\n", r).rows == Rows{{"1234", "12345"}});
    CHECK(error_of("ok\n1234,123456\n", r) == "t.csv:2:1: record longer than 10 bytes");
}

TEST_CASE("csv: fields straddling the internal buffer boundary") {
    // A big input with the default block size: quoted fields with doubled quotes and newlines, and long
    // fields, at every offset relative to the 256 KiB block boundary.
    std::string text;
    Rows expected;
    for (int i = 0; text.size() < 3 * (std::size_t{1} << 18); ++i) {
        const std::string plain(static_cast<std::size_t>(i % 97), 'p');
        const std::string quoted = "q\"" + std::to_string(i) + "\r\n,";
        text += plain + ",\"q\"\"" + std::to_string(i) + "\r\n,\"," + std::to_string(i);
        text += i % 3 ? "\r\n" : "\n";
        expected.push_back({plain, quoted, std::to_string(i)});
    }
    const Parsed p = parse(text);
    CHECK(p.rows == expected);
    CHECK(p.lines.back() == 1 + 2 * (expected.size() - 1));

    // A field much longer than the block (the buffer grows).
    CsvOptions small;
    small.block_size = 64;
    const std::string longf(10'000, 'L');
    const Parsed q = parse("a," + longf + "\n\"" + longf + "\",b\n", small);
    CHECK(q.rows == Rows{{"a", longf}, {longf, "b"}});
}

TEST_CASE("csv: raw text, line numbers, bytes_read") {
    std::istringstream in("\xEF\xBB\xBFh\n\n\"a\nb\",c\r\n", std::ios::in | std::ios::binary);
    CsvReader r(in, "x.csv");
    CHECK(r.name() == "x.csv");
    CHECK(r.line() == 0);
    std::vector<std::string_view> f;
    REQUIRE(r.next(f));
    CHECK(r.raw() == "h");
    CHECK(r.line() == 1);
    REQUIRE(r.next(f));
    CHECK(r.raw() == "\"a\nb\",c");
    CHECK(r.line() == 3);
    CHECK(f.size() == 2);
    CHECK_FALSE(r.next(f));
    CHECK_FALSE(r.next(f));
    CHECK(r.bytes_read() == 15);
}

TEST_CASE("csv: opening a path") {
    CHECK_THROWS_WITH_AS(CsvReader("/nonexistent/dir/roster.csv"),
                         "cannot open /nonexistent/dir/roster.csv: No such file or directory", Error);
    const std::filesystem::path dir = std::filesystem::temp_directory_path();
    const std::string dir_msg = "cannot open " + dir.string() + ": is a directory";
    CHECK_THROWS_WITH_AS(CsvReader(dir.string()), dir_msg.c_str(), Error);

    const std::filesystem::path file = dir / "asnbelajar_test_csv_open.csv";
    {
        std::ofstream out(file, std::ios::binary);
        out << "\xEF\xBB\xBFNIP;Nama\r\n198001012005011001;\"Budi; S.Pd.\"\r\n";
    }
    {
        CsvReader r(file.string());
        CHECK(r.name() == file.string());
        CHECK(r.delimiter() == ';');
        std::vector<std::string_view> f;
        REQUIRE(r.next(f));
        REQUIRE(r.next(f));
        CHECK(f == std::vector<std::string_view>{"198001012005011001", "Budi; S.Pd."});
        CHECK(r.line() == 2);
        CsvReader moved(std::move(r));
        CHECK_FALSE(moved.next(f));
    }
    std::filesystem::remove(file);
}

TEST_CASE("csv: csv_escape and write_csv_record round trip") {
    CHECK(csv_escape("plain") == "plain");
    CHECK(csv_escape("a,b") == "\"a,b\"");
    CHECK(csv_escape("a;b") == "a;b");
    CHECK(csv_escape("a;b", ';') == "\"a;b\"");
    CHECK(csv_escape("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_escape("two\nlines") == "\"two\nlines\"");
    CHECK(csv_escape("cr\r") == "\"cr\r\"");
    CHECK(csv_escape("") == "");

    const std::vector<std::vector<std::string_view>> records = {
        {"NIP", "Nama", "error"},
        {"198001012005011001", "Rudi Hakim, S.Kom.", "e-mail \"x@\" is not valid"},
        {"", "multi\nline\r\nfield", "\"", ""},
        {""},
        {"tab\there", "semi;colon", "Śaf 😀"},
    };
    for (const char d : {',', ';', '\t'}) {
        CAPTURE(d);
        std::ostringstream out;
        for (const auto& rec : records) {
            write_csv_record(out, rec, d);
        }
        CsvOptions o;
        o.delimiter = d;
        const Parsed p = parse_all_blocks(out.str(), o);
        REQUIRE(p.rows.size() == records.size());
        for (std::size_t i = 0; i < records.size(); ++i) {
            CHECK(p.rows[i] == std::vector<std::string>(records[i].begin(), records[i].end()));
        }
    }
    std::ostringstream out;
    write_csv_record(out, {"a", "b,c", "d\"e"});
    CHECK(out.str() == "a,\"b,c\",\"d\"\"e\"\n");
}
