#include "asnbelajar/table.hpp"

#include <stdexcept>

namespace asnbelajar {

std::size_t Table::index(const std::string& key) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].key == key) return i;
    throw std::out_of_range("no column " + key);
}

void Table::each_row(const RowSink& sink) const {
    for (const Row& row : rows)
        sink(row);
    if (stream) stream(sink);
}

const std::string& label(const Column& c, Lang lang) {
    return lang == Lang::en ? c.label_en : c.label_id;
}

std::string_view value_label(const Column& c, std::string_view value, Lang lang) {
    for (const ValueLabel& v : c.values)
        if (v.key == value) return lang == Lang::en ? v.label_en : v.label_id;
    return value;
}

} // namespace asnbelajar
