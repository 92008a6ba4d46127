// asnbelajar db check|migrate|backup|log (db copy: cmd_db_copy.cpp)
#include "app.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/reports.hpp"

#include <fmt/format.h>

#include <memory>

namespace asnbelajar::cli {
namespace {

void run_check(Context& ctx) {
    const auto store = ctx.read_store();
    store::StoreCheck c = store->check();
    ctx.emit(store_check_report(c, store->location(), ctx.report_context()));
    if (c.integrity != "ok")
        throw Error(fmt::format("store {} failed its integrity check: {}", store->location(), c.integrity));
}

// Opening a store for writing migrates it; the migration is audited like any write. A missing store is not
// created: there is nothing to migrate.
void run_migrate(Context& ctx) {
    const std::string path = ctx.store_path();
    const std::string shown = store::printable_argument(path); // a URL's password is never printed
    if (!store::exists(path)) throw Error(fmt::format("no store at {}", shown));
    ctx.write([](store::Store&) -> std::int64_t { return 0; });
    ctx.note(fmt::format("store {} is at schema version {}", shown, store::schema_version));
}

void run_log(Context& ctx, int limit) {
    const auto store = ctx.read_store();
    ctx.emit(audit_report(store->audit_log(limit), ctx.report_context()));
}

} // namespace

void setup_db(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("db", "Store maintenance: check, migrate, backup, copy, audit log");
    cmd->require_subcommand(1);
    cmd->footer(
        "Examples:\n  asnbelajar db check\n  asnbelajar db backup /var/backups/asnbelajar-$(date +%F).db");

    auto* check =
        cmd->add_subcommand("check", "Integrity check, schema version and counts (exit 1 if damaged)");
    check->footer("Example:\n  asnbelajar --db /srv/asnbelajar/asnbelajar.db db check");
    check->callback([&ctx] { run_check(ctx); });

    auto* migrate = cmd->add_subcommand(
        "migrate", "Bring a store written by an older asnbelajar to this version's schema (reports need it); "
                   "PostgreSQL: create the tables in an empty database");
    migrate->footer(
        "Examples:\n  asnbelajar --db /srv/asnbelajar/asnbelajar.db db migrate\n"
        "  asnbelajar --db postgresql://registry@db.example.go.id/asnbelajar db migrate   # creates the "
        "tables");
    migrate->callback([&ctx] { run_migrate(ctx); });

    auto file = std::make_shared<std::string>();
    auto* backup = cmd->add_subcommand(
        "backup", "Consistent online backup (safe while others write); PostgreSQL: pg_dump -Fc to FILE.dump");
    backup->add_option("FILE", *file, "The backup file (replaced atomically when it exists)")->required();
    backup->footer("Examples:\n  asnbelajar db backup /var/backups/asnbelajar-$(date +%F).db\n"
                   "  asnbelajar --db postgresql://registry@db.example.go.id/asnbelajar db backup "
                   "/var/backups/registry-$(date +%F).dump   # pg_dump -Fc");
    backup->callback([&ctx, file] {
        const auto store = ctx.read_store();
        const std::string what = store->backup_to(*file);
        ctx.note(fmt::format("backed up {} to {}: {}", store->location(), *file, what));
    });

    auto limit = std::make_shared<int>(100);
    auto* log = cmd->add_subcommand("log", "The audit log: when, OS user, command, rows touched");
    log->add_option("--limit", *limit, "Show the last N entries (default 100)")->check(CLI::PositiveNumber);
    log->footer("Example:\n  asnbelajar db log --limit 20");
    log->callback([&ctx, limit] { run_log(ctx, *limit); });

    setup_db_copy(*cmd, ctx);
}

} // namespace asnbelajar::cli
