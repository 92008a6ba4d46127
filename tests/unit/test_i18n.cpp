// Messages in the user's language: the catalog's translations keep their placeholders (so that tr() can
// format them with the English message's arguments), the compiled catalog is used, and the language is chosen
// by --lang, ASNBELAJAR_LANG, LANGUAGE and the locale, in that order.
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/nip.hpp"
#include "asnbelajar/reports.hpp"
#include "language.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#ifndef ASNB_PO_DIR
#error "tests/CMakeLists.txt defines ASNB_PO_DIR (po/) and ASNB_LOCALE_DIR (BUILD/locale)"
#endif

using namespace asnbelajar;

namespace {

// One entry of a PO file.
struct PoEntry {
    std::size_t line = 0;
    bool fuzzy = false;
    std::string msgid, msgid_plural;
    std::vector<std::string> msgstr; // msgstr, or msgstr[0], msgstr[1], ...
};

std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        const char c = s[++i];
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
    }
    return out;
}

std::vector<PoEntry> read_po(const std::string& path) {
    std::ifstream in(path);
    REQUIRE_MESSAGE(in, "cannot read " << path);
    std::vector<PoEntry> entries;
    PoEntry cur;
    std::string* field = nullptr;
    bool fuzzy = false;
    std::string line;
    std::size_t n = 0;
    auto flush = [&] {
        if (cur.line) entries.push_back(cur);
        cur = {};
        field = nullptr;
    };
    while (std::getline(in, line)) {
        ++n;
        auto quoted = [&](std::size_t from) {
            const std::size_t open = line.find('"', from);
            return unescape(line.substr(open + 1, line.rfind('"') - open - 1));
        };
        if (line.rfind("#,", 0) == 0) {
            fuzzy = line.find("fuzzy") != std::string::npos;
        } else if (line.rfind("msgid_plural ", 0) == 0) {
            cur.msgid_plural = quoted(12);
            field = &cur.msgid_plural;
        } else if (line.rfind("msgid ", 0) == 0) {
            flush();
            cur.line = n;
            cur.fuzzy = fuzzy;
            fuzzy = false;
            cur.msgid = quoted(5);
            field = &cur.msgid;
        } else if (line.rfind("msgstr", 0) == 0) {
            cur.msgstr.push_back(quoted(6));
            field = &cur.msgstr.back();
        } else if (line.rfind("\"", 0) == 0 && field) {
            *field += quoted(0);
        }
    }
    flush();
    return entries;
}

// The replacement fields of a format string: each argument with its format spec, automatic ones numbered 0, 1,
// ... in order, explicit ones ({1}) and named ones ({seq}, in a message that is not a format) as they say.
// nullopt: not a valid format string ({ not closed, a lone }, or automatic and explicit numbering mixed).
std::optional<std::set<std::pair<std::string, std::string>>> fields(const std::string& s) {
    std::set<std::pair<std::string, std::string>> out;
    int next = 0;
    bool automatic = false, manual = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '}') {
            if (i + 1 < s.size() && s[i + 1] == '}') {
                ++i;
                continue;
            }
            return std::nullopt;
        }
        if (s[i] != '{') continue;
        if (i + 1 < s.size() && s[i + 1] == '{') {
            ++i;
            continue;
        }
        const std::size_t close = s.find('}', i);
        if (close == std::string::npos) return std::nullopt;
        const std::string inside = s.substr(i + 1, close - i - 1);
        const std::size_t colon = inside.find(':');
        std::string id = inside.substr(0, colon);
        const std::string spec = colon == std::string::npos ? "" : inside.substr(colon + 1);
        if (spec.find('{') != std::string::npos) return std::nullopt; // nested fields: none in our messages
        if (id.empty()) {
            automatic = true;
            id = std::to_string(next++);
        } else if (id.find_first_not_of("0123456789") == std::string::npos) {
            manual = true;
        }
        if (automatic && manual) return std::nullopt;
        out.emplace(id, spec);
        i = close;
    }
    return out;
}

