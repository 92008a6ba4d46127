// Loading the program's modules: shared objects built beside the program and installed in
// LIBDIR/asnbelajar/, which hold the libraries that only a few commands need (asnbelajar-pdf.so: cairo, pango,
// libzbar…; asnbelajar-pg.so: libpq), so that every other command starts without loading them (issue 18).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace asnbelajar {

// Opens module `file` (dlopen, RTLD_NOW | RTLD_LOCAL) from the first place that has one: the file named by
// $`env_var` when that is set (tests run from another directory), else beside the program (a build tree), else
// BINDIR/../LIBDIR/asnbelajar/ relative to the program's directory (any install prefix, the .deb). Calls
// `accept(entry)` with the address of the module's symbol `entry`; it returns the module's table, or nullptr
// for a module from another build (the next place is tried). Returns the table, or nullptr with `reasons` set
// to "; PLACE: WHY" for each place tried. The module stays loaded for the life of the process.
const void* load_module(const char* env_var, const char* file, const char* entry,
                        const std::function<const void*(void* entry)>& accept, std::string& reasons);

// load_module() for a module whose `entry` is a function returning its table of library functions, `Api`,
// which starts with the program's version (`version`) and its own size (`size`): a table of another build
// (another version, or another size) is refused. Returns the table, or nullptr with `reasons` set.
template <class Api>
const Api* load_module_table(const char* env_var, const char* file, const char* entry, const char* version,
                             std::string& reasons) {
    return static_cast<const Api*>(load_module(
        env_var, file, entry,
        [version](void* function) -> const void* {
            const Api* api = reinterpret_cast<const Api* (*)()>(function)();
            return api && std::string_view(api->version) == version && api->size == sizeof(Api) ? api
                                                                                                : nullptr;
        },
        reasons));
}

} // namespace asnbelajar
