#include "asnbelajar/csv_import.hpp"

#include "asnbelajar/csv.hpp"
#include "asnbelajar/i18n.hpp"
#include "asnbelajar/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace asnbelajar {
namespace {

constexpr std::size_t value_limit = 60; // characters of a cell shown in a message

// "column: value: reason", or "reason" for a problem of the whole row.
std::string problem_text(const RowProblem& p) {
    if (p.column.empty()) return p.reason;
    return fmt::format("{}: {}: {}", p.column, shown_value(p.value), p.reason);
}

} // namespace

std::string shown_value(std::string_view value) {
    if (value.empty()) return _("(empty)");
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if ((c & 0xC0) != 0x80 && ++chars > value_limit) {
            out += "…";
            break;
        }
        out += c == '\n' || c == '\r' || c == '\t' ? ' ' : static_cast<char>(c);
    }
    return out;
}

std::string format_problem(std::string_view file, std::size_t line, const RowProblem& problem) {
    return fmt::format("{}:{}: {}", file, line, problem_text(problem));
}

std::optional<RowProblem> width_problem(const std::vector<std::string_view>& fields, std::size_t n) {
    const auto extra_blank = [&] {
        return std::all_of(fields.begin() + static_cast<std::ptrdiff_t>(n), fields.end(),
                           [](std::string_view f) { return text::is_blank(f); });
    };
    if (fields.size() == n || (fields.size() > n && extra_blank())) return std::nullopt;
    return RowProblem{{},
                      {},
                      tr("the row has {} fields but the header has {} (a delimiter too many or too few, or "
                         "an unquoted cell containing one?)",
                         fields.size(), n)};
}

RejectsWriter::RejectsWriter(std::ostream* out, const CsvReader& reader)
    : out_(out), delimiter_(reader.delimiter()), bom_(reader.encoding() != Encoding::utf8) {}

void RejectsWriter::header(const std::vector<std::string>& file_header) {
    if (!out_) return;
    if (bom_) *out_ << "\xEF\xBB\xBF";
    fields_.clear();
    fields_.push_back("line");
    fields_.push_back("error");
    fields_.insert(fields_.end(), file_header.begin(), file_header.end());
    write_csv_record(*out_, fields_, delimiter_);
}

void RejectsWriter::row(std::size_t line, const std::vector<std::string_view>& fields,
                        const std::vector<RowProblem>& problems) {
    if (!out_) return;
    std::string error;
    for (const RowProblem& p : problems) {
        if (!error.empty()) error += "; ";
        error += problem_text(p);
    }
    const std::string line_text = std::to_string(line);
    fields_.clear();
    fields_.push_back(line_text);
    fields_.push_back(error);
    fields_.insert(fields_.end(), fields.begin(), fields.end());
    write_csv_record(*out_, fields_, delimiter_);
}

} // namespace asnbelajar
