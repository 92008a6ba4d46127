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
    constexpr Date today{2025, 6, 15}; // fixed, so that a finding reproduces next year too
    const NipCheck c = check_nip(text, today);
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
    const NipCheck again = check_nip(c.nip, today);
    FUZZ_REQUIRE(again.ok && again.nip == c.nip && again.kind == c.kind);
    // A NIP valid today stays valid later (the bounds only widen with time), and its digits 13-14 say its kind.
    FUZZ_REQUIRE(check_nip(text, Date{today.year, today.month + 1, 1}).ok);
    FUZZ_REQUIRE(check_nip(text, Date{today.year + 1, 1, 1}).ok);
    FUZZ_REQUIRE(nip_kind(c.nip) == c.kind);
    return 0;
}
