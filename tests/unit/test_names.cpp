#include "asnbelajar/names.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>

using namespace asnbelajar;

TEST_CASE("name_key: case, spacing, titles and word order ignored") {
    CHECK(name_key("Siti Rahayu") == "rahayu siti");
    CHECK(name_key("  SITI   RAHAYU ") == "rahayu siti");
    // Every blank of text:: separates words: tabs, U+00A0, U+2007 and U+202F (Zoom and Excel put them there).
    CHECK(name_key("Siti\tRahayu") == "rahayu siti");
    CHECK(name_key("Siti\xC2\xA0Rahayu") == "rahayu siti");
    CHECK(name_key("Siti\xE2\x80\xAFRahayu,\xE2\x80\x87S.Pd.") == "rahayu siti");
    CHECK(name_key("Dr. Hj. Siti Rahayu, S.Pd., M.Si.") == "rahayu siti");
    CHECK(name_key("Drs. H. Ahmad Fauzi, M.M.") == "ahmad fauzi");
    CHECK(name_key("Ir. Budi Santoso, S.Kom.,M.T.") == "budi santoso");
    CHECK(name_key("Yuliana Putri, S.Farm., Apt.") == "putri yuliana");
    CHECK(name_key("Maria Ulfah, S.Pd.I.") == "maria ulfah");
    CHECK(name_key("Fitri Handayani, S.Kep., Ns.") == "fitri handayani");
    CHECK(name_key("Eko Prasetyo, A.Md.") == "eko prasetyo");
    // Degrees written without dots count after a comma only; dotless prefixes only at the start.
    CHECK(name_key("Budi Santoso, SE") == "budi santoso");
    CHECK(name_key("Dr Siti Rahayu") == "rahayu siti");
    CHECK(name_key("Hj Aminah") == "aminah");
    // Surname first, with or without a comma: the same key.
    CHECK(name_key("Sinaga, Tiur") == name_key("Tiur Sinaga"));
    CHECK(name_key("Kusuma Gita") == name_key("Gita Kusuma"));
    // Bracketed tags and NIPs, accents.
    CHECK(name_key("SANTOSO ADI (EXT)") == "adi santoso");
    CHECK(name_key("Nanda  Pratama Putra - [NIP.199202022020121002]") == "nanda pratama putra");
    CHECK(name_key("André Siregar") == "andre siregar");
    CHECK(name_key("Yohana Éloïse Simatupang") == "eloise simatupang yohana");
    CHECK(name_key("Ma'ruf Amin") == "amin ma'ruf");
    // The letters of U+00C0..U+00FF without a plain form (Þ, þ) and the signs × and ÷ stay as written,
    // both bytes, beside the accents taken off.
    CHECK(name_key("\xC3\x9E\xC3\xB3ra J\xC3\xB3nsd\xC3\xB3ttir") ==
          "jonsdottir \xC3\x9Eora");                              // Þóra Jónsdóttir
    CHECK(name_key("Siti \xC3\xBE\xC3\xB3") == "siti \xC3\xBEo"); // þó
    CHECK(name_key("L\xC3\xBF Dewi") == "dewi ly");               // ÿ, the last of U+00C0..U+00FF
}

TEST_CASE("name_key: a bracketed tag in the middle goes, the words after it stay") {
    CHECK(name_key("Siti (Ani) Rahayu") == "rahayu siti");
    CHECK(name_key("Siti [EXT] (Dinkes) Rahayu") == "rahayu siti");
    // A stray closing bracket is punctuation: it opens nothing, and a tag after it still goes.
    CHECK(name_key("Siti) Rahayu (EXT)") == "rahayu siti");
}

TEST_CASE("name_key: a dotless title prefix counts only as the first word") {
    CHECK(name_key("Hj Aminah") == "aminah");
    CHECK(name_key("Aminah Hj") == "aminah hj");
    CHECK(name_key("Yohanes Ir Simbolon") == "ir simbolon yohanes");
}

TEST_CASE("name_key: accents of U+00C0 and a name cut short in the middle of a character") {
    CHECK(name_key("\xC3\x80gus Salim") == "agus salim"); // À, the first of U+00C0..U+00FF
    // Platforms cut long display names at a byte count: a lone first byte at the end stays as it is.
    CHECK(name_key("Siti Rahayu\xC3") == "rahayu\xC3 siti");
    CHECK(name_key("Rahayu\xC3x") == "rahayu\xC3x"); // not a character of U+00C0..U+00FF: as it is
    // The name ends where the view ends, even when the bytes after it would complete the character (é).
    const std::string row = "Siti Rahayu\xC3\xA9;198609262015051001";
    CHECK(name_key(std::string_view(row).substr(0, 12)) == "rahayu\xC3 siti");
}

TEST_CASE("name_key: a name in another script keeps every byte of its last letter") {
    // Пётр: its last letter, р (U+0440), ends with the byte 0x80, which is no punctuation to trim.
    CHECK(name_key("\xD0\x9F\xD1\x91\xD1\x82\xD1\x80 Ivanov") == "ivanov \xD0\x9F\xD1\x91\xD1\x82\xD1\x80");
}

TEST_CASE("name_key: what is not a title stays") {
    CHECK(name_key("Oktaviani S") == "oktaviani s"); // an initial, not a degree
    CHECK(name_key("H Ahmad") == "ahmad h");         // "H" without its dot is no title
    CHECK(name_key("Sedana Putra") == "putra sedana");
    CHECK(name_key("Siti Rahayu") != name_key("Siti Rahayuningsih"));
    CHECK(name_key("S.Pd.") == ""); // titles only
    CHECK(name_key("") == "");
    CHECK(name_key(" - ") == "");
}

TEST_CASE("name_titles: one list, lower-case, without dots") {
    const auto titles = name_titles();
    for (std::string_view t : {"dr", "drs", "ir", "spd", "skom", "mm", "msi", "hj", "h"})
        CHECK(std::find(titles.begin(), titles.end(), t) != titles.end());
    for (std::string_view t : titles) {
        CHECK(!t.empty());
        CHECK(t.find('.') == std::string_view::npos);
        CHECK(std::none_of(t.begin(), t.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
    }
}

TEST_CASE("nip_in_name: one run of exactly 18 digits") {
    CHECK(nip_in_name("Nanda Putra - [NIP.199202022020121002]") == "199202022020121002");
    CHECK(nip_in_name("198609262015051001 Siti") == "198609262015051001");
    CHECK(nip_in_name("Siti 19860926201505100") == "");                  // 17 digits
    CHECK(nip_in_name("Siti 1986092620150510012") == "");                // 19 digits
    CHECK(nip_in_name("198609262015051001 / 199202022020121002") == ""); // two: which one?
    CHECK(nip_in_name("Siti Rahayu") == "");
}
