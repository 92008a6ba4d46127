#include "asnbelajar/normalize.hpp"
#include "asnbelajar/text.hpp"

#include <doctest/doctest.h>

#include <string>

using asnbelajar::clean_text;
using asnbelajar::is_scientific_notation;
using asnbelajar::normalize_email;
using asnbelajar::normalize_grade;
using asnbelajar::normalize_phone;
using asnbelajar::Normalized;
using asnbelajar::text::trim_blanks;

namespace {

bool fails_with(const Normalized& r, const std::string& part) {
    return !r.ok && r.value.empty() && r.error.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("golongan: PNS codes in any spelling") {
    struct Case {
        const char* in;
        const char* out;
    };
    for (const Case c : {Case{"III/a", "III/a"},
                         Case{"III/A", "III/a"},
                         Case{"IIIa", "III/a"},
                         Case{"IIIA", "III/a"},
                         Case{"III a", "III/a"},
                         Case{"III-a", "III/a"},
                         Case{"iii / a", "III/a"},
                         Case{"III/B", "III/b"},
                         Case{"III/C", "III/c"},
                         Case{"IVb", "IV/b"},
                         Case{"IV/A", "IV/a"},
                         Case{"IV/C", "IV/c"},
                         Case{"IV/e", "IV/e"},
                         Case{"IIc", "II/c"},
                         Case{"II/b", "II/b"},
                         Case{"I/a", "I/a"},
                         Case{"Ia", "I/a"}, // the shortest code written together: two letters
                         Case{"Ib", "I/b"},
                         Case{"I/d", "I/d"},
                         Case{" III/a. ", "III/a"},
                         Case{"Gol. III/a", "III/a"},
                         Case{"Golongan Ruang IV/a", "IV/a"},
                         Case{"\xC2\xA0III/b", "III/b"},
                         Case{"Gol.\xC2\xA0III/a", "III/a"}}) { // a no-break space inside
        const std::string input = c.in;
        CAPTURE(input);
        const Normalized r = normalize_grade(c.in);
        CHECK(r.ok);
        CHECK(r.value == c.out);
        CHECK(r.error.empty());
    }
}

TEST_CASE("golongan: pangkat names with and without code") {
    struct Case {
        const char* in;
        const char* out;
    };
    for (const Case c : {Case{"Penata Muda (III/a)", "III/a"},
                         Case{"Penata Muda Tk. I, III/b", "III/b"},
                         Case{"Pengatur Tingkat I (II/d)", "II/d"},
                         Case{"Pembina Utama Muda (IV/c)", "IV/c"},
                         Case{"Penata Muda Tingkat I (III/b)", "III/b"},
                         Case{"Penata Tingkat I (III/d)", "III/d"},
                         Case{"Pembina (IV/a)", "IV/a"},
                         Case{"Pengatur Muda Tingkat I (II/b)", "II/b"},
                         Case{"Penata (III/c)", "III/c"},
                         Case{"PENATA MUDA (III/A)", "III/a"},
                         Case{"III/b - Penata Muda Tk I", "III/b"},
                         Case{"Penata Muda", "III/a"},
                         Case{"Penata Muda Tk I", "III/b"},
                         Case{"Penata Muda Tk.I", "III/b"},
                         Case{"Penata Muda TkI", "III/b"}, // Tingkat I written together
                         Case{"Penata Muda TkI (III/b)", "III/b"},
                         Case{"Pengatur Tk1", "II/d"},
                         Case{"Penata Tkt1", "III/d"},
                         Case{"Pembina TktI", "IV/b"},
                         Case{"Penata Muda TK.1", "III/b"},
                         Case{"Penata Muda Tkt. I", "III/b"},
                         Case{"Penata", "III/c"},
                         Case{"Juru Muda", "I/a"},
                         Case{"Juru Muda Tingkat I", "I/b"},
                         Case{"Juru", "I/c"},
                         Case{"Juru Tingkat I", "I/d"},
                         Case{"Pengatur Muda", "II/a"},
                         Case{"Pengatur", "II/c"},
                         Case{"Pembina", "IV/a"},
                         Case{"Pembina Tingkat I", "IV/b"},
                         Case{"Pembina Utama Madya", "IV/d"},
                         Case{"Pembina Utama", "IV/e"},
                         Case{"Pembina Utama (IV/e)", "IV/e"},
                         Case{"Juru Muda (I/a)", "I/a"},
                         Case{"Juru Muda Tingkat I (I/b)", "I/b"}}) {
        const std::string input = c.in;
        CAPTURE(input);
        const Normalized r = normalize_grade(c.in);
        CHECK(r.ok);
        CHECK(r.value == c.out);
    }
}

TEST_CASE("golongan: PPPK") {
    struct Case {
        const char* in;
        const char* out;
    };
    for (const Case c :
         {Case{"IX", "IX"}, Case{"ix", "IX"}, Case{"Golongan IX", "IX"}, Case{"Gol. XVII", "XVII"},
          Case{"I", "I"}, Case{"V", "V"}, Case{"VII", "VII"}, Case{"XIV", "XIV"}}) {
        const std::string input = c.in;
        CAPTURE(input);
        const Normalized r = normalize_grade(c.in);
        CHECK(r.ok);
        CHECK(r.value == c.out);
    }
}

TEST_CASE("golongan: blank") {
    for (const char* in : {"", "   ", "-", " - "}) {
        const std::string input = in;
        CAPTURE(input);
        const Normalized r = normalize_grade(in);
        CHECK(r.ok);
        CHECK(r.value.empty());
    }
}

TEST_CASE("golongan: invalid") {
    CHECK(fails_with(normalize_grade("V/a"), "'V/a' is not a golongan: PNS golongan run from I/a to IV/e"));
    // A numeral and its letter written together: every character before the letter must be a numeral.
    CHECK(fails_with(normalize_grade("IIZa"), "'IIZa' is not a golongan or pangkat"));
    CHECK(fails_with(normalize_grade("ZIIa"), "'ZIIa' is not a golongan or pangkat"));
    CHECK(fails_with(normalize_grade("Va"), "is not a golongan"));
    CHECK(
        fails_with(normalize_grade("III/e"), "golongan III/e does not exist: III runs from III/a to III/d"));
    CHECK(fails_with(normalize_grade("IV/f"), "golongan IV/f does not exist"));
    CHECK(fails_with(normalize_grade("XVIII"), "PPPK golongan run from I to XVII"));
    CHECK(fails_with(normalize_grade("IIII"), "is not a golongan"));
    CHECK(fails_with(normalize_grade("IIII/a"),
                     "'IIII/a' is not a golongan: PNS golongan run from I/a to IV/e"));
    // A digit after a numeral is no golongan letter: the digit is what is wrong.
    CHECK(fails_with(normalize_grade("III/5"),
                     "must be written in Roman numerals (e.g. III/a or IX), not '5'"));
    CHECK(fails_with(normalize_grade("3a"), "Roman numerals"));
    CHECK(fails_with(normalize_grade("3/a"), "Roman numerals"));
    CHECK(fails_with(normalize_grade("Penata (III/a)"),
                     "pangkat Penata is III/c, but the golongan given is III/a"));
    CHECK(fails_with(normalize_grade("Penata Muda Tk. I (III/a)"),
                     "is III/b, but the golongan given is III/a"));
    CHECK(fails_with(normalize_grade("III/a, III/b"), "two different golongan given (III/a and III/b)"));
    CHECK(fails_with(normalize_grade("Penata, Pembina"), "two different pangkat given (Penata and Pembina)"));
    // Each pangkat quoted as written, its own words only (with its "Tingkat I"), not what follows it.
    CHECK(fails_with(normalize_grade("Penata, Pembina IV/a"),
                     "two different pangkat given (Penata and Pembina)"));
    CHECK(fails_with(normalize_grade("Penata Tingkat I, Penata Muda III/a"),
                     "two different pangkat given (Penata Tingkat I and Penata Muda)"));
    CHECK(fails_with(normalize_grade("Ahli Pertama"), "'Ahli' is not a golongan or pangkat"));
    CHECK(fails_with(normalize_grade("Pembina Utama Tingkat I"),
                     "there is no pangkat Pembina Utama Tingkat I"));
    // None of the three Pembina Utama ranks has a Tingkat I.
    CHECK(fails_with(normalize_grade("Pembina Utama Muda Tingkat I"),
                     "there is no pangkat Pembina Utama Muda Tingkat I"));
    CHECK(fails_with(normalize_grade("Pembina Utama Madya Tingkat I"),
                     "there is no pangkat Pembina Utama Madya Tingkat I"));
    // A code of one word (the letter joined, or PPPK) is one word: what follows it is read too.
    CHECK(fails_with(normalize_grade("IIIa, IIIb"), "two different golongan given (III/a and III/b)"));
    CHECK(fails_with(normalize_grade("IX, X"), "two different golongan given (IX and X)"));
    CHECK(fails_with(normalize_grade("IIIa Penata"),
                     "pangkat Penata is III/c, but the golongan given is III/a"));
    CHECK(fails_with(normalize_grade("Penata Muda Tingkat"), "must be followed by I"));
    // The same as the last of the most words a golongan may have (24).
    std::string words;
    for (int k = 0; k < 22; ++k)
        words += "Gol ";
    CHECK(fails_with(normalize_grade(words + "Penata Tingkat"), "'Penata Tingkat' must be followed by I"));
    CHECK(normalize_grade(words + "Gol Penata").value == "III/c"); // a pangkat as the 24th word
    CHECK(fails_with(normalize_grade(words + "Gol Penata Tingkat"), "too many words"));
    CHECK(fails_with(normalize_grade("Golongan"), "does not say which golongan"));
    CHECK(fails_with(normalize_grade(std::string(200, 'I')), "too long"));
    // At most 128 characters, however they are spaced.
    CHECK(normalize_grade("Golongan" + std::string(115, ' ') + "III/a").value == "III/a");
    CHECK(fails_with(normalize_grade("Golongan" + std::string(116, ' ') + "III/a"),
                     "too long to be a golongan"));
}

TEST_CASE("phone numbers to +62") {
    struct Case {
        const char* in;
        const char* out;
    };
    for (const Case c :
         {Case{"0812-3456-7890", "+6281234567890"}, Case{"081234567890", "+6281234567890"},
          Case{"6281234567890", "+6281234567890"}, Case{"+62 812 3456 7890", "+6281234567890"},
          Case{"+62-812-3456-7890", "+6281234567890"}, Case{"(0812) 3456 7890", "+6281234567890"},
          Case{"81234567890", "+6281234567890"}, Case{"'081234567890", "+6281234567890"},
          Case{"+62 (0) 812 3456 7890", "+6281234567890"}, Case{"0062 812 3456 7890", "+6281234567890"},
          Case{"0812.3456.7890", "+6281234567890"}, Case{" 082697822448 ", "+6282697822448"},
          Case{"(031) 8290000", "+62318290000"}, Case{"021-5551234", "+62215551234"},
          Case{"081234567", "+6281234567"}, Case{"08123456789012", "+628123456789012"}, // 8 and 13 digits
          Case{"9675551234", "+629675551234"}, Case{"215551234", "+62215551234"}, // 0 lost: area codes 2..9
          Case{"0812\xC2\xA0"
               "3456\xC2\xA0"
               "7890",
               "+6281234567890"}}) { // no-break spaces between the groups
        const std::string input = c.in;
        CAPTURE(input);
        const Normalized r = normalize_phone(c.in);
        CHECK(r.ok);
        CHECK(r.value == c.out);
    }
}

TEST_CASE("phone: blank and invalid") {
    const Normalized blank = normalize_phone("  ");
    CHECK(blank.ok);
    CHECK(blank.value.empty());

    CHECK(fails_with(normalize_phone("8.12346E+11"),
                     "mangled by a spreadsheet (scientific notation 8.12346E+11)"));
    CHECK(fails_with(normalize_phone("8,12346E+11"), "scientific notation"));
    CHECK(fails_with(normalize_phone("+1 202 555 0100"), "must start with +62"));
    CHECK(fails_with(normalize_phone("0812 3456 7890 / 0813 1111 2222"), "contains '/'"));
    CHECK(fails_with(normalize_phone("0812abc"), "contains 'a'"));
    CHECK(
        fails_with(normalize_phone("0812345"), "has 6 digits after the country code +62; expected 8 to 13"));
    CHECK(fails_with(normalize_phone("021 12345"), "has 7 digits after the country code +62"));
    // Two zeros begin a call abroad: 0081 is Japan, not a mistyped 081.
    for (const char* abroad : {"0081 3 1234 5678", "00812 3456 7890"}) {
        CAPTURE(abroad);
        CHECK(fails_with(normalize_phone(abroad), "from abroad it must start with 0062 or +62"));
    }
    CHECK(fails_with(normalize_phone("08123456789012345"), "expected 8 to 13"));
    CHECK(fails_with(normalize_phone("5"), "has 1 digits after the country code +62; expected 8 to 13"));
    CHECK(fails_with(normalize_phone("081234567890123"), "has 14 digits after the country code +62"));
    // Up to 20 digits the message counts those after +62; from 21 on the number stops being read.
    CHECK(fails_with(normalize_phone("08123456789012345678"), "has 19 digits after the country code +62"));
    CHECK(fails_with(normalize_phone("081234567890123456789"), "phone number has too many digits"));
    CHECK(fails_with(normalize_phone("0112345678"), "must start with 8 (mobile) or an area code"));
    CHECK(fails_with(normalize_phone("112345678"), "must start with 0, 62 or +62"));
    CHECK(fails_with(normalize_phone("--"), "has no digits"));
    CHECK(fails_with(normalize_phone("0812+3456"), "contains '+'"));
}

TEST_CASE("e-mail addresses") {
    struct Case {
        const char* in;
        const char* out;
    };
    for (const Case c : {Case{"ayu.gunawan0@yahoo.co.id", "ayu.gunawan0@yahoo.co.id"},
                         Case{"  Rudi.Hakim0@Gmail.COM ", "rudi.hakim0@gmail.com"},
                         Case{"SITI.PRASETYO3@JATIMPROV.GO.ID", "siti.prasetyo3@jatimprov.go.id"},
                         Case{"a+tag_x-y@sub-domain.example.ac.id", "a+tag_x-y@sub-domain.example.ac.id"},
                         Case{"o'brien@example.com", "o'brien@example.com"},
                         Case{"x@xn--p1ai.xn--p1ai", "x@xn--p1ai.xn--p1ai"}}) {
        const std::string input = c.in;
        CAPTURE(input);
        const Normalized r = normalize_email(c.in);
        CHECK(r.ok);
        CHECK(r.value == c.out);
    }
    const Normalized blank = normalize_email("");
    CHECK(blank.ok);
    CHECK(blank.value.empty());
}

TEST_CASE("e-mail: invalid") {
    CHECK(fails_with(normalize_email("rudi.hakim.gmail.com"), "not an e-mail address: no '@'"));
    CHECK(fails_with(normalize_email("a@b@c.com"), "more than one '@'"));
    CHECK(fails_with(normalize_email("@gmail.com"), "nothing before the '@'"));
    CHECK(fails_with(normalize_email("rudi@"), "nothing after the '@'"));
    CHECK(fails_with(normalize_email("rudi hakim@gmail.com"), "contains a space"));
    CHECK(fails_with(normalize_email("rudi..hakim@gmail.com"), "two dots in a row"));
    CHECK(fails_with(normalize_email("rudi@gmail..com"), "two dots in a row"));
    CHECK(fails_with(normalize_email(".rudi@gmail.com"), "dot right at the start"));
    CHECK(fails_with(normalize_email("rudi.@gmail.com"), "just before the '@'"));
    CHECK(fails_with(normalize_email("rudi@gmail"), "the domain 'gmail' has no dot"));
    CHECK(fails_with(normalize_email("rudi@gmail,com"), "contains ','"));
    CHECK(fails_with(normalize_email("rudi@gmail.com."), "cannot start or end with a dot"));
    CHECK(fails_with(normalize_email("rudi@-gmail.com"), "starting or ending with '-'"));
    CHECK(fails_with(normalize_email("rudi@mail.go-.id"),
                     "e-mail domain 'mail.go-.id' has a part starting or ending with '-'"));
    // At most 254 characters in all (64 before the '@', parts of 63 and fewer after it).
    const std::string longest = std::string(64, 'a') + "@" + std::string(63, 'b') + "." +
                                std::string(63, 'c') + "." + std::string(58, 'd') + ".id";
    CHECK(longest.size() == 254);
    CHECK(normalize_email(longest).ok);
    CHECK(fails_with(normalize_email(std::string(64, 'a') + "@" + std::string(63, 'b') + "." +
                                     std::string(63, 'c') + "." + std::string(59, 'd') + ".id"),
                     "e-mail address is longer than 254 characters"));
    CHECK(fails_with(normalize_email("rudi@gmail.c"), "top-level domain"));
    CHECK(fails_with(normalize_email("rudi@10.0.0.1"), "top-level domain"));
    CHECK(fails_with(normalize_email("rudi@gmail.c0m"), "top-level domain")); // letters only
    CHECK(fails_with(normalize_email("rudi(x)@gmail.com"), "contains '('"));
    CHECK(fails_with(normalize_email("r\xC3\xBC"
                                     "di@gmail.com"),
                     "contains '\xC3\xBC'"));
    CHECK(fails_with(normalize_email("rudi@gm_ail.com"), "after the '@'"));
    CHECK(
        fails_with(normalize_email("(rudi)@gmail.com"), "e-mail address contains '(', which is not allowed"));
    // The character quoted whole, whatever its length in bytes; a stray or cut byte alone.
    for (const char* c : {"\xE2\x80\x93", "\xF0\x9F\x98\x80", "\xFF", "\xF8", "\x80"}) {
        const std::string text = std::string("r") + c + "di@gmail.com";
        CAPTURE(text);
        CHECK(fails_with(normalize_email(text), std::string("contains '") + c + "'"));
    }
    CHECK(
        fails_with(normalize_email("rudi@gmail.com\xE2\x80"), "contains '\xE2\x80' after")); // cut at the end
    CHECK(fails_with(normalize_phone("0812345678\xE2\x80"), "contains '\xE2\x80':"));
    CHECK(fails_with(normalize_phone("0812\xE2\x80\x93"
                                     "345678"),
                     "contains '\xE2\x80\x93':"));
    CHECK(fails_with(normalize_email(std::string(65, 'a') + "@gmail.com"), "more than 64 characters"));
    CHECK(normalize_email(std::string(64, 'a') + "@gmail.com").value == std::string(64, 'a') + "@gmail.com");
    // Each part of the domain has at most 63 characters (a DNS label).
    CHECK(normalize_email("rudi@" + std::string(63, 'b') + ".go.id").ok);
    CHECK(fails_with(normalize_email("rudi@" + std::string(64, 'b') + ".go.id"),
                     "e-mail domain has a part longer than 63 characters"));
}

TEST_CASE("clean_text collapses whitespace") {
    CHECK(clean_text("  Dinas   Pendidikan \t") == "Dinas Pendidikan");
    CHECK(clean_text("Siti Rahayu,\r\n S.Pd.,  M.M.") == "Siti Rahayu, S.Pd., M.M.");
    CHECK(clean_text("Pemerintah\xC2\xA0Kabupaten\xE2\x80\xAFSidoarjo") == "Pemerintah Kabupaten Sidoarjo");
    CHECK(clean_text("\xEF\xBB\xBFNama") == "Nama");
    CHECK(clean_text("Ba\xE2\x80\x8Bppeda") == "Bappeda");
    CHECK(clean_text("Dinas Pekerjaan Umum \"Bina Marga\"") == "Dinas Pekerjaan Umum \"Bina Marga\"");
    CHECK(clean_text("K\xC3\xBCrn") == "K\xC3\xBCrn");
    CHECK(clean_text("") == "");
    CHECK(clean_text(" \xE2\x80\x8B \t") == "");
    // An invisible character at the very end goes too, or alone.
    CHECK(clean_text("Bappeda\xE2\x80\x8B") == "Bappeda");
    CHECK(clean_text("Nama\xEF\xBB\xBF") == "Nama");
    CHECK(clean_text("\xE2\x80\x8B") == "");
}

TEST_CASE("clean_text_in_place rewrites the string where it is, as clean_text would") {
    for (std::string_view text : {"  Dinas   Pendidikan \t", "Siti Rahayu,\r\n S.Pd.,  M.M.",
                                  "Pemerintah\xC2\xA0Kabupaten\xE2\x80\xAFSidoarjo", "\xEF\xBB\xBFNama",
                                  "Ba\xE2\x80\x8Bppeda", "", " ", "a", "\xE2\x80\x8B x \xC2\xA0"}) {
        std::string s(text);
        asnbelajar::clean_text_in_place(s);
        CHECK(s == clean_text(text));
    }
    CHECK(clean_text(" \t\n ") == "");
}

TEST_CASE("helpers") {
    CHECK(trim_blanks("  a b \t") == "a b");
    CHECK(trim_blanks("\xC2\xA0x\xC2\xA0") == "x");
    CHECK(trim_blanks("   ") == "");
    CHECK(is_scientific_notation("1.98609E+17"));
    CHECK(is_scientific_notation("1,98609E+17"));
    CHECK(is_scientific_notation("8.12346e+11"));
    CHECK(is_scientific_notation("2E17"));
    CHECK(is_scientific_notation("2E1"));
    CHECK(is_scientific_notation("1.5E-3"));
    CHECK_FALSE(is_scientific_notation("198609262015051001"));
    CHECK_FALSE(is_scientific_notation("1.98609E"));
    CHECK_FALSE(is_scientific_notation("E+17"));
    CHECK_FALSE(is_scientific_notation("1.E+17"));
    CHECK_FALSE(is_scientific_notation("1.98609E+17x"));
}
