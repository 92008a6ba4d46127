// asnbelajar attend SESSION PERSON... [--minutes M]
#include "app.hpp"

#include "asnbelajar/attendance.hpp"
#include "asnbelajar/error.hpp"
#include "asnbelajar/participant.hpp"
#include "asnbelajar/session.hpp"

#include <fmt/format.h>

#include <memory>

namespace asnbelajar::cli {
namespace {

struct AttendOptions {
    std::string session;
    std::vector<std::string> people;
    int minutes = 0;
};

void run_attend(Context& ctx, CLI::App* cmd, const AttendOptions& o) {
    if (o.people.empty()) throw UsageError("attend needs at least one PERSON (NIP or e-mail)");
    std::optional<int> minutes;
    if (cmd->count("--minutes")) minutes = o.minutes;
    int walk_ins = 0;
    std::string code;
    ctx.write([&](Store& store) {
        Session session = resolve_session(store, o.session);
        code = session.code;
        std::vector<Participant> people;
        for (const std::string& text : o.people) people.push_back(resolve_person(store, text));
        for (const Participant& p : people)
            walk_ins += mark_attendance(store, session, p, minutes) == MarkResult::walk_in;
        return static_cast<std::int64_t>(people.size());
    });
    ctx.note(fmt::format("{}: marked {} {}{}", code, o.people.size(),
                         minutes ? fmt::format("with {} minutes", *minutes) : std::string("as self-declared"),
                         walk_ins ? fmt::format(" ({} walk-ins)", walk_ins) : std::string()));
}

} // namespace

void setup_attend(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<AttendOptions>();
    auto* cmd = app.add_subcommand("attend", "Record attendance: manual marks, or a platform export");
    cmd->add_option("SESSION", o->session, "Session code or id")->required();
    cmd->add_option("PERSON", o->people, "NIP or e-mail of each participant");
    cmd->add_option("--minutes", o->minutes, "Minutes present (without it: self-declared, counts as attended)");
    cmd->footer("Examples:\n  asnbelajar attend 2022-03-03 198609262015051001 --minutes 150\n"
                "  asnbelajar attend 2022-03-03 siti@example.go.id");
    cmd->callback([&ctx, cmd, o] { run_attend(ctx, cmd, *o); });
}

} // namespace asnbelajar::cli
