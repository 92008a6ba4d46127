#include "asnbelajar/certificate_layout.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

namespace asnbelajar {

// Generated from examples/sertifikat.layout by CMake (default_layout.cpp.in).
extern const char* const default_layout_text;

namespace {

constexpr std::pair<std::string_view, CertificateField> field_names[] = {
    {"name", CertificateField::name},       {"nip", CertificateField::nip},
    {"email", CertificateField::email},     {"agency", CertificateField::agency},
    {"unit", CertificateField::unit},       {"title", CertificateField::title},
    {"session", CertificateField::session}, {"date", CertificateField::date},
    {"jp", CertificateField::jp},           {"number", CertificateField::number},
    {"series", CertificateField::series}};

constexpr double mm_per_pt = 25.4 / 72.0;

std::string field_list() {
    std::string s;
    for (const auto& [name, field] : field_names)
        s += (s.empty() ? "" : ", ") + std::string(name);
    return s;
}

// Characters (UTF-8 code points) in `s`: columns count what people see, not bytes.
int code_points(std::string_view s) {
    return static_cast<int>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// One word of a statement: a bare word, a "quoted string", or key=value (the value bare or quoted).
struct Token {
    std::string key;   // for key=value
    std::string value; // the word, the string's content (escapes undone), or the value
    std::string raw;   // the string's content as written (placeholders are found here)
    bool quoted = false;
    int column = 0;       // where the token starts
    int value_column = 0; // where its value starts (after the opening quote of a string)
};

class Parser {
  public:
    Parser(std::string source, std::string base_dir) : base_dir_(std::move(base_dir)) {
        layout_.source = std::move(source);
    }

    CertificateLayout parse(std::string_view text) {
        std::size_t from = 0;
        while (from <= text.size()) {
            std::size_t to = text.find('\n', from);
            if (to == std::string_view::npos) to = text.size();
            std::string_view line = text.substr(from, to - from);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            ++line_no_;
            if (line_no_ == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
            statement(tokenize(line));
            from = to + 1;
        }
        return std::move(layout_);
    }

  private:
    [[noreturn]] void fail(int column, const std::string& what) const {
        throw Error(fmt::format("{}:{}:{}: {}", layout_.source, line_no_, column, what));
    }
    LayoutPosition here(int column) const { return {line_no_, column}; }

    std::vector<Token> tokenize(std::string_view line) const {
        std::vector<Token> tokens;
        std::size_t i = 0;
        auto column_of = [&](std::size_t byte) { return code_points(line.substr(0, byte)) + 1; };
        auto blank = [](char c) { return c == ' ' || c == '\t'; };
        while (i < line.size()) {
            if (blank(line[i])) {
                ++i;
                continue;
            }
            // A comment: '#' first on the line, or after a blank and before a blank (colours are "#1f2937").
            if (line[i] == '#' && (tokens.empty() || i + 1 == line.size() || blank(line[i + 1]))) break;
            if (static_cast<unsigned char>(line[i]) < 0x20 || line[i] == 0x7f)
                fail(column_of(i), _("a control character (expected text)"));
            Token t;
            t.column = column_of(i);
            std::size_t start = i;
            while (i < line.size() && !blank(line[i]) && line[i] != '"' && line[i] != '=')
                ++i;
            std::string_view word = line.substr(start, i - start);
            if (i < line.size() && line[i] == '=') {
                if (word.empty()) fail(t.column, _("'=' without an attribute name before it"));
                t.key = word;
                ++i;
                start = i;
            } else if (!word.empty()) {
                if (i < line.size() && line[i] == '"')
                    fail(column_of(i), _("a quote inside a word (expected a blank before the string)"));
                t.value = word;
                t.value_column = t.column;
                tokens.push_back(std::move(t));
                continue;
            }
            if (i < line.size() && line[i] == '"') {
                std::size_t open = i++;
                t.quoted = true;
                t.value_column = column_of(i);
                std::size_t content = i;
                bool closed = false;
                while (i < line.size()) {
                    if (line[i] == '\\') {
                        if (i + 1 >= line.size() || (line[i + 1] != '"' && line[i + 1] != '\\'))
                            fail(column_of(i),
                                 _("a backslash before neither '\"' nor '\\' (write '\\\\' for one)"));
                        t.value += line[i + 1];
                        i += 2;
                        continue;
                    }
                    if (line[i] == '"') {
                        closed = true;
                        break;
                    }
                    t.value += line[i++];
                }
                if (!closed)
                    fail(column_of(open),
                         _("a string that is not closed (expected '\"' before the end of the line)"));
                t.raw = line.substr(content, i - content);
                ++i;
                if (i < line.size() && !blank(line[i]))
                    fail(column_of(i), _("text right after a closing quote (expected a blank)"));
            } else {
                t.value_column = column_of(i);
                while (i < line.size() && !blank(line[i])) {
                    if (line[i] == '"')
                        fail(column_of(i), _("a quote inside a value (quote the whole value)"));
                    t.value += line[i++];
                }
                if (t.value.empty()) fail(t.column, tr("{}= has no value", t.key));
            }
            tokens.push_back(std::move(t));
        }
        return tokens;
    }

    void statement(const std::vector<Token>& tokens) {
        if (tokens.empty()) return;
        const Token& head = tokens.front();
        if (!head.key.empty() || head.quoted)
            fail(head.column, _("a line must start with a statement (expected page, background, font, color, "
                                "lang, text, field, qr or rect)"));
        const std::string& name = head.value;
        if (name == "page") return page(tokens);
        if (name == "background") return background(tokens);
        if (name == "font") return font(tokens);
        if (name == "color" || name == "colour") return default_color(tokens);
        if (name == "lang") return lang(tokens);
        if (name == "text" || name == "field") return text(tokens);
        if (name == "qr") return qr(tokens, 1);
        if (name == "rect") return rect(tokens);
        fail(head.column, tr("unknown statement '{}' (expected page, background, font, color, lang, "
                             "text, field, qr or rect)",
                             name));
    }

    // The single plain argument of a statement like `font "DejaVu Sans"`.
    const Token& one_argument(const std::vector<Token>& tokens, std::string_view expected) const {
        if (tokens.size() < 2) fail(tokens[0].column, tr("{} needs {}", tokens[0].value, expected));
        if (tokens.size() > 2) fail(tokens[2].column, tr("more than one argument (expected {})", expected));
        if (!tokens[1].key.empty())
            fail(tokens[1].column, tr("'{}=' (expected {})", tokens[1].key, expected));
        return tokens[1];
    }

    void before_items(const Token& head) const {
        if (items_seen_)
            fail(head.column, tr("{} must come before the text, field, qr and rect lines", head.value));
    }

    void page(const std::vector<Token>& tokens) {
        const Token& head = tokens[0];
        if (page_seen_) fail(head.column, _("a second page line (expected one)"));
        before_items(head);
        page_seen_ = true;
        if (tokens.size() < 2)
            fail(
                head.column,
                _("page needs a size (expected A4, A5, A3, F4, Letter, Legal or WIDTHxHEIGHT such as 297x210mm)"));
        for (std::size_t i = 1; i < tokens.size(); ++i)
            if (!tokens[i].key.empty() || tokens[i].quoted)
                fail(tokens[i].column,
                     _("an unexpected argument (expected a size and landscape or portrait)"));
        static constexpr std::tuple<std::string_view, double, double> named[] = {
            {"a3", 297, 420}, {"a4", 210, 297},         {"a5", 148, 210},       {"a6", 105, 148},
            {"f4", 215, 330}, {"letter", 215.9, 279.4}, {"legal", 215.9, 355.6}};
        const std::string size = text::to_lower(tokens[1].value);
        double w = 0, h = 0;
        bool found = false;
        for (const auto& [n, nw, nh] : named)
            if (size == n) {
                w = nw, h = nh, found = true;
            }
        if (!found) {
            std::size_t x = size.find('x');
            if (x == std::string::npos)
                fail(tokens[1].column, tr("unknown page size '{}' (expected A4, A5, A3, F4, Letter, Legal "
                                          "or WIDTHxHEIGHT such as 297x210mm)",
                                          tokens[1].value));
            std::string_view ws = std::string_view(size).substr(0, x),
                             hs = std::string_view(size).substr(x + 1);
            std::string_view unit = unit_of(hs);
            int hcol = tokens[1].column + code_points(ws) + 1;
            w = length(ws, tokens[1].column, unit.empty() ? "mm" : unit, _("page width"));
            h = length(hs, hcol, "mm", _("page height"));
            if (w <= 0) fail(tokens[1].column, _("the page width must be above 0"));
            if (h <= 0) fail(hcol, _("the page height must be above 0"));
        }
        if (tokens.size() > 3)
            fail(tokens[3].column, _("an unexpected argument (expected landscape or portrait last)"));
        if (tokens.size() == 3) {
            const std::string& o = tokens[2].value;
            if (o == "landscape") {
                if (w < h) std::swap(w, h);
            } else if (o == "portrait") {
                if (w > h) std::swap(w, h);
            } else {
                fail(tokens[2].column, tr("unknown orientation '{}' (expected landscape or portrait)", o));
            }
        }
        if (w > 5000 || h > 5000) fail(tokens[1].column, _("a page larger than 5 m (expected a paper size)"));
        layout_.page_width_mm = w;
        layout_.page_height_mm = h;
    }

    void background(const std::vector<Token>& tokens) {
        if (!layout_.background.empty()) fail(tokens[0].column, _("a second background line (expected one)"));
        before_items(tokens[0]);
        const Token& file = one_argument(tokens, _("an image file (PNG or JPEG)"));
        if (file.value.empty())
            fail(file.value_column, _("an empty file name (expected an image file, PNG or JPEG)"));
        std::filesystem::path p(file.value);
        if (p.is_relative() && !base_dir_.empty()) p = std::filesystem::path(base_dir_) / p;
        layout_.background = p.string();
        layout_.background_at = here(file.value_column);
    }

    void font(const std::vector<Token>& tokens) {
        const Token& family = one_argument(tokens, _("a font family such as \"DejaVu Sans\""));
        layout_.family = family.value;
        layout_.family_at = here(family.value_column);
        if (layout_.family.empty()) fail(family.value_column, _("an empty font family"));
    }

    void default_color(const std::vector<Token>& tokens) {
        const Token& c = one_argument(tokens, _("a colour such as #1f2937"));
        layout_.color = color(c);
    }

    void lang(const std::vector<Token>& tokens) {
        const Token& l = one_argument(tokens, _("id or en"));
        if (l.value == "id")
            layout_.lang = Lang::id;
        else if (l.value == "en")
            layout_.lang = Lang::en;
        else
            fail(l.value_column, tr("unknown language '{}' (expected id or en)", l.value));
    }

    // --- values ---

    static std::string_view unit_of(std::string_view s) {
        for (std::string_view u : {"mm", "cm", "pt", "in"})
            if (s.ends_with(u)) return u;
        return {};
    }

    double number(std::string_view s, int column, std::string_view what) const {
        double v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (s.empty() || ec != std::errc() || end != s.data() + s.size() || s.front() == '+' ||
            !std::isfinite(v)) {
            fail(column,
                 s.find(',') != std::string_view::npos
                     ? tr("{}: '{}' is not a number (expected a number with a decimal point, such as 12.5)",
                          what, s)
                     : tr("{}: '{}' is not a number (expected a number such as 12.5)", what, s));
        }
        return v;
    }

    // A length in millimetres: a number with an optional unit (mm, cm, pt, in); `unit` when none is written.
    double length(std::string_view s, int column, std::string_view unit, std::string_view what) const {
        std::string_view u = unit_of(s);
        std::string_view n = s.substr(0, s.size() - u.size());
        if (u.empty()) u = unit;
        double v = number(n, column, what);
        if (u == "cm") return v * 10;
        if (u == "pt") return v * mm_per_pt;
        if (u == "in") return v * 25.4;
        return v;
    }

    Rgb color(const Token& t) const {
        const std::string& s = t.value;
        auto hex = [](char c) -> int {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        };
        bool ok = s.size() == 7 && s[0] == '#';
        for (std::size_t i = 1; ok && i < s.size(); ++i)
            ok = hex(s[i]) >= 0;
        if (!ok) fail(t.value_column, tr("'{}' is not a colour (expected #rrggbb, such as #1f2937)", s));
        auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(hex(s[i]) * 16 + hex(s[i + 1])); };
        return {byte(1), byte(3), byte(5)};
    }

    // The key=value attributes of an item, each allowed once and from `allowed`.
    std::map<std::string, const Token*> attributes(const std::vector<Token>& tokens, std::size_t first,
                                                   std::initializer_list<std::string_view> allowed) const {
        std::map<std::string, const Token*> found;
        std::string names;
        for (std::string_view a : allowed) {
            if (!names.empty()) names += ' ';
            names.append(a).append("=");
        }
        for (std::size_t i = first; i < tokens.size(); ++i) {
            const Token& t = tokens[i];
            if (t.key.empty())
                fail(t.column, tr("'{}' is not an attribute (expected one of {})", t.value, names));
            if (std::find(allowed.begin(), allowed.end(), t.key) == allowed.end())
                fail(t.column,
                     tr("unknown attribute '{}' for {} (expected one of {})", t.key, tokens[0].value, names));
            if (!found.emplace(t.key, &t).second) fail(t.column, tr("{}= given twice", t.key));
        }
        return found;
    }

    double required_length(const std::map<std::string, const Token*>& a, const std::string& key,
                           const Token& head) const {
        auto it = a.find(key);
        if (it == a.end()) fail(head.column, tr("{} needs {}=", head.value, key));
        return length(it->second->value, it->second->value_column, "mm", key + "=");
    }

    // Fails at `at` unless [from, to] lies within [0, limit].
    void on_page(double from, double to, double limit, const Token& at, const std::string& what) const {
        constexpr double slack = 1e-6;
        if (from >= -slack && to <= limit + slack) return;
        const std::string given = at.key + "=" + at.value;
        const std::string page =
            tr("the page is {:g} × {:g} mm", layout_.page_width_mm, layout_.page_height_mm);
        if (from == to) fail(at.value_column, tr("{} is off the page ({}; {})", what, given, page));
        fail(at.value_column,
             tr("{} is off the page (at {} it spans {:g} to {:g} mm; {})", what, given, from, to, page));
    }

    // --- items ---

    void text(const std::vector<Token>& tokens) {
        const Token& head = tokens[0];
        items_seen_ = true;
        if (tokens.size() < 2 || !tokens[1].key.empty())
            fail(head.column,
                 head.value == "field"
                     ? tr("field needs a name (expected one of {})", field_list())
                     : std::string(_("text needs a quoted string, as in text \"diberikan kepada\"")));
        const Token& what = tokens[1];
        LayoutText t;
        t.at = here(head.column);
        if (head.value == "field") {
            if (what.value == "qr" && !what.quoted) return qr(tokens, 2);
            auto f = certificate_field_from(what.value);
            if (!f || what.quoted)
                fail(what.value_column,
                     tr("unknown field '{}' (expected one of {}, or qr)", what.value, field_list()));
            t.parts.push_back({"", f});
        } else {
            if (!what.quoted)
                fail(what.column, tr("text needs a quoted string (expected \"{}\")", what.value));
            t.parts = placeholders(what);
        }
        auto a = attributes(
            tokens, 2, {"x", "y", "size", "align", "font", "weight", "style", "color", "width", "lines"});
        t.x_mm = required_length(a, "x", head);
        t.y_mm = required_length(a, "y", head);
        if (auto it = a.find("size"); it != a.end()) {
            const Token& s = *it->second;
            t.size_pt = length(s.value, s.value_column, "pt", "size=") / mm_per_pt;
            if (t.size_pt < 1 || t.size_pt > 500)
                fail(s.value_column, tr("size={} is out of range (expected 1 to 500 pt)", s.value));
        }
        if (auto it = a.find("align"); it != a.end()) {
            const std::string& v = it->second->value;
            if (v == "left")
                t.align = TextAlign::left;
            else if (v == "center" || v == "centre")
                t.align = TextAlign::center;
            else if (v == "right")
                t.align = TextAlign::right;
            else
                fail(it->second->value_column,
                     tr("unknown alignment '{}' (expected left, center or right)", v));
        }
        t.font_at = t.at;
        if (auto it = a.find("font"); it != a.end()) {
            t.family = it->second->value;
            t.font_at = here(it->second->value_column);
            if (t.family.empty()) fail(it->second->value_column, _("an empty font family"));
        }
        if (auto it = a.find("weight"); it != a.end()) t.weight = weight(*it->second);
        if (auto it = a.find("style"); it != a.end()) {
            const std::string& v = it->second->value;
            if (v != "normal" && v != "italic")
                fail(it->second->value_column, tr("unknown style '{}' (expected normal or italic)", v));
            t.italic = v == "italic";
        }
        if (auto it = a.find("color"); it != a.end()) t.color = color(*it->second);
        if (auto it = a.find("width"); it != a.end()) {
            const Token& w = *it->second;
            t.width_mm = length(w.value, w.value_column, "mm", "width=");
            if (t.width_mm <= 0) fail(w.value_column, _("width= must be above 0"));
        }
        if (auto it = a.find("lines"); it != a.end()) {
            const Token& l = *it->second;
            double n = number(l.value, l.value_column, "lines=");
            if (n < 1 || n > 20 || n != static_cast<int>(n))
                fail(l.value_column, tr("lines={} (expected a whole number from 1 to 20)", l.value));
            t.lines = static_cast<int>(n);
        }

        const Token& x = *a.at("x");
        const Token& y = *a.at("y");
        on_page(t.x_mm, t.x_mm, layout_.page_width_mm, x, _("the text"));
        on_page(t.y_mm, t.y_mm, layout_.page_height_mm, y, _("the text"));
        if (t.width_mm > 0) {
            const double left = aligned_left(t.align, t.x_mm, t.width_mm);
            const Token& w = *a.at("width");
            if (left < -1e-6 || left + t.width_mm > layout_.page_width_mm + 1e-6)
                fail(
                    w.value_column,
                    t.align == TextAlign::center
                        ? tr("the text is off the page (width={} centred on x={} spans {:g} to {:g} mm; the page "
                             "is {:g} mm wide)",
                             w.value, x.value, left, left + t.width_mm, layout_.page_width_mm)
                        : tr("the text is off the page (width={} from x={} spans {:g} to {:g} mm; the page is "
                             "{:g} mm wide)",
                             w.value, x.value, left, left + t.width_mm, layout_.page_width_mm));
        }
        const double size_mm = t.size_pt * mm_per_pt;
        if (t.y_mm - 0.8 * size_mm < -1e-6)
            fail(y.value_column, tr("the text is off the page (at y={} its {:g} pt letters rise above the "
                                    "top edge)",
                                    y.value, t.size_pt));
        const double last_baseline = t.y_mm + (t.lines - 1) * 1.2 * size_mm;
        if (last_baseline + 0.25 * size_mm > layout_.page_height_mm + 1e-6)
            fail(y.value_column, tr("the text is off the page (at y={} with lines={} it runs below the "
                                    "bottom edge, {:g} mm)",
                                    y.value, t.lines, layout_.page_height_mm));
        layout_.items.emplace_back(std::move(t));
    }

    int weight(const Token& t) const {
        static constexpr std::pair<std::string_view, int> names[] = {
            {"thin", 100},   {"light", 300},    {"normal", 400}, {"regular", 400},
            {"medium", 500}, {"semibold", 600}, {"bold", 700},   {"black", 900}};
        for (const auto& [n, w] : names)
            if (t.value == n) return w;
        int w = 0;
        auto [end, ec] = std::from_chars(t.value.data(), t.value.data() + t.value.size(), w);
        if (ec != std::errc() || end != t.value.data() + t.value.size() || w < 100 || w > 1000)
            fail(t.value_column,
                 tr("unknown weight '{}' (expected normal, bold, light, medium, semibold, or 100 to 1000)",
                    t.value));
        return w;
    }

    // Splits a text string into literals and {field}s; "{{" and "}}" are literal braces.
    std::vector<TextPart> placeholders(const Token& t) const {
        std::vector<TextPart> parts;
        std::string literal;
        const std::string& raw = t.raw;
        auto column_of = [&](std::size_t byte) {
            return t.value_column + code_points(std::string_view(raw).substr(0, byte));
        };
        for (std::size_t i = 0; i < raw.size(); ++i) {
            char c = raw[i];
            if (c == '\\') { // an escape: \" or \\ (checked by the tokenizer)
                literal += raw[++i];
                continue;
            }
            if ((c == '{' || c == '}') && i + 1 < raw.size() && raw[i + 1] == c) {
                literal += c;
                ++i;
                continue;
            }
            if (c == '}') fail(column_of(i), tr("'}}' closes nothing (write '}}}}' for a brace)"));
            if (c != '{') {
                literal += c;
                continue;
            }
            std::size_t close = raw.find('}', i + 1);
            if (close == std::string::npos)
                fail(column_of(i), tr("'{{' is not closed (write '{{{{' for a brace)"));
            std::string name = raw.substr(i + 1, close - i - 1);
            auto f = certificate_field_from(name);
            if (!f) fail(column_of(i), tr("unknown field '{{{}}}' (expected one of {})", name, field_list()));
            if (!literal.empty()) parts.push_back({std::move(literal), std::nullopt});
            literal.clear();
            parts.push_back({"", f});
            i = close;
        }
        if (!literal.empty()) parts.push_back({std::move(literal), std::nullopt});
        return parts;
    }

    void qr(const std::vector<Token>& tokens, std::size_t first) {
        const Token& head = tokens[0];
        items_seen_ = true;
        if (qr_seen_) fail(head.column, _("a second qr line (expected one QR code per certificate)"));
        qr_seen_ = true;
        auto a = attributes(tokens, first, {"x", "y", "size", "color"});
        LayoutQr q;
        q.at = here(head.column);
        q.x_mm = required_length(a, "x", head);
        q.y_mm = required_length(a, "y", head);
        if (auto it = a.find("size"); it != a.end()) {
            q.size_mm = length(it->second->value, it->second->value_column, "mm", "size=");
            if (q.size_mm < 10)
                fail(it->second->value_column,
                     tr("size={} is too small for a QR code that phones can read (expected 10 mm or more)",
                        it->second->value));
        }
        if (auto it = a.find("color"); it != a.end()) q.color = color(*it->second);
        on_page(q.x_mm, q.x_mm + q.size_mm, layout_.page_width_mm, *a.at("x"), _("the QR code"));
        on_page(q.y_mm, q.y_mm + q.size_mm, layout_.page_height_mm, *a.at("y"), _("the QR code"));
        layout_.items.emplace_back(q);
    }

    void rect(const std::vector<Token>& tokens) {
        const Token& head = tokens[0];
        items_seen_ = true;
        auto a = attributes(tokens, 1, {"x", "y", "width", "height", "stroke", "color", "fill"});
        LayoutRect r;
        r.at = here(head.column);
        r.x_mm = required_length(a, "x", head);
        r.y_mm = required_length(a, "y", head);
        r.width_mm = required_length(a, "width", head);
        r.height_mm = required_length(a, "height", head);
        if (r.width_mm < 0) fail(a.at("width")->value_column, _("width= must not be negative"));
        if (r.height_mm < 0) fail(a.at("height")->value_column, _("height= must not be negative"));
        if (auto it = a.find("stroke"); it != a.end()) {
            r.stroke_mm = length(it->second->value, it->second->value_column, "mm", "stroke=");
            if (r.stroke_mm < 0) fail(it->second->value_column, _("stroke= must not be negative"));
        }
        if (auto it = a.find("color"); it != a.end()) r.color = color(*it->second);
        if (auto it = a.find("fill"); it != a.end()) r.fill = color(*it->second);
        if (r.stroke_mm == 0 && !r.fill)
            fail(head.column, _("a rect with stroke=0 and no fill= draws nothing"));
        on_page(r.x_mm, r.x_mm + r.width_mm, layout_.page_width_mm, *a.at("x"), _("the rect"));
        on_page(r.y_mm, r.y_mm + r.height_mm, layout_.page_height_mm, *a.at("y"), _("the rect"));
        layout_.items.emplace_back(r);
    }

    CertificateLayout layout_;
    std::string base_dir_;
    int line_no_ = 0;
    bool page_seen_ = false, items_seen_ = false, qr_seen_ = false;
};

} // namespace

std::string_view to_string(CertificateField f) {
    for (const auto& [name, field] : field_names)
        if (field == f) return name;
    return "?";
}

std::optional<CertificateField> certificate_field_from(std::string_view name) {
    for (const auto& [n, field] : field_names)
        if (n == name) return field;
    return std::nullopt;
}

CertificateLayout parse_certificate_layout(std::string_view text, const std::string& source,
                                           const std::string& base_dir) {
    return Parser(source, base_dir).parse(text);
}

CertificateLayout load_certificate_layout(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(tr("cannot read the layout {}: {}", path, std::strerror(errno)));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw Error(tr("cannot read the layout {}: {}", path, std::strerror(errno)));
    return parse_certificate_layout(text.str(), path, std::filesystem::path(path).parent_path().string());
}

std::string_view default_certificate_layout_text() {
    return default_layout_text;
}

CertificateLayout default_certificate_layout() {
    return parse_certificate_layout(default_layout_text, "(built-in layout)");
}

double available_width_mm(const CertificateLayout& layout, const LayoutText& t) {
    if (t.width_mm > 0) return t.width_mm;
    switch (t.align) {
    case TextAlign::left: return layout.page_width_mm - t.x_mm;
    case TextAlign::right: return t.x_mm;
    case TextAlign::center: return 2 * std::min(t.x_mm, layout.page_width_mm - t.x_mm);
    }
    return 0;
}

} // namespace asnbelajar