// Sets an environment variable for the life of the guard (unset for nullptr), then puts it back.
class EnvGuard {
  public:
    EnvGuard(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~EnvGuard() {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }
    EnvGuard(const EnvGuard&) = delete;
    EnvGuard& operator=(const EnvGuard&) = delete;

  private:
    const char* name_;
    std::optional<std::string> old_;
};

// Indonesian messages for the life of the guard, then English again (the other tests match English).
struct Indonesian {
    Indonesian() { use_language(Lang::id, ASNB_LOCALE_DIR); }
    ~Indonesian() { use_language(Lang::en, ASNB_LOCALE_DIR); }
};

} // namespace

TEST_CASE("every translation in po/id.po keeps the placeholders of its message") {
    const std::vector<PoEntry> entries = read_po(std::string(ASNB_PO_DIR) + "/id.po");
    CHECK(entries.size() > 400);
    std::size_t checked = 0;
    for (const PoEntry& e : entries) {
        if (e.msgid.empty()) continue; // the header
        CAPTURE(e.line);
        CAPTURE(e.msgid);
        CHECK_MESSAGE(!e.fuzzy, "a fuzzy translation: check it and remove the flag");
        REQUIRE(!e.msgstr.empty());
        const auto english = fields(e.msgid);
        REQUIRE_MESSAGE(english, "the message itself is not a valid format");
        if (!e.msgid_plural.empty()) CHECK(fields(e.msgid_plural) == english);
        for (const std::string& translation : e.msgstr) {
            CAPTURE(translation);
            CHECK_MESSAGE(!translation.empty(), "not translated");
            CHECK_MESSAGE(fields(translation) == english,
                          "the translation's placeholders differ from the message's");
            ++checked;
        }
    }
    MESSAGE(checked << " translations checked");
}

TEST_CASE("the placeholder check knows a valid translation from a broken one") {
    CHECK(fields("{} of {}") == fields("{1} dari {0}")); // the arguments in another order
    CHECK(fields("{} of {}") != fields("{} dari"));      // an argument lost
    CHECK(fields("{:.1f}") != fields("{}"));             // a spec changed
    CHECK_FALSE(fields("{} dari {1}"));                  // numbering mixed
    CHECK_FALSE(fields("'{' tidak ditutup"));            // an escape lost
    CHECK(fields("'{{' at {}") == fields("'{{' pada {}"));
}

TEST_CASE("messages come from the compiled catalog in Indonesian, and stay English otherwise") {
    CHECK(message_language() == Lang::en);
    CHECK(std::string(_("a name is required")) == "a name is required");
    {
        Indonesian id;
        CHECK(message_language() == Lang::id);
        CHECK(std::string(_("a name is required")) == "nama wajib diisi");
        CHECK(tr("no participant with NIP {}", "198609262015051001") ==
              "tidak ada peserta dengan NIP 198609262015051001");
        CHECK(trn("{} row", "{} rows", 1, 1) == "1 baris");
        CHECK(trn("{} row", "{} rows", 2, 2) == "2 baris");
        CHECK(or_list({"a", "b", "c"}) == "a, b atau c");
        // The library's errors are translated where they are built.
        CHECK(check_nip("12345", Date{2025, 6, 1}).error == "NIP harus terdiri atas 18 angka, ditemukan 5");
        // A message the catalog does not have stays English.
        CHECK(std::string(_("a message no catalog has")) == "a message no catalog has");
    }
    CHECK(std::string(_("a name is required")) == "a name is required");
    CHECK(trn("{} row", "{} rows", 2, 2) == "2 rows");
    CHECK(or_list({"a", "b", "c"}) == "a, b or c");
}

