// asnbelajar db copy FROM TO
#include "app.hpp"
#include "progress.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/store_copy.hpp"

#include <fmt/format.h>

#include <memory>
#include <string>

namespace asnbelajar::cli {
namespace {

struct CopyOptions {
    std::string from, to;
};

// The source is read as one snapshot; the target is written in one transaction with its audit row (the copy's
// own, after the source's), or not at all (a target this created is removed again).
void run_copy(Context& ctx, const CopyOptions& o) {
    if (o.from == o.to) throw UsageError(_("db copy: FROM and TO are the same store"));
    const std::unique_ptr<store::Store> from = store::open(o.from, store::Access::read);
    CopyCounts copied;
    std::string target;
    {
        ProgressBar bar(ctx.err, ctx.progress_allowed(), "db copy");
        ctx.write_to(o.to, [&](store::Store& to) -> std::int64_t {
            target = to.location();
            copied = copy_store(*from, to, bar.callback());
            return copied.total();
        });
    }
    const auto n = [&](store::Table t) { return copied.rows[static_cast<std::size_t>(t)]; };
    ctx.note(tr(
        "copied {} to {}: {} participants, {} sessions, {} enrollments, {} attendance marks, {} attendance "
        "rows, {} certificates, {} results, {} audit entries",
        from->location(), target, n(store::Table::participants), n(store::Table::sessions),
        n(store::Table::enrollments), n(store::Table::attendance_marks), n(store::Table::attendance),
        n(store::Table::certificates), n(store::Table::results), n(store::Table::audit_log)));
}

} // namespace

void setup_db_copy(CLI::App& db, Context& ctx) {
    auto o = std::make_shared<CopyOptions>();
    auto* copy = db.add_subcommand(
        "copy",
        _("Copy a whole store into a new one: between a store file and PostgreSQL, or within one kind"));
    copy->add_option("FROM", o->from, _("The store to copy: a store file or a postgresql:// URL"))
        ->required();
    copy->add_option("TO", o->to,
                     _("A new store: a file that does not exist yet, or an empty PostgreSQL database"))
        ->required();
    copy->footer(footer(
        _("Copies every row (ids, arrival order, certificate numbers and their counter, the audit "
          "log) in\none transaction on TO, checking the row counts; TO must hold no rows. --db is "
          "not used."),
        {"asnbelajar db copy /srv/asnbelajar/asnbelajar.db postgresql://asnb@db.example.go.id/registry",
         "asnbelajar db copy postgresql://asnb@db.example.go.id/registry offline.db"}));
    copy->callback([&ctx, o] { run_copy(ctx, *o); });
}

} // namespace asnbelajar::cli
