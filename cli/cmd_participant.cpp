// asnbelajar participant add|import|list|show
#include "app.hpp"
#include "import_job.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/participant.hpp"
#include "asnbelajar/reports.hpp"
#include "asnbelajar/roster_import.hpp"

#include <fmt/format.h>

#include <memory>

namespace asnbelajar::cli {
namespace {

struct ParticipantOptions {
    Participant p;
    std::string person, agency, search;
    ImportFlags import;
};

void run_add(Context& ctx, ParticipantOptions& o) {
    Participant p = o.p;
    auto problems = normalize_participant(p, current_date(ctx));
    if (!problems.empty()) {
        std::string msg;
        for (const FieldProblem& f : problems)
            msg += fmt::format("{}--{}: '{}': {}", msg.empty() ? "" : "\n  ", f.column, f.value, f.reason);
        throw Error(msg);
    }
    ctx.write([&](store::Store& store) {
        if (!p.nip.empty())
            if (auto existing = store.participant_by_nip(p.nip))
                throw Error(tr("NIP {} already belongs to {}", p.nip, existing->name));
        if (!p.email.empty())
            if (auto existing = store.participant_by_email(p.email))
                throw Error(tr("e-mail {} already belongs to {}", p.email, existing->name));
        p.id = store.insert_participant(p);
        return std::int64_t{1};
    });
    ctx.out << (p.nip.empty() ? p.email : p.nip) << '\n';
    ctx.note(tr("added {}", describe(p)));
    if (std::string why = grade_identity_warning(p); !why.empty())
        ctx.warn(tr("--grade: '{}': {}", p.grade, why));
}

} // namespace

void setup_participant(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("participant", _("Add, import, list and show participants"));
    cmd->require_subcommand(1);
    cmd->footer(examples(
        {"asnbelajar participant import roster.csv", "asnbelajar participant list --search rahayu"}));
    auto o = std::make_shared<ParticipantOptions>();

    auto* add = cmd->add_subcommand("add", _("Add one participant"));
    add->add_option("--nip", o->p.nip, _("NIP or NI PPPK (18 digits; spaces allowed)"));
    add->add_option("--name", o->p.name, _("Full name with titles"))->required();
    add->add_option("--email", o->p.email, _("E-mail (the identity of someone without a NIP)"));
    add->add_option("--phone", o->p.phone, _("Mobile number, saved as +62…"));
    add->add_option("--agency", o->p.agency, _("Instansi, e.g. \"Pemerintah Kabupaten Sidoarjo\""));
    add->add_option("--unit", o->p.unit, _("Unit kerja / perangkat daerah"));
    add->add_option("--position", o->p.position, _("Jabatan"));
    add->add_option("--grade", o->p.grade, _("Pangkat/golongan, e.g. III/a"));
    add->footer(
        examples({"asnbelajar participant add --nip \"19860926 201505 1 001\" --name \"Siti Rahayu, S.Pd.\" "
                  "--email siti@example.go.id --agency \"Pemerintah Kabupaten Sidoarjo\" --grade IIIa"}));
    add->callback([&ctx, o] { run_add(ctx, *o); });

    auto* import = cmd->add_subcommand(
        "import", _("Add or update participants from a CSV roster or registration export"));
    import
        ->add_option("FILE", o->import.file,
                     _("CSV (comma, semicolon or tab; UTF-8 or UTF-16), or - for stdin"))
        ->required();
    add_import_flags(*import, o->import);
    import->footer(footer(
        _("Rows are matched by NIP, then e-mail: new people are added, known ones updated (empty cells never "
          "erase\nanything). Any invalid row refuses the whole file (exit 1) unless --skip-invalid (exit 3). "
          "Headers are\nmatched in English or Indonesian (NIP, Nama Lengkap, Email/Surel, No HP, Instansi, Unit "
          "Kerja, Jabatan,\nPangkat/Golongan); see docs/import.md."),
        {"asnbelajar participant import roster.csv",
         "asnbelajar participant import --dry-run roster-excel.csv",
         "asnbelajar participant import registrations.csv --skip-invalid --rejects rejected.csv",
         "iconv -f latin1 -t utf-8 old-roster.csv | asnbelajar participant import -"}));
    import->callback([&ctx, o] {
        run_roster_import(ctx, o->import,
                   [](store::Store& store, CsvReader& reader, const RosterImportOptions& options) {
                       return import_participants(store, reader, options);
});
} // namespace asnbelajar::cli
);

auto* list = cmd->add_subcommand("list", _("List participants"));
list->add_option("--agency", o->agency, _("Only this agency (exact name)"));
list->add_option("--search", o->search, _("Name, NIP or e-mail containing TEXT"));
list->footer(examples({"asnbelajar participant list --search rahayu",
                       "asnbelajar participant list --agency \"Pemerintah Kota Malang\" --format csv"}));
list->callback([&ctx, o] {
    const auto store = ctx.read_store();
    ctx.emit(participant_list(*store, o->agency, o->search, ctx.report_context()));
});

auto* show = cmd->add_subcommand("show", _("Show one participant"));
show->add_option("PERSON", o->person, _("NIP or e-mail"))->required();
show->footer(examples({"asnbelajar participant show 198609262015051001"}));
show->callback([&ctx, o] {
    const auto store = ctx.read_store();
    ctx.emit(participant_details(resolve_person(*store, o->person), ctx.report_context()));
});
}

} // namespace asnbelajar::cli
