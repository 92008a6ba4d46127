#pragma once

#include "asnbelajar/error.hpp"

#include <string>

// The message of the asnbelajar::Error that calling `fn` throws, or "" when it throws none (any other exception
// escapes, failing the test).
template <typename F> std::string error_of(F&& fn) {
    try {
        fn();
    } catch (const asnbelajar::Error& e) {
        return e.what();
    }
    return "";
}
