// Loading the program's modules: shared objects built beside the program and installed in
// LIBDIR/asnbelajar/, which hold the libraries that only a few commands need (asnbelajar-pdf.so: cairo, pango,
// libzbar…; asnbelajar-pg.so: libpq), so that every other command starts without loading them (issue 18).
#pragma once

#include <functional>
#include <string>

namespace asnbelajar {

// Opens module `file` (dlopen, RTLD_NOW | RTLD_LOCAL) from the first place that has one: the file named by
// $`env_var` when that is set (tests run from another directory), else beside the program (a build tree), else
// BINDIR/../LIBDIR/asnbelajar/ relative to the program's directory (any install prefix, the .deb). Calls
// `accept(entry)` with the address of the module's symbol `entry`; it returns the module's table, or nullptr
// for a module from another build (the next place is tried). Returns the table, or nullptr with `reasons` set
// to "; PLACE: WHY" for each place tried. The module stays loaded for the life of the process.
const void* load_module(const char* env_var, const char* file, const char* entry,
                        const std::function<const void*(void* entry)>& accept, std::string& reasons);

} // namespace asnbelajar
