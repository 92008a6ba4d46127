// Loading the program's modules (modules.hpp).
#include "modules.hpp"

#include "asnbelajar/i18n.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <fmt/format.h>

#include <climits>
#include <cstdlib>
#include <vector>

#ifndef ASNBELAJAR_MODULE_DIR
#define ASNBELAJAR_MODULE_DIR "../lib/asnbelajar" // relative to the program's directory
#endif

namespace asnbelajar {
namespace {

// The directory of the running program ("" when unknown).
std::string program_dir() {
    char buf[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return {};
    std::string path(buf, static_cast<std::size_t>(n));
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::vector<std::string> module_candidates(const char* env_var, const char* file) {
    if (const char* env = std::getenv(env_var); env && *env) return {env};
    std::vector<std::string> out;
    if (std::string dir = program_dir(); !dir.empty()) {
        out.push_back(dir + "/" + file);
        out.push_back(dir + "/" + ASNBELAJAR_MODULE_DIR + "/" + file);
    }
    return out;
}

} // namespace

const void* load_module(const char* env_var, const char* file, const char* entry,
                        const std::function<const void*(void* entry)>& accept, std::string& reasons) {
    for (const std::string& path : module_candidates(env_var, file)) {
        void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char* why = ::dlerror();
            reasons += fmt::format("; {}", why ? why : path);
            continue;
        }
        void* symbol = ::dlsym(handle, entry);
        const void* found = symbol ? accept(symbol) : nullptr;
        if (!found) {
            reasons += tr("; {}: from another build of asnbelajar", path);
            continue; // the handle stays open: the module may have been used already
        }
        return found;
    }
    return nullptr;
}

} // namespace asnbelajar
