// Private to the renderers: one entry point per format.
#pragma once

#include "asnbelajar/render.hpp"

#include <string_view>

namespace asnbelajar::render {

void render_text_table(const Report& report, const Options& options, std::ostream& out);
void render_delimited(const Report& report, char delimiter, const Options& options, std::ostream& out);
void render_json(const Report& report, std::ostream& out);
void render_jsonl(const Report& report, std::ostream& out);
void render_markdown(const Report& report, std::ostream& out);
void render_html(const Report& report, std::ostream& out);

// Text escaped for a GitHub-flavoured Markdown table cell: markup characters get a backslash, `|` included;
// line breaks become spaces.
std::string markdown_escape(std::string_view s);
// Text escaped for HTML element content and quoted attribute values.
std::string html_escape(std::string_view s);

// Columns shown right-aligned and written as numbers: integer, year, jp, rate.
bool is_numeric(ColumnType t);
// Code points in UTF-8 text: the display width of the scripts our reports carry.
std::size_t display_width(std::string_view s);
// Cuts text to `width` code points, marking the cut with an ellipsis.
std::string fit(const std::string& s, std::size_t width);
// A JSON string literal, quotes included.
std::string json_string(std::string_view s);

} // namespace asnbelajar::render
