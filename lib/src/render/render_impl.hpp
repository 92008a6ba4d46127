// Private to the renderers: one entry point per format.
#pragma once

#include "asnbelajar/render.hpp"

#include <string_view>

namespace asnbelajar {

void render_text_table(const Report& report, const RenderOptions& options, std::ostream& out);
void render_delimited(const Report& report, char delimiter, const RenderOptions& options, std::ostream& out);
void render_json(const Report& report, std::ostream& out);
void render_jsonl(const Report& report, std::ostream& out);

// Code points in UTF-8 text: the display width of the scripts our reports carry.
std::size_t display_width(std::string_view s);
// A JSON string literal, quotes included.
std::string json_string(std::string_view s);

} // namespace asnbelajar
