// One table of a store's export (Store::export_tables()) as text, for tests that compare what was stored.
#pragma once

#include "asnbelajar/store.hpp"

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <variant>

// Collects the rows of `table`, each as " [v1,v2,...,]" with NULL for a missing value, leaving out the column
// `skip` (a time of writing, say); other tables are ignored.
struct TableText : asnbelajar::store::TableSink {
    asnbelajar::store::Table table;
    std::size_t skip;
    std::string out;
    explicit TableText(asnbelajar::store::Table t,
                       std::size_t skip_column = std::numeric_limits<std::size_t>::max())
        : table(t), skip(skip_column) {}
    void counted(const std::array<std::int64_t, asnbelajar::store::all_tables.size()>&) override {}
    void rows(asnbelajar::store::Table t, const asnbelajar::store::TableRows& batch) override {
        if (t != table) return;
        for (std::size_t r = 0; r < batch.rows; ++r) {
            out += " [";
            for (std::size_t c = 0; c < batch.columns; ++c) {
                if (c == skip) continue;
                const asnbelajar::store::Value& v = batch.at(r, c);
                if (const auto* i = std::get_if<std::int64_t>(&v))
                    out += fmt::format("{},", *i);
                else if (const auto* x = std::get_if<std::string>(&v))
                    out += *x + ",";
                else
                    out += "NULL,";
            }
            out += "]";
        }
    }
};
