// Hash tables for the bulk paths, where a million entries must cost memory, not allocations: open addressing
// over flat arrays of small slots. Private to the library.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace asnbelajar {

// Open addressing with linear probing over slots of `Slot` (a struct whose member `id` is 0 in an empty slot),
// placed by the low bits of a 64-bit hash (callers pass well-mixed hashes, or ids: consecutive ids then sit in
// consecutive slots); grows at 70 % full. A find that ends on an empty slot remembers it, so that adding that
// very key next costs no second walk through memory (the common case of an import's new people).
template <class Slot> class ProbeTable {
  public:
    ProbeTable() : slots_(std::size_t{1} << bits_) {}

    // Room for `n` entries without growing.
    void reserve(std::size_t n) {
        unsigned bits = bits_;
        while (n * 10 > (std::size_t{1} << bits) * 7)
            ++bits;
        if (bits != bits_) rehash(bits);
    }

    // Starts loading the memory of hash `h`'s first slot, for a find a little later.
    void prefetch(std::uint64_t h) const { __builtin_prefetch(&slots_[index(h)]); }

    // Calls `match(slot)` on the slots of hash `h` until it returns true: that slot, or nullptr.
    template <class Match> const Slot* find(std::uint64_t h, Match&& match) const {
        std::size_t i = index(h);
        for (;; i = (i + 1) & mask()) {
            if (slots_[i].id == 0) break;
            if (match(slots_[i])) return &slots_[i];
        }
        hint_hash_ = h;
        hint_ = i;
        has_hint_ = true;
        return nullptr;
    }

    // Empties the table, keeping its size.
    void clear() {
        std::fill(slots_.begin(), slots_.end(), Slot{});
        used_ = 0;
        has_hint_ = false;
    }

    void add(std::uint64_t h, const Slot& s) {
        if ((used_ + 1) * 10 > slots_.size() * 7) grow();
        if (has_hint_ && hint_hash_ == h && slots_[hint_].id == 0)
            slots_[hint_] = s;
        else
            place(h, s);
        has_hint_ = false;
        ++used_;
    }

  private:
    std::size_t mask() const { return slots_.size() - 1; }
    std::size_t index(std::uint64_t h) const { return static_cast<std::size_t>(h) & mask(); }
    void place(std::uint64_t h, const Slot& s) {
        std::size_t i = index(h);
        while (slots_[i].id != 0)
            i = (i + 1) & mask();
        slots_[i] = s;
    }
    void grow() { rehash(bits_ + 1); }
    void rehash(unsigned bits) {
        std::vector<Slot> old(std::size_t{1} << bits);
        old.swap(slots_);
        bits_ = bits;
        has_hint_ = false;
        for (const Slot& s : old)
            if (s.id != 0) place(Slot::hash_of(s), s);
    }

    unsigned bits_ = 10;
    std::vector<Slot> slots_;
    std::size_t used_ = 0;
    mutable bool has_hint_ = false;
    mutable std::uint64_t hint_hash_ = 0;
    mutable std::size_t hint_ = 0;
};

// Ids by a text key, for tables of many keys in memory (a store's NIPs or e-mail addresses): a 64-bit hash of
// the key → the ids added with a key of that hash. Several ids may share a hash (a collision, or a key the id's
// owner no longer has), so a caller checks each candidate against the real key. 16 bytes a slot.
class KeyIndex {
  public:
    static std::uint64_t hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

    void reserve(std::size_t n) { table_.reserve(n); }
    void clear() { table_.clear(); }
    // `id` must not be 0. `h`: hash(key), when the caller has it already.
    void add(std::string_view key, std::int64_t id) { add_hashed(hash(key), id); }
    void add_hashed(std::uint64_t h, std::int64_t id) { table_.add(h, {h, id}); }
    void prefetch(std::string_view key) const { table_.prefetch(hash(key)); }
    // Calls `is_it(id)` for each candidate of `key` until one returns true; returns that id, or 0.
    template <class F> std::int64_t find(std::string_view key, F&& is_it) const {
        return find_hashed(hash(key), std::forward<F>(is_it));
    }
    template <class F> std::int64_t find_hashed(std::uint64_t h, F&& is_it) const {
        const Slot* s = table_.find(h, [&](const Slot& slot) { return slot.hash == h && is_it(slot.id); });
        return s ? s->id : 0;
    }

  private:
    struct Slot {
        std::uint64_t hash = 0;
        std::int64_t id = 0; // 0: empty slot
        static std::uint64_t hash_of(const Slot& s) { return s.hash; }
    };
    ProbeTable<Slot> table_;
};

} // namespace asnbelajar
