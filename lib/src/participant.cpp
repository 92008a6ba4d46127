#include "asnbelajar/participant.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/nip.hpp"
#include "asnbelajar/normalize.hpp"
#include "asnbelajar/store.hpp"

#include <fmt/format.h>

namespace asnbelajar {

std::vector<FieldProblem> normalize_participant(Participant& p, Date today) {
    std::vector<FieldProblem> problems;
    if (!p.nip.empty()) {
        NipCheck c = check_nip(p.nip, today);
        if (c.ok)
            p.nip = c.nip;
        else
            problems.push_back({"nip", p.nip, c.error});
    }
    auto normalize_field = [&](const char* column, std::string& value, auto fn) {
        if (value.empty()) return;
        Normalized n = fn(value);
        if (n.ok)
            value = n.value; // a copy keeps value's capacity for the next row of an import
        else
            problems.push_back({column, value, n.error});
    };
    normalize_field("email", p.email, normalize_email);
    normalize_field("phone", p.phone, normalize_phone);
    normalize_field("grade", p.grade, normalize_grade);
    for (std::string* text : {&p.name, &p.agency, &p.unit, &p.position})
        clean_text_in_place(*text);
    if (p.name.empty()) problems.push_back({"name", "", _("a name is required")});
    if (p.nip.empty() && p.email.empty() && problems.empty())
        problems.push_back({"nip", "", _("a NIP or an e-mail address is required")});
    return problems;
}

std::string grade_identity_warning(const Participant& p) {
    if (p.nip.empty() || p.grade.empty()) return {};
    const bool pns_grade = p.grade.find('/') != std::string::npos; // normalised: "III/a" or "IX"
    if (nip_kind(p.nip) == NipKind::pppk) {
        if (!pns_grade) return {};
        return tr("{} is a PNS golongan, but {} is an NI PPPK (digits 13-14 are 21 to 29), whose "
                  "golongan run from I to XVII: check the golongan or the NIP",
                  p.grade, p.nip);
    }
    if (pns_grade) return {};
    if (p.grade == "I" || p.grade == "II" || p.grade == "III" || p.grade == "IV")
        return tr("{} without a letter is a PPPK golongan, but {} is a PNS NIP: a PNS golongan has "
                  "its letter ({}/a, {}/b, ...)",
                  p.grade, p.nip, p.grade, p.grade);
    return tr("{} is a PPPK golongan (I to XVII), but {} is a PNS NIP (digits 13-14 are a month): "
              "check the golongan or the NIP",
              p.grade, p.nip);
}

Participant resolve_person(const store::Store& store, std::string_view text) {
    if (text.find('@') != std::string_view::npos) {
        Normalized e = normalize_email(text);
        if (!e.ok) throw Error(tr("'{}' is not a valid e-mail address: {}", text, e.error));
        if (auto p = store.participant_by_email(e.value)) return *p;
        throw Error(tr("no participant with e-mail {}", e.value));
    }
    std::string digits = nip_digits(text);
    if (digits.empty()) throw Error(tr("'{}' is neither a NIP nor an e-mail address", text));
    if (auto p = store.participant_by_nip(digits)) return *p;
    throw Error(tr("no participant with NIP {}", digits));
}

std::vector<Participant> resolve_people(const store::Store& store, const std::vector<std::string>& texts) {
    std::vector<Participant> people;
    people.reserve(texts.size());
    for (const std::string& text : texts)
        people.push_back(resolve_person(store, text));
    return people;
}

std::string describe(const Participant& p) {
    if (!p.nip.empty()) return fmt::format("NIP {} ({})", p.nip, p.name);
    return fmt::format("{} ({})", p.email, p.name);
}

} // namespace asnbelajar
