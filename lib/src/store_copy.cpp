// Copying a whole store into another through the store's interface (store_copy.hpp).
#include "asnbelajar/store_copy.hpp"

#include "asnbelajar/error.hpp"

#include "asnbelajar/i18n.hpp"

#include <fmt/format.h>

#include <string>

namespace asnbelajar {
namespace {

std::size_t index(store::Table t) {
    return static_cast<std::size_t>(t);
}

// Hands each batch read from the source to the target, counting and reporting progress.
class CopySink final : public store::TableSink {
  public:
    CopySink(store::Store& to, const ProgressFn& progress) : to_(to), progress_(progress) {}

    void counted(const std::array<std::int64_t, store::all_tables.size()>& rows) override {
        expected_ = rows;
        for (std::int64_t n : rows)
            total_ += static_cast<std::uint64_t>(n);
        report();
    }

    void rows(store::Table table, const store::TableRows& batch) override {
        to_.import_rows(table, batch);
        copied_.rows[index(table)] += static_cast<std::int64_t>(batch.rows);
        done_ += batch.rows;
        report();
    }

    void report() const {
        if (progress_) progress_(Progress{done_, total_, done_, "rows"});
    }

    const std::array<std::int64_t, store::all_tables.size()>& expected() const { return expected_; }
    const CopyCounts& copied() const { return copied_; }

  private:
    store::Store& to_;
    const ProgressFn& progress_;
    std::array<std::int64_t, store::all_tables.size()> expected_{};
    CopyCounts copied_;
    std::uint64_t total_ = 0, done_ = 0;
};

} // namespace

std::int64_t CopyCounts::total() const {
    std::int64_t n = 0;
    for (std::int64_t r : rows)
        n += r;
    return n;
}

CopyCounts copy_store(const store::Store& from, store::Store& to, const ProgressFn& progress) {
    // The target must be empty: a copy keeps the source's ids, which would collide with rows already there.
    // (A new store holds one row, the certificate counter at 0: the copy's value replaces it.)
    std::string held;
    for (store::Table t : store::all_tables) {
        if (t == store::Table::counters) continue;
        if (const std::int64_t n = to.count_rows(t); n > 0)
            held += fmt::format("{}{} {}", held.empty() ? "" : ", ", n, store::table_name(t));
    }
    if (!held.empty())
        throw Error(tr("the target store {} is not empty ({}): db copy writes only into a new store; "
                       "name a new file or an empty PostgreSQL database, or remove the target first",
                       to.location(), held));

    CopySink sink(to, progress);
    from.export_tables(sink);
    to.end_import();
    for (store::Table t : store::all_tables) {
        const std::int64_t read = sink.expected()[index(t)];
        const std::int64_t copied = sink.copied().rows[index(t)];
        const std::int64_t there = to.count_rows(t);
        if (copied != read || there != read)
            throw Error(tr("db copy: {} of {} has {} rows, but {} were copied and {} are in {}; "
                           "nothing was kept",
                           store::table_name(t), from.location(), read, copied, there, to.location()));
    }
    sink.report();
    return sink.copied();
}

} // namespace asnbelajar
