// asnbelajar db check|migrate|backup|log (db copy: cmd_db_copy.cpp)
#include "app.hpp"
#include "output_file.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/reports.hpp"

#include <fmt/format.h>

#include <limits>
#include <memory>

namespace asnbelajar::cli {
namespace {

void run_check(Context& ctx) {
    const auto store = ctx.read_store();
    store::StoreCheck c = store->check();
    ctx.emit(store_check_report(c, store->location(), ctx.report_context()));
    if (c.integrity != "ok")
        throw Error(tr("store {} failed its integrity check: {}", store->location(), c.integrity));
}

// Opening a store for writing migrates it; the migration is audited like any write. A missing store is not
// created: there is nothing to migrate.
void run_migrate(Context& ctx) {
    const std::string path = ctx.store_path();
    const std::string shown = store::printable_argument(path); // a URL's password is never printed
    if (!store::exists(path)) throw Error(tr("no store at {}", shown));
    ctx.write([](store::Store&) -> std::int64_t { return 0; });
    ctx.note(tr("store {} is at schema version {}", shown, store::schema_version));
}

void run_log(Context& ctx, int limit) {
    const auto store = ctx.read_store();
    ctx.emit(audit_report(store->audit_log(limit), ctx.report_context()));
}

} // namespace

void setup_db(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("db", _("Store maintenance: check, migrate, backup, copy, audit log"));
    cmd->require_subcommand(1);
    cmd->footer(
        examples({"asnbelajar db check", "asnbelajar db backup /var/backups/asnbelajar-$(date +%F).db"}));

    auto* check =
        cmd->add_subcommand("check", _("Integrity check, schema version and counts (exit 1 if damaged)"));
    check->footer(examples({"asnbelajar --db /srv/asnbelajar/asnbelajar.db db check"}));
    check->callback([&ctx] { run_check(ctx); });

    auto* migrate = cmd->add_subcommand(
        "migrate",
        _("Bring a store written by an older asnbelajar to this version's schema (reports need it); "
          "PostgreSQL: create the tables in an empty database"));
    migrate->footer(
        examples({"asnbelajar --db /srv/asnbelajar/asnbelajar.db db migrate",
                  "asnbelajar --db postgresql://registry@db.example.go.id/asnbelajar db migrate"}));
    migrate->callback([&ctx] { run_migrate(ctx); });

    auto file = std::make_shared<std::string>();
    auto* backup = cmd->add_subcommand(
        "backup",
        _("Consistent online backup (safe while others write); PostgreSQL: pg_dump -Fc to FILE.dump"));
    backup->add_option("FILE", *file, _("The backup file (mode 0600; a file there is replaced atomically)"))
        ->required();
    backup->footer(examples({"asnbelajar db backup /var/backups/asnbelajar-$(date +%F).db",
                             "asnbelajar --db postgresql://registry@db.example.go.id/asnbelajar db backup "
                             "/var/backups/registry-$(date +%F).dump"}));
    backup->callback([&ctx, file] {
        const auto store = ctx.read_store();
        OutputFile out(*file, "back up to"); // 0600; a link or a device written through, never replaced
        const std::string what = store->backup_to(out.file_for_writer(), *file);
        out.commit();
        ctx.note(tr("backed up {} to {}: {}", store->location(), *file, what));
    });

    auto limit = std::make_shared<int>(100);
    auto* log = cmd->add_subcommand("log", _("The audit log: when, OS user, command, rows touched"));
    log->add_option("--limit", *limit, _("Show the last N entries (default 100)"))
        ->check(CLI::Range(1, std::numeric_limits<int>::max()));
    log->footer(examples({"asnbelajar db log --limit 20"}));
    log->callback([&ctx, limit] { run_log(ctx, *limit); });

    setup_db_copy(*cmd, ctx);
}

} // namespace asnbelajar::cli
