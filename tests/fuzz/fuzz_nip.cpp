// check_nip and nip_digits on arbitrary text: they never throw, and a NIP they accept is 18 digits that are
// accepted again, unchanged, when checked a second time.
#include "fuzz_check.hpp"

#include "asnbelajar/nip.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace asnbelajar;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    constexpr int year = 2025; // fixed, so that a finding reproduces next year too
    const NipCheck c = check_nip(text, year);
    const std::string digits = nip_digits(text);
    for (char ch : digits)
        FUZZ_REQUIRE(ch >= '0' && ch <= '9');
    if (!c.ok) {
        FUZZ_REQUIRE(!c.error.empty());
        FUZZ_REQUIRE(c.nip.empty());
        return 0;
    }
    FUZZ_REQUIRE(!c.mangled);
    FUZZ_REQUIRE(c.nip.size() == 18);
    FUZZ_REQUIRE(c.nip == digits);
    const NipCheck again = check_nip(c.nip, year);
    FUZZ_REQUIRE(again.ok && again.nip == c.nip && again.kind == c.kind);
    // A NIP valid this year stays valid later (the bounds only widen with time).
    FUZZ_REQUIRE(check_nip(text, year + 1).ok);
    return 0;
}
