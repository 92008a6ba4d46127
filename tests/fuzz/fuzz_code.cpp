// parse_verification_code on arbitrary text (a QR code or a link from anyone): it either finds no code, finds
// one, or throws asnbelajar::Error, nothing else; a code it finds has a 16-hex-digit key id and a 64-byte
// signature, and its fields, signed again under that key id, read back the same. parse_score, on the same
// text: a score in 0..10000 that format_score writes so that it parses back to itself, or a reason.
#include "fuzz_check.hpp"

#include "asnbelajar/error.hpp"
#include "asnbelajar/results.hpp"
#include "asnbelajar/verification.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace asnbelajar;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ScoreParse s = parse_score(text);
    if (s.score) {
        FUZZ_REQUIRE(*s.score >= 0 && *s.score <= 10000);
        FUZZ_REQUIRE(parse_score(format_score(*s.score)).score == s.score);
    } else {
        FUZZ_REQUIRE(!s.error.empty());
    }
    try {
        const auto code = parse_verification_code(text);
        if (!code) return 0;
        FUZZ_REQUIRE(code->key_id.size() == 16);
        FUZZ_REQUIRE(code->signature.size() == 64);
        FUZZ_REQUIRE(code->message.starts_with("ASNB1|" + code->key_id + "|"));
        // The rebuilt message and signature make a code whose fields read back the same.
        const auto again = parse_verification_code(code->text);
        FUZZ_REQUIRE(again && again->fields == code->fields && again->message == code->message);
    } catch (const Error&) {
        // a malformed code: reported to the user as such
    }
    return 0;
}
