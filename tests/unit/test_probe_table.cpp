// The bulk paths' hash table (lib/src/probe_table.hpp): what a find remembers for the add after it must never
// place a key where a later find of that key does not look.
#include "probe_table.hpp"

#include <doctest/doctest.h>

#include <cstdint>

using asnbelajar::KeyIndex;

namespace {

const auto any_id = [](std::int64_t) { return true; };
const auto no_id = [](std::int64_t) { return false; };

} // namespace

TEST_CASE("KeyIndex: ids by hash, several to a hash, found by the caller's check") {
    KeyIndex index;
    CHECK(index.find_hashed(5, any_id) == 0);
    index.add_hashed(5, 1);
    index.add_hashed(5, 2); // the same hash: a collision, or a key its owner gave up
    index.add_hashed(6, 3);
    CHECK(index.find_hashed(5, [](std::int64_t id) { return id == 2; }) == 2);
    CHECK(index.find_hashed(5, any_id) == 1);
    CHECK(index.find_hashed(6, any_id) == 3);
    CHECK(index.find_hashed(7, any_id) == 0);
    CHECK(index.find("e@x.id", any_id) == 0);
    index.add("e@x.id", 4);
    CHECK(index.find("e@x.id", any_id) == 4);
}

TEST_CASE("KeyIndex: a key added after the miss of another key is found where a find looks for it") {
    // The slot a missed find ended on is kept for adding that key next; adding another key (hash 0 is one)
    // must not take it.
    KeyIndex index;
    CHECK(index.find_hashed(1, any_id) == 0);
    index.add_hashed(0, 7);
    CHECK(index.find_hashed(0, any_id) == 7);
    CHECK(index.find_hashed(1, any_id) == 0);
}

TEST_CASE("KeyIndex: a table cleared forgets the slot its last miss ended on") {
    KeyIndex index;
    index.add_hashed(5, 1);
    // A miss past id 1 (its check refuses it) ends on the slot after it.
    CHECK(index.find_hashed(5, no_id) == 0);
    index.clear();
    // The key's first slot is free again (a find now would end there): the add goes there, where the next find
    // looks first.
    index.add_hashed(5, 2);
    CHECK(index.find_hashed(5, any_id) == 2);
}

TEST_CASE("KeyIndex: a million ids, grown from the first size and reserved, each found") {
    for (const bool reserved : {false, true}) {
        CAPTURE(reserved);
        KeyIndex index;
        constexpr std::int64_t n = 1'000'000;
        if (reserved) index.reserve(n);
        const auto hash = [](std::int64_t id) {
            return static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ULL;
        };
        for (std::int64_t id = 1; id <= n; ++id)
            index.add_hashed(hash(id), id);
        std::int64_t found = 0;
        for (std::int64_t id = 1; id <= n; ++id)
            found +=
                index.find_hashed(hash(id), [&](std::int64_t candidate) { return candidate == id; }) == id;
        CHECK(found == n);
        CHECK(index.find_hashed(0x12345, any_id) == 0);
    }
}

TEST_CASE(
    "KeyIndex: a miss just before the add that grows the table does not place the key by the old size") {
    // 1,024 slots grow to 2,048 at the 717th add. Hash 1029 sits in slot 5 of the small table, 1029 of the large.
    KeyIndex index;
    for (std::int64_t id = 1; id <= 716; ++id)
        index.add_hashed(static_cast<std::uint64_t>(99 + id), id); // slots 100 to 815 in both sizes
    CHECK(index.find_hashed(1029, any_id) == 0);                   // ends on slot 5
    index.add_hashed(1029, 717);                                   // grows first
    CHECK(index.find_hashed(1029, any_id) == 717);
    CHECK(index.find_hashed(100, any_id) == 1);
    CHECK(index.find_hashed(815, any_id) == 716);
}
