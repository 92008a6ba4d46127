#include "asnbelajar/certificate_layout.hpp"
#include "asnbelajar/certificate_pdf.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/store.hpp"
#include "asnbelajar/verification.hpp"
#include "certificate_pdfs.hpp"

#include "temp_dir.hpp"

#include <cairo.h>
#include <doctest/doctest.h>

#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace asnbelajar;

namespace {

CertificateLayout parse(const std::string& text) {
    return parse_certificate_layout(text, "t.layout");
}

// The message of the Error that parsing `text` throws, or "" when it parses.
std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

template <typename F> std::string error_in(F fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

const LayoutText& text_item(const CertificateLayout& l, std::size_t i) {
    return std::get<LayoutText>(l.items.at(i));
}

CertificateText siti() {
    CertificateText t;
    t.name = "Dr. Siti Rahayu, S.Pd., M.M.";
    t.nip = "198609262015051001";
    t.email = "siti@example.go.id";
    t.agency = "Pemerintah Kabupaten Sidoarjo";
    t.title = "Transformasi Digital";
    t.session = "2022-03-03";
    t.date = "2022-03-03";
    t.date_text = "Kamis, 3 Maret 2022";
    t.jp = "3";
    t.number = "1/BPSDM-ASNB/III/2022";
    return t;
}

} // namespace

TEST_CASE("layout: the built-in layout parses, on A4 landscape, with every field a certificate needs") {
    CertificateLayout l = default_certificate_layout();
    CHECK(l.page_width_mm == 297);
    CHECK(l.page_height_mm == 210);
    CHECK(l.background.empty());
    CHECK(l.lang == Lang::id);
    std::set<CertificateField> fields;
    int qr = 0;
    for (const LayoutItem& item : l.items) {
        if (const auto* t = std::get_if<LayoutText>(&item))
            for (const TextPart& p : t->parts)
                if (p.field) fields.insert(*p.field);
        qr += std::holds_alternative<LayoutQr>(item);
    }
    CHECK(qr == 1);
    for (CertificateField f :
         {CertificateField::name, CertificateField::nip, CertificateField::agency, CertificateField::title,
          CertificateField::date, CertificateField::jp, CertificateField::number})
        CHECK_MESSAGE(fields.contains(f), to_string(f));
    CHECK(default_certificate_layout_text().find("page A4 landscape") != std::string_view::npos);
}

TEST_CASE("layout: page sizes, orientations and units") {
    CHECK(parse("page A4").page_width_mm == 210);
    CHECK(parse("page a4 landscape").page_width_mm == 297);
    CHECK(parse("page A5 landscape").page_height_mm == 148);
    CHECK(parse("page F4").page_height_mm == 330);
    CertificateLayout custom = parse("page 297x210mm");
    CHECK(custom.page_width_mm == 297);
    CHECK(custom.page_height_mm == 210);
    CertificateLayout cm = parse("page 21x29.7cm landscape");
    CHECK(cm.page_width_mm == doctest::Approx(297));
    CHECK(cm.page_height_mm == doctest::Approx(210));
    CHECK(parse("page 8.5x11in").page_width_mm == doctest::Approx(215.9));
    CHECK(parse("").page_width_mm == 297); // no page line: A4 landscape

    CertificateLayout l = parse("text \"x\" x=1cm y=72pt size=5mm\nfield name x=10 y=30");
    const LayoutText& t = text_item(l, 0);
    CHECK(t.x_mm == doctest::Approx(10));
    CHECK(t.y_mm == doctest::Approx(25.4));
    CHECK(t.size_pt == doctest::Approx(5 * 72 / 25.4));
    CHECK(text_item(l, 1).size_pt == 12);
}

TEST_CASE("layout: text with fields, escapes and literal braces") {
    CertificateLayout l = parse("text \"NIP {nip} \\\"{{ok}}\\\" \\\\\" x=10 y=20");
    const LayoutText& t = text_item(l, 0);
    REQUIRE(t.parts.size() == 3);
    CHECK(t.parts[0] == TextPart{"NIP ", std::nullopt});
    CHECK(t.parts[1] == TextPart{"", CertificateField::nip});
    CHECK(t.parts[2] == TextPart{" \"{ok}\" \\", std::nullopt});

    CertificateLayout f = parse("field name x=148.5 y=80 size=24 weight=bold align=center width=250 "
                                "font=\"DejaVu Serif\" color=#1E3A8A style=italic lines=2");
    const LayoutText& n = text_item(f, 0);
    CHECK(n.parts == std::vector<TextPart>{{"", CertificateField::name}});
    CHECK(n.align == TextAlign::center);
    CHECK(n.weight == 700);
    CHECK(n.italic);
    CHECK(n.family == "DejaVu Serif");
    CHECK(n.color == Rgb{0x1e, 0x3a, 0x8a});
    CHECK(n.width_mm == 250);
    CHECK(n.lines == 2);
    CHECK(n.font_at.line == 1);
    CHECK(n.font_at.column == 74); // the first character inside the quotes
}

TEST_CASE("layout: comments, blank lines, CRLF, a BOM, and the rest of the statements") {
    CertificateLayout l = parse("\xEF\xBB\xBF# a comment\r\n\r\npage A4 landscape   # trailing comment\r\n"
                                "font \"DejaVu Sans\"\r\ncolor #112233\r\nlang en\r\nbackground bg.png\r\n"
                                "qr x=250 y=160 size=30 color=#000000\r\n"
                                "rect x=10 y=10 width=277 height=190 stroke=1 fill=#ffffff\r\n");
    CHECK(l.family == "DejaVu Sans");
    CHECK(l.color == Rgb{0x11, 0x22, 0x33});
    CHECK(l.lang == Lang::en);
    CHECK(l.background == "bg.png");
    CHECK(l.background_at.line == 7);
    CHECK(l.background_at.column == 12);
    REQUIRE(l.items.size() == 2);
    CHECK(std::get<LayoutQr>(l.items[0]).size_mm == 30);
    CHECK(std::get<LayoutRect>(l.items[1]).fill == Rgb{0xff, 0xff, 0xff});
    // A background is found beside the layout file.
    CHECK(parse_certificate_layout("background bg.jpg", "d/t.layout", "d").background == "d/bg.jpg");
    CHECK(parse_certificate_layout("background /abs/bg.jpg", "d/t.layout", "d").background == "/abs/bg.jpg");
}

TEST_CASE("layout: every mistake names FILE:LINE:COLUMN and what was expected") {
    CHECK(
        error_of("page A4 landscape\nfield nama x=10 y=20") ==
        "t.layout:2:7: unknown field 'nama' (expected one of name, nip, email, agency, unit, title, session, "
        "date, jp, number, series, or qr)");
    CHECK(error_of("text \"Hi {nama}!\" x=10 y=20") ==
          "t.layout:1:10: unknown field '{nama}' (expected one of name, nip, email, agency, unit, title, "
          "session, date, jp, number, series)");
    CHECK(error_of("  frame x=1").starts_with("t.layout:1:3: unknown statement 'frame'"));
    CHECK(error_of("field name x=10 y=20 colour=#fff")
              .starts_with("t.layout:1:22: unknown attribute 'colour'"));
    CHECK(error_of("field name x=10 y=20 x=11") == "t.layout:1:22: x= given twice");
    CHECK(error_of("field name y=20") == "t.layout:1:1: field needs x=");
    CHECK(error_of("field name x=12,5 y=20") ==
          "t.layout:1:14: x=: '12,5' is not a number (expected a number with a decimal point, such as 12.5)");
    CHECK(error_of("field name x=ten y=20").starts_with("t.layout:1:14: x=: 'ten' is not a number"));
    CHECK(
        error_of("field name x=10 y=20 size=nan").starts_with("t.layout:1:27: size=: 'nan' is not a number"));
    CHECK(error_of("field name x=inf y=20").starts_with("t.layout:1:14: x=: 'inf' is not a number"));
    CHECK(error_of("field name x=10 y=20 color=blue").starts_with("t.layout:1:28: 'blue' is not a colour"));
    CHECK(error_of("field name x=10 y=20 align=middle").starts_with("t.layout:1:28: unknown alignment"));
    CHECK(error_of("field name x=10 y=20 lines=0").starts_with("t.layout:1:28: lines=0"));
    CHECK(error_of("field name x=10 y=20 weight=heavy").starts_with("t.layout:1:29: unknown weight"));
    CHECK(error_of("text \"abc x=1 y=2").starts_with("t.layout:1:6: a string that is not closed"));
    CHECK(error_of("text abc x=1 y=2").starts_with("t.layout:1:6: text needs a quoted string"));
    CHECK(error_of("page B7").starts_with("t.layout:1:6: unknown page size 'B7'"));
    CHECK(error_of("page A4 sideways").starts_with("t.layout:1:9: unknown orientation"));
    CHECK(error_of("page A4\npage A5").starts_with("t.layout:2:1: a second page line"));
    CHECK(error_of("field name x=10 y=20\npage A5").starts_with("t.layout:2:1: page must come before"));
    CHECK(error_of("qr x=10 y=10\nqr x=50 y=50").starts_with("t.layout:2:1: a second qr line"));
    CHECK(error_of("qr x=10 y=10 size=5").starts_with("t.layout:1:19: size=5 is too small"));
    CHECK(error_of("lang fr").starts_with("t.layout:1:6: unknown language 'fr'"));
    CHECK(error_of("background \"\"").starts_with("t.layout:1:13: an empty file name"));
    CHECK(error_of("font").starts_with("t.layout:1:1: font needs"));
    CHECK(error_of("font DejaVu Sans").starts_with("t.layout:1:13: more than one argument"));
    CHECK(error_of("rect x=1 y=1 width=10 height=10 stroke=0")
              .starts_with("t.layout:1:1: a rect with stroke=0"));
    CHECK(error_of("field name x=10 y=20 \x01").starts_with("t.layout:1:22: a control character"));
    // Columns count characters, not bytes.
    CHECK(error_of("text \"Zoë {x}\" x=10 y=20").starts_with("t.layout:1:11: unknown field '{x}'"));
}

TEST_CASE("layout: items must lie on the page") {
    CHECK(error_of("page A4 landscape\nfield name x=310 y=20") ==
          "t.layout:2:14: the text is off the page (x=310; the page is 297 × 210 mm)");
    CHECK(error_of("field name x=10 y=-1").starts_with("t.layout:1:19: the text is off the page (y=-1"));
    CHECK(error_of("field name x=100 y=20 align=center width=250") ==
          "t.layout:1:42: the text is off the page (width=250 centred on x=100 spans -25 to 225 mm; the page "
          "is 297 mm wide)");
    CHECK(error_of("field name x=10 y=3 size=24")
              .starts_with("t.layout:1:19: the text is off the page (at y=3"));
    CHECK(error_of("field title x=10 y=205 size=12 lines=3")
              .starts_with("t.layout:1:20: the text is off the page (at y=205 with lines=3"));
    CHECK(
        error_of("qr x=280 y=20 size=30") ==
        "t.layout:1:6: the QR code is off the page (at x=280 it spans 280 to 310 mm; the page is 297 × 210 mm)");
    CHECK(error_of("rect x=0 y=100 width=10 height=120")
              .starts_with("t.layout:1:12: the rect is off the page (at y=100 it spans 100 to 220"));
    CHECK(
        error_of("page A4\nqr x=180 y=10 size=31").starts_with("t.layout:2:6: the QR code is off the page"));
    CHECK(error_of("field name x=297 y=205 align=right") == "");
    CHECK(error_of("field name x=297 y=210 align=right")
              .starts_with("t.layout:1:20: the text is off the page"));
}

TEST_CASE("layout: the room of a text") {
    CertificateLayout l = parse("field name x=100 y=20 align=center\nfield name x=100 y=30\n"
                                "field name x=100 y=40 align=right\nfield name x=100 y=50 width=40");
    CHECK(available_width_mm(l, text_item(l, 0)) == 200);
    CHECK(available_width_mm(l, text_item(l, 1)) == 197);
    CHECK(available_width_mm(l, text_item(l, 2)) == 100);
    CHECK(available_width_mm(l, text_item(l, 3)) == 40);
}

TEST_CASE("layout: load_certificate_layout reads a file and names it in messages") {
    TempDir dir;
    { std::ofstream(dir.file("a.layout")) << "background a.png\nfield nope x=1 y=20\n"; }
    CHECK(error_in([&] { load_certificate_layout(dir.file("a.layout")); }) ==
          dir.file("a.layout") +
              ":2:7: unknown field 'nope' (expected one of name, nip, email, agency, unit, "
              "title, session, date, jp, number, series, or qr)");
    CHECK(error_in([&] {
              load_certificate_layout(dir.file("missing.layout"));
          }).starts_with("cannot read the layout " + dir.file("missing.layout")));
    { std::ofstream(dir.file("b.layout")) << "background b.png\n"; }
    CHECK(load_certificate_layout(dir.file("b.layout")).background == dir.file("b.png"));
}

TEST_CASE("certificate pdf: the payload, the QR content and file names") {
    TempDir dir;
    const SigningKey key = SigningKey::load_or_create(dir.file("store.db.key"));
    const std::vector<PublicKey> keys{key.public_key()};
    CertificateText t = siti();
    // The payload is the certificate's verification code, signed with the key.
    std::optional<ParsedCode> code = parse_verification_code(certificate_payload(t, key));
    REQUIRE(code);
    CHECK(code->fields ==
          SignedFields{"1/BPSDM-ASNB/III/2022", "198609262015051001", "2022-03-03", "2022-03-03", "3"});
    CHECK(code->key_id == key.public_key().id());
    CHECK(check_signature(*code, keys) == CodeStatus::valid);
    t.nip.clear();
    code = parse_verification_code(certificate_payload(t, key));
    REQUIRE(code);
    CHECK(code->fields.person == "siti@example.go.id");
    CHECK(check_signature(*code, keys) == CodeStatus::valid);
    t.verification = "a/b|c d";
    CHECK(qr_content(t) == "a/b|c d");
    t.verification_url = "https://sertifikat.example.go.id/cek?c=";
    CHECK(qr_content(t) == "https://sertifikat.example.go.id/cek?c=a%2Fb%7Cc%20d");
    CHECK(percent_encode("Zoë-._~") == "Zo%C3%AB-._~");

    CHECK(cli::certificate_file_name(siti()) == "198609262015051001.pdf");
    t = siti();
    t.nip.clear();
    t.email = "zoë.o'neil+x@example.org";
    CHECK(cli::certificate_file_name(t) == "zo__.o_neil+x@example.org.pdf");
    t.email.clear();
    CHECK(cli::certificate_file_name(t) == "1_BPSDM-ASNB_III_2022.pdf");
    t.number = "../x";
    CHECK(cli::certificate_file_name(t) == "_.._x.pdf");
}

TEST_CASE("certificate pdf: missing fonts and backgrounds are found before anything is written") {
    CHECK(error_in([] { CertificatePdfWriter w(parse("font \"No Such Font 42\"\nfield name x=10 y=20")); }) ==
          "t.layout:1:7: the font \"No Such Font 42\" is not installed (fontconfig has no such family; "
          "'fc-list : family' lists those it has)");
    CHECK(error_in([] {
              CertificatePdfWriter w(parse("field name x=10 y=20 font=\"No Such Font 42\""));
          }).starts_with("t.layout:1:28: the font \"No Such Font 42\" is not installed"));
    CHECK(error_in([] { CertificatePdfWriter w(parse("field name x=10 y=20 font=sans-serif")); }) == "");

    TempDir dir;
    auto layout_with = [&](const std::string& image) {
        return parse_certificate_layout("background " + image + "\nfield name x=10 y=20", "t.layout",
                                        dir.path.string());
    };
    CHECK(error_in([&] {
              CertificatePdfWriter w(layout_with("none.png"));
          }).starts_with("t.layout:1:12: cannot read the background " + dir.file("none.png")));
    {
        std::ofstream(dir.file("text.png")) << "not an image";
        std::ofstream(dir.file("broken.jpg")) << "\xff\xd8\xff\xe0 truncated";
    }
    {
        std::ofstream huge(dir.file("huge.png"), std::ios::binary);
        huge << std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x75\x30\0\0\0\x0a", 24);
    }
    CHECK(error_in([&] { CertificatePdfWriter w(layout_with("huge.png")); }) ==
          "t.layout:1:12: the background " + dir.file("huge.png") +
              " is too large (30000 × 10 pixels; at most 20000 a side)");
    CHECK(error_in([&] { CertificatePdfWriter w(layout_with("text.png")); }) ==
          "t.layout:1:12: the background " + dir.file("text.png") + " is neither a PNG nor a JPEG image");
    CHECK(error_in([&] { CertificatePdfWriter w(layout_with("broken.jpg")); })
              .starts_with("t.layout:1:12: the background " + dir.file("broken.jpg") +
                           " is not a JPEG that can be read"));

    cairo_surface_t* png = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 60, 42);
    REQUIRE(cairo_surface_write_to_png(png, dir.file("bg.png").c_str()) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(png);
    CertificatePdfWriter writer(layout_with("bg.png"));
    std::ostringstream out;
    std::vector<CertificateText> pages{siti(), siti()};
    writer.write(pages, out, "Sertifikat");
    CHECK(out.str().starts_with("%PDF-"));
    CHECK(out.str().find("/Count 2") != std::string::npos);
}

TEST_CASE("certificate pdf: a writer draws page after page, and a failing stream is an error") {
    CertificatePdfWriter writer(default_certificate_layout());
    std::vector<CertificateText> pages{siti()};
    TempDir dir;
    pages[0].verification = certificate_payload(pages[0], SigningKey::load_or_create(dir.file("k.key")));
    std::size_t drawn = 0;
    for (int i = 0; i < 3; ++i) {
        std::ostringstream out;
        writer.write(pages, out, "Sertifikat", [&](const Progress& p) {
            drawn = p.done;
            CHECK(p.total == 1);
            CHECK(p.unit == "certificates");
        });
        CHECK(out.str().starts_with("%PDF-"));
        CHECK(out.str().find("%%EOF") != std::string::npos);
    }
    CHECK(drawn == 1);
    std::ostringstream failing;
    failing.setstate(std::ios::badbit);
    CHECK(error_in([&] { writer.write(pages, failing, "x"); }).starts_with("cannot write the PDF"));
}