TEST_CASE("a translation that does not fit its arguments falls back to the English message") {
    const std::string english = "{} of {}";
    int a = 1, b = 2;
    CHECK(detail::vformat_translated(english, "{} dari {} {}", fmt::make_format_args(a, b)) == "1 of 2");
    CHECK(detail::vformat_translated(english, "{1} dari {0}", fmt::make_format_args(a, b)) == "2 dari 1");
}

TEST_CASE("the language: --lang, else ASNBELAJAR_LANG, else LANGUAGE or the locale, else Indonesian") {
    EnvGuard own("ASNBELAJAR_LANG", nullptr), language("LANGUAGE", nullptr), all("LC_ALL", nullptr),
        messages("LC_MESSAGES", nullptr), lang("LANG", nullptr);
    using cli::choose_language;
    CHECK(choose_language({"asnbelajar", "session", "list"}) == Lang::id);
    {
        EnvGuard c("LANG", "C.UTF-8");
        CHECK(choose_language({"asnbelajar"}) == Lang::id);
    }
    {
        EnvGuard en("LANG", "en_US.UTF-8");
        CHECK(choose_language({"asnbelajar"}) == Lang::en);
        CHECK(choose_language({"asnbelajar", "--lang", "id"}) == Lang::id);
        CHECK(choose_language({"asnbelajar", "report", "jp", "--lang=id"}) == Lang::id);
        CHECK(choose_language({"asnbelajar", "--lang", "fr"}) == Lang::en); // CLI11 refuses it later
        {
            EnvGuard first("LC_ALL", "id_ID.UTF-8"); // LC_ALL before LANG
            CHECK(choose_language({"asnbelajar"}) == Lang::id);
        }
        {
            EnvGuard list("LANGUAGE", "fr:id:en"); // the first of id or en in the list
            CHECK(choose_language({"asnbelajar"}) == Lang::id);
        }
        EnvGuard own_id("ASNBELAJAR_LANG", "id");
        CHECK(choose_language({"asnbelajar"}) == Lang::id);
        CHECK(choose_language({"asnbelajar", "--lang", "en"}) == Lang::en);
        CHECK(choose_language({"asnbelajar", "--", "--lang", "en"}) == Lang::id); // after --: an argument
    }
}

TEST_CASE("CLI11's parse errors are said in the message language") {
    CLI::App app{"test", "asnbelajar"};
    int minutes = 0, count = 0;
    app.add_option("--minutes", minutes)->check(CLI::Range(0, 100));
    app.add_option("--count", count);
    auto error_of = [&](std::vector<std::string> args) {
        std::vector<char*> argv{const_cast<char*>("asnbelajar")};
        for (std::string& a : args)
            argv.push_back(a.data());
        try {
            app.parse(static_cast<int>(argv.size()), argv.data());
        } catch (const CLI::ParseError& e) {
            return cli::parse_error_message(e);
        }
        return std::string("no error");
    };
    CHECK(error_of({"--minutes", "200"}) == "--minutes: 200 is not between 0 and 100");
    CHECK(error_of({"--bogus"}) == "unexpected argument: --bogus");
    Indonesian id;
    CHECK(error_of({"--minutes", "200"}) == "--minutes: 200 tidak berada di antara 0 dan 100");
    CHECK(error_of({"--count", "abc"}) == "--count: 'abc' bukan bilangan");
    CHECK(error_of({"--bogus"}) == "argumen tidak terduga: --bogus");
}

TEST_CASE("report values: English keys in machine formats, labels in the report's language in human ones") {
    Column status{"status", "Status", "Status"};
    CHECK(value_label(status, "waitlisted", Lang::id) == "waitlisted"); // free text: as it is
    static constexpr ValueLabel values[] = {{"waitlisted", "daftar tunggu", "waitlisted"}};
    status.values = values;
    CHECK(value_label(status, "waitlisted", Lang::id) == "daftar tunggu");
    CHECK(value_label(status, "waitlisted", Lang::en) == "waitlisted");
    CHECK(value_label(status, "something else", Lang::id) == "something else");
}
