#include "asnbelajar/error.hpp"
#include "asnbelajar/render.hpp"
#include "render/render_impl.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace asnbelajar;

namespace {

// A small weekly-like report with hostile text in it.
Report sample(Lang lang = Lang::id) {
    Report r;
    r.kind = "weekly";
    r.lang = lang;
    r.zone = find_zone("Asia/Jakarta");
    r.title = "Laporan <Mingguan> & \"Uji\"";
    r.subtitle = {"periode 28 Februari–6 Maret 2022"};
    r.table.columns = {{"session", "Sesi", "Session", ColumnType::text},
                       {"date", "Tanggal", "Date", ColumnType::date},
                       {"nip", "NIP", "NIP", ColumnType::text},
                       {"enrolled", "Terdaftar", "Enrolled", ColumnType::integer},
                       {"attended", "Hadir", "Attended", ColumnType::integer},
                       {"jp", "JP", "JP", ColumnType::jp},
                       {"rate", "Tingkat", "Rate", ColumnType::rate},
                       {"year", "Tahun", "Year", ColumnType::year}};
    r.table.rows.push_back({std::string("A|B <script>alert(1)</script>"), Cell{Date{2022, 3, 3}},
                            std::string("198609262015051001"), Cell{std::int64_t{12500}},
                            Cell{std::int64_t{9000}}, Cell{std::int64_t{25}}, Cell{0.72},
                            Cell{std::int64_t{2022}}});
    r.table.rows.push_back({std::string("=1+1"), Cell{}, std::string("+6281234"), Cell{std::int64_t{0}},
                            Cell{std::int64_t{0}}, Cell{std::int64_t{30}}, Cell{}, Cell{std::int64_t{2022}}});
    r.totals.push_back(
        {{"enrolled", "Terdaftar", "Enrolled", ColumnType::integer}, Cell{std::int64_t{12500}}});
    r.totals.push_back({{"rate", "Tingkat", "Rate", ColumnType::rate}, Cell{}});
    Report::Extra trend;
    trend.key = "trend";
    trend.title = "Tren";
    trend.table.columns = {{"from", "Mulai", "From", ColumnType::date},
                           {"attendance_rate", "Tingkat", "Rate", ColumnType::rate}};
    trend.table.rows = {{Cell{Date{2022, 2, 21}}, Cell{}}, {Cell{Date{2022, 2, 28}}, Cell{0.5}}};
    r.extras.push_back(trend);
    r.charts.push_back({Report::Chart::Kind::bars, "Per sesi", "", "session", {"enrolled", "attended"}});
    r.charts.push_back({Report::Chart::Kind::line, "Tren <12>", "trend", "from", {"attendance_rate"}});
    return r;
}

std::string rendered(const Report& r, render::Format f) {
    std::ostringstream out;
    render::write(r, f, {}, out);
    return out.str();
}

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST_CASE("markdown: escaping of table text") {
    CHECK(render::markdown_escape("a|b") == "a\\|b");
    CHECK(render::markdown_escape("*bold* _x_ `c` [l](u) <b> ~s~ #1 \\") ==
          "\\*bold\\* \\_x\\_ \\`c\\` \\[l\\](u) \\<b\\> \\~s\\~ \\#1 \\\\");
    CHECK(render::markdown_escape("line\r\nbreak") == "line break");
    CHECK(render::markdown_escape("Siti Rahayu, S.Pd., M.M.") == "Siti Rahayu, S.Pd., M.M.");
}

TEST_CASE("markdown: title, period, GitHub table, totals") {
    std::string md = rendered(sample(), render::Format::markdown);
    CHECK(md.rfind("# Laporan \\<Mingguan\\> & \"Uji\"\n", 0) == 0);
    CHECK(has(md, "periode 28 Februari–6 Maret 2022"));
    CHECK(has(md, "| Sesi | Tanggal | NIP | Terdaftar | Hadir | JP | Tingkat | Tahun |\n"));
    CHECK(has(md, "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n"));
    CHECK(has(
        md, "| A\\|B \\<script\\>alert(1)\\</script\\> | Kamis, 3 Maret 2022 | 198609262015051001 | 12.500 | "
            "9.000 | 2,5 | 72,0% | 2022 |"));
    CHECK(has(md, "## Jumlah"));
    CHECK(has(md, "- Terdaftar: **12.500**"));
    CHECK(has(md, "- Tingkat: **—**"));
    CHECK(has(md, "## Tren"));
    std::string en = rendered(sample(Lang::en), render::Format::markdown);
    CHECK(has(en, "| Session | Date |"));
    CHECK(has(en, "Thursday, 3 March 2022 | 198609262015051001 | 12,500"));
    CHECK(has(en, "## Totals"));
}

TEST_CASE("html: escaping") {
    CHECK(render::html_escape("<a href=\"x\">O'Brien & co</a>") ==
          "&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/a&gt;");
    CHECK(render::html_escape("Kamis, 3 Maret 2022") == "Kamis, 3 Maret 2022");
}

TEST_CASE("html: one self-contained page with escaped text and SVG charts") {
    std::string html = rendered(sample(), render::Format::html);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(has(html, "<html lang=\"id\">"));
    CHECK(has(html, "<title>Laporan &lt;Mingguan&gt; &amp; &quot;Uji&quot;</title>"));
    CHECK(has(html, "A|B &lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK_FALSE(has(html, "<script"));
    CHECK_FALSE(has(html, "http://"));
    CHECK_FALSE(has(html, "https://"));
    CHECK(has(html, "<style>"));
    CHECK(has(html, "<svg"));
    CHECK(has(html, "<rect"));              // bars
    CHECK(has(html, "<polyline") == false); // one rated week only: a point, no line
    CHECK(has(html, "<circle"));
    CHECK(has(html, "Tren &lt;12&gt;"));
    CHECK(has(html, "Kamis, 3 Maret 2022"));
    CHECK(has(html, "72,0%"));
    CHECK(has(rendered(sample(Lang::en), render::Format::html), "<html lang=\"en\">"));

    Report empty = sample();
    empty.table.rows.clear();
    std::string e = rendered(empty, render::Format::html);
    CHECK(has(e, "tidak ada data"));
}

TEST_CASE("xlsx: cannot go to a stream; writes a workbook file") {
    std::ostringstream out;
    CHECK_THROWS_AS(render::write(sample(), render::Format::xlsx, {}, out), Error);

    std::string pattern = (std::filesystem::temp_directory_path() / "asnb-xlsx-XXXXXX").string();
    std::filesystem::path dir = ::mkdtemp(pattern.data());
    std::filesystem::path file = dir / "report.xlsx";
    render::write_xlsx_file(sample(), file.string());
    REQUIRE(std::filesystem::exists(file));
    std::ifstream in(file, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    CHECK(std::string(magic, 4) == std::string("PK\x03\x04", 4)); // a zip container

    CHECK_THROWS_AS(render::write_xlsx_file(sample(), (dir / "missing" / "r.xlsx").string()), Error);
    CHECK_FALSE(std::filesystem::exists(dir / "missing" / "r.xlsx"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("year columns are plain numbers") {
    Zone z = find_zone("UTC");
    CHECK(render::machine_text(Cell{std::int64_t{2022}}, ColumnType::year, z) == "2022");
    CHECK(render::human_text(Cell{std::int64_t{2022}}, ColumnType::year, z, Lang::id) == "2022");
    CHECK(render::human_text(Cell{std::int64_t{2022}}, ColumnType::integer, z, Lang::id) == "2.022");
    std::string json = rendered(sample(), render::Format::json);
    CHECK(has(json, "\"year\":2022"));
}
