// The library's one error type.
#pragma once

#include <stdexcept>
#include <string>

namespace asnbelajar {

// Thrown by library functions for any failure a user can act on (bad input, unknown session or person,
// conflict, store problem). The message is complete and user-facing; the CLI prints it after
// "asnbelajar: error: " and exits 1.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

} // namespace asnbelajar
