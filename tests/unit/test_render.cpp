#include "asnbelajar/model.hpp"
#include "asnbelajar/render.hpp"
#include "render/render_impl.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

using namespace asnbelajar;

namespace {

Report small_report() {
    Report r;
    r.zone = find_zone("Asia/Jakarta");
    r.title = "T";
    r.table.columns = {{"name", "Nama", "Name", ColumnType::text},
                       {"jp", "JP", "JP", ColumnType::jp},
                       {"rate", "Tingkat", "Rate", ColumnType::rate},
                       {"date", "Tanggal", "Date", ColumnType::date},
                       {"n", "Jumlah", "Count", ColumnType::integer}};
    r.table.rows.push_back({std::string("Siti, \"S.Pd.\""), Cell{std::int64_t{25}}, Cell{2.0 / 3.0},
                            Cell{Date{2022, 3, 3}}, Cell{std::int64_t{12345}}});
    r.table.rows.push_back({std::string("=HYPERLINK(1)"), Cell{}, Cell{}, Cell{}, Cell{std::int64_t{0}}});
    return r;
}

std::string rendered(const Report& r, render::Format f, render::Options o = {}) {
    std::ostringstream out;
    render::write(r, f, o, out);
    return out.str();
}

} // namespace

TEST_CASE("cell text: machine forms are fixed, human forms follow the language") {
    Zone wib = find_zone("Asia/Jakarta");
    CHECK(render::machine_text(Cell{std::int64_t{30}}, ColumnType::jp, wib) == "3");
    CHECK(render::machine_text(Cell{std::int64_t{25}}, ColumnType::jp, wib) == "2.5");
    CHECK(render::machine_text(Cell{std::int64_t{-5}}, ColumnType::jp, wib) == "-0.5"); // the sign kept
    CHECK(render::machine_text(Cell{std::int64_t{-30}}, ColumnType::jp, wib) == "-3");
    CHECK(render::human_text(Cell{std::int64_t{25}}, ColumnType::jp, wib, Lang::id) == "2,5");
    CHECK(render::human_text(Cell{std::int64_t{25}}, ColumnType::jp, wib, Lang::en) == "2.5");
    CHECK(render::human_text(Cell{std::int64_t{-5}}, ColumnType::jp, wib, Lang::id) == "-0,5");
    CHECK(format_jp(205) == "20.5");
    CHECK(format_jp(200, ',') == "20");
    CHECK(render::machine_text(Cell{0.83333}, ColumnType::rate, wib) == "0.8333");
    CHECK(render::machine_text(Cell{Date{2022, 3, 3}}, ColumnType::date, wib) == "2022-03-03");
    CHECK(render::machine_text(Cell{std::int64_t{1646272800}}, ColumnType::datetime, wib) ==
          "2022-03-03T09:00:00+07:00");
    CHECK(render::human_text(Cell{0.83333}, ColumnType::rate, wib, Lang::id) == "83,3%");
    CHECK(render::human_text(Cell{0.83333}, ColumnType::rate, wib, Lang::en) == "83.3%");
    CHECK(render::human_text(Cell{std::int64_t{12345}}, ColumnType::integer, wib, Lang::id) == "12.345");
    CHECK(render::human_text(Cell{std::int64_t{12345}}, ColumnType::integer, wib, Lang::en) == "12,345");
    CHECK(render::human_text(Cell{Date{2022, 3, 3}}, ColumnType::date, wib, Lang::id) ==
          "Kamis, 3 Maret 2022");
    CHECK(render::human_text(Cell{std::int64_t{1646272800}}, ColumnType::datetime, wib, Lang::id) ==
          "Kamis, 3 Maret 2022, pukul 09.00 WIB");
}

TEST_CASE("csv and tsv: keys, quoting, excel-safe") {
    Report r = small_report();
    CHECK(rendered(r, render::Format::csv) ==
          "name,jp,rate,date,n\n\"Siti, \"\"S.Pd.\"\"\",2.5,0.6667,2022-03-03,12345\n=HYPERLINK(1),,,,0\n");
    render::Options safe;
    safe.excel_safe = true;
    CHECK(rendered(r, render::Format::csv, safe).find("\n'=HYPERLINK(1),") != std::string::npos);
    CHECK(rendered(r, render::Format::tsv).substr(0, 20) == "name\tjp\trate\tdate\tn\n");
}

TEST_CASE("json: typed values, nulls, escaping") {
    Report r = small_report();
    std::string json = rendered(r, render::Format::json);
    CHECK(json.find(R"({"name":"Siti, \"S.Pd.\"","jp":2.5,"rate":0.6667,"date":"2022-03-03","n":12345})") !=
          std::string::npos);
    CHECK(json.find(R"("jp":null,"rate":null,"date":null)") != std::string::npos);
    std::string lines = rendered(r, render::Format::jsonl);
    CHECK(std::count(lines.begin(), lines.end(), '\n') == 2);
    CHECK(render::json_string("a\x01") == "\"a\\u0001\"");
}

TEST_CASE("format names and extensions") {
    CHECK(render::parse_format("CSV") == render::Format::csv);
    CHECK(render::parse_format("md") == render::Format::markdown);
    CHECK_FALSE(render::parse_format("pdf"));
    CHECK(render::format_from_extension("out/minggu.xlsx") == render::Format::xlsx);
    CHECK(render::format_from_extension("a.htm") == render::Format::html);
    CHECK(render::format_from_extension("a.ndjson") == render::Format::jsonl);
    CHECK_FALSE(render::format_from_extension("dir.v2/report"));
    CHECK(render::is_machine_format(render::Format::json));
    CHECK_FALSE(render::is_machine_format(render::Format::table));
}

TEST_CASE("a streamed table is written as the same table held in memory, in every stream format") {
    const Report held = small_report();
    Report streamed = small_report();
    const std::vector<Row> rows = streamed.table.rows;
    streamed.table.rows.clear();
    streamed.table.streamed_rows = rows.size();
    int passes = 0;
    streamed.table.stream = [&rows, &passes](const RowSink& sink) {
        ++passes;
        for (const Row& row : rows)
            sink(row);
    };
    for (render::Format f :
         {render::Format::table, render::Format::csv, render::Format::tsv, render::Format::json,
          render::Format::jsonl, render::Format::markdown, render::Format::html}) {
        CAPTURE(render::format_name(f));
        CHECK(rendered(streamed, f) == rendered(held, f));
    }
    CHECK(passes == 8); // the terminal table reads the rows twice: widths, then lines

    Report empty = small_report();
    empty.table.rows.clear();
    empty.table.stream = [](const RowSink&) {};
    CHECK(empty.table.empty());
    CHECK(rendered(empty, render::Format::table).find("(tidak ada data)") != std::string::npos);
    CHECK(rendered(empty, render::Format::csv) == "name,jp,rate,date,n\n");
}
