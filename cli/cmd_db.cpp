// asnbelajar db check|backup|log
#include "app.hpp"

#include "asnbelajar/error.hpp"

#include <fmt/format.h>

#include <memory>

namespace asnbelajar::cli {
namespace {

Column col(const char* key, const char* id, const char* en, ColumnType type = ColumnType::text) {
    return {key, id, en, type};
}

void run_check(Context& ctx) {
    Store store = ctx.read_store();
    StoreCheck c = store.check();
    Report r;
    r.kind = "db-check";
    r.lang = ctx.lang();
    r.zone = ctx.zone();
    r.title = ctx.lang() == Lang::en ? "Store check" : "Pemeriksaan basis data";
    r.subtitle.push_back(store.path());
    r.table.columns = {col("check", "Pemeriksaan", "Check"), col("value", "Nilai", "Value")};
    auto row = [&](const char* key, std::string value) { r.table.rows.push_back({std::string(key), value}); };
    row("integrity", c.integrity);
    row("schema_version", std::to_string(c.version));
    row("journal_mode", c.journal_mode);
    row("participants", std::to_string(c.participants));
    row("sessions", std::to_string(c.sessions));
    row("enrollments", std::to_string(c.enrollments));
    row("attendance", std::to_string(c.attendance));
    row("attendance_marks", std::to_string(c.marks));
    row("certificates", std::to_string(c.certificates));
    row("audit_log", std::to_string(c.audit));
    ctx.emit(r);
    if (c.integrity != "ok") throw Error(fmt::format("store {} failed its integrity check: {}", store.path(), c.integrity));
}

void run_log(Context& ctx, int limit) {
    Store store = ctx.read_store();
    Report r;
    r.kind = "db-log";
    r.lang = ctx.lang();
    r.zone = ctx.zone();
    r.title = ctx.lang() == Lang::en ? "Audit log" : "Log audit";
    r.table.columns = {col("at", "Waktu", "At", ColumnType::datetime), col("user", "Pengguna", "User"),
                       col("command", "Perintah", "Command"), col("rows", "Baris", "Rows", ColumnType::integer)};
    for (const Store::AuditEntry& e : store.audit_log(limit))
        r.table.rows.push_back({Cell{e.at}, e.user, e.command, Cell{e.rows}});
    ctx.emit(r);
}

} // namespace

void setup_db(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("db", "Store maintenance: check, backup, audit log");
    cmd->require_subcommand(1);

    auto* check = cmd->add_subcommand("check", "Integrity check, schema version and counts (exit 1 if damaged)");
    check->footer("Example:\n  asnbelajar --db /srv/asnbelajar/asnbelajar.db db check");
    check->callback([&ctx] { run_check(ctx); });

    auto file = std::make_shared<std::string>();
    auto* backup = cmd->add_subcommand("backup", "Consistent online backup (safe while others write)");
    backup->add_option("FILE", *file, "The backup file (replaced atomically when it exists)")->required();
    backup->footer("Example:\n  asnbelajar db backup /var/backups/asnbelajar-$(date +%F).db");
    backup->callback([&ctx, file] {
        Store store = ctx.read_store();
        store.backup_to(*file);
        ctx.note(fmt::format("backed up {} to {}", store.path(), *file));
    });

    auto limit = std::make_shared<int>(100);
    auto* log = cmd->add_subcommand("log", "The audit log: when, OS user, command, rows touched");
    log->add_option("--limit", *limit, "Show the last N entries (default 100)")->check(CLI::PositiveNumber);
    log->footer("Example:\n  asnbelajar db log --limit 20");
    log->callback([&ctx, limit] { run_log(ctx, *limit); });
}

} // namespace asnbelajar::cli
